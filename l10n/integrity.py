"""The check stage: run the registered checks over PO files, or over one draft.

Everything is read and validated first; an unreadable catalog stops the run with a
one-line error (exit 2) before any finding is reported.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .checks import CheckEnv, run_checks, select_checks
from .errors import InputError
from .locales import LocaleId
from .model import Entry, Finding, Severity
from .pofile import scan_po_file
from .report import CheckReport, sort_findings

PARALLEL_MIN_ENTRIES = 5000  # below this, forking costs more than it saves


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
                   severities: dict[str, Severity] | None = None, workers: int = 0) -> CheckReport:
    from .catalog import catalog_locale

    select_checks(select)  # unknown names fail before any file is read
    files = collect_po_files(paths)
    if not files:
        raise InputError("no PO files found", path=", ".join(str(p) for p in paths),
                         hint="check the path: a CI check over nothing would pass silently")
    loaded = []
    for f in files:
        scanned = scan_po_file(f)
        loaded.append((str(f), catalog_locale(scanned.metadata, str(f)), scanned))
    findings: list[Finding] = []
    entries = checked = 0
    for name, locale, scanned in loaded:
        items = [Entry(e.msgid, e.msgstr, name, e.line, e.msgctxt, e.fuzzy, e.comments)
                 for e in scanned.entries if e.msgid and not e.obsolete]
        entries += len(items)
        checked += sum(1 for e in items if e.msgstr)
        env = CheckEnv(locale, glossary, severities or {})
        findings.extend(run_checks_parallel(items, env, select, workers=workers))
    return CheckReport(sort_findings(findings), tuple(str(f) for f in files), entries, checked)


def _check_chunk(args: tuple[list[Entry], Sequence[str] | None]) -> list[Finding]:
    items, select = args
    return run_checks(items, _FORK_ENV[0], select)


_FORK_ENV: list[CheckEnv] = []


def run_checks_parallel(items: list[Entry], env: CheckEnv, select: Sequence[str] | None,
                        *, workers: int = 0) -> list[Finding]:
    """Checks over a big catalog in forked processes (one per core); small ones in-process.

    The environment (locale, glossary) reaches the children through fork, not pickling.
    """
    count = workers or (os.cpu_count() or 1)
    if count < 2 or len(items) < PARALLEL_MIN_ENTRIES or "fork" not in mp.get_all_start_methods():
        return run_checks(items, env, select)
    size = -(-len(items) // count)
    chunks = [(items[i:i + size], select) for i in range(0, len(items), size)]
    _FORK_ENV[:] = [env]
    try:
        with mp.get_context("fork").Pool(count) as pool:
            results = pool.map(_check_chunk, chunks)
    finally:
        _FORK_ENV.clear()
    return [f for batch in results for f in batch]


def check_draft(source: str, target: str, locale: LocaleId, *, glossary: Any = None,
                select: Sequence[str] | None = ("numbers", "currency", "glossary", "placeholders"),
                ) -> list[Finding]:
    """Check one machine draft before it is written (the MT stage calls this)."""
    entry = Entry(source, target, "<draft>", 0, None, True)
    return run_checks([entry], CheckEnv(locale, glossary), select)
