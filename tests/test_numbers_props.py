"""Properties: an English amount and its render_zh form always match; any one-digit
change in the Chinese is always caught; the extractors never crash on any text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.model import Severity
from l10n.numbers import compare, extract_en, extract_zh, render_zh

CURRENCIES = {"HK$": "HKD", "US$": "USD", "RMB": "CNY", "€": "EUR", "£": "GBP", "$": "HKD"}
MAGNITUDES = ["", " thousand", " million", " billion", " trillion"]
EXAMPLES = 300


@st.composite
def english_amounts(draw: st.DrawFn) -> str:
    whole = draw(st.integers(min_value=1, max_value=999))
    places = draw(st.integers(min_value=0, max_value=3))
    frac = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    number = f"{whole}.{frac:0{places}d}".rstrip("0").rstrip(".") if places else str(whole)
    symbol = draw(st.sampled_from(sorted(CURRENCIES)))
    magnitude = draw(st.sampled_from(MAGNITUDES))
    sep = " " if symbol == "RMB" else ""
    return f"The fund raised {symbol}{sep}{number}{magnitude} this year."


def _rendered(source: str, traditional: bool) -> str:
    (q,) = extract_en(source)
    return f"基金今年籌得{render_zh(q, traditional=traditional)}。"


@settings(max_examples=EXAMPLES, deadline=None)
@given(english_amounts(), st.booleans())
def test_rendering_always_matches(source: str, traditional: bool) -> None:
    target = _rendered(source, traditional)
    assert compare(source, target, traditional=traditional) == [], target


@settings(max_examples=EXAMPLES, deadline=None)
@given(english_amounts(), st.booleans(), st.data())
def test_any_single_digit_change_is_caught(source: str, traditional: bool,
                                           data: st.DataObject) -> None:
    target = _rendered(source, traditional)
    positions = [i for i, ch in enumerate(target) if ch.isdigit()]
    pos = data.draw(st.sampled_from(positions))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != target[pos]]))
    corrupted = target[:pos] + new + target[pos + 1:]
    errors = [m for m in compare(source, corrupted, traditional=traditional)
              if m.severity is Severity.ERROR]
    assert errors, corrupted


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.integers(min_value=1, max_value=10**7), st.booleans())
def test_plain_counts_render_and_match(n: int, traditional: bool) -> None:
    source = f"The park welcomed {n:,} visitors."
    (q,) = extract_en(source)
    assert compare(source, f"園區迎來{render_zh(q, traditional=traditional)}名訪客。",
                   traditional=traditional) == []


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3))
def test_render_has_no_float_artefacts(value: Decimal) -> None:
    (q,) = extract_en(f"HK${value} billion")
    text = render_zh(q, traditional=True)
    assert "e" not in text.lower() and "000000" not in text


PIECES = (list("0123456789,. :/-%$¥€£()（）０１２，．")
          + list("一二三四五六七八九十百千萬万億亿兆零〇○兩两半首第分之比成年月日元港幣美至多逾")
          + ["HK$", "US$", "RMB", " billion", " million", " per cent", "first", "five", "and",
             "September", "one-third", "百分之", " to "])
NUMBERY = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.text(max_size=80), NUMBERY))
def test_extractors_never_crash(text: str) -> None:
    for q in extract_en(text) + extract_zh(text):
        assert 0 <= q.start <= q.end <= len(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.text(max_size=60), NUMBERY), st.one_of(st.text(max_size=60), NUMBERY))
def test_compare_never_crashes(source: str, target: str) -> None:
    compare(source, target, traditional=True)


@pytest.mark.parametrize("text", ["0" * 20_000, "1 000 " * 3000, "1,000," * 3000, "二零" * 3000,
                                  "1" * 30 + "." + "2" * 30, "第" * 5000 + "一"])
def test_freak_digit_runs_do_not_crash(text: str) -> None:
    extract_en(text)
    extract_zh(text)
