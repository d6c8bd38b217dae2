"""Finding glossary terms in English source text and checking them in Chinese targets.

The matcher works on whole words with per-form case rules, prefers the longest term
(``HKSAR Government`` over ``HKSAR``), accepts plurals and possessives, and never looks
inside inline placeholder tags (``<1>``, ``</1>``, ``<2/>``). Chinese has no word
boundaries, so the target side is checked by substring: the preferred rendering or an
admitted one must occur, and accepted renderings are masked out before forbidden ones
are looked for (a forbidden string inside an approved rendering is not a mistake).

URLs, e-mail addresses, bare domain names and slash-separated reference codes
(``ITC/2025/0012``) are masked before matching: ``media@cyberport.hk`` does not
mention Cyberport. Forms a concept marks ambiguous (``IP``: intellectual property or
IP address) are matched for comments only; they are never enforced or protected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..locales import LocaleId
from ..model import EnglishForm, ForbiddenRendering, Term

__all__ = [
    "Glossary",
    "Hit",
    "ProtectedSpan",
    "TermProblem",
    "check_terms",
    "glossary_comments",
    "protected_spans",
    "resolve_locale_key",
]

#: Inline placeholder tags the segmenter puts into unit text.
PLACEHOLDER_RE = re.compile(r"</?\d+>|<\d+/>")
#: Spans that are addresses or codes, not prose: a term inside them is not a mention.
#: URLs with a scheme or ``www.``; e-mail addresses; bare domain names ending in a
#: common top-level domain; tokens of two or more ``/``-separated parts at least one
#: of which is all digits (``ITC/2025/0012``, ``CMF/2024/07``), so that prose such as
#: ``CMF/CCMF`` or ``Web3/AI`` still matches.
_URL = r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"'\u3000-\uffff]+"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_DOMAIN = (r"(?<![A-Za-z0-9.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
           r"\.(?:hk|com|org|net|gov|edu|cn|mo|tw|io|info|int|uk)(?![A-Za-z0-9-])"
           r"(?:/[^\s<>\"'\u3000-\uffff]*)?")
_CODE = r"(?<![A-Za-z0-9/])(?P<code>[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)+)"
ADDRESS_RE = re.compile(f"{_URL}|{_EMAIL}|{_DOMAIN}|{_CODE}", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
#: Replaces tags before matching: not a letter, digit or space, so a tag is a word
#: boundary but two words on either side of a tag never join into one term.
_MASK_CHAR = "\x00"
_WORD_CHAR = "A-Za-z0-9"
_HYPHENS = "-\u2010\u2011"
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


@dataclass(frozen=True)
class Hit:
    """A glossary term found in source text: ``text`` is ``source[start:end]``.

    The span covers the term and a plural ending (``start-ups``) but not a possessive
    (``Cyberport's`` gives ``Cyberport``), so the ``'s`` stays for the translator or MT.
    """

    term: Term
    start: int
    end: int
    text: str
    form: EnglishForm = field(compare=False, default=EnglishForm(""))

    @property
    def ambiguous(self) -> bool:
        """True when the matched form is one the concept marks ambiguous (``IP``)."""
        return self.form.text in self.term.ambiguous


@dataclass(frozen=True)
class ProtectedSpan:
    """A span the MT stage replaces by a placeholder and restores as ``rendering``."""

    start: int
    end: int
    source: str
    rendering: str
    term: Term


ProblemKind = Literal["missing", "forbidden", "altered"]


@dataclass(frozen=True)
class TermProblem:
    """A glossary rule a target breaks; ``message`` is ready for a report."""

    kind: ProblemKind
    term: Term
    message: str


def resolve_locale_key(keys: Iterable[str], locale: LocaleId) -> str | None:
    """The key of ``keys`` equal to ``locale``'s tag, ignoring case, or None.

    There is deliberately no fallback between regions: zh-Hant-TW must not inherit
    Hong Kong renderings (軟件 vs 軟體), and one approved rendering per locale means the
    term base says so explicitly.
    """
    wanted = locale.tag.lower()
    return next((key for key in keys if key.lower() == wanted), None)


def _plural_pattern(word: str) -> str:
    """Regex for the last word of a form with an optional English plural ending."""
    if len(word) > 1 and word[-1] == "y" and word[-2].lower() not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.lower().endswith(_SIBILANT_ENDINGS):
        return re.escape(word) + "(?:es)?"
    if not word[-1:].isalpha():
        return re.escape(word)
    return re.escape(word) + "s?"


def _word_pattern(word: str) -> str:
    """Escape one word; any hyphen in it may be written as a Unicode hyphen too."""
    return f"[{_HYPHENS}]".join(re.escape(part) for part in word.split("-"))


def form_pattern(form: EnglishForm) -> re.Pattern[str]:
    """Compile the whole-word pattern of one English form.

    Words are joined by any run of white space; the last word may take a plural
    ending; the ends must not touch another ASCII letter or digit.
    """
    words = form.text.split()
    parts = [_word_pattern(w) for w in words[:-1]]
    last = words[-1]
    head, _, tail = last.rpartition("-")
    if head:
        parts.append(_word_pattern(head) + f"[{_HYPHENS}]" + _plural_pattern(tail))
    else:
        parts.append(_plural_pattern(last))
    core = r"\s+".join(parts)
    flags = 0 if form.case_sensitive else re.IGNORECASE
    return re.compile(f"(?<![{_WORD_CHAR}])(?:{core})(?![{_WORD_CHAR}])", flags)


def mask_placeholders(text: str) -> str:
    """Blank out placeholder tags, keeping every offset where it was."""
    return PLACEHOLDER_RE.sub(lambda m: _MASK_CHAR * len(m.group()), text)


def _mask_address(m: re.Match[str]) -> str:
    token = m.group()
    if m.group("code") is not None and not any(
            part.isdigit() for part in token.rstrip(_TRAILING).split("/")):
        return token  # slash-separated words (CMF/CCMF, Web3/AI): prose, not a code
    kept = token.rstrip(_TRAILING)
    return _MASK_CHAR * len(kept) + token[len(kept):]


def mask_addresses(text: str) -> str:
    """Blank out placeholder tags, URLs, e-mail addresses, domain names and reference
    codes (``ITC/2025/0012``), keeping every offset where it was."""
    return ADDRESS_RE.sub(_mask_address, mask_placeholders(text))


@dataclass(frozen=True)
class _Compiled:
    term: Term
    form: EnglishForm
    pattern: re.Pattern[str]


class Glossary:
    """A loaded term base: the concepts, a matcher over them and locale look-ups.

    Immutable once built; the compiled patterns are made once, here, because the same
    glossary is matched against every unit of every document in a run.
    """

    __slots__ = ("terms", "source", "_compiled")

    def __init__(self, terms: Sequence[Term], *, source: str = "") -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        self.source = source
        compiled = [_Compiled(t, f, form_pattern(f))
                    for t in self.terms for f in t.forms if f.text.strip()]
        self._compiled: tuple[_Compiled, ...] = tuple(compiled)

    def __repr__(self) -> str:
        return f"Glossary({len(self.terms)} terms, source={self.source!r})"

    def __len__(self) -> int:
        return len(self.terms)

    def match(self, text: str) -> list[Hit]:
        """All term occurrences in ``text``, longest first where they overlap, in order."""
        masked = mask_addresses(text)
        candidates: list[Hit] = []
        for item in self._compiled:
            for m in item.pattern.finditer(masked):
                candidates.append(Hit(item.term, m.start(), m.end(), m.group(), item.form))
        candidates.sort(key=lambda h: (-(h.end - h.start), h.start))
        taken: list[Hit] = []
        for hit in candidates:
            if all(hit.end <= t.start or hit.start >= t.end for t in taken):
                taken.append(hit)
        taken.sort(key=lambda h: h.start)
        return taken

    def rendering(self, term: Term, locale: LocaleId) -> str | None:
        """The approved rendering of ``term`` for ``locale``.

        For a do-not-translate concept this is its preferred English form; None when the
        term base has no rendering for the locale.
        """
        if term.do_not_translate:
            return term.preferred
        key = resolve_locale_key(term.renderings, locale)
        return term.renderings[key] if key is not None else None

    def expected(self, hit: Hit, locale: LocaleId) -> str | None:
        """What the target must contain for one hit: a do-not-translate form keeps its
        English spelling (``CMF``), any other form takes the concept's rendering."""
        if hit.form.do_not_translate:
            return hit.form.text
        return self.rendering(hit.term, locale)

    def admitted(self, term: Term, locale: LocaleId) -> tuple[str, ...]:
        """Further renderings ``locale`` accepts for ``term`` besides the preferred one
        (香港特區 for HKSAR); empty when none are listed. Checks accept them; comments
        and MT drafts use the preferred rendering only."""
        key = resolve_locale_key(term.admitted, locale)
        return term.admitted[key] if key is not None else ()

    def accepted(self, hit: Hit, locale: LocaleId) -> tuple[str, ...]:
        """Every rendering a target may use for ``hit``: the expected one first, then
        the admitted ones (none for a do-not-translate form); empty when the term base
        has no rendering for the locale."""
        expected = self.expected(hit, locale)
        if expected is None:
            return ()
        if hit.form.do_not_translate or hit.term.do_not_translate:
            return (expected,)
        return (expected, *(a for a in self.admitted(hit.term, locale) if a != expected))

    def forbidden(self, term: Term, locale: LocaleId) -> tuple[ForbiddenRendering, ...]:
        """Renderings ``locale`` must not use for ``term`` (empty when none are listed)."""
        key = resolve_locale_key(term.forbidden, locale)
        return term.forbidden[key] if key is not None else ()

    def by_id(self) -> Mapping[str, Term]:
        """Concepts by id, for tools that refer to a concept by name."""
        return {t.concept_id: t for t in self.terms}


def _distinct(hits: Iterable[Hit], glossary: Glossary,
              locale: LocaleId) -> list[tuple[Hit, str | None]]:
    """One (hit, expected rendering) per term and expectation, in source order.

    The first hit stands for its term, except that an enforced hit replaces an earlier
    ambiguous one ("IP ... intellectual property" is still checked).
    """
    chosen: dict[tuple[str, str | None], tuple[Hit, str | None]] = {}
    for hit in hits:
        expected = glossary.expected(hit, locale)
        key = (hit.term.concept_id, expected)
        if key not in chosen or (chosen[key][0].ambiguous and not hit.ambiguous):
            chosen[key] = (hit, expected)
    return sorted(chosen.values(), key=lambda pair: pair[0].start)


def glossary_comments(text: str, glossary: Glossary, locale: LocaleId) -> list[str]:
    """Lines for a PO entry's ``#.`` comments, e.g. ``glossary: Cyberport = 數碼港``.

    One line per distinct term in order of first appearance; do-not-translate forms say
    so, since "CMF = CMF" alone would look like a mistake, and an ambiguous form names
    the meaning the rendering is for. Only the preferred rendering is given.
    """
    lines: list[str] = []
    for hit, expected in _distinct(glossary.match(text), glossary, locale):
        if expected is None:
            continue
        if hit.form.do_not_translate:
            suffix = " (keep in English)"
        elif hit.ambiguous:
            suffix = f" (only where it means {hit.term.preferred})"
        else:
            suffix = ""
        lines.append(f"glossary: {hit.form.text} = {expected}{suffix}")
    return lines


def protected_spans(text: str, glossary: Glossary, locale: LocaleId) -> list[ProtectedSpan]:
    """Spans of ``text`` whose translation is fixed by the glossary, in order.

    Terms without a rendering for ``locale`` are left to MT rather than guessed, and so
    are ambiguous forms (``IP`` in "IP address" is not intellectual property).
    """
    spans: list[ProtectedSpan] = []
    for hit in glossary.match(text):
        if hit.ambiguous:
            continue
        expected = glossary.expected(hit, locale)
        if expected is not None:
            spans.append(ProtectedSpan(hit.start, hit.end, hit.text, expected, hit.term))
    return spans


def _covered(start: int, end: int, cover: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in cover)


def _occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    i = haystack.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return out


def _english_in_target(form: EnglishForm, target: str) -> list[str]:
    """Occurrences of ``form`` in a Chinese target, any case, as written there.

    Whole words by ASCII letters and digits only: ``CMF投資`` contains ``CMF`` but
    ``CCMF`` does not.
    """
    pattern = r"\s+".join(_word_pattern(w) for w in form.text.split())
    rx = re.compile(f"(?<![{_WORD_CHAR}])(?:{pattern})(?![{_WORD_CHAR}])", re.IGNORECASE)
    return [m.group() for m in rx.finditer(mask_addresses(target))]


def check_terms(source: str, target: str, glossary: Glossary,
                locale: LocaleId) -> list[TermProblem]:
    """Glossary problems of one translated unit, at most one per term, in source order.

    * ``missing``: neither the preferred nor an admitted rendering occurs in the target;
    * ``forbidden``: a rendering the locale forbids occurs (outside any accepted one);
    * ``altered``: a do-not-translate form is absent or written differently.

    Forbidden renderings are only looked for where the source has the term, so an
    unrelated use of the same characters elsewhere is not a false alarm. Ambiguous
    forms (``IP``) are never checked.
    """
    hits = [(h, e) for h, e in _distinct(glossary.match(source), glossary, locale)
            if not h.ambiguous]
    accepted = {h: glossary.accepted(h, locale) for h, _ in hits}
    cover = sorted({span for forms in accepted.values() for e in forms
                    for span in _occurrences(target, e)})
    problems: list[TermProblem] = []
    for hit, expected in hits:
        if expected is None:
            continue
        name = hit.form.text
        if hit.form.do_not_translate or hit.term.do_not_translate:
            found = _english_in_target(hit.form, target)
            if any(" ".join(f.split()) == expected for f in found):
                continue
            detail = f"found {found[0]}" if found else "not found in target"
            problems.append(TermProblem(
                "altered", hit.term,
                f'glossary: "{name}" must stay as {expected} (do not translate); {detail}'))
            continue
        bad = [f for f in glossary.forbidden(hit.term, locale)
               if any(not _covered(a, b, cover) for a, b in _occurrences(target, f.text))]
        if bad:
            first = bad[0]
            problems.append(TermProblem(
                "forbidden", hit.term,
                f'glossary: "{name}" must be rendered {expected}; found {first.text} '
                f"({first.reason})"))
        elif not any(form in target for form in accepted[hit]):
            also = accepted[hit][1:]
            alt = f" (or {' / '.join(also)})" if also else ""
            problems.append(TermProblem(
                "missing", hit.term,
                f'glossary: "{name}" must be rendered {expected}{alt}; not found in target'))
    return problems
