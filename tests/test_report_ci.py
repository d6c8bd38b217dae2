"""CI-grade reports (issue 14, item 4): JUnit XML valid against Jenkins' schema with one
stable, unique test per finding and honest times; GitHub annotations within GitHub's
limits, on the msgstr line, with the whole table in the job summary; a versioned JSON
report that its shipped JSON Schema describes."""

from __future__ import annotations

import copy
import json
import re
import shutil
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import polib
import pytest
from lxml import etree

from l10n.model import Finding, Severity
from l10n.report import CheckReport, as_github, as_json, as_junit
from l10n.report_github import ANNOTATIONS_PER_LEVEL, STEP_SUMMARY_LIMIT, step_summary
from l10n.report_junit import unique_names
from tests.conftest import CliResult, one_release_batch

Cli = Callable[..., CliResult]
REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "junit"
JENKINS = etree.XMLSchema(etree.parse(str(DATA / "jenkins-junit.xsd")))
SCHEMA = json.loads(resources.files("l10n").joinpath("schemas/report-v1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SECONDS = re.compile(r"\d+\.\d{3}")
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: zh_Hant_HK\\n"\n\n')
#: The test names of repeats.po, in file order: one per error or warning.
REPEATS_NAMES = [
    "numbers: The fund invested HK$1.2 billion.",
    "numbers: The fund invested HK$1.2 billion. [msgctxt: table]",
    "numbers: The fund invested HK$1.2 billion. [msgctxt: ]",
    "numbers: It hosts 40 start-ups from 12 economies.",
    "numbers: It hosts 40 start-ups from 12 economies. #2",
    "numbers: The Harbour Lab opened on 3 March 2026 with desks for founders from 12 economies.",
    "numbers: Applications close on 30 June 2026.",
    "punctuation: Register online.",
    "numbers: Fees: HK$5 | US$1\\x0aper day.",
]


@pytest.fixture
def repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return Path(shutil.copy(DATA / "repeats.po", tmp_path / "repeats.po"))


def _msgstr_lines(po: Path) -> dict[tuple[str | None, str], int]:
    """(msgctxt, msgid) -> the line of its msgstr, read independently of l10n (polib)."""
    lines = po.read_text(encoding="utf-8").split("\n")
    entries = [e for e in polib.pofile(str(po)) if e.msgid]
    out = {}
    for e in entries:
        start = e.linenum - 1  # polib: the msgid line
        out[(e.msgctxt, e.msgid)] = next(i for i in range(start, len(lines)) if lines[i].startswith("msgstr")) + 1
    return out


def _finding(i: int, severity: Severity = Severity.ERROR, path: str = "a.po", **kw: Any) -> Finding:
    return Finding(path, 10 + i, kw.pop("msgctxt", None), kw.pop("msgid", f"Entry {i} costs HK${i}."),
                   kw.pop("check", "numbers"), severity, kw.pop("message", f"HK${i} has no match"), **kw)


def _report(errors: int = 0, warnings: int = 0, infos: int = 0, **kw: Any) -> CheckReport:
    findings = ([_finding(i) for i in range(errors)]
                + [_finding(i, Severity.WARNING, check="punctuation") for i in range(warnings)]
                + [_finding(i, Severity.INFO, check="untranslated") for i in range(infos)])
    return CheckReport(tuple(findings), ("a.po",), 100, 90, **kw)


def _cases(xml: str) -> list[etree._Element]:
    return etree.fromstring(xml.encode("utf-8")).findall(".//testcase")


# -- JUnit ----------------------------------------------------------------------------------


def test_junit_of_a_real_catalog_is_valid_for_jenkins(repeats: Path, cli: Cli) -> None:
    r = cli("check", "--format", "junit", "-o", "findings.xml", "repeats.po")
    assert r.code == 1, r.err
    for xml in (r.out, Path("findings.xml").read_text(encoding="utf-8")):
        JENKINS.assertValid(etree.fromstring(xml.encode("utf-8")))


@pytest.mark.parametrize("report", [
    _report(),  # a clean file: one passing test
    _report(infos=3),  # only untranslated entries: still one passing test
    _report(errors=2, warnings=1, seconds={"a.po": 0.25}),
    CheckReport((_finding(0, msgid="Pay \x1b[31mHK$5\x1b[0m\x01 \u2028now", msgctxt="x\x07"),),
                ("a\x1b[2J.po", "a.po"), 2, 2),  # control characters escaped, never raw in XML
], ids=["clean", "untranslated-only", "mixed-timed", "hostile"])
def test_junit_is_valid_for_jenkins(report: CheckReport) -> None:
    JENKINS.assertValid(etree.fromstring(as_junit(report).encode("utf-8")))


def test_jenkins_schema_refuses_what_jenkins_cannot_read() -> None:
    """The schema is no rubber stamp: a test case without a name is refused."""
    xml = as_junit(_report(errors=1)).replace(' name="numbers: Entry 0 costs HK$0."', "")
    assert not JENKINS.validate(etree.fromstring(xml.encode("utf-8")))


def test_one_named_test_per_finding_with_the_line_in_the_message(repeats: Path, cli: Cli) -> None:
    r = cli("check", "--format", "junit", "repeats.po")
    cases = _cases(r.out)
    assert [c.get("name") for c in cases] == REPEATS_NAMES
    assert {c.get("classname") for c in cases} == {"repeats.po"}
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    assert [f.get("message").split(":")[0] for f in failures] == [
        "line 10", "line 14", "line 19", "line 25", "line 25", "line 30", "line 38", "line 48"]
    warning = cases[REPEATS_NAMES.index("punctuation: Register online.")]
    assert warning.find("failure") is None and "repeats.po:43: warning" in warning.findtext("system-out")
    fuzzy = cases[REPEATS_NAMES.index("numbers: Applications close on 30 June 2026.")].findtext("failure")
    assert "msgstr (line 39) (fuzzy: an unapproved draft): 申請於2026年6月20日截止。" in fuzzy


def test_an_entry_added_above_renames_no_test(repeats: Path, cli: Cli) -> None:
    before = [c.get("name") for c in _cases(cli("check", "--format", "junit", "repeats.po").out)]
    text = repeats.read_text(encoding="utf-8")
    header_end = text.index("\n\n") + 2
    added = '#: release.md:1\nmsgid "Phase 2 opens in 2027."\nmsgstr "第二期於2028年啟用。"\n\n'
    repeats.write_text(text[:header_end] + added + text[header_end:], encoding="utf-8")
    after_cases = _cases(cli("check", "--format", "junit", "repeats.po").out)
    after = [c.get("name") for c in after_cases]
    assert after == ["numbers: Phase 2 opens in 2027.", *before]
    assert len(set(after)) == len(after)
    moved = after_cases[1].find("failure").get("message")
    assert moved.startswith("line 14: HK$1.2 billion")  # was line 10: the line moved, the name did not


@pytest.mark.parametrize(("keys", "names"), [
    ([("a", None), ("a", None)], ["numbers: a", "numbers: a #2"]),
    ([("a", None), ("a", "t"), ("a", "t")], ["numbers: a", "numbers: a [msgctxt: t]", "numbers: a [msgctxt: t] #2"]),
    ([("a", None), ("a", "")], ["numbers: a", "numbers: a [msgctxt: ]"]),
    # a msgid that itself ends like a repeat never takes another finding's name
    ([("a #2", None), ("a", None), ("a", None)], ["numbers: a #2", "numbers: a", "numbers: a #3"]),
    ([("two\nlines", None), ("two lines", None)], ["numbers: two\\x0alines", "numbers: two lines"]),
])
def test_repeated_names_are_numbered_in_report_order(keys: list[tuple[str, str | None]], names: list[str]) -> None:
    findings = [_finding(i, msgid=msgid, msgctxt=ctx) for i, (msgid, ctx) in enumerate(keys)]
    assert unique_names(findings) == names


def test_junit_times_share_the_file_time_between_its_cases() -> None:
    report = CheckReport((*_report(errors=2, warnings=1, infos=4).findings,), ("a.po", "b.po"), 9, 9,
                         seconds={"a.po": 0.9, "b.po": 0.0123})
    root = etree.fromstring(as_junit(report).encode("utf-8"))
    a, b = root.findall("testsuite")
    assert (a.get("tests"), a.get("time")) == ("3", "0.900")
    assert [c.get("time") for c in a.findall("testcase")] == ["0.300", "0.300", "0.300"]  # info: no test
    assert [(c.get("name"), c.get("time")) for c in b.findall("testcase")] == [("all entries", "0.012")]
    assert root.get("time") == "0.912" and root.get("tests") == "4" and root.get("failures") == "2"


def test_junit_without_measured_times_says_zero() -> None:
    root = etree.fromstring(as_junit(_report(errors=2)).encode("utf-8"))
    assert {e.get("time") for e in root.iter("testsuites", "testsuite", "testcase")} == {"0.000"}


def test_junit_times_of_a_real_check_add_up(repeats: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's time is what check_catalogs measured around its checks (a fake clock
    that advances 0.9 s per reading: no assertion on real time)."""
    import time
    import types

    import l10n.integrity

    readings = iter(range(1000))
    clock = types.SimpleNamespace(perf_counter=lambda: 0.9 * next(readings), process_time=time.process_time)
    monkeypatch.setattr(l10n.integrity, "time", clock)
    root = etree.fromstring(cli("check", "--format", "junit", "repeats.po").out.encode("utf-8"))
    [suite] = root.findall("testsuite")
    times = [c.get("time") for c in suite.findall("testcase")]
    assert all(SECONDS.fullmatch(t) for t in [*times, suite.get("time"), root.get("time")])
    assert suite.get("time") == root.get("time") == "0.900"
    assert times == ["0.100"] * 9  # 0.9 s shared by the file's nine tests


# -- GitHub ---------------------------------------------------------------------------------


def _levels(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"error": [], "warning": [], "notice": []}
    for line in text.splitlines():
        if line.startswith("::"):
            out[line[2:].split(" ", 1)[0]].append(line)
    return out


@pytest.mark.parametrize(("counts", "shown", "more"), [
    ((0, 0, 0), (0, 0, 0), {}),
    ((1, 2, 3), (1, 2, 3), {}),
    ((10, 10, 10), (10, 10, 10), {}),
    ((11, 0, 0), (9, 0, 0), {"error": "... and 2 more errors"}),
    ((302, 12, 40), (9, 9, 9), {"error": "... and 293 more errors", "warning": "... and 3 more warnings",
                                "notice": "... and 31 more notices"}),
])
def test_at_most_ten_annotations_per_level(counts: tuple[int, int, int], shown: tuple[int, int, int],
                                           more: dict[str, str]) -> None:
    levels = _levels(as_github(_report(*counts), summary_written=True))
    for (level, lines), n in zip(levels.items(), shown, strict=True):
        assert len(lines) <= ANNOTATIONS_PER_LEVEL
        on_findings = [line for line in lines if " file=" in line]
        assert len(on_findings) == n
        rest = [line for line in lines if " file=" not in line]
        if level in more:
            assert rest == [f"::{level} title=l10n check::{more[level]}: see the job summary"]
        else:
            assert rest == []


def test_annotations_point_at_the_msgstr_line(repeats: Path, cli: Cli) -> None:
    r = cli("check", "--format", "github", "repeats.po")
    assert r.code == 1
    msgstr_lines = _msgstr_lines(repeats)
    data = json.loads(cli("check", "--format", "json", "repeats.po").out)
    annotated = [int(m.group(1)) for m in re.finditer(r",line=(\d+),", r.out)]
    expected = [msgstr_lines[(f["msgctxt"], f["msgid"])] for sev in ("error", "warning", "info")
                for f in data["findings"] if f["severity"] == sev]
    assert annotated == expected
    assert 33 in annotated  # the msgid over three lines: its msgstr is on the fourth
    assert not Path("summary.md").exists()
    assert r.out.splitlines()[-1] == "l10n check: 8 error(s), 1 warning(s) in 1 file(s)"


def _many_errors(po: Path, count: int) -> None:
    entries = "".join(f'msgid "Phase {i} costs HK${i} million."\nmsgstr "第{i}期耗資{i + 1}百萬港元。"\n\n'
                      for i in range(1, count + 1))
    po.write_text(HEADER + entries, encoding="utf-8")


def test_step_summary_gets_the_whole_table(repeats: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _many_errors(repeats, 25)
    summary = repeats.parent / "summary.md"
    summary.write_text("## Build\n\nearlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = cli("check", "--format", "github", "--fuzzy", "skip", "repeats.po")
    assert r.code == 1
    assert _levels(r.out)["error"][-1] == "::error title=l10n check::... and 16 more errors: see the job summary"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build\n\nearlier step\n## l10n check\n\n**25 error(s), 0 warning(s)** in 1 file(s); "
                           "25 translated entries checked, 0 untranslated; fuzzy entries: skip.\n")
    rows = [line for line in text.splitlines() if line.startswith("| repeats.po |")]
    assert len(rows) == 25
    assert rows[24].startswith("| repeats.po | 78 | error | numbers | HK<span>$</span>25 million")


def test_step_summary_cells_keep_the_table_whole(repeats: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = repeats.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("check", "--format", "github", "repeats.po")
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| repeats.po")]
    assert len(rows) == 10  # 8 errors, 1 warning, 1 untranslated (info)
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in rows)  # six cells, no stray pipe
    assert rows[7].endswith("| Fees: HK<span>$</span>5 \\| US<span>$</span>1 per day. |")
    assert "| 38 | error (fuzzy) | numbers |" in rows[6]
    assert rows[9].startswith("| repeats.po | 53 | info | untranslated |")


def test_step_summary_stays_within_one_mebibyte(tmp_path: Path) -> None:
    big = CheckReport(tuple(_finding(i, message="HK$1 has no match; " + "target has 港元 " * 20)
                            for i in range(20000)), ("a.po",), 20000, 20000)
    text = step_summary(big, fuzzy="error")
    assert len(text.encode("utf-8")) <= STEP_SUMMARY_LIMIT
    assert re.search(r"\n… and \d+ more finding\(s\) not shown: a job summary is limited to 1 MiB", text)
    from l10n.commands.check import write_step_summary

    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * 1_000_000)  # earlier steps' text leaves little room
    write_step_summary(summary, big, "error")
    data = summary.read_bytes()
    assert data.startswith(b"x" * 1_000_000) and len(data) <= STEP_SUMMARY_LIMIT
    assert b"| a.po | 10 | error | numbers |" in data


def test_no_summary_variable_no_summary_file(repeats: Path, cli: Cli) -> None:
    _many_errors(repeats, 12)
    r = cli("check", "--format", "github", "repeats.po")
    assert _levels(r.out)["error"][-1] == "::error title=l10n check::... and 3 more errors: run l10n check to list them all"
    assert sorted(p.name for p in repeats.parent.iterdir()) == ["repeats.po"]


# -- JSON -----------------------------------------------------------------------------------


def test_check_json_is_version_1_with_msgstr_and_fuzzy(repeats: Path, cli: Cli) -> None:
    data = json.loads(cli("check", "--format", "json", "repeats.po").out)
    VALIDATOR.validate(data)
    assert data["version"] == 1
    by_msgid = {(f["msgid"], f["msgctxt"]): f for f in data["findings"]}
    draft = by_msgid[("Applications close on 30 June 2026.", None)]
    assert (draft["fuzzy"], draft["msgstr"], draft["line"], draft["msgstr_line"]) == (
        True, "申請於2026年6月20日截止。", 38, 39)
    assert sum(f["fuzzy"] for f in data["findings"]) == 1
    assert by_msgid[("See you there.", None)]["msgstr"] == ""
    assert by_msgid[("The fund invested HK$1.2 billion.", "")]["msgstr"] == "基金投資了1.2億港元。"
    wrapped = next(f for f in data["findings"] if f["msgid"].startswith("The Harbour Lab"))
    assert (wrapped["line"], wrapped["msgstr_line"]) == (30, 33)


def test_bundled_catalogs_report_matches_the_schema(cli: Cli) -> None:
    data = json.loads(cli("check", "--format", "json", str(REPO / "locales")).out)
    VALIDATOR.validate(data)
    assert data["summary"]["files"] >= 2


def test_run_reports_match_the_schema(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(one_release_batch(tmp_path, "zh-Hant-HK"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    args = ("run", "--no-mt", "--report", "out/report.json", "--findings", "out/findings.json",
            "--findings-format", "json")
    assert cli(*args).code == 0
    po_file = tmp_path / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    po = polib.pofile(str(po_file), wrapwidth=79)
    entry = next(e for e in po if e.msgid == "It offers desks to founders from 12 economies.")
    entry.msgstr, entry.flags = "實驗室為來自13個經濟體的創辦人提供辦公桌。", ["fuzzy"]
    po.save(str(po_file))
    r = cli(*args)
    assert r.code == 1, r.err
    for name in ("report.json", "findings.json"):
        data = json.loads((tmp_path / "out" / name).read_text(encoding="utf-8"))
        VALIDATOR.validate(data)
        assert data["version"] == 1
        [error] = [f for f in data["findings"] if f["severity"] == "error"]
        assert (error["fuzzy"], error["msgstr"]) == (True, "實驗室為來自13個經濟體的創辦人提供辦公桌。")
        assert error["msgstr_line"] == _msgstr_lines(po_file)[(None, entry.msgid)]
    r = cli("run", "--no-mt", "--findings", "out/findings.xml", "--findings-format", "junit")
    assert r.code == 1, r.err
    xml = etree.parse(str(tmp_path / "out" / "findings.xml"))
    JENKINS.assertValid(xml)
    # the batch does not time its checks (and nothing changed: its findings come from its state)
    assert {e.get("time") for e in xml.getroot().iter("testsuite", "testcase")} == {"0.000"}
    assert "(fuzzy: an unapproved draft): 實驗室為來自13個經濟體" in etree.tostring(xml, encoding="unicode")


def _valid_report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(as_json(_report(errors=1, infos=1)))
    return data


@pytest.mark.parametrize("change", [
    lambda d: d.pop("version"),
    lambda d: d.update(version=2),
    lambda d: d["findings"][0].update(severity="fatal"),
    lambda d: d["findings"][0].update(fuzzy="yes"),
    lambda d: d["findings"][0].pop("msgstr"),
    lambda d: d["findings"][0].update(line=-1),
    lambda d: d["findings"][0].update(extra=1),
    lambda d: d["summary"].pop("checked"),
], ids=["no-version", "version-2", "severity", "fuzzy-type", "no-msgstr", "negative-line", "undocumented-field",
        "no-checked"])
def test_schema_refuses_a_report_that_breaks_the_contract(change: Callable[[dict[str, Any]], object]) -> None:
    VALIDATOR.validate(_valid_report())
    broken = copy.deepcopy(_valid_report())
    change(broken)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_schema_ships_with_the_package() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "schemas/*.json" in package_data["tool"]["setuptools"]["package-data"]["l10n"]
    assert SCHEMA["$defs"]["finding"]["required"] == list(Finding("p", 1, None, "m", "c", Severity.ERROR, "x")
                                                          .as_json())
