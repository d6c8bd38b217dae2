"""Issue 13, item 1: a page's release, not its site; translatable attributes as units.

The pages in tests/data/html_pages imitate a government release page (site header with a
language switch, menus, search form, cookie banner, aside, footer) and a corporate XHTML
newsroom page (``article`` as the content root)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html as lxml_html

from l10n.config import settings_from_mapping
from l10n.errors import ConfigError, InputError
from l10n.formats import HTML, read_document
from l10n.formats.html import AUTO_ROOT, content_roots, css_to_xpath, read_blocks, rebuild
from l10n.model import Document
from l10n.segment import Sentence, document_units

PAGES = Path(__file__).parent / "data" / "html_pages"
GOV = PAGES / "gov_release.html"
CORP = PAGES / "corporate.xhtml"

RELEASE_UNITS = [
    "Harbour Robotics Centre opens in Tseung Kwan O",  # <title>
    "A new robotics centre opens to start-ups.",
    "Harbour Robotics Centre opens",
    "Start-ups can book test bays from today.",
    "Harbour Robotics Centre opens in Tseung Kwan O",  # <h1>
    "The Harbour Robotics Centre opened today with twelve test bays.",
    "Start-ups can book a bay online.",
    "A test bay at the centre.",  # same line as the image: text first, then its attributes
    "Engineers test a delivery robot",
    "Test bay 3",
    "Enquiries: <1>HRC</1> office.",
    "Harbour Robotics Centre",
]
CHROME = ["Go to main content", "繁", "简", "Home", "Press Releases", "Search the site", "Keywords",
          "This site uses cookies to improve your experience.", "Accept", "Related",
          "© 2025 Government of the Example SAR.", "Privacy policy", "Government logo"]


@dataclass
class DictLookup:
    """Translates the sentences it knows; records what it was asked."""

    table: dict[str, str]
    language: str | None = "zh-Hant-HK"
    asked: list[str] = field(default_factory=list)

    def target(self, sentence: Sentence, line: int) -> str | None:
        self.asked.append(sentence.text)
        return self.table.get(sentence.text)

    def join(self, texts: Sequence[str]) -> str:
        return "".join(texts)


def _texts(doc: Document) -> list[str]:
    return [u.text for u in document_units(doc)]


def _page(path: Path) -> Document:
    return read_document(path)


def test_gov_page_gives_the_release_only() -> None:
    texts = _texts(_page(GOV))
    assert texts == RELEASE_UNITS
    assert not set(CHROME) & set(texts)


def test_before_the_whole_page_was_read() -> None:
    """Read as before (everything, no attributes): the chrome outnumbered the release."""
    source = GOV.read_text(encoding="utf-8")
    before = read_blocks(source, path=str(GOV))  # content_root None: the old reading
    after = read_blocks(source, path=str(GOV), content_root=AUTO_ROOT)
    before_text = " ".join(b.text for b in before)
    assert all(c in before_text for c in ("Go to main content", "繁", "cookies", "Privacy policy"))
    assert len(before) == 19 and len(after) == 11  # 19 blocks with the chrome; 11 of the release
    assert sum(c in before_text for c in CHROME) == 11 and not any(c in b.text for b in after for c in CHROME)


def test_attributes_carry_their_own_context() -> None:
    units = {u.text: u for u in document_units(_page(GOV))}
    assert units["Engineers test a delivery robot"].notes[0] == "attribute alt of <img>"
    assert units["Test bay 3"].notes[0] == "attribute title of <img>"
    assert units["A new robotics centre opens to start-ups."].notes[0] == 'attribute content of <meta name="description">'
    assert units["Start-ups can book test bays from today."].notes[0] == 'attribute content of <meta property="og:description">'
    assert units["Harbour Robotics Centre"].notes[0] == "attribute title of <abbr>"


ZH = {
    "Harbour Robotics Centre opens in Tseung Kwan O": "海港機械人中心在將軍澳開幕",
    "A new robotics centre opens to start-ups.": "新機械人中心向初創企業開放。",
    "Harbour Robotics Centre opens": "海港機械人中心開幕",
    "Start-ups can book test bays from today.": "初創企業即日起可預約測試間。",
    "The Harbour Robotics Centre opened today with twelve test bays.": "設有十二個測試間的海港機械人中心今日開幕。",
    "Start-ups can book a bay online.": "初創企業可在網上預約測試間。",
    "Engineers test a delivery robot": "工程師測試送貨機械人",
    "Test bay 3": "第3號測試間",
    "A test bay at the centre.": "中心內的測試間。",
    "Enquiries: <1>HRC</1> office.": "查詢：<1>HRC</1>辦事處。",
    "Harbour Robotics Centre": "海港機械人中心 & \"HRC\" <office>",
}


def _build(path: Path, table: dict[str, str]) -> str:
    doc = _page(path)
    return HTML.write(doc, DictLookup(table)).decode("utf-8")


def test_built_page_has_translated_attributes_and_untouched_chrome() -> None:
    out = _build(GOV, ZH)
    tree = lxml_html.fromstring(out.encode("utf-8"))
    assert tree.xpath("//img[@src='centre.jpg']/@alt") == ["工程師測試送貨機械人"]
    assert tree.xpath("//img[@src='centre.jpg']/@title") == ["第3號測試間"]
    assert tree.xpath("//meta[@name='description']/@content") == ["新機械人中心向初創企業開放。"]
    assert tree.xpath("//meta[@property='og:title']/@content") == ["海港機械人中心開幕"]
    assert tree.xpath("//title/text()") == ["海港機械人中心在將軍澳開幕"]
    assert tree.xpath("//abbr/@title") == ['海港機械人中心 & "HRC" <office>']  # escaped, read back whole
    assert """<abbr title='海港機械人中心 &amp; "HRC" &lt;office&gt;'>""" in out
    for chrome in ("Go to main content", ">繁<", ">简<", "This site uses cookies", "Privacy policy",
                   'alt="Government logo"', 'placeholder="Keywords"'):
        assert chrome in out
    assert "<main" in out and "Start-ups can book a bay online" not in out


def test_untranslated_page_rebuilds_byte_for_byte() -> None:
    for path in (GOV, CORP):
        doc = _page(path)
        assert HTML.write(doc, DictLookup({}, language=None)) == path.read_bytes()


def test_xhtml_page_uses_article_and_stays_xml() -> None:
    texts = _texts(_page(CORP))
    assert texts == ["Kai Tak Data Park signs first tenant", "The data park signs its first tenant.",
                     "Kai Tak Data Park signs first tenant", "The data park signed its first tenant today.",
                     "The tenant will move in next spring.", "An aerial view of the park"]
    out = _build(CORP, {"An aerial view of the park": "園區鳥瞰圖",
                        "The data park signs its first tenant.": "數據園簽下首個租戶。"})
    assert '<img src="park.png" alt="園區鳥瞰圖"/>' in out and "<br/>" in out
    assert 'content="數據園簽下首個租戶。"/>' in out
    assert "Copyright 2025 Kai Tak Data Park Limited." in out and ">繁</a>" in out


NO_MAIN = """<html><body>
<header><a href="/tc/">繁</a> | <a href="/sc/">简</a></header>
<nav><a href="/">Home</a></nav>
<div hidden><p>Old banner.</p></div>
<div><p>The body text is the release.</p><p><img src="a.png" alt="A chart"></p></div>
<form><input placeholder="Search"></form>
<footer><p>Copyright.</p></footer>
</body></html>"""


def test_page_without_main_reads_body_without_chrome() -> None:
    blocks = read_blocks(NO_MAIN, path="x.html", content_root=AUTO_ROOT)
    assert [b.text for b in blocks] == ["The body text is the release.", "A chart"]


ROOTED = """<html><body><div id="top"><p>Menu text.</p></div>
<div class="story main-story"><p>Story text.</p><nav><p>In-story nav.</p></nav></div>
<section role="main"><p>Section text.</p></section></body></html>"""


@pytest.mark.parametrize(("root", "expected"), [
    ("#top", ["Menu text."]),
    ("div.story", ["Story text.", "In-story nav."]),  # chrome inside the root is kept
    (".main-story", ["Story text.", "In-story nav."]),
    ("[role=main]", ["Section text."]),
    ("section[role='main']", ["Section text."]),
    ("//div[@id='top']", ["Menu text."]),
    (AUTO_ROOT, ["Section text."]),
    ("#absent", ["Section text."]),  # no match: the automatic root
])
def test_configured_content_root(root: str, expected: list[str]) -> None:
    assert [b.text for b in read_blocks(ROOTED, path="x.html", content_root=root)] == expected


def test_build_follows_the_configured_root() -> None:
    with content_roots((("", AUTO_ROOT), ("site", "#top"))):
        assert [b.text for b in HTML.read(ROOTED.encode(), "site/x.html").blocks] == ["Menu text."]
        assert [b.text for b in HTML.read(ROOTED.encode(), "other/x.html").blocks] == ["Section text."]
    assert [b.text for b in HTML.read(ROOTED.encode(), "site/x.html").blocks] == ["Section text."]
    out, changed = rebuild(ROOTED, path="x.html", lookup=DictLookup({"Menu text.": "選單。", "Section text.": "段。"}),
                           content_root="#top")
    assert changed and "選單。" in out and "Section text." in out


@pytest.mark.parametrize("bad", ["div > p", "a b", "p:first-child", ""])
def test_unsupported_selector_is_refused(bad: str) -> None:
    with pytest.raises(InputError):
        css_to_xpath(bad)


def test_markdown_raw_html_is_read_as_before() -> None:
    """Raw HTML inside Markdown is a fragment: no root, no attribute units."""
    blocks = read_blocks('<nav><p>Kept.</p></nav><img alt="x">', path="x.md")
    assert [b.text for b in blocks] == ["Kept."]


@pytest.mark.parametrize(("value", "roots"), [
    ("main", (("", "main"),)),
    ({"press/site": "#content", "news": "//div[@id='story']"},
     (("", AUTO_ROOT), ("news", "//div[@id='story']"), ("press/site", "#content"))),
])
def test_content_root_setting(value: object, roots: tuple[tuple[str, str], ...]) -> None:
    assert settings_from_mapping({"sources": {"content_root": value}}, source="t.toml").content_roots == roots


@pytest.mark.parametrize("value", ["div > p", 3, {"site": 1}])
def test_bad_content_root_setting_is_a_config_error(value: object) -> None:
    with pytest.raises(ConfigError):
        settings_from_mapping({"sources": {"content_root": value}}, source="t.toml")


SAMPLE = Path(__file__).parent.parent / "samples" / "kowloon-bay-ai-lab-2025.html"


def test_bundled_sample_gives_the_release_only() -> None:
    """The bundled page: 13 units (12 entries: title and h1 agree) of release, none of its chrome."""
    texts = _texts(_page(SAMPLE))
    assert len(texts) == 13 and len(set(texts)) == 12 and "Engineers check a server rack at the new lab" in texts
    before = " ".join(b.text for b in read_blocks(SAMPLE.read_text(encoding="utf-8"), path=str(SAMPLE)))
    for chrome in ("Skip to main content", "繁", "We use cookies", "Privacy Policy", "Contact Us"):
        assert chrome in before and not any(chrome in t for t in texts)


def test_changing_the_content_root_reprocesses_releases() -> None:
    """A new root changes the units: the run's fingerprint must change with it."""
    from dataclasses import replace

    from l10n.config import Settings
    from l10n.pipeline import settings_fingerprint

    base = Settings(mt_enabled=False)
    assert settings_fingerprint(base, "m") != settings_fingerprint(replace(base, content_roots=(("", "#top"),)), "m")
