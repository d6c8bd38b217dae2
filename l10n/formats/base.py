"""What every format shares: the lookup a writer asks, filling a block with its
translations, and text files (UTF-8, BOM and line ends) read and written back byte for byte.

Nothing here knows a format; the format modules build on it and nothing here imports them.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..errors import InputError
from ..inline import render
from ..model import CR, CRLF, LF, Block, Document, Markup
from ..segment import SegmentedBlock, Sentence

#: Turns the markup of a translated sentence into what its format can read back (Markdown
#: writes emphasis that would not close as HTML tags); given the target text and markup.
MarkupAdjust = Callable[[str, dict[int, Markup]], dict[int, Markup]]


class Lookup(Protocol):
    """What a writer asks of the target side: a sentence's usable translation, how
    sentences are joined in the target language, and that language's tag."""

    @property
    def language(self) -> str | None:
        """The BCP 47 tag of the target (``zh-Hant-HK``), or None to leave it unmarked."""
        ...

    def target(self, sentence: Sentence, line: int) -> str | None:
        """The translation to write for ``sentence`` (at source ``line``), or None to keep it."""
        ...

    def join(self, texts: Sequence[str]) -> str:
        """The sentences of one stretch of a block, as one string of the target language."""
        ...


@runtime_checkable
class JoinLookup(Protocol):
    """A lookup that knows sentence joins (``#, l10n-joined``): a translator wrote one
    target sentence for two source sentences of the same paragraph."""

    def joined_to(self, sentence: Sentence) -> str | None:
        """The source text of the sentence whose translation carries ``sentence``, or None."""
        ...


class NoTranslation:
    """A lookup that translates nothing: the writer gives the source back (a reader uses it
    to see whether a fragment survives the round trip)."""

    language: str | None = None

    def target(self, sentence: Sentence, line: int) -> str | None:
        return None

    def join(self, texts: Sequence[str]) -> str:
        return " ".join(texts)


NO_TRANSLATION = NoTranslation()


def _keep_markup(_target: str, markup: dict[int, Markup]) -> dict[int, Markup]:
    return markup


def fill_block(seg: SegmentedBlock, lookup: Lookup, adjust: MarkupAdjust = _keep_markup) -> list[str] | None:
    """The block's stretches (between hard breaks) with translations in, each rendered in
    the block's own markup; None when no sentence of the block has a usable translation,
    so the writer leaves the source untouched.

    A joined sentence (see ``JoinLookup``) writes nothing of its own when the sentence
    right before it in the same stretch is the one it was joined to and is written
    translated (or itself carried by a join); anywhere else (a repeated sentence after a
    different one, a carrier without a translation, a joined sentence with inline markup,
    which the carrier's translation has no tags for) the whole block stays in the source
    language rather than mixing English into a joined Chinese sentence or losing a link."""
    escape = seg.block.location.escape
    joins = lookup.joined_to if isinstance(lookup, JoinLookup) else None
    used = False
    pieces: list[str] = []
    for piece in seg.pieces:
        texts: list[str] = []
        previous: str | None = None  # source of the previous sentence, if written translated
        for s in piece:
            anchor = joins(s) if joins is not None and s.translatable else None
            if anchor is not None:
                if anchor != previous or s.markup:  # a join cannot carry a link or emphasis
                    return None
                previous = s.text
                continue
            target = lookup.target(s, seg.block.line)
            if target is not None:
                used = True
                text = render(target, adjust(target, s.markup_map), escape)
            else:
                text = render(s.text, s.markup_map, escape)
            previous = s.text if target is not None else None
            texts.append(f"{s.wrap[0]}{text}{s.wrap[1]}")
        pieces.append(lookup.join(texts))
    return pieces if used else None


# --- text files -----------------------------------------------------------------------


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
    """A source file's text with ``\\n`` line ends and no BOM, and how the file differed."""

    text: str
    newline: str
    bom: bool
    mixed_source: str | None  # set only when the file mixes line ends


def decode_text(raw: bytes, path: str) -> SourceText:
    """UTF-8 bytes as text with ``\\n`` line ends; bad bytes are an InputError with the line."""
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=path,
                         line=raw[: exc.start].count(b"\n") + 1, hint="save the file as UTF-8") from None
    text = decoded.replace(CRLF, LF).replace(CR, LF)
    newline = line_ending_style(raw)
    restorable = text.replace(LF, newline) == decoded
    return SourceText(text, newline, bom, None if restorable else decoded)


def encode_like_source(doc: Document, text: str) -> bytes:
    """``text`` (with ``\\n`` line ends) in the source file's line-ending style and BOM."""
    if doc.newline != LF:
        text = text.replace(LF, doc.newline)
    return ("\ufeff" + text if doc.bom else text).encode("utf-8")


class TextFormat:
    """A format whose files are UTF-8 text: a subclass gives ``name``, ``extensions``,
    ``blocks`` (read) and ``render`` (write); decoding, line ends and the BOM are done here,
    so a build with nothing translated writes the source back byte for byte."""

    name: str = ""
    extensions: tuple[str, ...] = ()

    def blocks(self, text: str, path: str) -> list[Block]:
        raise NotImplementedError

    def render(self, doc: Document, lookup: Lookup) -> str | None:
        """The document's text with translations in, or None when nothing was translated."""
        raise NotImplementedError

    def parse(self, text: str, *, path: str, newline: str = LF, bom: bool = False,
              mixed_source: str | None = None) -> Document:
        """A Document from text already decoded (``\\n`` line ends)."""
        return Document(path, self.name, text, tuple(self.blocks(text, path)), newline, bom, mixed_source)

    def read(self, data: bytes, path: str) -> Document:
        src = decode_text(data, path)
        return self.parse(src.text, path=path, newline=src.newline, bom=src.bom, mixed_source=src.mixed_source)

    def write(self, document: Document, lookup: Lookup) -> bytes:
        text = self.render(document, lookup)
        if text is None:  # nothing translated: the source as it was, mixed line ends and all
            text = document.mixed_source if document.mixed_source is not None else document.source
        return encode_like_source(document, text)


def replace_lines(lines: list[str], replacements: dict[int, tuple[int, str]]) -> str:
    """``lines`` joined with ``\\n``, where ``replacements[i] = (end, text)`` puts ``text``
    in place of lines ``i`` up to (not including) ``end`` (0-based)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replacements:
            end, text = replacements[i]
            out.append(text)
            i = max(end, i + 1)
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)
