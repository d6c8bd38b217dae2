"""Parsing XML that comes from outside (a term base, a memory, a CAT tool's XLIFF).

One place holds the defences, so the three readers cannot drift apart: entities are
never resolved, nothing is fetched, huge trees are refused, and an entity declaration
is refused before lxml sees the document (no "billion laughs", no external entity).
Whether a DOCTYPE may stand at all is each format's call (TMX files name their DTD;
XLIFF needs none), and so is the wording of each refusal, which users and tests read:
a :class:`XmlRules` carries both. Every refusal is one typed error naming file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from .errors import L10nError

_ENTITY_DECL = re.compile(r"<!ENTITY")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class XmlRules:
    """What one kind of file may carry, and how its refusals read.

    ``error`` is the error class raised (its callers catch it by type); ``what`` names
    the file in the size refusal ("term base", "TMX file"); ``doctype_refused`` is the
    message when any DOCTYPE is refused, ``None`` when a DOCTYPE may name a DTD (never
    loaded). ``keep_blank_text`` matters where a space between two elements is text.
    """

    error: type[L10nError]
    what: str
    syntax: str
    entity_declared: str
    entity_hint: str | None = None
    max_bytes: int | None = None
    doctype_refused: str | None = None
    doctype_hint: str | None = None
    keep_blank_text: bool = False
    keep_comments: bool = True
    trim_position: bool = False


def parser(rules: XmlRules) -> etree.XMLParser:
    """The lxml parser with every network, DTD and entity feature off."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_pis=True,
                           remove_blank_text=not rules.keep_blank_text,
                           remove_comments=not rules.keep_comments)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _reject_declarations(data: bytes, source: str, rules: XmlRules) -> None:
    """Refuse an entity declaration by a scan of the bytes, before any parsing."""
    # the declaration is ASCII: latin-1 finds it (at the same offset) in any
    # ASCII-compatible encoding, so line numbers count right for UTF-8 as well
    text = data.decode("utf-16", errors="replace") if data[:2] in _UTF16_BOMS else data.decode("latin-1")
    m = _ENTITY_DECL.search(text)
    if m:
        raise rules.error(rules.entity_declared, path=source, line=_line_of(text, m.start()),
                          hint=rules.entity_hint)


def parse_untrusted(data: bytes, source: str, rules: XmlRules,
                    vet: Callable[[bytes, str], None] | None = None) -> etree._Element:
    """The root of ``data`` read from ``source``, or ``rules.error`` saying why not.

    ``vet`` runs after the size check and before the entity scan, for checks of the
    caller's own (an encoding it insists on, say).
    """
    if rules.max_bytes is not None and len(data) > rules.max_bytes:
        raise rules.error(f"{rules.what} is {len(data)} bytes, over the {rules.max_bytes} limit",
                          path=source)
    if vet is not None:
        vet(data, source)
    if rules.doctype_refused is None:
        _reject_declarations(data, source, rules)
    try:
        root = etree.fromstring(data, parser=parser(rules))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        message = exc.msg or "malformed XML"
        if rules.trim_position:
            message = message.split(", line ")[0]
        raise rules.error(f"{rules.syntax}: {message}", path=source, line=line) from None
    docinfo = root.getroottree().docinfo
    if rules.doctype_refused is not None:
        # a refused DOCTYPE is where every declaration would stand: refusing it covers them
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise rules.error(rules.doctype_refused, path=source, line=1, hint=rules.doctype_hint)
    elif docinfo.internalDTD is not None and any(True for _ in docinfo.internalDTD.iterentities()):
        # declarations the byte scan could not see (an encoding it does not decode)
        raise rules.error(rules.entity_declared, path=source, line=1, hint=rules.entity_hint)
    for node in root.iter(etree.Entity):
        raise rules.error(f"entity reference {node.text} is not allowed", path=source,
                          line=node.sourceline)
    return root
