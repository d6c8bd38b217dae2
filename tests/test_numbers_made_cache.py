"""Remembered hits (``common.made_hits``): a matched text read once is read the same way
everywhere, and no text can change what another one is given."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from l10n.numbers import common, en, zh
from l10n.numbers.common import Hit

Reader = Callable[[str], list[Hit]]


def _facts(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(h.value, h.kind, h.start, h.end, h.text, h.currency, h.date, h.approx, h.weak,
             h.bare, h.mag, h.terms, h.point, h.alt, h.rel, h.mult, h.list_year, h.label)
            for h in hits]


CASES: list[tuple[Reader, str, str]] = [
    (en.extract_en_hits, "HK$5 million in 2024", "In 2024, about HK$5 million and 2024-25 aside"),
    (en.extract_en_hits, "one out of 5 on 3 March", "On 3 March, one out of 5 came"),
    (zh.extract_zh_hits, "2024年撥款500萬港元", "於2024年，約500萬港元撥作2024-25年度"),
    (zh.extract_zh_hits, "2對3，下午6時45分", "比數2對3，於下午6時45分完場"),
]


@pytest.mark.parametrize(("read", "first", "second"), CASES)
def test_a_match_read_again_elsewhere_is_read_alike(read: Reader, first: str, second: str) -> None:
    """The same matched texts at other offsets (and beside other words) give the hits a
    fresh reader gives: compared with the cache emptied before each read."""
    warm = read(first), read(second)
    en._MADE.clear()
    zh._MADE.clear()
    cold_second = read(second)
    en._MADE.clear()
    zh._MADE.clear()
    cold_first = read(first)
    assert _facts(warm[0]) == _facts(cold_first)
    assert _facts(warm[1]) == _facts(cold_second)


@pytest.mark.parametrize(("read", "first", "second"), CASES)
def test_changing_a_hit_does_not_change_the_next_read(read: Reader, first: str, second: str) -> None:
    expected = _facts(read(first))
    for hit in read(first):
        hit.value, hit.approx, hit.start, hit.list_year, hit.weak = 99, True, 7, 1999, True
    assert _facts(read(first)) == expected


def test_a_full_cache_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MADE_CACHE_SIZE", 3)
    en._MADE.clear()
    hits = en.extract_en_hits("1, 2, 3, 4 and 5 per cent")
    assert len(en._MADE) <= 3
    assert [h.value for h in hits] == [1, 2, 3, 4, 5]
