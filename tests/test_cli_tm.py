"""``l10n tm``: output lines and exit codes, driven through ``cli.main``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.cli import main

DATA = Path(__file__).parent / "data" / "tm"
FUND = "The Government will inject HK$44.3 billion into the Future Fund."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the cwd) with one approved catalog under locales/."""
    target = tmp_path / "locales" / "zh_Hant_HK" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(DATA / "approved.po", target / "release.po")
    shutil.copy(DATA / "approved.po", tmp_path / "extra.po")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_prints_summary_into_default_memory(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "locales", "extra.po"]) == 0
    out = capsys.readouterr().out
    assert out == "imported 3 translations (0 updated) from 2 catalogs into .l10n/tm.sqlite\n"
    assert (project / ".l10n" / "tm.sqlite").is_file()

    assert main(["tm", "import", "locales"]) == 0
    out = capsys.readouterr().out
    assert out == "imported 0 translations (0 updated) from 1 catalog into .l10n/tm.sqlite\n"


def test_import_to_a_chosen_memory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "locales", "--tm", "mem/tm.db"]) == 0
    assert capsys.readouterr().out.endswith("into mem/tm.db\n")
    assert (project / "mem" / "tm.db").is_file()
    assert not (project / ".l10n").exists()


def test_malformed_catalog_exits_2_with_one_line(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "malformed.po", project / "locales" / "bad.po")
    assert main(["tm", "import", "locales"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("l10n: error: locales/bad.po:11: ")
    assert not (project / ".l10n").exists()  # bad input creates no memory


@pytest.mark.parametrize(("name", "expected"), [
    ("garbage.po", "garbage.po:1: unexpected text"),
    ("unterminated.po", "unterminated.po:9: malformed string"),
    ("duplicate.po", "duplicate.po:12: duplicate entry"),
    ("nolanguage.po", "nolanguage.po: PO file has no Language header"),
    ("missing.po", "missing.po: file not found"),
])
def test_bad_input_exits_2_and_creates_no_memory(project: Path, name: str, expected: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    if (DATA / name).exists():
        shutil.copy(DATA / name, project / name)
    assert main(["tm", "import", "--tm", "mem/new.sqlite", "extra.po", name]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"l10n: error: {expected}")
    assert not (project / "mem").exists()
    assert not (project / ".l10n").exists()


def test_bad_input_leaves_an_existing_memory_untouched(project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "--tm", "tm.sqlite", "locales"]) == 0
    before = {p.name: p.read_bytes() for p in project.glob("tm.sqlite*")}
    shutil.copy(DATA / "duplicate.po", project / "duplicate.po")
    capsys.readouterr()
    assert main(["tm", "import", "--tm", "tm.sqlite", "extra.po", "duplicate.po"]) == 2
    assert {p.name: p.read_bytes() for p in project.glob("tm.sqlite*")} == before
    assert main(["tm", "stats", "--tm", "tm.sqlite"]) == 0
    assert "3 translations from 1 file" in capsys.readouterr().out


def test_missing_path_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "import", "nowhere"]) == 2
    assert "nowhere: file not found" in capsys.readouterr().err


def test_lookup_exact_and_fuzzy(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tm", "import", "locales"])
    capsys.readouterr()

    assert main(["tm", "lookup", FUND, "--locale", "zh-HK"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "100.0%  exact"
    assert "target: 政府將向未來基金注資443億港元。" in out
    assert "origin: locales/zh_Hant_HK/LC_MESSAGES/release.po" in out

    changed = FUND.replace("44.3", "48.3")
    assert main(["tm", "lookup", changed, "--locale", "zh-Hant-HK"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("fuzzy (numbers differ)")
    assert 75.0 <= float(first.split("%")[0]) < 100.0

    assert main(["tm", "lookup", "Release", "--locale", "zh-HK", "--context", "noun"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == " 99.0%  fuzzy [verb]"


def test_lookup_without_match_exits_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tm", "import", "locales"])
    capsys.readouterr()
    assert main(["tm", "lookup", "Completely different words.", "--locale", "zh-HK"]) == 1
    assert capsys.readouterr().out == "no match at or above 75% for zh-Hant-HK\n"
    assert main(["tm", "lookup", FUND, "--locale", "zh-CN"]) == 1


@pytest.mark.parametrize("argv", [
    ["tm", "lookup", FUND, "--locale", "zh-HK"],
    ["tm", "stats"],
])
def test_reading_a_missing_memory_exits_2(project: Path, argv: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("l10n: error: .l10n/tm.sqlite: translation memory not found")
    assert not (project / ".l10n").exists()


@pytest.mark.parametrize("extra", [["--locale", "fr-FR"], ["--locale", "zh-HK", "--threshold",
                                                            "1.5"]])
def test_bad_lookup_arguments_exit_2(project: Path, extra: list[str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    main(["tm", "import", "locales"])
    capsys.readouterr()
    assert main(["tm", "lookup", FUND, *extra]) == 2
    assert capsys.readouterr().err.startswith("l10n: error: ")


def test_stats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tm", "import", "locales", "extra.po"])
    capsys.readouterr()
    assert main(["tm", "stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(".l10n/tm.sqlite: 3 translations from 1 file, last updated 20")
    assert lines[1].split() == ["zh-Hant-HK", "3"]


def test_usage_error_exits_2(project: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["tm"])
    assert caught.value.code == 2
