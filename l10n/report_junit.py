"""Check findings as JUnit XML, for CI dashboards (Jenkins, GitLab, Azure and the like).

Dashboards follow a test across builds by its class name and name, so both must stay
put while the catalog changes around the entry:

* one ``<testsuite>`` per PO file, one ``<testcase>`` per error or warning (info findings,
  such as untranslated entries, are counted in the summary, not reported as tests); a
  file without findings has one passing test, ``all entries``;
* ``classname`` is the file; ``name`` is the check, the msgid and the msgctxt. No line
  number: an entry added above would rename every test below it. The line goes into the
  failure message and body instead;
* two findings that would get the same name (one check reporting two figures of one
  entry) are told apart by ``#2``, ``#3``... in report order, which is the file's order
  and, within an entry, the order the check reports in; the first keeps the bare name.

``time``: each file is timed as a whole while it is checked (wall clock; forked workers
included). A finding is not timed on its own, so each test case of a file gets an equal
share of the file's time and the cases add up to their suite; ``<testsuites>`` carries
the sum. A report put together from stored findings (``l10n run --findings``: unchanged
releases are not checked again, and the batch's outputs must stay byte-identical when
nothing changed) has no times, and says ``0.000``. Times are seconds with three decimals.

The output is valid against the Jenkins JUnit schema (``tests/data/junit/jenkins-junit.xsd``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import visible
from .model import Finding, Severity
from .report_base import CheckReport

#: The test of a file that has no error or warning.
CLEAN_TEST = "all entries"


def seconds(value: float) -> str:
    """A duration as JUnit readers parse it: seconds, three decimals, never negative."""
    return f"{max(value, 0.0):.3f}"


def case_name(f: Finding) -> str:
    """What identifies a finding across builds: its check, msgid and msgctxt, on one line
    with control characters shown escaped (XML 1.0 cannot hold most of them; a log
    must not act on an ESC sequence in a msgid)."""
    name = f"{f.check}: {f.msgid}"
    if f.msgctxt is not None:
        name += f" [msgctxt: {f.msgctxt}]"
    return visible(name)


def unique_names(findings: Iterable[Finding]) -> list[str]:
    """Each finding's case name, made unique within its file by ``#2``, ``#3``... for the
    second and later findings with the same name (counted in report order)."""
    used: set[str] = set()
    seen: dict[str, int] = {}
    names = []
    for f in findings:
        base = case_name(f)
        count = seen.get(base, 0) + 1
        name = base if count == 1 else f"{base} #{count}"
        while name in used:  # a msgid that itself ends in " #2"
            count += 1
            name = f"{base} #{count}"
        seen[base] = count
        used.add(name)
        names.append(name)
    return names


def _body(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}: {f.severity}: [{f.check}] {f.message}"]
    if f.msgctxt is not None:
        lines.append(f"msgctxt: {f.msgctxt}")
    lines.append(f"msgid: {f.msgid}")
    draft = " (fuzzy: an unapproved draft)" if f.fuzzy else ""
    lines.append(f"msgstr (line {f.msgstr_line or f.line}){draft}: {f.msgstr}")
    return visible("\n".join(lines), keep="\n\t")


def junit_xml(report: CheckReport) -> str:
    from lxml import etree  # only this format needs it: imported here, not at every start-up

    suites = etree.Element("testsuites", name="l10n check")
    by_file: dict[str, list[Finding]] = {p: [] for p in report.files}
    for f in report.findings:
        by_file.setdefault(f.path, []).append(f)
    total_tests = total_failures = 0
    total_time = 0.0
    for raw_path, findings in by_file.items():
        path = visible(raw_path)
        real = [f for f in findings if f.severity is not Severity.INFO]
        failures = sum(1 for f in real if f.severity is Severity.ERROR)
        spent = report.seconds.get(raw_path, 0.0)
        tests = max(len(real), 1)
        share = seconds(spent / tests)
        suite = etree.SubElement(suites, "testsuite", name=path, tests=str(tests), failures=str(failures),
                                 errors="0", skipped="0", time=seconds(spent))
        if not real:
            etree.SubElement(suite, "testcase", classname=path, name=CLEAN_TEST, time=share)
        for f, name in zip(real, unique_names(real), strict=True):
            case = etree.SubElement(suite, "testcase", classname=path, name=name, time=share)
            where = f"line {f.line}: {f.message}"
            if f.severity is Severity.ERROR:
                fail = etree.SubElement(case, "failure", type=f.check, message=visible(where))
                fail.text = _body(f)
            else:
                out = etree.SubElement(case, "system-out")
                out.text = _body(f)
        total_tests += tests
        total_failures += failures
        total_time += spent
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    suites.set("time", seconds(total_time))
    body: str = etree.tostring(suites, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body
