"""Fuzz targets for the three source readers (issue 9: "a fuzz target for each reader").

``tests/test_properties.py`` feeds short printable text and a fixed list of Markdown
lines. These targets build hostile documents from pieces: deep nesting, unclosed and
mismatched tags, entities and character references, control and line-separator
characters, long runs of punctuation, mixed scripts (CJK, Arabic, combining marks,
emoji), and then assert, for each reader:

- reading returns blocks or raises InputError, never another exception, and so do
  segmentation (``document_units``) and the build;
- Markdown and plain text: with an empty catalog the build gives back the source byte
  for byte, as the README promises;
- HTML: the build loses no text (the built page reads as the source page does).

BOM and CR line endings are covered by the item-15 tests, not here. Each target is
bounded (max_examples, no deadline) so the file runs in seconds; ``L10N_FUZZ_EXAMPLES``
raises the bound for a longer run.
"""

from __future__ import annotations

import os

import polib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from l10n import formats
from l10n.build import build_document
from l10n.errors import InputError
from l10n.formats import TextFormat
from l10n.formats.html import ElementPaths, make_parser
from l10n.locales import parse_locale
from l10n.model import Document
from l10n.segment import document_units

HK = parse_locale("zh-Hant-HK")
#: Examples per target; raise it for a longer run: L10N_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_readers.py
EXAMPLES = int(os.environ.get("L10N_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# characters that break naive readers; no CR and no BOM (item 15 covers them)
CONTROL = st.sampled_from(["\x00", "\x01", "\x04", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x1c", "\x1d", "\x1e",
                           "\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u200e", "\ufffe", "\U0010ffff"])
SCRIPTS = st.sampled_from(["中文句子。", "香港，2025年9月1日", "مرحبا بالعالم", "e\u0301\u0301", "👩‍👩‍👧", "Ünïcödé",
                           "ｆｕｌｌ－ｗｉｄｔｈ", "한국어", "Ελληνικά.", "\u0644\u0627"])
PUNCT_RUN = st.builds(lambda ch, n: ch * n, st.sampled_from(list(".!?*_`[]()<>&#|\\-=~\"'")),
                      st.integers(1, 400))
WORDS = st.sampled_from(["The fund", "invested HK$44.3 billion.", "Mr. Chan said:", "e.g.", "U.S.",
                         "Tel: 2123 4567", "a@b.co", "http://x.org/a.b", "1:9", "Sep. 1", "“Yes.”", "No. 5"])
ENTITIES = st.sampled_from(["&amp;", "&lt;", "&#0;", "&#x110000;", "&#xD800;", "&bogus;", "&", "&#",
                            "&nbsp;", "&#12345678901234567890;", "&amp", "<5>", "<1/>", "</2>"])
INLINE = st.one_of(WORDS, CONTROL, SCRIPTS, PUNCT_RUN, ENTITIES, st.text(max_size=12))


def _line(pieces: list[str]) -> str:
    return " ".join(pieces)


LINE = st.lists(INLINE, max_size=6).map(_line)

# --- Markdown -----------------------------------------------------------------------

MD_PREFIX = st.sampled_from(["", "# ", "###### ", "> ", "> > > ", "- ", "* ", "1. ", "    ", "\t",
                             "| ", "```", "~~~", "<div>", "</div>", "<!--", "-->", "[x]: ", "***", "---"])
MD_BLOCK = st.one_of(
    st.builds(lambda p, line: p + line, MD_PREFIX, LINE),
    st.builds(lambda n, line: "> " * n + line, st.integers(1, 120), LINE),  # deep quotes
    st.builds(lambda n, line: "".join("  " * i + "- x\n" for i in range(n)) + line,
              st.integers(1, 60), LINE),  # deep lists
    st.builds(lambda n: "*" * n + "x" + "_" * n, st.integers(1, 300)),  # emphasis runs
    st.builds(lambda n: "[" * n + "x" + "](" * n, st.integers(1, 300)),  # link brackets
    st.builds(lambda n: "<b>" * n + "x", st.integers(1, 300)),  # unclosed inline HTML
    st.just("| a | b |\n|---|---|\n| c | d |"),
    st.just("<table>\n<tr><td>cell <b>one</td></tr>\n"),  # broken HTML block
)
MARKDOWN = st.lists(MD_BLOCK, max_size=10).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n", "\n\n", "  \n", "\\\n"]), min_size=len(blocks),
                            max_size=len(blocks)).map(
        lambda seps: "".join(b + s for b, s in zip(blocks, seps, strict=True))))


def _read(text: str, fmt: TextFormat) -> Document | None:
    """Read and segment; an InputError (one line, with the path) is an allowed answer."""
    try:
        doc = fmt.parse(text, path=f"fuzz.{fmt.name}")
        document_units(doc)
    except InputError as exc:
        assert exc.path and "\n" not in exc.message
        return None
    return doc


def _rebuilds(doc: Document) -> None:
    data, _total, used = build_document(doc, polib.POFile(), HK)
    out = data.decode("utf-8")
    assert used == 0
    assert out == doc.source


@given(MARKDOWN)
@example("> " * 2000 + "deep")
@example("[" * 20_000)
@example("*" * 20_000 + "x")
@example("- " * 2000 + "x")
@example("<b>" * 5_000 + "\n\nafter")
@example("\r0\n\r0\n")  # markdown-it takes a lone CR as a line end (found by this test)
@FUZZ
def test_markdown_reader_survives_hostile_input(text: str) -> None:
    doc = _read(text, formats.MARKDOWN)
    if doc is not None:
        _rebuilds(doc)


# --- plain text ---------------------------------------------------------------------

TEXT_BLOCK = st.one_of(
    LINE,
    st.builds(lambda m, line: m + line, st.sampled_from(["- ", "• ", "1) ", "  ", "\t", "· "]), LINE),
    st.builds(lambda n: ". " * n, st.integers(1, 3000)),  # many one-character "sentences"
    st.builds(lambda n: "x" * n, st.integers(59, 61)),  # around the short-line limit
    st.builds(lambda n, w: (w + " ") * n, st.integers(1, 400), WORDS),
)
PLAIN = st.lists(TEXT_BLOCK, max_size=12).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\n\t\n\n"]), min_size=len(blocks),
                            max_size=len(blocks)).map(
        lambda seps: "".join(b + s for b, s in zip(blocks, seps, strict=True))))


@given(PLAIN)
@example("\x00\n\n\u2028\n\x1c\x1d\x1e")
@example("Mr. " * 3_000)
@example("a." * 6_000 + "\n\n- item\n- item two\n")
@FUZZ
def test_text_reader_survives_hostile_input(text: str) -> None:
    doc = _read(text, formats.TEXT)
    if doc is not None:
        _rebuilds(doc)


# --- HTML ---------------------------------------------------------------------------

TAGS = ["p", "div", "b", "i", "a href='x'", "span", "li", "ul", "td", "table", "pre", "code", "script",
        "h1", "br", "img src='x.png'", "title", "blockquote", "section", "em translate='no'"]
OPEN = st.sampled_from(TAGS).map(lambda t: f"<{t}>")
CLOSE = st.sampled_from(TAGS).map(lambda t: f"</{t.split()[0]}>")
HTML_PIECE = st.one_of(
    INLINE, OPEN, CLOSE,
    st.sampled_from(["<!-- note -->", "<!-- <!ENTITY x 'y'> -->", "<![CDATA[x]]>", "<?pi x?>", "<!DOCTYPE html>",
                     "<!ENTITY x 'y'>", "<!DOCTYPE html [<!ENTITY a 'b'>]>", "<p", "</", "<", "<<>>", "<br/>"]),
    st.builds(lambda n, t: f"<{t}>" * n + "deep" + f"</{t}>" * n, st.integers(1, 300),
              st.sampled_from(["div", "b", "span", "li"])),
)
HTML = st.lists(HTML_PIECE, max_size=25).map("".join)


def _visible_text(source: str) -> str:
    """The text a reader sees, whitespace aside, as libxml2 reads the page."""
    root = etree.fromstring(source.encode("utf-8"), make_parser())
    if root is None:
        return ""
    return "".join("".join(root.itertext()).split())


@given(HTML)
@example("<div>" * 300 + "x")
@example("<p>" + "a" * 100 + "<b>" * 2000)
@example("<pre><!ENTITY a 'b'></pre><p>text</p>")
@example("<p>" + "&amp;" * 5_000 + "</p>")
@FUZZ
def test_html_reader_survives_hostile_input(text: str) -> None:
    doc = _read(text, formats.HTML)
    if doc is None:
        return
    data, _total, used = build_document(doc, polib.POFile(), HK)
    out = data.decode("utf-8")
    assert used == 0
    assert _visible_text(out) == _visible_text(text)


@given(st.lists(st.one_of(HTML_PIECE, st.sampled_from(["<o:p>", "</o:p>", "<p:x>", "<svg><g/><g/></svg>"])),
                max_size=25).map("".join))
@FUZZ
def test_html_element_paths_equal_lxml_getpath(text: str) -> None:
    """The reader's anchors are lxml's getpath, computed once per parent (a page of many
    paragraphs made getpath's sibling count quadratic)."""
    root = etree.fromstring(text.encode("utf-8", "replace"), make_parser())
    if root is None:
        return
    tree = root.getroottree()
    paths = ElementPaths(tree)
    for el in root.iter():
        if isinstance(el.tag, str):
            assert paths(el) == tree.getpath(el)
