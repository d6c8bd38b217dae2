"""Check findings for GitHub Actions: workflow-command annotations and the job summary.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step and
drops the rest without a word. So each level gets at most 9 annotations on findings and,
when there are more, a 10th that says how many were left out and where to read them: the
job summary (``$GITHUB_STEP_SUMMARY``), which ``l10n check --format github`` fills with
the whole table when the variable is set. Info findings (an untranslated entry, a
finding accepted by ``#, ignore-<check>``) are notices.

An annotation points at the entry's ``msgstr`` line: the translation is what a reviewer
changes, and a multi-line msgid would otherwise put the mark far from it.

A job summary may not exceed 1 MiB per step (GitHub refuses the whole summary past that),
so the table stops, with a line saying how many rows were left out, before the file
would reach ``STEP_SUMMARY_LIMIT`` bytes.
"""

from __future__ import annotations

from .errors import visible
from .model import Finding, Severity
from .report_base import CheckReport

#: What GitHub shows of each annotation level in one step.
ANNOTATIONS_PER_LEVEL = 10
LEVELS = ((Severity.ERROR, "error", "errors"), (Severity.WARNING, "warning", "warnings"),
          (Severity.INFO, "notice", "notices"))
#: GitHub's limit for one step's job summary, in bytes.
STEP_SUMMARY_LIMIT = 1024 * 1024
#: Room kept for the line that says the table was cut.
SUMMARY_TAIL_RESERVE = 512
#: A msgid longer than this is cut in the summary table (the message names the numbers).
SUMMARY_MSGID_CHARS = 200
#: Markdown characters a table cell escapes with a backslash (``|`` would end the cell).
MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_[]|"})


def escape(value: str, *, prop: bool = False) -> str:
    """GitHub's workflow-command escaping, after control characters are made visible."""
    value = visible(value, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def annotation(f: Finding, level: str) -> str:
    where = f"file={escape(f.path, prop=True)},line={f.msgstr_line or f.line}"
    return f"::{level} {where},title={escape(f'l10n {f.check}', prop=True)}::{escape(f.message)}"


def github_annotations(report: CheckReport, *, summary_written: bool = False) -> str:
    """Annotations, at most ``ANNOTATIONS_PER_LEVEL`` per level, then the count line."""
    where = "see the job summary" if summary_written else "run l10n check to list them all"
    lines = []
    for severity, level, plural in LEVELS:
        found = [f for f in report.findings if f.severity is severity]
        shown = found if len(found) <= ANNOTATIONS_PER_LEVEL else found[:ANNOTATIONS_PER_LEVEL - 1]
        lines += [annotation(f, level) for f in shown]
        if len(found) > len(shown):
            lines.append(f"::{level} title={escape('l10n check', prop=True)}::"
                         f"... and {len(found) - len(shown)} more {plural}: {where}")
    s = report.summary()
    lines.append(f"l10n check: {s['errors']} error(s), {s['warnings']} warning(s) in {s['files']} file(s)")
    return "\n".join(lines)


def cell(value: object, limit: int = 0) -> str:
    """One Markdown table cell: one line; pipes, emphasis and HTML shown as text; ``$`` kept
    from opening GitHub's inline maths (HK$5 … US$3 would otherwise be typeset)."""
    text = " ".join(visible(str(value), keep="\n\r\t\u2028\u2029\x85").split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.translate(MARKDOWN_ESCAPES)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("$", "<span>$</span>")


def _row(f: Finding) -> str:
    level = f"{f.severity} (fuzzy)" if f.fuzzy else str(f.severity)
    return (f"| {cell(f.path)} | {f.line} | {level} | {cell(f.check)} | {cell(f.message)} | "
            f"{cell(f.msgid, SUMMARY_MSGID_CHARS)} |\n")


def step_summary(report: CheckReport, *, fuzzy: str | None = None, budget: int = STEP_SUMMARY_LIMIT) -> str:
    """The job summary in Markdown: the counts, then one row per finding (errors, then
    warnings, then info), in at most ``budget`` UTF-8 bytes."""
    s = report.summary()
    policy = f"; fuzzy entries: {fuzzy}" if fuzzy else ""
    head = (f"## l10n check\n\n**{s['errors']} error(s), {s['warnings']} warning(s)** in {s['files']} file(s); "
            f"{s['checked']} translated entries checked, {s['untranslated']} untranslated{policy}.\n\n")
    rows = [f for severity, _, _ in LEVELS for f in report.findings if f.severity is severity]
    if not rows:
        return head + "No findings.\n"
    parts = [head, "| File | Line | Level | Check | Message | msgid |\n", "|---|---:|---|---|---|---|\n"]
    used = sum(len(p.encode("utf-8")) for p in parts)
    for shown, f in enumerate(rows):
        row = _row(f)
        size = len(row.encode("utf-8"))
        if used + size > budget - SUMMARY_TAIL_RESERVE:
            parts.append(f"\n… and {len(rows) - shown} more finding(s) not shown: a job summary is limited "
                         f"to 1 MiB. Run `l10n check --format json` for all of them.\n")
            break
        parts.append(row)
        used += size
    return "".join(parts)
