"""TMX 1.4b: the translation memory handed to an agency, and an agency's memory read into ours.

Why TMX: it is what every CAT tool (Trados, memoQ, Phrase, OmegaT) imports and exports,
so it is how a memory travels between a press office and its translators.

Inline codes. Our segments hold numbered tags (``<1>…</1>``, ``<2/>``, see
``l10n.inline``); in TMX they become ``<bpt i x>``/``<ept i>`` pairs and standalone
``<ph x>`` codes, so a CAT tool protects them and lets the translator place them. The
memory stores tagged text only (the markup itself lives in the source documents), so the
native code a TMX code carries is our tag as written in the catalogs (``<1>``); ``x`` is the
tag's number, which is how the codes of the English and the Chinese variant correspond.

Reading another tool's TMX, codes are matched between the English variant and each
target by ``x`` when given, else a pair by its ``i`` and a placeholder by its native
code, and numbered in the order the English variant opens them (by ``x`` when every
English code has a distinct whole-number ``x``, as our own exports do). A unit whose codes
do not pair up, overlap, are isolated (``<it>``) or differ between English and the target
is reported and skipped: a memory match with broken tags is worse than none.

Languages are written as BCP 47 (``en``, ``zh-Hant-HK``); on import any spelling the
locale parser takes (``ZH-HK``, ``zh_TW``, ``zh-Hans``) is accepted, and variants in a
language we do not translate into are counted and left out.

The file is untrusted: entity declarations are refused before parsing and lxml never
resolves entities, loads a DTD or touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from lxml import etree

from .. import __version__
from ..spans import TAG_RE
from .records import StoredSegment

TMX_VERSION = "1.4"
SOURCE_LANG = "en"
CREATION_TOOL = "l10n"
#: The format the memory came from (``o-tmf``): ours is an SQLite store of tagged text.
ORIGINAL_FORMAT = "l10n-sqlite"
#: Our segments are plain text whose only markup is the inline codes.
DATATYPE = "plaintext"
SEGTYPE = "sentence"
#: msgctxt of a unit (a user-defined property: TMX reserves no name for it).
CONTEXT_PROP = "x-l10n-context"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

#: Characters XML 1.0 cannot hold, even escaped (C0 controls but tab and line breaks,
#: lone surrogates, U+FFFE and U+FFFF).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TMX_DATE = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class TmxExport:
    """A written TMX document: its bytes, its units and translations, and the stored
    translations left out because XML cannot hold a character of theirs (a control
    character pasted into a catalog)."""

    data: bytes
    units: int
    translations: int
    left_out: tuple[StoredSegment, ...]



@lru_cache(maxsize=4096)  # a memory's rows share few distinct times (one per import)
def tmx_date(iso: str) -> str:
    """A stored ISO 8601 time as TMX writes dates (``20251201T093000Z``, UTC; the store
    writes UTC, a time without zone is taken as UTC)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(_TMX_DATE)


def _append_seg(tuv: etree._Element, text: str) -> None:
    """Our tagged text as a ``<seg>`` with bpt/ept/ph codes (pairs get ``i`` = tag number)."""
    seg = etree.SubElement(tuv, "seg")
    last: etree._Element | None = None
    pos = 0

    def add_text(value: str) -> None:
        if not value:
            return
        if last is None:
            seg.text = (seg.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for m in TAG_RE.finditer(text):
        add_text(text[pos:m.start()])
        pos = m.end()
        closing, number, void = m.group(1), m.group(2), m.group(3)
        if void:
            last = etree.SubElement(seg, "ph", x=number)
        elif closing:
            last = etree.SubElement(seg, "ept", i=number)
        else:
            last = etree.SubElement(seg, "bpt", i=number, x=number)
        last.text = m.group(0)
    add_text(text[pos:])


def _indent(el: etree._Element, depth: int) -> None:
    """Line breaks between structural elements only: never inside a ``<seg>``."""
    el.tail = "\n" + "  " * depth


def _unit(source: str, context: str, rows: Sequence[StoredSegment]) -> etree._Element:
    tu = etree.Element("tu", changedate=max(tmx_date(r.updated) for r in rows))
    tu.text = "\n      "
    children: list[etree._Element] = []
    if context:
        prop = etree.SubElement(tu, "prop", type=CONTEXT_PROP)
        prop.text = context
        children.append(prop)
    english = etree.SubElement(tu, "tuv", {XML_LANG: SOURCE_LANG})
    _append_seg(english, source)
    children.append(english)
    for row in rows:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: row.locale_tag}, changedate=tmx_date(row.updated))
        _append_seg(tuv, row.target)
        children.append(tuv)
    for child in children:
        _indent(child, 3)
    children[-1].tail = "\n    "
    return tu


def _grouped(segments: Iterable[StoredSegment]) -> Iterator[tuple[str, str, list[StoredSegment]]]:
    """Rows of the same English text and context, as one unit with a variant per locale."""
    groups: dict[tuple[str, str], list[StoredSegment]] = {}
    for row in segments:
        groups.setdefault((row.source, row.context), []).append(row)
    for (source, context), rows in sorted(groups.items()):
        yield source, context, sorted(rows, key=lambda r: r.locale_tag)


def write_tmx(segments: Iterable[StoredSegment]) -> TmxExport:
    """The memory as a TMX 1.4b document.

    Deterministic for the same memory: units sorted by English text and context, header
    dates the oldest and newest change the memory records (not the time of export).
    """
    rows: list[StoredSegment] = []
    left_out: list[StoredSegment] = []
    for row in segments:
        unfit = any(_XML_INVALID.search(text) for text in (row.source, row.context, row.target))
        (left_out if unfit else rows).append(row)
    dates = sorted(tmx_date(r.updated) for r in rows)
    root = etree.Element("tmx", version=TMX_VERSION)
    root.text = "\n  "
    header = etree.SubElement(root, "header", {
        "creationtool": CREATION_TOOL, "creationtoolversion": __version__, "segtype": SEGTYPE,
        "o-tmf": ORIGINAL_FORMAT, "adminlang": SOURCE_LANG, "srclang": SOURCE_LANG,
        "datatype": DATATYPE, "o-encoding": "UTF-8"})
    if dates:
        header.set("creationdate", dates[0])
        header.set("changedate", dates[-1])
    _indent(header, 1)
    body = etree.SubElement(root, "body")
    body.tail = "\n"
    body.text = "\n    "
    units = 0
    last: etree._Element | None = None
    for source, context, group in _grouped(rows):
        last = _unit(source, context, group)
        body.append(last)
        _indent(last, 2)
        units += 1
    if last is not None:
        last.tail = "\n  "
    else:
        body.text = None
    body_bytes: bytes = etree.tostring(root, encoding="UTF-8", doctype=DOCTYPE)
    return TmxExport(XML_DECLARATION + body_bytes + b"\n", units, len(rows), tuple(left_out))

