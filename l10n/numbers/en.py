"""English extraction: every quantity a press release writes, as exact values.

One compiled alternation is scanned left to right; alternatives are ordered so that
the longest reading wins at a position (a date before its day number, money before
its digits). Things that look like numbers but are not quantities the translation must
carry (placeholder tags, URLs, "two-way", 3D, 5G) are matched first and skipped. Clock
times (6.45pm, 18:45, noon) are TIME quantities in minutes after midnight.
A lone "one" or "a" is never a quantity: "one of the" has no number in Chinese.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from fractions import Fraction

from ..model import Quantity
from .common import (
    CNY,
    EUR,
    GBP,
    HKD,
    JPY,
    K_COUNT,
    K_DATE,
    K_FRACTION,
    K_MONEY,
    K_ORDINAL,
    K_PERCENT,
    K_RATIO,
    K_TIME,
    K_YEAR,
    PAPER_ID_PATTERN,
    PHONE_PATTERN,
    SLASH_DATE_PATTERN,
    SLASH_PATTERN,
    USD,
    ZERO,
    Hit,
    Maker,
    MasterScan,
    clock_minutes,
    full_year,
    grouped_union,
    half_width,
    mark_labels,
    mask_addresses,
    master_source,
    paper_id_hit,
    parse_decimal,
    phone_hit,
    slash_date_hit,
    slash_hits,
    year_kind,
)

__all__ = ["extract_en", "extract_en_hits", "may_hold_number"]

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "mn": 10**6, "m": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12,
    "dozen": 12,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
DENOMINATORS: dict[str, int] = {
    "half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: Currency written before the amount; a bare ``$`` is Hong Kong dollars in HK texts.
PREFIX_CURRENCY: dict[str, str] = {
    "hk$": HKD, "us$": USD, "rmb": CNY, "hkd": HKD, "usd": USD, "cny": CNY, "eur": EUR,
    "gbp": GBP, "jpy": JPY, "¥": CNY, "€": EUR, "£": GBP, "$": HKD,
}
#: Currency written after the amount.
SUFFIX_CURRENCY: dict[str, str] = {
    "hong kong dollars": HKD, "hk dollars": HKD, "us dollars": USD, "dollars": HKD,
    "yuan": CNY, "renminbi": CNY, "rmb": CNY, "euro": EUR, "euros": EUR, "pounds": GBP,
    "pounds sterling": GBP, "yen": JPY, "hkd": HKD, "usd": USD, "cny": CNY, "eur": EUR,
    "gbp": GBP, "jpy": JPY,
}
BARE_CURRENCIES = frozenset({"$", "dollars"})
#: How far back (characters) an approximation word may sit before its number.
APPROX_WINDOW = 24

#: Digits with , or space grouping; bounded so a freak digit run cannot make a giant int.
_NUM = r"(?<![\d.])(?:\d{1,3}(?:,\d{3}){1,8}(?!\d)|\d{1,3}(?: \d{3}){1,8}(?!\d|,\d)|\d{1,24})(?:\.\d{1,12})?(?!\d)"
_UNIT_W = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:{_UNIT_W})\b)?"
          r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
          rf"|zero|{_UNIT_W})")
_WORDNUM = rf"\b(?:(?:{_SMALL}|a) hundred(?: (?:and )?{_SMALL})?|{_SMALL})\b"
_SCALE = r"(?:trillion|billion|million|thousand|dozen|tn|bn|mn)\b"
_SHORT_SCALE = r"(?:trillion|billion|million|thousand|tn|bn|mn|m|b|k)\b"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: A month written alone ("in July", "January to August"): full names only, and the
#: verbs "may" and "march" only after a word that makes them a month.
_LONE_MONTH = (r"\b(?:January|February|April|June|July|August|September|October|November"
               r"|December|(?:(?<=in )|(?<=of )|(?<=by )|(?<=to )|(?<=from )|(?<=since )"
               r"|(?<=until )|(?<=mid-)|(?<=early )|(?<=late )|(?<=and )|(?<=-)|(?<=for )"
               r"|(?<=during )|(?<=between )|(?<=before )|(?<=after )|(?<=through ))(?:May|March))\b")
_YEAR = r"(?:19|20)\d{2}"
_AMPM = r"(?:a\.m\.|p\.m\.|am\b|pm\b)"
#: Clock times: 6.45pm, 6:45 p.m., 6 pm, 18:45 (24-hour, two-digit minutes), 12 noon,
#: noon, midnight. A colon reading with minutes 00-59 and an hour up to 23 is a time;
#: ratios (60:40, 3:2) are not, and a time still matches an equal ratio in the target.
_TIME = (rf"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s?{_AMPM}|\b(?:1[0-2]|0?[1-9])\s?{_AMPM}"
         r"|(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:]|\.\d)(?:\s?(?:hrs?|hours)\b)?"
         r"|\b(?:12 )?noon\b|\bmidday\b|\b(?:12 )?midnight\b")
#: A Roman numeral after a word that numbers parts (Batch III = 第三期, Phase II = 第二期).
_ROMAN = ("(?:" + "|".join(f"(?<={w} )" for w in (
    "batch", "phase", "stage", "part", "chapter", "schedule", "annex", "type", "class", "grade",
    "category", "level", "tier")) + r")(?:viii|vii|vi|iv|ix|iii|ii|v|x|i)\b")
ROMAN: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
                         "ix": 9, "x": 10}
#: Multipliers: twice, double(d), triple(d), treble, quadruple, N times / N-fold.
_MULT = (r"\btwice(?: (?:as|the|that|of|over|what)\b)?"
         r"|\b(?:double[ds]?|doubling|triple[ds]?|tripling|treble[ds]?|quadruple[ds]?)\b"
         r"|\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)"
         r"(?: times\b(?= (?:as|more|higher|larger|bigger|greater|the|that|of|over))|-fold\b)")
_ORD_W = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_CUR_PRE = r"(?:HK|US)?\\?\$|\bRMB|\bHKD|\bUSD|\bCNY|\bEUR|\bGBP|\bJPY|[¥€£]"
_CUR_SUF = ("Hong Kong dollars|HK dollars|US dollars|dollars|yuan|renminbi|RMB|euros?"
            "|pounds(?: sterling)?|yen|HKD|USD|CNY|EUR|GBP|JPY")
_SKIP = "|".join([
    r"</?\d+/?>",                                     # placeholder tags of the segmenter
    r"%\d*\$?[sdif]|\{\d*\}",                          # printf / format placeholders
    r"\b\d[dg]\b|\bh[12]\b",                         # 3D, 5G, H1 (上半年): labels, not quantities
    r"\b(?:two-way|one-stop|one-off|one-on-one|first-hand|second-hand|first-class"
    r"|(?:two|three)-dimensional|(?:first|second) half|five-year plan"
    r"|one country,? two systems|at first|second to none|(?:latter|former|other) half"
    r"|(?:first|second) runner-up)\b",
])

#: Cheap test run at every position before the alternatives: a quantity starts at a
#: word start (or a digit glued to letters, as in G20) with a character that can begin one.
#: "Not after a letter, unless a digit or mark" is written as one negative lookbehind
#: (not: a letter, then no digit or mark) rather than a choice of two lookarounds, which
#: cost the scan a branch at every position; ``tests/test_numbers_speed_scan`` compares
#: the two.
_GUARD = r"(?<![A-Za-z](?![\d<%{]))(?=[\w$¥€£<%{(+\\])"
#: The first letters each alternative can start with (in the lower-cased text), so
#: that a word like "the" or "on" fails one short test instead of whole alternatives.
_UNIT_PRE = "one|tw|thir|thre|fou|fort|fiv|fif|six|sev|eig|nin|ten|ele|zer"
_ORD_PRE = "fir|sec|thir|fou|fort|fif|six|sev|eig|nin|ten|ele|tw|hun"
_MONTH_PRE = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
#: Every alternative of the master scan as (prefilter, body), in the scan's order (the
#: first alternative that matches at a position wins). A prefilter is a lookahead every
#: match of its body satisfies, written to fail in a step or two: at a digit most
#: alternatives (a phone number, a date range, a slash date) are ruled out by the one or
#: two characters after it instead of by running their bodies. Being implied by its
#: body, a prefilter never changes what the scan finds; ``tests/test_numbers_prefilters``
#: compares the scan with and without them. Their union runs first at each position.
_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    (r"[<%{]|\d[dg]\b|h[12]\b|two-|three-|five-|one[- ]|first[- ]|second[- ]|at first"
     r"|latter half|former half|other half", rf"(?P<skip>{_SKIP})"),
    (r"[+(]|852|\d{4}[ -]\d", rf"(?P<phone>{PHONE_PATTERN})"),
    (r"\d\d?(?:[:.]\d|\s?[ap]| [nm])|noo|mid", rf"(?P<time>{_TIME})"),
    (r"\d\d?/\d\d?/", rf"(?P<sdate>{SLASH_DATE_PATTERN})"),
    (r"\d{1,5}/\d\d-", rf"(?P<paper>{PAPER_ID_PATTERN})"),
    (rf"twice|doubl|tripl|trebl|quadrupl|(?:\d{{1,3}}|{_UNIT_W}|ten)(?: t|-f)", rf"(?P<mult>{_MULT})"),
    (r"\d\d?(?:st|nd|rd|th)?(?:\s?[-–]| (?:to|and|&) )",
     rf"(?P<drange>\b{_DAY}(?:\s?[-–]\s?| (?:to|and|&) ){_DAY} {_MONTH}(?:,? {_YEAR})?\b)"),
    (_MONTH_PRE, rf"(?P<mdrange>\b{_MONTH} {_DAY}(?:\s?[-–]\s?| (?:to|and|&) ){_DAY}"
     rf"(?!\d|,\d| {_MONTH}|\s?(?:a\.?m\b|p\.?m\b|[:.]\d))(?:,? {_YEAR})?\b)"),
    (r"[\d,. ]*+parts per", rf"(?P<ppm>{_NUM} (?:parts per (?:thousand|million|billion)\b))"),
    (rf"\d\d?(?:st|nd|rd|th)? (?:{_MONTH_PRE})|{_MONTH_PRE}",
     rf"(?P<date>\b{_DAY} {_MONTH}(?:,? {_YEAR})?(?![\w])|\b{_MONTH} {_DAY}(?:, {_YEAR})?\b"
     rf"|\b{_MONTH} {_YEAR}\b|{_LONE_MONTH})"),
    (r"(?:19|20)\d\d\s?[-–/]", rf"(?P<fy>\b{_YEAR}\s?[-–/]\s?\d{{2}}(?![\d/]))"),
    (r"(?:(?:hk|us)?\\?\$|rmb|hkd|usd|cny|eur|gbp|jpy|[¥€£]) ?\d",
     rf"(?P<money>(?:{_CUR_PRE}) ?{_NUM}(?: ?{_SHORT_SCALE})?)"),
    (r"\d{1,3}/", rf"(?P<slash>{SLASH_PATTERN})"),
    (r"[\d.]++ ?:", r"(?P<ratio>(?<![\d.:])\d+(?:\.\d+)? ?: ?\d+(?:\.\d+)?(?![\d:]))"),
    (rf"(?:{_UNIT_W}|\d\d?)-to-", rf"(?P<wratio>\b(?:{_UNIT_W}|\d{{1,2}})-to-(?:{_UNIT_W}|\d{{1,2}})\b)"),
    (r"first ", rf"(?P<front>\bfirst (?=(?:\d|{_SMALL}\b)))"),
    (rf"(?:{_UNIT_W}|\d) quarters", rf"(?P<nquarters>(?:(?<=first )|(?<=last )|(?<=past )|(?<=next ))"
     rf"(?:{_UNIT_W}|\d) quarters\b)"),
    (rf"(?:a|{_UNIT_W})[ -](?:hal|thi|qua|fif|six|sev|eig|nin|ten)|half",
     rf"(?P<frac>\b(?:a|one|{_UNIT_W})[ -](?:half|halves|thirds?|quarters?|fifths?|sixths?"
     r"|sevenths?|eighths?|ninths?|tenths?)\b|\bhalf\b)"),
    (r"[ivx]++\b", rf"(?P<roman>{_ROMAN})"),
    (_ORD_PRE, rf"(?P<ordw>\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:{_ORD_W})\b)"),
    # One alternative for every "number + what follows" reading, so that the number
    # pattern is tried once per position: 5%, five per cent, 5 million dollars,
    # nine out of ten, 26th, 1.7 million, five, 2,292.
    (rf"\d|a (?:hu|tr|bi|mi|th|do|[tbm]n)|{_UNIT_PRE}",
     rf"(?P<q>(?:{_NUM}|{_WORDNUM})(?: {_SCALE})?|\ba {_SCALE})"
     rf"(?P<tail> ?(?:%|per ?cent\b|percentage points?\b)| (?:{_CUR_SUF})\b"
     rf"| (?:out of|in every) (?:{_NUM}|{_WORDNUM})| in {_WORDNUM}(?! (?:{_SCALE}))"
     r"|(?<=\d)(?:st|nd|rd|th)\b)?"),
)
#: What every alternative's match starts with: a digit, a mark, or one of these words'
#: first letters (most words of a sentence fail here, once, before any alternative).
_ANY_START = (rf"[\d<%{{(+\\$¥€£]|tw|one|fir|sec|thr|at f|lat|forme|oth|fiv|h[12]|noo|mid|dou|tri|tre"
              rf"|qua|{_UNIT_PRE}|{_MONTH_PRE}|hk[d\\$]|us[d\\$]|rmb|cny|eur|gbp|jpy|a[ -][hqtfsenbmd]|hal"
              rf"|[ivx]++\b|{_ORD_PRE}")
_MASTER_SOURCE = master_source(_GUARD, _ALTERNATIVES, _ANY_START)
#: The scan for lower-cased text and its case-insensitive form, compiled on first use
#: (see ``MasterScan``); ``MASTER_EN`` names the first.
_SCAN = MasterScan(_MASTER_SOURCE, module=__name__, constant="MASTER_EN")
master_en = _SCAN.lower_case
master_en_ci = _SCAN.any_case
__getattr__ = _SCAN.module_getattr

#: Words that can start or make a quantity, for the cheap "is there anything to check" test.
NUMBER_WORDS: frozenset[str] = frozenset(
    [*UNITS, *TENS, *ORDINAL_WORDS, "hundred", "half", "halves", "thirds", "quarter",
     "quarters", "fifths", "tenths", "dozen", "twice", "double", "doubled", "triple",
     "tripled", "noon", "midday", "midnight"])
_HAS_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[a-z]+")

_NUM_RE = re.compile(_NUM)
_WORDNUM_RE = re.compile(_WORDNUM, re.IGNORECASE)
_SCALE_RE = re.compile(rf"{_SHORT_SCALE}|dozen\b", re.IGNORECASE)
_SCALE_AFTER_RE = re.compile(rf" {_SCALE}$", re.IGNORECASE)
_CUR_PRE_RE = re.compile(_CUR_PRE, re.IGNORECASE)
_CUR_SUF_RE = re.compile(rf"(?:{_CUR_SUF})$", re.IGNORECASE)
_MONTH_RE = re.compile(_MONTH, re.IGNORECASE)
_DAY_RE = re.compile(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?(?!\d)", re.IGNORECASE)
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
#: Words before a number that make it approximate (checked with str.endswith, cheaply).
APPROX_WORDS: tuple[str, ...] = (
    "over", "more than", "exceeding", "exceeded", "exceeds", "exceed", "about",
    "approximately", "approx.", "around", "nearly", "almost", "some", "at least", "up to",
    "under", "less than", "close to", "roughly", "in excess of",
)
_CURRENCY_TAILS = ("hk", "us", "rmb", "hkd", "usd")
#: Searched in the lower-cased text (case-sensitive is several times faster); the words
#: that share a first letter share one test of it (``grouped_union``), the same words.
_APPROX_ANY_RE = re.compile(grouped_union(
    "|".join(re.escape(w) for w in sorted(APPROX_WORDS, key=len, reverse=True))))
_RANGE_GAP_RE = re.compile(r"\s*(?:-|–|—|to)\s*", re.IGNORECASE)
#: "between 10 and 15 per cent" is a range too (a plain "and" is not: "HK$5 million
#: and 20 staff").
_AND_GAP_RE = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:HK|US)?\\?\$?$", re.IGNORECASE)
_CURRENCY_MARK_RE = re.compile(r"HK|US", re.IGNORECASE)
#: "may" and "march" in lower case are verbs, not months.
_VERB_MONTH_RE = re.compile(r"\b(?:may|march)\b")
_WORD_SPLIT_RE = re.compile(r"[\s-]+")
#: The makers' own patterns, compiled once (``re.split(pattern, ...)`` looks its pattern
#: up in the module cache at every call).
_FRAC_SPLIT_RE = re.compile(r"[\s-]")
_OUTOF_SEP_RE = re.compile(r" (?:out of|in every|in) ", re.IGNORECASE)
_TWO_DIGITS_RE = re.compile(r"\d{2}")
_A_RE = re.compile(r"a\b", re.IGNORECASE)


def words_value(text: str) -> int | None:
    """Value of spelled-out English cardinals up to the hundreds ("one hundred and five")."""
    current = 0
    for token in _WORD_SPLIT_RE.split(text.lower()):
        if token in ("and", ""):
            continue
        if token == "a":
            current = 1
        elif token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        else:
            return None
    return current


def _number(text: str) -> Fraction | None:
    """First number in ``text``, in digits or words ("a" counts as one before a scale)."""
    m = _NUM_RE.search(text)
    if m:
        return parse_decimal(m.group())
    m = _WORDNUM_RE.search(text)
    if m:
        v = words_value(m.group())
        return Fraction(v) if v is not None else None
    if _A_RE.match(text):
        return Fraction(1)
    return None


def _scale(text: str, after: int) -> int:
    m = _SCALE_RE.search(text, after)
    return SCALES[m.group().lower()] if m else 1


@functools.lru_cache(maxsize=16_384)
def _date(text: str) -> tuple[int | None, int | None, int | None]:
    month_m = _MONTH_RE.search(text)
    month = MONTHS[month_m.group()[:3].lower()] if month_m else None
    year_m = _YEAR_RE.search(text)
    year = int(year_m.group()) if year_m else None
    rest = text.replace(year_m.group(), " ", 1) if year_m else text
    day_m = _DAY_RE.search(rest)
    day = int(day_m.group(1)) if day_m else None
    return (year, month, day)


def _make_q(text: str, head_end: int, start: int, end: int) -> list[Hit]:
    """A number, its magnitude word, and what follows it (%, a currency, "out of")."""
    head, tail = text[:head_end], text[head_end:]
    if not tail:
        if " " in head and _SCALE_AFTER_RE.search(head):  # the pattern starts with a space
            return _make_mag(head, start, end)
        return (_make_num if head[0].isdigit() else _make_word)(head, start, end)
    low = tail.lower().lstrip()
    if low[:1] == "%" or low.startswith("per") or low.startswith("percentage"):
        return _make_percent(text, start, end)
    if low.startswith(("out of", "in ")):
        return _make_outof(text, start, end)
    if low in ("st", "nd", "rd", "th"):
        return [Hit(parse_decimal(head), K_ORDINAL, start, end, text)]
    return _make_money(text, start, end)


def _make_num(text: str, start: int, end: int) -> list[Hit]:
    """Digits: a count, or a year when it is a plain 1900-2099."""
    value = parse_decimal(text)
    return [Hit(value, year_kind(value, text), start, end, text)]


def _make_word(text: str, start: int, end: int) -> list[Hit]:
    """A spelled number; a lone "one" or "zero" is no quantity ("one of the")."""
    if text.lower() in ("one", "zero"):
        return []
    spelled = words_value(text)
    return [] if spelled is None else [Hit(Fraction(spelled), K_COUNT, start, end,
                                           text)]


def _make_mag(text: str, start: int, end: int) -> list[Hit]:
    """A number with its magnitude word (1.7 million, a dozen)."""
    parsed = _number(text)
    if parsed is None:
        return []
    scale = _scale(text, len(text.split()[0]))
    return [Hit(parsed * scale, K_COUNT, start, end, text, mag=scale)]


def _make_money(text: str, start: int, end: int) -> list[Hit]:
    """An amount with its currency before (HK$5 million) or after (5 million yuan)."""
    pre = _CUR_PRE_RE.match(text)
    if pre:
        sym = pre.group().replace("\\", "").lower()
        currency, bare = PREFIX_CURRENCY[sym], sym == "$"
        num_m = _NUM_RE.search(text, pre.end())
        if num_m is None:
            return []
        value = parse_decimal(num_m.group())
        scale = _scale(text, num_m.end())
    else:
        suf = _CUR_SUF_RE.search(text)
        if suf is None:
            return []
        word = " ".join(suf.group().lower().split())
        currency, bare = SUFFIX_CURRENCY[word], word in BARE_CURRENCIES
        parsed = _number(text[:suf.start()])
        if parsed is None:
            return []
        value = parsed
        scale = _scale(text[:suf.start()], len(text.split()[0]))
    return [Hit(value * scale, K_MONEY, start, end, text, currency,
                bare=bare, mag=scale)]


def _make_percent(text: str, start: int, end: int) -> list[Hit]:
    """5%, five per cent, 2 percentage points (a difference, never a plain per cent)."""
    parsed = _number(text)
    if parsed is None:
        return []
    hit = Hit(parsed, K_PERCENT, start, end, text)
    hit.point = "percentage" in text.lower()
    return [hit]


def _make_wratio(text: str, start: int, end: int) -> list[Hit]:
    """one-to-two = 1:2."""
    left_w, right_w = text.lower().split("-to-")
    left, right = (Fraction(w) if w.isdigit() else Fraction(UNITS[w]) for w in (left_w, right_w))
    return [Hit(left / right, K_RATIO, start, end, text, terms=(left, right))]


def _make_ratio(text: str, start: int, end: int) -> list[Hit]:
    """60:40 as the ratio 3/2 with both terms kept."""
    left, right = (parse_decimal(p.strip()) for p in text.split(":"))
    value = Fraction(left) / right if right else Fraction(0)
    return [Hit(value, K_RATIO, start, end, text, terms=(left, right))]


def _make_frac(text: str, start: int, end: int) -> list[Hit]:
    """a half, two-thirds, one quarter."""
    parts = _FRAC_SPLIT_RE.split(text.lower())
    if len(parts) == 1:
        return [Hit(Fraction(1, 2), K_FRACTION, start, end, text)]
    num = 1 if parts[0] == "a" else UNITS[parts[0]]
    den = DENOMINATORS[parts[1].rstrip("s")]
    return [Hit(Fraction(num, den), K_FRACTION, start, end, text)]


def _make_outof(text: str, start: int, end: int) -> list[Hit]:
    """nine out of ten, 1 in every 5: a fraction that keeps both counts."""
    sep = _OUTOF_SEP_RE.search(text)
    if sep is None:
        return []
    top, bottom = _number(text[:sep.start()]), _number(text[sep.end():])
    if top is None or bottom is None:
        return []
    plain_in = sep.group().strip().lower() == "in"
    if 0 < top <= bottom and not (plain_in and text[0].isdigit()):
        # the counts are kept: Chinese often states both (12個…中有8個)
        return [Hit(Fraction(top) / bottom, K_FRACTION, start, end, text,
                    terms=(top, bottom))]
    # "5 in ten" or "ten in five" is no fraction: two numbers that happen to meet.
    before, after = text[:sep.start()], text[sep.end():]
    return ((_make_num if before[0].isdigit() else _make_word)(before, start, start + len(before))
            + (_make_num if after[0].isdigit() else _make_word)(after, end - len(after), end))


def _make_slash(text: str, start: int, end: int) -> list[Hit]:
    """1/5 (a fraction) or 24/7 (two numbers)."""
    return slash_hits(text, start, end)


def _make_nquarters(text: str, start: int, end: int) -> list[Hit]:
    """the first three quarters: a count of quarters."""
    count = _number(text)
    return [] if count is None else [Hit(count, K_COUNT, start, end, text)]


def _make_ordw(text: str, start: int, end: int) -> list[Hit]:
    """first, twenty-second: spelled ordinals."""
    rank = 0
    for part in text.lower().split("-"):
        rank += TENS.get(part, 0) + ORDINAL_WORDS.get(part, 0)
    return [Hit(Fraction(rank), K_ORDINAL, start, end, text)]


def _make_date(text: str, start: int, end: int) -> list[Hit]:
    """One date: 5 March 2025, March 5, March 2025, or a month alone."""
    date = _date(text)
    return [Hit(ZERO, K_DATE, start, end, text, date=date)]


def _make_drange(text: str, start: int, end: int) -> list[Hit]:
    """5-7 March 2025, March 5-7, 2025: one date per day."""
    year, month, _ = _date(text)
    days = [int(d) for d in _DAY_RE.findall(text.replace(str(year), " ") if year else text)]
    return [Hit(ZERO, K_DATE, start, end, text, date=(year, month, d))
            for d in days[:2]]


def _make_fy(text: str, start: int, end: int) -> list[Hit]:
    """2024-25: the financial year as its two calendar years."""
    first = int(text[:4])
    last = int(_TWO_DIGITS_RE.findall(text)[-1])
    second = full_year(first, last)
    return [Hit(Fraction(y), K_YEAR, start, end, text) for y in (first, second)]


def _make_phone(text: str, start: int, end: int) -> list[Hit]:
    """A phone number, compared as a whole."""
    return [phone_hit(text, start, end)]


def _make_time(text: str, start: int, end: int) -> list[Hit]:
    """A clock time (6.45pm, 18:45, noon)."""
    return [_time_hit(text, start, end)]


def _make_sdate(text: str, start: int, end: int) -> list[Hit]:
    """1/9/2025, day first."""
    return [slash_date_hit(text, start, end)]


def _make_paper(text: str, start: int, end: int) -> list[Hit]:
    """A session-numbered paper (5/17-18), compared as a whole."""
    return [paper_id_hit(text, start, end)]


def _make_mult(text: str, start: int, end: int) -> list[Hit]:
    """twice, doubled, three times as: multipliers."""
    return _mult_hit(text, start, end)


def _make_ppm(text: str, start: int, end: int) -> list[Hit]:
    """0.05 parts per million = 百萬分之0.05."""
    number, _, unit = text.partition(" parts per ")
    per = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[unit.lower()]
    value = parse_decimal(number)
    return [Hit(Fraction(value) / per, K_FRACTION, start, end, text, terms=(value, Fraction(per)))]


def _make_roman(text: str, start: int, end: int) -> list[Hit]:
    """Phase II: a Roman numeral that numbers a part."""
    return [Hit(Fraction(ROMAN[text.lower()]), K_ORDINAL, start, end, text)]




def _no_hits(text: str, start: int, end: int) -> list[Hit]:
    """A look-alike matched only to be passed over ("first" before "5 years")."""
    return []


#: The handler of each named alternative of MASTER_EN; "q" and "tail" (a number and
#: what follows it) go through ``_make_q``, "skip" and "front" make no hit.
MAKERS_EN: dict[str, Maker] = {
    "num": _make_num, "word": _make_word, "mag": _make_mag, "money": _make_money,
    "percent": _make_percent, "wratio": _make_wratio, "ratio": _make_ratio, "frac": _make_frac,
    "outof": _make_outof, "slash": _make_slash, "nquarters": _make_nquarters, "ordw": _make_ordw,
    "date": _make_date, "drange": _make_drange, "mdrange": _make_drange, "fy": _make_fy,
    "phone": _make_phone, "time": _make_time, "sdate": _make_sdate, "paper": _make_paper,
    "mult": _make_mult, "ppm": _make_ppm, "roman": _make_roman, "front": _no_hits,
}


_CLOCK_RE = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?")
MULT_WORDS: dict[str, int] = {"twice": 2, "doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4}


def _time_hit(text: str, start: int, end: int) -> Hit:
    """A clock reading as minutes after midnight (6.45pm → 18:45, noon → 12:00)."""
    low = text.lower()
    if "noon" in low or "midday" in low:
        minutes = 12 * 60
    elif "midnight" in low:
        minutes = 0
    else:
        m = _CLOCK_RE.match(low)
        assert m is not None
        period = {"a": "am", "p": "pm"}.get(m.group(3) or "", "")
        minutes = clock_minutes(int(m.group(1)), int(m.group(2) or 0), period)
    return Hit(Fraction(minutes), K_TIME, start, end, text)


def _mult_hit(text: str, start: int, end: int) -> list[Hit]:
    """twice / double / N times as a multiplier (matched against 兩倍 or 增加一倍)."""
    low = text.lower()
    value = next((v for k, v in MULT_WORDS.items() if low.startswith(k)), None)
    if value is None:
        number = _number(low.split()[0].split("-")[0])
        if number is None:
            return []
        value = int(number)
    hit = Hit(Fraction(value), K_COUNT, start, end, text)
    hit.mult = low != "twice"  # "twice a year" is a count (兩次), "twice as many" a multiplier
    return [hit]


def _join_spelled(hits: list[Hit], text: str) -> list[Hit]:
    """"one million three hundred thousand" is one number: spelled parts with falling
    magnitudes, side by side, are summed (1,300,000), not read as two."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind is K_COUNT and hit.kind is K_COUNT
                and prev.mag > 1 and hit.value < prev.mag and prev.text[:1].isalpha()
                and hit.text[:1].isalpha() and _SPELLED_GAP_RE.fullmatch(text, prev.end, hit.start)):
            prev.value += hit.value
            prev.end, prev.text = hit.end, text[prev.start:hit.end]
            continue
        out.append(hit)
    return out


_SPELLED_GAP_RE = re.compile(r",? (?:and )?")


def _is_grams(text: str, start: int, end: int) -> bool:
    """``5g`` written in lower case is a weight; ``5G`` and ``3D`` are names."""
    return end - start == 2 and text[start].isdigit() and text[start + 1] == "g"


def may_hold_number(text: str) -> bool:
    """Cheap test: can ``text`` hold a quantity at all (a digit or a number word)?"""
    if _HAS_DIGIT_RE.search(text):
        return True
    return not NUMBER_WORDS.isdisjoint(_WORD_RE.findall(text.lower()))


def _approx_before(prefix: str) -> bool:
    """Whether an approximation word ends ``prefix`` (a currency mark may sit between)."""
    low = prefix.lower().rstrip(" \\$")
    for tail in _CURRENCY_TAILS:
        if low.endswith(tail):
            low = low[:-len(tail)].rstrip()
            break
    return low.endswith(APPROX_WORDS)


def _between_before(text: str, end: int) -> bool:
    """``_BETWEEN_RE.search(text, 0, end)``, looking only at the text just before ``end``.

    A match ends at ``end`` (or before a final newline, as ``$`` allows); from there its
    optional currency mark, the space run and the word are fixed, so the search starts
    where "between" must start (searching from 0 cost the text's length per range,
    quadratic over an entry).
    """
    tail_ends = (end, end - 1) if text[end - 1:end] == "\n" else (end,)
    for i in tail_ends:
        if i > 0 and text[i - 1] == "$":
            i -= 1
        if i > 0 and text[i - 1] == "\\":
            i -= 1
        if i >= 2 and _CURRENCY_MARK_RE.fullmatch(text, i - 2, i):
            i -= 2
        j = i
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < i and j >= len("between") and _BETWEEN_RE.search(text, j - len("between"), end):
            return True
    return False


#: The kinds a range's two ends may have for the second to lend the first its unit.
_RANGE_LEFT_KINDS = frozenset({K_COUNT, K_MONEY})
_RANGE_RIGHT_KINDS = frozenset({K_COUNT, K_MONEY, K_PERCENT})


def spread_ranges(hits: list[Hit], text: str, gap_re: re.Pattern[str]) -> None:
    """Give the bare first end of a range the unit of the second: ``2 to 3 billion``,
    ``10-15 per cent``, ``HK$2-3 billion``."""
    for left, right in zip(hits, hits[1:], strict=False):
        # the kinds first: most neighbours (dates, years, times) fail them without a regex
        if left.kind not in _RANGE_LEFT_KINDS or right.kind not in _RANGE_RIGHT_KINDS:
            continue
        if not gap_re.fullmatch(text, left.end, right.start) and not (
                _AND_GAP_RE.fullmatch(text, left.end, right.start)
                and _between_before(text, left.start)):
            continue
        if left.mag == 1 and right.mag > 1:
            left.value *= right.mag
            left.mag = right.mag
        if left.kind is K_COUNT and right.kind is not K_COUNT:
            left.kind, left.currency, left.bare = right.kind, right.currency, right.bare
            left.point = right.point
        elif left.kind is K_MONEY and right.kind is K_COUNT:
            right.kind, right.currency, right.bare = left.kind, left.currency, left.bare


def _shifted(hits: list[Hit], by: int) -> list[Hit]:
    for hit in hits:
        hit.start += by
        hit.end += by
    return hits


def extract_en_hits(text: str) -> list[Hit]:
    """All quantities of an English text as internal hits, in order."""
    norm = half_width(text)
    low = norm.lower()
    lowered = len(low) == len(norm)
    master = master_en() if lowered else master_en_ci()
    if not lowered:
        low = norm
    low = mask_addresses(low)
    hits: list[Hit] = []
    # one search per text instead of a look behind every number: most have no such word
    may_approx = _APPROX_ANY_RE.search(low if lowered else low.lower()) is not None
    for m in master.finditer(low):
        kind = m.lastgroup
        if kind is None:
            continue
        start, end = m.span()
        if kind == "skip":
            if not _is_grams(norm, start, end):
                continue
            made = _make_num(norm[start], start, start + 1)  # 5g: five grams
        elif kind == "tail":
            made = _make_q(m.group(), m.end("q") - start, start, end)
        elif kind == "q":
            made = _make_q(m.group(), end - start, start, end)
        else:
            made = MAKERS_EN[kind](m.group(), start, end)
            # the verb needs its "ma": most dates fail this test instead of a search
            if (kind == "date" or kind == "drange") and text.find("ma", start, end) >= 0:
                verb = _VERB_MONTH_RE.search(text, start, end)
                if verb is not None:  # "aged 12 to 17 may join": numbers, not a date
                    made = _shifted(extract_en_hits(text[start:verb.start()]), start)
        if not made:
            continue
        approx = may_approx and _approx_before(low[max(0, start - APPROX_WINDOW):start])
        for hit in made:
            hit.text = text[hit.start:hit.end]
            if approx:
                hit.approx = True
        hits += made
    if "(" in norm:
        mark_labels(hits, norm)
    if len(hits) > 1:
        hits = _join_spelled(hits, norm)
        spread_ranges(hits, norm, _RANGE_GAP_RE)
        inherit_years(reversed(hits), norm, _DATE_LIST_GAP_RE, _RANGE_GAP_RE, step=-1)
    return hits


#: What may stand between the members of a date list or range that share one year:
#: joints, weekdays and clock times ("8 November at 11:00 am, Thursday 9 November and").
_DATE_LIST_GAP_RE = re.compile(
    r"(?:\s|[,&–—-]|\b(?:to|and|or|through|till|until|at|from|on)\b|\d{1,2}(?:[:.]\d{2})?\s?"
    r"(?:a\.m\.|p\.m\.|am\b|pm\b|noon\b)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)*",
    re.IGNORECASE)


def inherit_years(hits: Iterable[Hit], text: str, list_re: re.Pattern[str],
                  range_re: re.Pattern[str], *, step: int) -> None:
    """Give a year-less date the year written once for its range or list.

    English writes the year after the last member ("January - March 2015", "9 and 10
    November 2017"); Chinese writes it before the first (二零一五年一月至三月). ``hits``
    come in the order the year travels (right to left for English, ``step=-1``). A
    month past the dated one across a range (December 2024 - February 2025, or
    二零二四年十二月至二月) moves to the neighbouring year. A year that is wrong stays
    wrong in every member, so inheriting hides nothing.
    """
    dated: Hit | None = None
    for hit in hits:
        if hit.kind is not K_DATE or hit.date is None:
            continue
        year, month, day = hit.date
        if year is not None:
            dated = hit
            continue
        if dated is None or month is None:
            continue
        dated_year, dated_month, _ = dated.full_date() or (None, None, None)
        if dated_year is None or dated_month is None:
            continue
        lo, hi = (hit, dated) if step < 0 else (dated, hit)
        if lo.end > hi.start or not list_re.fullmatch(text, lo.end, hi.start):
            dated = None
            continue
        ranged = range_re.fullmatch(text, lo.end, hi.start) is not None
        hit.list_year = dated_year + step if ranged and (month - dated_month) * step < 0 else dated_year
        dated = hit


def extract_en(text: str) -> list[Quantity]:
    """Quantities of an English sentence: value, kind, currency, date, approximation."""
    return [h.quantity() for h in extract_en_hits(text)]
