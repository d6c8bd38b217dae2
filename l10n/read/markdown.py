"""Markdown reader on markdown-it-py (CommonMark plus tables)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..inline import InlineBuilder
from ..model import BlockKind, Markup
from . import HARD_BREAK, Block

CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:(?:>[ \t]?)|(?:[-*+][ \t]+)|(?:\d{1,9}[.)][ \t]+))*(?:#{1,6}[ \t]+)?")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

log = logging.getLogger(__name__)
HTML_BLOCK_PREFIX = "html-block:"
_PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


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


def _inline(children: Sequence[Token]) -> tuple[str, dict[int, Markup], tuple[int, ...]]:
    b = InlineBuilder()
    link_closings: list[str] = []
    autolink: str | None = None
    for tok in children:
        t = tok.type
        if autolink is not None:
            if t == "text":
                b.void(f"<{tok.content}>", note=autolink)
            elif t == "link_close":
                autolink = None
            continue
        if t == "text":
            b.text(tok.content)
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
            link_closings.append(f"]({_destination(href, tok.attrs.get('title'))})")
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


def html_block_anchor(start: int, end: int) -> str:
    return f"{HTML_BLOCK_PREFIX}{start}:{end}|"


def parse_html_block_anchor(anchor: str) -> tuple[int, int] | None:
    if not anchor.startswith(HTML_BLOCK_PREFIX):
        return None
    start, end = anchor[len(HTML_BLOCK_PREFIX):].split("|", 1)[0].split(":")
    return int(start), int(end)


def _html_block(lines: list[str], start: int, end: int) -> list[Block]:
    """Text inside a raw HTML block of a Markdown file, read by the HTML reader.

    Raw HTML in Markdown is often a fragment (an opening ``<div>`` here, its end tag
    blocks later); what the HTML reader cannot read as a whole is left as it is.
    """
    from ..errors import InputError
    from . import html as html_reader

    source = "\n".join(lines[start:end])
    try:
        inner = html_reader.parse(source, path="<html block>")
        if inner and not _round_trips(source):
            raise InputError("not self-contained")
    except InputError:
        log.info("raw HTML block at line %d is not self-contained; left untranslated", start + 1)
        return []
    anchor = html_block_anchor(start, end)
    return [replace(b, line=start + b.line, end_line=start + b.end_line, anchor=anchor + b.anchor) for b in inner]


def _round_trips(source: str) -> bool:
    """Would the HTML builder write this block back unchanged? (Not when end tags are elsewhere.)"""
    from ..build_html import build_html
    from ..locales import parse_locale
    from . import Document, Format

    fragment = Document("<html block>.html", Format.HTML, source, ())
    return build_html(fragment, lambda _seg: None, parse_locale("zh-HK")).rstrip("\n") == source.rstrip("\n")


def _split_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def parse(text: str) -> list[Block]:
    lines = text.split("\n")
    tokens = _PARSER.parse(text)
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
        flat, markup, line_starts = _inline(tok.children or [])
        if not flat.strip():
            continue
        kind = _kind(stack)
        raw = "\n".join(lines[start:end])
        escapes = "".join(sorted(set(ESCAPED.findall(raw))))
        hard_break = "\\\n" if any(ln.rstrip(" ").endswith("\\") for ln in lines[start:end]) else "  \n"
        if kind is BlockKind.TABLE_CELL:
            blocks.append(Block(kind, flat, tuple(markup.values()), start + 1, end, anchor="",
                                cell=cell_index, escapes=escapes, line_starts=line_starts))
            continue
        prefix = CONTAINER_PREFIX.match(lines[start]).group(0)  # type: ignore[union-attr]
        blocks.append(Block(kind, flat, tuple(markup.values()), start + 1, end, anchor=prefix,
                            hard_break=hard_break, escapes=escapes,
                            level=heading_level if kind is BlockKind.HEADING else 0, line_starts=line_starts))
    return blocks
