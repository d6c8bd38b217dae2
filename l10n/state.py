"""The batch's own state, in one SQLite file in the state folder (``state.sqlite``).

Why SQLite and not a JSON file: a JSON state is rewritten whole at every run, so a run
that changed one release of 2,000 paid for all of them (the issue measured 47 MB rewritten
for one release). Here a run writes only the rows of the releases it processed: one row
per release and locale (``runs``: hashes and counts; ``findings``: what the checks found,
apart, so that restamping the settings of every row rewrites small rows) and one per
draft the tool wrote (``drafts``, see :mod:`l10n.drafts`), in a transaction per chunk of
releases.

Atomic writes: the file is never seen half-written. SQLite's rollback journal
(``synchronous=FULL``) makes each commit atomic and durable, which is what
``fsio.write_atomic`` gives the files we write ourselves, and leaves no extra file in the
folder between runs. A run killed mid-chunk leaves the last committed state; the
releases it had not recorded are redone by the next run, as before. The batch uses one
connection for its run rows and its drafts, so the two never wait for each other. The
folder lock (:mod:`l10n.lock`) still keeps a second writer out; SQLite's own locks are
only a second line.

Older projects have ``state.json`` (run state) and ``drafts.json`` (drafts): each is read
once, converted in the same transaction that creates the tables, and then removed, so
no stale copy is left for anyone to trust (see :func:`StateDB.migrate_json`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

#: The file in the state folder.
STATE_FILE = "state.sqlite"
#: Bumped when the tables change meaning; an unknown version is refused, not guessed.
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    source_sha TEXT NOT NULL,
    settings TEXT NOT NULL,
    po_sha TEXT,
    out_sha TEXT,
    summary TEXT NOT NULL,
    PRIMARY KEY (source, locale)
);
CREATE TABLE IF NOT EXISTS findings (
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    findings TEXT NOT NULL,
    PRIMARY KEY (source, locale)
);
CREATE TABLE IF NOT EXISTS drafts (
    locale TEXT NOT NULL,
    digest TEXT NOT NULL,
    msgctxt TEXT NOT NULL,
    msgid TEXT NOT NULL,
    origin TEXT NOT NULL,
    notes TEXT NOT NULL,
    draft INTEGER NOT NULL,
    PRIMARY KEY (locale, digest, msgctxt, msgid)
);
"""

#: Each catalog's findings as ``report.json`` shows them (``report.findings_fragment``),
#: written with its row, so that a report after a one-release change serializes that
#: release only (``pipeline.write_report``). ``path`` is the catalog the findings name;
#: a row without one (a state converted from JSON, several paths) is serialized when asked.
#: A table of its own, created when missing: a state of this schema version without it
#: is still read. Triggers drop a row's text whenever its findings are replaced or
#: changed, so a version of the tool that knows nothing of this table (an older one run
#: on the same state) cannot leave a text that no longer matches its findings.
#: ``findings_digests`` holds the SHA-256 of each row's findings text, written with it and
#: dropped with it the same way: the review site keys its pages on it (``page_facts``)
#: without reading every finding back (354,000 findings at 2,000 releases).
#: ``report_part_digests`` holds the SHA-256 and the UTF-8 size of each row's report text,
#: written with it and dropped with it (a trigger on ``report_parts``, so also when an
#: older tool replaces the text): a report can then tell which texts changed since it was
#: written, and how long each is, without reading them. ``report_layout`` says where each
#: text is in the report file last written (``report``: its absolute path), so the next
#: run copies the unchanged ones from that file (``pipeline.write_report``).
_PARTS = """
CREATE TABLE IF NOT EXISTS report_parts (
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    path TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (source, locale)
);
CREATE TRIGGER IF NOT EXISTS report_parts_go_with_findings AFTER DELETE ON findings BEGIN
    DELETE FROM report_parts WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TRIGGER IF NOT EXISTS report_parts_change_with_findings AFTER UPDATE ON findings BEGIN
    DELETE FROM report_parts WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TABLE IF NOT EXISTS findings_digests (
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (source, locale)
);
CREATE TRIGGER IF NOT EXISTS findings_digests_go_with_findings AFTER DELETE ON findings BEGIN
    DELETE FROM findings_digests WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TRIGGER IF NOT EXISTS findings_digests_change_with_findings AFTER UPDATE ON findings BEGIN
    DELETE FROM findings_digests WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TABLE IF NOT EXISTS report_part_digests (
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    digest TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (source, locale)
);
CREATE TRIGGER IF NOT EXISTS report_part_digests_go_with_parts AFTER DELETE ON report_parts BEGIN
    DELETE FROM report_part_digests WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TRIGGER IF NOT EXISTS report_part_digests_change_with_parts AFTER UPDATE ON report_parts BEGIN
    DELETE FROM report_part_digests WHERE source = OLD.source AND locale = OLD.locale;
END;
CREATE TABLE IF NOT EXISTS report_layout (
    report TEXT NOT NULL,
    source TEXT NOT NULL,
    locale TEXT NOT NULL,
    digest TEXT NOT NULL,
    start INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (report, source, locale)
);
"""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LocaleRecord:
    """What the last run recorded for one release in one locale: the hashes that tell
    whether anything changed, and the summary and findings an unchanged release reports."""

    source: str
    locale: str
    source_sha: str
    settings: str
    po_sha: str | None
    out_sha: str | None
    summary: dict[str, Any]
    findings: list[dict[str, Any]]
    #: The findings' catalog and their text in ``report.json`` (see ``_PARTS``); None: not made.
    report_part: tuple[str, str] | None = None


def state_file(state_dir: Path) -> Path:
    return Path(state_dir) / STATE_FILE


class StateDB:
    """One connection to a project's state file (``path`` None: in memory, for tests and
    for ``DraftStore()`` without a project). Writes wait for :meth:`commit`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path) if path is not None else ":memory:", timeout=30.0)
            self.conn.execute("PRAGMA synchronous=FULL")  # the default; said here because we rely on it
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        except OSError as exc:
            raise InputError(f"cannot open the state: {exc.strerror}", path=str(path)) from None

    def _damaged(self, exc: Exception) -> InputError:
        return InputError(f"the state database cannot be read ({exc})", path=str(self.path),
                          hint="delete it: the next run redoes every release and recognises "
                               "drafts by their comments only")

    def _check_schema(self) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if has_meta:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != str(SCHEMA_VERSION):
                raise InputError(f"the state database is not version {SCHEMA_VERSION}", path=str(self.path),
                                 hint="delete it: the next run redoes every release")
            self.conn.executescript(_PARTS)
            return
        with self.conn:
            self.conn.executescript(_SCHEMA + _PARTS)
            self.conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> StateDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self) -> None:
        try:
            self.conn.commit()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None

    def executemany(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """``execute`` for many rows: a damaged database is the same one-line error."""
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None

    # -- meta -------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- run state --------------------------------------------------------------------

    def records(self, source: str, *, findings: bool = True) -> dict[str, LocaleRecord]:
        """The last run's rows of one release, by locale tag. ``findings=False`` leaves
        their findings out (empty): telling whether a release changed needs only hashes
        and summaries, and decoding every release's findings cost a one-change run more
        than its own work (0.34 s of 2.9 s at 200 releases)."""
        select = _SELECT if findings else _SELECT_WITHOUT_FINDINGS
        rows = self.execute(select + " WHERE r.source = ?", (source,)).fetchall()
        return {row[1]: _record(row) for row in rows}

    def record(self, source: str, rows: Iterable[LocaleRecord]) -> None:
        """Replace a release's rows (every locale it has now); committed with the chunk."""
        self.execute("DELETE FROM runs WHERE source = ?", (source,))
        self.execute("DELETE FROM findings WHERE source = ?", (source,))
        self.execute("DELETE FROM report_parts WHERE source = ?", (source,))
        for r in rows:
            self.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (r.source, r.locale, r.source_sha, r.settings, r.po_sha, r.out_sha,
                          json.dumps(r.summary, ensure_ascii=False, sort_keys=True)))
            found = json.dumps(r.findings, ensure_ascii=False)
            self.execute("INSERT INTO findings VALUES (?, ?, ?)", (r.source, r.locale, found))
            self.execute("INSERT INTO findings_digests VALUES (?, ?, ?)", (r.source, r.locale, _digest(found)))
            if r.report_part is not None:
                self.execute("INSERT INTO report_parts VALUES (?, ?, ?, ?)", (r.source, r.locale, *r.report_part))
                encoded = r.report_part[1].encode("utf-8")
                self.execute("INSERT INTO report_part_digests VALUES (?, ?, ?, ?)",
                             (r.source, r.locale, hashlib.sha256(encoded).hexdigest(), len(encoded)))
        self._bump()

    def restamp(self, old: str, new: str) -> int:
        """Rows recorded under settings fingerprint ``old`` now carry ``new``."""
        changed = self.execute("UPDATE runs SET settings = ? WHERE settings = ?", (new, old)).rowcount
        if changed:
            self._bump()
        return changed

    def _bump(self) -> None:
        """Count a change of the run rows: a report built from the same generation, for
        the same releases, is the same report (see ``pipeline.write_report``)."""
        self.set_meta("generation", str(self.generation() + 1))

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    def report_part_index(self, sources: Iterable[str]) -> list[tuple[str, str, str | None, bool, str | None]]:
        """(source, locale, path, has text, digest) of these releases' rows, their texts left
        in the file (see :meth:`report_part_text`); path None where the row has no stored
        text, digest None where the text's digest was not stored with it (an older tool)."""
        wanted = set(sources)
        # the stored size first: length() of a text reads all of it (coalesce stops at the first)
        rows = self.execute("SELECT r.source, r.locale, p.path, coalesce(d.size, length(p.text)), d.digest "
                            "FROM runs r LEFT JOIN report_parts p ON p.source = r.source AND p.locale = r.locale "
                            "LEFT JOIN report_part_digests d ON d.source = r.source AND d.locale = r.locale").fetchall()
        return [(row[0], row[1], row[2], bool(row[3]), row[4]) for row in rows if row[0] in wanted]

    def report_part_text(self, source: str, locale: str) -> str:
        row = self.execute("SELECT text FROM report_parts WHERE source = ? AND locale = ?", (source, locale)).fetchone()
        return str(row[0]) if row is not None else ""

    def add_report_part_digests(self, rows: Iterable[tuple[str, str, str, int]]) -> None:
        """Digests of stored texts that were written without one (by an older version),
        as (source, locale, digest, size): the next report copies those texts too."""
        self.executemany("INSERT OR IGNORE INTO report_part_digests SELECT ?, ?, ?, ? WHERE EXISTS "
                         "(SELECT 1 FROM report_parts WHERE source = ?1 AND locale = ?2)", rows)

    def report_layout(self, report: str) -> dict[tuple[str, str], tuple[str, int, int]]:
        """(source, locale) -> (digest, start, size) of each findings text in the report
        file ``report`` as it was last written (see ``pipeline.write_report``)."""
        rows = self.execute("SELECT source, locale, digest, start, size FROM report_layout WHERE report = ?",
                            (report,)).fetchall()
        return {(row[0], row[1]): (str(row[2]), int(row[3]), int(row[4])) for row in rows}

    def set_report_layout(self, report: str, parts: Iterable[tuple[str, str, str, int, int]]) -> None:
        """Replace the layout of ``report``: (source, locale, digest, start, size) rows."""
        self.execute("DELETE FROM report_layout WHERE report = ?", (report,))
        self.executemany("INSERT INTO report_layout VALUES (?, ?, ?, ?, ?, ?)", ((report, *part) for part in parts))

    def page_facts(self, sources: Iterable[str]) -> dict[tuple[str, str], str]:
        """(source, locale) -> what the review page of that row is made of, as the run
        recorded it: the hashes of the release, its catalog and its built document, and a
        hash of the findings. The settings fingerprint is left out: it moves whenever the
        memory learns a translation, which changes no page."""
        wanted = set(sources)
        # a row written before the digests were kept has its findings read (only then: the
        # CASE reads the column for those rows alone) and its digest stored for next time
        rows = self.execute("SELECT r.source, r.locale, r.source_sha, r.po_sha, r.out_sha, d.digest, "
                            "CASE WHEN d.digest IS NULL THEN coalesce(f.findings, '') END FROM runs r "
                            "LEFT JOIN findings_digests d ON d.source = r.source AND d.locale = r.locale "
                            "LEFT JOIN findings f ON f.source = r.source AND f.locale = r.locale").fetchall()
        facts = {}
        missing = []
        for source, locale, source_sha, po_sha, out_sha, digest, found in rows:
            if source not in wanted:
                continue
            if digest is None:
                digest = _digest(found)
                if found:  # a row without findings text has none to keep a digest of
                    missing.append((source, locale, digest))
            facts[(source, locale)] = f"{source_sha} {po_sha} {out_sha} {digest}"
        if missing:
            self.executemany("INSERT OR IGNORE INTO findings_digests VALUES (?, ?, ?)", missing)
            self.commit()
        return facts

    def all_records(self) -> Iterator[LocaleRecord]:
        for row in self.execute(_SELECT + " ORDER BY r.source, r.locale"):
            yield _record(row)

    # -- migration --------------------------------------------------------------------

    def migrate_json(self, state_dir: Path) -> None:
        """Convert ``state.json`` of an older version once, then remove it. A file that
        cannot be read or has another version is removed unread: it only ever caused
        work to be skipped, so without it the next run redoes every release."""
        old = Path(state_dir) / "state.json"
        if not old.is_file():
            return
        try:
            data = json.loads(old.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("version") == JSON_STATE_VERSION:
            with self.conn:
                for source, release in data.get("releases", {}).items():
                    self.record(source, _records_from_json(source, release))
        old.unlink(missing_ok=True)


_SELECT = ("SELECT r.source, r.locale, r.source_sha, r.settings, r.po_sha, r.out_sha, r.summary, f.findings "
           "FROM runs r LEFT JOIN findings f ON f.source = r.source AND f.locale = r.locale")

_SELECT_WITHOUT_FINDINGS = ("SELECT r.source, r.locale, r.source_sha, r.settings, r.po_sha, r.out_sha, r.summary, "
                            "NULL FROM runs r")

#: The version of ``state.json`` that :meth:`StateDB.migrate_json` converts.
JSON_STATE_VERSION = 2


def _record(row: tuple[Any, ...]) -> LocaleRecord:
    return LocaleRecord(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]),
                        json.loads(row[7]) if row[7] else [])


def _records_from_json(source: str, release: dict[str, Any]) -> list[LocaleRecord]:
    """One JSON release record (source and settings hashes, files, summaries and findings
    of every locale together) as one row per locale; findings go to their catalog's row."""
    out = []
    for summary in release.get("summary", []):
        tag = summary["locale"]
        files = release.get("files", {}).get(tag, {})
        mine = [f for f in release.get("findings", []) if f.get("path") == summary.get("po")]
        out.append(LocaleRecord(source, tag, release.get("source") or "", release.get("settings") or "",
                                files.get("po"), files.get("out"), summary, mine))
    return out
