"""Reading XLIFF safely and writing it readably.

An XLIFF file comes back from outside (an agency, a CAT tool): it is parsed with lxml
with entity resolution, network access and huge trees off, and a file with a DOCTYPE
is refused outright (XLIFF needs none; it is where entity bombs and external entities
live). A syntax error is one line naming the file and line.
"""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree

from ..errors import InputError
from ..xmlsafe import XmlRules, parse_untrusted

INDENT = "  "


#: XLIFF needs no DOCTYPE: one is where entity bombs and external entities live.
_RULES = XmlRules(error=InputError, what="XLIFF file", syntax="not well-formed XML",
                  entity_declared="a DOCTYPE is not allowed in an XLIFF file",
                  doctype_refused="a DOCTYPE is not allowed in an XLIFF file",
                  doctype_hint="remove the <!DOCTYPE ...> declaration",
                  keep_blank_text=True, trim_position=True)


def parse_xml(data: bytes, path: str) -> etree._Element:
    return parse_untrusted(data, path, _RULES)


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def indent_structure(element: etree._Element, leaves: Collection[str], level: int = 0) -> None:
    """Indent the structural elements only: text content (source, target, notes) is
    never touched, since whitespace there is part of the translation."""
    children = [c for c in element if isinstance(c.tag, str)]
    if not children or local(element) in leaves:
        return
    inner = "\n" + INDENT * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        indent_structure(child, leaves, level + 1)
    children[-1].tail = "\n" + INDENT * level


def serialize(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"
