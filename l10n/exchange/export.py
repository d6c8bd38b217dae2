"""From a PO catalog to the exchange model both XLIFF writers render.

Only live, singular entries are exported. The header, obsolete entries, ``#|`` previous
strings, translator comments and flags stay in the PO: an import changes only the
msgstr and the fuzzy flag of the entries it matches, so whatever the XLIFF does not
carry comes back untouched. The previous msgid and the flags are still shown to the
translator (a note, the metadata).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import polib

from .. import provenance
from ..model import Markup
from ..pofile import JOINED_FLAG
from ..provenance import Origin
from .common import Code, ExportDocument, ExportUnit, Note, state_digest, state_of, tag_counts, unit_id
from .markup import code_from_markup, codes_from_notes, source_markup

#: Shown on an entry flagged ``l10n-joined`` (the flag itself travels in the metadata only).
JOINED_NOTE = ("joined to the previous sentence: the previous unit's translation covers this one; "
               "leave this target empty, or translate it to undo the join")
#: The glossary lines (``glossary: term = rendering``) for a msgid, from the term base.
GlossaryHints = Callable[[str], Sequence[str]]


def _notes(entry: polib.POEntry, hints: GlossaryHints | None) -> tuple[Note, ...]:
    notes: list[Note] = []
    if entry.msgctxt is not None:
        notes.append(Note("context", entry.msgctxt))
    glossary: list[str] = []
    for line in provenance.lines(entry.comment):
        if provenance.origin_of(line) is Origin.GLOSSARY_HINT:
            glossary.append(provenance.body(line, Origin.GLOSSARY_HINT))
        else:
            notes.append(Note("comment", line))
    # the term base as it is now: a catalog last updated without it still gets its hints
    fresh = [provenance.body(line, Origin.GLOSSARY_HINT) for line in (hints(entry.msgid) if hints else ())]
    notes.extend(Note("glossary", g) for g in dict.fromkeys([*glossary, *fresh]))
    if entry.tcomment:
        notes.append(Note("translator", entry.tcomment))
    if JOINED_FLAG in entry.flags:
        notes.append(Note("comment", JOINED_NOTE))
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
                 roots: Sequence[Path] = (), hints: GlossaryHints | None = None) -> ExportDocument:
    """The exchange model of one catalog; ``roots`` are where the ``#:`` references are
    looked up for the exact source markup (none: the notes describe the codes); ``hints``
    adds the term base's renderings to those the catalog's comments already name."""
    entries = [e for e in po if exportable(e)]
    references = [ref for e in entries if "<" in e.msgid for ref, _ in e.occurrences]
    markup = source_markup(references, roots) if references and roots else {}
    units = []
    for e in entries:
        units.append(ExportUnit(
            uid=unit_id(e.msgctxt, e.msgid), msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr,
            state=state_of(e.msgstr, e.fuzzy), digest=state_digest(e.msgstr, e.fuzzy),
            flags=tuple(e.flags), notes=_notes(e, hints), codes=_codes(e, markup.get(e.msgid)),
            line=e.linenum or 0))
    return ExportDocument(domain, locale_tag, po_path.name, tuple(units))
