"""What XLIFF 2.0 and 1.2 share: the exchange model of one catalog, unit ids, states,
and our placeholder tags as a tree of inline codes.

An exported file is one document (PO domain) in one locale. Each live, singular entry
of the PO becomes one unit whose id is derived from the entry's key (msgctxt, msgid),
so the id survives re-ordering and re-export and an import finds its entry again
without trusting the order of the file. Each unit also carries a digest of the PO
entry's translation and state at export time: at import it tells whether the PO entry
was edited meanwhile (see :mod:`l10n.exchange.merge`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum

from ..spans import TAG_RE

#: Hex digits of a unit id's digest of (msgctxt, msgid): 64 bits, no clash in practice.
UNIT_ID_CHARS = 16
#: Hex digits of the digest of the PO translation recorded at export.
STATE_DIGEST_CHARS = 16
SOURCE_LANGUAGE = "en"
#: Characters XML 1.0 cannot hold, even escaped.
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class State(Enum):
    """The PO's three states of an entry, which both XLIFF versions map to their own."""

    NEW = "new"  # no translation
    DRAFT = "draft"  # translated, marked fuzzy (not approved)
    APPROVED = "approved"  # translated and approved by a person


@dataclass(frozen=True)
class Code:
    """One placeholder tag's inline code: what the CAT tool shows and the markup it stands for.

    ``opening``/``closing`` are the exact source markup when the source document could be
    read (None otherwise); ``display`` is a short description for the translator."""

    tag: int
    paired: bool
    display: str = ""
    opening: str | None = None
    closing: str | None = None
    kind: str = ""  # "link", "image" or "" (formatting / other)


@dataclass(frozen=True)
class Note:
    category: str  # context, comment, glossary, location, previous, translator
    text: str


@dataclass(frozen=True)
class ExportUnit:
    uid: str
    msgctxt: str | None
    msgid: str
    msgstr: str
    state: State
    digest: str
    flags: tuple[str, ...]
    notes: tuple[Note, ...]
    codes: dict[int, Code]
    line: int


@dataclass(frozen=True)
class ExportDocument:
    domain: str
    locale_tag: str
    original: str  # the PO file name, for the person who receives the file
    units: tuple[ExportUnit, ...]


@dataclass(frozen=True)
class ImportedUnit:
    """One unit as read back from an XLIFF file: tagged target text and its state."""

    uid: str
    line: int  # of the unit element in the XLIFF file
    source: str  # with our placeholder tags
    target: str | None  # None: no target element
    state: State
    digest: str | None  # the PO state at export, when the file came from us
    msgctxt: str | None = None
    has_context: bool = False  # the file said which msgctxt (our metadata, resname)
    problem: str = ""  # a unit that cannot be imported as it is (an unknown inline code, ...)


@dataclass(frozen=True)
class ImportedFile:
    path: str
    version: str
    locale_tag: str  # trgLang / target-language as written
    domain: str
    units: tuple[ImportedUnit, ...] = field(default_factory=tuple)


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """A stable NMTOKEN for an entry: ``msgctxt ""`` and no context are different keys."""
    key = ("\x04" + msgctxt if msgctxt is not None else "\x05") + "\x00" + msgid
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:UNIT_ID_CHARS]


def state_digest(msgstr: str, fuzzy: bool) -> str:
    """What a person could change in an entry that an import would overwrite."""
    payload = ("fuzzy\x00" if fuzzy else "final\x00") + msgstr
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:STATE_DIGEST_CHARS]


def state_of(msgstr: str, fuzzy: bool) -> State:
    if not msgstr:
        return State.NEW
    return State.DRAFT if fuzzy else State.APPROVED


# -- placeholder tags as a tree -------------------------------------------------------


@dataclass(frozen=True)
class Void:
    tag: int


@dataclass(frozen=True)
class Pair:
    tag: int
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Start:
    """An opening tag whose closing tag does not nest (crossing) or is missing."""

    tag: int
    isolated: bool


@dataclass(frozen=True)
class End:
    tag: int
    isolated: bool


Node = str | Void | Pair | Start | End


def _pairing(tokens: list[tuple[str, int] | str]) -> tuple[set[int], set[int]]:
    """Indices of opening tags that nest properly with their closing tag, and of
    closing tags that have an opening tag at all (nested or not)."""
    nested: set[int] = set()
    stack: list[tuple[int, int]] = []  # (token index, tag)
    for i, tok in enumerate(tokens):
        if isinstance(tok, str):
            continue
        kind, tag = tok
        if kind == "open":
            stack.append((i, tag))
        elif kind == "close" and stack and stack[-1][1] == tag:
            j, _ = stack.pop()
            nested.add(j)
            nested.add(i)
    opened: set[int] = set()
    seen_open: dict[int, int] = {}
    for i, tok in enumerate(tokens):
        if isinstance(tok, str) or i in nested:
            continue
        kind, tag = tok
        if kind == "open":
            seen_open[tag] = seen_open.get(tag, 0) + 1
        elif kind == "close" and seen_open.get(tag, 0) > 0:
            seen_open[tag] -= 1
            opened.add(i)
    return nested, opened


def _tokens(text: str) -> list[tuple[str, int] | str]:
    out: list[tuple[str, int] | str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        pos = m.end()
        tag = int(m.group(2))
        kind = "close" if m.group(1) else "void" if m.group(3) else "open"
        out.append((kind, tag))
    if pos < len(text):
        out.append(text[pos:])
    return out


def parse_tags(text: str) -> tuple[Node, ...]:
    """Tagged text as a tree: nested pairs become :class:`Pair`, ``<n/>`` a :class:`Void`;
    a pair that crosses another, or half a pair, becomes :class:`Start`/:class:`End`."""
    tokens = _tokens(text)
    nested, opened = _pairing(tokens)
    closes_later = {tok[1] for i, tok in enumerate(tokens)
                    if not isinstance(tok, str) and tok[0] == "close" and i in opened}
    root: list[Node] = []
    stack: list[tuple[int, list[Node]]] = []
    current = root
    for i, tok in enumerate(tokens):
        if isinstance(tok, str):
            current.append(tok)
            continue
        kind, tag = tok
        if kind == "void":
            current.append(Void(tag))
        elif kind == "open" and i in nested:
            stack.append((tag, current))
            current = []
        elif kind == "close" and i in nested:
            parent = stack.pop()[1]
            parent.append(Pair(tag, tuple(current)))
            current = parent
        elif kind == "open":
            current.append(Start(tag, isolated=tag not in closes_later))
        else:
            current.append(End(tag, isolated=i not in opened))
    return tuple(root)


def tag_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in TAG_RE.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    return counts


def tag_difference(source: str, target: str) -> str:
    """'' when the target has exactly the source's inline codes; else what differs."""
    want, got = tag_counts(source), tag_counts(target)
    if want == got:
        return ""
    missing = sorted(t for t in want if got.get(t, 0) < want[t])
    extra = sorted(t for t in got if want.get(t, 0) < got[t])
    parts = []
    if missing:
        parts.append(f"missing {' '.join(missing)}")
    if extra:
        parts.append(f"extra {' '.join(extra)}")
    return "inline codes differ from the source: " + ", ".join(parts)
