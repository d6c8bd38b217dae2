"""The ``glossary`` check and the ``check_terms`` rules it wraps."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from l10n.checks import _REGISTRY, CheckEnv
from l10n.checks.glossary import check_glossary
from l10n.glossary import DEFAULT_GLOSSARY, Glossary, check_terms, load_glossary
from l10n.locales import parse_locale
from l10n.model import Entry, Severity

SEED_PATH = Path(__file__).parents[1] / DEFAULT_GLOSSARY
HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")


@functools.cache
def _seed() -> Glossary:
    return load_glossary(SEED_PATH)


def _entry(msgid: str, msgstr: str) -> Entry:
    return Entry(msgid, msgstr, "locales/zh_Hant_HK/LC_MESSAGES/r.po", 12, msgctxt="c")


def _messages(source: str, target: str, locale: str = "zh-Hant-HK") -> list[str]:
    return [p.message for p in check_terms(source, target, _seed(), parse_locale(locale))]


def test_registered_as_error_check() -> None:
    check = _REGISTRY["glossary"]
    assert check.run is check_glossary and check.severity is Severity.ERROR
    assert check.description


def test_correct_translations_pass() -> None:
    assert _messages("Cyberport's start-ups use AI software.",
                     "數碼港的初創企業使用人工智能軟件。") == []
    assert _messages("Cyberport's start-ups use AI software.",
                     "数码港的初创企业使用人工智能软件。", "zh-Hans-CN") == []
    assert _messages("The Cyberport Macro Fund (CMF) invested.",
                     "數碼港投資創業基金（CMF）作出投資。") == []
    # 資訊科技 contains nothing forbidden; 軟件 inside an approved rendering is fine.
    assert _messages("IT in the Mainland", "內地的資訊科技") == []


def test_missing_rendering() -> None:
    assert _messages("Cyberport opens.", "數位港開幕。") == [
        'glossary: "Cyberport": approved rendering 數碼港 not found; check the wording']


def test_forbidden_rendering_names_expected_found_and_reason() -> None:
    assert _messages("New software.", "新軟體。") == [
        'glossary: "software" must be rendered 軟件; found 軟體 (Taiwan usage; HK writes 軟件)']
    # Forbidden even when the approved rendering is also present.
    assert _messages("information technology", "資訊科技及信息技術") == [
        'glossary: "information technology" must be rendered 資訊科技; found 信息技術 '
        "(Mainland usage; HK writes 資訊科技)"]
    # Locale matters: 信息技术 is approved for zh-Hans-CN.
    assert _messages("information technology", "信息技术", "zh-Hans-CN") == []


def test_do_not_translate_altered_or_missing() -> None:
    assert _messages("the CMF", "數碼港投資創業基金") == [
        'glossary: "CMF" must stay as CMF (do not translate); not found in target']
    assert _messages("the CMF", "cmf 基金") == [
        'glossary: "CMF" must stay as CMF (do not translate); found cmf']
    assert _messages("InnoHK clusters", "創新香港研發平台") == [
        'glossary: "InnoHK" must stay as InnoHK (do not translate); not found in target']
    assert _messages("InnoHK clusters", "InnoHK創新香港研發平台") == []
    # A longer abbreviation that contains the form does not count.
    assert _messages("the CMF", "CCMF") == [
        'glossary: "CMF" must stay as CMF (do not translate); not found in target']


def test_one_problem_per_term_and_kinds() -> None:
    problems = check_terms("software, software and Cyberport", "軟體", _seed(), HK)
    assert [(p.kind, p.term.concept_id) for p in problems] == [
        ("forbidden", "software"), ("missing", "cyberport")]


def test_check_builds_findings() -> None:
    env = CheckEnv(locale=HK, glossary=_seed())
    entry = _entry("Cyberport welcomes start-ups.", "數碼港歡迎新創企業。")
    (f,) = check_glossary(entry, env)
    assert (f.check, f.severity, f.path, f.line, f.msgctxt, f.msgid) == (
        "glossary", Severity.ERROR, entry.path, 12, "c", entry.msgid)
    assert f.message == ('glossary: "start-up" must be rendered 初創企業; found 新創企業 '
                         "(Taiwan usage)")
    assert check_glossary(_entry("Cyberport welcomes start-ups.", "數碼港歡迎初創企業。"),
                          env) == []


@pytest.mark.parametrize("glossary", [None, "not a glossary"])
def test_no_glossary_no_findings(glossary: object) -> None:
    env = CheckEnv(locale=CN, glossary=glossary)
    assert check_glossary(_entry("Cyberport", "错"), env) == []


def test_untranslated_entries_are_left_to_the_untranslated_check() -> None:
    env = CheckEnv(locale=HK, glossary=_seed())
    assert check_glossary(_entry("Cyberport", ""), env) == []


@pytest.mark.parametrize(("source", "target", "locale"), [
    ("the HKSAR", "香港特區", "zh-Hant-HK"),
    ("the HKSAR", "香港特区", "zh-Hans-CN"),
    ("the HKSAR", "香港特別行政區", "zh-Hant-HK"),
    ("The HKSAR Government said.", "特區政府表示。", "zh-Hant-HK"),
    ("The HKSAR Government said.", "特区政府表示。", "zh-Hans-CN"),
    ("The HKSAR Government said.", "香港特別行政區政府表示。", "zh-Hant-HK"),
    ("I&T development", "創科發展", "zh-Hant-HK"),
    ("I&T development", "创科发展", "zh-Hans-CN"),
    ("venture capital funds", "創投基金", "zh-Hant-HK"),
    ("venture capital funds", "创投基金", "zh-Hans-CN"),
    ("R&D centres", "研究及發展中心", "zh-Hant-HK"),
    ("start-up companies", "初創公司", "zh-Hant-HK"),
    ("the start-up ecosystem", "初創生態圈", "zh-Hant-HK"),
    ("start-ups", "初创企业", "zh-Hans-CN"),
    ("Enquiries: media@cyberport.hk", "查詢：media@cyberport.hk", "zh-Hant-HK"),
    ("The ITC/2025/0012 reference applies.", "參考編號ITC/2025/0012適用。", "zh-Hant-HK"),
    ("Visit https://www.cyberport.hk/en/cmf today.", "請瀏覽https://www.cyberport.hk/en/cmf。",
     "zh-Hant-HK"),
    ("Record the IP address", "記錄IP地址", "zh-Hant-HK"),
    ("Record the IP address", "记录IP地址", "zh-Hans-CN"),
])
def test_correct_translations_raise_no_false_alarm(source: str, target: str,
                                                   locale: str) -> None:
    assert _messages(source, target, locale) == []


def test_admitted_renderings_still_catch_real_errors() -> None:
    assert _messages("the HKSAR", "香港") == [
        'glossary: "HKSAR": approved rendering 香港特別行政區 (or 香港特區) not found; check the wording']
    assert _messages("start-ups", "新創企業") == [
        'glossary: "start-up" must be rendered 初創企業; found 新創企業 (Taiwan usage)']
    # An admitted Hong Kong form is not accepted for the Mainland locale.
    assert _messages("I&T", "創科", "zh-Hans-CN") == [
        'glossary: "I&T": approved rendering 创新科技 (or 创科) not found; check the wording']
    # A do-not-translate form inside a URL in the target does not count as kept.
    assert _messages("the CMF", "https://cyberport.hk/cmf") == [
        'glossary: "CMF" must stay as CMF (do not translate); not found in target']


def test_ambiguous_form_is_never_an_error_but_full_form_is_checked() -> None:
    assert _messages("Protect your IP.", "保護你的構思。") == []
    assert _messages("IP, or intellectual property", "IP地址") == [
        'glossary: "intellectual property": approved rendering 知識產權 not found; check the wording']


def test_check_passes_on_admitted_rendering_through_the_registry() -> None:
    env = CheckEnv(HK, _seed())
    assert check_glossary(_entry("The HKSAR Government", "特區政府"), env) == []
