"""Check reports for people (text) and machines (JSON, JUnit XML, GitHub annotations)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import visible
from .model import Finding, Severity

FORMATS = ("text", "json", "junit", "github")
MSGID_PREVIEW = 60


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    entries: int
    checked: int

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def summary(self) -> dict[str, object]:
        by_check = Counter(f.check for f in self.findings if f.severity is not Severity.INFO)
        return {
            "files": len(self.files),
            "entries": self.entries,
            "checked": self.checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "untranslated": sum(1 for f in self.findings if f.check == "untranslated"),
            "by_check": dict(sorted(by_check.items())),
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def _preview(text: str) -> str:
    """The start of a msgid on one line, control characters escaped (see ``_safe``)."""
    text = text.replace("\n", " ")
    text = text if len(text) <= MSGID_PREVIEW else text[: MSGID_PREVIEW - 1] + "…"
    return visible(text)


def _safe(text: str, *, keep: str = "") -> str:
    """Text from catalogs (msgids, file names, messages quoting them) as the reader should
    see it: an ESC or OSC sequence in a msgid must not recolour a terminal or CI log, and XML
    1.0 cannot hold most C0 controls at all, so they are shown as ``\\x1b``."""
    return visible(text, keep=keep)


def as_text(report: CheckReport, *, show_info: bool = False) -> str:
    lines = []
    for f in report.findings:
        if f.severity is Severity.INFO and not show_info:
            continue
        lines.append(f"{_safe(f.path)}:{f.line}: {f.severity}: [{f.check}] {_safe(f.message)}")
        lines.append(f'    msgid "{_preview(f.msgid)}"')
    s = report.summary()
    lines.append(f"{s['files']} file(s), {s['checked']} translated entries checked: "
                 f"{s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['untranslated']} untranslated")
    return "\n".join(lines)


def as_json(report: CheckReport) -> str:
    payload = {"findings": [f.as_json() for f in report.findings], "summary": report.summary()}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def as_junit(report: CheckReport) -> str:
    from lxml import etree  # only this format needs it: imported here, not at every start-up

    suites = etree.Element("testsuites", name="l10n check")
    by_file: dict[str, list[Finding]] = {p: [] for p in report.files}
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    for raw_path, findings in by_file.items():
        path = _safe(raw_path)
        real = [f for f in findings if f.severity is not Severity.INFO]
        failures = [f for f in real if f.severity is Severity.ERROR]
        suite = etree.SubElement(suites, "testsuite", name=path, tests=str(max(len(real), 1)),
                                 failures=str(len(failures)), errors="0", skipped="0")
        if not real:
            etree.SubElement(suite, "testcase", classname=path, name="all entries")
        for f in real:
            case = etree.SubElement(suite, "testcase", classname=f"{path}:{f.check}",
                                    name=f"line {f.line}: {_preview(f.msgid)}")
            if f.severity is Severity.ERROR:
                fail = etree.SubElement(case, "failure", type=f.check, message=_safe(f.message))
                fail.text = _safe(f"{f.path}:{f.line}\nmsgid: {f.msgid}\n{f.message}", keep="\n\t")
            else:
                out = etree.SubElement(case, "system-out")
                out.text = f"warning: {_safe(f.message)}"
    suites.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    suites.set("failures", str(report.errors))
    body: str = etree.tostring(suites, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _gh_escape(value: str, *, prop: bool = False) -> str:
    """GitHub's workflow-command escaping, after control characters are made visible."""
    value = visible(value, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(report: CheckReport) -> str:
    lines = []
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for f in report.findings:
        if f.severity is Severity.INFO:
            continue
        title = _gh_escape(f"l10n {f.check}", prop=True)
        lines.append(f"::{levels[f.severity]} file={_gh_escape(f.path, prop=True)},line={f.line},"
                     f"title={title}::{_gh_escape(f.message)}")
    s = report.summary()
    lines.append(f"l10n check: {s['errors']} error(s), {s['warnings']} warning(s) "
                 f"in {s['files']} file(s)")
    return "\n".join(lines)


def format_report(report: CheckReport, fmt: str) -> str:
    writers: dict[str, Callable[[CheckReport], str]] = {
        "text": as_text, "json": as_json, "junit": as_junit, "github": as_github}
    return writers[fmt](report)


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.path, f.line, f.check)))
