"""XLIFF 2.0 (OASIS Standard, core plus the Metadata module) written from and read into
the exchange model.

Mapping:

* one ``<file>`` per document; ``srcLang="en"``, ``trgLang`` the BCP 47 locale;
* one ``<unit>`` per PO entry (id: :func:`~l10n.exchange.common.unit_id`, ``name``: the
  msgctxt), one ``<segment>``;
* states: no translation → ``initial`` without a target; fuzzy → ``translated``; approved
  → ``final``. Read back: ``final`` is approved, any other state with a target is fuzzy;
* ``<1>…</1>`` → ``<pc id="1">``, ``<2/>`` → ``<ph id="2"/>``, a tag pair that crosses
  another → ``<sc>``/``<ec>``; each code points to its original markup in
  ``<originalData>`` (when the source document was readable) and has a display text;
* notes: ``context`` (msgctxt), ``comment`` (``#.``), ``glossary``, ``translator``,
  ``location`` (``#:``), ``previous`` (``#|`` msgid);
* ``mda:metadata`` carries what the import needs: the msgctxt exactly, the PO flags and
  the digest of the PO translation at export.
"""

from __future__ import annotations

from lxml import etree

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

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
META_GROUP = "l10n-po"
META_DIGEST = "state-digest"
META_CONTEXT = "msgctxt"
META_FLAGS = "flags"
STATE_OUT = {State.DRAFT: "translated", State.APPROVED: "final"}
LEAVES = frozenset({"source", "target", "note", "data", "meta"})


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _append_text(parent: etree._Element, text: str) -> None:
    """Text into ``parent`` after its last child; characters XML cannot hold become ``<cp>``."""
    pos = 0
    for m in XML_INVALID_RE.finditer(text):
        _raw_text(parent, text[pos:m.start()])
        etree.SubElement(parent, _q("cp"), hex=f"{ord(m.group()):04X}")
        pos = m.end()
    _raw_text(parent, text[pos:])


def _raw_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _code_attributes(element: etree._Element, code: Code | None) -> None:
    element.set("canCopy", "no")
    element.set("canDelete", "no")
    if code is None:
        return
    if code.kind:
        element.set("type", code.kind)
    elif code.paired:
        element.set("type", "fmt")


def _fill(parent: etree._Element, nodes: tuple[Node, ...], codes: dict[int, Code]) -> None:
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, node)
            continue
        code = codes.get(node.tag)
        if isinstance(node, Pair):
            el = etree.SubElement(parent, _q("pc"), id=str(node.tag))
            _code_attributes(el, code)
            if code is not None:
                _set(el, "dispStart", code.display or code.opening)
                _set(el, "dispEnd", code.closing)
                if code.opening is not None:
                    el.set("dataRefStart", f"d{node.tag}s")
                    el.set("dataRefEnd", f"d{node.tag}e")
            _fill(el, node.children, codes)
        elif isinstance(node, Void):
            el = etree.SubElement(parent, _q("ph"), id=str(node.tag))
            _code_attributes(el, code)
            if code is not None:
                _set(el, "disp", code.display or code.opening)
                if code.opening is not None:
                    el.set("dataRef", f"d{node.tag}")
        elif isinstance(node, Start):
            el = etree.SubElement(parent, _q("sc"), id=str(node.tag))
            _code_attributes(el, code)
            if node.isolated:
                el.set("isolated", "yes")
        else:
            el = etree.SubElement(parent, _q("ec"))
            el.set("canCopy", "no")
            el.set("canDelete", "no")
            if node.isolated:
                el.set("id", str(node.tag))
                el.set("isolated", "yes")
            else:
                el.set("startRef", str(node.tag))


def _shown(value: str) -> str:
    """Text for people only (a note, a display attribute): a character XML cannot hold
    is shown as \\uXXXX."""
    return XML_INVALID_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def _set(element: etree._Element, name: str, value: str | None) -> None:
    if value:
        element.set(name, _shown(value))


def _metadata(unit_el: etree._Element, unit: ExportUnit) -> None:
    meta = etree.SubElement(unit_el, f"{{{MDA}}}metadata")
    group = etree.SubElement(meta, f"{{{MDA}}}metaGroup", category=META_GROUP)
    items = [(META_DIGEST, unit.digest)]
    if unit.msgctxt is not None:
        items.append((META_CONTEXT, unit.msgctxt))
    if unit.flags:
        items.append((META_FLAGS, ", ".join(unit.flags)))
    for kind, value in items:
        el = etree.SubElement(group, f"{{{MDA}}}meta", type=kind)
        _escaped_text(el, value)


def _escaped_text(element: etree._Element, value: str) -> None:
    """mda:meta holds plain text only: a character XML cannot hold is written as \\uXXXX
    (and a backslash doubled), read back by :func:`_unescape`."""
    element.text = XML_INVALID_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value.replace("\\", "\\\\"))


def _unescape(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value.startswith("\\\\", i):
            out.append("\\")
            i += 2
        elif value.startswith("\\u", i) and len(value) >= i + 6:
            out.append(chr(int(value[i + 2:i + 6], 16)))
            i += 6
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _original_data(unit_el: etree._Element, unit: ExportUnit) -> None:
    known = [c for c in sorted(unit.codes.values(), key=lambda c: c.tag) if c.opening is not None]
    if not known:
        return
    data = etree.SubElement(unit_el, _q("originalData"))
    for code in known:
        pieces = [(f"d{code.tag}s", code.opening), (f"d{code.tag}e", code.closing)] if code.paired \
            else [(f"d{code.tag}", code.opening)]
        for ident, text in pieces:
            el = etree.SubElement(data, _q("data"), id=ident)
            _append_text(el, text or "")


def _unit(parent: etree._Element, unit: ExportUnit) -> None:
    el = etree.SubElement(parent, _q("unit"), id=unit.uid)
    if unit.msgctxt:
        _set(el, "name", unit.msgctxt)
    _metadata(el, unit)
    if unit.notes:
        notes = etree.SubElement(el, _q("notes"))
        for note in unit.notes:
            n = etree.SubElement(notes, _q("note"), category=note.category)
            n.text = _shown(note.text)
    _original_data(el, unit)
    segment = etree.SubElement(el, _q("segment"), state=STATE_OUT.get(unit.state, "initial"))
    nodes = parse_tags(unit.msgid)
    _fill(etree.SubElement(segment, _q("source")), nodes, unit.codes)
    if unit.state is not State.NEW:
        _fill(etree.SubElement(segment, _q("target")), parse_tags(unit.msgstr), unit.codes)


def write(doc: ExportDocument) -> bytes:
    root = etree.Element(_q("xliff"), nsmap={None: NS, "mda": MDA})
    root.set("version", "2.0")
    root.set("srcLang", SOURCE_LANGUAGE)
    root.set("trgLang", doc.locale_tag)
    root.set(f"{{{XML_NS}}}space", "preserve")
    # one unit is one sentence already: a CAT tool should not split it into segments
    file_el = etree.SubElement(root, _q("file"), id="f1", original=doc.original, canResegment="no")
    for unit in doc.units:
        _unit(file_el, unit)
    indent_structure(root, LEAVES)
    return serialize(root)


# -- reading ----------------------------------------------------------------------------


class _Problem(Exception):
    pass


def _tag_number(value: str | None, what: str) -> int:
    if value is None or not value.isdigit():
        raise _Problem(f"inline code {what} id={value!r} is not one of the source's codes")
    return int(value)


def inline_text(element: etree._Element) -> str:
    """The content of a source or target as tagged text (``<1>…</1>``, ``<2/>``)."""
    out: list[str] = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "cp":
            out.append(chr(int(child.get("hex", "0"), 16)))
        elif name == "pc":
            tag = _tag_number(child.get("id"), "pc")
            out.append(f"<{tag}>{inline_text(child)}</{tag}>")
        elif name == "ph":
            out.append(f"<{_tag_number(child.get('id'), 'ph')}/>")
        elif name == "sc":
            out.append(f"<{_tag_number(child.get('id'), 'sc')}>")
        elif name == "ec":
            out.append(f"</{_tag_number(child.get('startRef') or child.get('id'), 'ec')}>")
        elif name == "mrk":
            out.append(inline_text(child))  # an annotation: its content is text
        elif name not in ("sm", "em", ""):
            raise _Problem(f"unexpected element <{name}> in the text")
        out.append(child.tail or "")
    return "".join(out)


def _meta(unit_el: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in unit_el.iter(f"{{{MDA}}}meta"):
        group = meta.getparent()
        if group is not None and group.get("category") == META_GROUP:
            found[meta.get("type", "")] = _unescape(meta.text or "")
    return found


def _read_unit(unit_el: etree._Element) -> ImportedUnit:
    uid = unit_el.get("id", "")
    meta = _meta(unit_el)
    sources: list[str] = []
    targets: list[str] = []
    states: list[str] = []
    has_target = False
    problem = ""
    try:
        for part in unit_el:
            name = local(part)
            if name not in ("segment", "ignorable"):
                continue
            src = part.find(_q("source"))
            tgt = part.find(_q("target"))
            sources.append(inline_text(src) if src is not None else "")
            if tgt is not None:
                has_target = True
                targets.append(inline_text(tgt))
            elif name == "ignorable":
                targets.append(sources[-1])
            if name == "segment":
                states.append(part.get("state", "initial"))
    except _Problem as exc:
        problem = str(exc)
    if has_target and len(targets) < len(sources) and not problem:
        problem = "a segment of the unit has no target (translate every segment, or none)"
    if not has_target:
        state = State.NEW
    elif states and all(s == "final" for s in states):
        state = State.APPROVED
    else:
        state = State.DRAFT
    return ImportedUnit(uid, unit_el.sourceline or 0, "".join(sources),
                        "".join(targets) if has_target else None, state,
                        meta.get(META_DIGEST), meta.get(META_CONTEXT),
                        META_CONTEXT in meta or META_DIGEST in meta, problem)


def read(root: etree._Element, path: str) -> list[ImportedFile]:
    """Every ``<file>`` of an XLIFF 2.x document (the caller checked the namespace)."""
    files = []
    for file_el in root.iter(_q("file")):
        units = tuple(_read_unit(u) for u in file_el.iter(_q("unit")))
        original = file_el.get("original") or file_el.get("id") or ""
        files.append(ImportedFile(path, root.get("version", ""), root.get("trgLang", ""),
                                  original, units))
    return files
