"""The ``same`` check: a target identical to its source, or a long run of untranslated
English left in a Chinese target.

Official Chinese releases keep some English: names of bodies with no Chinese name,
brands (InnoHK), abbreviations (HKIC, GBA), URLs, e-mail addresses and reference codes.
So a run is reported only when it reads as English prose: at least ``MIN_ENGLISH_WORDS``
words, of which at least ``MIN_LOWERCASE_WORDS`` are lower-case content words. A name in
Title Case ("Advisory Committee on Innovation & Technology") has none: its small words
(of, and, on...) are joiners, not prose. URLs, e-mail addresses, codes, placeholder tags
and the glossary's do-not-translate forms are masked first.

Both findings are **warnings**: English left in a Chinese release states no different
fact, and a reviewer decides whether it is a name; ``[checks] severities`` can make it an
error for a project that never keeps English.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..model import Entry, Finding, Severity
from ..spans import mask_addresses
from . import CheckEnv, finding, register

__all__ = ["check_same", "english_runs"]

#: Fewest words in a run of English before it is reported as untranslated.
MIN_ENGLISH_WORDS = 4
#: Fewest lower-case content words in such a run: a Title Case name has none.
MIN_LOWERCASE_WORDS = 2
#: Small words that join the parts of a name in Title Case; they are not prose.
NAME_JOINERS = frozenset({"a", "an", "and", "at", "by", "de", "for", "in", "of", "on", "the",
                          "to", "van", "von", "with"})
#: A word of English: letters, with inner apostrophes, hyphens and dots (e-mail, Mr.).
_WORD = r"[A-Za-z](?:[A-Za-z'’.-]*[A-Za-z])?"
#: A run of English words joined by spaces, commas, ampersands or slashes.
RUN_RE = re.compile(rf"{_WORD}(?:[ \t]*[,&/]?[ \t]+{_WORD}|[ \t]*[&/][ \t]*{_WORD})*")
WORD_RE = re.compile(_WORD)
#: Cheap pre-test: a target with no ASCII letter holds no English run.
HAS_LATIN = re.compile(r"[A-Za-z]")
MASK = "\x00"
#: How much of a run a finding quotes.
QUOTE_CHARS = 60


@functools.lru_cache(maxsize=4)
def _keep_english(glossary: Any) -> re.Pattern[str] | None:
    """One pattern of every do-not-translate English form of a glossary (built once)."""
    if glossary is None:
        return None
    forms = sorted({f.text for t in glossary.terms for f in t.forms
                    if (f.do_not_translate or t.do_not_translate) and f.text.strip()},
                   key=len, reverse=True)
    if not forms:
        return None
    return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])" for f in forms),
                      re.IGNORECASE)


def _masked(text: str, glossary: Any) -> str:
    """The text with addresses, codes, tags and do-not-translate terms blanked out."""
    text = mask_addresses(text)
    keep = _keep_english(glossary)
    if keep is not None:
        text = keep.sub(lambda m: MASK * len(m.group()), text)
    return text


def _is_prose_word(word: str) -> bool:
    return word[0].islower() and word.lower() not in NAME_JOINERS


def english_runs(text: str, glossary: Any = None) -> list[str]:
    """Runs of English prose in ``text`` (see the module's rule)."""
    if HAS_LATIN.search(text) is None:
        return []
    runs = []
    for m in RUN_RE.finditer(_masked(text, glossary)):
        words = WORD_RE.findall(m.group())
        if (len(words) >= MIN_ENGLISH_WORDS
                and sum(1 for w in words if _is_prose_word(w)) >= MIN_LOWERCASE_WORDS):
            runs.append(m.group())
    return runs


def _translatable(source: str, glossary: Any) -> bool:
    """True when the source has words a translation should change: a lower-case content
    word, or two words or more (a single capitalised word may be a brand or a name)."""
    words = WORD_RE.findall(_masked(source, glossary))
    return any(_is_prose_word(w) for w in words) or len(words) >= 2


@register("same", Severity.WARNING,
          "translation identical to the source, or a run of untranslated English in it")
def check_same(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Report a copied source or English prose left in the Chinese text."""
    source, target = entry.msgid, entry.msgstr
    if not target or HAS_LATIN.search(target) is None:
        return []
    if target.strip() == source.strip():
        if _translatable(source, env.glossary):
            return [finding(entry, "same", Severity.WARNING,
                            "the translation is identical to the source (untranslated?)")]
        return []
    return [finding(entry, "same", Severity.WARNING,
                    f"untranslated English in the translation: {run[:QUOTE_CHARS]!r}")
            for run in english_runs(target, env.glossary)]
