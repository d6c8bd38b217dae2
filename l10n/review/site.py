"""Writing the review site: ``index.html`` and one page per release and locale.

The pages are rendered with Jinja2 from the package's templates; the stylesheet and the
small script are inlined into every page, so the site opens from ``file://`` with no
server, no build step and no network. Each page carries a Content-Security-Policy that
allows its own script (by hash) and inline styles and forbids every fetch. Pages are
written atomically and only when their bytes change.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..fsio import write_if_changed
from .collect import CatalogInput, Page, read_page
from .status import STATUSES

INDEX = "index.html"
_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class SiteResult:
    """What was written: the index, the pages, and the totals the command prints."""

    index: Path
    pages: int
    written: int
    errors: int
    warnings: int


@functools.cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("l10n.review", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env


@functools.cache
def _static(name: str) -> str:
    return (resources.files("l10n.review") / "static" / name).read_text(encoding="utf-8")


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
            "img-src data:; frame-src 'self'")


def page_names(items: Sequence[CatalogInput], locales: Sequence[str]) -> list[str]:
    """A file name per catalog, ``<domain>.<locale>.html``, made unique and safe."""
    names: list[str] = []
    for item, tag in zip(items, locales, strict=True):
        base = _UNSAFE_NAME_RE.sub("-", item.po.stem).strip("-.") or "release"
        name = f"{base}.{tag}.html"
        n = 2
        while name in names or name == INDEX:
            name = f"{base}-{n}.{tag}.html"
            n += 1
        names.append(name)
    return names


def build_site(items: Sequence[CatalogInput], out_dir: Path, *, glossary: object | None = None,
               last_run: str = "") -> SiteResult:
    """Read every catalog, then write the site (nothing is written when one is unreadable)."""
    pages = [read_page(item, glossary, "") for item in items]
    for page, name in zip(pages, page_names(items, [p.locale.tag for p in pages]), strict=True):
        page.file = name
    pages.sort(key=lambda p: (p.release, p.locale.tag))
    return write_site(pages, out_dir, last_run=last_run)


def write_site(pages: Sequence[Page], out_dir: Path, *, last_run: str = "") -> SiteResult:
    env = _environment()
    script = _static("review.js")
    common = {"css": Markup(_static("review.css")), "js": Markup(script), "policy": _policy(script),
              "version": __version__, "statuses": STATUSES, "last_run": last_run}
    written = 0
    index_html = env.get_template("index.html").render(pages=pages, **common)
    written += write_if_changed(out_dir / INDEX, index_html, make_parents=True)
    template = env.get_template("release.html")
    for page in pages:
        written += write_if_changed(out_dir / page.file, template.render(page=page, **common), make_parents=True)
    return SiteResult(out_dir / INDEX, len(pages), written, sum(p.errors for p in pages),
                      sum(p.warnings for p in pages))
