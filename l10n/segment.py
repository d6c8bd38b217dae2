"""Sentence segmentation and the decision of what is sent to translation.

Sentences come from pysbd (rule-based, Golden Rules tested, handles abbreviations,
decimals and initialisms), run with quote characters masked so that a multi-sentence
quotation is split like any other prose. URLs, e-mail addresses and phone numbers
become ``<n/>`` placeholders flagged "do not translate". A line of values alone (a
phone number, an address, a link, separators) is not a unit; a contact line with its
label (``Tel: <1/>``) is one, so that the label is localised (by rule, see
:mod:`l10n.determined`) while the build writes the values back unchanged.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import pysbd

from . import defaults
from .errors import InputError
from .inline import strip_tags
from .model import HARD_BREAK, Block, BlockKind, Document, Markup, SourceRef, Unit
from .spans import SENTENCE_EMAIL_RE as EMAIL_RE
from .spans import SENTENCE_URL_RE as URL_RE
from .spans import TAG_RE

QUOTE_CHARS = re.compile(r'["“”]')
QUOTE_MASK = "\ue000"  # private-use character: same length, no quote semantics
CLOSERS = "\"”’')]）」』 \t"
#: EMAIL_RE tried only at the first word character of a run of address characters: a
#: later start in the same run reaches the same "@" (or none) and fails the same way, and
#: trying each one made a long run such as ``a.a.a.a...`` cost its length squared.
_EMAIL_AT_RUN = re.compile(r"(?<![\w.+-])[.+-]*(?P<m>" + EMAIL_RE.pattern + ")")
PHONE_RE = re.compile(
    r"(?:(?:\+\s?852|\(\s*\+?852\s*\))\s?)?(?<![\d,.$])\b[2-9]\d{3}[ -]?\d{4}\b(?![\d,]|\.\d)"
)
PHONE_PREFIX_RE = re.compile(r"^(?:\+\s?852|\(\s*\+?852\s*\))")
#: The contact labels, lower-cased: a phone-shaped number counts as a phone only after
#: one of them, and each has its localised form in the language profiles
#: (``l10n.lang.zh.CONTACT_LABELS``; a test keeps the two in step).
CONTACT_LABEL_WORDS = (
    "tel", "telephone", "phone", "fax", "mobile", "mob", "email", "e-mail", "website", "web", "url",
    "whatsapp", "wechat", "hotline", "enquiries", "contact", "call",
)
LABELS_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, CONTACT_LABEL_WORDS)) + r")\b\.?", re.IGNORECASE)
PHONE_CONTEXT = 30  # a phone-shaped number counts as a phone only with a label this close before it
# abbreviations pysbd does not know; their full stop is masked while splitting
EXTRA_ABBREVIATIONS = re.compile(
    r"\b(?:Approx|approx|Est|est|Govt|Dept|Nos|Ref|Tel|Exec|Assoc|Admin)\."
    # references to legislation and documents: "Cap. 123", "Vol. 2", "para. 4(b)"
    r"|\b(?:Cap|Caps|Vol|Vols|Para|Paras|para|paras|Art|Arts|Sec|Sch|Chap|Ord|No|Rm|Flr|Fig|Figs|Item|Pt)\.(?=\s+\d)"
)
ABBREVIATION_MASK = "\ue001"
LETTER_RE = re.compile(r"[^\W\d_]")
#: ``[sources] segmentation``: one unit per sentence (the default) or per block, for
#: teams that translate paragraph by paragraph. Extract and build must segment alike, so
#: both run inside ``segmentation(mode)``; see ``defaults.SEGMENTATION``.
SEGMENTATIONS = defaults.SEGMENTATIONS
SENTENCE_SEGMENTATION, PARAGRAPH_SEGMENTATION = SEGMENTATIONS
_SEGMENTATION: ContextVar[str] = ContextVar("segmentation", default=SENTENCE_SEGMENTATION)


@contextlib.contextmanager
def segmentation(mode: str) -> Iterator[None]:
    """Segment by ``mode`` (``sentence`` or ``paragraph``) inside the ``with`` block."""
    if mode not in SEGMENTATIONS:
        raise InputError(f"unknown segmentation {mode!r}", hint=f"use one of: {', '.join(SEGMENTATIONS)}")
    token = _SEGMENTATION.set(mode)
    try:
        yield
    finally:
        _SEGMENTATION.reset(token)


UNSPLIT_KINDS = frozenset({BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE_CELL, BlockKind.ATTRIBUTE})
#: A unit (sentence, heading, cell) longer than this is refused at extraction: nobody can
#: translate it as one entry, and it is almost always a missing full stop or a data blob.
MAX_UNIT_CHARS = 10_000
#: pysbd's cost grows with the square of its input (each abbreviation it finds rewrites
#: the whole text; each sentence is looked up from the start). A paragraph longer than
#: this is fed to it a window at a time, each window starting at the last sentence the
#: previous one found, so the cost is linear; shorter paragraphs are one call, as before.
#: One more than the unit limit: a window with no sentence end is a unit over the limit.
SPLIT_WINDOW = MAX_UNIT_CHARS + 1
_TRAILING_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Sentence:
    """One sentence occurrence: its msgid text with local tags and how to restore it."""

    text: str
    markup: tuple[Markup, ...]
    wrap: tuple[str, str]
    translatable: bool
    line: int = 0  # 1-based source line where the sentence starts
    source_chars: int = 0  # length of the source stretch it came from, tags included

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


def _pysbd_pieces(text: str) -> list[str]:
    """pysbd's sentences of ``text`` with their trailing space, tiling it exactly.

    pysbd's own character spans search every sentence from the start of the text
    (quadratic when sentences repeat); here each is looked for where the previous one
    ended. When pysbd changed a character, the text stays one piece (as before).
    """
    sentences = _segmenter().processor(text).process()
    pieces: list[str] = []
    pos = 0
    for sent in sentences:
        if not sent:
            continue
        if not text.startswith(sent, pos):
            return [text]
        end = _TRAILING_SPACE.match(text, pos + len(sent)).end()  # type: ignore[union-attr]
        pieces.append(text[pos:end])
        pos = end
    return pieces if pos == len(text) else [text]


def _windowed_pieces(masked: str, window: int = SPLIT_WINDOW) -> list[str]:
    """pysbd pieces of a text of any length, a bounded window at a time.

    The last piece of a window may be cut by the window's edge, so the next window
    starts there. A window in which pysbd finds no boundary at all is kept as one piece
    (a "sentence" of ``window`` characters, which extraction refuses).
    """
    pieces: list[str] = []
    pos = 0
    while len(masked) - pos > window:
        found = _pysbd_pieces(masked[pos:pos + window])
        keep = found[:-1] if len(found) > 1 else found
        pieces.extend(keep)
        pos += sum(len(p) for p in keep)
    if pos < len(masked):
        pieces.extend(_pysbd_pieces(masked[pos:]))
    return pieces


def _split(text: str) -> list[str]:
    if not text.strip():
        return []
    masked = QUOTE_CHARS.sub(QUOTE_MASK, text)
    masked = EXTRA_ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + ABBREVIATION_MASK, masked)
    raw: list[str] = []
    pos = 0
    for piece in _windowed_pieces(masked):  # masking keeps lengths: same offsets in text
        raw.append(text[pos:pos + len(piece)])
        pos += len(piece)
    if pos != len(text):
        raw = [text]
    out: list[list[str]] = []  # each sentence as parts, joined once (no quadratic +=)
    for piece in raw:
        # a closing quote or bracket that pysbd left at the start belongs to the previous one
        lead = len(piece) - len(piece.lstrip(CLOSERS))
        if out and lead and piece[:lead].strip():
            out[-1].append(piece[:lead])
            piece = piece[lead:]
        if out and not piece.strip():
            out[-1].append(piece)
        elif piece:
            out.append([piece])
    joined = ["".join(parts) for parts in out]
    return _merge_open_tags([s for s in joined if s.strip()])


def _merge_open_tags(sentences: list[str]) -> list[str]:
    """Rejoin sentences when a paired tag opens in one and closes in a later one."""
    merged: list[list[str]] = []
    depth = 0
    for s in sentences:
        if merged and depth > 0:
            merged[-1].append(s)
        else:
            merged.append([s])
        for m in TAG_RE.finditer(s):
            if m.group(3):
                continue
            depth += -1 if m.group(1) else 1
    return ["".join(parts) for parts in merged]


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


def email_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``EMAIL_RE.finditer`` finds, in time linear in the text."""
    if "@" not in text:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        # right after a match, a new one may start mid-run (``a@b.c-d@e.f``)
        at = EMAIL_RE.match(text, pos) if spans else None
        if at is None:
            run = _EMAIL_AT_RUN.search(text, pos)
            if run is None:
                return spans
            spans.append(run.span("m"))
        else:
            spans.append(at.span())
        pos = spans[-1][1]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (ordered, disjoint) span replaced by one space."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out += [text[pos:start], " "]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _remove_phones(text: str) -> str:
    return _blank(text, phone_spans(text))


def is_translatable(text: str) -> bool:
    """False for values alone (phone numbers, addresses, links), separators and empty markup.

    Any word left once the values are taken out makes a unit: prose, a heading
    "Enquiries", and a contact label before its values (``Tel: <1/>``, ``Email: <1><2/></1>``),
    which :mod:`l10n.determined` renders by rule. A label with a name (``Enquiries: Ms
    Chan, <1/>``) is an ordinary unit: the name needs a translator, the number stays protected.
    """
    plain = strip_tags(text)
    no_urls = URL_RE.sub(" ", plain)
    rest = _remove_phones(_blank(no_urls, email_spans(no_urls)))
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
        inside = _TagSpans(s)
        for start, end in spans:
            if inside(start):
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

    text = protect(URL_RE, "URL", text)
    text = protect_spans(email_spans(text), "e-mail", text)
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


class _TagSpans:
    """Is an offset strictly inside a placeholder tag? (Tags found once, then bisected:
    one scan per sentence, not one per URL or phone number.)"""

    def __init__(self, text: str) -> None:
        spans = [(t.start(), t.end()) for t in TAG_RE.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos) - 1  # the last tag starting before pos
        return i >= 0 and pos < self.ends[i]


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


def segment_block(block: Block) -> SegmentedBlock:
    """The block's sentences; protected spans are written as the block's location escapes them."""
    escape = block.location.escape
    markup = block.markup_map
    pieces: list[tuple[Sentence, ...]] = []
    offset = 0
    text = _breaks_inside_tags(block.text, markup, block.hard_break)
    whole = _SEGMENTATION.get() == PARAGRAPH_SEGMENTATION
    for piece in text.split(HARD_BREAK):
        chunks = [piece] if block.kind in UNSPLIT_KINDS or whole else split_sentences(piece)
        sentences = []
        pos = offset
        for chunk in chunks:
            start = pos + len(chunk) - len(chunk.lstrip())
            pos += len(chunk)
            if not chunk.strip():
                continue
            text, local, wrap = _localise(chunk, markup, escape)
            line = block.line + bisect.bisect_right(block.line_starts, start)
            sentences.append(Sentence(text, local, wrap, is_translatable(text), line, len(chunk)))
        pieces.append(tuple(sentences))
        offset += len(piece) + len(HARD_BREAK)
    return SegmentedBlock(block, tuple(pieces))


def segment_document(doc: Document) -> list[SegmentedBlock]:
    return [segment_block(b) for b in doc.blocks]


def unit_notes(block: Block, sentence: Sentence) -> tuple[str, ...]:
    notes = [block.location.note or (block.kind.value if not block.level else f"{block.kind.value} {block.level}")]
    for m in sentence.markup:
        if m.paired:
            if m.note:
                notes.append(f"<{m.tag}>…</{m.tag}> = link {m.note}")
        elif m.note:
            notes.append(f"<{m.tag}/> = {m.note} (do not translate)")
    return tuple(notes)


def _check_size(sentence: Sentence, block: Block, path: str) -> None:
    """Refuse a unit nobody can translate as one entry (and that would cost the later
    stages, which compare and match whole units, more than the rest of the release)."""
    size = max(sentence.source_chars, len(sentence.text))
    if size <= MAX_UNIT_CHARS:
        return
    what = "sentence" if block.kind not in UNSPLIT_KINDS else block.kind.value
    raise InputError(f"a {what} of more than {MAX_UNIT_CHARS:,} characters (the limit for one unit)",
                     path=path, line=sentence.line or block.line,
                     hint="add the missing full stop or line break, or split the text into "
                          "paragraphs")


def document_units(doc: Document, *, ref_path: str | None = None) -> list[Unit]:
    """Every translatable sentence of a document, in order; repeats are kept (merged later).

    A unit over ``MAX_UNIT_CHARS`` is an InputError naming the file and line.
    """
    path = ref_path or doc.path
    units: list[Unit] = []
    for seg in segment_document(doc):
        for piece in seg.pieces:
            for s in piece:
                if s.translatable:
                    _check_size(s, seg.block, doc.path)
                    units.append(Unit(s.text, (SourceRef(path, s.line or seg.block.line),), seg.block.kind,
                                      s.markup, unit_notes(seg.block, s)))
    return units
