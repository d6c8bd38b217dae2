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
from . import CheckEnv, finding, register

NAME = "glossary"


@dataclass
class _Document:
    """The catalog being checked: where it is and what it has named so far."""

    key: tuple[str, str, int]
    line: int
    terms: CatalogTerms


_current: list[_Document] = []


def _document(entry: Entry, env: CheckEnv, glossary: Glossary) -> CatalogTerms:
    """The state of ``entry``'s catalog, new when a new catalog (or a rerun) starts."""
    key = (entry.path, env.locale.tag, id(glossary))
    doc = _current[0] if _current else None
    if doc is None or doc.key != key or entry.line <= doc.line:
        doc = _Document(key, entry.line, CatalogTerms(glossary, env.locale))
        _current[:] = [doc]
    doc.line = entry.line
    return doc.terms


def reset() -> None:
    """Forget the catalog being checked (for callers that check catalogs by hand)."""
    _current.clear()


@register(NAME, Severity.ERROR,
          "glossary terms use the approved rendering; forbidden and altered terms are "
          "errors, a rendering not found is a warning")
def check_glossary(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Findings for one entry; none when no glossary is loaded or the entry is empty."""
    glossary = env.glossary
    if not isinstance(glossary, Glossary) or not entry.msgstr:
        return []
    terms = _document(entry, env, glossary)
    return [finding(entry, NAME, problem.severity, problem.message)
            for problem in terms.check(entry.msgid, entry.msgstr)]
