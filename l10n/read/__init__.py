"""Source readers: Markdown, HTML and plain text become a Document of Blocks.

A Block is a heading, paragraph, list item, quote or table cell whose inline content is
flattened into tagged text (see ``l10n.inline``). Readers take strings; only
``read_document`` touches the file system.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import InputError
from ..fsio import read_text
from ..model import BlockKind, Markup

HARD_BREAK = "\n"  # a hard line break inside a block, in the flat text


class Format(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


EXTENSIONS: dict[str, Format] = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
}


@dataclass(frozen=True)
class Block:
    """One block of the source with its inline text and how to put a translation back.

    ``line``/``end_line`` are 1-based and inclusive. ``anchor`` is the Markdown container
    prefix (``## ``, ``- ``, ``> ``) or the HTML element path; ``cell`` is the table cell
    index for Markdown tables. ``escapes`` are characters the source backslash-escaped.
    """

    kind: BlockKind
    text: str
    markup: tuple[Markup, ...]
    line: int
    end_line: int
    anchor: str = ""
    cell: int | None = None
    hard_break: str = "  \n"
    escapes: str = ""
    level: int = 0
    line_starts: tuple[int, ...] = ()  # offsets in ``text`` where source lines 2, 3, ... begin

    @property
    def markup_map(self) -> dict[int, Markup]:
        return {m.tag: m for m in self.markup}


@dataclass(frozen=True)
class Document:
    path: str
    format: Format
    source: str
    blocks: tuple[Block, ...]

    @property
    def domain(self) -> str:
        """The gettext domain: the file's stem (release.md -> release)."""
        return Path(self.path).stem


def detect_format(path: str) -> Format:
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(f"unsupported file type {Path(path).suffix or '(none)'!r}", path=path,
                         hint=f"supported: {known}")
    return fmt


def parse_document(text: str, fmt: Format, *, path: str) -> Document:
    from . import html, markdown, plaintext

    if fmt is Format.MARKDOWN:
        blocks = markdown.parse(text)
    elif fmt is Format.HTML:
        blocks = html.parse(text, path=path)
    else:
        blocks = plaintext.parse(text)
    return Document(path, fmt, text, tuple(blocks))


def read_document(path: str | Path) -> Document:
    """Read and parse one source file; the path is kept as given for references."""
    name = str(path)
    fmt = detect_format(name)
    return parse_document(read_text(path), fmt, path=name)
