"""Matching English and Chinese quantities as multisets of normalised values.

Passes, strictest first, so that a lenient reading never steals a target that an
exact one needs: (1) same kind and value; (2) kinds a translation legitimately
changes (first → 首 or 第一, a year inside a date, a fraction written as an equal
percentage, a count given a bare 元, 4時 read as 16:00, 增加一倍 for "doubled");
(3) restatements a checker cannot verify, reported as **warnings with their reason**
(a date given as 本月19日, a figure rounded to 約130萬元, "eight out of 12" as two
counts); (4) money whose value survived but whose currency did not.

Severity policy (issue 10): an error means the translation states a different fact —
a different value, magnitude, currency, date, time or percentage, or a quantity
dropped. A source quantity left out is only a warning when the target plausibly
carries it without a number and nothing else is left unmatched: a date stood for by
同期 or by 今日 after "today (…)", a date the source repeats, a multiplier (doubled)
or an ordinal first/second or "Third," that words may carry. Target quantities are
reported as extra only when every source quantity found its match, so one mistake is
one finding.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..model import Quantity, Severity
from .common import (
    AMBIGUOUS_YEN,
    CNY,
    HKD,
    K_COUNT,
    K_DATE,
    K_FRACTION,
    K_MONEY,
    K_ORDINAL,
    K_PERCENT,
    K_RATIO,
    K_TIME,
    K_YEAR,
    Hit,
    describe,
)
from .en import extract_en_hits
from .render import render_zh
from .zh import REL_YEAR, extract_zh_hits

__all__ = ["Mismatch", "compare", "compare_hits"]

MismatchKind = Literal["numbers", "currency", "ordinal", "extra"]

#: How many unmatched target quantities a "has no match" message lists.
MAX_LISTED = 3
#: Matching tries source × target pairs; past this many the entry is reported as not
#: compared (a warning) instead of costing seconds. A press-release sentence has a few
#: quantities; 250,000 pairs is 500 against 500.
MAX_COMPARED_PAIRS = 250_000

#: Ordinals up to this one may be carried by a word (首次, 率先, 再次) and are only
#: warned about when dropped.
WORDED_ORDINAL_MAX = 2
#: "N parts per thousand/million/billion" may keep its unit in Latin (0.05ppm).
PER_MILLE = 1000
_BARE_OK = frozenset({HKD, CNY})


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between the source and target quantities."""

    kind: MismatchKind
    severity: Severity
    message: str
    source: Quantity | None
    target: Quantity | None


def _label(hit: Hit) -> str:
    shown = hit.text.replace("\\$", "$")
    if hit.point:
        return f"{shown} ({describe(hit.value, K_COUNT, None, None)} percentage points)"
    return f"{shown} ({describe(hit.value, hit.kind, hit.currency, hit.full_date(), hit.terms)})"


def _same_currency(s: Hit, t: Hit) -> bool:
    if s.currency == t.currency:
        return True
    if t.bare and s.currency in _BARE_OK:
        return True
    if s.bare and t.currency in _BARE_OK:
        return True
    return {s.currency, t.currency} == AMBIGUOUS_YEN and ("¥" in s.text or "￥" in s.text)


def _dates_agree(s: Hit, t: Hit) -> bool:
    """Every part the source wrote must be there in the target (which may add a year)."""
    sd, td = s.date, t.full_date()
    assert sd is not None and td is not None
    if sd[0] is None and s.list_year is not None and td[0] is not None:
        # the source wrote the year once for its list; a target member with no year of
        # its own (6月30日至2026年7月2日) agrees, one with a year must have that year
        return td[0] == s.list_year and all(
            a is None or a == b for a, b in zip(sd[1:], td[1:], strict=True))
    # the three parts spelt out: a generator per date pair cost more than the tests
    year, month, day = sd
    return ((year is None or year == td[0]) and (month is None or month == td[1])
            and (day is None or day == td[2]))


def _exact(s: Hit, t: Hit) -> bool:
    if s.kind is not t.kind:
        return False
    if s.kind is K_DATE:
        return _dates_agree(s, t)
    if s.value != t.value:
        return False
    if s.kind is K_MONEY:
        return _same_currency(s, t)
    if s.kind is K_RATIO:
        return s.terms == t.terms
    if s.kind is K_PERCENT:
        return s.point == t.point
    if s.kind is K_COUNT and s.alt is not None and t.alt is not None:
        return s.alt == t.alt  # phone numbers with their country codes
    return True


def _clock_terms(hit: Hit) -> tuple[Fraction, ...]:
    minutes = int(hit.value)
    return (Fraction(minutes // 60), Fraction(minutes % 60))


def _lenient(s: Hit, t: Hit) -> bool:
    sk, tk = s.kind, t.kind
    if sk is K_TIME or tk is K_TIME:
        if sk is tk:  # 4時 without 上午/下午 may be 16:00
            return t.alt == s.value or s.alt == t.value
        # 1:10 may be a ratio on one side and read as a clock time on the other
        clock, other = (s, t) if sk is K_TIME else (t, s)
        return other.kind is K_RATIO and other.terms == _clock_terms(clock)
    if sk is K_PERCENT and tk is K_PERCENT:  # 七折: 30 % off, or 70 % of the price
        return t.alt == s.value and not s.point
    if sk is K_FRACTION and tk is K_COUNT and len(s.terms) == 2 and s.terms[1] >= PER_MILLE:
        return t.value == s.terms[0]  # 0.05 parts per million = 0.05ppm
    if s.mult and t.mult:  # doubled = 增加一倍 (an increase of one times)
        return t.value in (s.value, s.value - 1)
    if sk is K_ORDINAL and tk is K_DATE and t.date is not None:  # the 26th = 26日
        return t.date[:2] == (None, None) and t.date[2] == s.value
    if sk is K_DATE or tk is K_DATE:
        full = t.full_date()
        return sk is K_YEAR and tk is K_DATE and full is not None and full[0] == s.value
    if {sk, tk} <= {K_COUNT, K_ORDINAL, K_YEAR}:
        return s.value == t.value and (s.alt is None or t.alt is None or s.alt == t.alt)
    if {sk, tk} == {K_FRACTION, K_PERCENT}:
        if s.point or t.point:
            return False
        if sk is K_FRACTION:
            return s.value * 100 == t.value
        return s.value == t.value * 100
    if sk is K_COUNT and tk is K_MONEY:
        return t.bare and s.value == t.value
    if sk is K_RATIO and tk is K_RATIO:
        return s.value == t.value
    return False


def _currency_only(s: Hit, t: Hit) -> bool:
    return s.kind is K_MONEY and t.kind in (K_MONEY, K_COUNT) and s.value == t.value


def _pair(src: list[Hit], tgt: list[Hit], used: list[bool], matched: list[bool],
          test: Callable[[Hit, Hit], bool], weakly: list[int] | None = None) -> None:
    """Match each open source hit to the first open target the test accepts, trying
    strong targets before weak ones; ``weakly`` collects (source, target) indices of
    matches made with a weak target."""
    for i, s in enumerate(src):
        if matched[i]:
            continue
        weak_j = -1
        for j, t in enumerate(tgt):
            if used[j] or (t.label and t.weak and not s.label) or not test(s, t):
                continue
            if t.weak:
                if weak_j < 0:
                    weak_j = j
                continue
            used[j] = matched[i] = True
            break
        else:
            if weak_j >= 0:
                used[weak_j] = matched[i] = True
                if weakly is not None:
                    weakly.append(i)


def compare_hits(src: list[Hit], tgt: list[Hit], *, traditional: bool,
                 source_text: str = "", target_text: str = "") -> list[Mismatch]:
    """The mismatches between already extracted source and target hits.

    With the texts given, a source number kept verbatim in the target inside a name
    ("Two Landmark East") and a date the target states relative to the release
    (同期, 本月) are recognised; without them those stay errors.
    """
    if len(src) * len(tgt) > MAX_COMPARED_PAIRS:
        return [_too_many(src, tgt)]
    used = [False] * len(tgt)
    matched = [False] * len(src)
    weakly: list[int] = []
    _pair(src, tgt, used, matched, _exact, weakly)
    if all(matched) and all(used[j] or tgt[j].weak for j in range(len(tgt))):
        return []
    _pair(src, tgt, used, matched, _lenient, weakly)
    out: list[Mismatch] = []
    if not all(matched):
        out += _restatements(src, tgt, used, matched, source_text)
    if not all(matched) and target_text:
        _kept_in_names(src, matched, source_text, target_text)
    for i, s in enumerate(src):
        if matched[i]:
            continue
        for j, t in enumerate(tgt):
            if not used[j] and _currency_only(s, t):
                used[j] = matched[i] = True
                written = f"in {t.currency}" if t.kind is K_MONEY else "with no currency"
                out.append(Mismatch(
                    "currency", Severity.ERROR,
                    f"{_label(s)} keeps its value but the target has it {written}: {_label(t)}",
                    s.quantity(), t.quantity()))
                break
    left = [t for j, t in enumerate(tgt) if not used[j] and not t.weak]
    listed = "; ".join(_label(t) for t in left[:MAX_LISTED]) or "no unmatched quantity"
    missing_error = False
    stated = {s.full_date() for i, s in enumerate(src) if matched[i] and s.kind is K_DATE}
    stated_any = [s for i, s in enumerate(src) if matched[i] and s.kind in _DATE_KINDS]
    for i, s in enumerate(src):
        if matched[i]:
            continue
        warning = _dropped_reason(s, left, (source_text, target_text), stated, bool(stated_any))
        if warning:
            out.append(Mismatch("ordinal" if s.kind is K_ORDINAL else "numbers",
                                Severity.WARNING, f"{_label(s)} has no match; {warning}",
                                s.quantity(), None))
            continue
        missing_error = True
        message = f"{_label(s)} has no match; target has {listed}"
        expected = _expected(s, traditional)
        if expected:
            message += f"; expected {expected}"
        out.append(Mismatch("numbers", Severity.ERROR, message, s.quantity(),
                            left[0].quantity() if left else None))
    for i in _repeat_only_weak(src, matched, weakly, left):
        missing_error = True
        out.append(Mismatch(
            "numbers", Severity.ERROR,
            f"{_label(src[i])} appears again in the source, but the target repeats it only as a "
            f"numeral inside a word while it has {listed}", src[i].quantity(), left[0].quantity()))
    if not missing_error:
        for t in left:
            out.append(Mismatch("extra", Severity.WARNING,
                                f"target has {_label(t)} with no match in the source",
                                None, t.quantity()))
    return out


#: Words with which Chinese refers back to a period without restating it (the same
#: period, that day): a date left out beside one of them is a restatement.
ANAPHORIC_DATE_WORDS: tuple[str, ...] = (
    "同期", "期內", "期内", "該段期間", "该段期间", "同一期間", "同一期间", "上述期間", "上述期间",
    "同日", "當日", "当日", "翌日", "同月", "當月", "当月", "同年",
)
#: "today (May 7)" may become 今日 with no date; only a date the English itself gives
#: in brackets after that word is excused, so a date dropped elsewhere stays an error.
DEICTIC_DATE_WORDS: dict[str, tuple[str, ...]] = {
    "today": ("今日", "今天"), "yesterday": ("昨日", "昨天"), "tomorrow": ("明日", "明天"),
}
_DEICTIC_BEFORE_RE = re.compile(r"\b(today|yesterday|tomorrow)\s*\(\s*$", re.IGNORECASE)
_DATE_KINDS = frozenset({K_DATE, K_YEAR})


def _relative_word(s: Hit, source_text: str, target_text: str, *, anaphoric: bool) -> str:
    """The target's word standing for the source date ``s``, or "" when there is none.

    同期 stands for the dates only when the target gives none of the source's dates
    (the translator replaced them all); with some kept, a missing one was dropped."""
    if not target_text:
        return ""
    word = next((w for w in ANAPHORIC_DATE_WORDS if w in target_text), "") if anaphoric else ""
    if word:
        return word
    before = _DEICTIC_BEFORE_RE.search(source_text, max(0, s.start - 16), s.start)
    if before is None:
        return ""
    return next((w for w in DEICTIC_DATE_WORDS[before.group(1).lower()] if w in target_text), "")


def _day_only(t: Hit) -> bool:
    return t.kind is K_DATE and t.date is not None and t.date[:2] == (None, None)


def _dropped_reason(s: Hit, left: list[Hit], texts: tuple[str, str],
                    stated: set[tuple[int | None, int | None, int | None] | None],
                    dates_kept: bool = False) -> str:
    """Why a source quantity with no match is only a warning, or "" for an error.

    Only a quantity that was left out, never one that was changed: when the target
    still has an unmatched quantity (十三月 is no date, but it is a changed one), a
    missing date is an error.
    """
    enumerator = s.text.isalpha() and texts[0][s.end:s.end + 1] == ","  # "Third, ..." = 再者
    if (s.kind is K_ORDINAL and (s.value <= WORDED_ORDINAL_MAX or enumerator)
            and not any(t.kind in (K_ORDINAL, K_COUNT) or _day_only(t) for t in left)):
        # 首次, 率先, 名列前茅 or 再次 may carry "first" or "second" in words; a fourth
        # quarter or the 26th left out is a dropped quantity.
        return (f"target has {'; '.join(_label(t) for t in left[:MAX_LISTED]) or 'no unmatched quantity'}"
                " (an ordinal may be carried by a word such as 首次 or 率先)")
    full = s.full_date()
    if s.kind is K_DATE and full in stated and full is not None and full[0] is not None and not left:
        return "the source repeats this date and the target states it once"
    relative = _relative_word(s, *texts, anaphoric=not dates_kept) if (
        s.kind in _DATE_KINDS and not left) else ""
    if relative:
        return (f"the target gives the date relative to the text ({relative}), which the "
                "checker cannot verify")
    if s.mult and not any(t.mult for t in left):
        return ("a multiplier the Chinese may express in structure or words (倍增, 增加一倍); "
                "check it by hand")
    return ""


def _restatements(src: list[Hit], tgt: list[Hit], used: list[bool], matched: list[bool],
                  source_text: str) -> list[Mismatch]:
    """Pairs that are a legitimate restatement the checker cannot verify: warnings."""
    out: list[Mismatch] = []
    for i, s in enumerate(src):
        if matched[i]:
            continue
        for j, t in enumerate(tgt):
            if used[j]:
                continue
            reason = _restated(s, t, source_text)
            if reason:
                used[j] = matched[i] = True
                out.append(Mismatch("numbers", Severity.WARNING,
                                    f"{_label(s)} is given as {_label(t)}: {reason}",
                                    s.quantity(), t.quantity()))
                break
    for i, s in enumerate(src):  # "eight out of 12" = 12個…中有8個: both counts
        if matched[i] or s.kind is not K_FRACTION or len(s.terms) != 2:
            continue
        found = [_free(tgt, used, s.terms[0], skip=-1)]
        found.append(_free(tgt, used, s.terms[1], skip=found[0]))
        if min(found) >= 0:
            for j in found:
                used[j] = True
            matched[i] = True
    return out


def _free(tgt: list[Hit], used: list[bool], value: Fraction, *, skip: int) -> int:
    for j, t in enumerate(tgt):
        if j != skip and not used[j] and t.kind is K_COUNT and t.value == value:
            return j
    return -1


def _restated(s: Hit, t: Hit, source_text: str) -> str:
    """The reason ``t`` restates ``s`` in a way no value comparison can confirm."""
    sd, td = s.full_date(), t.full_date()
    if s.kind is K_DATE and t.kind is K_DATE and t.rel and sd and td:
        # 本年 stands for the year only, 本月 for the year and the month: a day the
        # source gives must be in the target (本年8月61日 is no restatement of August 31)
        covered = 1 if t.rel in REL_YEAR else 2
        if all(b is None and k < covered or a is None or a == b
               for k, (a, b) in enumerate(zip(sd, td, strict=True))):
            return f"a date given relative to the text ({t.rel}); check that it means {_label(s)}"
        return ""
    if s.kind is t.kind and s.kind in (K_COUNT, K_MONEY, K_PERCENT) and t.approx:
        # only the target may be the rounder one, and it must say so (約, 近, 逾): a
        # target more precise than its source is a changed figure, never a rounding
        if s.kind is K_MONEY and not _same_currency(s, t):
            return ""
        if (_rounds_to(s.value, t.value) and not _ZEROS_AFTER_MAGNITUDE_RE.search(t.text)
                and _MAGNITUDE_CHAR_RE.search(t.text)):
            return "rounded with an approximation word (約 / 近 / 逾)"
    return ""


#: A rounding is accepted only when the less precise figure keeps at least this many
#: significant digits' worth of the other one: 3,000 for 3,240 but never 40,000 for 32,400.
ROUNDING_TOLERANCE = Fraction(1, 20)


def _rounds_to(exact: Fraction, rounded: Fraction) -> bool:
    """Whether ``rounded`` is ``exact`` rounded half-up to its own last significant digit."""
    if rounded <= 0 or exact <= 0 or rounded.denominator != 1:
        return False
    whole = int(rounded)
    step = 1
    while whole % (step * 10) == 0:
        step *= 10
    if step == 1:
        return False
    nearest = (Fraction(exact) / step + Fraction(1, 2)).__floor__() * step
    return nearest == whole and abs(exact - rounded) <= rounded * ROUNDING_TOLERANCE


_NAME_WORD_RE = re.compile(r"[A-Z][A-Za-z]*")
#: A rounded figure drops its digits (約90萬); zeros spelt out after 萬/億 (90萬0,000) are
#: a changed digit, not a rounding.
_ZEROS_AFTER_MAGNITUDE_RE = re.compile(r"[萬万億亿][0０〇零○]")
#: A rounding changes the form (1,260,000 → 約130萬); the same digits with one changed
#: (105 000 → 約100 000) are a wrong digit.
_MAGNITUDE_CHAR_RE = re.compile(r"[萬万億亿千百十]")


def _kept_in_names(src: list[Hit], matched: list[bool], source_text: str,
                   target_text: str) -> None:
    """A capitalised number word that begins a name the target keeps in English
    ("Two Landmark East", a building) is part of the name, not a quantity."""
    for i, s in enumerate(src):
        if matched[i] or not s.text[:1].isupper() or not s.text.isalpha():
            continue
        follow = _NAME_WORD_RE.match(source_text, s.end + 1) if source_text else None
        if follow is not None and source_text[s.start:follow.end()] in target_text:
            matched[i] = True


def _repeat_only_weak(src: list[Hit], matched: list[bool], weakly: list[int],
                      left: list[Hit]) -> list[int]:
    """Source quantities written twice (three years … three years) whose second copy
    found only a weak reading (the 三 of an item label) while the target holds an
    unmatched number of the same kind (3年 … 9年): the repeat was changed, not kept."""
    if not weakly or not left:
        return []
    strong = {(src[i].kind, src[i].value) for i in range(len(src)) if matched[i] and i not in weakly}
    kinds = {t.kind for t in left}
    return [i for i in weakly if (src[i].kind, src[i].value) in strong and src[i].kind in kinds][:1]


def _too_many(src: list[Hit], tgt: list[Hit]) -> Mismatch:
    return Mismatch("numbers", Severity.WARNING,
                    f"not compared: {len(src):,} source and {len(tgt):,} target quantities are "
                    f"more than the checker compares ({MAX_COMPARED_PAIRS:,} pairs); "
                    "split the entry, or check its numbers by hand",
                    src[0].quantity(), tgt[0].quantity())


def _expected(s: Hit, traditional: bool) -> str:
    """The Chinese form of an amount whose magnitude changes, to show the fix."""
    if s.kind not in (K_MONEY, K_COUNT) or s.mag == 1:
        return ""
    return render_zh(s.quantity(), traditional=traditional)


def compare(source: str, target: str, *, traditional: bool) -> list[Mismatch]:
    """Compare the quantities of an English source and its Chinese translation.

    ``traditional`` chooses the script of the suggested rendering in messages; both
    scripts are read either way.
    """
    return compare_hits(extract_en_hits(source), extract_zh_hits(target),
                        traditional=traditional, source_text=source, target_text=target)
