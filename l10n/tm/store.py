"""The memory's SQLite store: its schema and life cycle, batched writes, exact and fuzzy
lookups (see the package docstring for why SQLite and why a token index)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from types import TracebackType

from .. import defaults
from ..errors import InputError
from ..locales import LocaleId
from .catalogs import load_catalogs
from .index import add_postings, candidates
from .records import CatalogBatch, ImportStats, StoredSegment, TMEntry, TMMatch, TMStats, WriteStats
from .text import normalise, number_signature

log = logging.getLogger("l10n.tm")

#: Where the memory lives, relative to the project folder (the current directory).
DEFAULT_TM_PATH = defaults.TM_PATH
#: Bumped whenever the schema changes; an unknown version is refused, not guessed at.
SCHEMA_VERSION = 1
#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000

#: Default similarity a fuzzy match must reach (0..1).
DEFAULT_THRESHOLD = defaults.FUZZY_THRESHOLD
#: The best score anything short of exact can get: the same source under another msgctxt,
#: or a source differing only in case or spacing. Keeping 1.0 for exact matches means a
#: caller can never mistake a near match for one it may use unreviewed.
MAX_INEXACT_SCORE = 0.99
#: Factor applied to the similarity of a match whose numbers differ from the query's.
NUMBERS_DIFFER_PENALTY = 0.9
_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm_segments (
    id      INTEGER PRIMARY KEY,
    locale  TEXT NOT NULL,
    source  TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    target  TEXT NOT NULL,
    origin  TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    length  INTEGER NOT NULL,
    UNIQUE (locale, source, context)
);
CREATE INDEX IF NOT EXISTS tm_segments_length ON tm_segments (locale, length);
CREATE TABLE IF NOT EXISTS tm_tokens (
    locale     TEXT NOT NULL,
    token      TEXT NOT NULL,
    segment_id INTEGER NOT NULL REFERENCES tm_segments (id) ON DELETE CASCADE,
    PRIMARY KEY (locale, token, segment_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tm_tokens_segment ON tm_tokens (segment_id);
CREATE TABLE IF NOT EXISTS tm_token_df (
    locale TEXT NOT NULL,
    token  TEXT NOT NULL,
    df     INTEGER NOT NULL,
    PRIMARY KEY (locale, token)
) WITHOUT ROWID;
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_text(source: str, target: str) -> None:
    if not source.strip():
        raise InputError("cannot store an empty source text in the translation memory")
    if not target.strip():
        raise InputError("cannot store an empty translation in the translation memory",
                         hint=f"source was {source[:60]!r}")


class _Scorer:
    """Scores stored segments against one query (the query's side is prepared once).

    An identical source scores 1.0 (``exact`` when the context matches too, else
    MAX_INEXACT_SCORE). Other candidates score their SequenceMatcher ratio on normalised
    text, times NUMBERS_DIFFER_PENALTY when their numbers differ.
    """

    def __init__(self, source: str, context: str, threshold: float) -> None:
        self.source, self.context, self.threshold = source, context, threshold
        self.numbers = number_signature(source)
        self.matcher = SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(normalise(source))

    def score(self, c_source: str, c_context: str, c_target: str,
              c_origin: str) -> tuple[float, TMMatch] | None:
        """(raw score, match) when the candidate reaches the threshold, else None."""
        if c_source == self.source:
            same = c_context == self.context
            score = 1.0 if same else MAX_INEXACT_SCORE
            return score, TMMatch(c_source, c_target, score, c_context, same, c_origin)
        matcher, threshold = self.matcher, self.threshold
        matcher.set_seq1(normalise(c_source))
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            return None
        score = min(matcher.ratio(), MAX_INEXACT_SCORE)
        differ = number_signature(c_source) != self.numbers
        if differ:
            score *= NUMBERS_DIFFER_PENALTY
        if score < threshold:
            return None
        return score, TMMatch(c_source, c_target, round(score, 4), c_context, False, c_origin,
                              numbers_differ=differ)


class TranslationMemory:
    """An open translation memory. Use ``TranslationMemory.open(path)`` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    # -- life cycle -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path = DEFAULT_TM_PATH, *, create: bool = True) -> TranslationMemory:
        """Open (and with ``create``, make on first use) the memory at ``path``.

        The folder is made here rather than at import, so merely importing ``l10n`` never
        touches the disk. ``create=False`` is for read-only commands, where a missing
        memory is a mistake worth reporting rather than an empty answer.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise InputError("translation memory not found", path=str(path),
                                 hint="run 'l10n tm import' first or pass --tm")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.is_dir():
            raise InputError("is a directory, expected a translation memory file",
                             path=str(path))
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise InputError(f"cannot open translation memory: {exc}", path=str(path)) from None
        memory = cls(connection, path)
        try:
            memory._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise InputError(f"not a usable translation memory: {exc}", path=str(path)) from None
        except BaseException:
            connection.close()
            raise
        return memory

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise InputError(f"translation memory schema version {version} is not supported",
                             path=str(self.path), hint=f"this l10n reads version {SCHEMA_VERSION}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        if version == 0:
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole or rolled back whole.

        BEGIN IMMEDIATE takes the write lock up front, so two concurrent imports queue
        instead of failing half-way with a lock upgrade error.
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------

    def add(self, locale: LocaleId, source: str, target: str, *, context: str = "",
            origin: str = "") -> bool:
        """Store one approved translation; True when it was new or its target changed.

        A blank source or target raises InputError: a single explicit call with nothing
        to store is a mistake, whereas ``add_many`` passes such entries over.
        """
        _check_text(source, target)
        stats = self.add_many([TMEntry(locale, source, target, context, origin)])
        return stats.added + stats.updated > 0

    def add_many(self, entries: Iterable[TMEntry]) -> WriteStats:
        """Store many translations in a single transaction.

        If anything fails part-way (an error, an interrupt), nothing of the batch is kept.
        A row whose target is unchanged is left alone, origin and timestamp included, so
        re-importing the same catalogs writes nothing. Entries with a blank source or
        target (a stray space typed into Poedit) are counted as skipped rather than
        aborting a whole nightly batch.
        """
        added = updated = unchanged = skipped = 0
        now = _now()
        with self._transaction() as db:
            for entry in entries:
                if not entry.source.strip() or not entry.target.strip():
                    skipped += 1
                    continue
                tag = entry.locale.tag
                row = db.execute(
                    "SELECT id, target FROM tm_segments"
                    " WHERE locale = ? AND source = ? AND context = ?",
                    (tag, entry.source, entry.context),
                ).fetchone()
                if row is None:
                    cursor = db.execute(
                        "INSERT INTO tm_segments (locale, source, context, target, origin, updated,"
                        " length) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (tag, entry.source, entry.context, entry.target, entry.origin, now,
                         len(normalise(entry.source))),
                    )
                    add_postings(db, tag, int(cursor.lastrowid or 0), entry.source)
                    added += 1
                elif row[1] != entry.target:
                    db.execute(
                        "UPDATE tm_segments SET target = ?, origin = ?, updated = ? WHERE id = ?",
                        (entry.target, entry.origin, now, row[0]),
                    )
                    updated += 1
                else:
                    unchanged += 1
        return WriteStats(added, updated, unchanged, skipped)

    def import_catalogs(self, paths: Iterable[Path]) -> ImportStats:
        """Import the approved entries of PO files (folders are searched for ``*.po``).

        Every catalog is read strictly before anything is written (:func:`load_catalogs`),
        and all rows go in one transaction: a malformed catalog raises CatalogError naming
        it and its line, and the memory is left exactly as it was.
        """
        return self.import_batch(load_catalogs(paths))

    def import_batch(self, batch: CatalogBatch) -> ImportStats:
        """Store the approved entries of catalogs already read by :func:`load_catalogs`.

        The CLI reads the catalogs first and opens (or creates) the memory only when all
        of them are valid, so bad input never creates or changes a memory file.
        """
        written = self.add_many(batch.entries)
        log.info("imported %d entries from %d catalogs into %s", written.added + written.updated,
                 len(batch.files), self.path)
        return ImportStats(len(batch.files), written.added, written.updated, written.unchanged,
                           batch.skipped + written.skipped)

    # -- reading ----------------------------------------------------------------------

    def exact(self, locale: LocaleId, source: str, context: str = "") -> TMMatch | None:
        """The stored translation of exactly this source.

        Same context: score 1.0, ``exact=True``. Same source under another context: the
        newest such row with ``exact=False``, because a msgctxt exists precisely when one
        English string needs different translations.
        """
        row = self._db.execute(
            "SELECT source, target, context, origin FROM tm_segments"
            " WHERE locale = ? AND source = ? ORDER BY context = ? DESC, updated DESC, id DESC"
            " LIMIT 1",
            (locale.tag, source, context),
        ).fetchone()
        if row is None:
            return None
        same_context = row[2] == context
        return TMMatch(source=row[0], target=row[1], context=row[2], origin=row[3],
                       score=1.0 if same_context else MAX_INEXACT_SCORE, exact=same_context)

    def fuzzy(self, locale: LocaleId, source: str, *, threshold: float = DEFAULT_THRESHOLD,
              limit: int = 1, context: str = "") -> list[TMMatch]:
        """The best ``limit`` matches scoring at least ``threshold``, best first.

        An identical source scores 1.0 (``exact`` when ``context`` matches too, else
        MAX_INEXACT_SCORE). Other candidates score their SequenceMatcher ratio on
        normalised text, times NUMBERS_DIFFER_PENALTY when their numbers differ.
        """
        if not 0.0 < threshold <= 1.0:
            raise InputError(f"threshold must be in (0, 1], got {threshold}")
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}")
        scorer = _Scorer(source, context, threshold)
        matches: list[tuple[float, int, TMMatch]] = []
        for row in candidates(self._db, locale.tag, source, threshold):
            scored = scorer.score(*row[1:])
            if scored is not None:
                matches.append((scored[0], row[0], scored[1]))
        matches.sort(key=lambda item: (-item[0], -item[1]))
        return [match for _, _, match in matches[:limit]]

    def lookup(self, locale: LocaleId, source: str, context: str = "", *,
               threshold: float = DEFAULT_THRESHOLD, limit: int = 1) -> list[TMMatch]:
        """What pre-translation asks: the best matches, an exact one (if any) first."""
        return self.fuzzy(locale, source, threshold=threshold, limit=limit, context=context)

    def stats(self) -> TMStats:
        """How many translations the memory holds per locale, and when it last changed."""
        per_locale = tuple(
            (str(tag), int(count)) for tag, count in self._db.execute(
                "SELECT locale, COUNT(*) FROM tm_segments GROUP BY locale ORDER BY locale")
        )
        origins, last = self._db.execute(
            "SELECT COUNT(DISTINCT origin), MAX(updated) FROM tm_segments").fetchone()
        return TMStats(per_locale, int(origins), last)

    def segments(self, locales: Iterable[LocaleId] = ()) -> list[StoredSegment]:
        """Every stored translation (of ``locales`` when given), for an export.

        One SELECT, so a concurrent import is seen whole or not at all (WAL snapshot).
        """
        tags = sorted({locale.tag for locale in locales})
        where = f" WHERE locale IN ({','.join('?' * len(tags))})" if tags else ""
        rows = self._db.execute(
            "SELECT locale, source, context, target, origin, updated FROM tm_segments"
            f"{where} ORDER BY source, context, locale", tags)
        return [StoredSegment(*row) for row in rows]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tm_segments").fetchone()[0])
