"""Write-time conflict detection for catalogs that people edit while we work.

Our own commands exclude each other with folder locks, but a translator's editor does
not take our lock: Poedit can save ``zh_Hant_HK/…/release.po`` at second 5 of a
46-second batch. So every stage that reads a catalog, works, then writes it back keeps a
``Snapshot`` (the exact text and digest it read). Before replacing the file it compares
the digest on disk with the snapshot. When they differ, the file is read again and the
person's changes since the snapshot are merged into what we are about to write (a
three-way merge whose base is the snapshot): **the person's edit wins**, entry by entry
and header field by header field. When the new file cannot be read (a half-saved or
broken file), nothing is written and the caller reports the conflict; the file is left
exactly as the person saved it.

A window of a few microseconds remains between the last comparison and the rename; no
lock can close it against programs that do not take locks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polib

from . import catalog, provenance
from .errors import L10nError
from .pofile import decode_po, parse_po

MAX_MERGE_ROUNDS = 5  # a file rewritten this often during one save is reported, not chased


@dataclass(frozen=True)
class Snapshot:
    """A catalog as it was read: the base of the three-way merge at write time."""

    path: Path
    text: str | None  # None: the file did not exist
    digest: str | None


@dataclass(frozen=True)
class SaveResult:
    written: bool
    kept_edits: int = 0  # entries (and header fields) taken from a save made while we worked
    conflict: str = ""  # non-empty: nothing was written, and this says why


def _digest(raw: bytes | None) -> str | None:
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def _raw(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def read(path: Path) -> tuple[polib.POFile | None, Snapshot]:
    """Read a catalog strictly (CatalogError on bad input) and remember what was read."""
    raw = _raw(path)
    if raw is None:
        return None, Snapshot(path, None, None)
    text = decode_po(raw, str(path))
    return parse_po(text, str(path)), Snapshot(path, text, _digest(raw))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    """``msgctxt ""`` and no context are different entries, as in gettext."""
    return (entry.msgctxt, entry.msgid)


def _content(entry: polib.POEntry) -> tuple[object, ...]:
    """What a translator can change in an entry."""
    return (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())), tuple(sorted(entry.flags)),
            entry.tcomment or "", bool(entry.obsolete))


def _take(ours: polib.POEntry, theirs: polib.POEntry) -> None:
    ours.msgstr = theirs.msgstr
    ours.msgstr_plural = dict(theirs.msgstr_plural)
    ours.flags = list(theirs.flags)
    ours.tcomment = theirs.tcomment
    if not theirs.fuzzy:
        ours.previous_msgid = None
        ours.previous_msgctxt = None
    # our provenance described our draft; the person's version carries its own history
    ours.comment = provenance.replace_provenance(ours.comment, provenance.getnotes(theirs.comment))


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _edited(t: polib.POEntry, base_by_key: dict[tuple[str | None, str], polib.POEntry]) -> bool:
    """Whether the person changed (or newly translated) this entry since the base."""
    b = base_by_key.get(_key(t))
    if b is not None:
        return _content(b) != _content(t)
    return _translated(t)  # a new empty entry carries nothing to keep


def _merge_entries(ours: polib.POFile, base: polib.POFile | None, theirs: polib.POFile) -> int:
    """Take every entry the person edited; one whose source left ``ours`` is kept obsolete."""
    base_by_key = {_key(e): e for e in base} if base is not None else {}
    ours_live = {_key(e): e for e in ours if not e.obsolete}
    ours_gone = {_key(e): e for e in ours.obsolete_entries()}
    kept = 0
    for t in theirs:
        if not t.msgid or not _edited(t, base_by_key):
            continue
        target = ours_live.get(_key(t)) or ours_gone.get(_key(t))
        if target is None:
            if not _translated(t):
                continue
            target = polib.POEntry(msgid=t.msgid, msgctxt=t.msgctxt, msgid_plural=t.msgid_plural, obsolete=True)
            ours.append(target)
        was_obsolete = target.obsolete
        _take(target, t)
        target.obsolete = was_obsolete  # the source decides what is live
        kept += 1
    return kept


def _merge_header(ours: polib.POFile, base: polib.POFile | None, theirs: polib.POFile) -> int:
    """Take every header field (and the header comment) the person changed."""
    kept = 0
    base_meta = base.metadata if base is not None else {}
    for key, value in theirs.metadata.items():
        if base_meta.get(key) != value and ours.metadata.get(key) != value:
            ours.metadata[key] = value
            kept += 1
    base_header = base.header if base is not None else ""
    if theirs.header != base_header and theirs.header != ours.header:
        ours.header = theirs.header
        kept += 1
    return kept


def merge_edits(ours: polib.POFile, base: polib.POFile | None, theirs: polib.POFile) -> int:
    """Apply to ``ours`` every change ``theirs`` made since ``base``; returns how many.

    An entry whose source is gone from ``ours`` but that the person translated meanwhile
    is kept as an obsolete entry, so the translation is never lost.
    """
    return _merge_entries(ours, base, theirs) + _merge_header(ours, base, theirs)


def save(snapshot: Snapshot, po: polib.POFile, previous: polib.POFile | None) -> SaveResult:
    """``catalog.save``, unless the file changed since ``snapshot``: then merge first.

    ``previous`` is what ``catalog.save`` compares dates with (byte-stable re-runs); after
    a merge the person's file plays that role.
    """
    path = snapshot.path
    base_text, base_digest = snapshot.text, snapshot.digest
    kept = 0
    for _ in range(MAX_MERGE_ROUNDS):
        raw = _raw(path)
        if _digest(raw) == base_digest:
            return SaveResult(catalog.save(path, po, previous), kept)
        if raw is None:  # deleted while we worked: the person's choice is not ours to undo
            return SaveResult(False, kept, f"{path}: deleted during the run; not written again")
        try:
            theirs = parse_po(decode_po(raw, str(path)), str(path))
        except L10nError as exc:
            reason = exc.format_message()
            return SaveResult(False, kept, f"{path}: changed during the run and cannot be read now ({reason}); "
                                           "left as saved, fix it and run again")
        base = parse_po(base_text, str(path)) if base_text is not None else None
        kept += merge_edits(po, base, theirs)
        base_text, base_digest, previous = decode_po(raw, str(path)), _digest(raw), theirs
    return SaveResult(False, kept, f"{path}: kept changing during the save; not written, run again")
