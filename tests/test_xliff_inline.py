"""Our placeholder tags as XLIFF inline codes: the tree, both writers and both readers."""

from __future__ import annotations

import pytest
from lxml import etree

from l10n.errors import InputError
from l10n.exchange import xliff2, xliff12
from l10n.exchange.common import (
    Code,
    End,
    ExportDocument,
    ExportUnit,
    Pair,
    Start,
    State,
    Void,
    parse_tags,
    state_digest,
    tag_difference,
    unit_id,
)
from tests.xliff_support import assert_valid

WRITERS = {"2.0": xliff2, "1.2": xliff12}


@pytest.mark.parametrize(("text", "tree"), [
    ("plain", ("plain",)),
    ("a <1>b</1> c", ("a ", Pair(1, ("b",)), " c")),
    ("<1>x <2/> y</1>", (Pair(1, ("x ", Void(2), " y")),)),
    ("<1><2>b</2></1>", (Pair(1, (Pair(2, ("b",)),)),)),
    ("<1>a<2>b</1>c</2>", (Start(1, False), "a", Pair(2, ("b", End(1, False), "c")))),
    ("open <1>only", ("open ", Start(1, True), "only")),
    ("only</1> closed", ("only", End(1, True), " closed")),
    ("Rated <5> stars", ("Rated ", Start(5, True), " stars")),
])
def test_parse_tags(text: str, tree: tuple[object, ...]) -> None:
    assert parse_tags(text) == tree


@pytest.mark.parametrize(("source", "target", "problem"), [
    ("<1>a</1> <2/>", "<2/> <1>b</1>", ""),
    ("<1>a</1>", "b", "missing </1> <1>"),
    ("a", "<1/>b", "extra <1/>"),
    ("<1>a</1>", "<1>b</1><1>c</1>", "extra </1> <1>"),
])
def test_tag_difference(source: str, target: str, problem: str) -> None:
    assert tag_difference(source, target).endswith(problem)
    assert bool(tag_difference(source, target)) == bool(problem)


def test_unit_ids_tell_contexts_apart() -> None:
    ids = {unit_id(None, "Hello"), unit_id("", "Hello"), unit_id("menu", "Hello"), unit_id(None, "Hello!")}
    assert len(ids) == 4
    assert unit_id("menu", "Hello") == unit_id("menu", "Hello")
    assert state_digest("x", True) != state_digest("x", False)


def _doc(texts: list[str], codes: dict[int, Code] | None = None) -> ExportDocument:
    units = tuple(ExportUnit(unit_id(None, t), None, t, t, State.DRAFT, state_digest(t, True), ("fuzzy",),
                             (), codes or {}, i + 1) for i, t in enumerate(texts))
    return ExportDocument("doc", "zh-Hant-HK", "doc.po", units)


TEXTS = [
    "a <1>b</1> c",
    "<1>x <2/> y</1>",
    "<1>a<2>b</1>c</2>",
    "open <1>only",
    "only</1> closed",
    "  leading and trailing spaces  ",
    "line one\nline two\ttab\r\nwindows",
    'XML specials: & < > " \' ]]>',
    "數碼港於<1>九龍灣</1>開設實驗室。",
]


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_codes_and_text_survive_a_round_trip(version: str) -> None:
    module = WRITERS[version]
    data = module.write(_doc(TEXTS))
    assert_valid(data, version)
    units = module.read(etree.fromstring(data), "x.xlf")[0].units
    assert [u.source for u in units] == TEXTS
    assert [u.target for u in units] == TEXTS
    assert {u.state for u in units} == {State.DRAFT}


@pytest.mark.parametrize(("version", "element"), [("2.0", "pc"), ("1.2", "g")])
def test_paired_tags_are_real_inline_elements(version: str, element: str) -> None:
    data = WRITERS[version].write(_doc(["a <1>b</1> c"]))
    assert f"<{element} id=\"1\"".encode() in data
    assert b"&lt;1&gt;" not in data


def test_original_markup_is_carried_for_display_in_2_0() -> None:
    codes = {1: Code(1, True, "link https://x.hk", "[", "](https://x.hk)", "link"), 2: Code(2, False, "code a@b.hk", "`a@b.hk`")}
    data = xliff2.write(_doc(["see <1>here</1> or <2/>"], codes))
    assert_valid(data, "2.0")
    root = etree.fromstring(data)
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    pc = root.find(".//x:source/x:pc", ns)
    ph = root.find(".//x:source/x:ph", ns)
    assert pc is not None and ph is not None
    assert (pc.get("dispStart"), pc.get("type"), pc.get("canDelete")) == ("link https://x.hk", "link", "no")
    data_items = {d.get("id"): d.text for d in root.iterfind(".//x:originalData/x:data", ns)}
    assert data_items[pc.get("dataRefStart")] == "["
    assert data_items[pc.get("dataRefEnd")] == "](https://x.hk)"
    assert data_items[ph.get("dataRef")] == "`a@b.hk`"


def test_characters_xml_cannot_hold() -> None:
    """2.0 writes them as <cp>; 1.2 cannot, and says which entry and why."""
    text = "bell\x07 and vertical\x0btab"
    data = xliff2.write(_doc([text]))
    assert b'<cp hex="0007"/>' in data
    assert xliff2.read(etree.fromstring(data), "x")[0].units[0].target == text
    with pytest.raises(InputError, match=r"doc\.po:1: character U\+0007 cannot be written in XLIFF 1\.2"):
        xliff12.write(_doc([text]))


@pytest.mark.parametrize(("version", "inline", "problem"), [
    ("2.0", '<pc id="x">a</pc>', "inline code pc id='x'"),
    ("2.0", "<foo/>", "unexpected element <foo>"),
    ("1.2", '<x id="abc"/>', "inline code x id='abc'"),
])
def test_unknown_codes_make_a_unit_problem(version: str, inline: str, problem: str) -> None:
    if version == "2.0":
        text = (f'<xliff xmlns="{xliff2.NS}" version="2.0" srcLang="en" trgLang="zh-HK"><file id="f">'
                f'<unit id="u1"><segment><source>a</source><target>{inline}</target></segment></unit></file></xliff>')
        units = xliff2.read(etree.fromstring(text.replace("<foo/>", f'<foo xmlns="{xliff2.NS}"/>')), "x")[0].units
    else:
        text = (f'<xliff xmlns="{xliff12.NS}" version="1.2"><file original="d.po" source-language="en" '
                f'datatype="po"><body><trans-unit id="u1"><source>a</source><target>{inline}</target>'
                f"</trans-unit></body></file></xliff>")
        units = xliff12.read(etree.fromstring(text), "x")[0].units
    assert units[0].problem.startswith(problem)


def _read_2_0(segments: str) -> State:
    text = (f'<xliff xmlns="{xliff2.NS}" version="2.0" srcLang="en" trgLang="zh-HK"><file id="f">'
            f'<unit id="u1">{segments}</unit></file></xliff>')
    return xliff2.read(etree.fromstring(text), "x")[0].units[0].state


@pytest.mark.parametrize(("segments", "state"), [
    ("<segment><source>a</source></segment>", State.NEW),
    ('<segment state="initial"><source>a</source><target>甲</target></segment>', State.DRAFT),
    ('<segment state="translated"><source>a</source><target>甲</target></segment>', State.DRAFT),
    ('<segment state="reviewed"><source>a</source><target>甲</target></segment>', State.DRAFT),
    ('<segment state="final"><source>a</source><target>甲</target></segment>', State.APPROVED),
    ('<segment state="final"><source>a</source><target>甲</target></segment>'
     '<segment state="translated"><source>b</source><target>乙</target></segment>', State.DRAFT),
])
def test_2_0_states_read_back(segments: str, state: State) -> None:
    assert _read_2_0(segments) == state


@pytest.mark.parametrize(("attributes", "target", "state"), [
    ("", "", State.NEW),
    ("", '<target state="needs-review-translation">甲</target>', State.DRAFT),
    ("", '<target state="translated">甲</target>', State.DRAFT),
    ('approved="no"', '<target state="new">甲</target>', State.DRAFT),
    ('approved="yes"', '<target state="translated">甲</target>', State.APPROVED),
    ("", '<target state="signed-off">甲</target>', State.APPROVED),
    ("", '<target state="final">甲</target>', State.APPROVED),
    ('approved="yes"', "<target></target>", State.NEW),
])
def test_1_2_states_read_back(attributes: str, target: str, state: State) -> None:
    text = (f'<xliff xmlns="{xliff12.NS}" version="1.2"><file original="d.po" source-language="en" '
            f'datatype="po"><body><trans-unit id="u1" {attributes}><source>a</source>{target}'
            f"</trans-unit></body></file></xliff>")
    assert xliff12.read(etree.fromstring(text), "x")[0].units[0].state == state


def test_segments_of_a_resegmented_unit_are_joined() -> None:
    text = (f'<xliff xmlns="{xliff2.NS}" version="2.0" srcLang="en" trgLang="zh-HK"><file id="f"><unit id="u1">'
            f'<segment state="final"><source>One.</source><target>一。</target></segment>'
            f"<ignorable><source> </source></ignorable>"
            f'<segment state="final"><source>Two.</source><target>二。</target></segment>'
            f"</unit></file></xliff>")
    unit = xliff2.read(etree.fromstring(text), "x")[0].units[0]
    assert (unit.source, unit.target, unit.state) == ("One. Two.", "一。 二。", State.APPROVED)


def test_a_half_translated_resegmented_unit_is_a_problem() -> None:
    text = (f'<xliff xmlns="{xliff2.NS}" version="2.0" srcLang="en" trgLang="zh-HK"><file id="f"><unit id="u1">'
            f'<segment state="translated"><source>One.</source><target>一。</target></segment>'
            f'<segment><source>Two.</source></segment>'
            f"</unit></file></xliff>")
    unit = xliff2.read(etree.fromstring(text), "x")[0].units[0]
    assert unit.problem.startswith("a segment of the unit has no target")
