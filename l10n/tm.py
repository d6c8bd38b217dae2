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
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from types import TracebackType

from . import defaults
from .errors import CatalogError, InputError, L10nError
from .locales import LocaleId, parse_locale
from .pofile import read_po

__all__ = [
    "DEFAULT_TM_PATH",
    "CatalogBatch",
    "ImportStats",
    "TMEntry",
    "TMMatch",
    "TMStats",
    "TranslationMemory",
    "WriteStats",
    "load_catalogs",
    "number_signature",
    "read_catalog",
]

log = logging.getLogger(__name__)

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
#: Probe tokens are taken rarest first until their postings exceed this budget ...
POSTINGS_BUDGET = 5_000
#: ... but at least this many are always taken, so a common-word query still ranks.
MIN_PROBE_TOKENS = 4
#: A candidate must contain at least this share of the probe tokens.
MIN_SHARED_FRACTION = 0.4
#: At most this many candidates reach SequenceMatcher: those sharing the most probe tokens,
#: each weighted 1/log2(1 + df) so a shared rare word counts for more than a shared common one.
MAX_CANDIDATES = 50
#: Queries without usable tokens ("2025", "—") fall back to scanning this many rows of the
#: right length.
FALLBACK_SCAN_LIMIT = 2_000
#: SQLite limits bound parameters; token lists are sent in chunks of this size.
SQL_CHUNK = 500

#: Words too common to tell segments apart; they are not indexed.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will",
    "with", "which",
})
#: English number words that change a quantity as much as digits do ("44.3 million" vs
#: "44.3 billion"). They take part in the number comparison.
NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion", "mn", "bn", "half", "third",
    "thirds", "quarter", "quarters", "tenth", "tenths", "dozen",
})

_WORD_RE = re.compile(r"[^\W\d_]+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

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


def normalise(text: str) -> str:
    """The form similarity is measured on: NFKC, case-folded, whitespace collapsed.

    Full-width forms and spacing differences are not edits a translator has to make.
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def index_tokens(text: str) -> frozenset[str]:
    """Tokens the candidate index uses: words of two letters or more, minus stop words.

    Digits are left out on purpose, so "HK$44.3 billion" still finds the sentence that
    said "HK$41.2 billion". Runs of CJK characters become character bigrams, since they
    have no spaces to split on.
    """
    tokens: set[str] = set()
    for word in _WORD_RE.findall(normalise(text)):
        if _CJK_RE.search(word):
            tokens.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        elif len(word) > 1 and word not in STOP_WORDS:
            tokens.add(word)
    return frozenset(tokens)


def number_signature(text: str) -> Counter[str]:
    """The numbers of a text as a multiset: digit strings (thousands commas removed) and
    English number and magnitude words. Two texts with different signatures state
    different quantities."""
    norm = normalise(text)
    found: Counter[str] = Counter()
    for raw in _NUMBER_RE.findall(norm):
        found[raw.replace(",", "") if _THOUSANDS_RE.match(raw) else raw] += 1
    for word in _WORD_RE.findall(norm):
        if word in NUMBER_WORDS:
            found[word] += 1
    return found


def _length_window(length: int, threshold: float) -> tuple[int, int]:
    """Lengths a candidate may have and still reach ``threshold``.

    SequenceMatcher's ratio is 2*M/(a+b) with M <= min(a, b), so a ratio >= t needs
    b >= a*t/(2-t) and b <= a*(2-t)/t. The window is exact: it never drops a match.
    """
    low = math.floor(length * threshold / (2 - threshold))
    high = math.ceil(length * (2 - threshold) / threshold)
    return low, high


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(items: list[str], size: int = SQL_CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check_text(source: str, target: str) -> None:
    if not source.strip():
        raise InputError("cannot store an empty source text in the translation memory")
    if not target.strip():
        raise InputError("cannot store an empty translation in the translation memory",
                         hint=f"source was {source[:60]!r}")


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
                    self._index(tag, int(cursor.lastrowid or 0), entry.source)
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

    def _index(self, tag: str, segment_id: int, source: str) -> None:
        tokens = sorted(index_tokens(source))
        self._db.executemany(
            "INSERT INTO tm_tokens (locale, token, segment_id) VALUES (?, ?, ?)",
            [(tag, token, segment_id) for token in tokens],
        )
        self._db.executemany(
            "INSERT INTO tm_token_df (locale, token, df) VALUES (?, ?, 1)"
            " ON CONFLICT (locale, token) DO UPDATE SET df = df + 1",
            [(tag, token) for token in tokens],
        )

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
        tag = locale.tag
        query = normalise(source)
        query_numbers = number_signature(source)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(query)
        matches: list[tuple[float, int, TMMatch]] = []
        for seg_id, c_source, c_context, c_target, c_origin in self._candidates(tag, source,
                                                                                  threshold):
            if c_source == source:
                same = c_context == context
                score = 1.0 if same else MAX_INEXACT_SCORE
                match = TMMatch(c_source, c_target, score, c_context, same, c_origin)
                matches.append((score, seg_id, match))
                continue
            matcher.set_seq1(normalise(c_source))
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = min(matcher.ratio(), MAX_INEXACT_SCORE)
            differ = number_signature(c_source) != query_numbers
            if differ:
                score *= NUMBERS_DIFFER_PENALTY
            if score >= threshold:
                match = TMMatch(c_source, c_target, round(score, 4), c_context, False, c_origin,
                                numbers_differ=differ)
                matches.append((score, seg_id, match))
        matches.sort(key=lambda item: (-item[0], -item[1]))
        return [match for _, _, match in matches[:limit]]

    def lookup(self, locale: LocaleId, source: str, context: str = "", *,
               threshold: float = DEFAULT_THRESHOLD, limit: int = 1) -> list[TMMatch]:
        """What pre-translation asks: the best matches, an exact one (if any) first."""
        return self.fuzzy(locale, source, threshold=threshold, limit=limit, context=context)

    def _candidates(self, tag: str, source: str,
                    threshold: float) -> Iterator[tuple[int, str, str, str, str]]:
        """Rows worth scoring: identical sources, plus segments of a reachable length that
        share enough of the query's rarest tokens (or, for token-less queries, a bounded
        scan of the reachable lengths)."""
        columns = "s.id, s.source, s.context, s.target, s.origin"
        seen: set[int] = set()
        for row in self._db.execute(
            f"SELECT {columns} FROM tm_segments s WHERE s.locale = ? AND s.source = ?",
            (tag, source),
        ):
            seen.add(row[0])
            yield row
        length = len(normalise(source))
        low, high = _length_window(length, threshold)
        probe = self._probe_tokens(tag, index_tokens(source))
        if probe:
            need = max(1, math.ceil(MIN_SHARED_FRACTION * len(probe)))
            values = ",".join(["(?, ?)"] * len(probe))
            weights = [item for token, df in probe for item in (token, 1 / math.log2(1 + df))]
            rows = self._db.execute(
                f"WITH probe (token, weight) AS (VALUES {values})"
                f" SELECT {columns} FROM (SELECT t.segment_id, COUNT(*) AS hits,"
                f" SUM(p.weight) AS weight FROM probe p JOIN tm_tokens t"
                f" ON t.locale = ? AND t.token = p.token GROUP BY t.segment_id"
                f" HAVING hits >= ?) AS c JOIN tm_segments s ON s.id = c.segment_id"
                f" WHERE s.length BETWEEN ? AND ?"
                f" ORDER BY c.weight DESC, ABS(s.length - ?), s.id DESC LIMIT ?",
                (*weights, tag, need, low, high, length, MAX_CANDIDATES),
            )
        else:
            rows = self._db.execute(
                f"SELECT {columns} FROM tm_segments s WHERE s.locale = ?"
                f" AND s.length BETWEEN ? AND ? ORDER BY s.id DESC LIMIT ?",
                (tag, low, high, FALLBACK_SCAN_LIMIT),
            )
        for row in rows:
            if row[0] not in seen:
                yield row

    def _probe_tokens(self, tag: str, tokens: frozenset[str]) -> list[tuple[str, int]]:
        """The query tokens to look up: those present in the memory, rarest first, until
        POSTINGS_BUDGET postings (but at least MIN_PROBE_TOKENS tokens). A similar segment
        shares most tokens, the rare ones included, so rare tokens find it cheaply."""
        counts: list[tuple[int, str]] = []
        for chunk in _chunks(sorted(tokens)):
            marks = ",".join("?" * len(chunk))
            counts.extend(
                (df, token)
                for token, df in self._db.execute(
                    f"SELECT token, df FROM tm_token_df WHERE locale = ? AND token IN ({marks})",
                    (tag, *chunk),
                )
            )
        counts.sort()
        probe: list[tuple[str, int]] = []
        postings = 0
        for df, token in counts:
            if len(probe) >= MIN_PROBE_TOKENS and postings + df > POSTINGS_BUDGET:
                break
            probe.append((token, df))
            postings += df
        return probe[: SQL_CHUNK // 2]

    def stats(self) -> TMStats:
        """How many translations the memory holds per locale, and when it last changed."""
        per_locale = tuple(
            (str(tag), int(count)) for tag, count in self._db.execute(
                "SELECT locale, COUNT(*) FROM tm_segments GROUP BY locale ORDER BY locale")
        )
        origins, last = self._db.execute(
            "SELECT COUNT(DISTINCT origin), MAX(updated) FROM tm_segments").fetchone()
        return TMStats(per_locale, int(origins), last)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tm_segments").fetchone()[0])


# -- PO catalogs ------------------------------------------------------------------------

def _collect_catalogs(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their ``*.po`` files (sorted, so imports are reproducible)."""
    files: list[Path] = []
    given = list(paths)
    for path in given:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.po") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("file not found", path=str(path), hint="check the path")
    if given and not files:
        raise InputError("no .po files found in " + ", ".join(str(p) for p in given))
    return list(dict.fromkeys(files))


def load_catalogs(paths: Iterable[Path]) -> CatalogBatch:
    """Find and strictly read every catalog; raise on the first bad one, having written nothing.

    Missing paths and folders without ``*.po`` files are InputErrors; a syntax error, a
    duplicate entry, a missing or unsupported ``Language`` header is a CatalogError with
    the file (and line). Only when every catalog is valid are their entries returned.
    """
    files = _collect_catalogs(paths)
    entries: list[TMEntry] = []
    skipped = 0
    for file in files:
        approved, rejected = read_catalog(file)
        entries.extend(approved)
        skipped += rejected
    return CatalogBatch(tuple(files), tuple(entries), skipped)


def read_catalog(path: Path) -> tuple[list[TMEntry], int]:
    """The approved translations of one PO file and how many entries were passed over.

    Approved means translated, not fuzzy and not obsolete: drafts a person has not
    signed off must never come back as memory matches. Plural entries are passed over
    (press releases do not use them). The target locale comes from the ``Language``
    header, as everywhere in l10n.

    The file is read with :func:`l10n.pofile.read_po`, which polib alone is not: an
    unterminated string or a duplicated msgid is a CatalogError with file and line,
    never an entry silently imported or dropped.
    """
    catalog = read_po(path)
    language = catalog.metadata.get("Language", "").strip()
    if not language:
        raise CatalogError("PO file has no Language header", path=str(path),
                           hint="the target locale of a catalog comes from its Language header")
    try:
        locale = parse_locale(language)
    except L10nError as exc:
        raise CatalogError(f"Language header: {exc.message}", path=str(path),
                           hint=exc.hint) from None
    approved: list[TMEntry] = []
    skipped = 0
    for entry in catalog:
        if (entry.obsolete or entry.fuzzy or entry.msgid_plural or not entry.msgid.strip()
                or not entry.msgstr.strip()):
            skipped += 1
            continue
        approved.append(TMEntry(locale, entry.msgid, entry.msgstr, entry.msgctxt or "",
                                str(path)))
    return approved, skipped
