"""The built preview: the English release and the built Chinese one as readers see them.

HTML documents are shown as they will be published, each in a sandboxed ``iframe``
(``srcdoc``; no script runs) carrying a Content-Security-Policy that blocks every fetch,
so a page that links a web font or an image stays offline. Markdown is rendered with
markdown-it-py (CommonMark and tables, raw HTML shown as text); plain text as it is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

#: What a previewed document may load: its own inline styles and data: images, nothing else.
FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{FRAME_POLICY}">'
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_HTML_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
#: Levels a previewed document's headings move down (its h1 under the page's h2).
HEADING_SHIFT = 2


@dataclass(frozen=True)
class Document:
    """One side of the preview: ``frame`` (srcdoc text) for HTML, ``html`` otherwise;
    ``note`` when the file could not be shown (not built yet)."""

    path: str
    frame: str = ""
    html: Markup = Markup("")
    note: str = ""


def preview(path: Path | None, what: str) -> Document:
    """The preview of one file; a missing file is a note saying how to make it."""
    if path is None:
        return Document("", note=f"the {what} is not known (no #: reference in the catalog)")
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return Document(str(path), note=f"{path}: not found; run `l10n build` or `l10n run` to write it")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return Document(str(path), frame=offline_html(text))
    if suffix in MARKDOWN_SUFFIXES:
        return Document(str(path), html=render_markdown(text))
    return Document(str(path), html=Markup("<pre>") + escape(text) + Markup("</pre>"))


def offline_html(text: str) -> str:
    """The document with a policy that forbids every fetch, placed where a browser obeys it
    (inside ``<head>``, or right after ``<html>``, so a doctype keeps its place)."""
    for pattern in (_HEAD_RE, _HTML_RE):
        found = pattern.search(text)
        if found:
            return text[:found.end()] + _POLICY_META + text[found.end():]
    return _POLICY_META + text


@functools.cache
def _markdown() -> MarkdownIt:
    """One parser for every preview (building one costs more than rendering a release)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str) -> Markup:
    """The document's HTML, its headings moved down below the page's own (its ``#`` is
    an ``h3`` under "Built preview"), so the page keeps one outline."""
    md = _markdown()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1:]) + HEADING_SHIFT)}"
    return Markup(md.renderer.render(tokens, md.options, {}))
