"""Merging an XLIFF file's translations back into its PO catalog.

The rules are those of every other command, plus one for files that travel:

* an import changes only the msgstr and the fuzzy flag of the live entries it matches
  (an approval also drops the ``#|`` previous strings, as a PO editor does); comments,
  references, other flags, the header and obsolete entries are left as they are;
* a unit whose target lacks or adds inline codes, or whose source no longer matches
  the PO, is skipped and reported;
* **a person's translation is never replaced by an older or unapproved one.** Each unit
  carries the digest of its PO entry's translation and state at export. When the PO
  entry still has that digest, the XLIFF holds the newer edit and wins, except that an
  unapproved segment never replaces an approved PO translation (mark it ``final``).
  When the PO entry changed since the export, an approved PO entry is kept (a conflict,
  reported) and a PO draft gives way only to an approved segment. A file without our
  digests (another tool's) may fill drafts and empty entries, never approved ones;
* the catalog is written under the folder lock, atomically, through :mod:`l10n.guard`
  (a translator's save made meanwhile is merged, not lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from .common import ImportedUnit, State, state_digest, tag_difference, unit_id
from .export import exportable

UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    uid: str
    line: int  # of the unit in the XLIFF file
    status: str
    reason: str = ""
    key: tuple[str | None, str] | None = None  # of the PO entry, when one matched


@dataclass
class MergeSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def updated_keys(self) -> set[tuple[str | None, str]]:
        return {o.key for o in self.outcomes if o.status == UPDATED and o.key is not None}


def _decide(entry: polib.POEntry, unit: ImportedUnit) -> tuple[str, str]:
    """(status, reason) for one matched unit: UPDATED means apply the unit's target."""
    if unit.problem:
        return SKIPPED, unit.problem
    if unit.source != entry.msgid:
        return SKIPPED, "the source text differs from the PO entry's msgid"
    if not unit.target:
        return UNCHANGED, "no translation in the file"
    difference = tag_difference(entry.msgid, unit.target)
    if difference:
        return SKIPPED, difference
    fuzzy = unit.state is not State.APPROVED
    if entry.msgstr == unit.target and (entry.fuzzy == fuzzy or not entry.fuzzy):
        return UNCHANGED, ""
    approved_in_po = bool(entry.msgstr) and not entry.fuzzy
    changed_since_export = unit.digest is not None and unit.digest != state_digest(entry.msgstr, entry.fuzzy)
    if approved_in_po and (changed_since_export or unit.digest is None):
        return SKIPPED, ("conflict: the approved PO translation was edited after the export; kept"
                         if changed_since_export else
                         "the file has no export record and the PO translation is approved; kept")
    if approved_in_po and fuzzy:
        return SKIPPED, "an unapproved segment does not replace an approved translation (mark it final)"
    if changed_since_export and fuzzy:
        return SKIPPED, "the PO entry has a newer draft than this unapproved segment; kept"
    return UPDATED, ""


def _apply(entry: polib.POEntry, unit: ImportedUnit) -> None:
    entry.msgstr = unit.target or ""
    if unit.state is State.APPROVED:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        entry.previous_msgid_plural = None
    elif "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")


def _by_source(entries: list[polib.POEntry], unit: ImportedUnit) -> polib.POEntry | None:
    """The entry of a unit whose id is not ours (another tool's file, or ids rewritten):
    the one entry with this source, the msgctxt deciding between several."""
    candidates = [e for e in entries if e.msgid == unit.source]
    if unit.msgctxt is not None:
        exact = [e for e in candidates if e.msgctxt == unit.msgctxt]
        if exact or unit.has_context:  # our metadata names the context: nothing else fits
            return exact[0] if len(exact) == 1 else None
    if len(candidates) > 1:  # a resname that is not a msgctxt, or no context given
        candidates = [e for e in candidates if e.msgctxt is None]
    return candidates[0] if len(candidates) == 1 else None


def merge_units(po: polib.POFile, units: tuple[ImportedUnit, ...]) -> MergeSummary:
    """Apply the units to ``po`` in place; every unit gets an outcome."""
    entries = [e for e in po if exportable(e)]
    by_id = {unit_id(e.msgctxt, e.msgid): e for e in entries}
    done: set[tuple[str | None, str]] = set()
    summary = MergeSummary()
    for unit in units:
        entry = by_id.get(unit.uid) or _by_source(entries, unit)
        if entry is None and any(e.obsolete and e.msgid == unit.source for e in po):
            summary.outcomes.append(Outcome(unit.uid, unit.line, UNCHANGED, "obsolete in the PO"))
            continue
        if entry is None:
            summary.outcomes.append(Outcome(unit.uid, unit.line, SKIPPED,
                                            "no live PO entry has this source (changed since the export?)"))
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in done:
            summary.outcomes.append(Outcome(unit.uid, unit.line, SKIPPED, "a second unit for the same entry", key))
            continue
        done.add(key)
        status, reason = _decide(entry, unit)
        if status == UPDATED:
            _apply(entry, unit)
        summary.outcomes.append(Outcome(unit.uid, unit.line, status, reason, key))
    return summary
