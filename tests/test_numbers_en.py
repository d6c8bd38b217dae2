"""English extraction: each form a press release writes gives the right exact value."""

from __future__ import annotations

from fractions import Fraction

import pytest

from l10n.model import QuantityKind as K
from l10n.numbers import extract_en

F = Fraction


@pytest.mark.parametrize(("text", "kind", "value", "currency"), [
    ("raised HK$44.3 billion", K.MONEY, F(44_300_000_000), "HKD"),
    ("raised HK\\$44.3 billion", K.MONEY, F(44_300_000_000), "HKD"),
    ("worth US$248 million", K.MONEY, F(248_000_000), "USD"),
    ("a RMB5bn fund", K.MONEY, F(5_000_000_000), "CNY"),
    ("a RMB 800 million loan", K.MONEY, F(800_000_000), "CNY"),
    ("€3.5 million in grants", K.MONEY, F(3_500_000), "EUR"),
    ("£12 million", K.MONEY, F(12_000_000), "GBP"),
    ("¥2 billion", K.MONEY, F(2_000_000_000), "CNY"),
    ("HKD 600 million", K.MONEY, F(600_000_000), "HKD"),
    ("USD 12.5 million", K.MONEY, F(12_500_000), "USD"),
    ("the Government's $75.3 billion", K.MONEY, F(75_300_000_000), "HKD"),
    ("5 million US dollars", K.MONEY, F(5_000_000), "USD"),
    ("HK$12m budget", K.MONEY, F(12_000_000), "HKD"),
    ("HK$1.2 trillion", K.MONEY, F(1_200_000_000_000), "HKD"),
    ("2,292 applications", K.COUNT, F(2292), None),
    ("17 000 people", K.COUNT, F(17000), None),
    ("3.75 tonnes", K.COUNT, F(15, 4), None),
    ("1.7 million people", K.COUNT, F(1_700_000), None),
    ("five million people", K.COUNT, F(5_000_000), None),
    ("one million people", K.COUNT, F(1_000_000), None),
    ("33 per cent", K.PERCENT, F(33), None),
    ("33 percent", K.PERCENT, F(33), None),
    ("12.5%", K.PERCENT, F(25, 2), None),
    ("twenty per cent", K.PERCENT, F(20), None),
    ("a ratio of 1:9", K.RATIO, F(1, 9), None),
    ("one-third", K.FRACTION, F(1, 3), None),
    ("two-thirds", K.FRACTION, F(2, 3), None),
    ("three quarters", K.FRACTION, F(3, 4), None),
    ("half of them", K.FRACTION, F(1, 2), None),
    ("nine out of ten", K.FRACTION, F(9, 10), None),
    ("five firms", K.COUNT, F(5), None),
    ("twenty-six countries", K.COUNT, F(26), None),
    ("one hundred and five stores", K.COUNT, F(105), None),
    ("a dozen partners", K.COUNT, F(12), None),
    ("ranked first", K.ORDINAL, F(1), None),
    ("the twenty-first century", K.ORDINAL, F(21), None),
    ("the 26th edition", K.ORDINAL, F(26), None),
    ("GII 2025", K.YEAR, F(2025), None),
])
def test_single_quantity(text: str, kind: K, value: Fraction, currency: str | None) -> None:
    found = extract_en(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.kind, q.value, q.currency) == (kind, value, currency)


@pytest.mark.parametrize(("text", "date"), [
    ("Hong Kong, 1 September 2025 -", (2025, 9, 1)),
    ("today (1 Sep)", (None, 9, 1)),
    ("on September 1, 2025", (2025, 9, 1)),
    ("on Sep. 1", (None, 9, 1)),
    ("on 21st March 2026", (2026, 3, 21)),
    ("in October 2025", (2025, 10, None)),
])
def test_dates(text: str, date: tuple[int | None, int | None, int | None]) -> None:
    (q,) = extract_en(text)
    assert q.kind is K.DATE and q.date == date


def test_date_range_gives_two_dates() -> None:
    assert [q.date for q in extract_en("from 3-5 December 2025")] == [(2025, 12, 3),
                                                                      (2025, 12, 5)]


@pytest.mark.parametrize(("text", "years"), [
    ("the 2019-20 financial year", [2019, 2020]),
    ("in 2019/20", [2019, 2020]),
    ("from 2015 to 2018", [2015, 2018]),
    ("over 2020-2025", [2020, 2025]),
    ("the 1999-00 season", [1999, 2000]),
])
def test_years(text: str, years: list[int]) -> None:
    found = extract_en(text)
    assert [q.kind for q in found] == [K.YEAR] * len(years)
    assert [q.value for q in found] == years


@pytest.mark.parametrize(("text", "values", "kind"), [
    ("five to seven days", [5, 7], K.COUNT),
    ("10-15 per cent", [10, 15], K.PERCENT),
    ("HK$2-3 billion", [2_000_000_000, 3_000_000_000], K.MONEY),
    ("2 to 3 billion people", [2_000_000_000, 3_000_000_000], K.COUNT),
])
def test_ranges_share_units(text: str, values: list[int], kind: K) -> None:
    found = extract_en(text)
    assert [q.value for q in found] == values
    assert {q.kind for q in found} == {kind}


@pytest.mark.parametrize("text", [
    "one of the leading hubs",
    "a two-way springboard",
    "a one-stop platform",
    # "at 3pm or 10:30 a.m." was here: clock times are now read as TIME quantities
    # (issue 10); tests/test_numbers_official_conventions.py asserts their values.
    "<1>Simon Chan</1> said",
    "see https://www.example.org/2025/09 for details",
    "in the first half of the year",
    "the one country, two systems principle",
])
def test_not_quantities(text: str) -> None:
    assert extract_en(text) == []


def test_five_year_plan_keeps_only_its_ordinal() -> None:
    assert [(q.kind, q.value) for q in extract_en("under the 14th Five-Year Plan")] == [
        (K.ORDINAL, 14)]


def test_phone_numbers_read_as_one_number() -> None:
    found = extract_en("call ( 852 ) 3166 3993 or 2588 1234")
    assert [q.value for q in found] == [31663993, 25881234]


@pytest.mark.parametrize("text", ["over 2,200", "more than 35 markets", "exceeding HK$44.3 billion",
                                  "approximately 2,500", "about 80 per cent"])
def test_approximation_words_are_recorded(text: str) -> None:
    (q,) = extract_en(text)
    assert q.approx


def test_offsets_point_at_the_text() -> None:
    text = "It raised HK$5 million from 26 investors."
    for q in extract_en(text):
        assert text[q.start:q.end] == q.text
