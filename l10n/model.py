"""The data model every stage passes around: frozen dataclasses and enums, no dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


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

    @property
    def uid(self) -> str:
        """A stable id: the hash of the text, so it survives edits elsewhere."""
        return unit_id(self.text)


def unit_id(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


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

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
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
