"""HTML past libxml2's limits is refused, not silently truncated (issue 9, item 10).

libxml2 stops building the tree at a nesting depth of 256 and at a text node over 10 MB
unless ``huge_tree`` is set; the built page then lost everything after that point. Such
a document is now refused with one line naming the file and line (exit 2). ``<!ENTITY``
written as text (in a comment, ``<pre>``, ``<code>``) is accepted; a real declaration
in a DOCTYPE's internal subset is still refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from l10n.build import build_document
from l10n.errors import InputError
from l10n.formats import HTML
from l10n.formats.html import ElementPath, find_entity_declaration
from l10n.locales import parse_locale

HK = parse_locale("zh-Hant-HK")
LIBXML_MAX_DEPTH = 255
TEN_MB = 10_000_000


def _nested(depth: int, tag: str = "div") -> str:
    return ("<html><body>" + f"<{tag}>" * depth + "<p>Deep sentence.</p>" + f"</{tag}>" * depth
            + "\n<p>After the nest.</p></body></html>")


def _texts(html: str) -> list[str]:
    return [b.text for b in HTML.parse(html, path="deep.html").blocks]


def test_nesting_within_the_limit_is_read_whole() -> None:
    assert _texts(_nested(LIBXML_MAX_DEPTH - 10)) == ["Deep sentence.", "After the nest."]


@pytest.mark.parametrize("depth", [256, 300, 1000])
@pytest.mark.parametrize("tag", ["div", "span"])
def test_nesting_past_the_limit_is_refused(depth: int, tag: str) -> None:
    with pytest.raises(InputError) as err:
        HTML.parse(_nested(depth, tag), path="deep.html")
    text = str(err.value)
    assert text.startswith("deep.html:1: HTML beyond the parser's limits")
    assert "255 elements deep" in text and "\n" not in text


def test_text_node_over_ten_megabytes_is_refused() -> None:
    html = "<html><body>\n<p>" + "a" * (TEN_MB + 1_000_000) + "</p><p>After.</p></body></html>"
    with pytest.raises(InputError) as err:
        HTML.parse(html, path="big.html")
    assert str(err.value).startswith("big.html:")
    assert "10 MB" in str(err.value)


def test_deep_html_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deep.html").write_text(_nested(300), encoding="utf-8")
    res = cli("extract", "deep.html")
    assert res.code == 2
    assert res.err.strip().count("\n") == 0
    assert "deep.html:1: HTML beyond the parser's limits" in res.err
    assert not (tmp_path / "locales").exists()


ENTITY_AS_TEXT = [
    "<html><body><!-- <!ENTITY x 'y'> is how a DTD declares one --><p>Text.</p></body></html>",
    "<html><body><pre>&lt;!DOCTYPE x [\n<!ENTITY x 'y'>\n]&gt;</pre><p>Text.</p></body></html>",
    "<html><body><p>Declare it with <code><!ENTITY x 'y'></code> in the DTD.</p></body></html>",
    "<html><body><p>Type <kbd><!ENTITY</kbd> here.</p></body></html>",
    "<html><body><script>var s = '<!ENTITY';</script><p>Text.</p></body></html>",
    "<!DOCTYPE html><html><body><!--\n<!DOCTYPE x [<!ENTITY a 'b'>]>\n--><p>Text.</p></body></html>",
]


@pytest.mark.parametrize("html", ENTITY_AS_TEXT)
def test_entity_written_as_text_is_accepted(html: str) -> None:
    assert find_entity_declaration(html) is None
    doc = HTML.parse(html, path="dtd.html")
    assert doc.blocks


ENTITY_DECLARED = [
    ("<!DOCTYPE html [\n<!ENTITY a 'aaaa'>\n]>\n<html><body><p>&a;</p></body></html>", 2),
    ("<!doctype html [<!-- note -->\n\n<!entity xxe SYSTEM 'file:///etc/passwd'>]><p>&xxe;</p>", 3),
    ("<!-- a comment first --><!DOCTYPE html [<!ENTITY a 'b'>]><p>&a;</p>", 1),
    ("<pre>fine</pre>\n<p>loose <!ENTITY a 'b'> declaration</p>", 2),
    # an unclosed subset: everything after the bracket is the subset
    ("<!DOCTYPE html [\n<p>text</p>\n<!ENTITY a 'b'>", 3),
]


@pytest.mark.parametrize(("html", "line"), ENTITY_DECLARED)
def test_real_entity_declaration_is_refused(html: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        HTML.parse(html, path="x.html")
    assert str(err.value).startswith(f"x.html:{line}: entity declarations are not allowed")


def test_hostile_xhtml_fixture_is_still_refused(tmp_path: Path) -> None:
    src = Path(__file__).parent / "data" / "html" / "hostile.xhtml"
    shutil.copy(src, tmp_path / "hostile.xhtml")
    with pytest.raises(InputError, match="entity declarations"):
        HTML.parse(src.read_text(encoding="utf-8"), path="hostile.xhtml")


def test_entity_scan_is_linear_on_unclosed_openers() -> None:
    """Thousands of unclosed ``<code>`` openers: one scan, no re-search per opener."""
    html = "<p>" + "<code>x " * 20_000 + "<!ENTITY a 'b'></p>"
    assert find_entity_declaration(html) is None  # inside the first (unclosed) <code>


def test_page_with_entity_in_code_builds() -> None:
    """libxml2 reads an unescaped ``<!ENTITY ...>`` as a bogus comment, as browsers do;
    the page builds and the sentence around it is kept."""
    doc = HTML.parse(ENTITY_AS_TEXT[2], path="dtd.html")
    assert [b.text for b in doc.blocks] == ["Declare it with <1/> in the DTD."]
    data, _total, used = build_document(doc, polib.POFile(), HK)
    out = data.decode("utf-8")
    assert used == 0
    assert """<p lang="en">Declare it with <code><!--ENTITY x 'y'--></code> in the DTD.</p>""" in out


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x1c", "\ufffe"])  # (U+000C is HTML space)
def test_control_character_after_a_comment_is_read(char: str) -> None:
    """Reading a comment's markup used to set its tail aside and back; lxml refuses to set
    text with a control character, so the reader crashed with ValueError (found by fuzzing)."""
    html = f"<p>The fund<!-- note --> grew{char} today.</p>"
    doc = HTML.parse(html, path="c.html")
    assert [b.text for b in doc.blocks] == [f"The fund<1/> grew{char} today."]
    data, _total, used = build_document(doc, polib.POFile(), HK)
    out = data.decode("utf-8")
    assert used == 0 and f"grew{char} today." in out


def test_comment_with_tail_is_read_without_touching_the_tree() -> None:
    doc = HTML.parse("<p>Before <!-- note --> after.</p>", path="c.html")
    assert [b.text for b in doc.blocks] == ["Before <1/> after."]


def test_page_of_many_paragraphs_keeps_lxml_paths() -> None:
    """5,000 sibling paragraphs: anchors as lxml's getpath writes them, counted once per
    parent (getpath recounts the siblings on every call: quadratic on such a page)."""
    n = 5_000
    html = "<html><body>" + "".join(f"<p>Sentence {i}.</p>\n" for i in range(n)) + "</body></html>"
    blocks = HTML.parse(html, path="many.html").blocks
    assert len(blocks) == n
    assert blocks[0].location == ElementPath("/html/body/p[1]")
    assert blocks[-1].location == ElementPath(f"/html/body/p[{n}]")
    assert blocks[-1].line == n
