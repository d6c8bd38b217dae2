"""The data model every stage passes around: frozen dataclasses and enums, no dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from pathlib import PurePath


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    QUOTE = "quote"
    TABLE_CELL = "table cell"
    TITLE = "title"
    ATTRIBUTE = "attribute"  # a translatable attribute (alt, title, meta content): one unit


#: A hard line break inside a block, in the block's flat text (each format writes it its
#: own way: two spaces and a newline in Markdown, ``<br>`` in HTML).
HARD_BREAK = "\n"
LF, CRLF, CR = "\n", "\r\n", "\r"
#: Characters a PO file cannot carry: gettext refuses U+0004 (its context separator) in a
#: string, and a NUL cuts the text in the MO file. Replaced one for one in every Block, so
#: offsets into the text stay valid and extract and build both see the same msgid.
UNSAFE_IN_PO = str.maketrans({"\x00": "\ufffd", "\x04": "\ufffd"})


@dataclass(frozen=True)
class Location:
    """Where a block sits in its source, in its format's own terms, and how plain text is
    written back there.

    Each format defines its own subclasses (a Markdown line prefix, an HTML element path);
    only that format's writer looks inside them. The segmenter asks only ``escape``, so
    it needs to know no format.
    """

    def escape(self, text: str) -> str:
        """``text`` as it must be written at this location to read back as itself."""
        return text

    @property
    def note(self) -> str | None:
        """The unit's context when the block's kind does not say it (an attribute's name)."""
        return None


@dataclass(frozen=True)
class Block:
    """One block of a source (heading, paragraph, list item, quote, table cell) as a
    format's reader found it: its inline text with placeholder tags, and where it goes back.

    ``line``/``end_line`` are 1-based and inclusive. ``hard_break`` is how the format
    writes a hard line break inside the block; ``line_starts`` are the offsets in ``text``
    where source lines 2, 3, ... begin (for the line of each sentence).
    """

    kind: BlockKind
    text: str
    markup: tuple[Markup, ...]
    line: int
    end_line: int
    location: Location = field(default_factory=Location)
    hard_break: str = HARD_BREAK
    level: int = 0
    line_starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if "\x00" in self.text or "\x04" in self.text:
            object.__setattr__(self, "text", self.text.translate(UNSAFE_IN_PO))

    @property
    def markup_map(self) -> dict[int, Markup]:
        return {m.tag: m for m in self.markup}


@dataclass(frozen=True)
class Document:
    """A parsed source: its blocks, and what its format needs to write it back.

    ``format`` names the format that read it (``markdown``, ``html``, ``text``, or a
    registered plug-in). A text format keeps the text with ``\n`` line ends in ``source``;
    ``newline`` and ``bom`` say how the file itself was written (``mixed_source`` holds a
    file mixing line ends as it was, for a build with nothing translated). A format that is
    not text (a zipped one) keeps the file's bytes in ``data``.
    """

    path: str
    format: str
    source: str
    blocks: tuple[Block, ...]
    newline: str = LF
    bom: bool = False
    mixed_source: str | None = None
    data: bytes = b""

    @property
    def domain(self) -> str:
        """The gettext domain: the file's stem (release.md -> release)."""
        return PurePath(self.path).stem


@dataclass(frozen=True)
class SourceRef:
    """Where a unit came from: a path (as given, relative to the project) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Markup:
    """One inline markup item replaced by a placeholder tag in a unit's text.

    Paired markup (bold, a link) becomes ``<n>...</n>``; standalone items that are
    never translated (a URL, an e-mail address, inline code) become ``<n/>``.
    ``opening``/``closing`` are the exact source strings the build puts back.
    """

    tag: int
    opening: str
    closing: str | None = None
    note: str = ""

    @property
    def paired(self) -> bool:
        return self.closing is not None


@dataclass(frozen=True)
class Unit:
    """One translatable unit: a heading or one sentence of a paragraph."""

    text: str
    refs: tuple[SourceRef, ...]
    kind: BlockKind
    markup: tuple[Markup, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A catalog entry as the checks see it: source, target and where it lives."""

    msgid: str
    msgstr: str
    path: str
    line: int
    msgctxt: str | None = None
    fuzzy: bool = False
    comments: tuple[str, ...] = ()
    #: The entry's ``#,`` flags (``fuzzy``, ``ignore-numbers``...): a translator accepts a
    #: deliberate difference with ``ignore-<check>`` and its findings become info.
    flags: tuple[str, ...] = ()
    #: The line of the entry's ``msgstr`` keyword (0: not known), where CI annotations point.
    msgstr_line: int = 0


@dataclass(frozen=True)
class Finding:
    """One problem a check found; the JSON report's ``findings`` items."""

    path: str
    line: int
    msgctxt: str | None
    msgid: str
    check: str
    severity: Severity
    message: str
    #: The translation checked, whether it is an unapproved draft, and the line of its
    #: ``msgstr`` keyword (0: not known; ``line`` is the entry's first line).
    msgstr: str = ""
    fuzzy: bool = False
    msgstr_line: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "msgstr_line": self.msgstr_line or self.line,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "msgstr": self.msgstr,
            "fuzzy": self.fuzzy,
            "check": self.check,
            "severity": str(self.severity),
            "message": self.message,
        }


class QuantityKind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RATIO = "ratio"
    FRACTION = "fraction"
    DATE = "date"
    YEAR = "year"
    ORDINAL = "ordinal"
    TIME = "time"


@dataclass(frozen=True)
class Quantity:
    """A number found in text, normalised to an exact value.

    ``value`` is exact (a Fraction); money carries an ISO currency code. Dates use
    ``date`` (year, month, day; None where not written). Ratios keep both terms in
    ``terms``. ``approx`` records words like "over" / 超過, which comparison ignores.
    """

    value: Fraction
    kind: QuantityKind
    text: str
    start: int
    end: int
    currency: str | None = None
    date: tuple[int | None, int | None, int | None] | None = None
    terms: tuple[Fraction, ...] = ()
    approx: bool = False


@dataclass(frozen=True)
class EnglishForm:
    """One English way of writing a concept (full form, abbreviation, variant).

    Case and do-not-translate are properties of a *form*, not of the concept: "artificial
    intelligence" matches any case while "AI" must not match "ai"; "Cyberport Macro Fund"
    is translated while its abbreviation "CMF" stays in English in the Chinese release.
    """

    text: str
    case_sensitive: bool = False
    do_not_translate: bool = False


@dataclass(frozen=True)
class ForbiddenRendering:
    """A rendering a locale must not use, and why (shown to translators in findings)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Term:
    """One glossary concept: its English forms and one approved rendering per locale.

    ``renderings`` (the one preferred rendering), ``admitted`` (further renderings a
    check accepts, e.g. 香港特區 beside 香港特別行政區) and ``forbidden`` are keyed by
    BCP 47 tag (``zh-Hant-HK``). They are excluded from hashing (dicts are not
    hashable) but compared. ``ambiguous`` lists English forms with other common
    meanings (``IP`` as in IP address): they give translators a comment but are never
    enforced or protected for MT. ``short`` lists, per locale, the short forms a
    document may use once the full rendering has appeared (創科局, 港投公司). ``line``
    is where the concept starts in its term base, for error messages; it takes no part
    in equality.
    """

    concept_id: str
    forms: tuple[EnglishForm, ...]
    renderings: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    forbidden: dict[str, tuple[ForbiddenRendering, ...]] = field(
        default_factory=dict, hash=False, compare=True)
    note: str = ""
    line: int = field(default=0, compare=False)
    admitted: dict[str, tuple[str, ...]] = field(
        default_factory=dict, hash=False, compare=True)
    ambiguous: tuple[str, ...] = ()
    short: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=True)

    @property
    def english(self) -> tuple[str, ...]:
        """The English forms as plain strings, preferred form first."""
        return tuple(f.text for f in self.forms)

    @property
    def preferred(self) -> str:
        """The preferred English form (the first one), or "" for a broken entry."""
        return self.forms[0].text if self.forms else ""

    @property
    def do_not_translate(self) -> bool:
        """True when every English form stays in English (a brand such as InnoHK)."""
        return bool(self.forms) and all(f.do_not_translate for f in self.forms)
