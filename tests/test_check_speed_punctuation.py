"""The punctuation check's cheaper tests decide as the ones they replace did: a text
without a half-width mark next to Chinese (``MARK_THEN_CJK_RE`` on the text and its
reversal) has no mark ``_touching_chinese`` reports, the pair walk over the paired
marks alone finds what the walk over every character found, and ``DOUBLED_RE``
starting with the mark finds the same two marks as the two-branch pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks.punctuation import (
    APOSTROPHE_RE,
    CLOSERS,
    DOUBLED_RE,
    HALF_RE,
    NUMBERING_RE,
    PAIRS,
    _touching_chinese,
    half_width_marks,
    unbalanced_pairs,
)
from l10n.spans import mask_addresses

#: Characters that exercise every branch: marks, digits (full-width ones are Chinese
#: characters too), spaces and tabs, letters around apostrophes, paired marks, a URL.
_ALPHABET = st.sampled_from([*",;:?!().", *"19１９", " ", "\t", *"aZ", "’", "'", *PAIRS, *CLOSERS,
                             "中", "文", "。", "　", "www.x.hk", "<1>", "78. ", "(a) ", *"，、；：？！．",
                             "\U00020001", "가", "\U00010400"])
_DOUBLED_BEFORE = re.compile(r"([。，、；：？！])\1|[。！？][。.]")


def _half_before(target: str) -> list[str]:
    if HALF_RE.search(target) is None or not _touching_chinese(target, 0):
        return []
    masked = mask_addresses(target)
    numbering = NUMBERING_RE.match(masked)
    return _touching_chinese(masked, numbering.end() if numbering else 0)


def _pairs_before(text: str) -> list[str]:
    stack: list[str] = []
    stray: list[str] = []
    for char in APOSTROPHE_RE.sub("", text):
        if char in PAIRS:
            stack.append(char)
        elif char in CLOSERS:
            if stack and stack[-1] == CLOSERS[char]:
                stack.pop()
            else:
                stray.append(char)
    return stray + stack


@settings(max_examples=4000, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map("".join))
def test_half_width_marks_as_before(text: str) -> None:
    assert half_width_marks(text) == _half_before(text)


@settings(max_examples=4000, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map("".join))
def test_unbalanced_pairs_as_before(text: str) -> None:
    assert unbalanced_pairs(text) == _pairs_before(text)


@settings(max_examples=4000, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map("".join))
def test_doubled_marks_as_before(text: str) -> None:
    now, before = DOUBLED_RE.search(text), _DOUBLED_BEFORE.search(text)
    assert (now and (now.start(), now.group())) == (before and (before.start(), before.group()))
