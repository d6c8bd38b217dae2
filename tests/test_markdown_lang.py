"""Issue 13, item 3 in Markdown: text in another language inside an English release is
kept out of translation and written back as it was, as in HTML.

A release written for this test (``data/markdown_lang/youth-fund.md``) holds inline HTML
declared in another language (``lang``, ``xml:lang``), bare CJK in English sentences (in
brackets and not, in a paragraph, a quote, a list, a table and a link), a code span with
CJK and a whole Chinese paragraph. It goes through ``l10n extract``, ``update`` and
``build`` into both locales, one entry left untranslated.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from l10n.extract import english_blocks
from l10n.formats.language import cjk_runs, start_tag_language
from l10n.formats.markdown import read_blocks
from l10n.inline import strip_tags
from l10n.model import Document
from l10n.segment import segment_block
from tests.conftest import CliResult

RELEASE = Path(__file__).parent / "data" / "markdown_lang" / "youth-fund.md"

HANT = {
    "Innovation fund opens to student teams": "創科基金向學生隊伍開放",
    "The Innovation Bureau today opened a fund, known locally as <1/>, to teams of secondary students.":
        "創新局今日推出<1/>，供中學生隊伍申請。",
    "Applications go to the programme office, <1/>, from next Monday.": "申請由下星期一起交予計劃辦事處<1/>。",
    "The fund is run with the Harbour Science Park (<1/>) and two universities.": "基金由<1/>與兩所大學合辦。",
    "Each team names its project in both languages, such as <1/> for a smart lamp post.":
        "每隊須以中英文為項目命名，例如智能燈柱項目名為<1/>。",
    'The Secretary said the fund "belongs to <1/>, not to us".': "局長表示，基金「屬於<1/>，不屬於我們」。",
    "Teams register at the <1/> counter.": "參賽隊伍在<1/>櫃位登記。",
    "Forms are on <1>the fund's page</1> and at <2><3/></2>.": "表格載於<1>基金網頁</1>及<2><3/></2>。",
    "Type <1/> in the search box of the Bureau's site.": "在局方網站的搜尋欄輸入<1/>。",
    "Office": "辦事處",
    "Opening hours": "開放時間",
    "<1/> counter": "<1/>櫃位",
    "Weekdays only": "只限平日",
}
HANS = {
    "Innovation fund opens to student teams": "创科基金向学生队伍开放",
    "The Innovation Bureau today opened a fund, known locally as <1/>, to teams of secondary students.":
        "创新局今日推出<1/>，供中学生队伍申请。",
    "Applications go to the programme office, <1/>, from next Monday.": "申请由下星期一起交予计划办事处<1/>。",
    "The fund is run with the Harbour Science Park (<1/>) and two universities.": "基金由<1/>与两所大学合办。",
    "Each team names its project in both languages, such as <1/> for a smart lamp post.":
        "每队须以中英文为项目命名，例如智能灯柱项目名为<1/>。",
    'The Secretary said the fund "belongs to <1/>, not to us".': "局长表示，基金“属于<1/>，不属于我们”。",
    "Teams register at the <1/> counter.": "参赛队伍在<1/>柜台登记。",
    "Forms are on <1>the fund's page</1> and at <2><3/></2>.": "表格载于<1>基金网页</1>及<2><3/></2>。",
    "Type <1/> in the search box of the Bureau's site.": "在局方网站的搜索栏输入<1/>。",
    "Office": "办事处",
    "Opening hours": "开放时间",
    "<1/> counter": "<1/>柜台",
    "Weekdays only": "仅限工作日",
}
TABLES = {"zh-Hant-HK": ("zh_Hant_HK", HANT), "zh-Hans-CN": ("zh_Hans_CN", HANS)}
UNTRANSLATED = "Late applications will not be accepted."
#: What each placeholder of a sentence stands for, as the source writes it.
KEPT = {
    "The Innovation Bureau today opened a fund, known locally as <1/>, to teams of secondary students.":
        '<span lang="zh-Hant">青年創科基金</span>',
    "Applications go to the programme office, <1/>, from next Monday.": '<span xml:lang="zh-Hans">创科办</span>',
    "The fund is run with the Harbour Science Park (<1/>) and two universities.": "海港科學園",
    "Each team names its project in both languages, such as <1/> for a smart lamp post.": "「智慧燈柱」",
    'The Secretary said the fund "belongs to <1/>, not to us".': '<span lang="zh-Hant">全港青年</span>',
    "Teams register at the <1/> counter.": '<span lang="zh-Hant">創科辦</span>',
    "Type <1/> in the search box of the Bureau's site.": "`登記`",
}
NOTES = (
    "<1/> = text in zh-Hant: 青年創科基金 (do not translate)",
    "<1/> = text in zh-Hans: 创科办 (do not translate)",
    "<1/> = text in CJK script: 海港科學園 (do not translate)",
    "<1/> = text in CJK script: 「智慧燈柱」 (do not translate)",
    "<1/> = text in zh-Hant: 全港青年 (do not translate)",
    "<1/> = text in zh-Hant: 創科辦 (do not translate)",
    "<3/> = text in CJK script: 創科基金網頁 (do not translate)",
    "<1/> = code 登記 (do not translate)",
)
CHINESE_PARAGRAPH = "基金今日正式啟動，歡迎全港中學生組隊申請。"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The release through extract, update and build: its template and, by locale tag, the
    built file's lines."""
    from l10n.cli import main

    root = tmp_path_factory.mktemp("mdlang")
    src = root / RELEASE.name
    shutil.copy(RELEASE, src)
    loc = root / "locales"
    assert main(["extract", "-q", str(src), "-o", str(loc)]) == 0
    assert main(["update", "-q", "--locales-dir", str(loc)]) == 0
    built: dict[str, object] = {"pot": polib.pofile(str(loc / "youth-fund.pot"))}
    for tag, (folder, table) in TABLES.items():
        po_path = loc / folder / "LC_MESSAGES" / "youth-fund.po"
        po = polib.pofile(str(po_path))
        assert {e.msgid for e in po} == set(table) | {UNTRANSLATED}
        for entry in po:
            entry.msgstr = table.get(entry.msgid, "")
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        po.save(str(po_path))
        assert main(["build", "-q", str(src), "--locales-dir", str(loc), "-o", str(root / "out"),
                     "--locale", tag]) == 0
        built[tag] = (root / "out" / folder / RELEASE.name).read_text(encoding="utf-8").split("\n")
    return built


# --- extraction -----------------------------------------------------------------------


def test_no_msgid_holds_text_in_another_language(release: dict[str, object]) -> None:
    """The msgids are what machine translation sees: none holds a CJK letter, and the
    Chinese paragraph is no unit at all."""
    pot = release["pot"]
    assert isinstance(pot, polib.POFile)
    assert {e.msgid for e in pot} == set(HANT) | {UNTRANSLATED}
    assert [e.msgid for e in pot if cjk_runs(e.msgid)] == []


def test_notes_name_the_foreign_text(release: dict[str, object]) -> None:
    """The translator still sees what each placeholder holds and that it stays as it is."""
    pot = release["pot"]
    assert isinstance(pot, polib.POFile)
    notes = {line for e in pot for line in e.comment.split("\n")}
    assert set(NOTES) <= notes


@pytest.mark.parametrize(("inline", "expected", "note"), [
    ('<span lang="zh-Hant">創科基金</span>', "The fund <1/> opens today.", "text in zh-Hant: 創科基金"),
    ('<span lang="zh">創科基金</span>', "The fund <1/> opens today.", "text in zh: 創科基金"),
    ("<span lang=zh-Hans-CN>创科基金</span>", "The fund <1/> opens today.", "text in zh-Hans-CN: 创科基金"),
    ("<span xml:lang='zh-Hant'>創科基金</span>", "The fund <1/> opens today.", "text in zh-Hant: 創科基金"),
    ('<i lang="ja">東京</i>', "The fund <1/> opens today.", "text in ja: 東京"),
    ('<span lang="zh">創<span>科</span>**基金**</span>', "The fund <1/> opens today.", "text in zh: 創科基金"),
    ('<span lang="fr">Fonds</span>', "The fund <1/> opens today.", "text in fr: Fonds"),
    ("創科基金", "The fund <1/> opens today.", "text in CJK script: 創科基金"),
    ("(創科基金)", "The fund (<1/>) opens today.", "text in CJK script: 創科基金"),
    ("「創科基金」", "The fund <1/> opens today.", "text in CJK script: 「創科基金」"),
    ("（創科基金）", "The fund <1/> opens today.", "text in CJK script: （創科基金）"),
    ("創科 基金", "The fund <1/> opens today.", "text in CJK script: 創科 基金"),
    ("`創科基金`", "The fund <1/> opens today.", "code 創科基金"),
])
def test_inline_text_in_another_language_is_one_placeholder(inline: str, expected: str, note: str) -> None:
    (block,) = read_blocks(f"The fund {inline} opens today.\n")
    assert block.text == expected
    kept = [m for m in block.markup if not m.paired]
    assert [(m.opening, m.note) for m in kept] == [(inline.strip("()"), note)]


@pytest.mark.parametrize(("source", "expected", "kept"), [
    # an English span is ordinary markup: its text is translated
    ('The <span lang="en-GB">Tech Fund</span> opens.\n', "The <1/>Tech Fund<2/> opens.",
     ['<span lang="en-GB">', "</span>"]),
    # a link whose text is Chinese keeps the link for the translator
    ("See [創科基金](https://example.org/zh) now.\n", "See <1><2/></1> now.", ["創科基金"]),
    # a span over a line break in a quote: its source with the quote marker, as written
    ('> The <span lang="zh">創科\n> 基金</span> opens.\n', "The <1/> opens.", ['<span lang="zh">創科\n> 基金</span>']),
    # the same tag inside a code span before the real one is not taken for it
    ('Type `<span lang="zh">甲</span>` or <span lang="zh">乙</span>.\n', "Type <1/> or <2/>.",
     ['`<span lang="zh">甲</span>`', '<span lang="zh">乙</span>']),
    # a tag escaped as text before the real one is not taken for it either
    ('Esc \\<span lang="zh">a</span> then <span lang="zh">乙</span> done.\n',
     'Esc <span lang="zh">a<1/> then <2/> done.', ["</span>", '<span lang="zh">乙</span>']),
    # spans nested deep are one placeholder, the outer one
    ("The " + '<span lang="zh">創' * 200 + "</span>" * 200 + " fund.\n", "The <1/> fund.",
     ['<span lang="zh">創' * 200 + "</span>" * 200]),
    # a start tag without its end tag in the block: the tag as a placeholder, the CJK after it too
    ('The <span lang="zh">創科 fund opens to every team today.\n', "The <1/><2/> fund opens to every team today.",
     ['<span lang="zh">', "創科"]),
    # emphasis opened inside the span and closed outside it: the span is not one piece of
    # Markdown, so its tags and its CJK are placeholders of their own
    ('The <span lang="zh">創 *科</span> fund opens to every team* today.\n',
     "The <1/><2/> <3><4/><5/> fund opens to every team</3> today.", ['<span lang="zh">', "創", "科", "</span>"]),
    # a table cell
    ("| Office |\n|---|\n| The <span lang=\"ja\">東京</span> office |\n", "The <1/> office",
     ['<span lang="ja">東京</span>']),
])
def test_markdown_around_foreign_text(source: str, expected: str, kept: list[str]) -> None:
    block = read_blocks(source)[-1]
    assert block.text == expected
    assert [m.opening for m in block.markup if not m.paired] == kept


def test_sentence_lines_count_breaks_inside_a_span() -> None:
    """A line break inside a kept span still counts: the next sentence's line is right."""
    (block,) = read_blocks('The <span lang="zh">創科\n基金</span> opens.\nIt closes\nin May.\n')
    sentences = [(s.text, s.line) for piece in segment_block(block).pieces for s in piece]
    assert sentences == [("The <1/> opens.", 1), ("It closes in May.", 3)]


@pytest.mark.parametrize("source", [
    f"{CHINESE_PARAGRAPH}\n",
    "基金今日正式啟動，歡迎中學生申請 today.\n",
    f'{CHINESE_PARAGRAPH}<span lang="en">HK</span>\n',
])
def test_a_mostly_chinese_block_is_left_whole(source: str) -> None:
    """A block mostly in CJK is not cut into placeholders: extraction drops it whole, and
    the whole-file check still sees a Chinese release as Chinese."""
    (block,) = read_blocks(source)
    assert strip_tags(block.text).startswith("基金今日正式啟動，歡迎")
    assert [m.opening for m in block.markup if cjk_runs(m.opening)] == []
    assert english_blocks(Document("x.md", "markdown", source, (block,))).blocks == ()


def test_a_chinese_markdown_file_is_skipped_with_one_warning(tmp_path: Path, cli: Callable[..., CliResult],
                                                            caplog: pytest.LogCaptureFixture) -> None:
    zh = tmp_path / "youth-fund.zh.md"
    zh.write_text("# 創科基金向學生隊伍開放\n\n創新局今日推出<span lang=\"zh-Hant\">青年創科基金</span>，"
                  "供中學生隊伍申請，詳情見 [網頁](https://example.org)。\n\n" + CHINESE_PARAGRAPH + "\n",
                  encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = cli("extract", str(zh), "-o", str(tmp_path / "locales"))
    assert result.code == 0
    skipped = [r.getMessage() for r in caplog.records if "not an English source" in r.getMessage()]
    assert len(skipped) == 1 and skipped[0].startswith(f"{zh}: skipped")
    assert not (tmp_path / "locales" / "youth-fund.zh.pot").exists()


@pytest.mark.parametrize(("tag", "lang"), [
    ('<span lang="zh-Hant">', "zh-Hant"), ("<span xml:lang='zh-Hans'>", "zh-Hans"), ("<i lang=ja>", "ja"),
    ('<span\n  class="x" LANG="zh">', "zh"), ('<span data-lang="zh">', None), ("<span>", None),
    ("</span>", None), ('<a title="lang=zh" href="x">', None),
])
def test_start_tag_language(tag: str, lang: str | None) -> None:
    assert start_tag_language(tag) == lang


# --- the built release ----------------------------------------------------------------


def _line(release: dict[str, object], tag: str, number: int) -> str:
    lines = release[tag]
    assert isinstance(lines, list)
    return str(lines[number - 1])


@pytest.mark.parametrize("tag", TABLES)
@pytest.mark.parametrize(("number", "prefix", "msgid"), [
    (3, "", "The Innovation Bureau today opened a fund, known locally as <1/>, to teams of secondary students."),
    (5, "", "Applications go to the programme office, <1/>, from next Monday."),
    (7, "", "The fund is run with the Harbour Science Park (<1/>) and two universities."),
    (9, "", "Each team names its project in both languages, such as <1/> for a smart lamp post."),
    (11, "> ", 'The Secretary said the fund "belongs to <1/>, not to us".'),
    (13, "- ", "Teams register at the <1/> counter."),
    (15, "- ", "Type <1/> in the search box of the Bureau's site."),
])
def test_foreign_text_is_written_back_verbatim(release: dict[str, object], tag: str, number: int,
                                               prefix: str, msgid: str) -> None:
    table = TABLES[tag][1]
    assert _line(release, tag, number) == prefix + table[msgid].replace("<1/>", KEPT[msgid])


@pytest.mark.parametrize("tag", TABLES)
def test_links_and_cells_keep_their_chinese(release: dict[str, object], tag: str) -> None:
    table = TABLES[tag][1]
    link = table["Forms are on <1>the fund's page</1> and at <2><3/></2>."]
    link = link.replace("<1>", "[").replace("</1>", "](https://www.example.gov.hk/fund)")
    link = link.replace("<2><3/></2>", "[創科基金網頁](https://www.example.gov.hk/zh/fund)")
    assert _line(release, tag, 14) == "- " + link
    cell = table["<1/> counter"].replace("<1/>", '<span lang="zh-Hant">創科辦</span>')
    assert _line(release, tag, 19) == f"| {cell} | {table['Weekdays only']} |"


@pytest.mark.parametrize("tag", TABLES)
def test_chinese_paragraph_and_untranslated_sentence_stay(release: dict[str, object], tag: str) -> None:
    source = RELEASE.read_text(encoding="utf-8").split("\n")
    assert _line(release, tag, 21) == source[20] == CHINESE_PARAGRAPH
    assert _line(release, tag, 23) == source[22] == UNTRANSLATED
    lines = release[tag]
    assert isinstance(lines, list) and len(lines) == len(source)
