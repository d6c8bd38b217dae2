"""``ADDRESS_RE`` is case-insensitive only in its ASCII parts (cheaper to compile): it must
match exactly what the single IGNORECASE pattern it replaced matched. That pattern is kept
here, verbatim, as the reference."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.spans import _URL_CHAR, ADDRESS_RE, EMAIL, TLDS

_OLD_ANY_URL = r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"'\u3000-\uffff]+"
_OLD_DOMAIN = (r"(?<![A-Za-z0-9.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
               rf"\.(?:{TLDS})(?![A-Za-z0-9-])"
               r"(?:/[^\s<>\"'\u3000-\uffff]*)?")
_OLD_CODE = r"(?<![A-Za-z0-9/])(?P<code>[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)+)"
OLD_ADDRESS_RE = re.compile(f"{_OLD_ANY_URL}|{EMAIL}|{_OLD_DOMAIN}|{_OLD_CODE}", re.IGNORECASE)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.group("code")) for m in pattern.finditer(text)]


def test_url_character_is_the_old_class_for_every_code_point() -> None:
    """Every one of the 1.1 million code points: the written-out class and the old
    case-insensitive one agree (so ɜ, Cherokee and astral characters too)."""
    old = re.compile(r"[^\s<>\"'\u3000-\uffff]", re.IGNORECASE)
    new = re.compile(_URL_CHAR)
    differ = [hex(c) for c in range(0x110000) if (old.fullmatch(chr(c)) is None) != (new.fullmatch(chr(c)) is None)]
    assert differ == []


SAMPLES = [
    "See https://www.cyberport.hk/en/news?id=3 for details.",
    "WWW.ITF.GOV.HK/Apply, or write to Enquiry@Cyberport.HK.",
    "Ref ITC/2025/0012 and CMF/CCMF or Web3/AI.",
    "詳情見www.cyberport.hk（網站）或電郵info@cyberport.hk。",
    "ftp://files.example.org/a b; FTP://X.IO/ɜ/Ꭰ/𠀋",
    "k.hk/\u212a and ſ.com and x.HK-y",
    "",
]


def test_samples_match_as_before() -> None:
    for text in SAMPLES:
        assert _matches(ADDRESS_RE, text) == _matches(OLD_ADDRESS_RE, text), text


#: Pieces addresses are built of, in both cases, with the characters whose case is odd
#: (Kelvin sign, long s, ɜ whose capital is in U+A7xx, Cherokee) and CJK.
PIECES = ["http", "HTTPS", "://", "www.", "WWW.", ".", "/", "@", "-", "_", "%", "+", "hk", "HK", "com",
          "Gov", "info", "io", "uk", "2025", "0012", "a", "Z", "\u212a", "\u017f", "\u0130", "\u025c",
          "\ua7ab", "\u13a0", "\uab70", "數碼港", "，", "。", "（", " ", "\t", "<", ">", '"', "'", "𠀋",
          "\uff21", "\u3000", "x9", "ITC", "(", ")", ":", "?", "=", "&", "#"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16))
def test_random_text_matches_as_before(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _matches(ADDRESS_RE, text) == _matches(OLD_ADDRESS_RE, text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_any_text_matches_as_before(text: str) -> None:
    assert _matches(ADDRESS_RE, text) == _matches(OLD_ADDRESS_RE, text)
