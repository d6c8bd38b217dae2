"""HTML reader on lxml: text of block elements, inline tags kept as placeholders.

A *region* is one stretch of inline content: the whole content of a block element with
no block descendants, or, inside an element that has block children, one *run* (the
element's text or a block child's tail, plus the inline children that follow, up to the
next block child). Each region with text becomes one Block. Whitespace in text nodes is
plain space; only ``<br>`` is a hard break.

``<script>``, ``<style>``, ``<pre>``, comments and anything under ``translate="no"``
are not extracted. The parser runs with network access and entity resolution off.

Writing re-parses the source and replaces only the regions that have a translation,
keeping the whitespace around them. The output keeps the source's shape: a fragment stays
a fragment (no ``<html>``/``<body>`` wrappers are added), a DOCTYPE or XML declaration is
copied from the source when it had one and never invented, and ``.xhtml`` is written as
XML (self-closing empty elements). The Markdown format uses ``blocks`` and ``rebuild``
for raw HTML blocks.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html import escape as escape_html
from pathlib import Path, PurePath

from lxml import etree
from lxml import html as lxml_html

from .. import defaults
from ..errors import InputError
from ..inline import InlineBuilder, strip_tags
from ..model import HARD_BREAK, Block, BlockKind, Document, Location, Markup
from ..segment import segment_block
from .base import Lookup, TextFormat, fill_block
from .html_lang import (
    KEPT_MARK,
    LANG_ATTRIBUTES,
    Kept,
    RecordingLookup,
    Written,
    fix_languages,
    is_foreign_element,
    mark_fallbacks,
)
from .language import add_text_keeping_cjk, foreign_note, is_foreign_tag, protects_cjk

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
RUN_MARK = "#run"  # an ElementPath of a run, written out: element path + RUN_MARK + run index
XHTML_SUFFIXES = frozenset({".xhtml", ".xht"})
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; no-break space is text
HTML_BREAK = "<br>"
# the prolog of a source: XML declaration, comments, DOCTYPE (each optional)
PROLOG_RE = re.compile(
    r"\A\ufeff?\s*(?P<xml><\?xml\b[^>]*\?>)?(?:\s*<!--.*?-->)*\s*(?P<doctype><!DOCTYPE\b[^>]*>)?",
    re.IGNORECASE | re.DOTALL,
)
HTML_TAG_RE = re.compile(r"<html[\s>/]", re.IGNORECASE)
RAW_TEXT_TAGS = ("script", "style")  # kept byte for byte when writing XHTML
RAW_MARK = "\ue0f0{}\ue0f1"  # private-use characters: never in a real document
FATAL_MARKERS = ("Unexpected end tag", "Opening and ending tag mismatch", "Couldn't find end",
                 "StartTag: invalid element name", "Premature end", "EndTag: '</' not found")

#: The content root a whole page is read from when none is configured: the first of these
#: present (the release, not the site around it).
AUTO_ROOT = defaults.AUTO_CONTENT_ROOT
DEFAULT_ROOTS = ("//main", "//article", "//*[@role='main']")
#: Site chrome: skipped outside the content root (kept inside it: an article's own header).
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
#: Attributes whose text is read as one unit each, on any kept element.
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
#: ``<meta>`` whose ``content`` is page text: (attribute naming it, its value).
TEXT_METAS = (("name", "description"), ("property", "og:title"), ("property", "og:description"))
_CSS_SIMPLE = re.compile(
    r"\A(?P<tag>[a-zA-Z][\w-]*|\*)?(?:#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)"
    r"|\[(?P<attr>[\w-]+)(?:=(?P<q>[\"']?)(?P<value>[^\"'\]]*)(?P=q))?\])?\Z")


@dataclass(frozen=True)
class ElementPath(Location):
    """An HTML block's place: the element's path (as lxml's ``getpath`` writes it) and, for
    a run of inline content inside an element that has block children, the run's index."""

    path: str
    run: int | None = None

    def escape(self, text: str) -> str:
        return escape_html(text, quote=False)

    def __str__(self) -> str:
        return self.path if self.run is None else f"{self.path}{RUN_MARK}{self.run}"


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


@dataclass(frozen=True)
class AttributePath(ElementPath):
    """A translatable attribute's place: its element's path and the attribute's name.
    The text is set on the element as a value, which the serialiser escapes: no escaping here."""

    attribute: str = ""
    tag: str = ""

    def escape(self, text: str) -> str:
        return text

    @property
    def note(self) -> str | None:
        return f"attribute {self.attribute} of <{self.tag}>"

    def __str__(self) -> str:
        return f"{self.path}@{self.attribute}"


@dataclass(frozen=True, eq=False)
class AttributeRegion:
    """A Block read from one attribute of one element."""

    block: Block
    element: etree._Element
    attribute: str


def css_to_xpath(selector: str) -> str:
    """XPath of a content root given as XPath (starting with ``/`` or ``(``) or as one simple
    CSS form: ``tag``, ``#id``, ``.class``, ``[attr]``, ``[attr=value]``, each optionally
    after a tag (``div#content``). Anything else is an InputError: better refused than
    matched wrongly, which would drop the release silently."""
    selector = selector.strip()
    if selector.startswith(("/", "(")):
        return selector
    m = _CSS_SIMPLE.match(selector)
    if m is None or not selector:
        raise InputError(f"content root {selector!r} is neither XPath nor a simple CSS selector",
                         hint="use tag, #id, .class, [attr=value] (optionally after a tag) "
                              "or an XPath such as //div[@id='content']")
    return f"//{m.group('tag') or '*'}{_css_condition(m, selector)}"


def _css_condition(m: re.Match[str], selector: str) -> str:
    """The XPath predicate of a simple CSS selector's id, class or attribute part."""
    if m.group("id"):
        cond = f"[@id='{m.group('id')}']"
    elif m.group("cls"):
        cond = f"[contains(concat(' ', normalize-space(@class), ' '), ' {m.group('cls')} ')]"
    elif m.group("attr") and m.group("value") is not None and "=" in selector:
        cond = f"[@{m.group('attr')}='{m.group('value')}']"
    elif m.group("attr"):
        cond = f"[@{m.group('attr')}]"
    else:
        cond = ""
    return cond


@dataclass(frozen=True, eq=False)
class Scope:
    """What of a page is read. ``root`` is the content root (None: the whole page); its
    ancestors are passed through (their own text is the site's); ``chrome`` says whether
    navigation, headers, footers, forms and hidden elements outside the root are skipped."""

    root: etree._Element | None = None
    ancestors: frozenset[etree._Element] = frozenset()
    chrome: bool = False


WHOLE = Scope()


def _first_match(tree: etree._ElementTree, xpath: str, path: str) -> etree._Element | None:
    try:
        found = tree.xpath(xpath)
    except etree.XPathError as exc:
        raise InputError(f"content root {xpath!r} is not a valid XPath: {exc}", path=path) from None
    for item in found if isinstance(found, list) else []:
        if isinstance(item, etree._Element) and isinstance(item.tag, str):
            return item
    return None


def find_scope(tree: etree._ElementTree, content_root: str | None, *, path: str = "") -> Scope:
    """The part of the page to read: ``None`` reads everything (a fragment in Markdown),
    ``AUTO_ROOT`` the first of ``main``/``article``/``[role=main]`` (the whole body, chrome
    skipped, when none is there), anything else that selector (a page without a match is
    read as with ``AUTO_ROOT``)."""
    if content_root is None:
        return WHOLE
    candidates = DEFAULT_ROOTS if content_root == AUTO_ROOT else (css_to_xpath(content_root),)
    root = None
    for xpath in candidates:
        root = _first_match(tree, xpath, path)
        if root is not None:
            break
    if root is None and content_root != AUTO_ROOT:
        return find_scope(tree, AUTO_ROOT, path=path)
    ancestors = frozenset(root.iterancestors()) if root is not None else frozenset()
    return Scope(root, ancestors, chrome=True)


def _is_hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true"


def _enters(el: etree._Element, scope: Scope) -> bool:
    """Whether ``el`` starts the part of the page read whole (the root, or the head)."""
    return el is scope.root or el.tag == "head"


def _placement(el: etree._Element, scope: Scope, inside: bool) -> str:
    """How the walk treats ``el``: "keep" (read it), "pass" (read only its block children:
    an ancestor of the root) or "skip". Inside the root or the page's head everything
    not otherwise skipped is kept."""
    if _is_skipped(el):
        return "skip"
    if inside or _enters(el, scope):
        return "keep"
    if scope.chrome and (el.tag in CHROME_TAGS or _is_hidden(el)):
        return "skip"
    if scope.root is None:
        return "keep"
    return "pass" if el in scope.ancestors else "skip"


def _attribute_texts(el: etree._Element) -> list[str]:
    """The names of ``el``'s attributes that hold page text."""
    names = [a for a in TEXT_ATTRIBUTES if (el.get(a) or "").strip()]
    if el.tag == "meta" and (el.get("content") or "").strip() and _meta_tag(el) != "meta":
        names.append("content")
    return names


def _meta_tag(el: etree._Element) -> str:
    for key, value in TEXT_METAS:
        if (el.get(key) or "").strip().lower() == value:
            return f'meta {key}="{value}"'
    return str(el.tag)


def _attribute_text(value: str) -> tuple[str, dict[int, Markup]]:
    """Tagged text of an attribute value: its CJK stretches protected as in element text,
    written back unescaped (the value is set on the element, which the serialiser escapes)."""
    b = InlineBuilder()
    add_text_keeping_cjk(b, value, protects_cjk(value), lambda text: text)
    return b.finish()


def attribute_regions(tree: etree._ElementTree, scope: Scope) -> list[AttributeRegion]:
    """Every translatable attribute of the elements the scope keeps, in document order."""
    found: list[AttributeRegion] = []
    getpath = ElementPaths(tree)

    def visit(el: etree._Element, inside: bool) -> None:
        place = _placement(el, scope, inside)
        if place == "skip":
            return
        inside = inside or _enters(el, scope)
        if place == "keep":
            for name in _attribute_texts(el):
                flat, markup = _attribute_text(HTML_SPACE.sub(" ", el.get(name) or "").strip())
                line = el.sourceline or 1
                tag = _meta_tag(el) if el.tag == "meta" else str(el.tag)
                block = Block(BlockKind.ATTRIBUTE, flat, tuple(markup.values()), line, line,
                              location=AttributePath(getpath(el), None, name, tag))
                found.append(AttributeRegion(block, el, name))
        for child in el:
            if isinstance(child.tag, str):
                visit(child, inside)

    visit(tree.getroot(), False)
    return found


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
    markup: str = lxml_html.tostring(el, encoding="unicode", with_tail=False)
    return markup


def _is_skipped(el: etree._Element) -> bool:
    return (not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.get("translate") == "no"
            or is_foreign_element(el))


def _is_blockish(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and (el.tag in BLOCK_TAGS or el.tag in OPAQUE_BLOCK_TAGS)


def _has_block_descendant(el: etree._Element) -> bool:
    return any(_is_blockish(d) for d in el.iterdescendants())


def _is_structural(el: etree._Element) -> bool:
    """A child that ends a run of inline content: a block, or an element holding one."""
    return _is_blockish(el) or (isinstance(el.tag, str) and _has_block_descendant(el))


def _flatten(text: str | None, items: list[etree._Element], *,
             protect_cjk: bool = False) -> tuple[str, dict[int, Markup]]:
    """Tagged text of a stretch of inline content; source whitespace becomes spaces.
    With ``protect_cjk`` each stretch of CJK text becomes a placeholder of its own."""
    b = InlineBuilder()

    def add_text(value: str | None) -> None:
        if value:
            add_text_keeping_cjk(b, HTML_SPACE.sub(" ", value), protect_cjk, escape_html)

    def walk(lead: str | None, children: list[etree._Element]) -> None:
        add_text(lead)
        for child in children:
            if not isinstance(child.tag, str):  # comment or processing instruction
                b.void(_verbatim(child), note="comment")
            elif child.tag == "br":
                b.text(HARD_BREAK)
            elif child.tag in VERBATIM_INLINE or _is_skipped(child):
                b.void(_verbatim(child), note=_void_note(child))
            else:
                opening, closing = _start_tag(child)
                b.open(opening, note=child.get("href", ""))
                walk(child.text, list(child))
                b.close(closing)
            add_text(child.tail)

    walk(text, items)
    flat, markup = b.finish()
    return _normalise_space(flat), markup


def _void_note(el: etree._Element) -> str:
    """What a translator is told of an item kept as is: its tag, and for an element in
    another language that language and its text (a Chinese name quoted in English)."""
    lang = next((el.get(a) for a in LANG_ATTRIBUTES if is_foreign_tag(el.get(a))), None)
    if lang is None:
        return f"<{el.tag}>"
    content = HTML_SPACE.sub(" ", el.text_content() if isinstance(el, lxml_html.HtmlElement)
                             else "".join(el.itertext())).strip()
    return foreign_note(lang, content) if content else f'<{el.tag} lang="{lang}">'


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
            return int(item.sourceline)
    return region_start


def read_blocks(text: str, *, path: str, content_root: str | None = None) -> list[Block]:
    """The blocks of an HTML document or fragment (an InputError when it is broken).

    ``content_root`` None reads everything and no attribute (a raw HTML block in
    Markdown); otherwise the scope ``find_scope`` gives, translatable attributes included,
    ordered by line (stable: an element's text before its attributes' on the same line).
    """
    tree = parse_tree(text, path=path)
    if content_root is None:
        return [r.block for r in regions_of(tree)]
    scope = find_scope(tree, content_root, path=path)
    blocks = [r.block for r in regions_of(tree, scope)] + [a.block for a in attribute_regions(tree, scope)]
    return sorted(blocks, key=lambda b: b.line)


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


def regions_of(tree: etree._ElementTree, scope: Scope = WHOLE) -> list[Region]:
    """Every region with text the scope keeps, in document order."""
    regions: list[Region] = []
    getpath = ElementPaths(tree)

    def add(el: etree._Element, after: etree._Element | None,
            items: list[etree._Element], run: int | None) -> None:
        lead = el.text if after is None else after.tail
        flat, markup = _flatten(lead, items)
        if not strip_tags(flat).strip():
            return
        if protects_cjk(flat):
            flat, markup = _flatten(lead, items, protect_cjk=True)
        kind = KIND_BY_TAG.get(el.tag, BlockKind.PARAGRAPH)
        if run is None:
            line = el.sourceline or 1
        else:
            start = (el.sourceline or 1) if after is None else _end_line(after)
            line = _start_line(start, lead or "", tuple(items))
        block = Block(kind, flat, tuple(markup.values()), line, line, location=ElementPath(getpath(el), run),
                      hard_break=HTML_BREAK,
                      level=int(el.tag[1]) if kind is BlockKind.HEADING else 0)
        regions.append(Region(block, el, after, tuple(items)))

    def visit(el: etree._Element, inside: bool) -> None:
        place = _placement(el, scope, inside)
        if place == "skip":
            return
        inside = inside or _enters(el, scope)
        children = list(el)
        if place == "pass":  # an ancestor of the root: its own text is the site's
            for child in children:
                if _is_structural(child):
                    visit(child, inside)
            return
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
                visit(child, inside)
                run, after, items = run + 1, child, []
            else:
                items.append(child)
        add(el, after, items, run)

    visit(tree.getroot(), False)
    return regions


# --- writing --------------------------------------------------------------------------


def is_document(source: str) -> bool:
    """A whole document (it has ``<html>``), not a fragment the parser wrapped."""
    return HTML_TAG_RE.search(source) is not None


def rebuild(source: str, *, path: str, lookup: Lookup, xhtml: bool = False, first_line: int = 1,
            content_root: str | None = None) -> tuple[str, bool]:
    """Re-parse the source and put each translated region's content back; mark the
    ``<html>`` element with the target language when the lookup names one.

    ``first_line`` is the line of ``path`` the source starts on (a raw HTML block inside a
    Markdown file), so warnings and errors name the file's own lines.
    Returns the text and whether any region was translated.
    """
    tree = parse_tree(source, path=path)
    written = Written()
    page = is_document(source)
    scope = WHOLE if content_root is None else find_scope(tree, content_root, path=path)
    for region in regions_of(tree, scope):
        block = region.block
        if first_line != 1:
            block = replace(block, line=block.line + first_line - 1, end_line=block.end_line + first_line - 1)
        recorder = RecordingLookup(lookup)
        pieces = fill_block(segment_block(block), recorder)
        if pieces is None:
            written.kept.append(_kept(region))
            continue
        written.translated.append(region.element)
        new = block.hard_break.join(pieces)
        if page and lookup.language:  # English sentences beside translated ones say so
            new = mark_fallbacks(new, recorder.missing, block.location.escape)
        try:
            written.inserted.extend(replace_region(region, new.replace(HARD_BREAK, HTML_BREAK)))
        except ValueError:  # lxml refuses control characters an XML/HTML tree cannot hold
            raise InputError("a translation of this block holds a control character HTML cannot hold",
                             path=path, line=block.line,
                             hint="remove it from the PO entry; `l10n check` shows it as \\x07") from None
    if content_root is not None:  # after the text: a translated block re-inserts its source markup
        scope = find_scope(tree, content_root, path=path)
        _translate_attributes(tree, scope, lookup, path, written)
        written.chrome.extend(chrome_elements(tree, scope))
    if lookup.language:
        fix_languages(tree, written, lookup.language, page=page, as_is=_as_is)
    return serialise(tree, source, xhtml=xhtml), bool(written.translated)


def _kept(region: Region | AttributeRegion) -> Kept:
    """A region left untranslated, as ``fix_languages`` declares it English."""
    el = region.element
    if isinstance(region, AttributeRegion):
        return Kept(el, region.block.text, attribute=True)
    alone = region.after is None and not any(_is_structural(c) for c in el)
    return Kept(el, region.block.text, region.after, region.items, alone=alone)


def _as_is(el: etree._Element) -> bool:
    """An element written back as it was (code, ``translate="no"``, another language...)."""
    return el.tag in VERBATIM_INLINE or _is_skipped(el) or el.get(KEPT_MARK) is not None


def chrome_elements(tree: etree._ElementTree, scope: Scope) -> list[etree._Element]:
    """The outermost elements of a page its scope leaves out as the site's (navigation,
    header, footer, anything beside the content root): never translated, so still in the
    source language after the build."""
    found: list[etree._Element] = []
    if scope.root is None and not scope.chrome:
        return found

    def visit(el: etree._Element, inside: bool) -> None:
        place = _placement(el, scope, inside)
        if place == "skip":
            if not _is_skipped(el):
                found.append(el)
            return
        if inside or _enters(el, scope):
            return
        for child in el:
            if isinstance(child.tag, str):
                visit(child, False)

    visit(tree.getroot(), False)
    return found


def _translate_attributes(tree: etree._ElementTree, scope: Scope, lookup: Lookup, path: str,
                          written: Written) -> None:
    """Set each translated attribute (the serialiser escapes it), noting it in ``written``."""
    for region in attribute_regions(tree, scope):
        pieces = fill_block(segment_block(region.block), lookup)
        if pieces is None:
            written.kept.append(_kept(region))
            continue
        try:
            region.element.set(region.attribute, "".join(pieces))
        except ValueError:  # lxml refuses control characters an XML/HTML tree cannot hold
            raise InputError("a translation of this attribute holds a control character HTML cannot hold",
                             path=path, line=region.block.line, hint="remove it from the PO entry") from None
        written.translated.append(region.element)


def replace_region(region: Region, new_html: str) -> list[etree._Element]:
    """Replace the region's inline content with ``new_html``, keeping outer whitespace;
    the inline elements put in."""
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
    return new_children


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
    if not is_document(source):  # a fragment: the parser added the wrappers
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
    markup: str = etree.tostring(node, method=method, encoding="unicode", with_tail=False)
    return markup


def _inner(el: etree._Element, method: str) -> str:
    """An element's content without its own tags."""
    text = escape_html(el.text or "", quote=False)
    return text + "".join(etree.tostring(c, method=method, encoding="unicode") for c in el)


class HtmlFormat(TextFormat):
    """HTML and XHTML: block elements' text in, translated inline content back in place."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    #: The content root pages are read from (see ``find_scope``), by source folder ("" for
    #: every page); ``content_roots`` sets it from ``[sources] content_root`` for a run, so
    #: extract and build read the same units.
    roots: tuple[tuple[str, str], ...] = (("", AUTO_ROOT),)

    def root_for(self, path: str) -> str:
        """The selector of the deepest configured folder holding ``path``."""
        parents = {str(p) for p in PurePath(path).parents}
        found = [(len(folder), sel) for folder, sel in self.roots if not folder or folder in parents]
        return max(found)[1] if found else AUTO_ROOT

    def blocks(self, text: str, path: str) -> list[Block]:
        return read_blocks(text, path=path, content_root=self.root_for(path))

    def render(self, doc: Document, lookup: Lookup) -> str | None:
        """Always the re-serialised tree: even untranslated, the page gets its ``lang``."""
        text, _changed = rebuild(doc.source, path=doc.path, lookup=lookup, xhtml=is_xhtml(doc.path),
                                 content_root=self.root_for(doc.path))
        return text


HTML = HtmlFormat()


@contextmanager
def content_roots(roots: tuple[tuple[str, str], ...]) -> Iterator[None]:
    """Read and write pages with these content roots (``Settings.content_roots``) meanwhile."""
    saved = HTML.roots
    HTML.roots = roots
    try:
        yield
    finally:
        HTML.roots = saved
