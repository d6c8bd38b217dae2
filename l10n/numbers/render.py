"""Quantity → Chinese text, the Hong Kong / Mainland way (443億港元, 2.48亿美元).

CLDR's compact format for zh_Hant_HK is the English style (44.3B), so amounts are
rendered here with Chinese magnitudes: an English magnitude word (million, billion)
becomes 萬 or 億, and so does a plain round number of 100,000 or more (700 000 → 70萬).
Everything is Fraction/Decimal arithmetic, so no float artefacts reach a translation.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..model import Quantity, QuantityKind
from .common import CNY, EUR, GBP, HKD, JPY, USD, format_decimal
from .en import extract_en_hits

__all__ = ["render_zh", "number_hint", "cn_numeral"]

WAN = 10**4
YI = 10**8
WAN_YI = 10**12
#: A plain number this large and a multiple of 萬 is written with 萬/億 (700 000 → 70萬).
ROUND_THRESHOLD = 10**5
#: Spelled-out English counts below this are written in Chinese numerals (five → 五).
SPELLED_LIMIT = 10_000

CURRENCY_SUFFIX: dict[str, tuple[str, str]] = {
    HKD: ("港元", "港元"), USD: ("美元", "美元"), CNY: ("元人民幣", "元人民币"),
    EUR: ("歐元", "欧元"), GBP: ("英鎊", "英镑"), JPY: ("日圓", "日元"),
}
MAGNITUDE_CHARS: dict[int, tuple[str, str]] = {
    WAN_YI: ("萬億", "万亿"), YI: ("億", "亿"), WAN: ("萬", "万"),
}
CN_NUMERALS = "零一二三四五六七八九"
_PHONE_RE = re.compile(r"\d{4}[ -]\d{4}")
_MAG_WORD_RE = re.compile(r"(?i)\b(?:thousand|million|billion|trillion|k|m|mn|b|bn|tn)\b|\d(?:k|m|mn|b|bn|tn)\b")


def cn_numeral(n: int) -> str:
    """Chinese numerals for 0 <= n < 10,000 (二十六, 一百零五, 十一)."""
    if n == 0:
        return "零"
    parts: list[str] = []
    zero_pending = False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(CN_NUMERALS[digit] + char)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def _magnitude(value: Fraction, traditional: bool) -> str:
    """Digits with the largest Chinese magnitude that keeps the amount readable."""
    for unit, chars in MAGNITUDE_CHARS.items():
        if value >= unit:
            return format_decimal(value / unit) + chars[0 if traditional else 1]
    return format_decimal(value)


def _amount(q: Quantity, traditional: bool) -> str:
    has_mag = bool(_MAG_WORD_RE.search(q.text))
    round_number = (q.value >= ROUND_THRESHOLD and q.value.denominator == 1
                    and q.value % WAN == 0)
    if has_mag or round_number:
        return _magnitude(q.value, traditional)
    return format_decimal(q.value)


def _spelled(q: Quantity) -> bool:
    return not any(ch.isdigit() for ch in q.text)


def _date_text(date: tuple[int | None, int | None, int | None]) -> str:
    return "".join(f"{part}{mark}" for part, mark in zip(date, "年月日", strict=True)
                   if part is not None)


def _date_or_year(q: Quantity) -> str:
    """A date or year; one written as a span (2019-20, 3-5 December 2025) yields two
    quantities over the same text, and each renders the whole span so that replacing
    the text with either keeps both ends."""
    both = [h for h in extract_en_hits(q.text) if h.kind is q.kind]
    if len(both) == 2 and both[0].start == both[1].start:
        first, second = both
        if q.kind is QuantityKind.YEAR:
            low, high = int(first.value), int(second.value)
            short = high == low + 1 and not re.search(rf"{high}", q.text)
            return f"{low}-{high % 100:02d}" if short else f"{low}至{high}"
        if first.date is not None and second.date is not None:
            left, right = first.date, second.date
            if left[:2] == right[:2]:
                return f"{_date_text(left)}至{right[2]}日"
            return f"{_date_text(left)}至{_date_text(right)}"
    if q.kind is QuantityKind.YEAR:
        return str(int(q.value))
    return _date_text(q.date) if q.date is not None else q.text


#: Where a 12-hour reading turns from 下午 to 晚上 in Hong Kong releases.
EVENING_HOUR = 18
_TWELVE_HOUR_RE = re.compile(r"[ap]\.?m\b|noon|midnight", re.IGNORECASE)


def _clock(q: Quantity, traditional: bool) -> str:
    """A clock time as releases write it: 18:45 stays 24-hour (香港時間18時45分);
    6.45pm becomes 晚上6時45分, 10am 上午10時, noon 中午12時, midnight 午夜12時,
    12.15am 凌晨12時15分."""
    minutes = int(q.value)
    hour, minute = divmod(minutes, 60)
    mark = "時" if traditional else "时"
    tail = f"{minute:02d}分" if minute else ""
    if not _TWELVE_HOUR_RE.search(q.text):
        return f"{hour}{mark}{minute:02d}分"
    if hour == 0:
        return f"凌晨12{mark}{tail}" if minute else f"午夜12{mark}"
    if hour < 12:
        return f"上午{hour}{mark}{tail}"
    if hour == 12:
        return f"中午12{mark}{tail}"
    period = "晚上" if hour >= EVENING_HOUR else "下午"
    return f"{period}{hour - 12}{mark}{tail}"


def render_zh(q: Quantity, *, traditional: bool) -> str:
    """The Chinese text the MT stage puts in place of an English quantity."""
    kind = q.kind
    if kind is QuantityKind.MONEY:
        suffix = CURRENCY_SUFFIX.get(q.currency or HKD, ("", ""))[0 if traditional else 1]
        return _amount(q, traditional) + suffix
    if kind is QuantityKind.COUNT:
        if _PHONE_RE.search(q.text):  # a telephone number is written as it is
            return q.text
        small = q.value.denominator == 1 and q.value < SPELLED_LIMIT
        if _spelled(q) and small:
            return cn_numeral(int(q.value))
        return _amount(q, traditional)
    if kind is QuantityKind.PERCENT:
        if "percentage point" in q.text.lower():
            return f"{format_decimal(q.value)}{'個百分點' if traditional else '个百分点'}"
        return f"{format_decimal(q.value)}%"
    if kind in (QuantityKind.DATE, QuantityKind.YEAR):
        return _date_or_year(q)
    if kind is QuantityKind.RATIO and q.terms:
        return ":".join(format_decimal(t, group=False) for t in q.terms)
    if kind is QuantityKind.FRACTION:
        if q.value == Fraction(1, 2):
            return "一半"
        return f"{cn_numeral(q.value.denominator)}分之{cn_numeral(q.value.numerator)}"
    if kind is QuantityKind.TIME:
        return _clock(q, traditional)
    if kind is QuantityKind.ORDINAL:
        n = int(q.value)
        return "第" + (cn_numeral(n) if _spelled(q) and n < SPELLED_LIMIT else str(n))
    return format_decimal(q.value)


def number_hint(source: str, *, traditional: bool) -> list[str]:
    """Translator hints (``HK$44.3 billion = 443億港元``) for every amount of an English
    text whose Chinese form changes magnitude, the conversion translators get wrong."""
    hints: list[str] = []
    for hit in extract_en_hits(source):
        if hit.kind not in (QuantityKind.MONEY, QuantityKind.COUNT):
            continue
        q = hit.quantity()
        rendered = render_zh(q, traditional=traditional)
        if hit.mag > 1 or any(ch in rendered for ch in "萬万億亿"):
            hints.append(f"{q.text.replace(chr(92), '')} = {rendered}")
    return hints
