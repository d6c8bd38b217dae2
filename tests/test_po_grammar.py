"""Valid gettext is read, invalid gettext is refused by line (issue 9, item 11).

The msgfmt oracle (test_po_gettext_oracle.py) checks the decisions on hundreds of
variants; this table pins what is kept and which line is named, without msgfmt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.catalog import render
from l10n.errors import CatalogError
from l10n.pofile import parse_po, scan_po
from tests.conftest import CliResult, snapshot

HEADER = 'msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n\n'  # lines 1-4


def test_empty_context_is_a_different_key_from_no_context() -> None:
    po = parse_po(HEADER + 'msgctxt ""\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', "x.po")
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [("", "a", "x"), (None, "a", "y")]
    assert 'msgctxt ""\nmsgid "a"' in render(po)


def test_comment_without_space_and_lone_obsolete_mark_are_read() -> None:
    po = parse_po(HEADER + '#note\n#.auto\n#:a.md:3\n#,fuzzy\n#~\nmsgid "a"\nmsgstr "x"\n', "x.po")
    [entry] = po
    assert (entry.tcomment, entry.comment, entry.occurrences, entry.flags) == ("note", "auto", [("a.md", "3")],
                                                                             ["fuzzy"])
    assert entry.linenum == 10


def test_plural_entries_are_kept_on_read_and_render() -> None:
    text = HEADER + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    [entry] = parse_po(text, "x.po")
    assert entry.msgid_plural == "many" and entry.msgstr_plural == {0: "x", 1: "y"}
    [_, scanned] = scan_po(text, "x.po").entries
    assert scanned.plural_forms == ("x", "y") and scanned.msgstr == "x"
    assert parse_po(render(parse_po(text, "x.po")), "x.po")[0].msgstr_plural == {0: "x", 1: "y"}


def test_obsolete_previous_msgid_is_kept() -> None:
    [entry] = parse_po(HEADER + '#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "x"\n', "x.po")
    assert entry.obsolete and entry.previous_msgid == "old"


def test_backslash_newline_joins_lines_as_gettext_does() -> None:
    [entry] = parse_po(HEADER + 'msgid "ap\\\nple"\nmsgstr "x"\n', "x.po")
    assert entry.msgid == "apple" and entry.linenum == 5


def test_comment_ending_in_backslash_cannot_swallow_the_next_line() -> None:
    po = parse_po(HEADER + 'msgid "a"\nmsgstr "x"\n', "x.po")
    po[0].tcomment, po[0].comment, po[0].flags = "C:\\", "ends in \\", ["fuzzy"]
    rendered = render(po)
    assert "\\\n" not in rendered
    [again] = parse_po(rendered, "x.po")
    assert (again.msgid, again.tcomment, again.comment, again.flags) == ("a", "C:\\", "ends in \\", ["fuzzy"])


@pytest.mark.parametrize(("body", "line", "what"), [
    ('msgid "a"\nmsgstr[0] "x"\n', 6, "without msgid_plural"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "x"\nmsgstr[0] "y"\n', 7, "out of order"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\n', 8, "out of order"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n', 7, "msgid_plural followed by msgstr"),
    ('msgid "a"\n#~ msgstr "x"\n', 6, "inconsistent use of #~"),
    ('#~ msgid "a"\nmsgstr "x"\n', 6, "inconsistent use of #~"),
    ('msgid "a"\n#~ "more"\nmsgstr "x"\n', 6, "inconsistent use of #~"),
    ('msgid "a"\n# note\nmsgstr "x"\n', 6, "comment inside an entry"),
    ('#~ msgid "a"\n#~ msgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 8, "duplicate entry"),
    ('msgid "a"\nmsgstr "x\\0y"\n', 6, "NUL"),
    ('msgid "a\x04b"\nmsgstr "x"\n', 5, "U\\+0004"),
    ('msgid "a"\nmsgstr "x"\n#| msgid "dangling"\n', 7, "without an entry"),
    ('msgid[0] "a"\nmsgstr "x"\n', 5, "cannot have an index"),
])
def test_invalid_gettext_is_refused_by_line(body: str, line: int, what: str) -> None:
    with pytest.raises(CatalogError, match=what) as caught:
        parse_po(HEADER + body, "x.po")
    assert caught.value.line == line


@pytest.mark.parametrize("appended", [
    'msgid "x"\nmsgstr "\\xg"\n',
    'msgid "x"\nmsgstr[0] "y"\n',
    'msgid "x"\n#~ msgstr "y"\n',
    'msgid "x"\nmsgstr "\\303("\n',
])
def test_cli_update_refuses_with_one_line_and_writes_nothing(project: Path, cli: Callable[..., CliResult],
                                                             appended: str) -> None:
    cli("extract", "release.md")
    cli("update")
    po = project / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "release.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n" + appended, encoding="utf-8")
    before = snapshot(project)
    r = cli("update")
    assert r.code == 2 and "release.po:" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert snapshot(project) == before
