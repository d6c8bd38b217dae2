"""Writing the review site: ``index.html`` and one page per release and locale.

The pages are rendered with Jinja2 from the package's templates; the stylesheet and the
small script are inlined into every page, so the site opens from ``file://`` with no
server, no build step and no network. Each page carries a Content-Security-Policy that
allows its own script (by hash) and inline styles and forbids every fetch. Pages are
written atomically and only when their bytes change.

A big site is written by forked processes, one release (all its locales) per task, so
what the pages of a release share (the English source's quantities, glossary hits and
preview) is computed once.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..errors import L10nError
from ..fsio import NEW_FILE_MODE, TEMP_PREFIX, TEMP_SUFFIX, ensure_dir, output_error
from .collect import CatalogInput, Summary, read_page
from .marks import Memo
from .rows import entries_html
from .status import STATUSES

INDEX = "index.html"
_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")
#: Releases below which the site is written in this process: forking costs more.
PARALLEL_MIN_RELEASES = 16


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
    """What every page of one build needs; forked workers inherit it."""

    out_dir: Path
    glossary: object | None
    last_run: str


@functools.cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("l10n.review", "templates"),
                       autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


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


def build_site(items: Sequence[CatalogInput], out_dir: Path, *, glossary: object | None = None,
               last_run: str = "", workers: int = 0) -> SiteResult:
    """Write a page per catalog and the index. The catalogs must be readable (the callers
    have read or checked them); a catalog changed meanwhile raises its one-line error."""
    ensure_dir(out_dir)
    groups: dict[str, list[tuple[CatalogInput, str]]] = {}
    for item, base in zip(items, page_bases(items), strict=True):
        groups.setdefault(base, []).append((item, base))
    tasks = list(groups.values())
    context = _Context(out_dir, glossary, last_run)
    count = workers or (os.cpu_count() or 1)
    if count > 1 and hasattr(os, "fork") and len(tasks) >= PARALLEL_MIN_RELEASES:
        # the first release here: what every page loads on first use (the templates, the
        # number readers, the converters) is then loaded once and shared by the workers
        results = [_write_release(tasks[0], context), *_forked(tasks[1:], context, count)]
    else:
        results = [_write_release(task, context) for task in tasks]
    summaries = sorted((s for batch in results for s in batch[0]), key=lambda s: (s.release, s.locale))
    written = sum(batch[1] for batch in results)
    index = _environment().get_template("index.html").render(pages=summaries, **_common(last_run))
    written += write_page(out_dir / INDEX, index)
    return SiteResult(out_dir / INDEX, len(summaries), written, sum(s.errors for s in summaries),
                      sum(s.warnings for s in summaries))


def _write_release(task: list[tuple[CatalogInput, str]], context: _Context) -> tuple[list[Summary], int]:
    """The pages of one release's catalogs: (their summaries, how many files changed)."""
    template = _environment().get_template("release.html")
    common = _common(context.last_run)
    memo = Memo()
    summaries: list[Summary] = []
    written = 0
    for item, base in task:
        page = read_page(item, context.glossary, "", memo)
        page.file = f"{base}.{page.locale.tag}.html"
        entries = entries_html(page.rows, page.locale.tag, page.po)
        written += write_page(context.out_dir / page.file, template.render(page=page, entries=entries, **common))
        summaries.append(page.summary())
    return summaries, written


def write_page(path: Path, text: str) -> bool:
    """Write one page when its bytes change: atomically (a temporary file renamed over it,
    named as l10n.fsio names its own, so the batch removes one a crash left behind) but
    without fsync. The site is derived output that every run rewrites: a crash leaves the
    old page or the new one, never half of one, and syncing each of 400 pages to disk
    doubled the time of a site for 200 releases."""
    payload = text.encode("utf-8")
    with contextlib.suppress(OSError):
        if path.read_bytes() == payload:
            return False
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name[:40]}.", suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, NEW_FILE_MODE)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise output_error(exc, path) from None
    return True


_SHARED: list[_Context] = []


def _forked(tasks: list[list[tuple[CatalogInput, str]]], context: _Context,
            workers: int) -> list[tuple[list[Summary], int]]:
    """The releases written by forked processes that inherit ``context`` (the glossary is
    not pickled). A typed error in a worker comes back as its class and fields and is
    raised here, as it would have been in-process."""
    import multiprocessing as mp

    _SHARED[:] = [context]
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            outcomes = pool.map(_worker, tasks, chunksize=max(1, len(tasks) // (workers * 4)))
    finally:
        _SHARED.clear()
    results: list[tuple[list[Summary], int]] = []
    for outcome in outcomes:
        if isinstance(outcome, tuple) and len(outcome) == 5:
            cls, message, path, line, hint = outcome
            raise cls(message, path=path, line=line, hint=hint)
        results.append(outcome)
    return results


def _worker(task: list[tuple[CatalogInput, str]]) -> Any:
    try:
        return _write_release(task, _SHARED[0])
    except L10nError as exc:
        return (type(exc), exc.message, exc.path, exc.line, exc.hint)
