"""``l10n tm import FILE.tmx`` and ``l10n tm export --tmx``: output lines, exit codes, and
what a bad file, a held lock or ``-o -`` do, driven through ``cli.main``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from l10n.cli import main
from l10n.fsio import TEMP_GLOB
from l10n.locales import parse_locale
from l10n.lock import hold
from l10n.tm import TranslationMemory

DATA = Path(__file__).parent / "data"
AGENCY = DATA / "tmx" / "agency-trados.tmx"
CEREMONY = "The Chief Executive will attend the ceremony."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(AGENCY, tmp_path / "agency.tmx")
    shutil.copy(DATA / "tm" / "approved.po", tmp_path / "release.po")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _memory_files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / ".l10n").glob("tm.sqlite*")}


def test_import_reports_skipped_units_and_left_out_languages(project: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "agency.tmx"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "imported 6 translations (0 updated) from 1 TMX file into .l10n/tm.sqlite\n"
    assert captured.err.splitlines() == [
        "l10n: warning: agency.tmx:45: translation unit skipped: an isolated code (<it>) has no partner in this segment",
        "l10n: warning: agency.tmx:54: translation unit skipped: <bpt i=1> has no <ept>",
        "l10n: warning: agency.tmx:62: translation unit skipped: the ZH-HK inline codes differ from the English ones",
        "l10n: warning: agency.tmx:70: translation unit skipped: codes i=2 and i=1 overlap",
        "l10n: note: 1 variant in FR-FR left out (not a target locale)",
    ]


def test_imported_units_are_approved_memory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Decision: a TMX unit counts as a human-approved translation, as an approved PO entry
    does, so an identical source is an exact match pre-translation may use as final."""
    assert main(["tm", "import", "agency.tmx"]) == 0
    with TranslationMemory.open(project / ".l10n" / "tm.sqlite", create=False) as tm:
        match = tm.exact(parse_locale("zh-HK"), CEREMONY)
    assert match is not None and match.exact
    assert (match.target, match.origin) == ("行政長官將出席典禮。", "agency.tmx")


def test_po_and_tmx_in_one_import(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "release.po", "agency.tmx"]) == 0
    out = capsys.readouterr().out
    assert out == "imported 9 translations (0 updated) from 1 catalog and 1 TMX file into .l10n/tm.sqlite\n"


def test_a_later_import_updates_a_stored_target(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "agency.tmx"]) == 0
    text = AGENCY.read_text(encoding="utf-8").replace("行政長官將出席典禮。", "行政長官會出席典禮。")
    (project / "revised.tmx").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["tm", "import", "revised.tmx"]) == 0
    assert capsys.readouterr().out.startswith("imported 1 translations (1 updated) from 1 TMX file")


@pytest.mark.parametrize(("name", "expected"), [
    ("malformed.tmx", "malformed.tmx:7: malformed TMX: "),
    ("external-entity.tmx", "external-entity.tmx:3: entity declarations are not allowed"),
    ("not-tmx.tmx", "not-tmx.tmx:2: not a TMX file"),
    ("missing.tmx", "missing.tmx: file not found"),
])
def test_bad_tmx_exits_2_and_leaves_the_memory_unchanged(project: Path, name: str, expected: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "release.po"]) == 0
    before = _memory_files(project)
    if (DATA / "tmx" / name).exists():
        shutil.copy(DATA / "tmx" / name, project / name)
    capsys.readouterr()
    assert main(["tm", "import", "agency.tmx", name]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"l10n: error: {expected}")
    assert _memory_files(project) == before


def test_bad_tmx_creates_no_memory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "tmx" / "malformed.tmx", project / "bad.tmx")
    assert main(["tm", "import", "bad.tmx"]) == 2
    assert not (project / ".l10n").exists()


def test_import_refuses_while_the_memory_is_locked(project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".l10n").mkdir()
    with hold([project / ".l10n"]):
        assert main(["tm", "import", "agency.tmx"]) == 2
    assert "another l10n command is using this folder" in capsys.readouterr().err
    assert _memory_files(project) == {}


def test_export_to_a_file_and_to_standard_output(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "agency.tmx", "release.po"]) == 0
    capsys.readouterr()
    assert main(["tm", "export", "--tmx", "-o", "out.tmx"]) == 0
    assert capsys.readouterr().out == ("exported 7 units (9 translations in zh-Hans-CN, zh-Hant-HK, "
                                       "zh-Hant-TW) to out.tmx\n")
    written = (project / "out.tmx").read_bytes()
    assert not list(project.glob(TEMP_GLOB))

    assert main(["tm", "export", "--tmx", "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.encode("utf-8") == written
    assert captured.err.startswith("exported 7 units")
    assert not (project / "-").exists()


def test_export_warns_about_what_xml_cannot_hold(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with TranslationMemory.open(project / ".l10n" / "tm.sqlite") as tm:
        tm.add(parse_locale("zh-HK"), "Escape \x1b[31m here", "轉義\x1b[31m")
        tm.add(parse_locale("zh-HK"), "Welcome", "歡迎")
    assert main(["tm", "export", "--tmx", "-o", "out.tmx"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ('l10n: warning: zh-Hant-HK translation of "Escape \\x1b[31m here" left out: '
                            "it holds a control character XML cannot carry\n")
    assert captured.out == "exported 1 unit (1 translation in zh-Hant-HK) to out.tmx\n"


def test_export_of_one_locale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "agency.tmx"]) == 0
    assert main(["tm", "export", "--tmx", "-o", "hk.tmx", "--locale", "zh-HK"]) == 0
    root = etree.parse(str(project / "hk.tmx")).getroot()
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert langs == {"en", "zh-Hant-HK"}


@pytest.mark.parametrize(("argv", "message"), [
    (["tm", "export", "--tmx", "-o", "nowhere/x.tmx"], "nowhere"),
    (["tm", "export", "--tmx", "-o", "x.tmx", "--tm", "missing.sqlite"], "translation memory not found"),
])
def test_bad_export_arguments_exit_2(project: Path, argv: list[str], message: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (project / "x.tmx").exists()


def test_export_needs_a_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tm", "export", "-o", "x.tmx"])
    assert info.value.code == 2
    assert "one of the arguments --tmx is required" in capsys.readouterr().err
