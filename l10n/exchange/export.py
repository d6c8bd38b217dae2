"""From a PO catalog to the exchange model both XLIFF writers render.

Only live, singular entries are exported. The header, obsolete entries, ``#|`` previous
strings, translator comments and flags stay in the PO: an import changes only the
msgstr and the fuzzy flag of the entries it matches, so whatever the XLIFF does not
carry comes back untouched. The previous msgid and the flags are still shown to the
translator (a note, the metadata).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib

from .. import provenance
from ..model import Markup
from ..provenance import Origin
from .common import Code, ExportDocument, ExportUnit, Note, state_digest, state_of, tag_counts, unit_id
from .markup import code_from_markup, codes_from_notes, source_markup


def _notes(entry: polib.POEntry) -> tuple[Note, ...]:
    notes: list[Note] = []
    if entry.msgctxt is not None:
        notes.append(Note("context", entry.msgctxt))
    for line in provenance.lines(entry.comment):
        if provenance.origin_of(line) is Origin.GLOSSARY_HINT:
            notes.append(Note("glossary", provenance.body(line, Origin.GLOSSARY_HINT)))
        else:
            notes.append(Note("comment", line))
    if entry.tcomment:
        notes.append(Note("translator", entry.tcomment))
    for ref, line in entry.occurrences:
        notes.append(Note("location", f"{ref}:{line}" if line else ref))
    if entry.previous_msgid is not None:
        notes.append(Note("previous", entry.previous_msgid))
    return tuple(notes)


def _codes(entry: polib.POEntry, markup: dict[int, Markup] | None) -> dict[int, Code]:
    """A code for every tag of the msgid: from the source's markup, else the notes."""
    described = codes_from_notes(provenance.lines(entry.comment))
    out: dict[int, Code] = {}
    for tag_text in tag_counts(entry.msgid):
        paired = not tag_text.endswith("/>")
        tag = int(tag_text.strip("</>"))
        if tag in out:
            continue
        if markup is not None and tag in markup and markup[tag].paired == paired:
            out[tag] = code_from_markup(markup[tag])
        elif tag in described:
            out[tag] = described[tag]
        else:
            out[tag] = Code(tag, paired)
    return out


def exportable(entry: polib.POEntry) -> bool:
    return bool(entry.msgid) and not entry.obsolete and not entry.msgid_plural


def build_export(po: polib.POFile, po_path: Path, domain: str, locale_tag: str,
                 roots: Sequence[Path] = ()) -> ExportDocument:
    """The exchange model of one catalog; ``roots`` are where the ``#:`` references are
    looked up for the exact source markup (none: the notes describe the codes)."""
    entries = [e for e in po if exportable(e)]
    references = [ref for e in entries if "<" in e.msgid for ref, _ in e.occurrences]
    markup = source_markup(references, roots) if references and roots else {}
    units = []
    for e in entries:
        units.append(ExportUnit(
            uid=unit_id(e.msgctxt, e.msgid), msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr,
            state=state_of(e.msgstr, e.fuzzy), digest=state_digest(e.msgstr, e.fuzzy),
            flags=tuple(e.flags), notes=_notes(e), codes=_codes(e, markup.get(e.msgid)),
            line=e.linenum or 0))
    return ExportDocument(domain, locale_tag, po_path.name, tuple(units))
