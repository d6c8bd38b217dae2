"""The enforced glossary: one approved rendering per term and locale, plus admitted ones.

The term base lives in ``glossary/terms.tbx`` (TBX-Basic; see ``tbx.py`` for the
conventions). Other stages use it through this module only:

* the extract stage writes ``glossary_comments`` into PO ``#.`` comments;
* the MT stage swaps ``protected_spans`` for placeholders and restores the renderings;
* the ``glossary`` check reports ``check_terms`` problems.
"""

from __future__ import annotations

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
