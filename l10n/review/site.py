"""Writing the review site: ``index.html`` and one page per release and locale.

The pages are rendered with Jinja2 from the package's templates; the stylesheet and the
small script are inlined into every page, so the site opens from ``file://`` with no
server, no build step and no network. Each page carries a Content-Security-Policy that
allows its own script (by hash) and inline styles and forbids every fetch. Pages are
written durably and atomically, only when their bytes change, and a page whose inputs
did not change is not rendered again (see l10n.review.store).

A big site on a machine with enough cores (``PARALLEL_MIN_CORES``) is written by forked
processes, one release (all its locales) per task, so what the pages of a release share
(the English source's quantities, glossary hits and preview) is computed once.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..errors import L10nError
from ..fsio import ensure_dir
from .collect import CatalogInput, Located, Summary, locate, modified, read_page
from .marks import Memo
from .rows import entries_html, overview_rows
from .status import STATUSES
from .store import Staged, load_manifest, remove_stale, save_manifest

if TYPE_CHECKING:
    from ..model import Finding

INDEX = "index.html"
_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")
#: Releases below which the site is written in this process: forking costs more.
PARALLEL_MIN_RELEASES = 16
#: Cores below which the site is written in this process whatever its size. On two cores
#: the forked workers won on a quiet machine (bench/bench_review.py, 400 catalogs: 1.48 s
#: against 1.90 s, load 2.1) and lost on a busy one (2.1-6.0 s against 1.7-2.5 s, load
#: 3.5-5): a nightly run has the machine to itself, so they stay.
PARALLEL_MIN_CORES = 2


@dataclass(frozen=True)
class SiteResult:
    """What was written: the index, the pages, and the totals the command prints."""

    index: Path
    pages: int
    written: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class _Context:
    """What every page of one build needs; forked workers inherit it. ``previous`` is the
    manifest of the site's last build (see l10n.review.store)."""

    out_dir: Path
    glossary: object | None
    last_run: str
    previous: dict[str, dict[str, Any]]
    inputs: str
    #: Gives the findings of the pages a release renders, when the items do not carry them.
    findings_for: FindingsFor | None = None


@dataclass
class _Batch:
    """What writing some releases gave: their overview lines, their manifest entries, and
    the pages staged (written to temporary files, not yet renamed)."""

    summaries: list[Summary]
    manifest: dict[str, dict[str, Any]]
    staged: list[tuple[str, str]]


@functools.cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("l10n.review", "templates"),
                       autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, auto_reload=False)


@functools.cache
def _static(name: str) -> str:
    return (resources.files("l10n.review") / "static" / name).read_text(encoding="utf-8")


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
            "img-src data:; frame-src 'self'")


def _common(last_run: str) -> dict[str, Any]:
    script = _static("review.js")
    return {"css": Markup(_static("review.css")), "js": Markup(script), "policy": _policy(script),
            "version": __version__, "statuses": STATUSES, "last_run": last_run}


def page_bases(items: Sequence[CatalogInput]) -> list[str]:
    """The file name stem of each catalog's page: its domain, made safe, with a number
    added when two catalog folders hold the same domain (the locale is added later)."""
    owners: dict[str, str] = {}
    bases: list[str] = []
    for item in items:
        folder = str(item.po.parents[2] if len(item.po.parents) > 2 else item.po.parent)
        base = _UNSAFE_NAME_RE.sub("-", item.po.stem).strip("-.") or "release"
        candidate, n = base, 2
        while owners.setdefault(candidate, folder) != folder:
            candidate, n = f"{base}-{n}", n + 1
        bases.append(candidate)
    return bases


#: Gives the findings of the catalogs named (by path) when their pages are rendered.
FindingsFor = Callable[[Collection[str]], Mapping[str, Sequence["Finding"]]]


def build_site(items: Sequence[CatalogInput], out_dir: Path, *, glossary: object | None = None,
               last_run: str = "", workers: int = 0, findings_for: FindingsFor | None = None) -> SiteResult:
    """Write a page per catalog and the index. The catalogs must be readable (the callers
    have read or checked them); a catalog changed meanwhile raises its one-line error.

    A page whose inputs (catalog, findings, release, built document, glossary, this
    version's templates) are those of the page the site wrote last time is not rendered
    again; pages of catalogs no longer given are removed (see l10n.review.store).

    With ``findings_for``, items carrying their ``facts`` are sorted out here first: the
    unchanged pages are kept, and only the findings of the pages to render are asked
    for, so a run that changed one release of thousands reads one release's findings and
    renders its pages in this process."""
    ensure_dir(out_dir)
    groups: dict[str, list[tuple[CatalogInput, str]]] = {}
    for item, base in zip(items, page_bases(items), strict=True):
        groups.setdefault(base, []).append((item, base))
    tasks = list(groups.values())
    previous = load_manifest(out_dir)
    context = _Context(out_dir, glossary, last_run, previous, _inputs_key(glossary), findings_for)
    kept = _Batch([], {}, [])
    if findings_for is not None:
        tasks = _to_render(tasks, context, kept)
    cores = os.cpu_count() or 1
    count = workers or (cores if cores >= PARALLEL_MIN_CORES else 1)
    staged = Staged()
    try:
        results = [kept]
        if count > 1 and hasattr(os, "fork") and len(tasks) >= PARALLEL_MIN_RELEASES:
            # the first release here: what every page loads on first use (the templates, the
            # number readers, the converters) is then loaded once and shared by the workers
            first = _write_release(tasks[0], context)
            staged.extend(first.staged)
            results += [first, *_forked(tasks[1:], context, count, staged)]
        else:
            for task in tasks:
                results.append(_write_release(task, context))
                staged.extend(results[-1].staged)
        summaries = sorted((s for batch in results for s in batch.summaries), key=lambda s: (s.release, s.locale))
        totals = {"catalogs": len(summaries), "releases": len({s.release for s in summaries}),
                  "errors": sum(s.errors for s in summaries), "warnings": sum(s.warnings for s in summaries)}
        index = _environment().get_template("index.html").render(totals=totals, rows=overview_rows(summaries),
                                                                 **_common(last_run))
        staged.stage(out_dir / INDEX, index)
        written = staged.commit()
    finally:
        staged.discard()
    manifest = {po: entry for batch in results for po, entry in batch.manifest.items()}
    save_manifest(out_dir, manifest)
    remove_stale(out_dir, (e.get("file", "") for e in previous.values()), (e["file"] for e in manifest.values()))
    return SiteResult(out_dir / INDEX, len(summaries), written, sum(s.errors for s in summaries),
                      sum(s.warnings for s in summaries))


@functools.cache
def _package_key() -> str:
    """This version's templates and static files: a new release of l10n renders again."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    root = resources.files("l10n.review")
    for folder in ("templates", "static"):
        for entry in sorted((root / folder).iterdir(), key=lambda e: e.name):
            digest.update(entry.name.encode("utf-8") + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def _inputs_key(glossary: object | None) -> str:
    """What every page depends on: the package's templates and the glossary (its file's
    bytes, else its terms)."""
    parts = [_package_key()]
    if glossary is not None:
        source = getattr(glossary, "source", "")
        from_file = bool(source) and Path(source).is_file()
        parts.append(_digest(Path(source)) if from_file else repr(getattr(glossary, "terms", glossary)))
    return "\n".join(parts)


def _digest(path: Path | None) -> str:
    """A file as its page depends on it: its path and a hash of its bytes (not its time or
    inode, so the same inputs give the same manifest, byte for byte)."""
    if path is None:
        return "-"
    try:
        data = path.read_bytes()
    except OSError:
        return f"{path} missing"
    return f"{path} {hashlib.sha256(data).hexdigest()}"


def _page_key(item: CatalogInput, base: str, source: Path | None, built: Path | None, context: _Context) -> str:
    # the page shows when its catalog was written: that is an input too
    if item.facts:  # the catalog's time to the nanosecond: a stat, not a formatted date
        parts = [context.inputs, base, "facts", item.facts, _mtime_ns(item.po), str(source), str(built)]
    else:
        parts = [context.inputs, base, _digest(item.po), modified(item.po), _digest(source), _digest(built),
                 _findings_text(item.findings)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _mtime_ns(path: Path) -> str:
    try:
        return str(os.stat(path).st_mtime_ns)
    except OSError:
        return ""


def _to_render(tasks: list[list[tuple[CatalogInput, str]]], context: _Context,
               kept: _Batch) -> list[list[tuple[CatalogInput, str]]]:
    """The releases with a page to render (their findings are read when each release is
    rendered, so a first build never holds every finding); the overview lines and
    manifest entries of the pages kept as they are go to ``kept``."""
    pending: list[list[tuple[CatalogInput, str]]] = []
    for task in tasks:
        render = []
        for item, base in task:
            summary = None
            if item.facts and item.source is not None and item.built is not None:
                key = _page_key(item, base, item.source, item.built, context)
                summary = _unchanged(item, key, context)
            if summary is None:
                render.append((item, base))
            else:  # its manifest entry as it was (asdict of thousands of summaries cost 0.3 s)
                kept.summaries.append(summary)
                kept.manifest[str(item.po)] = context.previous[str(item.po)]
        if render:
            pending.append(render)
    return pending


def _findings_text(findings: Sequence[Finding]) -> str:
    """The findings as the page shows them, in their order (the page lists them in it),
    as plain tuples: a dataclass's repr costs several times more, and a run with machine
    drafts has tens of thousands of findings."""
    return repr([(f.path, f.line, f.msgctxt, f.msgid, f.check, str(f.severity), f.message, f.msgstr, f.fuzzy,
                  f.msgstr_line) for f in findings])


def _unchanged(item: CatalogInput, key: str, context: _Context) -> Summary | None:
    """The overview line of the page the site wrote last time, when its key is ``key``
    and the page is still there."""
    entry = context.previous.get(str(item.po))
    if entry is None or entry.get("key") != key or not os.path.isfile(os.path.join(context.out_dir,
                                                                                   str(entry.get("file", "")))):
        return None
    try:
        return Summary(**entry["summary"])
    except (KeyError, TypeError):
        return None


def _write_release(task: list[tuple[CatalogInput, str]], context: _Context) -> _Batch:
    """The pages of one release's catalogs whose inputs changed, staged."""
    if context.findings_for is not None:
        found = context.findings_for([str(item.po) for item, _base in task])
        task = [(replace(item, findings=tuple(found.get(str(item.po), ()))), base) for item, base in task]
    memo = Memo()
    batch = _Batch([], {}, [])
    staged = Staged()
    try:
        for item, base in task:
            located: Located | None = None
            source: Path | None
            built: Path | None
            if item.source is not None and (item.built is not None or item.out_dir is None):
                source, built = item.source, item.built
            else:
                located = locate(item)
                source, built = located.source, located.built
            key = _page_key(item, base, source, built, context)
            summary = _unchanged(item, key, context)
            if summary is None:
                summary = _render(item, base, context, memo, located, staged)
            batch.summaries.append(summary)
            batch.manifest[str(item.po)] = {"key": key, "file": summary.file, "summary": asdict(summary)}
    except BaseException:
        staged.discard()
        raise
    batch.staged = staged.pairs
    return batch


def _render(item: CatalogInput, base: str, context: _Context, memo: Memo, located: Located | None,
            staged: Staged) -> Summary:
    page = read_page(item, context.glossary, "", memo, located)
    page.file = f"{base}.{page.locale.tag}.html"
    entries = entries_html(page.rows, page.locale.tag, page.po)
    # a release page does not show the run's time: it would change every page on every run
    html = _environment().get_template("release.html").render(page=page, entries=entries, **_common(""))
    staged.stage(context.out_dir / page.file, html)
    return page.summary()


_SHARED: list[_Context] = []


def _forked(tasks: list[list[tuple[CatalogInput, str]]], context: _Context, workers: int,
            staged: Staged) -> list[_Batch]:
    """The releases written by forked processes that inherit ``context`` (the glossary is
    not pickled); their staged pages are added to ``staged``. A typed error in a worker
    comes back as its class and fields and is raised here, as it would have been
    in-process."""
    import multiprocessing as mp

    _SHARED[:] = [context]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            outcomes = pool.map(_worker, tasks, chunksize=max(1, len(tasks) // (workers * 4)))
    finally:
        _SHARED.clear()
    results: list[_Batch] = []
    for outcome in outcomes:
        if isinstance(outcome, _Batch):
            staged.extend(outcome.staged)
            results.append(outcome)
    for outcome in outcomes:
        if isinstance(outcome, tuple) and len(outcome) == 5:
            cls, message, path, line, hint = outcome
            raise cls(message, path=path, line=line, hint=hint)
    return results


def _worker(task: list[tuple[CatalogInput, str]]) -> Any:
    try:
        return _write_release(task, _SHARED[0])
    except L10nError as exc:
        return (type(exc), exc.message, exc.path, exc.line, exc.hint)
