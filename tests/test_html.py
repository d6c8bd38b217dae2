"""HTML reader and build: whitespace, runs around block children, the document's shape."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from lxml import html as lxml_html

from l10n.build import build, build_document
from l10n.errors import InputError
from l10n.extract import extract, update
from l10n.formats import HTML, read_document
from l10n.locales import parse_locale
from l10n.model import Document
from l10n.segment import document_units
from tests.conftest import CliResult

HK = parse_locale("zh-Hant-HK")
HTML_DATA = Path(__file__).parent / "data" / "html"

RELEASE_TABLE = {
    "Harbour Lab & Partners": "海港實驗室與夥伴",
    "This is a long paragraph that is wrapped across source lines.": "這是一段跨越多行的長段落。",
    "The lab opens here.": "實驗室在此開幕。",
    "Item one": "項目一",
    "Sub item": "子項目",
    "Loose div text": "散落文字",
    "inner para": "內段落",
    "trailing text": "尾隨文字",
    "Lead text before a table.": "表格前的文字。",
    "Closing remark.": "結語。",
    "Tenants": "租戶",
    "Hall <1>A</1>": "<1>A</1>廳",
    "See <1/> for details.": "詳見<1/>。",
    "Use <1/> daily.": "每日使用<1/>。",
    "Visit <1><2>our site</2></1> now.": "立即瀏覽<1><2>我們的網站</2></1>。",
    "First <1>part one. Part</1> two.": "第一<1>部分一。部分</1>二。",
    "Fish & chips <daily>.": "炸魚薯條 & <每日>。",
}


def _doc(text: str, path: str = "doc.html") -> Document:
    return HTML.parse(text, path=path)


def _units(doc: Document) -> list[tuple[str, int]]:
    return [(u.text, u.refs[0].line) for u in document_units(doc)]


def _po(table: dict[str, str]) -> polib.POFile:
    po = polib.POFile()
    for msgid, msgstr in table.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def _build(doc: Document, table: dict[str, str]) -> str:
    data, _total, _used = build_document(doc, _po(table), HK)
    text = data.decode("utf-8")
    return text


# --- reading --------------------------------------------------------------------------


def test_source_line_wraps_are_spaces() -> None:
    doc = _doc("<p>This is a long paragraph that is\nwrapped across source lines."
               " It has two sentences.</p>")
    assert [t for t, _ in _units(doc)] == [
        "This is a long paragraph that is wrapped across source lines.",
        "It has two sentences.",
    ]


def test_br_followed_by_newline_is_one_break() -> None:
    doc = _doc("<p>Before the break here.<br>\nAfter it.<br/>\r\n\tLast one.</p>")
    assert doc.blocks[0].text == "Before the break here.\nAfter it.\nLast one."


def test_text_around_block_children_is_extracted() -> None:
    doc = _doc("<ul><li>Item one <ul><li>Sub item</li></ul></li></ul>\n"
               "<div>Loose div text <p>inner para</p> trailing text</div>")
    assert [t for t, _ in _units(doc)] == [
        "Item one", "Sub item", "Loose div text", "inner para", "trailing text",
    ]
    anchors = [str(b.location) for b in doc.blocks]
    assert anchors == ["/html/body/ul/li#run0", "/html/body/ul/li/ul/li", "/html/body/div#run0",
                       "/html/body/div/p", "/html/body/div#run1"]


def test_release_units_and_lines() -> None:
    units = _units(read_document(HTML_DATA / "release.html"))
    lines = dict(units)
    assert lines["This is a long paragraph that is wrapped across source lines."] == 8
    assert lines["After the break it continues."] == 10
    assert lines["Item one"] == 13 and lines["Sub item"] == 13
    assert lines["Lead text before a table."] == 17
    assert lines["Closing remark."] == 22
    assert lines["Hall <1>A</1>"] == 20
    assert lines["Harbour Lab & Partners"] == 5
    texts = [t for t, _ in units]
    assert "Use <1/> daily." in texts  # translate="no" is a verbatim item
    assert "First <1>part one. Part</1> two." in texts  # a tag spanning a boundary joins
    assert not any("ACME" in t for t in texts)
    assert texts.count("Chart of tenants") == 1  # the image's alt: a unit of its own (issue 13)


def test_broken_html_names_file_and_line() -> None:
    with pytest.raises(InputError) as err:
        read_document(HTML_DATA / "broken.html")
    assert str(err.value).startswith(f"{HTML_DATA / 'broken.html'}:3: broken HTML")


def test_broken_html_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             cli: Callable[..., CliResult]) -> None:
    shutil.copy(HTML_DATA / "broken.html", tmp_path / "broken.html")
    monkeypatch.chdir(tmp_path)
    res = cli("extract", "broken.html")
    assert res.code == 2
    assert "broken.html:3: broken HTML" in res.err
    assert not (tmp_path / "locales").exists()


# --- building -------------------------------------------------------------------------


def _without_english_marks(out: str) -> str:
    """A built page without the ``lang="en"`` marks (and the spans holding only one) that
    declare English left untranslated."""
    return re.sub(r"<span>(.*?)</span>", r"\1", out.replace(' lang="en"', ""))


def test_empty_catalog_keeps_document_but_lang() -> None:
    """Nothing translated: the page is the source, declared in the target language with
    each English block (and run beside blocks) marked English for screen readers."""
    source = (HTML_DATA / "release.html").read_text()
    out = _build(read_document(HTML_DATA / "release.html"), {})
    assert _without_english_marks(out) == source.replace("<html>", '<html lang="zh-Hant-HK">', 1)
    assert '<title lang="en">' in out
    assert '<div><span lang="en">Loose div text</span> <p lang="en">inner para</p> ' in out
    assert "<td>40</td>" in out  # no letters: nothing to declare


def test_translations_go_back_into_their_runs() -> None:
    out = _build(read_document(HTML_DATA / "release.html"), RELEASE_TABLE)
    assert "<title>海港實驗室與夥伴</title>" in out
    assert '<p>這是一段跨越多行的長段落。<span lang="en">It has two sentences.</span></p>' in out
    assert '<p>實驗室在此開幕。<br><span lang="en">After the break it continues.</span></p>' in out
    assert "<li>項目一 <ul><li>子項目</li></ul></li>" in out
    assert "<div>散落文字 <p>內段落</p> 尾隨文字</div>" in out
    assert "<div>\n  表格前的文字。\n  <table>" in out
    assert "</table>\n  結語。\n</div>" in out
    assert "<tr><th>租戶</th><td>40</td></tr>" in out
    assert "<td><b>A</b>廳</td>" in out
    # the alt text has no translation: the image says its English
    assert '<p>詳見<img src="chart.png" alt="Chart of tenants" lang="en">。</p>' in out
    assert '<td lang="en">Opening ceremony</td>' in out
    assert ('<p>每日使用<span translate="no">ACME Pro</span>。'
            '立即瀏覽<a href="https://harbour.example"><b>我們的網站</b></a>。</p>') in out
    assert "<p>第一<em>部分一。部分</em>二。</p>" in out
    assert "<p>炸魚薯條 &amp; &lt;每日&gt;。</p>" in out
    assert out.startswith('<!DOCTYPE html>\n<html lang="zh-Hant-HK">\n')
    # same structure as the source, but for the spans declaring English sentences English
    built, source = lxml_html.fromstring(out), lxml_html.parse(HTML_DATA / "release.html").getroot()
    marks = [e for e in built.iter("span") if e.get("lang") == "en"]
    assert len(marks) == 2
    for mark in marks:
        mark.drop_tag()
    assert [e.tag for e in built.iter()] == [e.tag for e in source.iter()]


def test_img_survives_unchanged() -> None:
    doc = _doc('<p>See <img src="a.png" alt="A &amp; B" width="10"> here.</p>\n')
    out = _build(doc, {"See <1/> here.": "見此<1/>。"})
    assert out == '<p>見此<img src="a.png" alt="A &amp; B" width="10">。</p>\n'


def test_fragment_stays_a_fragment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(HTML_DATA / "fragment.html", tmp_path / "fragment.html")
    monkeypatch.chdir(tmp_path)
    extract(["fragment.html"], tmp_path / "locales")
    update(tmp_path / "locales", [HK])
    res = build("fragment.html", HK, locales_dir=tmp_path / "locales", out_dir=tmp_path / "out")
    assert res.output.read_text() == "<p>Hello there.</p>\n"
    assert _build(_doc("<!-- note -->\n<p>Hello there.</p>\n"), {"Hello there.": "你好。"}) == (
        "<!-- note -->\n<p>你好。</p>\n")


def test_no_doctype_is_invented() -> None:
    out = _build(_doc("<html><body><p>Hi there.</p></body></html>\n"), {"Hi there.": "你好。"})
    assert out == '<html lang="zh-Hant-HK"><body><p>你好。</p></body></html>\n'


def test_xhtml_keeps_declaration_and_xml_syntax() -> None:
    source = (HTML_DATA / "page.xhtml").read_text()
    doc = read_document(HTML_DATA / "page.xhtml")
    assert _without_english_marks(_build(doc, {})) == source.replace(
        'xml:lang="en"', 'xml:lang="zh-Hant-HK" lang="zh-Hant-HK"')
    out = _build(doc, {"The lab opened today.": "實驗室今日開幕。", "It has <1/> desks.": "設有<1/>張辦公桌。",
                       "Fish & chips.": "炸魚 & 薯條。"})
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n')
    assert '<p>實驗室今日開幕。<br/>設有<img src="a.png" alt="desks" lang="en"/>張辦公桌。</p>' in out
    assert "<p>炸魚 &amp; 薯條。</p>" in out
    assert "<script>if (a &lt; b) { go(); }</script>" in out


def test_hostile_xhtml_is_refused(tmp_path: Path, cli) -> None:
    import shutil

    shutil.copy(Path(__file__).parent / "data" / "html" / "hostile.xhtml", tmp_path / "hostile.xhtml")
    r = cli("extract", str(tmp_path / "hostile.xhtml"), "-o", str(tmp_path / "locales"))
    assert r.code == 2
    assert "hostile.xhtml:3: entity declarations are not allowed" in r.err
    assert not (tmp_path / "locales").exists()
