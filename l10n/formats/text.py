"""Plain text: blank lines separate blocks; the writer replaces a translated block's lines.

A block of wrapped prose is one paragraph (its lines joined). A block whose lines are
short, or are list items (``- item``), keeps its lines: each line is translated on its
own and the build writes them back as separate lines, as in an address or contact block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..inline import InlineBuilder
from ..model import HARD_BREAK, Block, BlockKind, Document, Location
from ..segment import segment_block
from .base import Lookup, TextFormat, fill_block, replace_lines

LIST_MARKER = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)])\s+")
SHORT_LINE = 60  # a block of lines all shorter than this may be a list of lines, not wrapped prose
SENTENCE_END = (".", "!", "?", "。", "！", "？", '."', '.”')


@dataclass(frozen=True)
class Indent(Location):
    """A block of plain text: its lines, written back after the first line's indentation."""

    prefix: str = ""


def _keeps_lines(lines: list[str]) -> bool:
    """Lines of an address, a contact or a list, rather than wrapped prose?"""
    if len(lines) < 2:
        return False
    if any(LIST_MARKER.match(ln) for ln in lines):
        return True
    stripped = [ln.strip() for ln in lines]
    if any(len(ln) >= SHORT_LINE for ln in stripped):
        return False
    if any(nxt[:1].islower() for nxt in stripped[1:]):  # a sentence wrapped onto the next line
        return False
    return not all(ln.endswith(SENTENCE_END) for ln in stripped)


def _identity(text: str) -> str:
    return text


def read_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.split("\n")
    start: int | None = None
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = i
            continue
        if start is None:
            continue
        body = lines[start:i]
        b = InlineBuilder(literal=_identity)
        keep = _keeps_lines(body)
        for n, ln in enumerate(body):
            if n:
                b.text(HARD_BREAK if keep else " ")
                b.new_line()
            marker = LIST_MARKER.match(ln) if keep else None
            if marker:
                b.open(marker.group(0))
                b.text(ln[marker.end():].strip())
                b.close("")
            else:
                b.text(ln.strip())
        flat, markup = b.finish()
        indent = body[0][: len(body[0]) - len(body[0].lstrip())]
        blocks.append(Block(BlockKind.PARAGRAPH, flat, tuple(markup.values()), start + 1, i,
                            location=Indent(indent), hard_break=HARD_BREAK, line_starts=tuple(b.line_starts)))
        start = None
    return blocks


def render_lines(doc: Document, lookup: Lookup) -> str | None:
    """The text with translated blocks' lines replaced, or None if nothing was translated."""
    replacements: dict[int, tuple[int, str]] = {}
    for block in doc.blocks:
        pieces = fill_block(segment_block(block), lookup)
        if pieces is not None:
            prefix = block.location.prefix if isinstance(block.location, Indent) else ""
            replacements[block.line - 1] = (block.end_line, prefix + block.hard_break.join(pieces))
    return replace_lines(doc.source.split("\n"), replacements) if replacements else None


class PlainTextFormat(TextFormat):
    name = "text"
    extensions = (".txt", ".text")

    def blocks(self, text: str, path: str) -> list[Block]:
        return read_blocks(text)

    def render(self, doc: Document, lookup: Lookup) -> str | None:
        return render_lines(doc, lookup)


TEXT = PlainTextFormat()
