"""Matching English and Chinese quantities as multisets of normalised values.

Three passes, strictest first, so that a lenient reading never steals a target that
an exact one needs: (1) same kind and value; (2) kinds a translation legitimately
changes (first → 首 or 第一, a year inside a date, a fraction written as an equal
percentage, a count given a bare 元); (3) money whose value survived but whose
currency did not. Whatever source quantity is left is a ``numbers`` error (an
ordinal that was dropped rather than changed is only a warning, as 首次 or 率先 may
carry it); target quantities are reported as extra only when every source quantity
found its match, so one mistake is one finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..model import Quantity, QuantityKind, Severity
from .common import AMBIGUOUS_YEN, CNY, HKD, Hit, describe
from .en import extract_en_hits
from .render import render_zh
from .zh import extract_zh_hits

__all__ = ["Mismatch", "compare", "compare_hits"]

MismatchKind = Literal["numbers", "currency", "ordinal", "extra"]

#: How many unmatched target quantities a "has no match" message lists.
MAX_LISTED = 3
#: Matching tries source × target pairs; past this many the entry is reported as not
#: compared (a warning) instead of costing seconds. A press-release sentence has a few
#: quantities; 250,000 pairs is 500 against 500.
MAX_COMPARED_PAIRS = 250_000

_COUNT = QuantityKind.COUNT
_MONEY = QuantityKind.MONEY
_DATE = QuantityKind.DATE
_YEAR = QuantityKind.YEAR
_ORDINAL = QuantityKind.ORDINAL
_PERCENT = QuantityKind.PERCENT
_FRACTION = QuantityKind.FRACTION
_RATIO = QuantityKind.RATIO
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
        return f"{shown} ({describe(hit.value, _COUNT, None, None)} percentage points)"
    return f"{shown} ({describe(hit.value, hit.kind, hit.currency, hit.date, hit.terms)})"


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
    assert s.date is not None and t.date is not None
    return all(a is None or a == b for a, b in zip(s.date, t.date, strict=True))


def _exact(s: Hit, t: Hit) -> bool:
    if s.kind is not t.kind:
        return False
    if s.kind is _DATE:
        return _dates_agree(s, t)
    if s.value != t.value:
        return False
    if s.kind is _MONEY:
        return _same_currency(s, t)
    if s.kind is _RATIO:
        return s.terms == t.terms
    if s.kind is _PERCENT:
        return s.point == t.point
    return True


def _lenient(s: Hit, t: Hit) -> bool:
    sk, tk = s.kind, t.kind
    if sk is _DATE or tk is _DATE:
        return sk is _YEAR and tk is _DATE and t.date is not None and t.date[0] == s.value
    if {sk, tk} <= {_COUNT, _ORDINAL, _YEAR}:
        return s.value == t.value
    if {sk, tk} == {_FRACTION, _PERCENT}:
        if s.point or t.point:
            return False
        if sk is _FRACTION:
            return s.value * 100 == t.value
        return s.value == t.value * 100
    if sk is _COUNT and tk is _MONEY:
        return t.bare and s.value == t.value
    if sk is _RATIO and tk is _RATIO:
        return s.value == t.value
    return False


def _currency_only(s: Hit, t: Hit) -> bool:
    return s.kind is _MONEY and t.kind in (_MONEY, _COUNT) and s.value == t.value


def _pair(src: list[Hit], tgt: list[Hit], used: list[bool], matched: list[bool],
          test: Callable[[Hit, Hit], bool]) -> None:
    """Match each open source hit to the first open target the test accepts, trying
    strong targets before weak ones."""
    for i, s in enumerate(src):
        if matched[i]:
            continue
        weak_j = -1
        for j, t in enumerate(tgt):
            if used[j] or not test(s, t):
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


def compare_hits(src: list[Hit], tgt: list[Hit], *, traditional: bool) -> list[Mismatch]:
    """The mismatches between already extracted source and target hits."""
    if len(src) * len(tgt) > MAX_COMPARED_PAIRS:
        return [_too_many(src, tgt)]
    used = [False] * len(tgt)
    matched = [False] * len(src)
    _pair(src, tgt, used, matched, _exact)
    if all(matched) and all(used[j] or tgt[j].weak for j in range(len(tgt))):
        return []
    _pair(src, tgt, used, matched, _lenient)
    out: list[Mismatch] = []
    for i, s in enumerate(src):
        if matched[i]:
            continue
        for j, t in enumerate(tgt):
            if not used[j] and _currency_only(s, t):
                used[j] = matched[i] = True
                written = f"in {t.currency}" if t.kind is _MONEY else "with no currency"
                out.append(Mismatch(
                    "currency", Severity.ERROR,
                    f"{_label(s)} keeps its value but the target has it {written}: {_label(t)}",
                    s.quantity(), t.quantity()))
                break
    left = [t for j, t in enumerate(tgt) if not used[j] and not t.weak]
    listed = "; ".join(_label(t) for t in left[:MAX_LISTED]) or "no unmatched quantity"
    missing_error = False
    for i, s in enumerate(src):
        if matched[i]:
            continue
        if s.kind is _ORDINAL and not any(t.kind in (_ORDINAL, _COUNT) for t in left):
            # Dropped, not changed (21st → 20世紀 is changed): 首次, 率先 or 名列前茅
            # may carry "first" in words.
            out.append(Mismatch("ordinal", Severity.WARNING,
                                f"ordinal {_label(s)} has no match; target has {listed}",
                                s.quantity(), left[0].quantity() if left else None))
            continue
        missing_error = True
        message = f"{_label(s)} has no match; target has {listed}"
        expected = _expected(s, traditional)
        if expected:
            message += f"; expected {expected}"
        out.append(Mismatch("numbers", Severity.ERROR, message, s.quantity(),
                            left[0].quantity() if left else None))
    if not missing_error:
        for t in left:
            out.append(Mismatch("extra", Severity.WARNING,
                                f"target has {_label(t)} with no match in the source",
                                None, t.quantity()))
    return out


def _too_many(src: list[Hit], tgt: list[Hit]) -> Mismatch:
    return Mismatch("numbers", Severity.WARNING,
                    f"not compared: {len(src):,} source and {len(tgt):,} target quantities are "
                    f"more than the checker compares ({MAX_COMPARED_PAIRS:,} pairs); "
                    "split the entry, or check its numbers by hand",
                    src[0].quantity(), tgt[0].quantity())


def _expected(s: Hit, traditional: bool) -> str:
    """The Chinese form of an amount whose magnitude changes, to show the fix."""
    if s.kind not in (_MONEY, _COUNT) or s.mag == 1:
        return ""
    return render_zh(s.quantity(), traditional=traditional)


def compare(source: str, target: str, *, traditional: bool) -> list[Mismatch]:
    """Compare the quantities of an English source and its Chinese translation.

    ``traditional`` chooses the script of the suggested rendering in messages; both
    scripts are read either way.
    """
    return compare_hits(extract_en_hits(source), extract_zh_hits(target),
                        traditional=traditional)
