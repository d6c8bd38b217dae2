"""The check stage: run the registered checks over PO files, or over one draft.

Everything is read and validated first; an unreadable catalog stops the run with a
one-line error (exit 2) before any finding is reported.
"""

from __future__ import annotations

import gc
import math
import os
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .checks import CheckEnv, FuzzyPolicy, pair_store, prepare_checks, run_checks, select_checks
from .errors import InputError
from .locales import LocaleId, header_locale  # catalog_locale's reader, without the catalog module
from .model import Entry, Finding, Severity
from .pofile import scan_po_file
from .report import CheckReport, sort_findings

T = TypeVar("T")
PARALLEL_MIN_ENTRIES = 5000  # below this, forking costs more than it saves
#: Checks whose findings depend on the entries before them in the catalog (the
#: glossary's first full mention): a parallel run gives them every entry in one process.
ORDERED_CHECKS = frozenset({"glossary"})
#: Entries a parallel run checks first, timing the in-order checks against the others.
CALIBRATION_ENTRIES = 200
#: Estimated CPU seconds of checks below which a big catalog is still checked in-process.
#: The estimate (the first entries' cost times the catalog's size) runs high, as memos
#: start cold. Measured on 2 cores: 20,000 entries of bench/bench_check.py estimate
#: 0.6 s for numbers alone (0.3 s spent; forking saved 0.06 s of wall time for 0.12 s
#: more CPU time) and 1.3 s for every check; the dense catalog estimates 2.2 s and
#: forking nearly halves its wall time.
PARALLEL_MIN_SECONDS = 1.0
#: Processes ``l10n check`` uses by default: 0 is one per core. Measured (issue 16,
#: paired runs, 20,000-entry catalogs, every check with the glossary): checking in
#: this process alone took 0.95x the CPU time of forking on bench/bench_check.py and
#: 1.03x on bench/bench_check_gov.py, both within the spread of the runs. Once the scan
#: and the check runner got cheaper (pair memo), ``bench_check.py --jobs-pairs`` on a
#: two-core machine at load 1.4: -j1 0.89x (0.86-0.94) the default's CPU time, 1.32x
#: (1.27-1.39) its wall time: forking costs about 0.25 s of CPU (children warm their own
#: memos) to save about 0.4 s of wall time. Kept: the default favours wall time; -j1
#: is the choice on a machine whose other cores are busy.
DEFAULT_JOBS = 0


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
    select_checks(select)  # unknown names fail before any file is read
    files = collect_po_files(paths)
    if not files:
        raise InputError("no PO files found", path=", ".join(str(p) for p in paths),
                         hint="check the path: a CI check over nothing would pass silently")
    loaded = []
    for f in files:
        scanned = scan_po_file(f)
        loaded.append((str(f), header_locale(scanned.metadata, str(f)), scanned))
    findings: list[Finding] = []
    entries = checked = 0
    seconds: dict[str, float] = {}  # the JUnit report's time of each file
    # the catalogs, their entries and everything loaded before (modules, the term base)
    # live until the checks end: frozen, they are not searched for cycles by each
    # collection the checks' own objects cause (a tenth of the checks' time on 20,000
    # entries went to such collections), nor touched in a forked child's copy of them;
    # given back afterwards. A caller that froze objects itself keeps them as they are.
    freeze = gc.get_freeze_count() == 0
    try:
        for name, locale, scanned in loaded:
            started = time.perf_counter()
            items = scanned.checkable(name)
            entries += len(items)
            checked += sum(1 for e in items if e.msgstr and not (e.fuzzy and fuzzy is FuzzyPolicy.SKIP))
            env = CheckEnv(locale, glossary, severities or {}, fuzzy)
            if freeze:
                gc.freeze()
            findings.extend(run_checks_parallel(items, env, select, workers=workers))
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    finally:
        if freeze:
            gc.unfreeze()
    return CheckReport(sort_findings(findings), tuple(str(f) for f in files), entries, checked, seconds)


_SHARED: list[Any] = []  # what forked workers inherit instead of unpickling it per task


def can_fork(workers: int) -> bool:
    """Whether work can go to forked processes (multiprocessing is imported only to use it)."""
    return workers > 1 and hasattr(os, "fork")


def map_forked(func: Callable[[T], list[Finding]], tasks: Sequence[T], *, workers: int,
               shared: Any) -> list[Finding]:
    """Run ``func`` over ``tasks`` in forked processes that inherit ``shared`` (a glossary,
    say) through fork, so it is neither pickled nor loaded again per task."""
    import multiprocessing as mp

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


def run_checks_parallel(items: list[Entry], env: CheckEnv, select: Sequence[str] | None,
                        *, workers: int = 0) -> list[Finding]:
    """Checks over a big catalog split between this process and forked children (one per
    core); small catalogs, and big ones whose checks are cheap, in-process.

    The first entries are checked here and timed: when the whole catalog would cost less
    than PARALLEL_MIN_SECONDS, forking would save less wall time than it adds in CPU time
    (a fork, and each process meeting repeated entries its memos have not seen), so the
    rest is checked here too. Otherwise the children inherit the entries through fork and
    each sends back only its findings, and this process checks a share itself. A check
    that reads the catalog in order (the glossary: a body named in full once may be
    shortened later) runs over every entry here, in order, so no share starts a new
    document; the other shares are sized so that every process has as much to do.
    """
    count = workers or (os.cpu_count() or 1)
    if not can_fork(count) or len(items) < PARALLEL_MIN_ENTRIES:
        return run_checks(items, env, select)
    prepare_checks(select)  # converters loaded once here, shared by every forked child
    chosen = {c.name for c in select_checks(select)} | {"untranslated"}
    ordered = chosen & ORDERED_CHECKS if env.glossary is not None else set()
    rest = chosen - ordered
    head = items[:min(CALIBRATION_ENTRIES, len(items) // (2 * count))]
    remaining = items[len(head):]
    start = time.process_time()
    out = run_checks(head, env, select, skip=rest) if ordered else []
    middle = time.process_time()
    out += run_checks(head, env, select, skip=ordered)
    in_order, others = middle - start, time.process_time() - middle
    if (in_order + others) * len(items) / max(1, len(head)) < PARALLEL_MIN_SECONDS:
        return out + run_checks(remaining, env, select)  # cheap: in-process, in order
    position = {e.line: i for i, e in enumerate(remaining)}
    by_source = len(position) == len(remaining)  # each entry's findings can be put back in place
    if by_source:
        mine, shares = _source_shares(remaining, count, in_order, others)
    else:
        mine, shares = _balanced_shares(remaining, count, in_order, others)
    children = [_fork_checks(share, env, select, ordered) for share in shares]
    if ordered:
        out += run_checks(remaining, env, select, skip=rest)  # every entry, in catalog order
    found = run_checks(mine, env, select, skip=ordered)
    for child in children:
        found.extend(_collect(*child))
    if by_source:  # each entry's findings in their order, the entries in catalog order
        found.sort(key=lambda f: position.get(f.line, len(remaining)))
    return out + found


def _source_shares(items: list[Entry], count: int, in_order: float,
                   others: float) -> tuple[list[Entry], list[list[Entry]]]:
    """``_balanced_shares`` of the catalog's distinct sources rather than of its entries:
    every entry of one source goes to one process, each share in catalog order. The
    pair checks' work is per distinct source and translation (a repeated pair reuses
    its findings, ``run_checks``), so shares cut from a catalog that repeats its
    boilerplate sentences had each process check most of them again: a fifth more
    pair work on bench/bench_check.py's catalog."""
    groups: dict[str, list[int]] = {}
    for i, entry in enumerate(items):
        groups.setdefault(entry.msgid, []).append(i)
    mine, shares = _balanced_shares(list(groups.values()), count, in_order, others)

    def entries(share: list[list[int]]) -> list[Entry]:
        return [items[i] for i in sorted(i for group in share for i in group)]

    return entries(mine), [entries(share) for share in shares]


def _balanced_shares(items: list[T], count: int, in_order: float,
                     others: float) -> tuple[list[T], list[list[T]]]:
    """This process's share and the children's, so that each process has about as much
    to do when this one also runs the in-order checks over every entry (``in_order``
    and ``others`` are what the two kinds cost on the same entries)."""
    n = len(items)
    ratio = in_order / others if others > 0 else 0.0
    child = min(n, math.ceil(n * (1 + ratio) / count))
    mine = max(0, n - (count - 1) * child)
    shares = [items[i:i + child] for i in range(mine, n, child)] if child else []
    return items[:mine], shares


def _fork_checks(items: list[Entry], env: CheckEnv, select: Sequence[str] | None,
                 skip: Collection[str]) -> tuple[int, int]:
    """Start a child that checks ``items`` and writes its pickled findings to a pipe,
    with the pair checks' results it computed (``pair_store``) for the parent to keep."""
    import pickle

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)
    status = 0
    try:
        try:
            store = pair_store.current()
            if store is not None:
                store.fresh_child()
            found = run_checks(items, env, select, skip=skip)
            kept = store.handover() if store is not None else None
            payload = pickle.dumps((True, found, kept), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # a bug in a check: the parent raises it with its text
            import traceback

            payload = pickle.dumps((False, "".join(traceback.format_exception(exc))))
            status = 1
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)  # never run the parent's exit handlers or flush its buffers twice


def _collect(pid: int, read_end: int) -> list[Finding]:
    """The findings of one forked child; its failure is raised here, in the parent. The
    pair results it computed join this process's store, saved at the command's end."""
    import pickle

    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:
        raise RuntimeError(f"check worker {pid} ended without a result")
    ok, value, *kept = pickle.loads(payload)
    if not ok:
        raise RuntimeError(f"check worker {pid} failed:\n{value}")
    store = pair_store.current()
    if store is not None and kept and kept[0] is not None:
        store.take(*kept[0])
    result: list[Finding] = value
    return result


def check_draft(source: str, target: str, locale: LocaleId, *, glossary: Any = None,
                select: Sequence[str] | None = ("numbers", "currency", "glossary", "placeholders"),
                ) -> list[Finding]:
    """Check one machine draft before it is written (the MT stage calls this)."""
    entry = Entry(source, target, "<draft>", 0, None, True)
    return run_checks([entry], CheckEnv(locale, glossary), select)
