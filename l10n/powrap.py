"""PO string lines laid out exactly as GNU gettext's ``msgcat`` lays them out.

Translators' editors (Poedit, Weblate's msgmerge add-on, ``msgcat`` itself) write
gettext's layout; a tool that writes any other layout reverts their save on its next run
and the next save reverts it back. gettext's rules (``write-po.c``, GNU gettext 0.21,
checked against ``msgcat`` in ``tests/test_po_msgcat_oracle.py``):

* a string is cut after every ``\\n``; each piece is escaped (``\\n \\t \\" \\\\`` …) and
  broken separately at the last allowed break that keeps the line within the width;
* the width (79 by default) counts display columns of the escaped text, the keyword and
  the line prefix (``#~ ``, ``#| ``) included, and leaves one column for the closing
  quote; a CJK character takes two columns;
* breaks are allowed where the Unicode line-breaking algorithm allows them, as
  libunistring applies it (UAX #14's pair table): after spaces, between CJK characters
  except before closing punctuation (``，。」``) or after opening punctuation (``「（``),
  after a separator before a letter (``1.|abc``, libunistring's own choice), never
  before an ellipsis, never inside an escape, never right before the final ``\\n``;
* when the string does not fit after its keyword, or has more than one piece, the first
  line is ``msgid ""``;
* ``#:`` references are filled up to the width (even with ``--no-wrap``); other comments
  are never wrapped; a width under 20 counts as 20.

Only the classes that matter for breaking are modelled; characters of other scripts fall
back on their Unicode category. Verified against ``msgcat`` for every pair of 63
representative characters (with and without a space between) and on generated
catalogs; not modelled: the layout of prefixed (``#~``) lines at widths under 22.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

#: gettext's default page width; 0 or less means "do not wrap" (``--no-wrap``).
DEFAULT_WIDTH = 79
NO_WRAP = 0
MIN_WIDTH = 20  # gettext widens a smaller page width to this
WIDE = 2  # columns of a CJK character
ZERO_WIDTH_CATEGORIES = ("Mn", "Me", "Cf")
ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
           '"': '\\"', "\\": "\\\\"}

#: The width of this process's writes; a plain global (not a context variable) so that a
#: batch's worker threads write with the width the command was given.
_ESCAPED_RE = re.compile("[" + re.escape("".join(ESCAPES)) + "]")
_width = [DEFAULT_WIDTH]


def current_width() -> int:
    """The width catalogs are written with now (``--width``, ``[output] po_width``)."""
    return _width[0]


@contextmanager
def output_width(width: int | None) -> Iterator[None]:
    """Write catalogs at ``width`` (``None``: the default, 0: no wrapping) inside the block."""
    before = _width[0]
    _width[0] = DEFAULT_WIDTH if width is None else width
    try:
        yield
    finally:
        _width[0] = before


# --- line-break classes (UAX #14 as libunistring applies it to UTF-8 text) -------------

# Classes: OP open, CL close, CP close paren, QU quote, GL glue, NS non-starter,
# EX exclamation, SY slash, IS infix separator, PR prefix, PO postfix, NU numeric,
# AL alphabetic, ID ideographic, IN inseparable, HY hyphen, BA break after,
# BB break before, B2 break both sides, ZW zero-width space, CM combining, WJ joiner.
CLASSES = ("OP", "CL", "CP", "QU", "GL", "NS", "EX", "SY", "IS", "PR", "PO", "NU", "AL", "ID", "IN", "HY",
           "BA", "BB", "B2", "ZW", "CM", "WJ")
# The pair table of UAX #14 for these classes: row = class before, column = class after.
# "_" a break is allowed, "%" allowed only after spaces, "^" never allowed.
_PAIRS = {
    "OP": "^^^^^^^^^^^^^^^^^^^^^^",
    "CL": "_^^%%^^^^%%____%%__^^^",
    "CP": "_^^%%%^^^%%%%__%%__^^^",
    "QU": "^^^%%%^^^%%%%%%%%%%^^^",
    "GL": "%^^%%%^^^%%%%%%%%%%^^^",
    "NS": "_^^%%%^^^______%%__^^^",
    "EX": "_^^%%%^^^_____%%%__^^^",
    "SY": "_^^%%%^^^__%___%%__^^^",
    "IS": "_^^%%%^^^__%___%%__^^^",
    "PR": "%^^%%%^^^__%%%_%%__^^^",
    "PO": "%^^%%%^^^__%%__%%__^^^",
    "NU": "%^^%%%^^^%%%%_%%%__^^^",
    "AL": "%^^%%%^^^%%%%_%%%__^^^",
    "ID": "_^^%%%^^^_%___%%%__^^^",
    "IN": "_^^%%%^^^_____%%%__^^^",
    "HY": "_^^%_%^^^__%___%%__^^^",
    "BA": "_^^%_%^^^______%%__^^^",
    "BB": "%^^%%%^^^%%%%%%%%%%^^^",
    "B2": "_^^%%%^^^______%%_^^^^",
    "ZW": "___________________^__",
    "CM": "%^^%%%^^^%%%%_%%%__^^^",
    "WJ": "%^^%%%^^^%%%%%%%%%%^^^",
}
_PAIR_RULE = {before: dict(zip(CLASSES, row, strict=True)) for before, row in _PAIRS.items()}
_SPECIAL = frozenset(("OP", "IN"))  # classes ``_rule`` adjusts
_ASCII = {
    "\t": "BA", " ": "SP", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU", "(": "OP", ")": "CP",
    "+": "PR", ",": "IS", "-": "HY", ".": "IS", "/": "SY", ":": "IS", ";": "IS", "?": "EX", "[": "OP",
    "\\": "PR", "]": "CP", "{": "OP", "|": "BA", "}": "CL",
}
_LATIN1 = {0xA0: "GL", 0xA1: "OP", 0xA2: "PO", 0xA3: "PR", 0xA4: "PR", 0xA5: "PR", 0xAB: "QU", 0xAD: "BA",
           0xB0: "PO", 0xB1: "PR", 0xB4: "BB", 0xBB: "QU", 0xBF: "OP"}
_PUNCTUATION = {  # U+2000 General Punctuation
    0x2007: "GL", 0x200B: "ZW", 0x200C: "CM", 0x200D: "CM", 0x2010: "BA", 0x2011: "GL", 0x2012: "BA",
    0x2013: "BA", 0x2014: "B2", 0x2018: "QU", 0x2019: "QU", 0x201A: "OP", 0x201B: "QU", 0x201C: "QU",
    0x201D: "QU", 0x201E: "OP", 0x201F: "QU", 0x2024: "IN", 0x2025: "IN", 0x2026: "IN", 0x2027: "BA",
    0x202F: "GL", 0x2039: "QU", 0x203A: "QU", 0x203C: "NS", 0x203D: "NS", 0x2044: "IS", 0x2047: "NS",
    0x2048: "NS", 0x2049: "NS", 0x2060: "WJ", 0x20AC: "PR", 0xFEFF: "WJ",
}
_CJK_SYMBOLS = {  # U+3000 CJK Symbols and Punctuation, U+FF00 Fullwidth Forms, kana marks
    0x3000: "BA", 0x3001: "CL", 0x3002: "CL", 0x3005: "NS", 0x3008: "OP", 0x3009: "CL", 0x300A: "OP",
    0x300B: "CL", 0x300C: "OP", 0x300D: "CL", 0x300E: "OP", 0x300F: "CL", 0x3010: "OP", 0x3011: "CL",
    0x3014: "OP", 0x3015: "CL", 0x3016: "OP", 0x3017: "CL", 0x3018: "OP", 0x3019: "CL", 0x301A: "OP",
    0x301B: "CL", 0x301C: "NS", 0x301D: "OP", 0x301E: "CL", 0x301F: "CL", 0x303B: "NS", 0x303C: "NS",
    0x309B: "NS", 0x309C: "NS", 0x309D: "NS", 0x309E: "NS", 0x30A0: "NS", 0x30FB: "NS", 0x30FC: "NS",
    0x30FD: "NS", 0x30FE: "NS",
    0xFF01: "EX", 0xFF04: "PR", 0xFF05: "PO", 0xFF08: "OP", 0xFF09: "CL", 0xFF0C: "CL", 0xFF0E: "CL",
    0xFF1A: "NS", 0xFF1B: "NS", 0xFF1F: "EX", 0xFF3B: "OP", 0xFF3D: "CL", 0xFF5B: "OP", 0xFF5D: "CL",
    0xFF5F: "OP", 0xFF60: "CL", 0xFF61: "CL", 0xFF62: "OP", 0xFF63: "CL", 0xFF64: "CL", 0xFF65: "NS",
    0xFFE0: "PO", 0xFFE1: "PR", 0xFFE5: "PR", 0xFFE6: "PR",
}
_SMALL_KANA = frozenset("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
_BY_CATEGORY = {"Mn": "CM", "Mc": "CM", "Me": "CM", "Cc": "CM", "Cf": "CM", "Nd": "NU", "Zs": "BA",
                "Ps": "OP", "Pe": "CL", "Pi": "QU", "Pf": "QU"}


@lru_cache(maxsize=4096)
def line_break_class(ch: str) -> str:
    """The line-break class of one character (``SP`` for a space)."""
    code = ord(ch)
    if code < 0x80:
        if ch.isdigit():
            return "NU"
        return _ASCII.get(ch, "CM" if code < 0x20 or code == 0x7F else "AL")
    found = _LATIN1.get(code) or _PUNCTUATION.get(code) or _CJK_SYMBOLS.get(code)
    if found:
        return found
    if ch in _SMALL_KANA:
        return "NS"
    if 0x2000 <= code <= 0x200A and code != 0x2007:
        return "BA"
    if 0x2030 <= code <= 0x2037:
        return "PO"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        category = unicodedata.category(ch)
        return "CM" if category in ("Mn", "Me") else "ID"
    return _BY_CATEGORY.get(unicodedata.category(ch), "AL")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Display columns, as libunistring's ``uc_width`` counts them in UTF-8 text (control
    characters and format characters such as the soft hyphen count nothing)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    if unicodedata.category(ch) in ZERO_WIDTH_CATEGORIES:
        return 0
    return WIDE if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _rule(before: str, cls: str, ch: str) -> str:
    """The pair table's answer, with UAX #14's LB30 exception: a letter or digit may be
    followed by a break before a wide opening bracket (``1【``, ``i「``); LB22 as revised."""
    if cls == "OP" and before in ("AL", "NU") and char_width(ch) == WIDE:
        return "_"
    if cls == "IN" and before not in ("OP", "ZW"):
        return "%"  # LB22: nothing breaks before an ellipsis (``，…``)
    return _PAIR_RULE[before][cls]


def _breaks(chars: list[str], prohibited: set[int]) -> list[bool]:
    """``breaks[i]``: a line may start at ``chars[i]`` (UAX #14 pair table)."""
    breaks = [False] * len(chars)
    before: str | None = None  # class of the last non-space character
    spaced = False  # spaces since ``before``
    for i, (ch, cls) in enumerate(zip(chars, map(line_break_class, chars), strict=True)):
        if cls == "SP":
            spaced = before is not None
            continue
        if cls == "CM" and before is not None and not spaced:
            continue  # a combining mark joins the character before it
        if before is not None and i not in prohibited:
            rule = "%" if cls == "CM" else (_rule(before, cls, ch) if cls in _SPECIAL else _PAIR_RULE[before][cls])
            breaks[i] = rule == "_" or (rule == "%" and spaced)
        before, spaced = ("AL" if cls == "CM" else cls), False
    return breaks


def _escaped(piece: str) -> tuple[list[str], set[int]]:
    """The escaped characters of one piece, and the positions where no break may fall
    (inside an escape, and right before a final ``\\n``)."""
    if not _ESCAPED_RE.search(piece):
        return list(piece), set()
    out: list[str] = []
    prohibited: set[int] = set()
    for ch in piece:
        esc = ESCAPES.get(ch)
        if esc is None:
            out.append(ch)
            continue
        out.append(esc[0])
        prohibited.add(len(out))
        out.append(esc[1])
    if piece.endswith("\n"):
        prohibited.add(len(out) - 2)
    return out, prohibited


class _Piece:
    """One escaped piece of a string: its characters, their widths, and (computed once,
    when first needed) where a line may start."""

    def __init__(self, piece: str) -> None:
        self.chars, self.prohibited = _escaped(piece)
        self.widths = [char_width(ch) for ch in self.chars]
        self.total = sum(self.widths)
        self._allowed: list[bool] | None = None

    @property
    def allowed(self) -> list[bool]:
        if self._allowed is None:
            self._allowed = _breaks(self.chars, self.prohibited)
        return self._allowed


def _fill(p: _Piece, width: int, start: int) -> list[int]:
    """Where lines start (after the first), greedily: libunistring's
    ``ulc_width_linebreaks`` with gettext's overrides."""
    if start + p.total <= width:
        return []  # fits: most strings, no break needs to be looked for
    allowed, widths = p.allowed, p.widths
    cuts: list[int] = []
    # after a keyword, the string's start is a break too: one that does not fit there
    # moves to its own line (``msgid ""`` first)
    last: int | None = 0 if start > 0 else None
    column, piece = start, 0
    for i, w in enumerate(widths):
        if allowed[i]:
            if last is not None and column + piece > width:
                cuts.append(last)
                column = 0
            last = i
            column += piece
            piece = 0
        piece += w
    if last is not None and column + piece > width:
        cuts.append(last)
    return cuts


def _pieces(value: str) -> list[str]:
    """The string cut after every newline (an empty string is one empty piece)."""
    pieces: list[str] = []
    rest = value
    while True:
        cut = rest.find("\n")
        if cut < 0 or cut == len(rest) - 1:
            pieces.append(rest)
            return pieces
        pieces.append(rest[:cut + 1])
        rest = rest[cut + 1:]


def _display(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def _page(width: int | None) -> int:
    """The page width gettext uses for ``width`` (None: the current one)."""
    page = current_width() if width is None else width
    return page if page <= NO_WRAP else max(page, MIN_WIDTH)


def string_lines(keyword: str, value: str, prefix: str = "", width: int | None = None) -> list[str]:
    """The lines of ``keyword "value"`` (e.g. ``msgid``, ``msgstr[0]``) as msgcat writes them."""
    page = _page(width)
    if "\n" not in value and value.isascii() and value.isprintable() and not _ESCAPED_RE.search(value):
        head = f"{prefix}{keyword} "  # plain ASCII on one line: one column a character
        if page <= NO_WRAP or len(head) + len(value) + 2 <= page:
            return [f'{head}"{value}"']
    limit = (page if page > NO_WRAP else 1 << 30) - 1  # one column for the closing quote
    after_break = _display(prefix) + 1  # a continuation line starts with prefix + quote
    limit -= after_break
    pieces = _pieces(value)
    head = f"{prefix}{keyword} "
    first_start = _display(head) + 1 - after_break
    lines: list[str] = []
    first = True
    for piece in pieces:
        p = _Piece(piece)
        start = first_start if first else 0
        cuts = _fill(p, limit, start)
        if first and piece and (len(pieces) > 1 or cuts or start > limit):
            lines.append(f'{head}""')
            first, start = False, 0
            cuts = _fill(p, limit, start)
        bounds = [0, *cuts, len(p.chars)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            text = "".join(p.chars[a:b])
            lines.append(f'{head}"{text}"' if first else f'{prefix}"{text}"')
            first = False
    return lines


def reference_lines(references: list[str], width: int | None = None) -> list[str]:
    """``#:`` lines filled up to the width (gettext wraps them even with ``--no-wrap``)."""
    page = _page(width)
    page = page if page > NO_WRAP else DEFAULT_WIDTH
    lines: list[str] = []
    line = "#:"
    for ref in references:
        if line != "#:" and _display(line) + 1 + _display(ref) > page:
            lines.append(line)
            line = "#:"
        line += f" {ref}"
    if line != "#:":
        lines.append(line)
    return lines
