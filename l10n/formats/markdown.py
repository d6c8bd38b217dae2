"""Markdown on markdown-it-py (CommonMark plus tables): read into blocks, written back line by line.

Reading keeps each block's container prefix (``## ``, ``- ``, ``> ``) and table cell; the
writer replaces only the lines of blocks that have a translation, so everything else is
the source byte for byte. Raw HTML blocks are read and rebuilt by the HTML format.

Text in another language inside an English block is not sent to translation, as in HTML
(the rules are ``formats.language``'s): inline HTML declared in another language
(``<span lang="zh-Hant">創科辦</span>``) becomes one placeholder holding its source, and
so does each stretch of CJK text in a block that is not mostly CJK. A block mostly in
CJK is left whole (extraction drops it, and a Chinese file is skipped as a whole).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from ..errors import InputError
from ..inline import InlineBuilder
from ..model import HARD_BREAK, Block, BlockKind, Document, Location, Markup
from ..segment import segment_block
from ..spans import TAG_RE
from . import html
from .base import NO_TRANSLATION, Lookup, TextFormat, fill_block, replace_lines
from .language import (
    END_TAG,
    START_TAG,
    add_text_keeping_cjk,
    foreign_note,
    is_foreign_tag,
    protects_cjk,
    start_tag_language,
)

CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:(?:>[ \t]?)|(?:[-*+][ \t]+)|(?:\d{1,9}[.)][ \t]+))*(?:#{1,6}[ \t]+)?")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# characters that would start markup if a rebuilt Markdown line contained them as text
MARKDOWN_SPECIAL = "\\`*_[]<"
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
SOFT_HARD_BREAK, BACKSLASH_HARD_BREAK = "  \n", "\\\n"
EMPHASIS_AS_HTML = {"**": ("<strong>", "</strong>"), "__": ("<strong>", "</strong>"),
                    "*": ("<em>", "</em>"), "_": ("<em>", "</em>"), "~~": ("<del>", "</del>")}

log = logging.getLogger(__name__)
_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")

MARKDOWN_IT_NEWLINE = re.compile(r"\r\n?")  # what markdown-it reads as a line end besides \n
#: A bracketed label in a block's source: the label of a reference link (``[text][label]``,
#: ``[label][]`` or ``[label]``) is one of them.
BRACKETED = re.compile(r"\[([^\[\]\n]+)\]")
#: The reference definitions of a document (markdown-it's ``env["references"]``):
#: normalised label -> {"href": ..., "title": ...}.
References = Mapping[str, Mapping[str, object]]
#: HTML elements without an end tag: a start tag of one holds no text of its own.
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "source", "track", "wbr"})
#: A line end in a stretch of block source and the container prefix of the next line
#: (quote markers, indentation), which markdown-it takes away before it reads inline text.
CONTINUATION = re.compile(r"\n[ \t>]*")
#: How many spans in another language of one block may fail to be found in its source
#: before the rest are not looked for (each costs a parse of the span).
SPAN_MISSES = 8


@dataclass(frozen=True)
class MarkdownText(Location):
    """Markdown text: ``escapes`` are the characters the source backslash-escaped in the
    block, escaped again (with the always-special ones) when a translation is written."""

    escapes: str = ""

    def escape(self, text: str) -> str:
        chars = _special(self.escapes)
        out = "".join("\\" + c if c in chars else c for c in text)
        return ENTITY_LIKE.sub(r"\\&", out)


@functools.lru_cache(maxsize=256)
def _special(escapes: str) -> frozenset[str]:
    """The characters to backslash-escape in a block that escaped ``escapes``."""
    return frozenset(MARKDOWN_SPECIAL + escapes)


@dataclass(frozen=True)
class LinePrefix(MarkdownText):
    """A block written on its own lines after its container prefix (``## ``, ``> - ``)."""

    prefix: str = ""

    @property
    def continuation(self) -> str:
        """What starts a continuation line after a hard break: the quote markers, or
        spaces as wide as the prefix."""
        if not self.prefix.strip():
            return ""
        return self.prefix if ">" in self.prefix else " " * len(self.prefix)


@dataclass(frozen=True)
class TableCell(MarkdownText):
    """A cell of a table row; the row is the block's line."""

    index: int = 0


@dataclass(frozen=True)
class HtmlBlockSpan(Location):
    """A block inside a raw HTML block: the block's lines ``[start, end)`` (0-based), rebuilt
    as a whole by the HTML format, and the block's place inside that HTML."""

    start: int
    end: int
    inner: Location

    def escape(self, text: str) -> str:
        return self.inner.escape(text)


def _kind(stack: Sequence[str]) -> BlockKind:
    for opener in reversed(stack):
        if opener in ("th_open", "td_open"):
            return BlockKind.TABLE_CELL
        if opener == "heading_open":
            return BlockKind.HEADING
        if opener == "list_item_open":
            return BlockKind.LIST_ITEM
        if opener == "blockquote_open":
            return BlockKind.QUOTE
    return BlockKind.PARAGRAPH


def reference_label(href: str, raw: str, refs: References) -> str | None:
    """The label a link to ``href`` was written with in ``raw`` (the block's source) when it
    is a reference link, else None (an inline link). The label is written back as a full
    reference (``[译文][label]``), since the translated text is no longer a label itself:
    a translated paragraph keeps its reference links and the definitions stay as they are."""
    if not refs or f"]({href}" in raw or f"](<{href}>" in raw:
        return None
    for match in BRACKETED.finditer(raw):
        ref = refs.get(normalizeReference(match.group(1)))
        if ref is not None and ref.get("href") == href:
            return match.group(1)
    return None


def _link_closing(tok: Token, raw: str, refs: References) -> str:
    """How a link ends in the rebuilt text: ``][label]`` for a reference link, else ``](dest)``."""
    href = str(tok.attrs.get("href", ""))
    label = reference_label(href, raw, refs)
    if label is not None:
        return f"][{label}]"
    return f"]({_destination(href, tok.attrs.get('title'))})"


@dataclass(frozen=True)
class ForeignSpan:
    """Inline HTML in another language (``<span lang="zh-Hant">創科辦</span>``): tokens
    ``start`` to ``end`` (its start and end tag), written back as ``source``, its text as the
    block's source spells it; ``breaks`` are the line breaks inside it."""

    start: int
    end: int
    source: str
    note: str
    breaks: int


def _as_written(text: str) -> str:
    """A CJK stretch as Markdown source: it holds only CJK letters and marks and spaces,
    none of which Markdown reads as markup, so it is written as it reads."""
    return text


def _signature(tokens: Sequence[Token]) -> list[tuple[str, str, str, tuple[tuple[str, object], ...]]]:
    return [(t.type, t.content, t.markup, tuple(sorted(t.attrs.items()))) for t in tokens]


def _end_tags(children: Sequence[Token]) -> dict[int, int]:
    """For each start tag among a block's inline HTML, the index of the end tag of the same
    name that closes it (elements nest by name; a start tag left open has none). One pass."""
    opened: dict[str, list[int]] = {}
    ends: dict[int, int] = {}
    for index, tok in enumerate(children):
        if tok.type != "html_inline":
            continue
        start = START_TAG.match(tok.content)
        end = END_TAG.match(tok.content)
        if start is not None and not start.group(3) and start.group(1).lower() not in VOID_ELEMENTS:
            opened.setdefault(start.group(1).lower(), []).append(index)
        elif end is not None and opened.get(end.group(1).lower()):
            ends[opened[end.group(1).lower()].pop()] = index
    return ends


def _whole(depths: Sequence[int], start: int, end: int) -> bool:
    """Is the Markdown from token ``start`` to ``end`` whole: no emphasis or link opened
    inside and closed outside, nor the other way? ``depths[i]`` is the nesting before token i."""
    return depths[end + 1] == depths[start] and min(depths[start:end + 2]) >= depths[start]


def _tag_offsets(children: Sequence[Token], raw: str) -> dict[int, int]:
    """Where each inline HTML token is written in ``raw`` (the block's source), by token
    index: each found after the one before it and after code spans, in one pass. (A copy
    of a tag written earlier as escaped text can be taken for it: a span's source is checked.)"""
    offsets: dict[int, int] = {}
    cursor = 0
    for index, tok in enumerate(children):
        if tok.type == "code_inline":  # a tag written as code is not the tag: go past it
            opening = raw.find(tok.markup, cursor)
            closing = raw.find(tok.markup, opening + len(tok.markup)) if opening >= 0 else -1
            cursor = closing + len(tok.markup) if closing >= 0 else cursor
        elif tok.type == "html_inline":
            found = raw.find(tok.content, cursor)
            if found < 0:
                break
            offsets[index] = found
            cursor = found + len(tok.content)
    return offsets


def _span_source(tokens: Sequence[Token], raw: str, start: int, end: int, env: References) -> str | None:
    """The source of a span of ``tokens`` (from its start tag to its end tag) that starts
    at ``start`` in ``raw`` and ends at ``end``, if markdown-it reads it as those very
    tokens (not where a tag's copy in a code span was taken for it), else None."""
    candidate = raw[start:end]
    parsed = _PARSER.parseInline(CONTINUATION.sub("\n", candidate), {"references": dict(env)})
    return candidate if parsed and _signature(parsed[0].children or []) == _signature(tokens) else None


def _foreign_span(children: Sequence[Token], start: int, end: int, depths: Sequence[int]) -> tuple[str, str] | None:
    """The language and tag name of the span from ``children[start]`` to its end tag
    ``children[end]`` when the start tag declares a language other than English and the
    Markdown between them is whole (see ``_whole``), else None."""
    lang = start_tag_language(children[start].content)
    match = START_TAG.match(children[start].content)
    if lang is None or match is None or not is_foreign_tag(lang) or not _whole(depths, start, end):
        return None
    return lang, match.group(1).lower()


def _span_note(lang: str, name: str, inner: Sequence[Token]) -> str:
    """The translator's note for a kept span: its language and its text."""
    content = " ".join("".join(t.content if t.type in ("text", "code_inline") else
                               " " if t.type in ("softbreak", "hardbreak") else "" for t in inner).split())
    return foreign_note(lang, content) if content else f'<{name} lang="{lang}">'


def foreign_spans(children: Sequence[Token], raw: str, refs: References | None = None) -> dict[int, ForeignSpan]:
    """The spans of inline HTML in another language among a block's inline tokens, by the
    index of their start tag; ``raw`` is the block's source, where their text is taken
    from. A span whose source cannot be found stays tags and text (see ``_inline``);
    after ``SPAN_MISSES`` such spans in one block the rest are not looked for."""
    spans: dict[int, ForeignSpan] = {}
    ends = _end_tags(children)
    if not ends:
        return spans
    depths = list(itertools.accumulate((t.nesting for t in children), initial=0))
    offsets = _tag_offsets(children, raw)
    misses = index = 0
    while index < len(children) and misses < SPAN_MISSES:
        end = ends.get(index)
        found = None if end is None else _foreign_span(children, index, end, depths)
        if end is None or found is None:
            index += 1
            continue
        lang, name = found
        source = None
        if index in offsets and end in offsets:
            source = _span_source(children[index:end + 1], raw, offsets[index],
                                  offsets[end] + len(children[end].content), refs or {})
        if source is None:
            misses += 1
            index += 1
            continue
        inner = children[index + 1:end]
        breaks = sum(1 for t in inner if t.type in ("softbreak", "hardbreak"))
        spans[index] = ForeignSpan(index, end, source, _span_note(lang, name, inner), breaks)
        index = end + 1
    return spans


def _inline(children: Sequence[Token], raw: str = "", refs: References | None = None, *,
            protect_cjk: bool = False,
            spans: Mapping[int, ForeignSpan] | None = None) -> tuple[str, dict[int, Markup], tuple[int, ...]]:
    """Tagged text of a block's inline tokens. ``spans`` (see ``foreign_spans``) become one
    placeholder each; with ``protect_cjk`` so does each stretch of CJK text."""
    b = InlineBuilder()
    link_closings: list[str] = []
    autolink: str | None = None
    skip_to = -1
    for index, tok in enumerate(children):
        if index <= skip_to:
            continue
        span = spans.get(index) if spans else None
        if span is not None:
            b.void(span.source, note=span.note)
            for _ in range(span.breaks):
                b.new_line()
            skip_to = span.end
            continue
        t = tok.type
        if autolink is not None:
            if t == "text":
                b.void(f"<{tok.content}>", note=autolink)
            elif t == "link_close":
                autolink = None
            continue
        if t == "text":
            add_text_keeping_cjk(b, tok.content, protect_cjk, _as_written)
        elif t == "softbreak":
            b.text(" ")
            b.new_line()
        elif t == "hardbreak":
            b.text(HARD_BREAK)
            b.new_line()
        elif t in ("strong_open", "em_open", "s_open"):
            b.open(tok.markup)
        elif t in ("strong_close", "em_close", "s_close"):
            b.close(tok.markup)
        elif t == "link_open":
            href = str(tok.attrs.get("href", ""))
            if tok.markup == "autolink":
                autolink = href
                continue
            link_closings.append(_link_closing(tok, raw, refs or {}))
            b.open("[", note=href)
        elif t == "link_close":
            b.close(link_closings.pop() if link_closings else "]()")
        elif t == "image":
            src = str(tok.attrs.get("src", ""))
            b.void(f"![{tok.content}]({_destination(src, tok.attrs.get('title'))})", note=f"image {src}")
        elif t == "code_inline":
            b.void(f"{tok.markup}{tok.content}{tok.markup}", note=f"code {tok.content}")
        elif t == "html_inline":
            b.void(tok.content, note="html")
    text, markup = b.finish()
    return text, markup, tuple(b.line_starts)


def _destination(href: str, title: object) -> str:
    """A link destination (and title) written so that CommonMark reads it back the same."""
    dest = f"<{href}>" if any(c in href for c in " ()<>") else href
    if title:
        escaped = str(title).replace("\\", "\\\\").replace('"', '\\"')
        return f'{dest} "{escaped}"'
    return dest


def _html_block(lines: list[str], start: int, end: int) -> list[Block]:
    """Text inside a raw HTML block of a Markdown file, read by the HTML format.

    Raw HTML in Markdown is often a fragment (an opening ``<div>`` here, its end tag
    blocks later); what the HTML format cannot read and write back as a whole is left as it is.
    """
    source = "\n".join(lines[start:end])
    try:
        inner = html.read_blocks(source, path="<html block>")
        if inner and not _round_trips(source):
            raise InputError("not self-contained")
    except InputError:
        log.info("raw HTML block at line %d is not self-contained; left untranslated", start + 1)
        return []
    return [replace(b, line=start + b.line, end_line=start + b.end_line,
                    location=HtmlBlockSpan(start, end, b.location)) for b in inner]


def _round_trips(source: str) -> bool:
    """Would the HTML format write this block back unchanged? (Not when end tags are
    elsewhere; nor a whole ``<html>`` document, which is no fragment of this file.)"""
    if html.is_document(source):
        return False
    text, _changed = html.rebuild(source, path="<html block>", lookup=NO_TRANSLATION)
    return text.rstrip("\n") == source.rstrip("\n")


def _split_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def source_lines(text: str) -> list[str]:
    """The lines as markdown-it numbers them: it takes a lone ``\r`` or ``\r\n`` as a line
    end too, so its token line maps index these lines even for text not read from a file
    (files are decoded to ``\n`` line ends first)."""
    return MARKDOWN_IT_NEWLINE.sub("\n", text).split("\n")


def read_blocks(text: str) -> list[Block]:
    lines = source_lines(text)
    env: dict[str, dict[str, dict[str, object]]] = {}
    tokens = _PARSER.parse(text, env)
    refs: References = env.get("references", {})
    blocks: list[Block] = []
    stack: list[str] = []
    cell_index = -1
    heading_level = 0
    for tok in tokens:
        if tok.nesting == 1:
            stack.append(tok.type)
            if tok.type == "tr_open":
                cell_index = -1
            if tok.type in ("th_open", "td_open"):
                cell_index += 1
            if tok.type == "heading_open":
                heading_level = int(tok.tag[1:])
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type == "html_block" and tok.map is not None:
            blocks.extend(_html_block(lines, *tok.map))
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        start, end = tok.map
        raw = "\n".join(lines[start:end])
        children = tok.children or []
        spans = foreign_spans(children, raw, refs)
        flat, markup, line_starts = _inline(children, raw, refs, spans=spans)
        if not flat.strip():
            continue
        if protects_cjk(flat):
            flat, markup, line_starts = _inline(children, raw, refs, spans=spans, protect_cjk=True)
        kind = _kind(stack)
        escapes = "".join(sorted(set(ESCAPED.findall(raw))))
        backslash = any(ln.rstrip(" ").endswith("\\") for ln in lines[start:end])
        hard_break = BACKSLASH_HARD_BREAK if backslash else SOFT_HARD_BREAK
        if kind is BlockKind.TABLE_CELL:
            blocks.append(Block(kind, flat, tuple(markup.values()), start + 1, end,
                                location=TableCell(escapes, cell_index), hard_break=SOFT_HARD_BREAK,
                                line_starts=line_starts))
            continue
        prefix = CONTAINER_PREFIX.match(lines[start]).group(0)  # type: ignore[union-attr]
        blocks.append(Block(kind, flat, tuple(markup.values()), start + 1, end,
                            location=LinePrefix(escapes, prefix), hard_break=hard_break,
                            level=heading_level if kind is BlockKind.HEADING else 0, line_starts=line_starts))
    return blocks


# --- writing --------------------------------------------------------------------------


def _flanking(char: str) -> str:
    """'space', 'punct' or 'other', as CommonMark's flanking rules see a character."""
    if not char or char.isspace():
        return "space"
    return "punct" if unicodedata.category(char)[0] in "PS" else "other"


def flanking_safe(text: str, markup: dict[int, Markup]) -> dict[int, Markup]:
    """Emphasis that CommonMark would not read back (``**數碼港（主席）**表示``) becomes HTML.

    A ``**`` closes only when it is right-flanking: no space before it, and if punctuation
    precedes it, space or punctuation follows. Chinese text without spaces breaks this
    often, so such pairs are written as ``<strong>`` / ``<em>`` instead.
    """
    plain_positions = {}
    plain: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        plain.append(text[pos:m.start()])
        plain_positions[m.group(0)] = sum(len(p) for p in plain)
        pos = m.end()
    plain.append(text[pos:])
    flat = "".join(plain)
    out = dict(markup)
    for tag, item in markup.items():
        if not item.paired or item.opening not in EMPHASIS_AS_HTML:
            continue
        start, end = plain_positions.get(f"<{tag}>"), plain_positions.get(f"</{tag}>")
        if start is None or end is None or end <= start:
            continue
        before, first = flat[start - 1:start], flat[start:start + 1]
        last, after = flat[end - 1:end], flat[end:end + 1]
        opens = _flanking(first) != "space" and (_flanking(first) != "punct" or _flanking(before) != "other")
        closes = _flanking(last) != "space" and (_flanking(last) != "punct" or _flanking(after) != "other")
        if not (opens and closes):
            html_open, html_close = EMPHASIS_AS_HTML[item.opening]
            out[tag] = Markup(tag, html_open, html_close, item.note)
    return out


def _table_row(line: str, cells: dict[int, str]) -> str:
    """A table row with some cells replaced, in the row's own indentation."""
    current = _split_cells(line)
    for idx, value in cells.items():
        if idx < len(current):
            current[idx] = value
    indent = line[: len(line) - len(line.lstrip())]
    return indent + "| " + " | ".join(current) + " |"


def _html_block_text(doc: Document, lookup: Lookup, lines: list[str], start: int, end: int) -> str | None:
    """A raw HTML block rebuilt by the HTML format (HTML escaping), or None if nothing in it changed."""
    text, changed = html.rebuild("\n".join(lines[start:end]), path=doc.path, lookup=lookup, first_line=start + 1)
    return text.rstrip("\n") if changed else None


def render_lines(doc: Document, lookup: Lookup) -> str | None:
    """The document with translated blocks' lines replaced, or None if nothing was translated."""
    lines = source_lines(doc.source)
    replacements: dict[int, tuple[int, str]] = {}
    rows: dict[int, dict[int, str]] = {}
    html_blocks: set[tuple[int, int]] = set()
    for block in doc.blocks:
        loc = block.location
        if isinstance(loc, HtmlBlockSpan):
            html_blocks.add((loc.start, loc.end))
            continue
        pieces = fill_block(segment_block(block), lookup, flanking_safe)
        if pieces is None:
            continue
        if isinstance(loc, TableCell):
            rows.setdefault(block.line - 1, {})[loc.index] = block.hard_break.join(pieces)
        elif isinstance(loc, LinePrefix):
            new = (block.hard_break + loc.continuation).join(pieces)
            replacements[block.line - 1] = (block.end_line, loc.prefix + new)
    for row, cells in rows.items():
        replacements[row] = (row + 1, _table_row(lines[row], cells))
    for start, end in sorted(html_blocks):
        rebuilt = _html_block_text(doc, lookup, lines, start, end)
        if rebuilt is not None:
            replacements[start] = (end, rebuilt)
    return replace_lines(lines, replacements) if replacements else None


class MarkdownFormat(TextFormat):
    name = "markdown"
    extensions = (".md", ".markdown")

    def blocks(self, text: str, path: str) -> list[Block]:
        return read_blocks(text)

    def render(self, doc: Document, lookup: Lookup) -> str | None:
        return render_lines(doc, lookup)


MARKDOWN = MarkdownFormat()
