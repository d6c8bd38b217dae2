"""Extract and update: templates, merge rules, idempotence, gettext compatibility."""

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import merge
from l10n.extract import extract, update
from l10n.locales import parse_locale
from l10n.pofile import parse_po, read_po
from tests.conftest import translate_po

HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")
GOLDEN = Path(__file__).parent / "data" / "golden"


def _extract_update(project: Path) -> tuple[Path, Path]:
    extract(["release.md"], project / "locales")
    update(project / "locales", [HK, CN])
    return project / "locales" / "release.pot", project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"


def test_extract_writes_template(project: Path) -> None:
    [res] = extract(["release.md"], project / "locales")
    assert res.pot == project / "locales" / "release.pot" and res.written
    pot = read_po(res.pot)
    assert pot.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    entry = pot.find("It offers desks to founders from 12 economies.")
    assert entry is not None
    assert entry.occurrences == [("release.md", "3"), ("release.md", "18")]
    assert "paragraph" in entry.comment


def test_template_matches_golden(project: Path) -> None:
    pot, _ = _extract_update(project)
    body = pot.read_text(encoding="utf-8").split("\n\n", 1)[1]
    golden = (GOLDEN / "release.pot.body").read_text(encoding="utf-8")
    assert body == golden


def test_update_creates_po_with_headers(project: Path) -> None:
    _, po_file = _extract_update(project)
    po = read_po(po_file)
    assert po.metadata["Language"] == "zh_Hant_HK"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["X-Generator"].startswith("l10n ")
    assert (project / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "release.po").exists()


def test_extract_update_twice_is_byte_stable(project: Path) -> None:
    pot, po_file = _extract_update(project)
    before = (pot.read_bytes(), po_file.read_bytes(), pot.stat().st_mtime_ns, po_file.stat().st_mtime_ns)
    results = extract(["release.md"], project / "locales")
    assert not results[0].written
    assert not any(r.written for r in update(project / "locales", [HK, CN]))
    after = (pot.read_bytes(), po_file.read_bytes(), pot.stat().st_mtime_ns, po_file.stat().st_mtime_ns)
    assert before == after


def test_human_edit_survives_source_change_elsewhere(project: Path) -> None:
    _, po_file = _extract_update(project)
    kept = "It offers desks to founders from 12 economies."
    translate_po(po_file, {kept: ("它為來自12個經濟體的創辦人提供辦公桌。", False)})
    src = project / "release.md"
    src.write_text(src.read_text().replace("Harbour Lab Opens Its Doors", "Harbour Lab Opens Today"))
    extract(["release.md"], project / "locales")
    update(project / "locales", [HK])
    e = read_po(po_file).find(kept)
    assert e is not None and e.msgstr == "它為來自12個經濟體的創辦人提供辦公桌。" and not e.fuzzy


def test_changed_source_turns_fuzzy_with_previous_msgid(project: Path) -> None:
    _, po_file = _extract_update(project)
    old = "Harbour Lab Opens Its Doors"
    translate_po(po_file, {old: ("海港實驗室開幕", False)})
    src = project / "release.md"
    src.write_text(src.read_text().replace(old, "Harbour Lab Opens Its Doors Today"))
    extract(["release.md"], project / "locales")
    update(project / "locales", [HK])
    po = read_po(po_file)
    e = po.find("Harbour Lab Opens Its Doors Today")
    assert e is not None and e.fuzzy and e.msgstr == "海港實驗室開幕"
    assert e.previous_msgid == old
    text = po_file.read_text()
    assert '#| msgid "Harbour Lab Opens Its Doors"' in text


def test_removed_entry_becomes_obsolete(project: Path) -> None:
    _, po_file = _extract_update(project)
    gone = "Press photos are on <1/>."
    translate_po(po_file, {gone: ("新聞照片載於<1/>。", False)})
    src = project / "release.md"
    src.write_text(src.read_text().replace("Press photos are on `ftp.example`.", "Nothing else."))
    extract(["release.md"], project / "locales")
    update(project / "locales", [HK])
    text = po_file.read_text()
    assert '#~ msgid "Press photos are on <1/>."' in text
    assert '#~ msgstr "新聞照片載於<1/>。"' in text


def test_merge_never_overwrites_non_fuzzy() -> None:
    pot = parse_po('msgid ""\nmsgstr ""\n"Project-Id-Version: d\\n"\n\nmsgid "A"\nmsgstr ""\n', "d.pot")
    old = parse_po('msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n\n'
                   '#. machine translation: argos en→zh 1.0\nmsgid "A"\nmsgstr "甲"\n', "d.po")
    new = merge(pot, old, HK)
    [e] = [x for x in new if x.msgid == "A"]
    assert e.msgstr == "甲" and not e.fuzzy
    assert "machine translation: argos en→zh 1.0" in e.comment


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext not installed")
def test_msgfmt_check_accepts_output(project: Path) -> None:
    pot, po_file = _extract_update(project)
    translate_po(po_file, {"Harbour Lab Opens Its Doors": ("海港實驗室開幕", False)})
    for f in (pot, po_file):
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(f)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def test_pybabel_compile_accepts_output(project: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po as babel_read_po

    _, po_file = _extract_update(project)
    translate_po(po_file, {"Harbour Lab Opens Its Doors": ("海港實驗室開幕", False)})
    with po_file.open("rb") as fh:
        cat = babel_read_po(fh, abort_invalid=True)
    errors = list(cat.check())
    assert errors == []
    with (project / "out.mo").open("wb") as fh:
        write_mo(fh, cat)
    assert (project / "out.mo").stat().st_size > 0


def test_update_writes_glossary_and_number_hints(project: Path, cli) -> None:
    (project / "gba.md").write_text("Cyberport start-ups raised HK$44.3 billion in the GBA.\n")
    glossary = Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx"
    assert cli("extract", "gba.md").code == 0
    assert cli("update", "--glossary", str(glossary)).code == 0
    hk = (project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "gba.po").read_text()
    cn = (project / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "gba.po").read_text()
    for line in ("#. glossary: Cyberport = 數碼港", "#. glossary: start-up = 初創企業",
                 "#. glossary: GBA = 大灣區", "#. numbers: HK$44.3 billion = 443億港元"):
        assert line in hk
    for line in ("#. glossary: Cyberport = 数码港", "#. numbers: HK$44.3 billion = 443亿港元"):
        assert line in cn
    assert "glossary:" not in (project / "locales" / "gba.pot").read_text()
