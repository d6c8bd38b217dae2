"""CSV import and export of the term base."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from l10n.errors import GlossaryError
from l10n.glossary import DEFAULT_GLOSSARY, load_glossary, read_csv, write_csv
from l10n.model import EnglishForm, ForbiddenRendering

SEED = Path(__file__).parents[1] / DEFAULT_GLOSSARY

HEADER = ("id,en,case_sensitive,case_insensitive,do_not_translate,zh-Hant-HK,zh-Hans-CN,"
          "forbidden zh-Hant-HK,note\n")


def test_row_becomes_a_term() -> None:
    text = HEADER + (
        "cmf,Cyberport Macro Fund | CMF,,,CMF,數碼港投資創業基金,数码港投资创业基金,,"
        "keeps CMF\n"
        ",software,,,,軟件,软件,軟體 = Taiwan usage | 軟體程式 = Taiwan usage,\n")
    cmf, software = read_csv(text, source="t.csv")
    assert cmf.concept_id == "cmf" and cmf.line == 2 and cmf.note == "keeps CMF"
    assert cmf.forms == (EnglishForm("Cyberport Macro Fund"),
                         EnglishForm("CMF", case_sensitive=True, do_not_translate=True))
    assert software.concept_id == "software"  # derived from the first English form
    assert software.forbidden["zh-Hant-HK"] == (
        ForbiddenRendering("軟體", "Taiwan usage"), ForbiddenRendering("軟體程式", "Taiwan usage"))


def test_case_overrides_and_bom() -> None:
    text = "\ufeff" + HEADER + "x,Chief Executive | CE | PoC,Chief Executive | PoC,CE,,行政長官,,,\n"
    (term,) = read_csv(text, source="t.csv")
    assert [(f.text, f.case_sensitive) for f in term.forms] == [
        ("Chief Executive", True), ("CE", False), ("PoC", True)]


def test_seed_round_trips_through_csv() -> None:
    terms = load_glossary(SEED).terms
    text = write_csv(terms)
    assert text.startswith("\ufeff")
    again = read_csv(text, source="seed.csv")
    assert tuple(again) == terms


def test_multiline_note_keeps_line_numbers() -> None:
    text = HEADER + 'a,alpha,,,,甲,甲,,"two\nlines"\nb,beta,,,,乙,乙,,\n'
    first, second = read_csv(text, source="t.csv")
    assert (first.line, second.line) == (2, 4)
    assert first.note == "two\nlines"


@pytest.mark.parametrize(("text", "message", "line"), [
    ("", "empty CSV", 1),
    ("id,english\n", "unknown column 'english'", 1),
    ("id,en-GB\n", "unknown column .en-GB.", 1),
    ("id,zh-Hant-HK\n", "no 'en' column", 1),
    (HEADER + "a,alpha,,,,甲,甲,軟體,\n", "has no reason", 2),
    (HEADER + "a,alpha,beta,,,甲,甲,,\n", "beta, which is not in 'en'", 2),
    (HEADER + "a,AI,AI,AI,,甲,甲,,\n", "both case_sensitive and case_insensitive", 2),
    (HEADER + "\na,alpha,,,,甲,甲,,,,,\n", "row has 12 fields", 3),
])
def test_structural_errors_name_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(GlossaryError, match=message) as err:
        read_csv(text, source="bad.csv")
    assert err.value.line == line and err.value.path == "bad.csv"


@pytest.mark.parametrize(("header", "message"), [
    ("id,en,zh-Hant-HK,zh-HK\n", "duplicate column 'zh-HK' (same as 'zh-Hant-HK')"),
    ("en,zh-Hant-HK,zh-Hans-CN,id,en\n", "duplicate column 'en'"),
    ("en,forbidden zh-HK,forbidden zh-Hant-HK\n",
     "duplicate column 'forbidden zh-Hant-HK' (same as 'forbidden zh-HK')"),
    ("en,admitted zh-CN,admitted zh-Hans-CN\n", "duplicate column 'admitted zh-Hans-CN'"),
    ("en,note,note\n", "duplicate column 'note'"),
])
def test_duplicate_column_is_an_error_on_line_1(header: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=re.escape(message)) as err:
        read_csv(header + "Cyberport,數碼港,數位港,x,Cyberport\n", source="dup.csv")
    assert err.value.line == 1 and err.value.path == "dup.csv"


def test_admitted_and_ambiguous_columns() -> None:
    text = ("id,en,ambiguous,zh-Hant-HK,admitted zh-Hant-HK,zh-Hans-CN,admitted zh-Hans-CN\n"
            "hksar,HKSAR,,香港特別行政區,香港特區,香港特别行政区,香港特区\n"
            "ip,intellectual property | IP,IP,知識產權,,知识产权,\n"
            "gov,HKSAR Government,,香港特區政府,特區政府 | 香港特別行政區政府,香港特区政府,\n")
    hksar, ip, gov = read_csv(text, source="t.csv")
    assert hksar.admitted == {"zh-Hant-HK": ("香港特區",), "zh-Hans-CN": ("香港特区",)}
    assert hksar.ambiguous == ()
    assert ip.ambiguous == ("IP",) and ip.admitted == {}
    assert gov.admitted == {"zh-Hant-HK": ("特區政府", "香港特別行政區政府")}
    again = read_csv(write_csv([hksar, ip, gov]), source="again.csv")
    assert again == [hksar, ip, gov]


def test_export_header_lists_admitted_columns() -> None:
    header = write_csv(load_glossary(SEED).terms).removeprefix("\ufeff").splitlines()[0]
    assert header.split(",") == [
        "id", "en", "case_sensitive", "case_insensitive", "do_not_translate", "ambiguous",
        "zh-Hans-CN", "zh-Hant-HK", "admitted zh-Hans-CN", "admitted zh-Hant-HK",
        "short zh-Hans-CN", "short zh-Hant-HK",
        "forbidden zh-Hans-CN", "forbidden zh-Hant-HK", "note"]


def test_ambiguous_form_must_be_an_english_form() -> None:
    with pytest.raises(GlossaryError, match="ambiguous names IP, which is not in 'en'"):
        read_csv("en,ambiguous,zh-Hant-HK\nintellectual property,IP,知識產權\n", source="t.csv")
