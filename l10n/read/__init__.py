"""Source readers: Markdown, HTML and plain text become a Document of Blocks.

A Block is a heading, paragraph, list item, quote or table cell whose inline content is
flattened into tagged text (see ``l10n.inline``). Readers take strings; only
``read_document`` touches the file system; it records the byte-order mark and the
line-ending style, so a build with nothing translated writes the source back byte for byte.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import InputError
from ..model import BlockKind, Markup

HARD_BREAK = "\n"  # a hard line break inside a block, in the flat text
LF, CRLF, CR = "\n", "\r\n", "\r"
# Characters a PO file cannot carry: gettext refuses U+0004 (its context separator) in a
# string, and a NUL cuts the text in the MO file. Replaced one for one, so offsets into
# the text stay valid, in every Block: extract and build both see the same msgid.
UNSAFE_IN_PO = str.maketrans({"\x00": "\ufffd", "\x04": "\ufffd"})


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

    def __post_init__(self) -> None:
        if "\x00" in self.text or "\x04" in self.text:
            object.__setattr__(self, "text", self.text.translate(UNSAFE_IN_PO))

    @property
    def markup_map(self) -> dict[int, Markup]:
        return {m.tag: m for m in self.markup}


@dataclass(frozen=True)
class Document:
    """A parsed source. ``source`` has ``\n`` line ends; ``newline`` and ``bom`` say how
    the file itself was written, so the build can write the same bytes back (a file
    mixing line ends keeps its text in ``mixed_source`` for a build with nothing translated)."""

    path: str
    format: Format
    source: str
    blocks: tuple[Block, ...]
    newline: str = LF
    bom: bool = False
    mixed_source: str | None = None  # the text with its own mixed line ends, which ``newline`` cannot restore

    def encode_like_source(self, text: str) -> str:
        """``text`` (with ``\n`` line ends) in the source file's line-ending style and BOM."""
        if self.newline != LF:
            text = text.replace(LF, self.newline)
        return "\ufeff" + text if self.bom else text

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


def parse_document(text: str, fmt: Format, *, path: str, newline: str = LF, bom: bool = False,
                   mixed_source: str | None = None) -> Document:
    from . import html, markdown, plaintext

    if fmt is Format.MARKDOWN:
        blocks = markdown.parse(text)
    elif fmt is Format.HTML:
        blocks = html.parse(text, path=path)
    else:
        blocks = plaintext.parse(text)
    return Document(path, fmt, text, tuple(blocks), newline, bom, mixed_source)


def line_ending_style(raw: bytes) -> str:
    """CRLF or CR when every line ends that way; LF otherwise (mixed files become LF)."""
    crlf = raw.count(b"\r\n")
    cr, lf = raw.count(b"\r") - crlf, raw.count(b"\n") - crlf
    if crlf and not cr and not lf:
        return CRLF
    if cr and not crlf and not lf:
        return CR
    return LF


@dataclass(frozen=True)
class SourceText:
    """A source file's text with ``\n`` line ends and no BOM, and how the file differed."""

    text: str
    newline: str
    bom: bool
    mixed_source: str | None  # set only when the file mixes line ends


def read_source(path: str | Path) -> SourceText:
    """Read a UTF-8 source, turning OS and decoding errors into one-line InputErrors."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=str(p),
                         line=raw[: exc.start].count(b"\n") + 1, hint="save the file as UTF-8") from None
    text = decoded.replace(CRLF, LF).replace(CR, LF)
    newline = line_ending_style(raw)
    restorable = text.replace(LF, newline) == decoded
    return SourceText(text, newline, bom, None if restorable else decoded)


def read_document(path: str | Path) -> Document:
    """Read and parse one source file; the path is kept as given for references."""
    name = str(path)
    fmt = detect_format(name)
    src = read_source(path)
    return parse_document(src.text, fmt, path=name, newline=src.newline, bom=src.bom, mixed_source=src.mixed_source)
