"""The check stage: run the registered checks over PO files, or over one draft.

Everything is read and validated first; an unreadable catalog stops the run with a
one-line error (exit 2) before any finding is reported.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .checks import CheckEnv, FuzzyPolicy, prepare_checks, run_checks, select_checks
from .errors import InputError
from .locales import LocaleId
from .model import Entry, Finding, Severity
from .pofile import scan_po_file
from .report import CheckReport, sort_findings

T = TypeVar("T")
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
                   severities: dict[str, Severity] | None = None, workers: int = 0,
                   fuzzy: FuzzyPolicy = FuzzyPolicy.ERROR) -> CheckReport:
    """Check PO files; ``fuzzy`` says what happens to unapproved entries (see FuzzyPolicy)."""
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
        items = scanned.checkable(name)
        entries += len(items)
        checked += sum(1 for e in items if e.msgstr and not (e.fuzzy and fuzzy is FuzzyPolicy.SKIP))
        env = CheckEnv(locale, glossary, severities or {}, fuzzy)
        findings.extend(run_checks_parallel(items, env, select, workers=workers))
    return CheckReport(sort_findings(findings), tuple(str(f) for f in files), entries, checked)


_SHARED: list[Any] = []  # what forked workers inherit instead of unpickling it per task


def can_fork(workers: int) -> bool:
    return workers > 1 and "fork" in mp.get_all_start_methods()


def map_forked(func: Callable[[T], list[Finding]], tasks: Sequence[T], *, workers: int,
               shared: Any) -> list[Finding]:
    """Run ``func`` over ``tasks`` in forked processes that inherit ``shared`` (a glossary,
    say) through fork, so it is neither pickled nor loaded again per task."""
    _SHARED[:] = [shared]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(func, tasks)
    finally:
        _SHARED.clear()
    return [f for batch in results for f in batch]


def shared_value() -> Any:
    """In a forked worker: the value ``map_forked`` shared."""
    return _SHARED[0]


def _check_chunk(args: tuple[list[Entry], Sequence[str] | None]) -> list[Finding]:
    items, select = args
    return run_checks(items, shared_value(), select)


def run_checks_parallel(items: list[Entry], env: CheckEnv, select: Sequence[str] | None,
                        *, workers: int = 0) -> list[Finding]:
    """Checks over a big catalog in forked processes (one per core); small ones in-process."""
    count = workers or (os.cpu_count() or 1)
    if not can_fork(count) or len(items) < PARALLEL_MIN_ENTRIES:
        return run_checks(items, env, select)
    prepare_checks(select)  # converters loaded once here, shared by every forked worker
    size = -(-len(items) // count)
    chunks = [(items[i:i + size], select) for i in range(0, len(items), size)]
    return map_forked(_check_chunk, chunks, workers=count, shared=env)


def check_draft(source: str, target: str, locale: LocaleId, *, glossary: Any = None,
                select: Sequence[str] | None = ("numbers", "currency", "glossary", "placeholders"),
                ) -> list[Finding]:
    """Check one machine draft before it is written (the MT stage calls this)."""
    entry = Entry(source, target, "<draft>", 0, None, True)
    return run_checks([entry], CheckEnv(locale, glossary), select)
