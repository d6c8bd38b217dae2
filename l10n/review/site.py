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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..errors import L10nError
from ..fsio import ensure_dir
from .collect import CatalogInput, Located, Summary, locate, modified, read_page
from .marks import Memo
from .rows import entries_html, overview_row
from .status import STATUSES
from .store import Manifest, Staged, remove_stale

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


class FactsRow(NamedTuple):
    """One catalog as a run's state describes it, as plain strings (a run of 2,000
    releases gives 4,000: ``Path`` objects and a ``CatalogInput`` for each cost a
    one-change run more than rendering its two pages). Only the catalogs whose pages are
    rendered become a ``CatalogInput``. ``facts`` "": the state has none; rendered."""

    po: str
    source: str
    built: str
    facts: str


#: A site's task: the catalogs of one release, each with its page's file name stem.
_Task = list[tuple["CatalogInput | FactsRow", str]]


@dataclass(frozen=True)
class _Context:
    """What every page of one build needs; forked workers inherit it. ``previous`` is the
    manifest of the site's last build (see l10n.review.store); ``files`` the regular files
    in the site's folder when the build began (one listing instead of a test per page)."""

    out_dir: Path
    glossary: object | None
    last_run: str
    previous: dict[str, dict[str, Any]]
    inputs: str
    #: Gives the findings of the pages a release renders, when the items do not carry them.
    findings_for: FindingsFor | None = None
    files: frozenset[str] = frozenset()
    #: The overview row of each page in the index the site wrote last time, by catalog.
    rows: Mapping[str, str] = field(default_factory=dict)


class _Line(NamedTuple):
    """One overview row and what the index's order and totals need of it."""

    release: str
    locale: str
    po: str
    errors: int
    warnings: int
    html: str


@dataclass
class _Batch:
    """What writing some releases gave: their overview rows, their manifest entries, and
    the pages staged (written to temporary files, not yet renamed)."""

    lines: list[_Line]
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
    return _bases((str(item.po.parents[2] if len(item.po.parents) > 2 else item.po.parent), item.po.stem)
                  for item in items)


def fact_bases(rows: Sequence[FactsRow]) -> list[str]:
    """``page_bases`` of catalogs named by strings (``str`` of a ``Path``, as a run's
    report holds them), found with string operations where that gives the same folder
    and stem as ``Path`` would, and by ``Path`` otherwise."""
    return _bases(_folder_and_stem(row.po) for row in rows)


def _folder_and_stem(po: str) -> tuple[str, str]:
    """``str(parents[2] or parent)`` and ``stem`` of ``Path(po)``; by ``Path`` itself for
    a path it would normalise (or a short one), where string operations could differ."""
    head, _sep, name = po.rpartition("/")
    folder = head.rsplit("/", 2)[0] if head.count("/") >= 2 else ""
    if os.sep != "/" or not folder or name in ("", ".") or "//" in po or "/./" in po or po.startswith("./"):
        path = Path(po)
        return str(path.parents[2] if len(path.parents) > 2 else path.parent), path.stem
    dot = name.rfind(".")
    return folder, name[:dot] if 0 < dot < len(name) - 1 else name


def _bases(places: Iterable[tuple[str, str]]) -> list[str]:
    owners: dict[str, str] = {}
    bases: list[str] = []
    for folder, stem in places:
        base = _UNSAFE_NAME_RE.sub("-", stem).strip("-.") or "release"
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
    return _build(list(zip(items, page_bases(items), strict=True)), out_dir, glossary, last_run, workers,
                  findings_for)


def build_from_facts(rows: Sequence[FactsRow], out_dir: Path, findings_for: FindingsFor, *,
                     glossary: object | None = None, last_run: str = "", workers: int = 0) -> SiteResult:
    """``build_site`` for a run whose state holds each catalog's facts: the same site,
    byte for byte, but a catalog whose page is kept costs a stat of the catalog, a hash of
    its key and a look-up in the old manifest (its overview row and manifest line are
    copied as they are); only the pages to render are read, with their findings."""
    return _build(list(zip(rows, fact_bases(rows), strict=True)), out_dir, glossary, last_run, workers,
                  findings_for)


def _build(pairs: list[tuple[CatalogInput | FactsRow, str]], out_dir: Path, glossary: object | None,
           last_run: str, workers: int, findings_for: FindingsFor | None) -> SiteResult:
    ensure_dir(out_dir)
    groups: dict[str, _Task] = {}
    for item, base in pairs:
        groups.setdefault(base, []).append((item, base))
    tasks = list(groups.values())
    manifest = Manifest.load(out_dir)
    files = _regular_files(out_dir)
    context = _Context(out_dir, glossary, last_run, manifest.pages, _inputs_key(glossary), findings_for, files,
                       _old_rows(out_dir, manifest) if INDEX in files else {})
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
        lines = sorted((line for batch in results for line in batch.lines), key=_overview_order)
        totals = {"catalogs": len(lines), "releases": len({s.release for s in lines}),
                  "errors": sum(s.errors for s in lines), "warnings": sum(s.warnings for s in lines)}
        rows = "".join(s.html for s in lines)
        index = _environment().get_template("index.html").render(totals=totals, rows=Markup(rows),
                                                                 **_common(last_run))
        staged.stage(out_dir / INDEX, index)
        written = staged.commit()
    finally:
        staged.discard()
    pages = {po: entry for batch in results for po, entry in batch.manifest.items()}
    manifest.save(pages, _sha256(rows))
    remove_stale(out_dir, (e.get("file", "") for e in context.previous.values()), (e["file"] for e in pages.values()))
    return SiteResult(out_dir / INDEX, totals["catalogs"], written, totals["errors"], totals["warnings"])


def _overview_order(line: _Line) -> tuple[str, str, str]:
    """The overview's order: by release, then locale (the catalog's path decides between
    two pages of one release and locale, so the order never depends on the build's)."""
    return line.release, line.locale, line.po


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _old_rows(out_dir: Path, manifest: Manifest) -> dict[str, str]:
    """The overview row of each page in the index on disk, by catalog, when that index is
    the one the manifest was saved with (its rows' digest is the manifest's): a page kept
    as it is has its row copied from there instead of formatted again. {} otherwise."""
    if not manifest.rows or not manifest.pages:
        return {}
    try:
        text = (out_dir / INDEX).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return {}
    start, end = text.find(_ROWS_START), text.rfind(_ROWS_END)
    if start < 0 or end < start:
        return {}
    body = text[start + len(_ROWS_START):end]
    if _sha256(body) != manifest.rows:
        return {}
    rows = body.split(_ROW_END)
    if rows.pop() != "" or len(rows) != len(manifest.pages):
        return {}
    try:
        order = sorted(manifest.pages, key=lambda po: (manifest.pages[po]["summary"]["release"],
                                                       manifest.pages[po]["summary"]["locale"], po))
    except (KeyError, TypeError):
        return {}
    return {po: row + _ROW_END for po, row in zip(order, rows, strict=True)}


#: What stands before and after the overview's rows in ``index.html``, and ends each row.
_ROWS_START = "<tbody>\n"
_ROWS_END = "</tbody>"
_ROW_END = "</tr>\n"


def _regular_files(folder: Path) -> frozenset[str]:
    """The names of the regular files (or links to one) in ``folder``: what ``isfile``
    would say of each, from one listing."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(e.name for e in entries if e.is_file())
    except OSError:
        return frozenset()


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
        return _facts_key(str(item.po), base, item.facts, str(source), str(built), context)
    parts = [context.inputs, base, _digest(item.po), modified(item.po), _digest(source), _digest(built),
             _findings_text(item.findings)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _facts_key(po: str, base: str, facts: str, source: str, built: str, context: _Context) -> str:
    """The key of a page whose inputs the run's state describes (``facts``)."""
    parts = [context.inputs, base, "facts", facts, _mtime_ns(po), source, built]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _mtime_ns(path: str | Path) -> str:
    try:
        return str(os.stat(path).st_mtime_ns)
    except OSError:
        return ""


def _known_key(item: CatalogInput | FactsRow, base: str, context: _Context) -> str:
    """The page's key when the item says what its page is made of (its facts) without a
    file being read; "" when only reading the catalog tells."""
    if isinstance(item, FactsRow):
        return _facts_key(item.po, base, item.facts, item.source, item.built, context) if item.facts else ""
    if item.facts and item.source is not None and item.built is not None:
        return _page_key(item, base, item.source, item.built, context)
    return ""


def _to_render(tasks: list[_Task], context: _Context, kept: _Batch) -> list[_Task]:
    """The releases with a page to render (their findings are read when each release is
    rendered, so a first build never holds every finding); the overview rows and
    manifest entries of the pages kept as they are go to ``kept``."""
    pending: list[_Task] = []
    previous = context.previous
    for task in tasks:
        render: _Task = []
        for item, base in task:
            po = item.po if isinstance(item, FactsRow) else str(item.po)
            entry = previous.get(po)
            key = _known_key(item, base, context) if entry is not None else ""
            line = _kept(po, entry, key, context) if entry is not None and key else None
            if entry is None or line is None:
                render.append((item, base))
            else:  # its manifest entry as it was, the very object (its line is copied)
                kept.lines.append(line)
                kept.manifest[po] = entry
        if render:
            pending.append(render)
    return pending


def _findings_text(findings: Sequence[Finding]) -> str:
    """The findings as the page shows them, in their order (the page lists them in it),
    as plain tuples: a dataclass's repr costs several times more, and a run with machine
    drafts has tens of thousands of findings."""
    return repr([(f.path, f.line, f.msgctxt, f.msgid, f.check, str(f.severity), f.message, f.msgstr, f.fuzzy,
                  f.msgstr_line) for f in findings])


def _kept(po: str, entry: dict[str, Any], key: str, context: _Context) -> _Line | None:
    """The overview row of the page the site wrote last time, when its key is ``key`` and
    the page is still there: copied from the old index when it is the manifest's
    (``context.rows``), else formatted from the manifest's summary."""
    if entry.get("key") != key or entry.get("file") not in context.files:
        return None
    summary: Any = entry.get("summary")
    try:
        release, locale, errors, warnings = (summary["release"], summary["locale"], summary["errors"],
                                             summary["warnings"])
        html = context.rows.get(po)
        if html is None:
            html = overview_row(Summary(**summary))
    except (KeyError, TypeError):
        return None
    if not (isinstance(release, str) and isinstance(locale, str) and type(errors) is int and type(warnings) is int):
        return None
    return _Line(release, locale, po, errors, warnings, html)


def _write_release(task: _Task, context: _Context) -> _Batch:
    """The pages of one release's catalogs whose inputs changed, staged."""
    items = [(_as_input(item), base) for item, base in task]
    if context.findings_for is not None:
        found = context.findings_for([str(item.po) for item, _base in items])
        items = [(replace(item, findings=tuple(found.get(str(item.po), ()))), base) for item, base in items]
    memo = Memo()
    batch = _Batch([], {}, [])
    staged = Staged()
    try:
        for item, base in items:
            located: Located | None = None
            source: Path | None
            built: Path | None
            if item.source is not None and (item.built is not None or item.out_dir is None):
                source, built = item.source, item.built
            else:
                located = locate(item)
                source, built = located.source, located.built
            key = _page_key(item, base, source, built, context)
            entry = context.previous.get(str(item.po))
            line = _kept(str(item.po), entry, key, context) if entry is not None else None
            if entry is None or line is None:
                summary = _render(item, base, context, memo, located, staged)
                line = _Line(summary.release, summary.locale, summary.po, summary.errors, summary.warnings,
                             overview_row(summary))
                entry = {"key": key, "file": summary.file, "summary": asdict(summary)}
            batch.lines.append(line)
            batch.manifest[str(item.po)] = entry
    except BaseException:
        staged.discard()
        raise
    batch.staged = staged.pairs
    return batch


def _as_input(item: CatalogInput | FactsRow) -> CatalogInput:
    if isinstance(item, FactsRow):
        return CatalogInput(Path(item.po), source=Path(item.source), built=Path(item.built), facts=item.facts)
    return item


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


def _forked(tasks: list[_Task], context: _Context, workers: int,
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


def _worker(task: _Task) -> Any:
    try:
        return _write_release(task, _SHARED[0])
    except L10nError as exc:
        return (type(exc), exc.message, exc.path, exc.line, exc.hint)
