"""Building HTML: translated inline content goes back into the source's elements."""

from __future__ import annotations

from collections.abc import Callable

from lxml import html as lxml_html

from .locales import LocaleId
from .read import HARD_BREAK, Document
from .read import html as html_reader
from .segment import SegmentedBlock, segment_block


def build_html(doc: Document, render_block: Callable[[SegmentedBlock], str | None], locale: LocaleId) -> str:
    """Re-parse the source, put each translated block's content back, set ``lang``."""
    tree = html_reader.parse_tree(doc.source, path=doc.path)
    for block in html_reader.blocks_of(tree):
        seg = segment_block(block, doc.format)
        new = render_block(seg)
        if new is None:
            continue
        found = tree.xpath(block.anchor)
        if not found:
            continue
        el = found[0]
        frag = lxml_html.fragment_fromstring(new.replace(HARD_BREAK, "<br>"), create_parent="div")
        for child in list(el):
            el.remove(child)
        el.text = frag.text
        for child in list(frag):
            el.append(child)
    root = tree.getroot()
    if root.tag == "html":
        root.set("lang", locale.tag)
    doctype = tree.docinfo.doctype
    body = lxml_html.tostring(tree, encoding="unicode", doctype=doctype or None)
    return body if body.endswith("\n") else body + "\n"
