"""Building HTML: translated inline content goes back into the source's elements.

Only the regions (see ``l10n.read.html``) that have a translation are replaced, keeping
the whitespace around them. The output keeps the source's shape: a fragment stays a
fragment (no ``<html>``/``<body>`` wrappers are added), a DOCTYPE or XML declaration is
copied from the source when it had one and never invented, and ``.xhtml`` is written
as XML (self-closing empty elements).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from .errors import InputError
from .locales import LocaleId
from .read import HARD_BREAK, Document
from .read import html as html_reader
from .segment import SegmentedBlock, segment_block

# the prolog of a source: XML declaration, comments, DOCTYPE (each optional)
PROLOG_RE = re.compile(
    r"\A\ufeff?\s*(?P<xml><\?xml\b[^>]*\?>)?(?:\s*<!--.*?-->)*\s*(?P<doctype><!DOCTYPE\b[^>]*>)?",
    re.IGNORECASE | re.DOTALL,
)
HTML_TAG_RE = re.compile(r"<html[\s>/]", re.IGNORECASE)
RAW_TEXT_TAGS = ("script", "style")  # kept byte for byte when writing XHTML
RAW_MARK = "\ue0f0{}\ue0f1"  # private-use characters: never in a real document


def build_html(doc: Document, render_block: Callable[[SegmentedBlock], str | None], locale: LocaleId) -> str:
    """Re-parse the source, put each translated region's content back, set ``lang``."""
    tree = html_reader.parse_tree(doc.source, path=doc.path)
    for region in html_reader.regions_of(tree):
        new = render_block(segment_block(region.block, doc.format))
        if new is not None:
            try:
                replace_region(region, new.replace(HARD_BREAK, "<br>"))
            except ValueError:  # lxml refuses control characters an XML/HTML tree cannot hold
                raise InputError("a translation of this block holds a control character HTML cannot hold",
                                 path=doc.path, line=region.block.line,
                                 hint="remove it from the PO entry; `l10n check` shows it as \\x07") from None
    root = tree.getroot()
    if root.tag == "html":
        root.set("lang", locale.tag)
        if root.get("xml:lang") is not None:
            root.set("xml:lang", locale.tag)
    return serialise(tree, doc.source, xhtml=html_reader.is_xhtml(doc.path))


def replace_region(region: html_reader.Region, new_html: str) -> None:
    """Replace the region's inline content with ``new_html``, keeping outer whitespace."""
    start, end = region.start_text, region.end_text
    lead = start[: len(start) - len(start.lstrip())]
    trail = end[len(end.rstrip()):]
    frag = lxml_html.fragment_fromstring(new_html, create_parent="div")
    el = region.element
    for item in region.items:
        el.remove(item)  # the item's tail goes with it
    text = lead + (frag.text or "")
    new_children = list(frag)
    if new_children:
        new_children[-1].tail = (new_children[-1].tail or "") + trail
    else:
        text += trail
    if region.after is None:
        el.text = text
        pos = 0
    else:
        region.after.tail = text
        pos = el.index(region.after) + 1
    for offset, child in enumerate(new_children):
        el.insert(pos + offset, child)


def serialise(tree: etree._ElementTree, source: str, *, xhtml: bool) -> str:
    """The tree as text, in the source's shape (document or fragment, prolog)."""
    method = "xml" if xhtml else "html"
    raw: list[str] = []
    if xhtml:  # the HTML parser kept script/style text raw: write it back as it was
        for el in tree.getroot().iter(*RAW_TEXT_TAGS):
            if el.text:
                raw.append(el.text)
                el.text = RAW_MARK.format(len(raw) - 1)
    root = tree.getroot()
    if HTML_TAG_RE.search(source) is None:  # a fragment: the parser added the wrappers
        parts = [_inner(part, method) for part in root if isinstance(part.tag, str)]
        content = "".join(parts).strip("\n")
    else:
        content = _serial(root, method)
    body = _document(tree, source, method, content)
    for idx, text in enumerate(raw):
        body = body.replace(RAW_MARK.format(idx), text)
    if source.endswith("\n") and not body.endswith("\n"):
        body += "\n"
    return body


def _document(tree: etree._ElementTree, source: str, method: str, content: str) -> str:
    """The content with what surrounds the root element: declaration, DOCTYPE, comments."""
    root = tree.getroot()
    prolog = PROLOG_RE.match(source)
    head: list[str] = []
    if prolog and prolog.group("xml"):
        head.append(prolog.group("xml"))
    if prolog and prolog.group("doctype"):
        head.append(prolog.group("doctype"))
    for node in reversed(list(root.itersiblings(preceding=True))):
        if _is_xml_declaration(node):
            continue
        head.append(_serial(node, method))
    tail = [_serial(node, method) for node in root.itersiblings()]
    return "\n".join([*head, content, *tail])


def _is_xml_declaration(node: etree._Element) -> bool:
    """libxml2's HTML parser turns ``<?xml ...?>`` into a comment or a PI."""
    text = (node.text or "") if node.tag is etree.Comment else ""
    if node.tag is etree.ProcessingInstruction:
        text = "?" + (node.target or "")
    return text.startswith("?xml")


def _serial(node: etree._Element, method: str) -> str:
    return etree.tostring(node, method=method, encoding="unicode", with_tail=False)


def _inner(el: etree._Element, method: str) -> str:
    """An element's content without its own tags."""
    text = html.escape(el.text or "", quote=False)
    return text + "".join(etree.tostring(c, method=method, encoding="unicode") for c in el)
