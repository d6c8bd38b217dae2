"""scan_po's one-match road for plain entries (PLAIN_ENTRY_RE) must leave exactly what the
line-by-line road leaves: the same entries, lines, metadata, and the same error on the
same line, whatever surrounds a plain entry (continuations after its msgstr, #| lines,
flags, obsolete lines, duplicates)."""

from __future__ import annotations

import random

import pytest

from l10n.errors import CatalogError
from l10n.pofile import _logical_lines, _scan_line, _Scanner, scan_po

PIECES = ['#: a.md:1 b.md:2', '#:x', '#: ', '#. note', '#, fuzzy', '#, c-format, ignore-numbers',
          '#| msgid "old"', '#| msgctxt "c"', 'msgctxt "k"', 'msgid "A 1"', 'msgid ""', 'msgstr "甲"',
          'msgstr ""', '"more"', '""', '', 'msgid_plural "As"', 'msgstr[0] "a"', 'msgstr[1] "b"',
          '#~ msgid "o"', '#~ msgstr "p"', '# translator', 'msgid "A 1" ', 'msgstr "q"', 'msgid "x\\n"']
PLAIN = ['#: r.md:1', 'msgctxt "u1"', 'msgid "Hello 1"', 'msgstr "你好1"', '']
#: The msgid and msgstr lines of PLAIN as msgcat wraps long strings: an empty first line
#: and pieces, or a first piece and more (both are one string to gettext).
WRAPPED_IDS = [['msgid ""', '"Hello "', '"1"'], ['msgid "Hel"', '"lo 1"'], ['msgid ""', '"Hello 1"'],
               ['msgid ""', '""']]
WRAPPED_STRS = [['msgstr ""', '"你好"', '"1"'], ['msgstr "你"', '"好1"'], ['msgstr ""', '""'],
                ['msgstr ""', '"你好1"', '""', '"!"']]


def _line_by_line(text: str) -> object:
    """What scan_po gave before the one-match road: every line through _scan_line."""
    scanner = _Scanner("f.po")
    lineno = 0
    try:
        for lineno, raw in _logical_lines(text):
            _scan_line(scanner, raw, lineno, "f.po", True)
        scanner.end(lineno)
    except CatalogError as exc:
        return ("error", str(exc), exc.line)
    return ("ok", scanner.entries, scanner.header_comment)


def _scanned(text: str) -> object:
    try:
        catalog = scan_po(text, "f.po")
    except CatalogError as exc:
        return ("error", str(exc), exc.line)
    return ("ok", list(catalog.entries), list(catalog.header_comment))


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        lines: list[str] = []
        for _ in range(rng.randrange(1, 7)):
            if rng.random() < 0.5:
                plain = list(PLAIN)
                plain[1] = f'msgctxt "u{rng.randrange(4)}"'
                if rng.random() < 0.3:
                    plain[2:3] = rng.choice(WRAPPED_IDS)
                if rng.random() < 0.3:
                    plain[-2:-1] = rng.choice(WRAPPED_STRS)
                if rng.random() < 0.3:
                    plain.pop(1)
                lines += plain
            else:
                lines += [rng.choice(PIECES) for _ in range(rng.randrange(1, 5))]
        out.append("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    return out


@pytest.mark.parametrize("text", [
    '#: a.md:1\nmsgctxt "c"\nmsgid "a"\nmsgstr "b"\n\n#: a.md:2\nmsgid "c"\nmsgstr "d"\n',
    '#: a.md:1\nmsgid "a"\nmsgstr "b"\n"continued"\n',  # a continuation after the msgstr
    '#: a.md:1\nmsgid "a"\nmsgstr "b"\n\n\n"continued after blank lines"\n',
    '#: a.md:1\nmsgid "a"\nmsgstr "b"\n#: a.md:1\nmsgid "a"\nmsgstr "c"\n',  # duplicate
    '#: x\nmsgid "a"\nmsgstr "b"',  # no final newline
    '#, fuzzy\n#| msgid "o"\n#: x\nmsgid "a"\nmsgstr "b"\n',  # #: after #| is refused
    '#: a.md:1\nmsgid ""\n"a "\n"b"\nmsgstr ""\n"c"\n"d"\n\n#: a.md:2\nmsgid "e"\nmsgstr "f"\n',  # wrapped
    '#: a.md:1\nmsgctxt "c"\nmsgid "a"\n"b"\nmsgstr "d"\n"e"\n\n\n"after blank lines"\n',
    '#: a.md:1\nmsgid ""\n"a"\nmsgstr ""\n"b"',  # the last piece without a newline
    '#: a.md:1\nmsgid ""\n"a\\n"\n"b"\nmsgstr ""\n"c"\n',  # an escape in a piece: line by line
    '#: a.md:1\nmsgid ""\n"a"\nmsgstr ""\n#~ "b"\n',  # an obsolete piece in a live entry
])
def test_plain_entries_scan_as_their_lines_do(text: str) -> None:
    assert _scanned(text) == _line_by_line(text)


def test_plain_entries_keep_their_lines() -> None:
    catalog = scan_po('#: a.md:1\nmsgctxt "c"\nmsgid "a"\nmsgstr "b"\n\n#: a.md:2 b.md:3\nmsgid "c"\nmsgstr "d"\n',
                      "f.po")
    first, second = catalog.entries
    assert (first.line, first.msgstr_line, first.msgctxt, first.references) == (2, 4, "c", ("a.md:1",))
    assert (second.line, second.msgstr_line, second.msgctxt, second.references) == (7, 8, None,
                                                                                    ("a.md:2", "b.md:3"))


def test_wrapped_entries_keep_their_lines() -> None:
    """msgstr_line is the msgstr keyword's line after a wrapped msgid; the entry after a
    wrapped msgstr starts where its lines say."""
    catalog = scan_po('#: a.md:1\nmsgid ""\n"one "\n"two"\nmsgstr ""\n"一"\n"二"\n\n'
                      '#: a.md:2\nmsgctxt "k"\nmsgid "x"\n"y"\nmsgstr "z"\n', "f.po")
    first, second = catalog.entries
    assert (first.msgid, first.msgstr, first.line, first.msgstr_line) == ("one two", "一二", 2, 5)
    assert (second.msgid, second.msgstr, second.line, second.msgstr_line) == ("xy", "z", 10, 13)


def test_random_catalogs_scan_as_their_lines_do() -> None:
    texts = _texts(16, 3000)
    assert sum(_line_by_line(t)[0] == "ok" for t in texts) > 100  # the mix reaches valid catalogs too
    for text in texts:
        assert _scanned(text) == _line_by_line(text), text
