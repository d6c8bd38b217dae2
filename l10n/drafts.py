"""The tool's own state about the drafts it wrote, kept in the project, not in the PO files.

A PO file goes through other tools: ``msgmerge`` regenerates every ``#.`` comment from
the template, Babel wraps them, Weblate and Poedit reorder them. So what l10n needs to
know about a draft (that it wrote it, where it came from, what the checks found) lives
here, in ``<state_dir>/drafts.json``, keyed by (locale, msgctxt, msgid, digest of the
msgstr). A draft is *untouched* while the digest of the entry's current msgstr is
recorded for the msgid it was made for; a person's edit changes the digest, so an
edited draft is never recognised as ours and never replaced.

The file is read once per command and written once at its end, only when it changed.
Legacy catalogs carry the same facts as ``#. l10n-draft:`` comments: they are imported
here the first time a catalog is read (see :func:`l10n.translate.sync_catalog`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .fsio import write_if_changed
from .provenance import draft_digest

#: The file in the state folder.
DRAFTS_FILE = "drafts.json"
#: Bumped when the layout of the file changes; an unknown version is refused, not guessed.
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
    """Every draft l10n wrote, by locale and text digest (``path`` None: in memory only)."""

    path: Path | None = None
    _records: dict[tuple[str, str], dict[SourceKey, DraftRecord]] | None = None
    _dirty: bool = False

    @classmethod
    def open(cls, state_dir: Path, *, lazy: bool = False) -> DraftStore:
        """The store of a project's state folder; empty when the file does not exist yet.

        ``lazy``: read the file at the first question (a run with nothing to do asks none).
        """
        store = cls(Path(state_dir) / DRAFTS_FILE)
        if not lazy:
            store._index()
        return store

    def _index(self) -> dict[tuple[str, str], dict[SourceKey, DraftRecord]]:
        if self._records is None:
            self._records = {}
            if self.path is not None:
                self._read(self.path)
        return self._records

    def _read(self, path: Path) -> None:
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(f"cannot read the drafts state: {exc.strerror}", path=str(path)) from None
        self._load(raw)

    def _load(self, raw: str) -> None:
        try:
            data = json.loads(raw)
        except ValueError:
            raise InputError("the drafts state is not valid JSON", path=str(self.path),
                             hint="delete it: drafts are then recognised by their comments only") from None
        if not isinstance(data, dict) or data.get("version") != DRAFTS_VERSION:
            raise InputError(f"the drafts state is not version {DRAFTS_VERSION}", path=str(self.path),
                             hint="delete it: drafts are then recognised by their comments only")
        for tag, rows in data.get("locales", {}).items():
            for row in rows:
                key = (tag, row["digest"])
                record = DraftRecord(row["origin"], list(row["notes"]), bool(row["draft"]))
                self._index().setdefault(key, {})[(row["msgctxt"], row["msgid"])] = record

    # -- queries ----------------------------------------------------------------------

    def find(self, locale: str, source: SourceKey, msgstr: str) -> DraftRecord | None:
        """The record of ``msgstr`` written for ``source``, or None (a person's text)."""
        return self._index().get((locale, draft_digest(msgstr)), {}).get(source)

    def sources_of(self, locale: str, msgstr: str) -> list[SourceKey]:
        """Every source this exact text was written for as a draft not yet approved."""
        found = self._index().get((locale, draft_digest(msgstr)), {})
        return [key for key, record in found.items() if record.draft]

    def sources_by_origin(self, locale: str, msgstr: str, origin: str) -> list[SourceKey]:
        """Every source this exact text was written for by ``origin``, approved or not
        (rule-made text is approved when written, yet stale once its source changes)."""
        found = self._index().get((locale, draft_digest(msgstr)), {})
        return [key for key, record in found.items() if record.origin == origin]

    # -- changes ----------------------------------------------------------------------

    def record(self, locale: str, source: SourceKey, msgstr: str, record: DraftRecord) -> None:
        """Remember what was written into an entry (replacing an earlier record of it)."""
        slot = self._index().setdefault((locale, draft_digest(msgstr)), {})
        if slot.get(source) != record:
            slot[source] = record
            self._dirty = True

    def approve(self, locale: str, source: SourceKey, msgstr: str) -> None:
        """The entry was seen approved with our text: from now on it is a person's."""
        found = self.find(locale, source, msgstr)
        if found is not None and found.draft:
            found.draft = False
            self._dirty = True

    def save(self) -> bool:
        """Write the file when something changed; True when it was written."""
        if self.path is None or not self._dirty:
            return False
        write_if_changed(self.path, self._dump(), make_parents=True)
        self._dirty = False
        return True

    def _dump(self) -> str:
        """Sorted, one record per line: the same state gives the same bytes, and a change
        to one draft is a one-line diff."""
        locales: dict[str, list[dict[str, Any]]] = {}
        for (tag, digest), slot in self._index().items():
            for (ctx, msgid), record in slot.items():
                locales.setdefault(tag, []).append({
                    "msgctxt": ctx, "msgid": msgid, "digest": digest, "origin": record.origin,
                    "draft": record.draft, "notes": record.notes})
        blocks = []
        for tag, rows in sorted(locales.items()):
            rows.sort(key=lambda r: (r["msgctxt"], r["msgid"], r["digest"]))
            lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
            blocks.append(f"{json.dumps(tag)}: [\n{lines}\n]")
        return f'{{"version": {DRAFTS_VERSION}, "locales": {{\n' + ",\n".join(blocks) + "\n}}\n"
