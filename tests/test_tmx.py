"""TMX 1.4b export and import (``l10n.tm.tmx``): DTD-valid exports, a lossless round trip,
and an agency memory written the way Trados and memoQ write theirs.

``tests/data/tmx/tmx14.dtd`` is the LISA OSCAR TMX 1.4 DTD ("x" optional, i.e. 1.4b), as
published with the standard (copied from the mgrbyte/python-tmx repository on GitHub).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from l10n.errors import InputError
from l10n.locales import parse_locale
from l10n.tm import TMEntry, TranslationMemory, read_tmx, write_tmx
from l10n.tm.tmx import tmx_date

DATA = Path(__file__).parent / "data" / "tmx"
HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Entries chosen for what a TMX writer can get wrong: paired and standalone tags, tags not
#: starting at 1 (the second sentence of a paragraph), spaces next to codes and at the ends,
#: characters XML escapes, a msgctxt, a line break, the same source in two locales.
ENTRIES = [
    TMEntry(HK, "Photos of the event can be downloaded <1>here</1>.", "活動照片可於<1>此處</1>下載。"),
    TMEntry(CN, "Photos of the event can be downloaded <1>here</1>.", "活动照片可于<1>此处</1>下载。"),
    TMEntry(HK, "For more information, please visit <1/>.", "詳情請瀏覽<1/>。"),
    TMEntry(HK, "Contact <3>Ms Wong</3> at <4/> <5/>.", "請聯絡<3>黃女士</3>（<4/> <5/>）。"),
    TMEntry(HK, "<1><2>Bold link</2></1> & \"quotes\" <like> this ", "<1><2>粗體連結</2></1>及「引號」"),
    TMEntry(HK, "Release", "發布", context="verb"),
    TMEntry(HK, "Release", "新聞公報", context="noun"),
    TMEntry(CN, "Line one\nline two", "第一行\n第二行"),
    TMEntry(HK, "  Leading and trailing spaces  ", "  前後空格  "),
]


def _rows(path: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT locale, source, context, target FROM tm_segments"
                          " ORDER BY locale, source, context").fetchall()


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory.open(path) as tm:
        tm.add_many(ENTRIES)
    return path


def _export(path: Path) -> bytes:
    with TranslationMemory.open(path, create=False) as tm:
        return write_tmx(tm.segments()).data


def test_export_is_valid_against_the_tmx_14b_dtd(memory: Path) -> None:
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    tree = etree.fromstring(_export(memory))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def test_export_header_and_languages(memory: Path) -> None:
    root = etree.fromstring(_export(memory))
    header = root.find("header")
    assert header is not None
    assert root.get("version") == "1.4"
    assert {k: header.get(k) for k in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang",
                                        "datatype")} == {
        "creationtool": "l10n", "segtype": "sentence", "o-tmf": "l10n-sqlite", "adminlang": "en",
        "srclang": "en", "datatype": "plaintext"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", header.get("creationtoolversion", ""))
    with sqlite3.connect(memory) as db:
        first, last = db.execute("SELECT MIN(updated), MAX(updated) FROM tm_segments").fetchone()
    assert header.get("creationdate") == tmx_date(first)
    assert header.get("changedate") == tmx_date(last)
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("changedate", ""))
    langs = Counter(tuv.get(XML_LANG) for tuv in root.iter("tuv"))
    # one unit per (source, context); English once in each, a variant per locale
    assert langs == {"en": 8, "zh-Hant-HK": 7, "zh-Hans-CN": 2}
    assert len(root.findall("body/tu")) == 8


def test_export_writes_tags_as_paired_and_standalone_codes(memory: Path) -> None:
    root = etree.fromstring(_export(memory))
    segs = [tuv.find("seg") for tuv in root.iter("tuv") if tuv.get(XML_LANG) == "en"]
    contact = next(s for s in segs if s is not None and (s.text or "").startswith("Contact"))
    codes = [(el.tag, dict(el.attrib), el.text, el.tail) for el in contact]
    assert codes == [
        ("bpt", {"i": "3", "x": "3"}, "<3>", "Ms Wong"),
        ("ept", {"i": "3"}, "</3>", " at "),
        ("ph", {"x": "4"}, "<4/>", " "),
        ("ph", {"x": "5"}, "<5/>", "."),
    ]
    # no pretty-printing inside a segment: its text is exactly the stored text
    spaces = next(s for s in segs if s is not None and "Leading" in (s.text or ""))
    assert spaces.text == "  Leading and trailing spaces  "


def test_context_is_a_property_of_the_unit(memory: Path) -> None:
    root = etree.fromstring(_export(memory))
    contexts = sorted(p.text or "" for p in root.iter("prop") if p.get("type") == "x-l10n-context")
    assert contexts == ["noun", "verb"]


def test_export_is_the_same_bytes_for_the_same_memory(memory: Path) -> None:
    assert _export(memory) == _export(memory)


def test_round_trip_export_import_gives_the_same_memory(memory: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "out.tmx"
    tmx.write_bytes(_export(memory))
    batch = read_tmx(tmx)
    assert batch.skipped == ()
    empty = tmp_path / "empty.sqlite"
    with TranslationMemory.open(empty) as tm:
        stats = tm.add_many(batch.entries)
    assert stats.added == len(ENTRIES)
    assert _rows(empty) == _rows(memory)
    assert {e.origin for e in batch.entries} == {str(tmx)}


def test_empty_memory_exports_a_valid_empty_body(tmp_path: Path) -> None:
    export = write_tmx([])
    assert (export.units, export.translations) == (0, 0)
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    root = etree.fromstring(export.data)
    assert dtd.validate(root)
    assert root.find("header").get("creationdate") is None  # type: ignore[union-attr]


def test_translations_xml_cannot_hold_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory.open(path) as tm:
        tm.add_many([TMEntry(HK, "Bell\x07 rings", "鐘\x07響"), TMEntry(HK, "Welcome", "歡迎")])
        export = write_tmx(tm.segments())
    assert (export.units, export.translations) == (1, 1)
    assert [(r.source, r.target) for r in export.left_out] == [("Bell\x07 rings", "鐘\x07響")]
    assert etree.DTD(str(DATA / "tmx14.dtd")).validate(etree.fromstring(export.data))


# -- an agency's memory -------------------------------------------------------------------

AGENCY = DATA / "agency-trados.tmx"


def test_agency_memory_imports_what_it_can_store() -> None:
    batch = read_tmx(AGENCY)
    got = sorted((e.locale.tag, e.source, e.target, e.context) for e in batch.entries)
    assert got == sorted([
        ("zh-Hant-HK", "The Financial Secretary announced a relief package of <1>HK$12.5 billion</1> today.",
         "財政司司長今日宣布<1>125億港元</1>的紓困措施。", ""),
        ("zh-Hans-CN", "The Financial Secretary announced a relief package of <1>HK$12.5 billion</1> today.",
         "财政司司长今日宣布<1>125亿港元</1>的纾困措施。", ""),
        # codes matched across variants by x, though the Chinese pair has another i
        ("zh-Hant-TW", "For details, see <2>the website</2> or call <5/>.",
         "詳情請瀏覽<2>網站</2>或致電<5/>。", ""),
        # a placeholder without x matched by its native code; <hi> keeps its text; &amp; read
        ("zh-Hant-HK", "Tender closes at <1/> on Friday & late offers are void.",
         "投標於星期五<1/>截止，逾期標書一概無效。", ""),
        ("zh-Hant-HK", "The Chief Executive will attend the ceremony.", "行政長官將出席典禮。", ""),
        ("zh-Hans-CN", "The Chief Executive will attend the ceremony.", "行政长官将出席典礼。", ""),
    ])
    assert batch.units == 8
    assert batch.languages == Counter({"FR-FR": 1})


def test_agency_units_with_broken_codes_are_reported_with_their_line() -> None:
    batch = read_tmx(AGENCY)
    reasons = [(s.line, s.reason) for s in batch.skipped]
    assert reasons == [
        (45, "an isolated code (<it>) has no partner in this segment"),
        (54, "<bpt i=1> has no <ept>"),
        (62, "the ZH-HK inline codes differ from the English ones"),
        (70, "codes i=2 and i=1 overlap"),
    ]
    assert batch.skipped[0].describe() == f"{AGENCY}:45: translation unit skipped: " + reasons[0][1]


def test_memoq_memory_pairs_codes_by_i_and_passes_over_empty_targets() -> None:
    batch = read_tmx(DATA / "agency-memoq.tmx")
    got = [(e.locale.tag, e.source, e.target) for e in batch.entries]
    source = "Salaries tax will be reduced by <1>100 per cent</1>, capped at <2>HK$3,000</2>."
    assert got == [
        ("zh-Hant-HK", source, "寬減<1>100%</1>薪俸稅，上限為<2>3,000港元</2>。"),
        # the Chinese order differs; codes follow their i, not their position
        ("zh-Hans-CN", source, "宽减<2>3,000港元</2>上限的<1>100%</1>薪俸税。"),
        ("zh-Hant-HK", "Enquiries: <1/>", "查詢：<1/>"),
    ]
    assert all(e.context == "" for e in batch.entries)  # memoQ's context props are not msgctxt
    assert (batch.skipped, batch.units) == ((), 3)


@pytest.mark.parametrize("name", ["agency-trados.tmx", "agency-memoq.tmx"])
def test_agency_fixtures_are_valid_tmx(name: str) -> None:
    """The fixtures imitate valid tool output: what is skipped is skipped for its codes."""
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(DATA / name))), dtd.error_log.filter_from_errors()


@pytest.mark.parametrize(("lang", "tag"), [
    ("ZH-HK", "zh-Hant-HK"),
    ("zh-hk", "zh-Hant-HK"),
    ("zh-TW", "zh-Hant-TW"),
    ("zh-CN", "zh-Hans-CN"),
    ("zh-Hant", "zh-Hant-HK"),
    ("zh-Hans", "zh-Hans-CN"),
    ("zh_Hant_HK", "zh-Hant-HK"),
    ("ZH-HANT-HK", "zh-Hant-HK"),
])
def test_language_codes_are_mapped_to_our_locales(tmp_path: Path, lang: str, tag: str) -> None:
    tmx = tmp_path / "one.tmx"
    tmx.write_text(_one_unit("Welcome", lang, "歡迎", source_lang="EN-GB"), encoding="utf-8")
    (entry,) = read_tmx(tmx).entries
    assert entry.locale.tag == tag


def _one_unit(source: str, lang: str, target: str, *, source_lang: str = "en") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
            '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"'
            f' adminlang="en" srclang="{source_lang}" datatype="plaintext"/><body><tu>'
            f'<tuv xml:lang="{source_lang}"><seg>{source}</seg></tuv>'
            f'<tuv xml:lang="{lang}"><seg>{target}</seg></tuv></tu></body></tmx>\n')


@pytest.mark.parametrize(("source", "target", "reason"), [
    ("<ept i=\"1\">x</ept>Closed", "關閉", "<ept i=1> closes nothing"),
    ("No code", "<ph x=\"1\">{1}</ph>無", "inline code x=1 of the translation is not in the English text"),
    ("Rated &lt;5&gt; stars", "五星", "the text '<5>' would read as an l10n inline tag"),
    ("Odd <sup>1</sup>", "奇", "unexpected element <sup> in a segment"),
])
def test_units_we_cannot_store_are_skipped(tmp_path: Path, source: str, target: str, reason: str) -> None:
    tmx = tmp_path / "one.tmx"
    tmx.write_text(_one_unit(source, "zh-HK", target), encoding="utf-8")
    batch = read_tmx(tmx)
    assert batch.entries == ()
    assert [s.reason for s in batch.skipped] == [reason]


def test_a_unit_without_english_is_skipped(tmp_path: Path) -> None:
    tmx = tmp_path / "one.tmx"
    tmx.write_text(_one_unit("Bienvenue", "zh-HK", "歡迎", source_lang="fr-FR"), encoding="utf-8")
    assert [s.reason for s in read_tmx(tmx).skipped] == ["no English variant"]


def test_tmx_11_lang_attribute_and_utf16_are_read(tmp_path: Path) -> None:
    text = _one_unit("Welcome", "zh-HK", "歡迎").replace("xml:lang=", "lang=")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    tmx = tmp_path / "utf16.tmx"
    tmx.write_bytes(text.encode("utf-16"))
    (entry,) = read_tmx(tmx).entries
    assert (entry.locale.tag, entry.source, entry.target) == ("zh-Hant-HK", "Welcome", "歡迎")


@pytest.mark.parametrize(("encoding", "message"), [
    ("utf-16", "entity.tmx:3: entity declarations are not allowed in a TMX file"),
    # without a byte order mark the scan before parsing cannot read it; the parsed DTD is checked
    ("utf-16-le", "entity.tmx:1: entity declarations are not allowed in a TMX file"),
])
def test_entity_declarations_are_refused_in_utf16(tmp_path: Path, encoding: str, message: str) -> None:
    text = (DATA / "external-entity.tmx").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(" &secret;", "")
    (tmp_path / "entity.tmx").write_bytes(text.encode(encoding))
    with pytest.raises(InputError) as info:
        read_tmx(tmp_path / "entity.tmx")
    assert info.value.format_message().startswith(str(tmp_path / message))


@pytest.mark.parametrize(("name", "message"), [
    ("malformed.tmx", "malformed.tmx:7: malformed TMX: Opening and ending tag mismatch: seg line 7 and tuv"),
    ("external-entity.tmx", "external-entity.tmx:3: entity declarations are not allowed in a TMX file"),
    ("undefined-entity.tmx", "undefined-entity.tmx:6: malformed TMX: Entity 'nbsp' not defined"),
    ("not-tmx.tmx", "not-tmx.tmx:2: not a TMX file: the root element is <xliff>, expected <tmx>"),
    ("tuv-without-seg.tmx", "tuv-without-seg.tmx:7: malformed TMX: <tuv> without <seg>"),
])
def test_bad_files_raise_one_error_with_file_and_line(name: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_tmx(DATA / name)
    text = info.value.format_message()
    assert "\n" not in text
    assert text.startswith(str(DATA / message))
