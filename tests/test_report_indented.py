"""``report.indented_json`` writes the report's head without json's Python encoder: it
must give ``json.dumps(value, ensure_ascii=False, indent=2)`` byte for byte."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.report import indented_json

_scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_values, st.integers(0, 3))
def test_indented_json_is_json_dumps(value: Any, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert indented_json(value, depth) == expected
