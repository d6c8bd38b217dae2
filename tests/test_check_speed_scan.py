"""The PO scan steps over the blank line after an entry it read in one match
(``_scan_plain``): every entry keeps its line numbers, however many blank lines follow."""

from __future__ import annotations

from l10n.pofile import scan_po


def test_blank_lines_after_plain_entries_keep_the_line_numbers() -> None:
    text = ('msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n\n'
            '#: a.md:1\nmsgid "One."\nmsgstr "一。"\n\n\n'
            '#: a.md:2\nmsgid "Two."\nmsgstr "二。"\n\n'
            '#, fuzzy\nmsgid "Three."\nmsgstr "三。"\n')
    scanned = scan_po(text, "x.po")
    assert [(e.msgid, e.line, e.msgstr_line) for e in scanned.entries[1:]] == [
        ("One.", 6, 7), ("Two.", 11, 12), ("Three.", 15, 16)]
    assert [e.line for e in scanned.checkable("x.po")] == [6, 11, 15]
