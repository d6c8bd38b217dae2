"""``#, ignore-<check>`` flags (Weblate's convention) and ``l10n check --fuzzy``.

A flag accepts one deliberate difference: the check still runs and its findings on that
entry become info, saying which flag accepted them. A misspelt flag is a warning. The
fuzzy policy decides whether unapproved entries can fail CI. All through ``l10n.cli.main``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n.checks import CheckEnv, FuzzyPolicy, run_checks
from l10n.locales import parse_locale
from l10n.model import Entry, Severity

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_Hant_HK\\n"\n\n'
#: One wrong amount (numbers error) and one approved correct entry.
WRONG = ('msgid "The fund has $2 billion."\nmsgstr "基金有30億元。"\n\n')
RIGHT = 'msgid "The fund has $3 billion."\nmsgstr "基金有30億元。"\n\n'


def write_po(folder: Path, flags: str, body: str = WRONG) -> Path:
    po = folder / "zh_Hant_HK.po"
    flag_line = f"#, {flags}\n" if flags else ""
    po.write_text(HEADER + flag_line + body + RIGHT, encoding="utf-8")
    return po


def findings(cli: Callable[..., object], *argv: str) -> tuple[int, list[dict[str, str]]]:
    result = cli("check", *argv, "--format", "json", "--select", "numbers,currency,flags")
    return result.code, json.loads(result.out)["findings"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("flags", "code", "severity"), [
    ("", 1, "error"),
    ("ignore-numbers", 0, "info"),
    ("ignore-glossary", 1, "error"),  # another check's flag accepts nothing here
    ("ignore-glossary, ignore-numbers", 0, "info"),
])
def test_ignore_flag_turns_findings_into_info(tmp_path: Path, cli: Callable[..., object],
                                             flags: str, code: int, severity: str) -> None:
    got_code, found = findings(cli, str(write_po(tmp_path, flags)))
    assert got_code == code
    numbers = [f for f in found if f["check"] == "numbers"]
    assert numbers and all(f["severity"] == severity for f in numbers)
    if severity == "info":
        assert all("ignore-numbers" in f["message"] for f in numbers)


def test_currency_is_ignored_by_its_own_name(tmp_path: Path, cli: Callable[..., object]) -> None:
    body = 'msgid "The fund has US$3 billion."\nmsgstr "基金有30億港元。"\n\n'
    code, found = findings(cli, str(write_po(tmp_path, "ignore-currency", body)))
    assert code == 0
    assert [f["severity"] for f in found if f["check"] == "currency"] == ["info"]


@pytest.mark.parametrize("typo", ["ignore-number", "ignore-glosary", "ignore-"])
def test_unknown_ignore_flag_is_a_warning(tmp_path: Path, cli: Callable[..., object], typo: str) -> None:
    code, found = findings(cli, str(write_po(tmp_path, typo)))
    assert code == 1  # the typo accepted nothing: the numbers error stays
    flagged = [f for f in found if f["check"] == "flags"]
    assert len(flagged) == 1 and flagged[0]["severity"] == "warning"
    assert typo in flagged[0]["message"]


def test_other_weblate_flags_are_not_typos(tmp_path: Path, cli: Callable[..., object]) -> None:
    _code, found = findings(cli, str(write_po(tmp_path, "python-format, read-only")))
    assert not [f for f in found if f["check"] == "flags"]


@pytest.mark.parametrize(("policy", "code", "severities"), [
    (None, 1, ["error"]),  # default: error, as before
    ("error", 1, ["error"]),
    ("warning", 0, ["warning"]),
    ("skip", 0, []),
])
def test_fuzzy_policy(tmp_path: Path, cli: Callable[..., object], policy: str | None,
                      code: int, severities: list[str]) -> None:
    po = write_po(tmp_path, "fuzzy")
    argv = [str(po)] + ([f"--fuzzy={policy}"] if policy else [])
    got_code, found = findings(cli, *argv)
    assert got_code == code
    assert [f["severity"] for f in found if f["check"] == "numbers"] == severities


def test_fuzzy_policy_leaves_approved_entries_alone(tmp_path: Path, cli: Callable[..., object]) -> None:
    po = write_po(tmp_path, "")  # the wrong entry is approved
    code, found = findings(cli, str(po), "--fuzzy=skip")
    assert code == 1 and [f["severity"] for f in found] == ["error"]


def test_fuzzy_skip_counts_only_checked_entries(tmp_path: Path, cli: Callable[..., object]) -> None:
    result = cli("check", str(write_po(tmp_path, "fuzzy")), "--format", "json", "--fuzzy", "skip")
    report = json.loads(result.out)  # type: ignore[attr-defined]
    assert report["summary"]["entries"] == 2 and report["summary"]["checked"] == 1


def test_bad_fuzzy_value_is_a_usage_error(tmp_path: Path, cli: Callable[..., object]) -> None:
    result = cli("check", str(write_po(tmp_path, "")), "--fuzzy", "maybe")
    assert result.code == 2  # type: ignore[attr-defined]


def test_flag_wins_over_fuzzy_warning_and_project_severity() -> None:
    entry = Entry("The fund has $2 billion.", "基金有30億元。", "t.po", 1, fuzzy=True,
                  flags=("fuzzy", "ignore-numbers"))
    env = CheckEnv(parse_locale("zh-Hant-HK"), severities={"numbers": Severity.ERROR},
                   fuzzy=FuzzyPolicy.WARNING)
    found = run_checks([entry], env, ["numbers"])
    assert found and all(f.severity is Severity.INFO for f in found)


def test_help_lists_every_registered_check(cli: Callable[..., object]) -> None:
    from l10n.checks import all_checks

    result = cli("check", "--help")
    text = " ".join(result.out.split())  # type: ignore[attr-defined]
    for name in [*all_checks(), "currency"]:
        assert f"{name} (" in text
    assert "--fuzzy" in text and "ignore-" in text


@pytest.mark.parametrize("name", ["script", "same", "punctuation", "flags"])
def test_new_checks_are_configurable_per_project(name: str) -> None:
    """``[checks] severities`` accepts every new check name and run_checks applies it."""
    from l10n.config import settings_from_mapping

    settings = settings_from_mapping({"checks": {"severities": {name: "info"}}})
    assert settings.severities[name] is Severity.INFO


def test_project_severity_applies_to_a_new_check() -> None:
    entry = Entry("The scheme opens today.", "計劃今日開放", "t.po", 1)  # final mark missing
    env = CheckEnv(parse_locale("zh-Hant-HK"), severities={"punctuation": Severity.ERROR})
    assert [f.severity for f in run_checks([entry], env, ["punctuation"])] == [Severity.ERROR]
