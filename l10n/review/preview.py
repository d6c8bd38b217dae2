"""The built preview: the English release and the built Chinese one as readers see them.

HTML documents are shown as they will be published, each in a sandboxed ``iframe``
(``srcdoc``; no script runs) carrying a Content-Security-Policy that blocks every fetch,
so a page that links a web font or an image stays offline. Markdown is rendered by
cmark-gfm, the reference CommonMark implementation in C (CommonMark and tables, as the
Markdown reader parses it; raw HTML left out, unsafe link targets emptied); plain text as
it is. markdown-it-py, the Markdown reader, rendered the same previews ten times slower
(0.28 s against 0.03 s for the 600 documents of bench/bench_review.py), a quarter of the
site's time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm  # type: ignore[import-untyped]
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


#: CommonMark with GFM tables only (no autolinks or strikethrough: the Markdown reader
#: has neither), UTF-8 checked; without CMARK_OPT_UNSAFE raw HTML is left out.
_CMARK_OPTIONS = cmarkgfm.cmark.Options.CMARK_OPT_VALIDATE_UTF8
_HEADING_TAG_RE = re.compile(r"<(/?)h([1-6])>")


def render_markdown(text: str) -> Markup:
    """The document's HTML, its headings moved down below the page's own (its ``#`` is
    an ``h3`` under "Built preview"), so the page keeps one outline. cmark writes heading
    tags without attributes and escapes every ``<`` of the text, so the only ``<hN>`` in
    its output are its own headings."""
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=_CMARK_OPTIONS, extensions=["table"])
    return Markup(_HEADING_TAG_RE.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + HEADING_SHIFT)}>", html))
