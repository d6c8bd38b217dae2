"""Build: the localised document keeps the source's structure."""

from pathlib import Path

import pytest
from lxml import html as lxml_html

from l10n.build import build
from l10n.extract import extract, update
from l10n.locales import parse_locale
from tests.conftest import translate_po

HK = parse_locale("zh-Hant-HK")


def _prepare(project: Path, source: str, table: dict[str, tuple[str, bool]] | None = None) -> Path:
    extract([source], project / "locales")
    update(project / "locales", [HK])
    po_file = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / f"{Path(source).stem}.po"
    if table:
        translate_po(po_file, table)
    return po_file


@pytest.mark.parametrize("source", ["release.md", "release.txt"])
def test_empty_po_rebuilds_source_exactly(project: Path, source: str) -> None:
    _prepare(project, source)
    res = build(source, HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output == project / "out" / "zh_Hant_HK" / source
    assert res.output.read_bytes() == (project / source).read_bytes()
    assert res.translated == 0 and res.sentences > 0


def test_empty_po_rebuilds_html_with_lang(project: Path) -> None:
    _prepare(project, "release.html")
    res = build("release.html", HK, locales_dir=project / "locales", out_dir=project / "out")
    built = lxml_html.fromstring(res.output.read_bytes())
    source = lxml_html.fromstring((project / "release.html").read_bytes())
    assert built.get("lang") == "zh-Hant-HK"
    assert built.text_content().split() == source.text_content().split()
    assert res.output.read_text().startswith("<!DOCTYPE html>")


MD_TABLE = {
    "Harbour Lab Opens Its Doors": ("海港實驗室開幕", False),
    "<1>Hong Kong, 3 March 2026</1> - The Harbour Lab opened today with 40 new start-ups.":
        ("<1>香港，2026年3月3日</1> - 海港實驗室今日開幕，迎來40家新初創企業。", False),
    "It offers desks to founders from 12 economies.": ("實驗室為來自12個經濟體的創辦人提供辦公桌。", False),
    "Visit <1>our site</1> or <2/> for <3>more</3> details.": ("請瀏覽<1>我們的網站</1>或<2/>了解<3>更多</3>詳情。", False),
    "Start-ups": ("初創企業", False),
    "Hall A": ("A廳", False),
    "Press photos are on <1/>.": ("新聞照片載於<1/>。", True),
    "The Harbour Lab opened today with 40 new start-ups.": ("海港實驗室今日開幕，迎來40家新初創企業", False),
}


def test_markdown_translations_restore_markup(project: Path) -> None:
    _prepare(project, "release.md", MD_TABLE)
    res = build("release.md", HK, locales_dir=project / "locales", out_dir=project / "out")
    out = res.output.read_text().split("\n")
    assert out[0] == "# 海港實驗室開幕"
    assert out[2] == ("**香港，2026年3月3日** - 海港實驗室今日開幕，迎來40家新初創企業。"
                      "實驗室為來自12個經濟體的創辦人提供辦公桌。")
    assert out[4] == "- Mr. Lee, the Lab's director, met Dr. Wong at No. 5 Science Park Road."
    assert out[5] == "- The fund raised HK\\$1.2 billion (approx. US\\$154 million) in Sep. 2025."
    assert out[9] == ("請瀏覽[我們的網站](https://harbour.example/lab)或<https://harbour.example>"
                      "了解*更多*詳情。  ")
    assert out[10] == "Press photos are on `ftp.example`."  # fuzzy: source kept
    assert out[14] == "| 初創企業 | 40 |"
    assert out[15] == "| Opening ceremony | A廳 |"
    assert out[17] == "海港實驗室今日開幕，迎來40家新初創企業實驗室為來自12個經濟體的創辦人提供辦公桌。"
    assert len(out) == len((project / "release.md").read_text().split("\n"))


def test_include_fuzzy_uses_drafts(project: Path) -> None:
    _prepare(project, "release.md", MD_TABLE)
    res = build("release.md", HK, locales_dir=project / "locales", out_dir=project / "out",
                include_fuzzy=True)
    assert "新聞照片載於`ftp.example`。" in res.output.read_text()


def test_translation_with_wrong_tags_falls_back(project: Path) -> None:
    bad = {"Visit <1>our site</1> or <2/> for <3>more</3> details.": ("請瀏覽我們的網站。", False)}
    _prepare(project, "release.md", bad)
    res = build("release.md", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_text() == (project / "release.md").read_text()


def test_html_translations(project: Path) -> None:
    table = {
        "Harbour Lab <1>Opens</1>": ("海港實驗室<1>開幕</1>", False),
        "Visit <1>our site</1> for more.": ("請瀏覽<1>我們的網站</1>。", False),
        "Call us.": ("請致電我們。", False),
        "Harbour Lab Opens": ("海港實驗室開幕 & 慶典", False),
    }
    _prepare(project, "release.html", table)
    res = build("release.html", HK, locales_dir=project / "locales", out_dir=project / "out")
    text = res.output.read_text()
    assert '<html lang="zh-Hant-HK">' in text
    assert "<h1>海港實驗室<em>開幕</em></h1>" in text
    assert '<li>請瀏覽<a href="https://harbour.example/lab">我們的網站</a>。</li>' in text
    assert '<li>請致電我們。<br><span lang="en">We answer quickly.</span></li>' in text  # untranslated: declared English
    assert "<title>海港實驗室開幕 &amp; 慶典</title>" in text
    assert 'var x = "Do not translate me.";' in text
    assert "<!-- editorial comment: not for translation -->" in text


def test_markdown_emphasis_next_to_chinese_punctuation_becomes_html(project: Path) -> None:
    (project / "quote.md").write_text('**Simon Chan, Chairman**, said: "Good."\n')
    _prepare(project, "quote.md", {"<1>Simon Chan, Chairman</1>, said: \"Good.\"": ("<1>陳細明（主席）</1>表示：「好。」", False)})
    res = build("quote.md", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_text() == "<strong>陳細明（主席）</strong>表示：「好。」\n"


def test_markdown_text_is_escaped_when_rebuilt(project: Path) -> None:
    (project / "esc.md").write_text("Entity &lt;tag&gt; and &#42;star&#42; stay. Next one.\n\n![Alt](img.png \"Image title\") Photo.\n")
    _prepare(project, "esc.md", {"Next one.": ("下一句。", False), "<1/> Photo.": ("<1/> 照片。", False)})
    res = build("esc.md", HK, locales_dir=project / "locales", out_dir=project / "out")
    lines = res.output.read_text().split("\n")
    assert lines[0] == "Entity \\<tag> and \\*star\\* stay.下一句。"
    assert lines[2] == '![Alt](img.png "Image title") 照片。'


def test_plain_text_lines_are_rebuilt_as_lines(project: Path) -> None:
    (project / "contact.txt").write_text("Media enquiries\nMaggie Hui\nSenior Manager\nTel: 3166 3993\n")
    _prepare(project, "contact.txt", {"Senior Manager": ("高級經理", False), "Media enquiries": ("傳媒查詢", False)})
    res = build("contact.txt", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_text() == "傳媒查詢\nMaggie Hui\n高級經理\nTel: 3166 3993\n"


def test_markdown_raw_html_block_is_translated_in_place(project: Path) -> None:
    (project / "hb.md").write_text('# Title\n\n<div class="note">\n<p>Block text here. It has <b>two</b> parts &amp; more.</p>\n'
                                   "</div>\n\nAfter the block.\n\n<div>\nUnclosed across blocks\n\n</div>\n")
    _prepare(project, "hb.md", {"Block text here.": ("區塊文字。", False),
                                "It has <1>two</1> parts & more.": ("它有<1>兩</1>部分及其他。", False)})
    res = build("hb.md", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_text() == ('# Title\n\n<div class="note">\n<p>區塊文字。它有<b>兩</b>部分及其他。</p>\n'
                                      "</div>\n\nAfter the block.\n\n<div>\nUnclosed across blocks\n\n</div>\n")
