"""Translation memory: approved translations kept in SQLite, looked up exactly or fuzzily.

Why SQLite: the nightly batch, the CLI and a translator's tooling may read the memory at
the same time, and a run may be interrupted. WAL mode lets readers continue while one
writer commits, and every write happens inside one transaction, so a killed import leaves
the previous state intact rather than half an import.

Why a token index: a fuzzy lookup must not compare the query with every stored segment.
Each segment's source is split into lower-case word tokens (digits excluded, so a changed
amount still finds its sentence) and stored in ``tm_tokens``; per-token document counts
live in ``tm_token_df``. A lookup probes only the rarest query tokens, keeps segments that
share enough of them and whose length could still reach the threshold, and ranks those few
survivors with ``difflib.SequenceMatcher``.

Why numbers matter: reusing a translation whose amount differs from the new source is the
mistake this pipeline exists to prevent, so a fuzzy match whose numbers differ from the
query's is flagged (``numbers_differ``) and its score is lowered.

The package: ``store`` (the SQLite store: schema, writes, lookups), ``text`` (normalised
form, index tokens, numbers of a text), ``records`` (what goes in and comes out) and
``catalogs`` (PO files read as approved translations), ``tmx`` (the memory written as
TMX 1.4b) and ``tmxread`` (TMX files read into it).
"""

from __future__ import annotations

from .catalogs import load_catalogs, read_catalog
from .records import CatalogBatch, ImportStats, StoredSegment, TMEntry, TMMatch, TMStats, WriteStats
from .store import (
    DEFAULT_THRESHOLD,
    DEFAULT_TM_PATH,
    MAX_INEXACT_SCORE,
    NUMBERS_DIFFER_PENALTY,
    TranslationMemory,
)
from .text import index_tokens, normalise, number_signature
from .tmx import TmxExport, write_tmx
from .tmxread import SkippedUnit, TmxBatch, load_tmx, read_tmx

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_TM_PATH",
    "MAX_INEXACT_SCORE",
    "NUMBERS_DIFFER_PENALTY",
    "CatalogBatch",
    "ImportStats",
    "SkippedUnit",
    "StoredSegment",
    "TMEntry",
    "TMMatch",
    "TMStats",
    "TmxBatch",
    "TmxExport",
    "TranslationMemory",
    "WriteStats",
    "index_tokens",
    "load_catalogs",
    "load_tmx",
    "normalise",
    "number_signature",
    "read_catalog",
    "read_tmx",
    "write_tmx",
]
