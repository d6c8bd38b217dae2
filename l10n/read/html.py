"""HTML reader on lxml: text of block elements, inline tags kept as placeholders.

A *region* is one stretch of inline content: the whole content of a block element with
no block descendants, or, inside an element that has block children, one *run* (the
element's text or a block child's tail, plus the inline children that follow, up to the
next block child). Each region with text becomes one Block. Whitespace in text nodes is
plain space; only ``<br>`` is a hard break.

``<script>``, ``<style>``, ``<pre>``, comments and anything under ``translate="no"``
are not extracted. The parser runs with network access and entity resolution off.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..inline import InlineBuilder, strip_tags
from ..model import BlockKind, Markup
from . import HARD_BREAK, Block

BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "td", "th",
    "caption", "figcaption", "title", "div", "section", "article", "header", "footer",
    "aside", "main", "nav", "address", "summary", "legend", "label", "button", "option",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "form", "fieldset",
    "details", "body", "html", "head",
})
# not extracted, but they end a run of inline content like a block does
OPAQUE_BLOCK_TAGS = frozenset({"pre", "hr", "noscript", "template", "textarea", "select"})
SKIP_TAGS = frozenset({"script", "style", "pre", "noscript", "template", "svg", "math",
                       "iframe", "object", "textarea", "select"})
VERBATIM_INLINE = frozenset({"code", "kbd", "samp", "var", "img", "input", "wbr", "object"})
KIND_BY_TAG: dict[str, BlockKind] = {
    **{f"h{i}": BlockKind.HEADING for i in range(1, 7)},
    "li": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE, "td": BlockKind.TABLE_CELL, "th": BlockKind.TABLE_CELL,
    "title": BlockKind.TITLE,
}
RUN_MARK = "#run"  # anchor of a run: element path + RUN_MARK + run index
XHTML_SUFFIXES = frozenset({".xhtml", ".xht"})
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; no-break space is text
# libxml2 error domains/types we treat as broken markup (unknown HTML5 tags are fine)
IGNORED_ERRORS = ("invalid", "Tag ", "htmlParseEntityRef", "DOCTYPE")
FATAL_MARKERS = ("Unexpected end tag", "Opening and ending tag mismatch", "Couldn't find end",
                 "StartTag: invalid element name", "Premature end", "EndTag: '</' not found")


@dataclass(frozen=True, eq=False)
class Region:
    """Where a Block's content lives in the parsed tree.

    The content is the text after ``after`` (its tail; ``element.text`` when ``after`` is
    None) followed by ``items``, the inline children up to the next block child.
    """

    block: Block
    element: etree._Element
    after: etree._Element | None
    items: tuple[etree._Element, ...]

    @property
    def start_text(self) -> str:
        return (self.element.text if self.after is None else self.after.tail) or ""

    @property
    def end_text(self) -> str:
        return (self.items[-1].tail or "") if self.items else self.start_text


def is_xhtml(path: str) -> bool:
    return Path(path).suffix.lower() in XHTML_SUFFIXES


ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
#: What can hide ``<!ENTITY`` as ordinary text: a comment, or an element whose content is
#: code or raw text. A DOCTYPE is looked at as a whole (its internal subset).
_ENTITY_SCAN = re.compile(
    r"(?P<comment><!--)|(?P<doctype><!DOCTYPE\b)|(?P<entity><!ENTITY)"
    r"|<(?P<raw>pre|code|kbd|samp|script|style|textarea|xmp)(?=[\s/>])",
    re.IGNORECASE)
_COMMENT_END = re.compile(r"-->")
_DOCTYPE_HEAD = re.compile(r"<!DOCTYPE\b[^\[>]*", re.IGNORECASE)
_SUBSET_END = re.compile(r"\]\s*>")
#: libxml2 stops building the tree when it meets these (depth over 255, a text node
#: over 10 MB): what follows is silently dropped, so the document is refused instead.
RESOURCE_LIMIT = "ERR_RESOURCE_LIMIT"
LIMIT_HINTS: dict[str, str] = {
    "depth": "the markup nests more than 255 elements deep; flatten it",
    "buffer": "one run of text or markup is larger than 10 MB; split it",
}


def make_parser() -> etree.HTMLParser:
    return etree.HTMLParser(encoding="utf-8", remove_comments=False, no_network=True,
                            remove_pis=False, recover=True)


def _closing(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.IGNORECASE)


def find_entity_declaration(text: str) -> int | None:
    """Offset of an ``<!ENTITY`` declaration that markup would read as one, or None.

    ``<!ENTITY`` written as text about DTDs (in a comment, ``<pre>``, ``<code>``) is
    not a declaration; one in a DOCTYPE's internal subset, or loose in the markup, is.
    One left-to-right pass: every search starts where the previous one ended, and an
    unclosed comment or element ends the scan, so the cost is linear in the text.
    """
    pos = 0
    while True:
        m = _ENTITY_SCAN.search(text, pos)
        if m is None:
            return None
        if m.lastgroup == "entity":
            return m.start()
        if m.lastgroup == "doctype":
            head = _DOCTYPE_HEAD.match(text, m.start())
            end = head.end() if head else m.end()
            if text.startswith("[", end):
                close = _SUBSET_END.search(text, end)
                stop = close.end() if close else len(text)
                inner = ENTITY_DECLARATION.search(text, end, stop)
                if inner is not None:
                    return inner.start()
                pos = stop
            else:
                pos = end
            continue
        closer = _COMMENT_END if m.lastgroup == "comment" else _closing(m.group("raw"))
        close = closer.search(text, m.end())
        if close is None:
            return None
        pos = close.end()


def _limit_hint(message: str) -> str:
    return LIMIT_HINTS["depth"] if "depth" in message.lower() else LIMIT_HINTS["buffer"]


def _check_errors(parser: etree.HTMLParser, path: str) -> None:
    """Refuse markup libxml2 had to repair, or stopped reading (a resource limit)."""
    for err in parser.error_log:
        message = err.message.strip()
        if err.type_name == RESOURCE_LIMIT or err.level_name == "FATAL":
            raise InputError(f"HTML beyond the parser's limits, content would be lost: {message}",
                             path=path, line=err.line, hint=_limit_hint(message))
        if any(marker in message for marker in FATAL_MARKERS):
            raise InputError(f"broken HTML: {message}", path=path, line=err.line,
                             hint="fix the markup; nothing was written")


def parse_tree(text: str, *, path: str) -> etree._ElementTree:
    """Parse HTML; markup libxml2 has to repair, or cannot read whole, is rejected with
    file and line.

    Entity declarations (billion laughs, external entities) have no place in a press
    release: they are refused before parsing, so nothing is expanded or fetched.
    """
    hostile = find_entity_declaration(text)
    if hostile is not None:
        raise InputError("entity declarations are not allowed (possible entity expansion or external entity)",
                         path=path, line=text.count("\n", 0, hostile) + 1,
                         hint="remove the <!ENTITY ...> declarations from the DOCTYPE")
    parser = make_parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"cannot parse HTML: {exc.msg}", path=path, line=exc.lineno) from None
    _check_errors(parser, path)
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
    """The element as source markup, without its tail. (Never by setting the tail aside
    and back: lxml refuses to set text holding a control character such as U+0001.)"""
    return lxml_html.tostring(el, encoding="unicode", with_tail=False)


def _is_skipped(el: etree._Element) -> bool:
    return not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.get("translate") == "no"


def _is_blockish(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag in OPAQUE_BLOCK_TAGS)


def _has_block_descendant(el: etree._Element) -> bool:
    return any(_is_blockish(d) for d in el.iterdescendants())


def _is_structural(el: etree._Element) -> bool:
    """A child that ends a run of inline content: a block, or an element holding one."""
    return _is_blockish(el) or (isinstance(el.tag, str) and _has_block_descendant(el))


def _flatten(text: str | None, items: list[etree._Element]) -> tuple[str, dict[int, Markup]]:
    """Tagged text of a stretch of inline content; source whitespace becomes spaces."""
    b = InlineBuilder()

    def add_text(value: str | None) -> None:
        if value:
            b.text(HTML_SPACE.sub(" ", value))

    def walk(lead: str | None, children: list[etree._Element]) -> None:
        add_text(lead)
        for child in children:
            if not isinstance(child.tag, str):  # comment or processing instruction
                b.void(_verbatim(child), note="comment")
            elif child.tag == "br":
                b.text(HARD_BREAK)
            elif child.tag in VERBATIM_INLINE or _is_skipped(child):
                b.void(_verbatim(child), note=f"<{child.tag}>")
            else:
                opening, closing = _start_tag(child)
                b.open(opening, note=child.get("href", ""))
                walk(child.text, list(child))
                b.close(closing)
            add_text(child.tail)

    walk(text, items)
    flat, markup = b.finish()
    return _normalise_space(flat), markup


def inline_content(el: etree._Element) -> tuple[str, dict[int, Markup]]:
    return _flatten(el.text, list(el))


def _normalise_space(text: str) -> str:
    return HARD_BREAK.join(HTML_SPACE.sub(" ", p).strip() for p in text.split(HARD_BREAK))


def _end_line(el: etree._Element) -> int:
    """The line on which the element's content ends (its end tag's line, near enough)."""
    descendants = list(el.iterdescendants())
    last = descendants[-1] if descendants else el
    line = (last.sourceline or el.sourceline or 1) + (last.text or "").count("\n")
    node = last
    while node is not el and node is not None:
        line += (node.tail or "").count("\n")
        node = node.getparent()
    return line


def _start_line(region_start: int, text: str, items: tuple[etree._Element, ...]) -> int:
    """The line of a run's first non-blank content."""
    if text.strip():
        return region_start + text[: len(text) - len(text.lstrip())].count("\n")
    for item in items:
        if item.sourceline:
            return item.sourceline
    return region_start


def parse(text: str, *, path: str) -> list[Block]:
    tree = parse_tree(text, path=path)
    return blocks_of(tree)


def blocks_of(tree: etree._ElementTree) -> list[Block]:
    return [r.block for r in regions_of(tree)]


def _odd_name(el: etree._Element) -> bool:
    """A prefixed or namespaced name, which getpath writes its own way: left to it."""
    return ":" in el.tag or "{" in el.tag


class ElementPaths:
    """``tree.getpath(el)`` for elements, each parent's children counted once.

    lxml's getpath counts an element's same-named siblings on every call, so a page of
    20,000 paragraphs cost 20,000² steps; here a parent's children are numbered the
    first time one of them is asked for, and paths are built from the parent's.
    """

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.paths: dict[etree._Element, str] = {}

    def _number_children(self, parent: etree._Element, prefix: str) -> None:
        elements = [c for c in parent if isinstance(c.tag, str) and not _odd_name(c)]
        total: dict[str, int] = {}
        for child in elements:
            total[child.tag] = total.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in elements:
            seen[child.tag] = seen.get(child.tag, 0) + 1
            index = f"[{seen[child.tag]}]" if total[child.tag] > 1 else ""
            self.paths[child] = f"{prefix}/{child.tag}{index}"

    def __call__(self, el: etree._Element) -> str:
        path = self.paths.get(el)
        if path is None:
            parent = el.getparent()
            if parent is None or not isinstance(el.tag, str) or _odd_name(el):
                path = self.tree.getpath(el)
            else:
                self._number_children(parent, self(parent))
                path = self.paths[el]
            self.paths[el] = path
        return path


def regions_of(tree: etree._ElementTree) -> list[Region]:
    """Every region with text, in document order."""
    regions: list[Region] = []
    getpath = ElementPaths(tree)

    def add(el: etree._Element, after: etree._Element | None,
            items: list[etree._Element], run: int | None) -> None:
        lead = el.text if after is None else after.tail
        flat, markup = _flatten(lead, items)
        if not strip_tags(flat).strip():
            return
        kind = KIND_BY_TAG.get(el.tag, BlockKind.PARAGRAPH)
        if run is None:
            line = el.sourceline or 1
            anchor = getpath(el)
        else:
            start = (el.sourceline or 1) if after is None else _end_line(after)
            line = _start_line(start, lead or "", tuple(items))
            anchor = f"{getpath(el)}{RUN_MARK}{run}"
        block = Block(kind, flat, tuple(markup.values()), line, line, anchor=anchor,
                      hard_break="<br>",
                      level=int(el.tag[1]) if kind is BlockKind.HEADING else 0)
        regions.append(Region(block, el, after, tuple(items)))

    def visit(el: etree._Element) -> None:
        if _is_skipped(el):
            return
        children = list(el)
        if not any(_is_structural(c) for c in children):
            if _is_blockish(el):
                add(el, None, children, None)
            return
        run = 0
        after: etree._Element | None = None
        items: list[etree._Element] = []
        for child in children:
            if _is_structural(child):
                add(el, after, items, run)
                visit(child)
                run, after, items = run + 1, child, []
            else:
                items.append(child)
        add(el, after, items, run)

    visit(tree.getroot())
    return regions
