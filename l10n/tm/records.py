"""The records the translation memory takes and gives: matches, entries to store, and
what a write, an import or a size query found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..locales import LocaleId


@dataclass(frozen=True)
class TMMatch:
    """One translation offered by the memory.

    ``exact`` is True only when source and context both match; the caller may then use
    the target as final. Anything else (a similar source, the same source under another
    msgctxt) is a draft the caller marks fuzzy. ``numbers_differ`` says the stored
    source's numbers are not the query's, so the target's amounts are wrong as they stand.
    """

    source: str
    target: str
    score: float
    context: str
    exact: bool
    origin: str
    numbers_differ: bool = False


@dataclass(frozen=True)
class TMEntry:
    """One approved translation to store; the unit ``add_many`` takes."""

    locale: LocaleId
    source: str
    target: str
    context: str = ""
    origin: str = ""


@dataclass(frozen=True)
class StoredSegment:
    """One stored row as an export sees it: the locale as its BCP 47 tag, and when the row
    last changed (ISO 8601, UTC)."""

    locale_tag: str
    source: str
    context: str
    target: str
    origin: str
    updated: str


@dataclass(frozen=True)
class WriteStats:
    """What a batch write did: new rows, changed targets, rows already up to date, and
    entries passed over because their source or target was blank."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class ImportStats:
    """What an import did. ``imported`` counts rows written (new plus updated)."""

    catalogs: int
    added: int
    updated: int
    unchanged: int
    skipped: int

    @property
    def imported(self) -> int:
        return self.added + self.updated


@dataclass(frozen=True)
class CatalogBatch:
    """Catalogs read and validated in full, ready to import: nothing touched the memory yet."""

    files: tuple[Path, ...]
    entries: tuple[TMEntry, ...]
    skipped: int


@dataclass(frozen=True)
class TMStats:
    """Size of the memory: segments per locale tag, and the newest update."""

    per_locale: tuple[tuple[str, int], ...]
    origins: int
    last_updated: str | None

    @property
    def total(self) -> int:
        return sum(count for _, count in self.per_locale)
