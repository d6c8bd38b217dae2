"""The ``glossary`` check: every source term carries its approved (or an admitted) rendering.

A thin wrapper over ``l10n.glossary.CatalogTerms`` so the rules live in one place and
the MT stage, the CLI and this check agree on what a violation is.

Official Chinese names a body in full once per document and then by a short form or a
pronoun, so the check must see one catalog's entries in order. The registry calls a
check one entry at a time; this module keeps the state of the catalog being checked
(``_Document``) and starts a new document when the catalog path, the locale or the
glossary changes, or when the entry's line does not follow the previous one (the same
catalog checked again). Entries checked out of order are therefore each judged as a
document of their own: stricter, never looser.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..glossary import CatalogTerms, Glossary
from ..model import Entry, Finding, Severity
from . import PLACED, CheckEnv, finding, register

NAME = "glossary"


@dataclass
class _Document:
    """The catalog being checked: where it is and what it has named so far (``path`` and
    ``env``: the objects its last entry came with, which the next one of the same run
    comes with too)."""

    key: tuple[str, str, int]
    line: int
    terms: CatalogTerms
    path: str
    env: CheckEnv


_current: list[_Document] = []


def _document(entry: Entry, env: CheckEnv, glossary: Glossary) -> CatalogTerms:
    """The state of ``entry``'s catalog, new when a new catalog (or a rerun) starts."""
    doc = _current[0] if _current else None
    if doc is not None and entry.path is doc.path and env is doc.env and entry.line > doc.line:
        doc.line = entry.line  # the next entry of the same run: the same key
        return doc.terms
    key = (entry.path, env.locale.tag, id(glossary))
    if doc is None or doc.key != key or entry.line <= doc.line:
        doc = _Document(key, entry.line, CatalogTerms(glossary, env.locale), entry.path, env)
        _current[:] = [doc]
    doc.line, doc.path, doc.env = entry.line, entry.path, env
    return doc.terms


def reset() -> None:
    """Forget the catalog being checked (for callers that check catalogs by hand)."""
    _current.clear()


def check_glossary_placed(entry: Entry, env: CheckEnv, *, known_free: bool) -> tuple[list[Finding], bool]:
    """``check_glossary``, and whether its findings hold wherever the entry stands in its
    catalog: a source naming no enforced term has none and leaves the document as it
    was, so ``l10n check`` keeps that fact between runs (``pair_store``). With
    ``known_free`` (the fact kept by an earlier run) the terms are not looked for; the
    entry still moves its document along, as it would by being checked."""
    glossary = env.glossary
    if not isinstance(glossary, Glossary) or not entry.msgstr:
        return [], True
    terms = _document(entry, env, glossary)
    if known_free or terms.names_no_term(entry.msgid):
        return [], True
    return [finding(entry, NAME, problem.severity, problem.message)
            for problem in terms.check(entry.msgid, entry.msgstr)], False


PLACED[NAME] = check_glossary_placed


@register(NAME, Severity.ERROR,
          "glossary terms use the approved rendering; forbidden and altered terms are "
          "errors, a rendering not found is a warning")
def check_glossary(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Findings for one entry; none when no glossary is loaded or the entry is empty."""
    return check_glossary_placed(entry, env, known_free=False)[0]
