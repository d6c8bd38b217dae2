"""The PO scan fills its frozen entries without their ``__init__`` (``pofile._frozen``):
that is only the same object while the classes have no ``__post_init__`` and the scan
gives every field, in order."""

from __future__ import annotations

import dataclasses

from l10n.model import Entry
from l10n.pofile import _ENTRY_FIELDS, _SCANNED_FIELDS, ScannedEntry, _frozen, scan_po


def test_frozen_is_the_constructor() -> None:
    for cls, names in ((Entry, _ENTRY_FIELDS), (ScannedEntry, _SCANNED_FIELDS)):
        assert not hasattr(cls, "__post_init__")
        assert names == tuple(f.name for f in dataclasses.fields(cls))
        values = tuple(f"v{i}" for i in range(len(names)))
        made = _frozen(cls, names, values)
        assert made == cls(*values) and repr(made) == repr(cls(*values))
        assert hash(made) == hash(cls(*values))


def test_blank_lines_after_plain_entries_keep_the_line_numbers() -> None:
    text = ('msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n\n'
            '#: a.md:1\nmsgid "One."\nmsgstr "一。"\n\n\n'
            '#: a.md:2\nmsgid "Two."\nmsgstr "二。"\n\n'
            '#, fuzzy\nmsgid "Three."\nmsgstr "三。"\n')
    scanned = scan_po(text, "x.po")
    assert [(e.msgid, e.line, e.msgstr_line) for e in scanned.entries[1:]] == [
        ("One.", 6, 7), ("Two.", 11, 12), ("Three.", 15, 16)]
    assert [e.line for e in scanned.checkable("x.po")] == [6, 11, 15]
