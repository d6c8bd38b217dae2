"""XLIFF 1.2 (strict schema) written from and read into the exchange model.

Mapping:

* one ``<file>`` (``datatype="po"``, ``source-language="en"``, ``target-language`` the
  BCP 47 locale) per document, one ``<trans-unit>`` per PO entry (``resname``: the
  msgctxt);
* states: fuzzy → ``<target state="needs-review-translation">``; approved →
  ``approved="yes"`` and ``state="final"``. Read back: ``approved="yes"`` or a
  ``final``/``signed-off`` target is approved, any other target is fuzzy;
* ``<1>…</1>`` → ``<g id="1">``, ``<2/>`` → ``<x id="2"/>``, a crossing pair →
  ``<bx>``/``<ex>``; ``equiv-text`` shows what the code stands for;
* notes (``from``: context, comment, glossary, translator, previous) and a
  ``location`` context group for the ``#:`` references;
* a ``x-l10n-po`` context group carries what the import needs (the msgctxt exactly,
  flags, the digest of the PO translation at export) and the original markup of each
  code (the strict schema allows no attributes of our own).

XLIFF 1.2 has no way to write a character XML 1.0 cannot hold (2.0 has ``<cp>``): such
an entry is refused with its PO line, and XLIFF 2.0 suggested.
"""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..errors import InputError
from .common import (
    SOURCE_LANGUAGE,
    XML_INVALID_RE,
    Code,
    ExportDocument,
    ExportUnit,
    ImportedFile,
    ImportedUnit,
    Node,
    Pair,
    Start,
    State,
    Void,
    parse_tags,
)
from .xmlio import indent_structure, local, serialize

NS = "urn:oasis:names:tc:xliff:document:1.2"
#: Read as 1.2: the same elements (Translate Toolkit's ``po2xliff`` writes 1.1).
READ_NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:1.1")
#: ``po2xliff`` writes the PO header as a unit of this restype: not a translation.
HEADER_RESTYPE = "x-gettext-domain-header"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PO_GROUP = "x-l10n-po"
CTX_DIGEST = "x-state-digest"
CTX_CONTEXT = "x-msgctxt"
CTX_FLAGS = "x-flags"
APPROVED_STATES = frozenset({"final", "signed-off"})
LEAVES = frozenset({"source", "target", "note", "context"})
END_SUFFIX = "-end"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


class _Unwritable(Exception):
    pass


def _text(value: str) -> str:
    if XML_INVALID_RE.search(value):
        raise _Unwritable(f"U+{ord(XML_INVALID_RE.search(value).group()):04X}")  # type: ignore[union-attr]
    return value


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    text = _text(text)
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _describe(element: etree._Element, code: Code | None) -> None:
    if code is None:
        return
    shown = code.display or code.opening
    if shown:
        element.set("equiv-text", _text(shown))
    if code.kind in ("link", "image") and local(element) != "ex":
        element.set("ctype", code.kind)


def _fill(parent: etree._Element, nodes: tuple[Node, ...], codes: dict[int, Code]) -> None:
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, node)
            continue
        code = codes.get(node.tag)
        if isinstance(node, Pair):
            el = etree.SubElement(parent, _q("g"), id=str(node.tag))
            _describe(el, code)
            _fill(el, node.children, codes)
        elif isinstance(node, Void):
            el = etree.SubElement(parent, _q("x"), id=str(node.tag))
            _describe(el, code)
        elif isinstance(node, Start):
            el = etree.SubElement(parent, _q("bx"), id=str(node.tag), rid=str(node.tag))
            _describe(el, code)
        else:  # the schema wants an ex's rid to name a bx: a lone closing tag has only its id
            el = etree.SubElement(parent, _q("ex"), id=f"{node.tag}{END_SUFFIX}")
            if not node.isolated:
                el.set("rid", str(node.tag))


def _context_group(unit_el: etree._Element, unit: ExportUnit) -> None:
    # the name must be unique in the file (the schema's identity constraint)
    group = etree.SubElement(unit_el, _q("context-group"), name=f"{PO_GROUP}-{unit.uid}",
                             purpose="information")
    items = [(CTX_DIGEST, unit.digest)]
    if unit.msgctxt is not None:
        items.append((CTX_CONTEXT, unit.msgctxt))
    if unit.flags:
        items.append((CTX_FLAGS, ", ".join(unit.flags)))
    for code in sorted(unit.codes.values(), key=lambda c: c.tag):
        if code.opening is not None:
            items.append((f"x-code-{code.tag}-open", code.opening))
            if code.paired:
                items.append((f"x-code-{code.tag}-close", code.closing or ""))
    for kind, value in items:
        el = etree.SubElement(group, _q("context"))
        el.set("context-type", kind)
        el.text = _text(value)


def _locations(unit_el: etree._Element, unit: ExportUnit) -> None:
    for note in unit.notes:
        if note.category != "location":
            continue
        group = etree.SubElement(unit_el, _q("context-group"), purpose="location")
        name, _, line = note.text.rpartition(":")
        if not line.isdigit():
            name, line = note.text, ""
        ctx = etree.SubElement(group, _q("context"))
        ctx.set("context-type", "sourcefile")
        ctx.text = _text(name)
        if line:
            num = etree.SubElement(group, _q("context"))
            num.set("context-type", "linenumber")
            num.text = line


def _unit(body: etree._Element, unit: ExportUnit) -> None:
    el = etree.SubElement(body, _q("trans-unit"), id=unit.uid)
    if unit.msgctxt:
        el.set("resname", _text(unit.msgctxt))
    if unit.state is State.APPROVED:
        el.set("approved", "yes")
    el.set(f"{{{XML_NS}}}space", "preserve")
    _fill(etree.SubElement(el, _q("source")), parse_tags(unit.msgid), unit.codes)
    if unit.state is not State.NEW:
        target = etree.SubElement(el, _q("target"))
        target.set("state", "final" if unit.state is State.APPROVED else "needs-review-translation")
        _fill(target, parse_tags(unit.msgstr), unit.codes)
    for note in unit.notes:
        if note.category != "location":
            etree.SubElement(el, _q("note"), {"from": note.category}).text = _text(note.text)
    _context_group(el, unit)
    _locations(el, unit)


def write(doc: ExportDocument, po_path: str = "") -> bytes:
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
    file_el = etree.SubElement(root, _q("file"), original=doc.original, datatype="po")
    file_el.set("source-language", SOURCE_LANGUAGE)
    file_el.set("target-language", doc.locale_tag)
    header = etree.SubElement(file_el, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "l10n", "tool-name": "l10n", "tool-version": __version__})
    body = etree.SubElement(file_el, _q("body"))
    for unit in doc.units:
        try:
            _unit(body, unit)
        except _Unwritable as exc:
            raise InputError(f"character {exc} cannot be written in XLIFF 1.2", path=po_path or doc.original,
                             line=unit.line, hint="export with --version 2.0 (it has <cp>)") from None
    indent_structure(root, LEAVES)
    return serialize(root)


# -- reading ----------------------------------------------------------------------------


class _Problem(Exception):
    pass


def _tag_number(value: str | None, what: str) -> int:
    if value is not None and value.endswith(END_SUFFIX):
        value = value[: -len(END_SUFFIX)]
    if value is None or not value.isdigit():
        raise _Problem(f"inline code {what} id={value!r} is not one of the source's codes")
    return int(value)


def inline_text(element: etree._Element) -> str:
    out: list[str] = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "g":
            tag = _tag_number(child.get("id"), "g")
            out.append(f"<{tag}>{inline_text(child)}</{tag}>")
        elif name == "x":
            out.append(f"<{_tag_number(child.get('id'), 'x')}/>")
        elif name == "bx":
            out.append(f"<{_tag_number(child.get('rid') or child.get('id'), 'bx')}>")
        elif name == "ex":
            out.append(f"</{_tag_number(child.get('rid') or child.get('id'), 'ex')}>")
        elif name == "mrk":
            out.append(inline_text(child))
        elif name:
            raise _Problem(f"unexpected element <{name}> in the text")
        out.append(child.tail or "")
    return "".join(out)


def _po_context(unit_el: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for group in unit_el:
        if local(group) == "context-group" and (group.get("name") or "").startswith(PO_GROUP):
            for ctx in group:
                found[ctx.get("context-type", "")] = ctx.text or ""
    return found


def _state(unit_el: etree._Element, target: etree._Element | None, text: str | None) -> State:
    if target is None or not text:
        return State.NEW
    if unit_el.get("approved") == "yes" or target.get("state") in APPROVED_STATES:
        return State.APPROVED
    return State.DRAFT


def _read_unit(unit_el: etree._Element) -> ImportedUnit:
    context = _po_context(unit_el)
    src = next((c for c in unit_el if local(c) == "source"), None)
    target = next((c for c in unit_el if local(c) == "target"), None)
    problem = ""
    source_text = ""
    target_text: str | None = None
    try:
        source_text = inline_text(src) if src is not None else ""
        target_text = inline_text(target) if target is not None else None
    except _Problem as exc:
        problem = str(exc)
    msgctxt = context.get(CTX_CONTEXT, unit_el.get("resname"))
    return ImportedUnit(unit_el.get("id", ""), unit_el.sourceline or 0, source_text, target_text,
                        _state(unit_el, target, target_text), context.get(CTX_DIGEST), msgctxt,
                        CTX_CONTEXT in context or CTX_DIGEST in context, problem)


def read(root: etree._Element, path: str) -> list[ImportedFile]:
    namespace = etree.QName(root).namespace
    files = []
    for file_el in root.iter(f"{{{namespace}}}file"):
        units = tuple(_read_unit(u) for u in file_el.iter(f"{{{namespace}}}trans-unit")
                      if u.get("restype") != HEADER_RESTYPE)
        files.append(ImportedFile(path, root.get("version", ""), file_el.get("target-language", ""),
                                  file_el.get("original", ""), units))
    return files
