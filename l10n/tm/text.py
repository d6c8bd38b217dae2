"""How the memory sees a text: its normalised form, its index tokens and its numbers.

These are pure functions of a text: the store calls them when it writes and when it
scores candidates, and a test can check them without a database.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

#: Words too common to tell segments apart; they are not indexed.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will",
    "with", "which",
})
#: English number words that change a quantity as much as digits do ("44.3 million" vs
#: "44.3 billion"). They take part in the number comparison.
NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion", "mn", "bn", "half", "third",
    "thirds", "quarter", "quarters", "tenth", "tenths", "dozen",
})

_WORD_RE = re.compile(r"[^\W\d_]+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """The form similarity is measured on: NFKC, case-folded, whitespace collapsed.

    Full-width forms and spacing differences are not edits a translator has to make.
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def index_tokens(text: str) -> frozenset[str]:
    """Tokens the candidate index uses: words of two letters or more, minus stop words.

    Digits are left out on purpose, so "HK$44.3 billion" still finds the sentence that
    said "HK$41.2 billion". Runs of CJK characters become character bigrams, since they
    have no spaces to split on.
    """
    tokens: set[str] = set()
    for word in _WORD_RE.findall(normalise(text)):
        if _CJK_RE.search(word):
            tokens.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        elif len(word) > 1 and word not in STOP_WORDS:
            tokens.add(word)
    return frozenset(tokens)


def number_signature(text: str) -> Counter[str]:
    """The numbers of a text as a multiset: digit strings (thousands commas removed) and
    English number and magnitude words. Two texts with different signatures state
    different quantities."""
    norm = normalise(text)
    found: Counter[str] = Counter()
    for raw in _NUMBER_RE.findall(norm):
        found[raw.replace(",", "") if _THOUSANDS_RE.match(raw) else raw] += 1
    for word in _WORD_RE.findall(norm):
        if word in NUMBER_WORDS:
            found[word] += 1
    return found


def length_window(length: int, threshold: float) -> tuple[int, int]:
    """Lengths a candidate may have and still reach ``threshold``.

    SequenceMatcher's ratio is 2*M/(a+b) with M <= min(a, b), so a ratio >= t needs
    b >= a*t/(2-t) and b <= a*(2-t)/t. The window is exact: it never drops a match.
    """
    low = math.floor(length * threshold / (2 - threshold))
    high = math.ceil(length * (2 - threshold) / threshold)
    return low, high
