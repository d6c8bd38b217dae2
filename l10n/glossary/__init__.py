"""The enforced glossary: one approved rendering per term and locale, plus admitted ones.

The term base lives in ``glossary/terms.tbx`` (TBX-Basic; see ``tbx.py`` for the
conventions). Other stages use it through this module only:

* the extract stage writes ``glossary_comments`` into PO ``#.`` comments;
* the MT stage swaps ``protected_spans`` for placeholders and restores the renderings;
* the ``glossary`` check reports ``check_terms`` problems.

The names below are imported from their modules on first use (PEP 562): a check that
reads its term base from the cache (``cache.py``) never imports the TBX reader, lxml or
the CSV code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import EnglishForm, ForbiddenRendering, Term
    from .csvio import read_csv, write_csv
    from .match import (
        CatalogTerms,
        Glossary,
        Hit,
        ProtectedSpan,
        TermProblem,
        check_catalog_terms,
        check_terms,
        glossary_comments,
        protected_spans,
    )
    from .tbx import (
        DEFAULT_GLOSSARY,
        Inspection,
        inspect_file,
        inspect_tbx,
        load_glossary,
        parse_tbx,
        write_tbx,
    )
    from .validate import Issue, validate_terms

__all__ = [
    "CatalogTerms",
    "DEFAULT_GLOSSARY",
    "EnglishForm",
    "ForbiddenRendering",
    "Glossary",
    "Hit",
    "Inspection",
    "Issue",
    "ProtectedSpan",
    "Term",
    "TermProblem",
    "check_catalog_terms",
    "check_terms",
    "glossary_comments",
    "inspect_file",
    "inspect_tbx",
    "load_glossary",
    "parse_tbx",
    "protected_spans",
    "read_csv",
    "validate_terms",
    "write_csv",
    "write_tbx",
]

#: Where each public name lives (a module relative to this package).
_HOMES = {
    "EnglishForm": "..model", "ForbiddenRendering": "..model", "Term": "..model",
    "read_csv": ".csvio", "write_csv": ".csvio",
    "CatalogTerms": ".match", "Glossary": ".match", "Hit": ".match", "ProtectedSpan": ".match",
    "TermProblem": ".match", "check_catalog_terms": ".match", "check_terms": ".match",
    "glossary_comments": ".match", "protected_spans": ".match",
    "DEFAULT_GLOSSARY": ".tbx", "Inspection": ".tbx", "inspect_file": ".tbx", "inspect_tbx": ".tbx",
    "load_glossary": ".tbx", "parse_tbx": ".tbx", "write_tbx": ".tbx",
    "Issue": ".validate", "validate_terms": ".validate",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for, and keep it."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
