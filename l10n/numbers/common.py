"""Pieces both extractors share: the internal hit record, value parsing, formatting.

Extraction works on a light mutable ``Hit`` rather than the frozen ``Quantity``: the
checker runs over tens of thousands of entries and only needs a ``Quantity`` when it
reports something, so hits are converted at the API edge (``Hit.quantity``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from ..model import Quantity, QuantityKind

#: Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, mapped one character to
#: one character so that offsets into the normalised text are offsets into the original.
WIDTH_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
WIDTH_TABLE.update({0x3000: 0x20, 0xFE6A: 0x25, 0x00A0: 0x20, 0x202F: 0x20, 0x2009: 0x20})
#: Any character WIDTH_TABLE maps: one C-speed search tells whether a text needs it.
_WIDE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(WIDTH_TABLE)) + "]")


#: WIDTH_TABLE as characters, for str.replace.
_WIDE_CHARS: dict[str, str] = {chr(wide): chr(narrow) for wide, narrow in WIDTH_TABLE.items()}


def half_width(text: str) -> str:
    """``text.translate(WIDTH_TABLE)``; most texts hold no such character, and searching
    for one costs a fraction of translating character by character.

    A text that has some (full-width brackets in Chinese) holds few distinct ones, and
    replacing each costs about half of ``translate``, which looks every character of a
    non-ASCII text up in the table. The same result: every replacement is ASCII, which
    the table never maps, so the order of the replacements does not matter."""
    first = _WIDE_RE.search(text)
    if first is None:
        return text
    for wide in set(_WIDE_RE.findall(text, first.start())):
        text = text.replace(wide, _WIDE_CHARS[wide])
    return text

#: The value of a date hit (dates compare by their parts), shared rather than rebuilt.
ZERO = Fraction(0)

#: The kinds as module constants: ``QuantityKind.MONEY`` goes through the enum class's
#: attribute lookup (about ten times a global's cost), and the extractors name a kind
#: several times for every hit.
K_COUNT = QuantityKind.COUNT
K_MONEY = QuantityKind.MONEY
K_PERCENT = QuantityKind.PERCENT
K_RATIO = QuantityKind.RATIO
K_FRACTION = QuantityKind.FRACTION
K_DATE = QuantityKind.DATE
K_YEAR = QuantityKind.YEAR
K_ORDINAL = QuantityKind.ORDINAL
K_TIME = QuantityKind.TIME


#: A year written on its own (2025) is a year, not a count, inside this range.
YEAR_MIN = 1900
YEAR_MAX = 2099

#: Currency codes of the symbols and names both languages use.
HKD = "HKD"
USD = "USD"
CNY = "CNY"
EUR = "EUR"
GBP = "GBP"
JPY = "JPY"

#: Web and e-mail addresses hold digits that are not quantities.
_ADDRESS_RE = re.compile(
    r"https?://\S+|www\.\S+|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+", re.IGNORECASE)
#: The same, with the e-mail alternative tried only where a run of address characters
#: starts: a later start in the run reaches the same "@" (or none) and fails the same
#: way, and trying each one made a long run (``a.a.a...``) cost its length squared.
_ADDRESS_AT_RUN_RE = re.compile(
    r"https?://\S+|www\.\S+|(?<![A-Za-z0-9._+-])[A-Za-z0-9._+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+",
    re.IGNORECASE)

#: ``¥`` is written for both yuan and yen; either is accepted for it.
AMBIGUOUS_YEN = frozenset({CNY, JPY})


class Hit:
    """One quantity found by an extractor (internal, cheap, mutable until returned).

    ``weak`` marks Chinese readings that are real numbers only sometimes (a lone 一, 半,
    首): they may satisfy a source quantity but are never reported as extra. ``bare``
    marks money whose currency was implied (a lone ``$`` or 元), which the comparison
    accepts for HKD or CNY. ``mag`` is the magnitude word's multiplier, used to spread
    a magnitude over a range (``2 to 3 billion``). ``point`` marks a percentage that is
    a difference in percentage points (個百分點), never equal to a plain per cent.
    """

    __slots__ = ("value", "kind", "start", "end", "text", "currency", "date", "approx",
                 "weak", "bare", "mag", "terms", "point", "alt", "rel", "mult", "list_year", "label")

    def __init__(self, value: Fraction, kind: QuantityKind, start: int, end: int, text: str,
                 currency: str | None = None,
                 date: tuple[int | None, int | None, int | None] | None = None,
                 *, weak: bool = False, bare: bool = False, mag: int = 1,
                 terms: tuple[Fraction, ...] = ()) -> None:
        self.value = value
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.currency = currency
        self.date = date
        self.approx = False
        self.weak = weak
        self.bare = bare
        self.mag = mag
        self.terms = terms
        self.point = False
        #: Another value the same words may mean: a clock hour written without 上午/下午
        #: (4時 may be 16:00), so that either reading matches.
        self.alt: Fraction | None = None
        #: A relative word that stands for missing date parts (本月 for the month).
        self.rel = ""
        #: A multiplier (twice, 兩倍): 增加一倍 means doubled, so k-fold may be k-1 倍.
        self.mult = False
        #: The year a year-less date shares with its list or range ("January - March
        #: 2015"): used in comparison only, so the date as written is reported unchanged.
        self.list_year: int | None = None
        #: An item label in brackets ((三), (c), (3)): a Chinese one answers only an
        #: English label, never "three years" elsewhere in the sentence.
        self.label = False

    def full_date(self) -> tuple[int | None, int | None, int | None] | None:
        """The date with the year its list or range supplies, for comparison."""
        if self.date is None or self.list_year is None or self.date[0] is not None:
            return self.date
        return (self.list_year, self.date[1], self.date[2])

    def quantity(self) -> Quantity:
        """The public, frozen form of this hit."""
        return Quantity(Fraction(self.value), self.kind, self.text, self.start, self.end,
                        currency=self.currency, date=self.date, terms=self.terms,
                        approx=self.approx)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Hit({self.text!r}, {self.kind}, {self.value}, {self.currency}, {self.date})"


#: What turns one matched alternative of a master scan into hits: (text, start, end).
Maker = Callable[[str, int, int], list[Hit]]


_OPEN = "(（"
_CLOSE = ")）"


def mark_labels(hits: list[Hit], text: str) -> None:
    """Flag hits written alone in brackets as item labels: (三), (1), （二）."""
    for hit in hits:
        if (hit.start > 0 and hit.end < len(text) and text[hit.start - 1] in _OPEN
                and text[hit.end] in _CLOSE):
            hit.label = True


def mask_addresses(text: str) -> str:
    """Blank out URLs and e-mail addresses, keeping every other offset unchanged."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return text
    out: list[str] = []
    pos = 0
    last_end = -1
    while True:
        # right after a match, a new one may start mid-run, as in _ADDRESS_RE.sub
        m = _ADDRESS_RE.match(text, pos) if pos == last_end else None
        if m is None:
            m = _ADDRESS_AT_RUN_RE.search(text, pos)
        if m is None:
            break
        out += [text[pos:m.start()], " " * (m.end() - m.start())]
        pos = last_end = m.end()
    out.append(text[pos:])
    return "".join(out)


#: Distinct digit strings whose values are remembered: a catalog repeats the same few
#: thousand (years, percentages, round amounts), and the values are immutable.
DECIMAL_CACHE_SIZE = 16_384


def full_year(first: int, last_two: int) -> int:
    """The year a financial-year range ends in (2024-25, 1999-00, 二〇二四至二五): the
    first year after or at ``first`` whose last two digits are ``last_two``."""
    century = first - first % 100
    return century + last_two if century + last_two >= first else century + 100 + last_two


@functools.lru_cache(maxsize=DECIMAL_CACHE_SIZE)
def parse_decimal(digits: str) -> Fraction:
    """Exact value of a digit string with ``,``/space grouping and a ``.`` decimal point
    (integer arithmetic: parsing the string with Fraction() is several times slower).

    A whole number is returned as a plain ``int`` (it compares, adds and multiplies
    with Fractions exactly, at a fraction of the cost); ``Hit.quantity`` makes every
    value a Fraction at the API edge."""
    plain = digits.replace(",", "").replace(" ", "")
    whole, dot, frac = plain.partition(".")
    if not dot:
        return int(plain)  # type: ignore[return-value]
    return Fraction(int(whole + frac), 10 ** len(frac))


def year_kind(value: Fraction, raw: str) -> QuantityKind:
    """A plain four-digit number between 1900 and 2099 reads as a year."""
    if (value.denominator == 1 and YEAR_MIN <= value <= YEAR_MAX and len(raw) == 4
            and raw.isdigit()):
        return K_YEAR
    return K_COUNT


def format_decimal(value: Fraction, *, group: bool = True) -> str:
    """Exact decimal text of a value (no float artefacts); non-terminating values are
    rounded to six places, which no press-release amount needs."""
    if value.denominator == 1:
        whole = int(value)
        return f"{whole:,}" if group else str(whole)
    dec = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(dec.normalize(), "f")
    if len(text.split(".")[-1]) > 6:
        text = format(round(dec, 6).normalize(), "f")
    head, _, frac = text.partition(".")
    if group:
        head = f"{int(head):,}" if head not in ("", "-") else head
    return f"{head}.{frac}" if frac else head


def describe(value: Fraction, kind: QuantityKind, currency: str | None,
             date: tuple[int | None, int | None, int | None] | None,
             terms: tuple[Fraction, ...] = ()) -> str:
    """The normalised value shown in messages, e.g. ``44,300,000,000 HKD``."""
    if kind is K_DATE and date is not None:
        return "-".join("?" if p is None else f"{p:02d}" for p in date)
    if kind is K_RATIO and terms:
        return ":".join(format_decimal(t) for t in terms)
    if kind is K_PERCENT:
        return f"{format_decimal(value)}%"
    if kind is K_FRACTION:
        return f"{value.numerator}/{value.denominator}"
    if kind is K_ORDINAL:
        return f"#{format_decimal(value)}"
    if kind is K_TIME:
        minutes = int(value)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = format_decimal(value, group=kind is not K_YEAR)
    return f"{text} {currency}" if currency else text


#: A Hong Kong phone number (optionally with +852): never a quantity, in either language.
PHONE_PATTERN = (r"(?:(?:\+?\(?\s?852\s?\)?|\+\d{2,3}|\(\s?\+?\d{2,3}\s?\))[\s-]?)?"
                 r"(?<![\d-])(?!(?:19|20)\d\d-)\d{4}[ -]\d{4}(?![\d-])")


def phone_hit(text: str, start: int, end: int) -> Hit:
    """A phone number: its eight digits as the value; a country code written with it
    is kept in ``alt``, so that (852) against (892) differs but a code left out does not."""
    digits = "".join(ch for ch in text if ch.isdigit())
    hit = Hit(Fraction(int(digits[-8:])), K_COUNT, start, end, text)
    if len(digits) > 8:
        hit.alt = Fraction(int(digits))
    return hit


#: A day-first slash date as Hong Kong English writes it: 1/9/2025 is 1 September 2025.
SLASH_DATE_PATTERN = r"(?<![\d/.])(?:3[01]|[12]\d|0?[1-9])/(?:1[0-2]|0?[1-9])/(?:19|20)\d{2}(?![\d/])"

#: A session-numbered paper (LegCo ``No. 5/17-18``, ``CB(2)1234/17-18``): an identifier
#: compared as a whole, never read as a fraction and a range.
PAPER_ID_PATTERN = r"(?<![\d/.])\d{1,5}/\d{2}-\d{2}(?![\d/-])"


def slash_date_hit(text: str, start: int, end: int) -> Hit:
    """``1/9/2025`` (day first) as the date 2025-09-01."""
    day, month, year = (int(p) for p in text.split("/"))
    return Hit(ZERO, K_DATE, start, end, text, date=(year, month, day))


def paper_id_hit(text: str, start: int, end: int) -> Hit:
    """A paper number as one opaque value: its digits in order (5/17-18 → 51718)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return Hit(Fraction(int(digits)), K_ORDINAL, start, end, text)


def clock_minutes(hour: int, minute: int, period: str) -> int:
    """Minutes after midnight of a clock reading; ``period`` is "am", "pm" or ""."""
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return (hour % 24) * 60 + minute


#: ``1/5`` written with a slash (the same in both languages; a year pair is matched first).
SLASH_PATTERN = r"(?<![\d/.])\d{1,3}/\d{1,3}(?![\d/])"


def slash_hits(text: str, start: int, end: int) -> list[Hit]:
    """``1/5`` is a fraction; ``24/7`` (top not below bottom) is two plain numbers."""
    slash = text.index("/")
    top, bottom = int(text[:slash]), int(text[slash + 1:])
    if 0 < top < bottom:
        return [Hit(Fraction(top, bottom), K_FRACTION, start, end, text)]
    return [Hit(Fraction(top), K_COUNT, start, start + slash, text[:slash]),
            Hit(Fraction(bottom), K_COUNT, start + slash + 1, end, text[slash + 1:])]


def lower_source(source: str) -> str:
    """A pattern for lower-cased text: its letters lower-cased (``\\S`` kept apart from
    the ``\\s`` lower() makes, and group names as written)."""
    return source.replace(r"\S", r"[^\s]").lower().replace("(?p<", "(?P<")


#: Characters that have a meaning of their own at the start of a regex alternative.
_REGEX_SPECIAL = frozenset("\\[]().^$*+?{}|")


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex source (``|`` outside groups and classes)."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    in_class = escaped = False
    for i, ch in enumerate(source):
        current.append(ch)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            # a "]" first in a class ("[]a]", "[^]a]") is a member, not the end
            in_class = ch != "]" or source[i - 1] == "[" or source[i - 2:i] == "[^"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            current.pop()
            out.append("".join(current))
            current = []
    out.append("".join(current))
    return out


def grouped_union(union: str) -> str:
    """``union`` with its alternatives that begin with the same plain character merged
    behind it (``tw|thr|ten`` → ``t(?:w|hr|en)``): the same language, but a position
    tests each first character once instead of once per word (the union runs at every
    position that passes the guard). Others keep their place; a first character that
    is special in a regex, or quantified, is left as it is."""
    order: list[tuple[str, str]] = []  # (an alternative kept as it is, "") or ("", a head)
    rests: dict[str, list[str]] = {}
    for alt in split_alternatives(union):
        head = alt[:1]
        if not alt or head in _REGEX_SPECIAL or alt[1:2] in ("*", "+", "?", "{"):
            order.append((alt, ""))
            continue
        if head not in rests:
            rests[head] = []
            order.append(("", head))
        if alt[1:] not in rests[head]:
            rests[head].append(alt[1:])  # "" for the head alone: any text it starts
    return "|".join(
        kept or head + (rests[head][0] if len(rests[head]) == 1 else "(?:" + "|".join(rests[head]) + ")")
        for kept, head in order)


def master_source(guard: str, alternatives: Sequence[tuple[str, str]], union: str, *,
                  prefilters: bool = True) -> str:
    """The master pattern: ``guard``, then the alternatives in order, each behind its
    prefilter; ``union`` is a lookahead body that every alternative's match satisfies
    (a coarser union of the prefilters, cheaper than joining them), tried once first.

    The regex engine tries the alternatives one by one at every position that passes the
    guard; most positions (a word, a digit inside a plain count) match none of them, and
    a prefilter that fails on the next character or two is far cheaper than a body that
    fails after a few steps. ``prefilters=False`` gives the bodies alone: the same
    matches, as every prefilter is implied by its body (the tests compare the two).
    """
    if not prefilters:
        return guard + "(?:" + "|".join(body for _, body in alternatives) + ")"
    return (guard + f"(?={grouped_union(union)})(?:"
            + "|".join(f"(?={pre}){body}" for pre, body in alternatives) + ")")


class MasterScan:
    """An extractor's master pattern, compiled on first use rather than at import (tens of
    milliseconds, a tenth of a second for the case-insensitive form): a command or a
    catalog that never meets a number does not pay for it.

    The scan runs on lower-cased text with a case-sensitive pattern, about twice as fast as
    IGNORECASE; the case-insensitive form serves only text whose length ``lower()`` changes
    (rare). ``module_getattr`` is the module's ``__getattr__``, so code that names the
    compiled scan as a constant (``MASTER_EN``) still finds it.
    """

    def __init__(self, source: str, *, module: str, constant: str) -> None:
        self._source = source
        self._module = module
        self._constant = constant
        self._lower: re.Pattern[str] | None = None
        self._any_case: re.Pattern[str] | None = None

    def lower_case(self) -> re.Pattern[str]:
        """The scan for lower-cased text (``\\S`` kept apart from the ``\\s`` lower() makes)."""
        if self._lower is None:
            self._lower = re.compile(lower_source(self._source))
        return self._lower

    def any_case(self) -> re.Pattern[str]:
        """The same scan with IGNORECASE, for text whose length lower() changes."""
        if self._any_case is None:
            self._any_case = re.compile(self._source, re.IGNORECASE)
        return self._any_case

    def module_getattr(self, name: str) -> re.Pattern[str]:
        if name == self._constant:
            return self.lower_case()
        raise AttributeError(f"module {self._module!r} has no attribute {name!r}")
