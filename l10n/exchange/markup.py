"""The original markup behind each placeholder tag, for the CAT tool to show.

A PO entry knows its tags only as ``<1>…</1>`` and the ``#.`` notes the segmenter wrote
for some of them (``<1>…</1> = link URL``, ``<2/> = code x (do not translate)``). The
exact markup (``**``, ``[``/``](url)``, ``<a href=…>``) lives in the source document
the ``#:`` references name: when that file can be read, it is segmented again, as
``extract`` did, and each unit's markup is taken from there. When it cannot (moved,
another segmentation), the notes alone describe the codes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import L10nError
from ..model import Markup
from .common import Code

log = logging.getLogger(__name__)

_PAIRED_NOTE_RE = re.compile(r"<(\d+)>…</\1> = link (.*)\Z")
_VOID_NOTE_RE = re.compile(r"<(\d+)/> = (.*) \(do not translate\)\Z")


def codes_from_notes(comments: Iterable[str]) -> dict[int, Code]:
    """Codes described by the segmenter's ``#.`` notes."""
    out: dict[int, Code] = {}
    for line in comments:
        if m := _PAIRED_NOTE_RE.match(line):
            out[int(m.group(1))] = Code(int(m.group(1)), True, f"link {m.group(2)}", kind="link")
        elif m := _VOID_NOTE_RE.match(line):
            note = m.group(2)
            kind = "image" if note.startswith("image ") else ""
            out[int(m.group(1))] = Code(int(m.group(1)), False, note, kind=kind)
    return out


def code_from_markup(item: Markup) -> Code:
    kind = "link" if item.paired and item.note else "image" if item.note.startswith("image ") else ""
    if item.paired:
        display = f"link {item.note}" if item.note else item.opening
    else:
        display = item.note or item.opening
    return Code(item.tag, item.paired, display, item.opening, item.closing, kind)


def _reference_files(references: Iterable[str], roots: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for ref in references:
        name = ref.rsplit(":", 1)[0] if re.search(r":\d+\Z", ref) else ref
        for root in roots:
            candidate = root / name
            if candidate.is_file() and candidate not in found:
                found.append(candidate)
                break
    return found


def source_markup(references: Iterable[str], roots: Sequence[Path]) -> dict[str, dict[int, Markup]]:
    """msgid -> its markup, from every source document the references name that can be
    read; a document that cannot be read is passed over (the notes still describe it)."""
    from ..extract import english_blocks
    from ..formats import read_document
    from ..segment import document_units

    out: dict[str, dict[int, Markup]] = {}
    for path in _reference_files(references, roots):
        try:
            units = document_units(english_blocks(read_document(path)))
        except (L10nError, OSError, ValueError) as exc:
            log.info("%s: markup not read (%s); inline codes described from the PO notes", path, exc)
            continue
        for unit in units:
            if unit.markup:
                out.setdefault(unit.text, {m.tag: m for m in unit.markup})
    return out
