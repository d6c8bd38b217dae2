"""The registered ``numbers`` check: names, severities, and the cases pofilter gets wrong."""

from __future__ import annotations

import pytest

from l10n.checks import CheckEnv, all_checks
from l10n.checks.numbers import check_numbers
from l10n.locales import parse_locale
from l10n.model import Entry, Severity
from l10n.numbers import Mismatch, compare, number_hint

HANT = CheckEnv(locale=parse_locale("zh-Hant-HK"))
HANS = CheckEnv(locale=parse_locale("zh-Hans-CN"))


def _entry(source: str, target: str) -> Entry:
    return Entry(msgid=source, msgstr=target, path="locales/x.po", line=12)


def test_registered_with_error_severity() -> None:
    check = all_checks()["numbers"]
    assert check.severity is Severity.ERROR
    assert check.run is check_numbers


@pytest.mark.parametrize(("source", "target", "env"), [
    ("Funding exceeded HK$44.3 billion.", "融資超過443億港元。", HANT),
    ("Funding exceeded HK$44.3 billion.", "融资超过443亿港元。", HANS),
    ("A total of HK$1.94 billion (US$248 million) was invested.",
     "總投資額達19.4億港元（2.48億美元）。", HANT),
    ("A total of HK$1.94 billion (US$248 million) was invested.",
     "总投资额达19.4亿港元（2.48亿美元）。", HANS),
    ("Investment reached HK$2.597 billion.", "投資額達25.97億港元。", HANT),
])
def test_pofilter_false_alarms_pass(source: str, target: str, env: CheckEnv) -> None:
    """pofilter -t numbers compares digit strings and flags these correct conversions."""
    assert check_numbers(_entry(source, target), env) == []


def test_wrong_magnitude_is_an_error_naming_both_sides() -> None:
    (f,) = check_numbers(_entry("Funding exceeded HK$44.3 billion.", "融資超過44.3億港元。"), HANT)
    assert (f.check, f.severity) == ("numbers", Severity.ERROR)
    assert f.message.startswith(
        "HK$44.3 billion (44,300,000,000 HKD) has no match; "
        "target has 44.3億港元 (4,430,000,000 HKD)")
    assert "expected 443億港元" in f.message
    assert (f.path, f.line, f.msgid) == ("locales/x.po", 12, "Funding exceeded HK$44.3 billion.")


def test_swapped_currency_is_a_currency_error() -> None:
    (f,) = check_numbers(_entry("Each ticket costs US$5.", "每張門票5港元。"), HANT)
    assert (f.check, f.severity) == ("currency", Severity.ERROR)
    assert "US$5" in f.message and "5港元" in f.message


def test_extra_target_number_is_a_warning() -> None:
    (f,) = check_numbers(_entry("Many firms joined.", "共有120家企業參與。"), HANS)
    assert (f.check, f.severity) == ("numbers", Severity.WARNING)


def test_dropped_ordinal_is_a_warning() -> None:
    (f,) = check_numbers(_entry("The cluster ranked first.", "該集群名列前茅。"), HANT)
    assert (f.check, f.severity) == ("numbers", Severity.WARNING)


def test_dropped_numbers_are_errors() -> None:
    found = check_numbers(_entry("It has five listed firms and seven unicorns.",
                                 "園區有上市公司及獨角獸企業。"), HANT)
    assert [(f.check, f.severity) for f in found] == [("numbers", Severity.ERROR)] * 2


def test_entries_without_numbers_or_translation_are_skipped() -> None:
    assert check_numbers(_entry("Welcome to the park.", "歡迎蒞臨園區。"), HANT) == []
    assert check_numbers(_entry("It has 5 firms.", ""), HANT) == []


def test_compare_returns_mismatch_records() -> None:
    (m,) = compare("one-third of founders", "四分之一創辦人", traditional=True)
    assert isinstance(m, Mismatch)
    assert m.kind == "numbers" and m.source is not None and m.target is not None
    assert m.source.text == "one-third" and m.target.text == "四分之一"


def test_number_hints_for_magnitude_conversions() -> None:
    source = "Start-ups raised HK\\$44.3 billion (US$248 million) from 2,292 investors."
    assert number_hint(source, traditional=True) == ["HK$44.3 billion = 443億港元",
                                                     "US$248 million = 2.48億美元"]
    assert number_hint(source, traditional=False) == ["HK$44.3 billion = 443亿港元",
                                                      "US$248 million = 2.48亿美元"]
