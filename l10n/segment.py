"""Sentence segmentation and the decision of what is sent to translation.

Sentences come from pysbd (rule-based, Golden Rules tested, handles abbreviations,
decimals and initialisms), run with quote characters masked so that a multi-sentence
quotation is split like any other prose. Contact lines (phone numbers, e-mail
addresses, URLs, separators) are not units; URLs, e-mail addresses and phone numbers
inside a sentence become ``<n/>`` placeholders flagged "do not translate".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import pysbd

from .inline import TAG_RE, strip_tags
from .model import BlockKind, Markup, SourceRef, Unit
from .read import HARD_BREAK, Block, Document, Format

QUOTE_CHARS = re.compile(r'["“”]')
QUOTE_MASK = "\ue000"  # private-use character: same length, no quote semantics
CLOSERS = "\"”’')]）」』 \t"
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?]", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE_RE = re.compile(
    r"(?:\+\s?852\s?|\(\s*\+?852\s*\)\s?)?(?<![\d,.$])\b[2-9]\d{3}[ -]?\d{4}\b(?![\d,.])"
    r"|\(\s*\+?852\s*\)\s?\d{4}\s?\d{4}"
)
LABELS_RE = re.compile(
    r"\b(?:tel|telephone|phone|fax|mobile|mob|email|e-mail|website|web|url|whatsapp|wechat|"
    r"hotline|enquiries)\b\.?",
    re.IGNORECASE,
)
LETTER_RE = re.compile(r"[^\W\d_]")
UNSPLIT_KINDS = frozenset({BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE_CELL})


@dataclass(frozen=True)
class Sentence:
    """One sentence occurrence: its msgid text with local tags and how to restore it."""

    text: str
    markup: tuple[Markup, ...]
    wrap: tuple[str, str]
    translatable: bool

    @property
    def markup_map(self) -> dict[int, Markup]:
        return {m.tag: m for m in self.markup}


@dataclass(frozen=True)
class SegmentedBlock:
    block: Block
    pieces: tuple[tuple[Sentence, ...], ...]  # pieces are separated by hard breaks


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[str]:
    """Split English prose into sentences; quotes never hide a boundary."""
    return list(_split_cached(text))


@functools.lru_cache(maxsize=16384)
def _split_cached(text: str) -> tuple[str, ...]:
    """pysbd costs milliseconds per paragraph; extract and build see the same ones."""
    return tuple(_split(text))


def _split(text: str) -> list[str]:
    if not text.strip():
        return []
    masked = QUOTE_CHARS.sub(QUOTE_MASK, text)
    spans = _segmenter().segment(masked)
    raw = [text[s.start:s.end] for s in spans]
    if "".join(raw) != text:  # pysbd lost characters: fall back to the whole text
        raw = [text]
    out: list[str] = []
    for piece in raw:
        # a closing quote or bracket that pysbd left at the start belongs to the previous one
        lead = len(piece) - len(piece.lstrip(CLOSERS))
        if out and lead and piece[:lead].strip():
            out[-1] += piece[:lead]
            piece = piece[lead:]
        if out and not piece.strip():
            out[-1] += piece
        elif piece:
            out.append(piece)
    return _merge_open_tags([s for s in out if s.strip()])


def _merge_open_tags(sentences: list[str]) -> list[str]:
    """Rejoin sentences when a paired tag opens in one and closes in a later one."""
    merged: list[str] = []
    depth = 0
    for s in sentences:
        if merged and depth > 0:
            merged[-1] += s
        else:
            merged.append(s)
        for m in TAG_RE.finditer(s):
            if m.group(3):
                continue
            depth += -1 if m.group(1) else 1
    return merged


def is_translatable(text: str) -> bool:
    """False for contact details, separators, bare links and empty markup."""
    rest = strip_tags(text)
    for pattern in (URL_RE, EMAIL_RE, PHONE_RE, LABELS_RE):
        rest = pattern.sub(" ", rest)
    return bool(LETTER_RE.search(rest))


def _localise(text: str, markup: dict[int, Markup],
              escape: Callable[[str], str]) -> tuple[str, tuple[Markup, ...], tuple[str, str]]:
    """Strip an outer tag pair, protect URLs/e-mails/phones, renumber tags from 1."""
    text = text.strip()
    wrap = ("", "")
    m = re.fullmatch(r"<(\d+)>(.*)</\1>", text, re.DOTALL)
    if m and TAG_RE.sub("", m.group(2)).strip() and _balanced(m.group(2)):
        item = markup[int(m.group(1))]
        wrap = (item.opening, item.closing or "")
        text = m.group(2).strip()
    extra: list[Markup] = []
    next_tag = max(markup, default=0) + 1000

    def protect(pattern: re.Pattern[str], what: str, s: str) -> str:
        nonlocal next_tag
        out: list[str] = []
        pos = 0
        for hit in pattern.finditer(s):
            if _inside_tag(s, hit.start()):
                continue
            out.append(s[pos:hit.start()])
            extra.append(Markup(next_tag, escape(hit.group(0)), None, f"{what} {hit.group(0)}"))
            out.append(f"<{next_tag}/>")
            next_tag += 1
            pos = hit.end()
        out.append(s[pos:])
        return "".join(out)

    for pattern, what in ((URL_RE, "URL"), (EMAIL_RE, "e-mail"), (PHONE_RE, "phone")):
        text = protect(pattern, what, text)
    table = {**markup, **{e.tag: e for e in extra}}
    numbering: dict[int, int] = {}
    for tag in TAG_RE.finditer(text):
        numbering.setdefault(int(tag.group(2)), len(numbering) + 1)
    local = tuple(
        Markup(new, table[old].opening, table[old].closing, table[old].note)
        for old, new in numbering.items()
    )
    text = TAG_RE.sub(lambda t: f"<{t.group(1)}{numbering[int(t.group(2))]}{t.group(3)}>", text)
    return text, local, wrap


def _balanced(text: str) -> bool:
    depth = 0
    for m in TAG_RE.finditer(text):
        if m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth < 0:
            return False
    return depth == 0


def _inside_tag(text: str, pos: int) -> bool:
    return any(t.start() < pos < t.end() for t in TAG_RE.finditer(text))


def escaper(block: Block, fmt: Format) -> Callable[[str], str]:
    """How plain text is written back in this block's format."""
    if fmt is Format.HTML:
        import html

        return lambda s: html.escape(s, quote=False)
    if fmt is Format.MARKDOWN and block.escapes:
        chars = block.escapes

        def md_escape(s: str) -> str:
            return "".join("\\" + c if c in chars else c for c in s)

        return md_escape
    return lambda s: s


def segment_block(block: Block, fmt: Format) -> SegmentedBlock:
    escape = escaper(block, fmt)
    markup = block.markup_map
    pieces: list[tuple[Sentence, ...]] = []
    for piece in block.text.split(HARD_BREAK):
        chunks = [piece] if block.kind in UNSPLIT_KINDS else split_sentences(piece)
        sentences = []
        for chunk in chunks:
            if not chunk.strip():
                continue
            text, local, wrap = _localise(chunk, markup, escape)
            sentences.append(Sentence(text, local, wrap, is_translatable(text)))
        pieces.append(tuple(sentences))
    return SegmentedBlock(block, tuple(pieces))


def segment_document(doc: Document) -> list[SegmentedBlock]:
    return [segment_block(b, doc.format) for b in doc.blocks]


def unit_notes(block: Block, sentence: Sentence) -> tuple[str, ...]:
    notes = [block.kind.value if not block.level else f"{block.kind.value} {block.level}"]
    for m in sentence.markup:
        if m.paired:
            if m.note:
                notes.append(f"<{m.tag}>…</{m.tag}> = link {m.note}")
        elif m.note:
            notes.append(f"<{m.tag}/> = {m.note} (do not translate)")
    return tuple(notes)


def document_units(doc: Document, *, ref_path: str | None = None) -> list[Unit]:
    """Every translatable sentence of a document, in order; repeats are kept (merged later)."""
    path = ref_path or doc.path
    units: list[Unit] = []
    for seg in segment_document(doc):
        for piece in seg.pieces:
            for s in piece:
                if s.translatable:
                    units.append(Unit(s.text, (SourceRef(path, seg.block.line),), seg.block.kind,
                                      s.markup, unit_notes(seg.block, s)))
    return units
