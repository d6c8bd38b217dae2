"""``l10n glossary validate | import | export | lookup``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from l10n.glossary import DEFAULT_GLOSSARY, load_glossary, read_csv

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).parents[1] / DEFAULT_GLOSSARY

if TYPE_CHECKING:  # the CLI runner fixture comes from conftest.py
    from conftest import CliResult

    Cli = Callable[..., CliResult]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    shutil.copy(SEED, tmp_path / "glossary" / "terms.tbx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_seed_ok(cli: Cli, workdir: Path) -> None:
    r = cli("glossary", "validate")
    assert r.code == 0, r.err
    n = len(load_glossary(SEED).terms)
    assert r.out == f"ok: {n} concepts\n"


def test_validate_reports_problems_and_exits_2(cli: Cli) -> None:
    r = cli("glossary", "validate", "--glossary", str(DATA / "problems.tbx"))
    assert r.code == 2
    lines = r.out.splitlines()
    assert lines[0].startswith(f"{DATA / 'problems.tbx'}:8: error: conflicting")
    assert any(":12: error: duplicate English term 'cyberport'" in ln for ln in lines)
    assert any(":17: error: concept 'empty' has an empty English term" in ln for ln in lines)
    assert "4 error(s)" in r.err


def test_validate_bad_xml_is_one_line(cli: Cli) -> None:
    r = cli("glossary", "validate", "--glossary", str(DATA / "malformed.tbx"))
    assert r.code == 2
    assert r.err.count("\n") == 1
    assert r.err.startswith(f"l10n: error: {DATA / 'malformed.tbx'}:7: bad XML")


def test_validate_hostile_file(cli: Cli) -> None:
    r = cli("glossary", "validate", "--glossary", str(DATA / "billion_laughs.tbx"))
    assert r.code == 2 and "billion_laughs.tbx:3: entity declarations" in r.err


def test_export_then_import_round_trip(cli: Cli, workdir: Path) -> None:
    r = cli("glossary", "export", "-o", "terms.csv")
    assert r.code == 0, r.err
    csv_text = (workdir / "terms.csv").read_text(encoding="utf-8-sig")
    assert csv_text.startswith("id,en,case_sensitive,case_insensitive,do_not_translate,")
    (workdir / "out").mkdir()  # -o names a file; its folder must exist (issue 9, item 7)
    r = cli("glossary", "import", "terms.csv", "-o", "out/terms.tbx")
    assert r.code == 0, r.err
    assert load_glossary(workdir / "out" / "terms.tbx").terms == load_glossary(SEED).terms
    assert not list((workdir / "out").glob(".*.tmp"))  # atomic write left nothing behind


def test_export_to_stdout(cli: Cli, workdir: Path) -> None:
    r = cli("glossary", "export")
    assert r.code == 0
    terms = read_csv(r.out, source="-")
    assert len(terms) == len(load_glossary(SEED).terms)


def test_import_refuses_invalid_csv_and_writes_nothing(cli: Cli, workdir: Path) -> None:
    (workdir / "bad.csv").write_text(
        "id,en,zh-Hant-HK,zh-Hans-CN\na,Cyberport,數碼港,数码港\nb,cyberport,數碼港,数码港\n",
        encoding="utf-8")
    target = workdir / "glossary" / "terms.tbx"
    before = target.read_bytes()
    r = cli("glossary", "import", "bad.csv")
    assert r.code == 2
    assert "bad.csv:3: error: duplicate English term 'cyberport'" in r.out
    assert target.read_bytes() == before


def test_import_structural_error_is_one_line(cli: Cli, workdir: Path) -> None:
    (workdir / "bad.csv").write_text("id,english\n", encoding="utf-8")
    r = cli("glossary", "import", "bad.csv", "-o", "new.tbx")
    assert r.code == 2 and r.err.startswith("l10n: error: bad.csv:1: unknown column")
    assert not (workdir / "new.tbx").exists()


def test_import_writes_default_path(cli: Cli, workdir: Path) -> None:
    (workdir / "glossary" / "terms.tbx").unlink()
    (workdir / "t.csv").write_text(
        "en,zh-Hant-HK,zh-Hans-CN\nunicorn,獨角獸,独角兽\n", encoding="utf-8")
    r = cli("glossary", "import", "t.csv")
    assert r.code == 0 and r.out == "wrote glossary/terms.tbx: 1 concepts\n"
    (term,) = load_glossary(workdir / "glossary" / "terms.tbx").terms
    assert term.concept_id == "unicorn"


def test_lookup(cli: Cli, workdir: Path) -> None:
    r = cli("glossary", "lookup", "Cyberport's CMF backs software", "--locale", "zh-HK")
    assert r.code == 0
    assert r.out.splitlines() == [
        "0-9 'Cyberport' [cyberport] -> 數碼港",
        "    note: Digital technology hub and flagship in Pok Fu Lam.",
        "12-15 'CMF' [cyberport-macro-fund] -> CMF (keep in English)",
        "    note: Cyberport's Chinese releases keep the abbreviation: 數碼港投資創業基金（CMF）.",
        "22-30 'software' [software] -> 軟件",
        "    not 軟體: Taiwan usage; HK writes 軟件",
    ]
    r = cli("glossary", "lookup", "nothing here", "--locale", "zh-CN")
    assert r.out == "no glossary terms found\n"


def test_lookup_bad_locale_and_missing_glossary(cli: Cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("glossary", "lookup", "Cyberport")
    assert r.code == 2 and "term base not found" in r.err
    r = cli("glossary", "lookup", "Cyberport", "--locale", "fr", "--glossary", str(SEED))
    assert r.code == 2 and "unsupported locale" in r.err


@pytest.mark.parametrize(("header", "column"), [
    ("id,en,zh-Hant-HK,zh-HK", "'zh-HK' (same as 'zh-Hant-HK')"),
    ("en,zh-Hant-HK,zh-Hans-CN,id,en", "'en'"),
])
def test_import_duplicate_column_exits_2_and_writes_nothing(cli: Cli, workdir: Path,
                                                            header: str, column: str) -> None:
    (workdir / "c2.csv").write_text(header + "\na,Cyberport,數碼港,數位港,b\n",
                                    encoding="utf-8")
    r = cli("glossary", "import", "c2.csv", "-o", "o2.tbx")
    assert r.code == 2
    assert r.err.startswith(f"l10n: error: c2.csv:1: duplicate column {column}")
    assert len(r.err.strip().splitlines()) == 1
    assert not (workdir / "o2.tbx").exists()


def test_import_admitted_column_round_trips(cli: Cli, workdir: Path) -> None:
    (workdir / "t.csv").write_text(
        "id,en,ambiguous,zh-Hant-HK,admitted zh-Hant-HK,zh-Hans-CN,admitted zh-Hans-CN\n"
        "hksar,HKSAR,,香港特別行政區,香港特區,香港特别行政区,香港特区\n"
        "ip,intellectual property | IP,IP,知識產權,,知识产权,\n", encoding="utf-8")
    r = cli("glossary", "import", "t.csv", "-o", "t.tbx")
    assert r.code == 0, r.err
    text = (workdir / "t.tbx").read_text(encoding="utf-8")
    assert "<term>香港特區</term>" in text and ">admittedTerm-admn-sts<" in text
    r = cli("glossary", "export", "--glossary", "t.tbx")
    assert "hksar,HKSAR,,,,,香港特别行政区,香港特別行政區,香港特区,香港特區,,," in r.out
    assert read_csv(r.out, source="-") == list(load_glossary(workdir / "t.tbx").terms)


def test_validate_warns_on_admitted_rendering_of_another_concept(cli: Cli,
                                                                 workdir: Path) -> None:
    (workdir / "t.csv").write_text(
        "id,en,zh-Hant-HK,admitted zh-Hant-HK,zh-Hans-CN\n"
        "rnd,R&D,研發,,研发\n"
        "innovation,innovation,創新,研發,创新\n", encoding="utf-8")
    r = cli("glossary", "import", "t.csv", "-o", "t.tbx")
    assert r.code == 0, r.err
    assert "t.csv:3: warning: concept 'innovation': admitted zh-Hant-HK rendering 研發" in r.out
    r = cli("glossary", "validate", "--glossary", "t.tbx")
    assert r.code == 0
    assert "warning: concept 'innovation': admitted zh-Hant-HK rendering 研發 is the approved " \
           "rendering of concept 'rnd'" in r.out
    assert r.out.endswith("ok: 2 concepts\n")


def test_lookup_shows_admitted_and_ambiguous(cli: Cli, workdir: Path) -> None:
    r = cli("glossary", "lookup", "The HKSAR keeps IP addresses", "--locale", "zh-HK")
    assert r.code == 0
    assert r.out.splitlines()[:2] == [
        "4-9 'HKSAR' [hksar] -> 香港特別行政區",
        "    also accepted: 香港特區",
    ]
    assert ("16-18 'IP' [intellectual-property] -> 知識產權 (ambiguous: only where it means "
            "intellectual property; not enforced)") in r.out
