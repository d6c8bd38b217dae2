"""Hand the catalog to a CAT tool as XLIFF, get it back edited, import it: the PO is byte
for byte what the same edit made directly in the PO gives (rendered by our PO writer)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from lxml import etree

from l10n import catalog
from l10n.exchange.common import unit_id
from l10n.pofile import parse_po, read_po
from tests.conftest import CliResult
from tests.xliff_support import DATA, NS2, NS12, PO_REL, make_project

DRAFT = "Cyberport opened its <1>AI lab</1> in Kowloon Bay on 1 September 2025."
MOVED = "數碼港的<1>人工智能實驗室</1>於2025年9月1日在九龍灣開幕。"
LINK = "Details are on the <1>lab page</1>."
LINK_ZH = "詳情載於<1>實驗室網頁</1>。"
CONTEXT = "photo caption"
CAPTION = "Cyberport opens an AI lab"


def _unit(root: etree._Element, ns: str, element: str, msgid: str, msgctxt: str | None = None) -> etree._Element:
    uid = unit_id(msgctxt, msgid)
    found = root.find(f".//{{{ns}}}{element}[@id='{uid}']")
    assert found is not None, uid
    return found


def _set_target(parent: etree._Element, ns: str, code: str, before: str, inside: str, after: str) -> etree._Element:
    """Write a target as a CAT tool does: text, the source's code (moved), text."""
    target = parent.find(f"{{{ns}}}target")
    if target is None:
        target = etree.SubElement(parent, f"{{{ns}}}target")
    source_code = parent.find(f"{{{ns}}}source/{{{ns}}}{code}")
    assert source_code is not None
    for child in list(target):
        target.remove(child)
    target.text = before
    moved = etree.SubElement(target, source_code.tag, dict(source_code.attrib))
    moved.text, moved.tail = inside, after
    return target


def edit_2_0(data: bytes) -> bytes:
    root = etree.fromstring(data)
    segment = _unit(root, NS2, "unit", DRAFT).find(f"{{{NS2}}}segment")
    assert segment is not None
    _set_target(segment, NS2, "pc", "數碼港的", "人工智能實驗室", "於2025年9月1日在九龍灣開幕。")
    segment.set("state", "final")
    link = _unit(root, NS2, "unit", LINK).find(f"{{{NS2}}}segment")
    assert link is not None
    _set_target(link, NS2, "pc", "詳情載於", "實驗室網頁", "。")
    link.set("state", "translated")
    caption = _unit(root, NS2, "unit", CAPTION, CONTEXT).find(f"{{{NS2}}}segment/{{{NS2}}}target")
    assert caption is not None
    caption.text = "數碼港人工智能實驗室揭幕"
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def edit_1_2(data: bytes) -> bytes:
    root = etree.fromstring(data)
    unit = _unit(root, NS12, "trans-unit", DRAFT)
    _set_target(unit, NS12, "g", "數碼港的", "人工智能實驗室", "於2025年9月1日在九龍灣開幕。").set("state", "final")
    unit.set("approved", "yes")
    link = _unit(root, NS12, "trans-unit", LINK)
    target = _set_target(link, NS12, "g", "詳情載於", "實驗室網頁", "。")
    target.set("state", "translated")
    source = link.find(f"{{{NS12}}}source")
    assert source is not None
    source.addnext(target)  # the schema's order: source, then target
    caption = _unit(root, NS12, "trans-unit", CAPTION, CONTEXT).find(f"{{{NS12}}}target")
    assert caption is not None
    caption.text = "數碼港人工智能實驗室揭幕"
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def edit_po_directly(path: Path) -> None:
    """The same three edits as a translator makes them in a PO editor."""
    text = path.read_text(encoding="utf-8")
    previous = parse_po(text, str(path))
    po = parse_po(text, str(path))
    for e in po:
        if e.msgid == DRAFT:
            e.msgstr, e.flags = MOVED, [f for f in e.flags if f != "fuzzy"]
            e.previous_msgid = None
        elif e.msgid == LINK:
            e.msgstr, e.flags = LINK_ZH, ["fuzzy"]
        elif e.msgid == CAPTION and e.msgctxt == CONTEXT:
            e.msgstr = "數碼港人工智能實驗室揭幕"
    catalog.save(path, po, previous)


@pytest.mark.parametrize(("version", "edit"), [("2.0", edit_2_0), ("1.2", edit_1_2)])
def test_edit_in_xliff_equals_edit_in_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         cli: Callable[..., CliResult], version: str,
                                         edit: Callable[[bytes], bytes]) -> None:
    direct = tmp_path / "direct.po"
    shutil.copy(DATA / "release.po", direct)
    edit_po_directly(direct)

    project = tmp_path / "project"
    make_project(project)
    monkeypatch.chdir(project)
    result = cli("xliff", "export", "--locale", "zh-Hant-HK", "--version", version, "-o", "release.xlf")
    assert result.code == 0, result.err
    Path("release.xlf").write_bytes(edit(Path("release.xlf").read_bytes()))
    result = cli("xliff", "import", "release.xlf")
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[-1] == f"{PO_REL}: 3 updated, 4 unchanged, 0 skipped (written)"
    assert (project / PO_REL).read_bytes() == direct.read_bytes()


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_importing_an_unedited_export_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      cli: Callable[..., CliResult], version: str) -> None:
    po = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = po.read_bytes()
    assert cli("xliff", "export", "-l", "zh-HK", "--version", version, "-o", "r.xlf").code == 0
    result = cli("xliff", "import", "r.xlf")
    assert result.code == 0
    assert result.out.endswith("0 updated, 7 unchanged, 0 skipped (not changed)\n")
    assert po.read_bytes() == before


def test_what_xliff_does_not_carry_stays_in_the_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    cli: Callable[..., CliResult]) -> None:
    """An unapproved edit keeps #| previous msgid, notes, references, obsolete entries."""
    po = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("xliff", "export", "-l", "zh-Hant-HK", "-o", "r.xlf").code == 0
    root = etree.fromstring(Path("r.xlf").read_bytes())
    segment = _unit(root, NS2, "unit", DRAFT).find(f"{{{NS2}}}segment")
    assert segment is not None
    _set_target(segment, NS2, "pc", "數碼港於2025年9月1日在九龍灣開辦", "人工智能實驗室", "。")
    Path("r.xlf").write_bytes(etree.tostring(root))
    assert cli("xliff", "import", "r.xlf").code == 0
    after = {(e.msgctxt, e.msgid): e for e in read_po(po)}
    edited = after[(None, DRAFT)]
    assert edited.msgstr == "數碼港於2025年9月1日在九龍灣開辦<1>人工智能實驗室</1>。"
    assert edited.fuzzy
    assert edited.previous_msgid == "Cyberport opened its <1>AI laboratory</1> in Kowloon Bay."
    assert "machine translation: argos" in edited.comment
    assert after[(None, "The lab opens in Kowloon Bay.")].obsolete
    assert after[(CONTEXT, CAPTION)].msgstr == "數碼港人工智能實驗室開幕"


def test_export_notes_context_and_glossary(tmp_path: Path) -> None:
    from l10n.exchange.xliff import export_catalog

    po = make_project(tmp_path)
    root = etree.fromstring(export_catalog(po, roots=[tmp_path]))
    unit = _unit(root, NS2, "unit", DRAFT)
    notes = [(n.get("category"), n.text) for n in unit.iterfind(f"{{{NS2}}}notes/{{{NS2}}}note")]
    assert ("glossary", "Cyberport = 數碼港") in notes
    assert ("location", "release.md:3") in notes
    assert ("previous", "Cyberport opened its <1>AI laboratory</1> in Kowloon Bay.") in notes
    assert ("comment", "machine translation: argos") in notes
    segment = unit.find(f"{{{NS2}}}segment")
    assert segment is not None and segment.get("state") == "translated"
    pc = unit.find(f"{{{NS2}}}segment/{{{NS2}}}source/{{{NS2}}}pc")
    assert pc is not None and pc.get("dispStart") == "**"  # bold, read from release.md
    caption = _unit(root, NS2, "unit", CAPTION, CONTEXT)
    assert caption.get("name") == CONTEXT
    assert ("context", CONTEXT) in [(n.get("category"), n.text) for n in caption.iter(f"{{{NS2}}}note")]
    empty = _unit(root, NS2, "unit", LINK).find(f"{{{NS2}}}segment")
    assert empty is not None and empty.get("state") == "initial" and empty.find(f"{{{NS2}}}target") is None
    assert root.get("trgLang") == "zh-Hant-HK"


def test_glossary_notes_come_from_the_term_base_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    cli: Callable[..., CliResult]) -> None:
    """A catalog last updated without the glossary still gets its hints in the XLIFF."""
    po = make_project(tmp_path)
    po.write_text("".join(line for line in po.read_text(encoding="utf-8").splitlines(keepends=True)
                          if not line.startswith("#. glossary:")), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def glossary_notes(*extra: str) -> list[str | None]:
        assert cli("xliff", "export", "-l", "zh-HK", "-o", "r.xlf", *extra).code == 0
        unit = _unit(etree.fromstring(Path("r.xlf").read_bytes()), NS2, "unit", CAPTION)
        return [n.text for n in unit.iter(f"{{{NS2}}}note") if n.get("category") == "glossary"]

    assert glossary_notes() == []
    assert "Cyberport = 數碼港" in glossary_notes("--glossary", str(DATA.parent / "glossary" / "small.tbx"))


def test_a_joined_entry_says_so(tmp_path: Path) -> None:
    from l10n.exchange.export import JOINED_NOTE, build_export

    po = polib.POFile()
    po.metadata = {"Language": "zh_Hant_HK"}
    po.append(polib.POEntry(msgid="The centre opened on Monday.", msgstr="中心於星期一開幕，設有40張辦公桌。"))
    po.append(polib.POEntry(msgid="It has 40 desks.", msgstr="", flags=["l10n-joined"]))
    units = build_export(po, tmp_path / "lab.po", "lab", "zh-Hant-HK").units
    assert [n.text for n in units[1].notes] == [JOINED_NOTE]
    assert units[1].flags == ("l10n-joined",)
    assert units[0].notes == ()
