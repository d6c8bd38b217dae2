"""The extractors' handler tables cover every named alternative of their master scans.

A group added to a scan without a handler would raise KeyError at the first text that
matches it; this pins the table and the scan together.
"""

from __future__ import annotations

import pytest

from l10n.numbers import en, zh

#: Groups the English loop handles itself: look-alikes it skips, and a number with what
#: follows it ("q" alone or with its "tail"), read by ``_make_q``.
EN_LOOP_GROUPS = {"skip", "q", "tail"}
ZH_LOOP_GROUPS = {"skip"}


@pytest.mark.parametrize(("scan", "table", "loop"), [
    (en.MASTER_EN, en.MAKERS_EN, EN_LOOP_GROUPS),
    (zh.MASTER_ZH, zh.MAKERS_ZH, ZH_LOOP_GROUPS),
], ids=["en", "zh"])
def test_every_group_has_one_handler(scan: object, table: dict[str, object], loop: set[str]) -> None:
    groups = set(scan.groupindex)  # type: ignore[attr-defined]
    assert groups - loop <= set(table)  # English has more: _make_q's readings of "q"


@pytest.mark.parametrize(("text", "expected"), [
    ("first 5 years", [5]),                   # "front": "first" passed over, 5 read
    ("March 5-7, 2025", [0, 0]),              # "mdrange" shares the day-range handler
])
def test_handlers_shared_or_empty(text: str, expected: list[int]) -> None:
    assert [h.value for h in en.extract_en_hits(text)] == expected
