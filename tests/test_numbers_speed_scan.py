"""The number reader's faster spellings find exactly what the plain ones find.

Nothing here is timed. Each test pins one rewrite against the form it replaced:

- the English guard as one negative lookbehind against the two-way choice it was;
- the prefilter union with its alternatives merged by first character
  (``common.grouped_union``), inside both master scans, against the union as written;
- the English approximation-word search with its words merged the same way;
- ``common.half_width`` by replacements against ``str.translate``.

Texts are the numbers test tables' sentences and hypothesis texts built of the pieces
the alternatives read (``test_numbers_prefilters``'s pieces).
"""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.numbers import common, en, zh
from tests.test_numbers_prefilters import EN_PIECES, TABLE_TEXTS, ZH_PIECES, _prepared, _texts

EXAMPLES = 300

#: The English guard as it was written before: not after a letter, or a digit or mark.
PLAIN_GUARD_EN = r"(?:(?<![A-Za-z])|(?=[\d<%{]))(?=[\w$¥€£<%{(+\\])"


def _plain_source(module: ModuleType) -> str:
    """The module's master pattern as it was built before: the plain guard, the union
    as written (no merged first characters), then the prefiltered alternatives."""
    guard = PLAIN_GUARD_EN if module is en else module._GUARD
    return (guard + f"(?={module._ANY_START})(?:"
            + "|".join(f"(?={pre}){body}" for pre, body in module._ALTERNATIVES) + ")")


PLAIN = {
    en: (re.compile(common.lower_source(_plain_source(en))),
         re.compile(_plain_source(en), re.IGNORECASE)),
    zh: (re.compile(common.lower_source(_plain_source(zh))),
         re.compile(_plain_source(zh), re.IGNORECASE)),
}


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def _assert_same_scan(module: ModuleType, text: str) -> None:
    plain_lower, plain_any = PLAIN[module]
    low = _prepared(module, text)
    assert _found(module._SCAN.lower_case(), low) == _found(plain_lower, low), text
    assert _found(module._SCAN.any_case(), text) == _found(plain_any, text), text


def _assert_same_approx(text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(en.APPROX_WORDS, key=len, reverse=True)))
    low = text.lower()
    assert (en._APPROX_ANY_RE.search(low) is None) == (plain.search(low) is None), text


@pytest.mark.parametrize("module", [en, zh], ids=["en", "zh"])
def test_scans_keep_every_table_match(module: ModuleType) -> None:
    for text in TABLE_TEXTS:
        _assert_same_scan(module, text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_texts(EN_PIECES))
def test_english_scan_keeps_its_matches(text: str) -> None:
    _assert_same_scan(en, text)
    _assert_same_approx(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_texts(ZH_PIECES))
def test_chinese_scan_keeps_its_matches(text: str) -> None:
    _assert_same_scan(zh, text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ5<%{(+\\$€ -.,é")), max_size=12))
def test_guard_positions_unchanged(text: str) -> None:
    """The guard alone, at every position of short texts of its own characters."""
    plain = re.compile(PLAIN_GUARD_EN)
    fast = re.compile(en._GUARD)
    assert [m.start() for m in fast.finditer(text)] == [m.start() for m in plain.finditer(text)]


def test_approx_words_unchanged_on_tables() -> None:
    for text in TABLE_TEXTS:
        _assert_same_approx(text)
    for word in en.APPROX_WORDS:
        _assert_same_approx(f"for {word} 5")


@pytest.mark.parametrize(("union", "grouped"), [
    ("tw|thr|ten", "t(?:w|hr|en)"),
    ("晚上|晚間|晚", "晚(?:上|間|)"),             # the head alone: any text it starts
    (r"[\d]|\bx|a*b|ab", r"[\d]|\bx|a*b|ab"),     # a class, an escape, a quantified head
    ("ab|ab|ac", "a(?:b|c)"),                     # a repeated alternative once
    (r"a[]|]b|ac", r"a(?:[]|]b|c)"),              # "|" inside a class is no alternative
    ("(x|y)z|w", "(x|y)z|w"),                     # nor inside a group
])
def test_grouped_union_spelling(union: str, grouped: str) -> None:
    assert common.grouped_union(union) == grouped
    plain, merged = re.compile(union), re.compile(grouped)
    for text in ["tw", "thr", "ten", "t", "晚上", "晚", "5", "x", "b", "aab", "ab", "ac", "a]b", "a|b",
                 "xz", "yz", "w", ""]:
        assert bool(plain.match(text)) == bool(merged.match(text)), (union, text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [chr(cp) for cp in sorted(common.WIDTH_TABLE)][::7] + list("ab1 （）％，。港元\u3000\u00a0\uff10")),
    max_size=20))
def test_half_width_is_translate(text: str) -> None:
    assert common.half_width(text) == text.translate(common.WIDTH_TABLE)


def test_half_width_every_mapped_character() -> None:
    text = "".join(chr(cp) for cp in sorted(common.WIDTH_TABLE)) + "中文 text"
    assert common.half_width(text) == text.translate(common.WIDTH_TABLE)
