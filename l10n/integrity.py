"""The check stage: run the registered checks over PO files, or over one draft.

Everything is read and validated first; an unreadable catalog stops the run with a
one-line error (exit 2) before any finding is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .checks import CheckEnv, run_checks, select_checks
from .errors import InputError
from .locales import LocaleId
from .model import Entry, Finding, Severity
from .pofile import read_po
from .report import CheckReport, sort_findings


def collect_po_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.po")))
        elif p.exists():
            files.append(p)
        else:
            raise InputError("no such file or folder", path=str(p))
    return files


def check_catalogs(paths: Sequence[str | Path], *, select: Sequence[str] | None = None,
                   glossary: Any = None,
                   severities: dict[str, Severity] | None = None) -> CheckReport:
    from .catalog import catalog_locale, po_entries

    select_checks(select)  # unknown names fail before any file is read
    files = collect_po_files(paths)
    loaded = []
    for f in files:
        po = read_po(f)
        loaded.append((str(f), catalog_locale(po, str(f)), po))
    findings: list[Finding] = []
    entries = checked = 0
    for name, locale, po in loaded:
        items = po_entries(po, name)
        entries += len(items)
        checked += sum(1 for e in items if e.msgstr)
        env = CheckEnv(locale, glossary, severities or {})
        findings.extend(run_checks(items, env, select))
    return CheckReport(sort_findings(findings), tuple(str(f) for f in files), entries, checked)


def check_draft(source: str, target: str, locale: LocaleId, *, glossary: Any = None,
                select: Sequence[str] | None = ("numbers", "currency", "glossary", "placeholders"),
                ) -> list[Finding]:
    """Check one machine draft before it is written (the MT stage calls this)."""
    entry = Entry(source, target, "<draft>", 0, None, True)
    return run_checks([entry], CheckEnv(locale, glossary), select)
