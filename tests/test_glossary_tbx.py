"""TBX-Basic reading and writing, including hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from l10n.errors import GlossaryError
from l10n.glossary import DEFAULT_GLOSSARY, load_glossary, parse_tbx, write_tbx
from l10n.glossary import tbx as tbx_module
from l10n.locales import parse_locale
from l10n.model import EnglishForm, ForbiddenRendering, Term

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).parents[1] / DEFAULT_GLOSSARY
HK = parse_locale("zh-HK")
CN = parse_locale("zh-CN")


def test_small_fixture_reads_forms_renderings_and_flags() -> None:
    g = load_glossary(DATA / "small.tbx")
    ids = [t.concept_id for t in g.terms]
    assert ids == ["cyberport", "cmf", "software", "ai", "innohk"]
    by_id = g.by_id()
    assert by_id["cyberport"].note == "Digital technology hub."
    assert by_id["cyberport"].line == 11
    cmf = by_id["cmf"]
    assert cmf.forms == (EnglishForm("Cyberport Macro Fund"),
                         EnglishForm("CMF", case_sensitive=True, do_not_translate=True))
    assert g.rendering(cmf, HK) == "數碼港投資創業基金"
    software = by_id["software"]
    # xml:lang="zh-HK" is normalised to the BCP 47 tag used everywhere else.
    assert software.renderings == {"zh-Hant-HK": "軟件", "zh-Hans-CN": "软件"}
    assert software.forbidden == {"zh-Hant-HK": (ForbiddenRendering("軟體", "Taiwan usage"),)}
    # Default case rule: a form without lower-case letters is case-sensitive.
    assert [f.case_sensitive for f in by_id["ai"].forms] == [False, True]
    innohk = by_id["innohk"]
    assert innohk.do_not_translate
    assert g.rendering(innohk, CN) == "InnoHK"


def test_write_then_parse_round_trips() -> None:
    g = load_glossary(DATA / "small.tbx")
    again = parse_tbx(write_tbx(g), source="round.tbx")
    assert again.terms == g.terms
    assert write_tbx(again) == write_tbx(g)  # deterministic


def test_written_file_documents_its_conventions() -> None:
    text = write_tbx([Term("x", (EnglishForm("X-ray"),), {"zh-Hant-HK": "X光"})]).decode()
    assert "x-doNotTranslate" in text and "x-forbiddenReason" in text
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(text.encode())
    assert root.get("type") == "TBX-Basic"


def test_seed_term_base_loads_with_enough_concepts() -> None:
    g = load_glossary(SEED)
    assert len(g.terms) >= 45
    by_id = g.by_id()
    for concept, hk, cn in [
        ("cyberport", "數碼港", "数码港"),
        ("gba-full", "粵港澳大灣區", "粤港澳大湾区"),
        ("hksar", "香港特別行政區", "香港特别行政区"),
        ("hksar-government", "香港特區政府", "香港特区政府"),
        ("wipo", "世界知識產權組織", "世界知识产权组织"),
        ("information-technology", "資訊科技", "信息技术"),
        ("software", "軟件", "软件"),
        ("mainland", "內地", "内地"),
    ]:
        assert g.rendering(by_id[concept], HK) == hk
        assert g.rendering(by_id[concept], CN) == cn
    assert any(f.text == "軟體" for f in by_id["software"].forbidden["zh-Hant-HK"])
    cmf = {f.text: f for f in by_id["cyberport-macro-fund"].forms}
    assert cmf["CMF"].do_not_translate and not cmf["Cyberport Macro Fund"].do_not_translate


def test_external_dtd_in_doctype_is_never_loaded() -> None:
    # small.tbx names TBXBasiccoreStructV02.dtd, which does not exist next to it.
    assert not (DATA / "TBXBasiccoreStructV02.dtd").exists()
    assert len(load_glossary(DATA / "small.tbx").terms) == 5


def test_billion_laughs_is_rejected_with_file_and_line() -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(DATA / "billion_laughs.tbx")
    assert err.value.line == 3
    assert err.value.path and err.value.path.endswith("billion_laughs.tbx")
    assert "entity" in str(err.value)


def _external_entity_doc(secret: Path) -> bytes:
    template = (DATA / "external_entity.tbx.in").read_text(encoding="utf-8")
    return template.replace("@SECRET_URI@", secret.as_uri()).encode("utf-8")


def test_external_entity_is_rejected_and_file_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doc = tmp_path / "leak.tbx"
    doc.write_bytes(_external_entity_doc(secret))
    with pytest.raises(GlossaryError) as err:
        load_glossary(doc)
    assert err.value.line == 4 and err.value.path == str(doc)
    assert "TOP-SECRET" not in str(err.value)


def test_parser_settings_alone_do_not_resolve_external_entities(tmp_path: Path) -> None:
    """Defence in depth: even past the pre-scan, lxml is configured not to read files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    root = etree.fromstring(_external_entity_doc(secret), parser=tbx_module._parser())
    assert b"TOP-SECRET" not in etree.tostring(root)
    assert [e.name for e in root.iter(etree.Entity)] == ["secret"]


def test_undeclared_entity_reference_is_rejected() -> None:
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!DOCTYPE martif SYSTEM "http://example.invalid/x.dtd">\n'
            b'<martif type="TBX-Basic"><text><body>\n'
            b'<termEntry id="a"><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet>'
            b'</termEntry></body></text></martif>\n')
    with pytest.raises(GlossaryError) as err:
        parse_tbx(data, source="ref.tbx")
    assert err.value.line == 4


def test_malformed_xml_names_file_and_line() -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(DATA / "malformed.tbx")
    assert err.value.line == 7
    assert str(err.value).startswith(f"{DATA / 'malformed.tbx'}:7: bad XML")


def test_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tbx_module, "MAX_TBX_BYTES", 100)
    with pytest.raises(GlossaryError, match="over the 100 limit"):
        load_glossary(DATA / "small.tbx")
    with pytest.raises(GlossaryError, match="limit"):
        parse_tbx(b" " * 101, source="big.tbx")


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><martif/>', "encoding"),
    (b'<?xml version="1.0"?>\n<martif>\xff</martif>', "UTF-8"),
    (b'<?xml version="1.0"?>\n<tbx/>', "expected <martif>"),
    (b"", "bad XML"),
])
def test_unusable_documents(data: bytes, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        parse_tbx(data, source="bad.tbx")


def test_rule_errors_raise_on_load_with_line() -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(DATA / "problems.tbx")
    assert err.value.line == 8
    assert "conflicting zh-Hant-HK renderings" in str(err.value)
    assert "validate" in (err.value.hint or "")


def test_missing_file_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(tmp_path / "none.tbx")


def test_admitted_and_ambiguous_round_trip() -> None:
    term = Term("ip", (EnglishForm("intellectual property"), EnglishForm("IP", True)),
                {"zh-Hant-HK": "知識產權", "zh-Hans-CN": "知识产权"},
                {"zh-Hant-HK": (ForbiddenRendering("智慧財產權", "Taiwan usage"),)},
                admitted={"zh-Hant-HK": ("產權甲", "產權乙")}, ambiguous=("IP",))
    data = write_tbx([term])
    text = data.decode()
    assert text.count(">admittedTerm-admn-sts<") == 2
    assert '<termNote type="x-ambiguous">yes</termNote>' in text
    # preferred first, then admitted, then deprecated
    assert text.index("知識產權") < text.index("產權甲") < text.index("產權乙") < text.index("智慧財產權")
    (again,) = parse_tbx(data, source="t.tbx").terms
    assert again == term and again.admitted == term.admitted and again.ambiguous == ("IP",)


def test_admitted_tig_is_not_a_second_approved_rendering() -> None:
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic"><text><body>
<termEntry id="hksar">
  <langSet xml:lang="en"><tig><term>HKSAR</term></tig></langSet>
  <langSet xml:lang="zh-HK">
    <tig><term>香港特別行政區</term></tig>
    <tig><term>香港特區</term>
      <termNote type="administrativeStatus">{tbx_module.ADMITTED}</termNote></tig>
  </langSet>
  <langSet xml:lang="zh-CN"><tig><term>香港特别行政区</term></tig></langSet>
</termEntry></body></text></martif>""".encode()
    g = parse_tbx(data, source="t.tbx")
    (term,) = g.terms
    assert g.rendering(term, HK) == "香港特別行政區"
    assert g.admitted(term, HK) == ("香港特區",) and g.admitted(term, CN) == ()


def test_seed_admits_official_short_forms() -> None:
    g = load_glossary(SEED)
    by_id = g.by_id()
    assert g.admitted(by_id["hksar"], HK) == ("香港特區",)
    assert g.admitted(by_id["hksar"], CN) == ("香港特区",)
    assert "特區政府" in g.admitted(by_id["hksar-government"], HK)
    assert g.admitted(by_id["innovation-and-technology"], HK) == ("創科",)
    assert by_id["intellectual-property"].ambiguous == ("IP",)
