"""Command-line habits users bring from gettext and pybabel (issue 14, item 5): ``-`` is
standard input/output, ``extract -o messages.pot`` is a file, ``--check`` asks "up to
date?" without writing, every option says what it does, ``--version``."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n import __version__
from l10n.cli import COMMANDS, build_parser, main
from l10n.pofile import parse_po
from tests.conftest import CliResult, snapshot

Cli = Callable[..., CliResult]
ROOT = Path(__file__).resolve().parent.parent
NEW_SENTENCE = "The pilot scheme will also cover three new districts."


def _msgids(text: str) -> list[str]:
    return [e.msgid for e in parse_po(text, "t.pot")]


# --- extract -o FILE.pot / -o - ---------------------------------------------------------


def test_extract_to_a_pot_file_writes_one_file(project: Path, cli: Cli) -> None:
    r = cli("extract", "-o", "messages.pot", "release.md")
    assert r.code == 0, r.err
    assert (project / "messages.pot").is_file() and not (project / "locales").exists()
    assert r.out.startswith("messages.pot: ") and "(written)" in r.out
    # the same template as the folder form gives, byte for byte but for nothing
    assert cli("extract", "release.md").code == 0
    assert (project / "messages.pot").read_bytes() == (project / "locales" / "release.pot").read_bytes()
    # a second run changes nothing, mtime included
    before = (project / "messages.pot").stat().st_mtime_ns
    assert "(unchanged)" in cli("extract", "-o", "messages.pot", "release.md").out
    assert (project / "messages.pot").stat().st_mtime_ns == before


def test_extract_to_standard_output(project: Path, cli: Cli) -> None:
    r = cli("extract", "-o", "-", "release.md")
    assert r.code == 0, r.err
    assert "release.md" in r.out and _msgids(r.out)[1:]  # a whole template, header first
    assert snapshot(project).keys() == {"release.md", "release.html", "release.txt"}
    assert cli("extract", "release.md").code == 0
    written = (project / "locales" / "release.pot").read_text(encoding="utf-8")
    assert _msgids(r.out) == _msgids(written)


@pytest.mark.parametrize("dest", ["messages.pot", "-"])
def test_one_template_file_for_several_releases_is_refused(project: Path, cli: Cli, dest: str) -> None:
    """Releases have one template each (update and build find them by name): a merged
    messages.pot would be a template no other command could use."""
    (project / "release.html").rename(project / "other.html")
    r = cli("extract", "-o", dest, "release.md", "other.html")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and "2 were given" in r.err and "give -o a folder" in r.err
    assert snapshot(project).keys() == {"release.md", "other.html", "release.txt"}


def test_a_pot_path_that_is_a_folder_is_refused(project: Path, cli: Cli) -> None:
    (project / "odd.pot").mkdir()
    r = cli("extract", "-o", "odd.pot", "release.md")
    assert r.code == 2 and "odd.pot" in r.err and r.err.count("\n") == 1


# --- extract --check / update --check ---------------------------------------------------


def _add_sentence(source: Path) -> None:
    source.write_text(source.read_text(encoding="utf-8") + f"\n{NEW_SENTENCE}\n", encoding="utf-8")


@pytest.mark.parametrize("dest", [[], ["-o", "messages.pot"]])
def test_extract_check(project: Path, cli: Cli, dest: list[str]) -> None:
    target = project / ("messages.pot" if dest else "locales/release.pot")
    r = cli("extract", "--check", *dest, "release.md")
    assert r.code == 1 and r.out == f"{target.relative_to(project)}: would be created\n"
    assert not target.exists() and not (project / "locales").exists()
    assert cli("extract", *dest, "release.md").code == 0
    r = cli("extract", "--check", *dest, "release.md")
    assert (r.code, r.out) == (0, "")
    _add_sentence(project / "release.md")
    before = snapshot(project)
    r = cli("extract", "--check", *dest, "release.md")
    assert r.code == 1 and r.out == f"{target.relative_to(project)}: would be updated\n"
    assert "1 of 1 template(s) out of date" in r.err
    assert snapshot(project) == before  # nothing written
    assert cli("extract", *dest, "release.md").code == 0
    assert cli("extract", "--check", *dest, "release.md").code == 0


def _rewrap(pot: Path) -> None:
    text = pot.read_text(encoding="utf-8")
    assert 'msgid ""\n"' in text  # a wrapped msgid: its first line joined to the keyword
    pot.write_text(text.replace('msgid ""\n"', 'msgid "" "', 1), encoding="utf-8")


def _new_date(pot: Path) -> None:
    po = parse_po(pot.read_text(encoding="utf-8"), str(pot))
    old = po.metadata["POT-Creation-Date"]
    pot.write_text(pot.read_text(encoding="utf-8").replace(old, "2020-01-01 00:00+0000"), encoding="utf-8")


def _drop_entry(pot: Path) -> None:
    text = pot.read_text(encoding="utf-8")
    head, _sep, rest = text.partition("\n\n")
    pot.write_text(head + "\n\n" + rest.partition("\n\n")[2], encoding="utf-8")


@pytest.mark.parametrize(("edit", "stale"), [(_rewrap, False), (_new_date, False), (_drop_entry, True)])
def test_extract_check_answers_as_a_real_run_would(project: Path, cli: Cli, edit: Callable[[Path], None],
                                                   stale: bool) -> None:
    """Up to date means "a run would leave it alone": a date or a re-wrap is not a change."""
    assert cli("extract", "release.md").code == 0
    pot = project / "locales" / "release.pot"
    edit(pot)
    assert cli("extract", "--check", "release.md").code == (1 if stale else 0)
    before = pot.read_bytes()
    assert cli("extract", "release.md").code == 0
    assert (pot.read_bytes() != before) is stale


def test_extract_check_with_standard_output_is_a_usage_error(project: Path, cli: Cli) -> None:
    r = cli("extract", "--check", "-o", "-", "release.md")
    assert r.code == 2 and "-o - has none" in r.err


def test_update_check(project: Path, cli: Cli) -> None:
    assert cli("extract", "release.md").code == 0
    catalog = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
    r = cli("update", "--check", "--locale", "zh-Hant-HK")
    assert r.code == 1 and r.out == f"{catalog.relative_to(project)}: would be created\n"
    assert not catalog.exists()
    assert cli("update", "--locale", "zh-Hant-HK").code == 0
    before = snapshot(project)
    r = cli("update", "--check", "--locale", "zh-Hant-HK")
    assert (r.code, r.out) == (0, "")
    _add_sentence(project / "release.md")
    assert cli("extract", "release.md").code == 0
    before = snapshot(project)
    r = cli("update", "--check", "--locale", "zh-Hant-HK")
    assert r.code == 1 and r.out == f"{catalog.relative_to(project)}: would be updated\n"
    assert snapshot(project) == before
    assert cli("update", "--locale", "zh-Hant-HK").code == 0
    assert cli("update", "--check", "--locale", "zh-Hant-HK").code == 0
    assert NEW_SENTENCE in catalog.read_text(encoding="utf-8")


def test_update_reads_the_configuration_found(project: Path, cli: Cli) -> None:
    (project / "l10n.toml").write_text("[output]\nlocales_dir = 'po'\n[locales]\ntargets = ['zh-Hans-CN']\n"
                                       "[glossary]\npath = ''\n", encoding="utf-8")
    assert cli("extract", "release.md").code == 0 and (project / "po" / "release.pot").is_file()
    r = cli("update")
    assert r.code == 0, r.err
    assert [p.relative_to(project).as_posix() for p in (project / "po").rglob("*.po")] == [
        "po/zh_Hans_CN/LC_MESSAGES/release.po"]


# --- "-" is standard input / output -----------------------------------------------------

BUDGET_PO = ROOT / "tests" / "data" / "review" / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "budget-note.po"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_build_to_standard_output(project: Path, cli: Cli) -> None:
    assert cli("extract", "release.md").code == 0
    assert cli("update", "--locale", "zh-Hant-HK").code == 0
    r = cli("build", "-o", "-", "--locale", "zh-Hant-HK", "release.md")
    assert r.code == 0, r.err
    assert "sentences translated" in r.err and "sentences translated" not in r.out
    assert not (project / "out").exists() and not (project / "-").exists()
    assert cli("build", "--locale", "zh-Hant-HK", "release.md").code == 0
    assert r.out == (project / "out" / "zh_Hant_HK" / "release.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [["--locale", "zh-Hant-HK", "release.md", "release.txt"], ["release.md"]])
def test_build_to_standard_output_is_one_document(project: Path, cli: Cli, argv: list[str]) -> None:
    r = cli("build", "-o", "-", *argv)
    assert r.code == 2 and r.out == "" and "-o - writes one document" in r.err


def test_check_output_dash_is_standard_output_not_a_file(project: Path, cli: Cli) -> None:
    r = cli("check", "-f", "json", "-o", "-", str(BUDGET_PO))
    assert r.code == 1 and json.loads(r.out)["findings"]
    assert not (project / "-").exists()


def test_check_reads_a_catalog_from_standard_input(project: Path, cli: Cli,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from_file = json.loads(cli("check", "-f", "json", str(BUDGET_PO)).out)
    _stdin(monkeypatch, BUDGET_PO.read_bytes())
    r = cli("check", "-f", "json", "-")
    assert r.code == 1, r.err
    from_stdin = json.loads(r.out)
    assert {f["path"] for f in from_stdin["findings"]} == {"<stdin>"}
    assert ([{**f, "path": "x"} for f in from_stdin["findings"]]
            == [{**f, "path": "x"} for f in from_file["findings"]])


@pytest.mark.parametrize(("data", "argv", "message"), [
    (b'msgid "a"\nmsgstr "b\n', ["-"], "<stdin>:2: malformed string"),
    (b"", ["-", "other.po"], "give it alone"),
])
def test_check_standard_input_errors_are_one_line(project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                                  data: bytes, argv: list[str], message: str) -> None:
    _stdin(monkeypatch, data)
    r = cli("check", *argv)
    assert r.code == 2 and message in r.err and r.err.count("l10n: error") == 1


def test_glossary_csv_round_trip_through_pipes(project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    tbx = ROOT / "glossary" / "terms.tbx"
    csv_default = cli("glossary", "export", "--glossary", str(tbx))
    csv_dash = cli("glossary", "export", "--glossary", str(tbx), "-o", "-")
    assert csv_default.code == csv_dash.code == 0 and csv_default.out == csv_dash.out
    _stdin(monkeypatch, csv_dash.out.encode("utf-8"))
    r = cli("glossary", "import", "-", "-o", "-")
    assert r.code == 0, r.err
    assert r.out.startswith("<?xml") and not (project / "glossary").exists() and not (project / "-").exists()
    _stdin(monkeypatch, r.out.encode("utf-8"))
    again = cli("glossary", "export", "--glossary", "-")
    assert again.code == 0 and again.out == csv_dash.out
    _stdin(monkeypatch, r.out.encode("utf-8"))
    assert cli("glossary", "validate", "--glossary", "-").out.startswith("ok: ")


def test_glossary_import_from_standard_input_reports_bad_bytes_by_line(project: Path, cli: Cli,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"id,en\nx,caf\xe9\n")
    r = cli("glossary", "import", "-", "-o", "-")
    assert r.code == 2 and "<stdin>:2: not valid UTF-8" in r.err and r.out == ""


RUN_CONFIG = "[sources]\npaths = ['release.md']\n[glossary]\npath = ''\n[mt]\nenabled = false\n"


def test_run_report_and_findings_to_standard_output(project: Path, cli: Cli) -> None:
    (project / "l10n.toml").write_text(RUN_CONFIG, encoding="utf-8")
    assert cli("run", "--report", "out/report.json").code in (0, 1)
    r = cli("run", "--report", "-")
    assert r.code in (0, 1), r.err
    assert r.out == (project / "out" / "report.json").read_text(encoding="utf-8")
    assert "release(s):" in r.err  # the summary table moved to standard error
    r = cli("run", "--findings", "-", "--findings-format", "json")
    assert r.code in (0, 1) and json.loads(r.out)["summary"]["files"] == 2
    assert not (project / "-").exists()


def test_run_refuses_two_documents_on_standard_output(project: Path, cli: Cli) -> None:
    (project / "l10n.toml").write_text(RUN_CONFIG, encoding="utf-8")
    r = cli("run", "--report", "-", "--findings", "-")
    assert r.code == 2 and "share standard output" in r.err and not (project / "locales").exists()


def test_translate_reads_the_configuration_found(project: Path, cli: Cli) -> None:
    (project / "l10n.toml").write_text("[output]\nlocales_dir = 'po'\n[tm]\npath = 'memory/tm.sqlite'\n"
                                       "[locales]\ntargets = ['zh-Hans-CN']\n[glossary]\npath = ''\n",
                                       encoding="utf-8")
    assert cli("extract", "release.md").code == 0 and cli("update").code == 0
    r = cli("translate", "--no-mt")
    assert r.code == 0, r.err
    assert r.out.startswith("po/zh_Hans_CN/LC_MESSAGES/release.po: ") and "zh_Hant_HK" not in r.out
    assert (project / "memory" / "tm.sqlite").is_file() and not (project / ".l10n" / "tm.sqlite").exists()
    # a flag given wins
    assert cli("translate", "--no-mt", "--tm", "other.sqlite").code == 0
    assert (project / "other.sqlite").is_file()


@pytest.mark.parametrize(("config", "flags", "code", "severity"), [
    (None, [], 1, "error"),
    ("[checks]\nseverities = { numbers = 'warning' }\n", [], 0, "warning"),
    ("[checks]\nselect = ['script']\n", [], 0, None),  # numbers not selected by the project
    ("[checks]\nselect = ['script']\n", ["--select", "numbers"], 1, "error"),  # the flag wins
    ("[checks]\nfuzzy = 'skip'\n", [], 1, "error"),  # the numbers slip is not a draft
])
def test_check_reads_the_configuration_found(project: Path, cli: Cli, config: str | None, flags: list[str],
                                             code: int, severity: str | None) -> None:
    if config is not None:
        (project / "l10n.toml").write_text(config + "[glossary]\npath = ''\n", encoding="utf-8")
    r = cli("check", "-f", "json", *flags, str(BUDGET_PO))
    assert r.code == code, r.err
    numbers = [f["severity"] for f in json.loads(r.out)["findings"] if f["check"] == "numbers"]
    assert numbers == ([severity] if severity else [])


# --- help and version -------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("l10n",)
             ) -> list[tuple[tuple[str, ...], argparse.ArgumentParser, argparse._SubParsersAction | None]]:
    """Every parser and sub-parser with its command path (``l10n tm export``)."""
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser, argparse._SubParsersAction | None]] = []
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found.append((path, parser, subs[0] if subs else None))
    for sub in subs:
        for name, child in sub.choices.items():
            found += _parsers(child, (*path, name))
    return found


PARSERS = _parsers(build_parser())


def test_the_walk_sees_every_command() -> None:
    names = {path[1] for path, _p, _s in PARSERS if len(path) > 1}
    assert names == set(COMMANDS)
    assert {("l10n", "tm", "export"), ("l10n", "xliff", "import"), ("l10n", "glossary", "lookup")} <= {
        path for path, _p, _s in PARSERS}


@pytest.mark.parametrize(("path", "parser", "sub"), PARSERS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_option_and_subcommand_has_help(path: tuple[str, ...], parser: argparse.ArgumentParser,
                                              sub: argparse._SubParsersAction | None) -> None:
    bare = [action.option_strings or [action.dest] for action in parser._actions
            if not isinstance(action, argparse._SubParsersAction)
            and (not action.help or action.help == argparse.SUPPRESS)]
    assert bare == [], f"{' '.join(path)}: no help for {bare}"
    if sub is not None:
        listed = {a.dest for a in sub._choices_actions if a.help}
        assert listed == set(sub.choices), f"{' '.join(path)}: subcommands without help: {set(sub.choices) - listed}"
    parser.format_help()  # every help string formats (a stray % would raise here)


def test_the_walk_would_catch_an_option_without_help() -> None:
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--quiet-one")
    [(_path, walked, _sub)] = _parsers(parser)
    assert [a.dest for a in walked._actions if not a.help] == ["quiet_one"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"l10n {__version__}\n"
    done = subprocess.run([sys.executable, "-m", "l10n", "--version"], capture_output=True, text=True, check=False,
                          cwd=ROOT)
    assert (done.returncode, done.stdout) == (0, f"l10n {__version__}\n")
    assert __version__ and __version__[0].isdigit()
