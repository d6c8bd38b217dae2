"""Rules a term base must follow before anything is enforced with it.

A glossary that lists one English form under two concepts, or two approved renderings
for one locale, would make the checker's verdict depend on file order; these rules turn
such mistakes into errors with a line number, found once, at load time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .. import defaults
from ..model import EnglishForm, Severity, Term

__all__ = ["REQUIRED_LOCALES", "Issue", "has_errors", "validate_terms"]

#: Locales every translated concept should cover; a gap is a warning, not an error,
#: so a partly built term base can still be used for the locale it does cover. These are
#: the project's default targets: a concept without a rendering for one of them cannot be
#: enforced in the default run.
REQUIRED_LOCALES: tuple[str, ...] = defaults.TARGET_LOCALES
#: Case-insensitive forms this short would match ordinary words ("it", "ai").
SHORT_FORM = 2


@dataclass(frozen=True)
class Issue:
    """One problem in a term base, with the line of the concept or term it concerns."""

    severity: Severity
    message: str
    line: int = 0
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}" if where else (
            f"{self.severity}: {self.message}")


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


def validate_terms(terms: Sequence[Term], *, source: str = "") -> list[Issue]:
    """Every rule violation in ``terms``, in file order (errors and warnings)."""
    issues: list[Issue] = []

    def add(term: Term, severity: Severity, message: str) -> None:
        issues.append(Issue(severity, message, term.line, source))

    ids: dict[str, Term] = {}
    seen: dict[str, list[tuple[Term, EnglishForm]]] = {}
    for term in terms:
        label = term.concept_id or term.preferred or "?"
        if not term.concept_id:
            add(term, Severity.ERROR, f"concept {label!r} has no id")
        elif term.concept_id in ids:
            add(term, Severity.ERROR, f"duplicate concept id {term.concept_id!r} "
                f"(also at line {ids[term.concept_id].line})")
        else:
            ids[term.concept_id] = term
        if not term.forms:
            add(term, Severity.ERROR, f"concept {label!r} has no English term")
        for form in term.forms:
            text = " ".join(form.text.split())
            if not text:
                add(term, Severity.ERROR, f"concept {label!r} has an empty English term")
                continue
            key = text.casefold()
            for prev_term, prev in seen.get(key, []):
                # Two case-sensitive forms differing in case ("IT" vs "It") can coexist.
                if prev.case_sensitive and form.case_sensitive and prev.text != form.text:
                    continue
                if prev_term is term:
                    add(term, Severity.ERROR, f"English term {text!r} listed twice in {label!r}")
                else:
                    add(term, Severity.ERROR, f"duplicate English term {text!r} in concepts "
                        f"{prev_term.concept_id!r} (line {prev_term.line}) and {label!r}")
                break
            seen.setdefault(key, []).append((term, form))
            if not form.case_sensitive and len(text) <= SHORT_FORM:
                add(term, Severity.WARNING, f"{text!r} in {label!r} is short and matched "
                    "in any case; mark it case-sensitive")
        _check_renderings(term, label, add)
        _check_short_forms(term, label, add)
    _check_admitted_conflicts(terms, add)
    return issues


def _check_renderings(term: Term, label: str, add: Callable[[Term, Severity, str], None]) -> None:
    """Approved, admitted and forbidden renderings, and ambiguous forms, of one concept."""
    _check_approved(term, label, add)
    _check_admitted(term, label, add)
    _check_ambiguous(term, label, add)
    _check_forbidden(term, label, add)


def _check_approved(term: Term, label: str, add: Callable[[Term, Severity, str], None]) -> None:
    """No empty rendering; a translated concept has one, and one per required locale."""
    translated = any(not f.do_not_translate for f in term.forms)
    for locale, text in term.renderings.items():
        if not text.strip():
            add(term, Severity.ERROR, f"concept {label!r} has an empty {locale} rendering")
    if translated and not any(t.strip() for t in term.renderings.values()):
        add(term, Severity.ERROR, f"concept {label!r} has no rendering in any locale "
            "(mark its English forms do-not-translate if it stays in English)")
    elif translated:
        for locale in REQUIRED_LOCALES:
            if locale not in term.renderings:
                add(term, Severity.WARNING, f"concept {label!r} has no {locale} rendering")


def _check_admitted(term: Term, label: str, add: Callable[[Term, Severity, str], None]) -> None:
    """Admitted renderings stand beside an approved one, are not empty, not the approved
    one again and not listed twice."""
    for locale, extra in term.admitted.items():
        approved = term.renderings.get(locale, "")
        if not approved:
            add(term, Severity.ERROR, f"concept {label!r} has admitted {locale} renderings "
                "but no approved one (mark one preferredTerm-admn-sts)")
        for i, text in enumerate(extra):
            if not text.strip():
                add(term, Severity.ERROR, f"concept {label!r} has an empty admitted {locale} "
                    "rendering")
            elif text == approved:
                add(term, Severity.ERROR, f"concept {label!r}: {text} is both approved and "
                    f"admitted for {locale}")
            elif text in extra[:i]:
                add(term, Severity.ERROR, f"concept {label!r}: admitted {locale} rendering "
                    f"{text} is listed twice")


def _check_ambiguous(term: Term, label: str, add: Callable[[Term, Severity, str], None]) -> None:
    """An ambiguous form must be one of the concept's English forms."""
    ambiguous = set(term.ambiguous) - set(term.english)
    if ambiguous:
        add(term, Severity.ERROR, f"concept {label!r}: ambiguous form(s) "
            f"{', '.join(sorted(ambiguous))} are not among its English forms")


def _check_forbidden(term: Term, label: str, add: Callable[[Term, Severity, str], None]) -> None:
    """A forbidden rendering is not empty, not (part of) an accepted one, and says why."""
    for locale, items in term.forbidden.items():
        approved = term.renderings.get(locale, "")
        admitted = term.admitted.get(locale, ())
        for item in items:
            if not item.text.strip():
                add(term, Severity.ERROR, f"concept {label!r} has an empty forbidden "
                    f"{locale} rendering")
            elif item.text == approved:
                add(term, Severity.ERROR, f"concept {label!r}: {item.text} is both approved "
                    f"and forbidden for {locale}")
            elif approved and item.text in approved:
                add(term, Severity.ERROR, f"concept {label!r}: forbidden {item.text} is part "
                    f"of the approved {locale} rendering {approved}")
            elif any(item.text in text for text in admitted if text.strip()):
                other = next(text for text in admitted if text.strip() and item.text in text)
                add(term, Severity.ERROR, f"concept {label!r}: forbidden {item.text} is "
                    f"{'the' if item.text == other else 'part of the'} admitted {locale} "
                    f"rendering {other}")
            if not item.reason.strip():
                add(term, Severity.ERROR, f"concept {label!r}: forbidden {locale} rendering "
                    f"{item.text} has no reason (translators need to know why)")


def _check_short_forms(term: Term, label: str,
                       add: Callable[[Term, Severity, str], None]) -> None:
    """A short form needs an approved rendering to stand for, must differ from every
    other accepted rendering, and must not contain a forbidden one (the check would
    otherwise accept and reject the same text)."""
    for locale, shorts in term.short.items():
        approved = term.renderings.get(locale, "")
        if not approved:
            add(term, Severity.ERROR, f"concept {label!r} has {locale} short forms but no "
                "approved rendering (a short form stands for a full one)")
        admitted = term.admitted.get(locale, ())
        for i, text in enumerate(shorts):
            if not text.strip():
                add(term, Severity.ERROR, f"concept {label!r} has an empty {locale} short form")
            elif text == approved or text in admitted:
                add(term, Severity.ERROR, f"concept {label!r}: short form {text} is also the "
                    f"approved or an admitted {locale} rendering (list it once)")
            elif text in shorts[:i]:
                add(term, Severity.ERROR, f"concept {label!r}: {locale} short form {text} "
                    "is listed twice")
            bad = [f.text for f in term.forbidden.get(locale, ()) if f.text and f.text in text]
            if bad:
                add(term, Severity.ERROR, f"concept {label!r}: forbidden {bad[0]} is part of "
                    f"the {locale} short form {text}")


def _check_admitted_conflicts(terms: Sequence[Term],
                              add: Callable[[Term, Severity, str], None]) -> None:
    """Warn when an admitted rendering of one concept is another concept's approved one.

    The check would then accept the other concept's name as a translation of this one.
    That is right only when the two concepts name the same thing (``HKSAR Government``
    and its full form); the term base says so by admitting the other concept's approved
    rendering in *every* locale the other concept has one. Admitting it in some
    locales only is reported as a probable conflict of meaning.
    """
    approved: dict[tuple[str, str], list[Term]] = {}
    for term in terms:
        for locale, text in term.renderings.items():
            if text.strip():
                approved.setdefault((locale, text), []).append(term)
    for term in terms:
        label = term.concept_id or term.preferred or "?"
        for locale, extra in term.admitted.items():
            for text in extra:
                for other in approved.get((locale, text), []):
                    if other is term or _same_meaning(term, other):
                        continue
                    add(term, Severity.WARNING, f"concept {label!r}: admitted {locale} "
                        f"rendering {text} is the approved rendering of concept "
                        f"{other.concept_id!r} (line {other.line}); the check would accept "
                        f"it for both (admit it in every locale if they are the same thing)")


def _same_meaning(term: Term, other: Term) -> bool:
    """True when ``term`` accepts ``other``'s approved rendering in every locale."""
    return all(
        text == term.renderings.get(locale) or text in term.admitted.get(locale, ())
        for locale, text in other.renderings.items() if text.strip())
