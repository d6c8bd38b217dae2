"""Spans of text that are not prose: placeholder tags, URLs, e-mail addresses, domain
names and reference codes. One home for their patterns.

Three stages look for them, for different reasons, and the differences between their
patterns are deliberate; each variant is named for its use:

* **tags** (``<1>``, ``</1>``, ``<2/>``) are the segmenter's inline markup. Every stage
  reads them with :data:`TAG_RE`.
* **the glossary and the checks mask** addresses and codes so that a term inside
  ``www.cyberport.hk`` or ``ITC/2025/0012`` is not a mention (:func:`mask_addresses`):
  any URL scheme, bare domains and slash codes, greedy up to a space or a CJK character,
  trailing punctuation given back.
* **machine translation protects** URLs and e-mail addresses (``l10n.mt.protect``):
  only ``http(s)://`` and ``www.``, ending at a space, a quote or Chinese punctuation
  (:data:`PROTECTED_URL_RE`), trailing punctuation given back as well.
* **the segmenter** must not split a sentence inside a URL or an address
  (:data:`SENTENCE_URL_RE`, :data:`SENTENCE_EMAIL_RE`): parentheses and curly quotes end
  a URL there, since a URL in a press release is often written "(www.x.hk)", and an
  address may hold any Unicode word character.

``l10n.numbers.common`` keeps its own address pattern (``_ADDRESS_RE``), tuned for
speed on number-bearing sentences; see its module.
"""

from __future__ import annotations

import re

# -- placeholder tags -------------------------------------------------------------------

#: A tag as a pattern, to compose into other patterns (``[.!?](?:...|TAG)*$``).
TAG = r"</?\d+/?>"
#: Inline markup in unit text: ``<1>``, ``</1>``, ``<2/>``. Groups: the closing slash,
#: the number, the self-closing slash.
TAG_RE = re.compile(r"<(/?)(\d+)(/?)>")

# -- e-mail addresses and URLs ----------------------------------------------------------

#: An e-mail address with an ASCII local part and domain (what a release prints).
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
EMAIL_RE = re.compile(EMAIL)
#: Punctuation that ends a sentence or a bracket right after a URL: not part of it.
URL_TRAILING = ".,;:!?)]}'\""
#: URLs machine translation must leave alone: a web scheme or ``www.``, up to a space, a
#: quote, ``<`` or Chinese punctuation (a translated sentence can end right after one).
PROTECTED_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。、；：]+", re.IGNORECASE)
#: URLs and addresses inside a sentence being split: a URL ends before parentheses and
#: curly quotes and never on sentence punctuation; an address may use any word character.
SENTENCE_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?]", re.IGNORECASE)
SENTENCE_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")

# -- addresses and codes masked before matching terms -----------------------------------

#: Top-level domains a bare domain name may end in (``cyberport.hk``).
TLDS = "hk|com|org|net|gov|edu|cn|mo|tw|io|info|int|uk"
#: A character a URL or a domain's path may hold: not a space, ``<>"'``, nor CJK and
#: full-width (U+3000–U+FFFF). Written out rather than matched case-insensitively, which
#: made compiling ADDRESS_RE expand the wide range character by character (tens of ms at
#: first use); the characters below U+3000 whose other case lies in that range (ɜ, ɡ,
#: Cherokee Ꭰ–Ᏼ, ...) stay excluded, as they were, and characters past U+FFFF are a
#: second class so that no range has to be expanded (``tests/test_spans_address.py``).
_URL_CHAR = (r"(?:[^\s<>\"'\u025c\u0261\u0265-\u0266\u026a\u026c\u0282\u0287\u029d-\u029e"
             r"\u13a0-\u13ef\u1c88\u1d79\u1d8e\u3000-\U0010ffff]|[\U00010000-\U0010ffff])")
#: URLs with any scheme or ``www.``; e-mail addresses; bare domain names ending in one of
#: TLDS; tokens of two or more ``/``-separated parts (``ITC/2025/0012``: a code only when
#: one part is all digits, see :func:`mask_addresses`, so that ``CMF/CCMF`` or
#: ``Web3/AI`` stay prose).
_ANY_URL = rf"(?i:[A-Za-z][A-Za-z0-9+.-]*://|www\.){_URL_CHAR}+"
_DOMAIN = (r"(?i:(?<![A-Za-z0-9.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
           rf"\.(?:{TLDS})(?![A-Za-z0-9-]))"
           rf"(?:/{_URL_CHAR}*)?")
_CODE = r"(?i:(?<![A-Za-z0-9/])(?P<code>[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)+))"
#: Case-insensitive in its ASCII parts only (``(?i:...)``), as one IGNORECASE pattern was.
ADDRESS_RE = re.compile(f"{_ANY_URL}|(?i:{EMAIL})|{_DOMAIN}|{_CODE}")
#: Every address or code ADDRESS_RE can match contains one of these: a cheap test that
#: spares the full pattern on ordinary sentences.
ADDRESS_HINT_RE = re.compile(rf"[/@]|www\.|\.(?:{TLDS})(?![A-Za-z0-9-])", re.IGNORECASE)
#: Replaces what is masked: not a letter, digit or space, so a masked span is a word
#: boundary but two words on either side of it never join into one term.
MASK_CHAR = "\x00"


def mask_tags(text: str) -> str:
    """Blank out placeholder tags, keeping every offset where it was."""
    if "<" not in text:
        return text
    return TAG_RE.sub(lambda m: MASK_CHAR * len(m.group()), text)


def _mask_address(m: re.Match[str]) -> str:
    token = m.group()
    if m.group("code") is not None and not any(
            part.isdigit() for part in token.rstrip(URL_TRAILING).split("/")):
        return token  # slash-separated words (CMF/CCMF, Web3/AI): prose, not a code
    kept = token.rstrip(URL_TRAILING)
    return MASK_CHAR * len(kept) + token[len(kept):]


def mask_addresses(text: str) -> str:
    """Blank out placeholder tags, URLs, e-mail addresses, domain names and reference
    codes (``ITC/2025/0012``), keeping every offset where it was."""
    text = mask_tags(text)
    if not ADDRESS_HINT_RE.search(text):  # most sentences: no '/', '@' or '.tld' at all
        return text
    return ADDRESS_RE.sub(_mask_address, text)
