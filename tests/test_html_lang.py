"""Issue 13, item 3 in HTML: text in another language is kept as is, and built pages say
which language each part of them is in.

A government-style page (site chrome around a ``<main>`` release) mixes blocks and inline
spans in Chinese, declared or not, with English ones. It goes through ``l10n extract``,
``update`` and ``build`` into both locales, some entries left untranslated, and the built
pages are read back with lxml.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from lxml import html as lxml_html

from l10n.formats.html import read_blocks
from l10n.formats.language import cjk_runs, is_english_tag
from tests.conftest import CliResult

PAGE = Path(__file__).parent / "data" / "html_lang" / "fund-launch.html"

#: Every unit of the page but four: "Late applications ...", "Teams need ...", "Forms are
#: ..." (after a translated sentence) and the map's alt text stay English, to see how an
#: untranslated entry is declared.
HANT = {
    "Fund for young innovators launched": "青年創新基金啟動",
    "A new fund supports young innovators in the city.": "新基金支援本市的青年創新者。",
    "Fund for young innovators": "青年創新基金",
    "The Harbour Innovation Office today launched a fund, known as <1/>, for students.":
        "海港創新辦公室今日為學生推出<1/>。",
    "Applications go to the programme office, <1/>, from next week.": "申請由下星期起交予計劃辦事處<1/>。",
    "The fund is run with the Harbour Science Park (<1/>) and two universities.":
        "基金由<1/>與兩所大學合辦。",
    "Pupils chose the colour of the new logo.": "新標誌的顏色由學童選定。",
    "Read <1>the guide</1> before you apply with <2/> online.": "以<2/>網上申請前，請先閱讀<1>指南</1>。",
    "The <1>HIO</1> will review each application.": "<1>海港創新辦</1>將審閱每份申請。",
    "Harbour Innovation Office": "海港創新辦公室",
    "Each team may apply once.": "每隊只可申請一次。",
    "Each school may send two teams.": "每所學校可派兩隊參加。",
    "Students at the launch": "出席啟動禮的學生",
    "<1/> <2>Leaflet</2>": "<1/> <2>單張</2>",
    "Search the releases": "搜尋新聞公報",
    "Download the leaflet": "下載單張",
}
HANS = {
    "Fund for young innovators launched": "青年创新基金启动",
    "A new fund supports young innovators in the city.": "新基金支持本市的青年创新者。",
    "Fund for young innovators": "青年创新基金",
    "The Harbour Innovation Office today launched a fund, known as <1/>, for students.":
        "海港创新办公室今日为学生推出<1/>。",
    "Applications go to the programme office, <1/>, from next week.": "申请由下星期起交予计划办事处<1/>。",
    "The fund is run with the Harbour Science Park (<1/>) and two universities.":
        "基金由<1/>与两所大学合办。",
    "Pupils chose the colour of the new logo.": "新标志的颜色由学童选定。",
    "Read <1>the guide</1> before you apply with <2/> online.": "以<2/>网上申请前，请先阅读<1>指南</1>。",
    "The <1>HIO</1> will review each application.": "<1>海港创新办</1>将审阅每份申请。",
    "Harbour Innovation Office": "海港创新办公室",
    "Each team may apply once.": "每队只可申请一次。",
    "Each school may send two teams.": "每所学校可派两队参加。",
    "Students at the launch": "出席启动礼的学生",
    "<1/> <2>Leaflet</2>": "<1/> <2>单张</2>",
    "Search the releases": "搜索新闻公报",
    "Download the leaflet": "下载单张",
}
TABLES = {"zh-Hant-HK": ("zh_Hant_HK", HANT), "zh-Hans-CN": ("zh_Hans_CN", HANS)}
UNTRANSLATED = {"Late applications will not be accepted.", "Teams need a teacher as mentor.",
                "Map of the science park", "Forms are at the <1>school office</1>."}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, lxml_html.HtmlElement]:
    """The page built through the command line into both locales, parsed: by locale tag."""
    from l10n.cli import main

    root = tmp_path_factory.mktemp("lang")
    src = root / PAGE.name
    shutil.copy(PAGE, src)
    loc = root / "locales"
    assert main(["extract", "-q", str(src), "-o", str(loc)]) == 0
    assert main(["update", "-q", "--locales-dir", str(loc)]) == 0
    pages: dict[str, lxml_html.HtmlElement] = {}
    for tag, (folder, table) in TABLES.items():
        po_path = loc / folder / "LC_MESSAGES" / "fund-launch.po"
        po = polib.pofile(str(po_path))
        assert {e.msgid for e in po} == set(table) | UNTRANSLATED
        for entry in po:
            entry.msgstr = table.get(entry.msgid, "")
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save(str(po_path))
        assert main(["build", "-q", str(src), "--locales-dir", str(loc), "-o", str(root / "out"),
                     "--locale", tag]) == 0
        out = root / "out" / folder / PAGE.name
        pages[tag] = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    return pages


def _by_id(page: lxml_html.HtmlElement, ident: str) -> lxml_html.HtmlElement:
    found = page.xpath(f"//*[@id='{ident}']")
    assert len(found) == 1, ident
    element: lxml_html.HtmlElement = found[0]
    return element


def _lang(el: lxml_html.HtmlElement) -> str | None:
    """The language an element is in: its own ``lang``/``xml:lang`` or its nearest ancestor's."""
    for node in (el, *el.iterancestors()):
        for attr in ("lang", "xml:lang"):
            if node.get(attr) is not None:
                return str(node.get(attr))
    return None


def _text(el: lxml_html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


# --- extraction -----------------------------------------------------------------------


def test_no_unit_holds_text_in_another_language(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """What is sent to machine translation is the POT's msgids: none holds a CJK letter."""
    src = tmp_path / PAGE.name
    shutil.copy(PAGE, src)
    assert cli("extract", str(src), "-o", str(tmp_path / "loc")).code == 0
    pot = polib.pofile(str(tmp_path / "loc" / "fund-launch.pot"))
    assert {e.msgid for e in pot} == set(HANT) | UNTRANSLATED
    assert [e.msgid for e in pot if cjk_runs(e.msgid)] == []
    notes = "\n".join(e.comment for e in pot)
    for kept in ("text in zh-Hant: 青年創新基金", "text in zh-Hans: 青年创新办", "text in CJK script: 海港科學園"):
        assert f"= {kept} (do not translate)" in notes  # the translator still sees what it is


@pytest.mark.parametrize(("inline", "expected"), [
    ('<span lang="zh-Hant">創科基金</span>', "The fund <1/> opens today."),
    ('<span lang="zh">創科基金</span>', "The fund <1/> opens today."),
    ('<span lang="zh-Hans-CN">创科基金</span>', "The fund <1/> opens today."),
    ('<span xml:lang="zh-Hant">創科基金</span>', "The fund <1/> opens today."),
    ('<i lang="ja">東京</i>', "The fund <1/> opens today."),
    ("創科基金", "The fund <1/> opens today."),
    ("「創科基金」", "The fund <1/> opens today."),
    ("創科 基金", "The fund <1/> opens today."),
    ('<span lang="en-GB">Tech Fund</span>', "The fund <1>Tech Fund</1> opens today."),
    ("<b>創科基金</b>", "The fund <1><2/></1> opens today."),
])
def test_inline_text_in_another_language_is_one_placeholder(inline: str, expected: str) -> None:
    blocks = read_blocks(f"<p>The fund {inline} opens today.</p>", path="p.html", content_root="auto")
    assert [b.text for b in blocks] == [expected]
    if "<1/>" in expected:  # written back as it was
        assert blocks[0].markup[0].opening == inline


def test_mostly_chinese_block_is_left_whole() -> None:
    """A block mostly in CJK is not a unit at all (extract drops it), so its text is not cut
    into placeholders: the whole-file check still sees a Chinese page as Chinese."""
    blocks = read_blocks("<p>基金今日正式啟動 today.</p>", path="p.html", content_root="auto")
    assert [b.text for b in blocks] == ["基金今日正式啟動 today."]


def test_cjk_in_an_attribute_is_kept_as_is() -> None:
    blocks = read_blocks('<img alt="Logo of 創科基金" src="l.png">', path="p.html", content_root="auto")
    assert [(b.text, [m.opening for m in b.markup]) for b in blocks] == [("Logo of <1/>", ["創科基金"])]


# --- the built pages ------------------------------------------------------------------


@pytest.mark.parametrize("tag", TABLES)
def test_root_declares_the_target(built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    assert page.get("lang") == tag
    assert _lang(_by_id(page, "headline")) == tag
    assert _text(_by_id(page, "headline")) == TABLES[tag][1]["Fund for young innovators launched"]


@pytest.mark.parametrize("tag", TABLES)
def test_foreign_spans_are_written_back_verbatim(built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    named = _by_id(page, "named")
    span = named.find("span")
    assert (span.get("lang"), span.text) == ("zh-Hant", "青年創新基金")
    assert _text(named) == TABLES[tag][1][
        "The Harbour Innovation Office today launched a fund, known as <1/>, for students."].replace("<1/>", "青年創新基金")
    assert _lang(named) == tag
    span = _by_id(page, "xmllang").find("span")
    assert (span.get("xml:lang"), span.text) == ("zh-Hans", "青年创新办")
    assert "(" not in _text(_by_id(page, "bare")) and "海港科學園" in _text(_by_id(page, "bare"))


@pytest.mark.parametrize("tag", TABLES)
def test_blocks_in_another_language_keep_text_and_lang(built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    hans = _by_id(page, "hans")
    assert (hans.get("lang"), _text(hans)) == ("zh-Hans", "基金今日正式启动，欢迎学生申请。")
    assert (_by_id(page, "quoted").get("lang"), _text(_by_id(page, "quoted"))) == ("zh-Hant", "基金今日正式啟動。")
    bare = _by_id(page, "hant")  # undeclared Chinese: left as it was, not claimed for English
    assert (bare.get("lang"), _text(bare)) == (None, "基金今日正式啟動，歡迎學生申請。")


@pytest.mark.parametrize("tag", TABLES)
def test_english_lang_around_and_inside_translations_gets_the_target(
        built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    assert _by_id(page, "british").get("lang") == tag
    inner = _by_id(page, "inner")
    term = inner.find_class("term")[0]
    assert (term.get("lang"), term.text) == (tag, TABLES[tag][1]["Read <1>the guide</1> before you apply with <2/> online."]
                                             .split("<1>")[1].split("</1>")[0])
    code = inner.find("code")
    assert (code.get("lang"), code.text) == ("en", "apply --new")  # kept as is: still English
    assert _by_id(page, "mixed").get("lang") == tag  # one of its paragraphs is translated


@pytest.mark.parametrize("tag", TABLES)
def test_english_left_untranslated_is_declared_english(built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    for ident, text in (("fallback", "Late applications will not be accepted."),
                        ("mixed-left", "Teams need a teacher as mentor.")):
        el = _by_id(page, ident)
        assert (el.get("lang"), _text(el)) == ("en", text)
    assert _by_id(page, "mixed-done").get("lang") is None
    assert _lang(_by_id(page, "mixed-done")) == tag
    partial = _by_id(page, "partial")  # its first sentence is translated, the second not
    assert _lang(partial) == tag
    assert partial.text == TABLES[tag][1]["Each school may send two teams."]
    english = partial.find("span")
    assert (english.get("lang"), _text(english), english.find("a").get("href")) == (
        "en", "Forms are at the school office.", "/office")
    assert list(english.attrib) == ["lang"]  # the build's own mark is not written out
    mapped = _by_id(page, "map")
    assert (mapped.get("alt"), mapped.get("lang")) == ("Map of the science park", "en")


@pytest.mark.parametrize("tag", TABLES)
def test_translated_attributes_stay_with_their_elements(built: dict[str, lxml_html.HtmlElement], tag: str) -> None:
    page = built[tag]
    table = TABLES[tag][1]
    photo = _by_id(page, "photo")
    assert (photo.get("alt"), photo.get("lang")) == (table["Students at the launch"], None)
    assert _by_id(page, "abbr").find("abbr").get("title") == table["Harbour Innovation Office"]
    search = _by_id(page, "search")
    assert search.find("input").get("placeholder") == table["Search the releases"]
    assert search.find("a").get("aria-label") == table["Download the leaflet"]
    assert search.get("lang") is None
    meta = {m.get("name") or m.get("property"): m.get("content") for m in page.iter("meta") if m.get("content")}
    assert meta == {"description": table["A new fund supports young innovators in the city."],
                    "og:title": table["Fund for young innovators"]}
    assert page.find(".//title").text == table["Fund for young innovators launched"]


def test_site_chrome_is_kept_and_declared_english(built: dict[str, lxml_html.HtmlElement]) -> None:
    """Chrome outside the release is not extracted, so the build leaves its text as it was,
    declared English where it is: the header as a whole holds a switcher in Chinese, so only
    its English parts are marked, and the switcher's links keep their own languages."""
    page = built["zh-Hant-HK"]
    header = page.find(".//header")
    assert header.get("lang") is None
    assert [(a.get("lang"), a.text) for a in header.iter("a")] == [
        ("en", "Skip to main content"), ("zh-Hant", "繁體"), ("zh-Hans", "简体"), (None, "Home"), (None, "News")]
    assert page.find_class("lang-switch")[0].get("lang") is None
    nav = page.find(".//nav")
    assert (nav.get("lang"), nav.get("aria-label"), _lang(nav.find(".//a"))) == ("en", "Site menu", "en")
    footer = page.find(".//footer")
    assert (footer.get("lang"), _text(footer)) == ("en", "Site maintained by the Harbour Innovation Office.")


@pytest.mark.parametrize(("paragraph", "table", "expected"), [
    ("Fish. Fish &amp; chips.", {"Fish.": "炸魚。"}, '<p>炸魚。<span lang="en">Fish &amp; chips.</span></p>'),
    ("Fish. See <b>the menu</b>.", {"Fish.": "炸魚。"}, '<p>炸魚。<span lang="en">See <b>the menu</b>.</span></p>'),
    ("Fish. 2025.", {"Fish.": "炸魚。"}, "<p>炸魚。2025.</p>"),  # no words: nothing to declare
    ("Call us. 請致電.", {"Call us.": "請致電。"}, "<p>請致電。請致電.</p>"),  # CJK kept as is, not English
    # a tag across the sentence boundary makes one unit: nothing is left half English
    ("First <em>part one. Part</em> two.", {"First <1>part one. Part</1> two.": "第一<1>部分一。部分</1>二。"},
     "<p>第一<em>部分一。部分</em>二。</p>"),
])
def test_english_sentence_beside_a_translated_one(tmp_path: Path, paragraph: str, table: dict[str, str],
                                                  expected: str) -> None:
    """A translated block writes a sentence without translation in English, in a span
    declaring it English (only when the span holds words and its markup whole)."""
    from l10n.build import build_document
    from l10n.formats import read_document
    from l10n.locales import parse_locale

    path = tmp_path / "p.html"
    path.write_text(f"<!DOCTYPE html>\n<html><body><p>{paragraph}</p></body></html>\n", encoding="utf-8")
    po = polib.POFile()
    for msgid, msgstr in table.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    out = build_document(read_document(path), po, parse_locale("zh-Hant-HK"))[0].decode("utf-8")
    assert expected in out
    assert "data-l10n" not in out


@pytest.mark.parametrize(("tag", "english"), [("en", True), ("en-GB", True), ("EN_us", True),
                                              ("zh-Hant", False), ("", False), (None, False)])
def test_english_tag(tag: str | None, english: bool) -> None:
    assert is_english_tag(tag) is english
