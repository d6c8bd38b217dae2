"""The check registry, the small checks, and the report formats."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from l10n.checks import CheckEnv, all_checks, run_checks
from l10n.locales import parse_locale
from l10n.model import Entry, Finding, Severity
from l10n.report import CheckReport, as_github, as_json, as_junit, as_text

ENV = CheckEnv(parse_locale("zh-Hant-HK"))


def test_registry_names_are_stable() -> None:
    checks = all_checks()
    assert set(checks) == {"numbers", "glossary", "placeholders", "untranslated", "script", "same",
                           "punctuation", "flags"}
    assert all(c.description for c in checks.values())


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        ("Visit <1>our site</1> or <2/>.", "請瀏覽<1>網站</1>或<2/>。", []),
        ("Visit <1>our site</1> or <2/>.", "請瀏覽<1>網站</1>。", ["markup tags differ: missing <2/>"]),
        ("Visit <1>our site</1>.", "請瀏覽<1>網站</1><3/>。", ["markup tags differ: unexpected <3/>"]),
    ],
)
def test_placeholders(msgid: str, msgstr: str, expected: list[str]) -> None:
    found = run_checks([Entry(msgid, msgstr, "x.po", 3)], ENV, ["placeholders"])
    assert [f.message.split(" (")[0] for f in found] == expected


def test_untranslated_is_info_and_skips_other_checks() -> None:
    found = run_checks([Entry("HK$5 billion", "", "x.po", 3), Entry("Done.", "完成。", "x.po", 7)], ENV)
    assert [(f.check, f.severity, f.line) for f in found] == [("untranslated", Severity.INFO, 3)]


def test_severity_override() -> None:
    env = CheckEnv(parse_locale("zh-HK"), severities={"placeholders": Severity.WARNING})
    [f] = run_checks([Entry("A <1/>.", "甲。", "x.po", 1)], env, ["placeholders"])
    assert f.severity is Severity.WARNING


FINDINGS = (
    Finding("a,b.po", 12, None, "It raised HK$44.3 billion.", "numbers", Severity.ERROR,
            "HK$44.3 billion (44,300,000,000 HKD) has no match;\ntarget has 44.3億港元: 100%"),
    Finding("a,b.po", 20, "ctx", "Extra", "numbers", Severity.WARNING, "extra 5 in target"),
)
REPORT = CheckReport(FINDINGS, ("a,b.po",), 30, 25)


def test_json_contract() -> None:
    data = json.loads(as_json(REPORT))
    assert set(data) == {"version", "findings", "summary"} and data["version"] == 1
    assert data["findings"][0] == {"path": "a,b.po", "line": 12, "msgstr_line": 12, "msgctxt": None,
                                   "msgid": "It raised HK$44.3 billion.", "msgstr": "", "fuzzy": False,
                                   "check": "numbers", "severity": "error", "message": FINDINGS[0].message}
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
    assert REPORT.exit_code == 1


def test_junit_is_valid_xml_with_failures() -> None:
    root = etree.fromstring(as_junit(REPORT).encode())
    assert root.tag == "testsuites" and root.get("failures") == "1"
    assert len(root.findall(".//failure")) == 1


def test_github_annotations_escape_properties_and_data() -> None:
    lines = as_github(REPORT).splitlines()
    assert lines[0].startswith("::error file=a%2Cb.po,line=12,title=l10n numbers::HK$44.3 billion")
    assert "%0Atarget has 44.3億港元: 100%25" in lines[0]
    assert lines[1].startswith("::warning file=a%2Cb.po,line=20")


def test_text_report() -> None:
    text = as_text(REPORT)
    assert "a,b.po:12: error: [numbers]" in text
    assert text.splitlines()[-1].startswith("1 file(s), 25 translated entries checked: 1 error(s), 1 warning(s)")
