"""HTML reader on lxml: text of block elements, inline tags kept as placeholders.

``<script>``, ``<style>``, ``<pre>``, comments and anything under ``translate="no"``
are not extracted. The parser runs with network access and entity resolution off.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..inline import InlineBuilder
from ..model import BlockKind, Markup
from . import HARD_BREAK, Block

BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "td", "th",
    "caption", "figcaption", "title", "div", "section", "article", "header", "footer",
    "aside", "main", "nav", "address", "summary", "legend", "label", "button", "option",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "form", "fieldset",
    "details", "body", "html", "head",
})
SKIP_TAGS = frozenset({"script", "style", "pre", "noscript", "template", "svg", "math",
                       "iframe", "object", "textarea", "select"})
VERBATIM_INLINE = frozenset({"code", "kbd", "samp", "var", "img", "input", "wbr", "object"})
KIND_BY_TAG: dict[str, BlockKind] = {
    **{f"h{i}": BlockKind.HEADING for i in range(1, 7)},
    "li": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE, "td": BlockKind.TABLE_CELL, "th": BlockKind.TABLE_CELL,
    "title": BlockKind.TITLE,
}
# libxml2 error domains/types we treat as broken markup (unknown HTML5 tags are fine)
IGNORED_ERRORS = ("invalid", "Tag ", "htmlParseEntityRef", "DOCTYPE")
FATAL_MARKERS = ("Unexpected end tag", "Opening and ending tag mismatch", "Couldn't find end",
                 "StartTag: invalid element name", "Premature end", "EndTag: '</' not found")


def make_parser() -> etree.HTMLParser:
    return etree.HTMLParser(encoding="utf-8", remove_comments=False, no_network=True,
                            remove_pis=False, recover=True)


def parse_tree(text: str, *, path: str) -> etree._ElementTree:
    """Parse HTML; markup libxml2 has to repair is rejected with file and line."""
    parser = make_parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"cannot parse HTML: {exc.msg}", path=path, line=exc.lineno) from None
    for err in parser.error_log:
        if any(marker in err.message for marker in FATAL_MARKERS):
            raise InputError(f"broken HTML: {err.message.strip()}", path=path, line=err.line,
                             hint="fix the markup; nothing was written")
    if root is None:
        raise InputError("empty HTML document", path=path)
    return root.getroottree()


def _start_tag(el: etree._Element) -> tuple[str, str]:
    shell = copy.copy(el)
    for child in list(shell):
        shell.remove(child)
    shell.text = None
    shell.tail = None
    serial = lxml_html.tostring(shell, encoding="unicode")
    close = f"</{el.tag}>"
    if serial.endswith(close):
        return serial[: -len(close)], close
    return serial, close


def _verbatim(el: etree._Element) -> str:
    tail = el.tail
    el.tail = None
    try:
        return lxml_html.tostring(el, encoding="unicode")
    finally:
        el.tail = tail


def _is_skipped(el: etree._Element) -> bool:
    return not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.get("translate") == "no"


def _has_block_descendant(el: etree._Element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def inline_content(el: etree._Element) -> tuple[str, dict[int, Markup]]:
    b = InlineBuilder()

    def walk(node: etree._Element) -> None:
        if node.text:
            b.text(node.text)
        for child in node:
            if not isinstance(child.tag, str):  # comment or processing instruction
                b.void(_verbatim(child), note="comment")
            elif child.tag == "br":
                b.text(HARD_BREAK)
            elif child.tag in VERBATIM_INLINE or _is_skipped(child):
                b.void(_verbatim(child), note=f"<{child.tag}>")
            else:
                opening, closing = _start_tag(child)
                b.open(opening, note=child.get("href", ""))
                walk(child)
                b.close(closing)
            if child.tail:
                b.text(child.tail)

    walk(el)
    text, markup = b.finish()
    return " ".join(text.replace("\n", "\x00").split()).replace("\x00", "\n") if text else text, markup


def _normalise_space(text: str) -> str:
    parts = [" ".join(p.split()) for p in text.split(HARD_BREAK)]
    return HARD_BREAK.join(parts)


def parse(text: str, *, path: str) -> list[Block]:
    tree = parse_tree(text, path=path)
    return blocks_of(tree)


def blocks_of(tree: etree._ElementTree) -> list[Block]:
    blocks: list[Block] = []

    def visit(el: etree._Element) -> None:
        if _is_skipped(el):
            return
        if el.tag in BLOCK_TAGS and not _has_block_descendant(el):
            flat, markup = inline_content(el)
            flat = _normalise_space(flat.replace("\n", HARD_BREAK))
            if flat.strip():
                kind = KIND_BY_TAG.get(el.tag, BlockKind.PARAGRAPH)
                line = el.sourceline or 1
                blocks.append(Block(kind, flat, tuple(markup.values()), line, line,
                                    anchor=tree.getpath(el), hard_break="<br>",
                                    level=int(el.tag[1]) if kind is BlockKind.HEADING else 0))
            return
        for child in el:
            if isinstance(child.tag, str):
                visit(child)

    visit(tree.getroot())
    return blocks
