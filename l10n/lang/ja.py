"""Japanese (ja-JP): the second language profile, and the worked example of adding one.

What is real: the locale, the sentence joiner (no space next to kana, kanji or Japanese
punctuation), Babel's plural forms, the MT route (Argos ``en→ja``, which the run asks to
install when it is missing) and a target-side number reader, so that the ``numbers``
and ``currency`` checks work on Japanese translations:

- digits with ``,`` grouping and full-width digits (１２３), kanji numerals (三千),
  and 万/億/兆 magnitudes, mixed as Japanese writes them (4億4300万, 1万5000);
- currencies after the amount: 円 (JPY), ドル and 米ドル (USD), 香港ドル (HKD), 人民元
  and 元 (CNY), ユーロ (EUR), ポンド (GBP); and before it: HK$, US$, $ and ¥;
- per cent (``%``, ``パーセント``) and percentage points (``ポイント``);
- dates and years (2025年3月5日, 3月5日～7日, 2025年), clock times (午後6時45分, 18:45)
  and ordinals (第3).

Ranges share their unit as in the other readers (20～30億円 is 2 to 3 billion yen).

What is not: no renderer (the MT stage leaves amounts to the model and ``l10n update``
writes no ``#. numbers:`` hints for Japanese), no approximation words (約, 超), no era
years (令和7年), no counters read as units (3回, 40席 are plain counts). The value parsing is the
Chinese reader's (``l10n.numbers.zh.cn_value``): Japanese writes numerals the same way.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import TYPE_CHECKING

from ..model import QuantityKind
from . import LanguageProfile, LocaleLike, LocaleSpec, Route, no_hints, no_rendering, space_joiner

if TYPE_CHECKING:
    from ..numbers.common import Hit

CODE = "ja"
LOCALES: tuple[LocaleSpec, ...] = (LocaleSpec("ja-JP", ("ja",)),)
#: Argos's English→Japanese model (target code).
MODEL = "ja"
#: Characters next to which Japanese puts no space: CJK symbols and punctuation (。、「」),
#: hiragana and katakana, kanji, and the full-width forms.
NO_SPACE_CLASS = "\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef"

#: Currency words written after the amount, longest first (香港ドル before ドル).
SUFFIX_CURRENCY: dict[str, str] = {
    "香港ドル": "HKD", "HKドル": "HKD", "米ドル": "USD", "ドル": "USD", "人民元": "CNY",
    "ユーロ": "EUR", "ポンド": "GBP", "円": "JPY", "元": "CNY",
}
#: Currency marks written before the amount; a lone ``$`` is bare (HK or US by context).
PREFIX_CURRENCY: dict[str, str] = {"HK$": "HKD", "US$": "USD", "$": "USD", "¥": "JPY", "￥": "JPY"}
BARE_MARKS = frozenset({"$"})
PERCENT_WORDS = ("%", "パーセント")
POINT_WORDS = ("ポイント",)
#: Clock periods: 午前 (a.m.) and 午後 (p.m.).
PERIODS: dict[str, str] = {"午前": "am", "午後": "pm"}
HALF_HOUR_MINUTES = 30
HOURS_PER_HALF_DAY = 12
MINUTES_PER_HOUR = 60

_KANJI_DIGITS = "〇一二三四五六七八九十百千"
_DNUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_BIG = "万億兆"
#: Digits with magnitudes (4億4300万, 1万5000, 3千万) or kanji numerals (三千万, 十億).
_AMOUNT = (rf"(?:(?:{_DNUM}[千百]?[{_BIG}])+(?:{_DNUM}[千百]?)?|{_DNUM}[千百]?"
           rf"|[{_KANJI_DIGITS}]+(?:[{_BIG}][{_KANJI_DIGITS}]*)*)")
_MON = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY_RANGE = rf"(?:\s*[～〜~\-–]\s*(?:{_MON}\s*月\s*)?{_DAY}\s*日(?!間))?"
_DATE = (rf"(?<!\d)(?:(?:19|20)\d{{2}}\s*年(?!間)(?:\s*{_MON}\s*月(?!間)(?:\s*{_DAY}\s*日(?!間){_DAY_RANGE})?)?"
         rf"|{_MON}\s*月(?!間)(?:\s*{_DAY}\s*日(?!間){_DAY_RANGE})?|{_DAY}\s*日(?!間){_DAY_RANGE})")
_TIME = (r"(?:午前|午後)?\s*(?<!\d)(?:2[0-4]|[01]?\d)\s*時(?!間)(?:\s*[0-5]?\d\s*分|半)?"
         r"|(?<![\d:])(?:2[0-3]|[01]?\d):[0-5]\d(?![\d:])")
_SUFFIXES = "|".join(re.escape(w) for w in (*SUFFIX_CURRENCY, *PERCENT_WORDS, *POINT_WORDS))
_PREFIXES = "|".join(re.escape(w) for w in sorted(PREFIX_CURRENCY, key=len, reverse=True))
MASTER_SOURCE = (
    rf"(?P<date>{_DATE})|(?P<time>{_TIME})|(?P<ordinal>第\s*{_AMOUNT})"
    rf"|(?P<prefixed>(?:{_PREFIXES})\s*{_AMOUNT})|(?P<amount>{_AMOUNT})\s*(?P<unit>{_SUFFIXES})?")
MAYBE_NUMBER_JA = re.compile(rf"[\d{_KANJI_DIGITS}{_BIG}]")
_DATE_PART_RE = re.compile(r"(\d+)\s*([年月日])")
#: What joins the two ends of a range (20～30億円, 5から10%).
RANGE_GAP_RE = re.compile(r"\s*(?:～|〜|~|-|–|—|から)\s*")
MAGNITUDES: dict[str, int] = {"千": 10**3, "万": 10**4, "億": 10**8, "兆": 10**12}
_TRAILING_MAG_RE = re.compile("千?[万億兆]$|千$")
_CLOCK_RE = re.compile(r"(\d+)\s*[時:]\s*(?:(\d+)|(半))?")
_NUMERAL_RE = re.compile(_AMOUNT)


@functools.cache
def master_ja() -> re.Pattern[str]:
    """The one pattern the reader scans with, compiled on first use (it is large, and
    importing the profile must stay cheap: every command imports the locales)."""
    return re.compile(MASTER_SOURCE)


@functools.cache
def _value_of() -> functools._lru_cache_wrapper[Fraction | None]:
    from ..numbers.zh import cn_value

    return cn_value


def _value(text: str) -> Fraction | None:
    """The exact value of a numeral as Japanese writes it (4億4300万, 三千, 1,200)."""
    value = _value_of()(text.replace(" ", ""))
    return None if value is None else Fraction(value)


def _trailing_mag(numeral: str) -> int:
    """The magnitude a numeral ends in (30億: 10⁸, 3千万: 10⁷), else 1: a range's bare
    first end takes it (20～30億円 is 2 to 3 billion yen)."""
    m = _TRAILING_MAG_RE.search(numeral)
    mag = 1
    for ch in m.group(0) if m else "":
        mag *= MAGNITUDES[ch]
    return mag


def _hit(value: Fraction, kind: QuantityKind, m: re.Match[str], **extra: object) -> Hit:
    from ..numbers.common import Hit

    return Hit(value, kind, m.start(), m.end(), m.group(0), **extra)  # type: ignore[arg-type]


def _date_hits(m: re.Match[str]) -> list[Hit]:
    """One hit per day written (3月5日～7日 is two dates); a year alone is a YEAR."""
    from ..numbers.common import ZERO

    year: int | None = None
    month: int | None = None
    days: list[int] = []
    for number, mark in _DATE_PART_RE.findall(m.group(0)):
        if mark == "年":
            year = int(number)
        elif mark == "月":
            month = int(number)
        else:
            days.append(int(number))
    if not days and month is None and year is not None:
        return [_hit(Fraction(year), QuantityKind.YEAR, m)]
    dates: list[tuple[int | None, int | None, int | None]] = [(year, month, day) for day in days]
    dates = dates or [(year, month, None)]
    return [_hit(ZERO, QuantityKind.DATE, m, date=date) for date in dates]


def _time_hits(m: re.Match[str]) -> list[Hit]:
    """Minutes after midnight; an hour without 午前/午後 may also be the afternoon one."""
    from ..numbers.common import clock_minutes

    text = m.group(0)
    clock = _CLOCK_RE.search(text)
    if clock is None:  # pragma: no cover - the pattern always has an hour
        return []
    hour = int(clock.group(1))
    minute = HALF_HOUR_MINUTES if clock.group(3) else int(clock.group(2) or 0)
    period = next((PERIODS[p] for p in PERIODS if text.startswith(p)), "")
    hit = _hit(Fraction(clock_minutes(hour, minute, period)), QuantityKind.TIME, m)
    if not period and ":" not in text and 0 < hour < HOURS_PER_HALF_DAY:
        hit.alt = Fraction((hour + HOURS_PER_HALF_DAY) * MINUTES_PER_HOUR + minute)
    return [hit]


def _ordinal_hits(m: re.Match[str]) -> list[Hit]:
    value = _value(m.group(0).lstrip("第").strip())
    return [] if value is None else [_hit(value, QuantityKind.ORDINAL, m)]


def _prefixed_hits(m: re.Match[str]) -> list[Hit]:
    """HK$4.43億, US$200, ¥500: the mark before the amount names the currency."""
    text = m.group(0)
    mark = next(p for p in sorted(PREFIX_CURRENCY, key=len, reverse=True) if text.startswith(p))
    numeral = _NUMERAL_RE.search(text, len(mark))
    written = numeral.group(0) if numeral else ""
    value = _value(written) if written else None
    if value is None:
        return []
    return [_hit(value, QuantityKind.MONEY, m, currency=PREFIX_CURRENCY[mark], bare=mark in BARE_MARKS,
                 mag=_trailing_mag(written))]


def _amount_hits(m: re.Match[str]) -> list[Hit]:
    """A numeral and what follows it: a currency, per cent, points, or nothing (a count)."""
    from ..numbers.common import year_kind

    raw, unit = m.group("amount"), m.group("unit")
    value = _value(raw)
    if value is None:
        return []
    mag = _trailing_mag(raw)
    if unit in SUFFIX_CURRENCY:
        return [_hit(value, QuantityKind.MONEY, m, currency=SUFFIX_CURRENCY[unit], mag=mag)]
    if unit in PERCENT_WORDS or unit in POINT_WORDS:
        hit = _hit(value, QuantityKind.PERCENT, m)
        hit.point = unit in POINT_WORDS
        return [hit]
    kanji_only = not any(ch.isdigit() for ch in raw)
    # a kanji numeral alone is often part of a word (一般, 万一, 千葉): weak, never "extra"
    return [_hit(value, year_kind(value, raw), m, weak=kanji_only, mag=mag)]


HANDLERS = {
    "date": _date_hits, "time": _time_hits, "ordinal": _ordinal_hits,
    "prefixed": _prefixed_hits, "amount": _amount_hits,
}


def extract_ja_hits(text: str) -> list[Hit]:
    """The quantities of a Japanese text, with offsets into the text as given."""
    from ..numbers.common import WIDTH_TABLE, mark_labels, mask_addresses
    from ..numbers.en import spread_ranges

    norm = mask_addresses(text.translate(WIDTH_TABLE))
    hits: list[Hit] = []
    for m in master_ja().finditer(norm):
        kind = m.lastgroup if m.lastgroup != "unit" else "amount"
        hits.extend(HANDLERS[kind or "amount"](m))
    spread_ranges(hits, norm, RANGE_GAP_RE)
    for hit in hits:  # report the text as written (full-width digits and all)
        hit.text = text[hit.start:hit.end]
    mark_labels(hits, text)
    return hits


def may_hold_number(text: str) -> bool:
    """Cheap pre-test: a digit (either width) or a kanji numeral."""
    return MAYBE_NUMBER_JA.search(text.translate(_DIGIT_WIDTH)) is not None


_DIGIT_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}


def routes(locale: LocaleLike, route_choice: str = "") -> tuple[Route, ...]:
    """Argos's en→ja model, used as it is (no script conversion)."""
    return (Route(MODEL),)


PROFILE = LanguageProfile(
    code=CODE,
    name="Japanese",
    locales=LOCALES,
    number_hits=extract_ja_hits,
    may_hold_number=may_hold_number,
    render_number=no_rendering,
    number_hints=no_hints,
    routes=routes,
    join=space_joiner(NO_SPACE_CLASS),
    model_codes=(MODEL,),
)
