"""Sentence segmentation and the decision of what is sent to translation.

Sentences come from pysbd (rule-based, Golden Rules tested, handles abbreviations,
decimals and initialisms), run with quote characters masked so that a multi-sentence
quotation is split like any other prose. Contact lines (phone numbers, e-mail
addresses, URLs, separators) are not units; URLs, e-mail addresses and phone numbers
inside a sentence become ``<n/>`` placeholders flagged "do not translate".
"""

from __future__ import annotations

import bisect
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
    r"(?:(?:\+\s?852|\(\s*\+?852\s*\))\s?)?(?<![\d,.$])\b[2-9]\d{3}[ -]?\d{4}\b(?![\d,]|\.\d)"
)
PHONE_PREFIX_RE = re.compile(r"^(?:\+\s?852|\(\s*\+?852\s*\))")
LABELS_RE = re.compile(
    r"\b(?:tel|telephone|phone|fax|mobile|mob|email|e-mail|website|web|url|whatsapp|wechat|"
    r"hotline|enquiries|contact|call)\b\.?",
    re.IGNORECASE,
)
PHONE_CONTEXT = 30  # a phone-shaped number counts as a phone only with a label this close before it
# abbreviations pysbd does not know; their full stop is masked while splitting
EXTRA_ABBREVIATIONS = re.compile(
    r"\b(?:Approx|approx|Est|est|Govt|Dept|Nos|Ref|Tel|Exec|Assoc|Admin)\."
    # references to legislation and documents: "Cap. 123", "Vol. 2", "para. 4(b)"
    r"|\b(?:Cap|Caps|Vol|Vols|Para|Paras|para|paras|Art|Arts|Sec|Sch|Chap|Ord|No|Rm|Flr|Fig|Figs|Item|Pt)\.(?=\s+\d)"
)
ABBREVIATION_MASK = "\ue001"
LETTER_RE = re.compile(r"[^\W\d_]")
# characters that would start markup if a rebuilt Markdown line contained them as text
MARKDOWN_SPECIAL = "\\`*_[]<"
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
UNSPLIT_KINDS = frozenset({BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE_CELL})


@dataclass(frozen=True)
class Sentence:
    """One sentence occurrence: its msgid text with local tags and how to restore it."""

    text: str
    markup: tuple[Markup, ...]
    wrap: tuple[str, str]
    translatable: bool
    line: int = 0  # 1-based source line where the sentence starts

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
    masked = EXTRA_ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + ABBREVIATION_MASK, masked)
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


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers: with a +852 prefix, or with a label (Tel, Fax, call...) just before.

    A bare pair of four-digit numbers (``2019-2020``, ``3000 5000``) is a quantity, not a phone.
    """
    spans = []
    for m in PHONE_RE.finditer(text):
        before = text[max(0, m.start() - PHONE_CONTEXT):m.start()]
        if PHONE_PREFIX_RE.match(m.group(0)) or LABELS_RE.search(before):
            spans.append((m.start(), m.end()))
    return spans


def _remove_phones(text: str) -> str:
    for start, end in reversed(phone_spans(text)):
        text = text[:start] + " " + text[end:]
    return text


def is_translatable(text: str) -> bool:
    """False for contact details, separators, bare links and empty markup.

    Labels such as "Tel" or "Website" only count as contact details next to a number,
    an address or a link; a heading "Enquiries" on its own is translated.
    """
    plain = strip_tags(text)
    rest = _remove_phones(EMAIL_RE.sub(" ", URL_RE.sub(" ", plain)))
    if rest != plain or plain != text:
        rest = LABELS_RE.sub(" ", rest)
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

    def protect_spans(spans: list[tuple[int, int]], what: str, s: str) -> str:
        nonlocal next_tag
        out: list[str] = []
        pos = 0
        for start, end in spans:
            if _inside_tag(s, start):
                continue
            value = s[start:end]
            out.append(s[pos:start])
            extra.append(Markup(next_tag, escape(value), None, f"{what} {value}"))
            out.append(f"<{next_tag}/>")
            next_tag += 1
            pos = end
        out.append(s[pos:])
        return "".join(out)

    def protect(pattern: re.Pattern[str], what: str, s: str) -> str:
        return protect_spans([(m.start(), m.end()) for m in pattern.finditer(s)], what, s)

    for pattern, what in ((URL_RE, "URL"), (EMAIL_RE, "e-mail")):
        text = protect(pattern, what, text)
    text = protect_spans(phone_spans(text), "phone", text)
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
    if fmt is Format.MARKDOWN:
        chars = frozenset(MARKDOWN_SPECIAL + block.escapes)

        def md_escape(s: str) -> str:
            out = "".join("\\" + c if c in chars else c for c in s)
            return ENTITY_LIKE.sub(r"\\&", out)

        return md_escape
    return lambda s: s


def _breaks_inside_tags(text: str, markup: dict[int, Markup], hard_break: str) -> str:
    """A hard break inside a tag pair (``<b>one<br>two</b>``) cannot split the unit: it
    becomes a ``<n/>`` item instead, so translators never see half a tag pair."""
    if HARD_BREAK not in text:
        return text
    out: list[str] = []
    depth = 0
    next_tag = max(markup, default=0) + 500
    pos = 0
    for m in re.finditer(rf"{TAG_RE.pattern}|{re.escape(HARD_BREAK)}", text):
        out.append(text[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if token == HARD_BREAK:
            if depth > 0:
                markup[next_tag] = Markup(next_tag, hard_break, None, "line break")
                token = f"<{next_tag}/>"
                next_tag += 1
        elif not m.group(3):
            depth += -1 if m.group(1) else 1
        out.append(token)
    out.append(text[pos:])
    return "".join(out)


def segment_block(block: Block, fmt: Format) -> SegmentedBlock:
    escape = escaper(block, fmt)
    markup = block.markup_map
    pieces: list[tuple[Sentence, ...]] = []
    offset = 0
    text = _breaks_inside_tags(block.text, markup, block.hard_break)
    for piece in text.split(HARD_BREAK):
        chunks = [piece] if block.kind in UNSPLIT_KINDS else split_sentences(piece)
        sentences = []
        pos = offset
        for chunk in chunks:
            start = pos + len(chunk) - len(chunk.lstrip())
            pos += len(chunk)
            if not chunk.strip():
                continue
            text, local, wrap = _localise(chunk, markup, escape)
            line = block.line + bisect.bisect_right(block.line_starts, start)
            sentences.append(Sentence(text, local, wrap, is_translatable(text), line))
        pieces.append(tuple(sentences))
        offset += len(piece) + len(HARD_BREAK)
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
                    units.append(Unit(s.text, (SourceRef(path, s.line or seg.block.line),), seg.block.kind,
                                      s.markup, unit_notes(seg.block, s)))
    return units
