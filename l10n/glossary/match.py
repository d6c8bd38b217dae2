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

The check reads like a reviewer (docs/glossary.md, "How the check decides"):

* a common-noun term written inside a longer capitalised name that the glossary does
  not list ("Innovation and Technology Commission" when only "innovation and
  technology" were a term) is part of that name, not a mention of the term;
* official Chinese names a body in full once, then by a short form (創科局), a pronoun
  (該局) or not at all: ``CatalogTerms`` follows one document in order and accepts
  that once the full rendering has appeared;
* a missing rendering is a warning (a reviewer checks the wording); a forbidden
  rendering or an altered do-not-translate form is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

from ..locales import LocaleId
from ..model import EnglishForm, ForbiddenRendering, Severity, Term
from ..provenance import glossary_hint
from ..spans import MASK_CHAR, mask_addresses

__all__ = [
    "CatalogTerms",
    "Glossary",
    "Hit",
    "ProtectedSpan",
    "TermProblem",
    "check_catalog_terms",
    "check_terms",
    "glossary_comments",
    "protected_spans",
    "resolve_locale_key",
]

_WORD_CHAR = "A-Za-z0-9"
_HYPHENS = "-\u2010\u2011"
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
#: Lower-case words that may join the capitalised words of one proper name
#: ("Advisory Committee on Innovation and Technology", "Office for Attracting ...").
_NAME_JOINERS = frozenset({"and", "of", "for", "on", "the", "in", "&", "to", "de"})
#: Capitalised words that start sentences rather than names: "The Smart City ..." does
#: not make "smart city" part of a longer name.
_NOT_NAME_WORDS = frozenset({"The", "A", "An", "In", "On", "For", "Of", "And", "To", "By",
                             "With", "At", "As", "From", "Its", "Our", "Their", "This",
                             "These", "That"})
#: "and" and "&" are the same word inside a name.
_AND_WORDS = frozenset({"and", "&"})
_AND_PATTERN = "(?:[Aa][Nn][Dd]|&)"
#: Words that make a title out of a following office ("Under Secretary for ...",
#: "Deputy Financial Secretary", "Permanent Secretary for ..."): the longer title is a
#: different office with its own rendering (副局長, 副司長, 常任秘書長).
_TITLE_MODIFIERS = frozenset({"Under", "Deputy", "Permanent", "Assistant", "Associate",
                              "Vice", "Principal"})
_NAME_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*|&")


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


ProblemKind = Literal["missing", "forbidden", "altered", "short-first"]
#: What each kind of problem means to a reviewer: a wrong or altered name states a
#: different thing (error); a rendering the checker cannot see may be a legitimate
#: rewording, so a person looks at it (warning).
PROBLEM_SEVERITY: Mapping[str, Severity] = {
    "missing": Severity.WARNING,
    "short-first": Severity.WARNING,
    "forbidden": Severity.ERROR,
    "altered": Severity.ERROR,
}


@dataclass(frozen=True)
class TermProblem:
    """A glossary rule a target breaks; ``message`` is ready for a report."""

    kind: ProblemKind
    term: Term
    message: str

    @property
    def severity(self) -> Severity:
        """Error for a forbidden or altered form, warning for a rendering not found."""
        return PROBLEM_SEVERITY[self.kind]


def resolve_locale_key(keys: Iterable[str], locale: LocaleId) -> str | None:
    """The key of ``keys`` equal to ``locale``'s tag, ignoring case, or None.

    There is deliberately no fallback between regions: zh-Hant-TW must not inherit
    Hong Kong renderings (軟件 vs 軟體), and one approved rendering per locale means the
    term base says so explicitly.
    """
    tag = locale.tag
    if isinstance(keys, Mapping) and tag in keys:  # the usual case: keys are normalised tags
        return tag
    wanted = tag.lower()
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
    """Escape one word; any hyphen in it may be written as a Unicode hyphen too, and the
    word "and" may be written "&" (news.gov.hk writes "Secretary for Commerce &
    Economic Development" where press releases write "and")."""
    if word.lower() in _AND_WORDS:
        return _AND_PATTERN
    return f"[{_HYPHENS}]".join(re.escape(part) for part in word.split("-"))


def _form_core(form: EnglishForm) -> str:
    """The pattern of one English form's words, without its boundaries or flags.

    Words are joined by any run of white space; the last word may take a plural ending.
    """
    words = form.text.split()
    parts = [_word_pattern(w) for w in words[:-1]]
    last = words[-1]
    head, _, tail = last.rpartition("-")
    if head:
        parts.append(_word_pattern(head) + f"[{_HYPHENS}]" + _plural_pattern(tail))
    else:
        parts.append(_plural_pattern(last))
    return r"\s+".join(parts)


def form_pattern(form: EnglishForm) -> re.Pattern[str]:
    """Compile the whole-word pattern of one English form: its words (``_form_core``),
    ends that do not touch another ASCII letter or digit, and the form's case rule."""
    flags = 0 if form.case_sensitive else re.IGNORECASE
    return re.compile(f"(?<![{_WORD_CHAR}])(?:{_form_core(form)})(?![{_WORD_CHAR}])", flags)


@dataclass(frozen=True)
class _Form:
    term: Term
    form: EnglishForm
    key: str  # the form's first run of letters and digits, lower-cased ("" = always try)
    words: frozenset[str]  # every run of letters and digits the text must contain


#: Runs of letters and digits: the words a form can start with.
_KEY_RE = re.compile(r"[a-z0-9]+")
#: Plural endings removed from a text word so that "unicorns" and "cities" still find
#: the one-word forms "unicorn" and "city" by their key.
_PLURAL_KEYS = (("ies", "y"), ("es", ""), ("s", ""))
#: Texts whose hits one glossary remembers: every locale's check, comments and MT
#: protection of the same source ask again, as do repeated units (boilerplate, the end
#: line). A few thousand short tuples: well under a megabyte.
MATCH_CACHE_SIZE = 4096


#: Characters that Python's case-insensitive matching takes for an ASCII letter (long s,
#: Kelvin sign, dotted and dotless i): a text holding one is matched the slow way, so
#: that the word filter below never hides a form the form's own pattern would find.
_FOLDS_TO_ASCII_RE = re.compile("[\u017f\u212a\u0130\u0131]")


def _form_key(form: EnglishForm) -> str:
    """The index key of a form: its first word's first letter-and-digit run, lower case."""
    m = _KEY_RE.search(form.text.lower())
    return m.group() if m else ""


def _form_words(form: EnglishForm) -> frozenset[str]:
    """The runs of letters and digits any match of ``form`` contains as whole runs, lower
    case: its words split at hyphens and other signs, "and" left out ("&" may stand for
    it). The plural ending of the last word is not in them, and ``_text_keys`` gives
    a text's singulars too, so a form can only match a text whose keys hold all of them."""
    return frozenset(run for word in form.text.lower().split() if word not in _AND_WORDS
                     for run in _KEY_RE.findall(word))


def _make_form(term: Term, form: EnglishForm) -> _Form:
    return _Form(term, form, _form_key(form), _form_words(form))


def _word_keys(word: str) -> set[str]:
    """The keys one run of letters and digits of a text gives: itself and its singulars."""
    keys = {word}
    if word[-1:] == "s":
        for ending, replacement in _PLURAL_KEYS:
            if word.endswith(ending):
                keys.add(word[:-len(ending)] + replacement)
    return keys


def _text_keys(masked: str) -> set[str]:
    """Every key a form found in ``masked`` could have: its words and their singulars.

    One scan of the text for its words, then set look-ups: only the forms whose every
    word occurs are run, a few forms rather than the whole term base.
    """
    keys = {""}
    for word in set(_KEY_RE.findall(masked.lower())):
        keys |= _word_keys(word)
    return keys


def _plural_words(key: str) -> tuple[str, ...]:
    """Every run of letters and digits whose ``_word_keys`` hold ``key``: the key itself
    and the plurals ``_PLURAL_KEYS`` take back to it."""
    words = [key, key + "s", key + "es"]
    if key.endswith("y"):
        words.append(key[:-1] + "ies")
    return tuple(words)


def _bound(memo: dict[Any, Any]) -> None:
    """Keep a memo at ``MATCH_CACHE_SIZE`` entries: the oldest go first (a catalog's
    repeats are near each other, and a run moves on from one document to the next).

    The oldest quarter goes at once: taking the first key of a dict whose front was
    deleted walks over every deleted slot (until the dict is rebuilt), so dropping one
    key per new text cost a walk of hundreds of slots each time."""
    if len(memo) > MATCH_CACHE_SIZE:
        for key in list(islice(memo, MATCH_CACHE_SIZE // 4)):
            del memo[key]


def _longest_first(candidates: list[Hit]) -> tuple[Hit, ...]:
    """Where hits overlap, the longest (then the first) wins; the winners in text order."""
    candidates.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    for hit in candidates:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    taken.sort(key=lambda h: h.start)
    return tuple(taken)


class Glossary:
    """A loaded term base: the concepts, a matcher over them and locale look-ups.

    Immutable once built. A text is read once for its words (``_text_keys``); a form's
    pattern runs only where the text holds every word of the form, so most texts run
    none. (One alternation of every form was measured 7x slower than that word scan:
    Python's regex engine tries each of the ~230 branches at each position.) Patterns
    are compiled on first use, not at load, and hits are remembered per text
    (``MATCH_CACHE_SIZE`` texts), so every locale and every stage asking about the same
    source string (check, comments, MT protection) shares one match.
    """

    __slots__ = ("terms", "source", "_forms", "_index", "_names", "_patterns", "_hits",
                 "mentions_memo", "_word_index", "_word_set", "_plans")

    def __init__(self, terms: Sequence[Term], *, source: str = "") -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        self.source = source
        forms = [_make_form(t, f) for t in self.terms for f in t.forms if f.text.strip()]
        self._forms: tuple[_Form, ...] = tuple(forms)
        index: dict[str, list[int]] = {}
        for i, item in enumerate(forms):
            index.setdefault(item.key, []).append(i)
        self._index: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in index.items()}
        # the text words that matter (``_match``): each run of letters and digits whose
        # ``_word_keys`` hold an index key or a form's word, with those keys
        wanted = set(self._index).union(*(item.words for item in forms))
        wanted.discard("")
        self._word_index: dict[str, tuple[str, ...]] = {
            word: tuple(sorted(_word_keys(word) & wanted))
            for key in wanted for word in _plural_words(key)}
        self._word_set: frozenset[str] = frozenset(self._word_index)
        self._plans: dict[frozenset[str], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self._patterns: list[re.Pattern[str] | None] = [None] * len(forms)
        self._hits: dict[str, tuple[Hit, ...]] = {}
        #: The enforced mentions of a source text per locale (``_mentions``): what a
        #: check derives from the hits, shared by the units and catalogs repeating it.
        self.mentions_memo: dict[tuple[str, str], tuple[_Mention, ...]] = {}

    def __repr__(self) -> str:
        return f"Glossary({len(self.terms)} terms, source={self.source!r})"

    def __len__(self) -> int:
        return len(self.terms)

    def match(self, text: str) -> list[Hit]:
        """All term occurrences in ``text``, longest first where they overlap, in order."""
        return list(self.hits(text))

    def hits(self, text: str) -> tuple[Hit, ...]:
        """``match`` as a shared tuple, remembered per text (callers must not rely on
        identity, only on equality)."""
        found = self._hits.get(text)
        if found is None:
            found = self._hits[text] = self._match(text)
            _bound(self._hits)
        return found

    def _match(self, text: str) -> tuple[Hit, ...]:
        """The hits of one text. Its keys (``_text_keys``) matter only where they are
        an index key or a form's word, so only the text words that give one are looked
        at (``_word_index``, built with the glossary): most texts hold none, and they
        are done after one scan for their words, with no singulars made."""
        masked = mask_addresses(text)
        words = self._word_set.intersection(_KEY_RE.findall(masked.lower()))
        if not words and "" not in self._index:
            return ()
        plan = self._plans.get(words)
        if plan is None:
            plan = self._plans[words] = self._plan(words)
            _bound(self._plans)
        if not plan[1]:  # most texts: words of forms ("the", "in"), but no form's first word
            return ()
        tried = plan[0] if _FOLDS_TO_ASCII_RE.search(masked) is None else plan[1]
        if not tried:
            return ()
        candidates: list[Hit] = []
        for i in tried:
            item = self._forms[i]
            pattern = self._patterns[i]
            if pattern is None:
                pattern = self._patterns[i] = form_pattern(item.form)
            for m in pattern.finditer(masked):
                candidates.append(Hit(item.term, m.start(), m.end(), m.group(), item.form))
        return _longest_first(candidates)

    def _plan(self, words: frozenset[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The forms to run on a text whose words ``_word_index`` knows are ``words``:
        (those whose every word the text's keys hold, every form indexed under one of
        its keys: for a text whose folded letters may hide a word from the keys).
        Remembered per set of words: most texts that name a term share one of a few
        (only "government", say)."""
        keys = {""}
        for word in words:
            keys.update(self._word_index[word])
        every = tuple(sorted(i for key in keys for i in self._index.get(key, ())))
        return tuple(i for i in every if self._forms[i].words <= keys), every

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

    def short_forms(self, term: Term, locale: LocaleId) -> tuple[str, ...]:
        """Short forms ``locale`` accepts for ``term`` after its first full mention in a
        document (創科局 for the Innovation and Technology Bureau); empty when none."""
        key = resolve_locale_key(term.short, locale)
        return term.short[key] if key is not None else ()

    def all_names(self, locale: LocaleId) -> tuple[str, ...]:
        """Every approved, admitted and short rendering of every concept for ``locale``,
        longest first: the target text inside one of them is part of a name, so a
        forbidden rendering found there is not a mistake (cached per locale)."""
        cached = self._names.get(locale.tag)
        if cached is None:
            names = {text for term in self.terms
                     for text in (self.rendering(term, locale), *self.admitted(term, locale),
                                  *self.short_forms(term, locale))
                     if text and not term.do_not_translate}
            cached = tuple(sorted(names, key=lambda t: (-len(t), t)))
            self._names[locale.tag] = cached
        return cached

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
    for hit, expected in _distinct(glossary.hits(text), glossary, locale):
        if expected is None:
            continue
        if hit.form.do_not_translate:
            suffix = " (keep in English)"
        elif hit.ambiguous:
            suffix = f" (only where it means {hit.term.preferred})"
        else:
            suffix = ""
        lines.append(glossary_hint(hit.form.text, f"{expected}{suffix}"))
    return lines


def protected_spans(text: str, glossary: Glossary, locale: LocaleId) -> list[ProtectedSpan]:
    """Spans of ``text`` whose translation is fixed by the glossary, in order.

    Terms without a rendering for ``locale`` are left to MT rather than guessed, and so
    are ambiguous forms (``IP`` in "IP address" is not intellectual property).
    """
    spans: list[ProtectedSpan] = []
    for hit in glossary.hits(text):
        if hit.ambiguous:
            continue
        expected = glossary.expected(hit, locale)
        if expected is not None:
            spans.append(ProtectedSpan(hit.start, hit.end, hit.text, expected, hit.term))
    return spans


def _english_in_target(form: EnglishForm, target: str) -> list[str]:
    """Occurrences of ``form`` in a Chinese target, any case, as written there.

    Whole words by ASCII letters and digits only: ``CMF投資`` contains ``CMF`` but
    ``CCMF`` does not.
    """
    pattern = r"\s+".join(_word_pattern(w) for w in form.text.split())
    rx = re.compile(f"(?<![{_WORD_CHAR}])(?:{pattern})(?![{_WORD_CHAR}])", re.IGNORECASE)
    return [m.group() for m in rx.finditer(mask_addresses(target))]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_words(text: str, start: int, end: int, step: int) -> int:
    """How many capitalised words continue a name from ``start``/``end`` in one direction.

    Walks over words separated by single spaces (or ", " before a capitalised word);
    lower-case joiners count only when a capitalised word follows them, so "... and
    smart city" is not a name. ``step`` is -1 to walk left, +1 to walk right.
    """
    tokens = list(_NAME_TOKEN_RE.finditer(text))
    if step < 0:
        tokens = [t for t in tokens if t.end() <= start][::-1]
        edge = start
    else:
        tokens = [t for t in tokens if t.start() >= end]
        edge = end
    found = pending = 0
    for tok in tokens:
        gap = text[tok.end():edge] if step < 0 else text[edge:tok.start()]
        if gap not in (" ", ", ") or (gap == ", " and pending):
            break
        word = tok.group()
        edge = tok.start() if step < 0 else tok.end()
        if word.lower() in _NAME_JOINERS and not _is_capitalised(word):
            pending += 1
            continue
        if not _is_capitalised(word) or word in _NOT_NAME_WORDS:
            break
        found += 1
        pending = 0
    return found


def _modified_title(text: str, hit: Hit) -> bool:
    """True when the hit is preceded by a title modifier: "Under Secretary for ..."."""
    before = text[:hit.start]
    if not before.endswith((" ", "-")):
        return False
    words = before[:-1].rsplit(None, 1)
    return bool(words) and words[-1] in _TITLE_MODIFIERS


def inside_longer_name(text: str, hit: Hit) -> bool:
    """True when a common-noun term is written as part of a longer proper name.

    "innovation and technology" is a term; "Innovation and Technology Bureau" or the
    "Advisory Committee on Innovation and Technology" are names with their own official
    renderings (創新及科技局, 創新及科技諮詢委員會) that need not contain the term's
    rendering. Only forms the glossary writes in lower case are considered, and only
    where every word of the match is capitalised in the text: proper-noun terms
    (Cyberport) are enforced inside longer names, since their names contain them.
    """
    if _modified_title(text, hit):
        return True
    if _is_capitalised(hit.form.text) or hit.form.case_sensitive:
        return False
    words = [w for w in re.split(r"[\s\-\u2010\u2011]+", hit.text) if w]
    if not all(_is_capitalised(w) or w.lower() in _NAME_JOINERS for w in words):
        return False
    if not _is_capitalised(words[0]):
        return False
    return (_name_words(text, hit.start, hit.end, -1)
            + _name_words(text, hit.start, hit.end, +1)) > 0


def _mask_names(target: str, names: Iterable[str]) -> str:
    """Blank out every occurrence of ``names`` (longest first), keeping offsets."""
    masked = target
    for name in sorted(set(names), key=len, reverse=True):
        if name and name in masked:
            masked = masked.replace(name, MASK_CHAR * len(name))
    return masked


@dataclass(frozen=True)
class _Mention:
    """One enforced source mention: the hit and what the target must contain."""

    hit: Hit
    expected: str
    accepted: tuple[str, ...]
    short: tuple[str, ...]


def _mentions(source: str, glossary: Glossary, locale: LocaleId) -> tuple[_Mention, ...]:
    """The enforced mentions of ``source``: one per term and expectation, no ambiguous
    forms, no terms without a rendering, none inside a longer proper name (remembered
    per source and locale: a function of the two and the glossary alone)."""
    key = (source, locale.tag)
    found = glossary.mentions_memo.get(key)
    if found is None:
        hits = glossary.hits(source)  # most sources: none, and so no mention
        found = glossary.mentions_memo[key] = tuple(_enforced(source, hits, glossary, locale)) if hits else ()
        _bound(glossary.mentions_memo)
    return found


def _enforced(source: str, hits: Iterable[Hit], glossary: Glossary, locale: LocaleId) -> Iterator[_Mention]:
    for hit, expected in _distinct(hits, glossary, locale):
        if expected is None or hit.ambiguous or inside_longer_name(source, hit):
            continue
        yield _Mention(hit, expected, glossary.accepted(hit, locale),
                       glossary.short_forms(hit.term, locale))


def _forbidden_found(mention: _Mention, target: str, masked: Callable[[], str],
                     glossary: Glossary, locale: LocaleId) -> ForbiddenRendering | None:
    """The first forbidden rendering of the term present outside every accepted name."""
    for item in glossary.forbidden(mention.hit.term, locale):
        if item.text and item.text in target and item.text in masked():
            return item
    return None


def _altered(mention: _Mention, target: str) -> TermProblem | None:
    """A do-not-translate form must appear in the target exactly as written."""
    found = _english_in_target(mention.hit.form, target)
    if any(" ".join(f.split()) == mention.expected for f in found):
        return None
    detail = f"found {found[0]}" if found else "not found in target"
    return TermProblem("altered", mention.hit.term,
                       f'glossary: "{mention.hit.form.text}" must stay as {mention.expected} '
                       f"(do not translate); {detail}")


def _is_abbreviation(form: EnglishForm) -> bool:
    """A case-sensitive form with no lower-case word: HKIC, ITB, TechTAS is not."""
    return form.case_sensitive and not any(ch.islower() for ch in form.text)


def _is_short_english(form: EnglishForm, term: Term) -> bool:
    """The source names the concept in short itself: an abbreviation (HKIC) or a form
    with fewer words than the preferred one ("Science Park" for "Hong Kong Science
    Park", "Chief Secretary"), so the official Chinese short form matches it."""
    return _is_abbreviation(form) or len(form.text.split()) < len(term.preferred.split())


def _missing(mention: _Mention, target: str, introduced: Set[str]) -> TermProblem | None:
    """None when an accepted rendering is present, or the document has already named
    the concept in full (later mentions may be short, a pronoun or left out), or the
    source itself uses a short English form and the target its official short form."""
    hit, name = mention.hit, mention.hit.form.text
    if any(form in target for form in mention.accepted):
        return None
    if hit.term.concept_id in introduced:
        return None
    if _is_abbreviation(hit.form) and any(
            " ".join(f.split()) == hit.form.text for f in _english_in_target(hit.form, target)):
        return None  # "HKGAI" kept as HKGAI: the same name, as official Chinese often does
    short = next((s for s in mention.short if s in target), None)
    if short is not None:
        if _is_short_english(hit.form, hit.term):
            return None  # "HKIC" → 港投公司, "Science Park" → 科學園: both sides are short
        return TermProblem(
            "short-first", hit.term,
            f'glossary: "{name}" appears as the short form {short} before the full '
            f"rendering {mention.expected} in this document; check the first mention")
    also = mention.accepted[1:]
    alt = f" (or {' / '.join(also)})" if also else ""
    return TermProblem(
        "missing", hit.term,
        f'glossary: "{name}": approved rendering {mention.expected}{alt} not found; '
        "check the wording")


def check_terms(source: str, target: str, glossary: Glossary, locale: LocaleId, *,
                introduced: Set[str] = frozenset()) -> list[TermProblem]:
    """Glossary problems of one translated unit, at most one per term, in source order.

    * ``forbidden`` (error): a rendering the locale forbids occurs outside every
      approved, admitted or short rendering of any concept (longest masked first);
    * ``altered`` (error): a do-not-translate form is absent or written differently;
    * ``missing`` (warning): no accepted rendering occurs, and the concept is not in
      ``introduced`` (concepts the document already named in full);
    * ``short-first`` (warning): only a short form occurs, before any full mention.

    Forbidden renderings are only looked for where the source has the term, so an
    unrelated use of the same characters elsewhere is not a false alarm. Ambiguous
    forms (``IP``) and terms inside a longer proper name are never checked.
    """
    return _check_mentions(_mentions(source, glossary, locale), target, glossary, locale,
                           introduced)


def _check_mentions(mentions: Sequence[_Mention], target: str, glossary: Glossary,
                    locale: LocaleId, introduced: Set[str]) -> list[TermProblem]:
    cache: list[str] = []

    def masked() -> str:  # built only when a forbidden string is present at all
        if not cache:
            own = [f for m in mentions for f in (*m.accepted, *m.short)]
            cache.append(_mask_names(target, [*own, *glossary.all_names(locale)]))
        return cache[0]

    problems: list[TermProblem] = []
    for mention in mentions:
        if mention.hit.form.do_not_translate or mention.hit.term.do_not_translate:
            problem = _altered(mention, target)
        else:
            bad = _forbidden_found(mention, target, masked, glossary, locale)
            problem = TermProblem(
                "forbidden", mention.hit.term,
                f'glossary: "{mention.hit.form.text}" must be rendered {mention.expected}; '
                f"found {bad.text} ({bad.reason})") if bad else _missing(
                    mention, target, introduced)
        if problem is not None:
            problems.append(problem)
    return problems


def _named_in_full(mentions: Iterable[_Mention], target: str) -> set[str]:
    """Concepts whose approved or admitted rendering ``target`` contains: after this
    unit, the document has introduced them."""
    return {m.hit.term.concept_id for m in mentions
            if any(form in target for form in m.accepted)}


class CatalogTerms:
    """The glossary check over one document, unit by unit in catalog order.

    Remembers which concepts the document has already named in full, so that later
    mentions may use a short form, a pronoun (該局, 我們) or leave the name out, as
    official Chinese releases do. Create one per catalog and locale.
    """

    __slots__ = ("glossary", "locale", "introduced")

    def __init__(self, glossary: Glossary, locale: LocaleId) -> None:
        self.glossary = glossary
        self.locale = locale
        self.introduced: set[str] = set()

    def names_no_term(self, source: str) -> bool:
        """True when ``source`` holds no term the check enforces: then ``check`` finds
        nothing in any target and records nothing, wherever the unit stands (a fact
        ``l10n check`` keeps between runs)."""
        return not _mentions(source, self.glossary, self.locale)

    def check(self, source: str, target: str) -> list[TermProblem]:
        """Problems of the next unit; then records the concepts it names in full."""
        mentions = _mentions(source, self.glossary, self.locale)
        if not mentions:  # most units: no enforced term, nothing to find or to record
            return []
        problems = _check_mentions(mentions, target, self.glossary, self.locale,
                                   self.introduced)
        self.introduced |= _named_in_full(mentions, target)
        return problems


def check_catalog_terms(units: Iterable[tuple[str, str]], glossary: Glossary,
                        locale: LocaleId) -> list[list[TermProblem]]:
    """Problems of each (source, target) unit of one document, in order."""
    state = CatalogTerms(glossary, locale)
    return [state.check(source, target) for source, target in units]
