"""The tool's own state about the drafts it wrote, kept in the project, not in the PO files.

A PO file goes through other tools: ``msgmerge`` regenerates every ``#.`` comment from
the template, Babel wraps them, Weblate and Poedit reorder them. So what l10n needs to
know about a draft (that it wrote it, where it came from, what the checks found) lives
here, in the ``drafts`` table of ``<state_dir>/state.sqlite`` (:mod:`l10n.state`), keyed by
(locale, msgctxt, msgid, digest of the msgstr). A draft is *untouched* while the digest
of the entry's current msgstr is recorded for the msgid it was made for; a person's edit
changes the digest, so an edited draft is never recognised as ours and never replaced.

Rows are asked for one at a time and written in one transaction by :meth:`DraftStore.save`,
so a run that drafts one entry writes one row, whatever the number of drafts recorded
(the JSON file this replaces was rewritten whole). A ``drafts.json`` of an older version
is converted once and removed. Legacy catalogs carry the same facts as
``#. l10n-draft:`` comments: they are imported here the first time a catalog is read
(see :func:`l10n.translate.sync_catalog`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .provenance import draft_digest
from .state import StateDB, state_file

#: The JSON file of older versions, converted once (see :meth:`DraftStore._migrate`).
DRAFTS_FILE = "drafts.json"
#: The version of that file which is understood; another one is refused, not guessed.
DRAFTS_VERSION = 1

SourceKey = tuple[str, str]  # (msgctxt or "", msgid): the source a draft was made for


@dataclass
class DraftRecord:
    """What l10n wrote into one entry: its origin and the notes shown to the translator.

    ``draft`` is True for a fuzzy draft nobody has approved yet; it turns False when the
    entry is seen approved (not fuzzy) with the same text, after which it is a person's
    translation like any other and never replaced.
    """

    origin: str
    notes: list[str]
    draft: bool = True


@dataclass
class DraftStore:
    """Every draft l10n wrote, by locale and text digest (``state_dir`` None: in memory only)."""

    state_dir: Path | None = None
    _db: StateDB | None = None
    _dirty: bool = False

    @classmethod
    def open(cls, state_dir: Path, *, lazy: bool = False) -> DraftStore:
        """The store of a project's state folder; empty when nothing was recorded yet.

        ``lazy``: open the state at the first question (a run with nothing to do asks none).
        """
        store = cls(Path(state_dir))
        if not lazy:
            store._conn()
        return store

    @classmethod
    def on(cls, db: StateDB, state_dir: Path) -> DraftStore:
        """The store on an open state connection (the batch shares its own, so run rows
        and drafts are committed by one connection and never wait for each other)."""
        store = cls(Path(state_dir), db)
        store._migrate(Path(state_dir) / DRAFTS_FILE)
        return store

    def _conn(self) -> StateDB:
        if self._db is None:
            self._db = StateDB(state_file(self.state_dir) if self.state_dir is not None else None)
            if self.state_dir is not None:
                self._migrate(self.state_dir / DRAFTS_FILE)
        return self._db

    def _migrate(self, path: Path) -> None:
        """Convert the JSON file of an older version (in one transaction), then remove it."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(f"cannot read the drafts state: {exc.strerror}", path=str(path)) from None
        try:
            data = json.loads(raw)
        except ValueError:
            raise InputError("the drafts state is not valid JSON", path=str(path),
                             hint="delete it: drafts are then recognised by their comments only") from None
        if not isinstance(data, dict) or data.get("version") != DRAFTS_VERSION:
            raise InputError(f"the drafts state is not version {DRAFTS_VERSION}", path=str(path),
                             hint="delete it: drafts are then recognised by their comments only")
        db = self._db
        assert db is not None
        with db.conn:
            for tag, rows in data.get("locales", {}).items():
                for row in rows:
                    self._write(tag, row["digest"], (row["msgctxt"], row["msgid"]),
                                DraftRecord(row["origin"], list(row["notes"]), bool(row["draft"])))
        path.unlink(missing_ok=True)

    def _write(self, locale: str, digest: str, source: SourceKey, record: DraftRecord) -> None:
        self._conn().execute("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (locale, digest, source[0], source[1], record.origin,
                              json.dumps(record.notes, ensure_ascii=False), int(record.draft)))

    def _rows(self, locale: str, msgstr: str) -> list[tuple[Any, ...]]:
        return self._conn().execute(
            "SELECT msgctxt, msgid, origin, notes, draft FROM drafts WHERE locale = ? AND digest = ? "
            "ORDER BY msgctxt, msgid", (locale, draft_digest(msgstr))).fetchall()

    # -- queries ----------------------------------------------------------------------

    def find(self, locale: str, source: SourceKey, msgstr: str) -> DraftRecord | None:
        """The record of ``msgstr`` written for ``source``, or None (a person's text)."""
        row = self._conn().execute(
            "SELECT origin, notes, draft FROM drafts WHERE locale = ? AND digest = ? AND msgctxt = ? AND msgid = ?",
            (locale, draft_digest(msgstr), source[0], source[1])).fetchone()
        return None if row is None else DraftRecord(row[0], json.loads(row[1]), bool(row[2]))

    def sources_of(self, locale: str, msgstr: str) -> list[SourceKey]:
        """Every source this exact text was written for as a draft not yet approved."""
        return [(row[0], row[1]) for row in self._rows(locale, msgstr) if row[4]]

    def sources_by_origin(self, locale: str, msgstr: str, origin: str) -> list[SourceKey]:
        """Every source this exact text was written for by ``origin``, approved or not
        (rule-made text is approved when written, yet stale once its source changes)."""
        return [(row[0], row[1]) for row in self._rows(locale, msgstr) if row[2] == origin]

    # -- changes ----------------------------------------------------------------------

    def record(self, locale: str, source: SourceKey, msgstr: str, record: DraftRecord) -> None:
        """Remember what was written into an entry (replacing an earlier record of it)."""
        if self.find(locale, source, msgstr) != record:
            self._write(locale, draft_digest(msgstr), source, record)
            self._dirty = True

    def approve(self, locale: str, source: SourceKey, msgstr: str) -> None:
        """The entry was seen approved with our text: from now on it is a person's."""
        found = self.find(locale, source, msgstr)
        if found is not None and found.draft:
            found.draft = False
            self._write(locale, draft_digest(msgstr), source, found)
            self._dirty = True

    def save(self) -> bool:
        """Commit what changed (one transaction); True when something was written."""
        if self._db is None or not self._dirty:
            return False
        self._db.commit()
        self._dirty = False
        return self.state_dir is not None

    def close(self) -> None:
        """Commit and close the connection (a later question opens it again)."""
        if self._db is not None:
            self.save()
            self._db.close()
            self._db = None
