"""Code nothing called is gone (issue 11, item 7): a name that comes back must come back
with a caller."""

from __future__ import annotations

import importlib

import pytest

REMOVED = [
    ("l10n.config", "describe"),
    ("l10n.translate", "MACHINE_PREFIXES"),
    ("l10n.translate", "DRAFT_PREFIX"),
    ("l10n.catalog", "PROVENANCE_PREFIXES"),
    ("l10n.model", "unit_id"),
    ("l10n.commands._common", "DEFAULT_LOCALES"),
]


@pytest.mark.parametrize(("module", "name"), REMOVED, ids=lambda v: str(v))
def test_removed_names_stay_removed(module: str, name: str) -> None:
    assert not hasattr(importlib.import_module(module), name)


def test_unit_has_no_uid() -> None:
    from l10n.model import Unit

    assert not hasattr(Unit, "uid")
