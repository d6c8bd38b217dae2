"""Invalid settings and impossible outputs are refused when read, with one line and exit 2,
and nothing is written (issue 9, items 5, 7, 8 and 15)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, snapshot
from tests.test_fsio_edge import private_device

Cli = Callable[..., CliResult]
SOURCES = '[sources]\npaths = ["release.md"]\n'


def _one_error_line(r: CliResult) -> str:
    lines = r.err.strip().splitlines()
    assert r.code == 2, (r.code, r.err)
    assert len(lines) == 1 and lines[0].startswith("l10n: error: "), r.err
    return lines[0]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[mt]\nbeam_size = 0\n", "mt.beam_size must be 1 or more, got 0"),
        ("[mt]\nbeam_size = -3\n", "mt.beam_size must be 1 or more, got -3"),
        ("[batch]\nworkers = -1\n", "batch.workers must be 0 (automatic) or more"),
        ("[locales]\ntargets = []\n", "locales.targets is empty"),
        ('[locales]\ntargets = ["zh-Hant-XX"]\n', "unsupported locale 'zh-Hant-XX' (supported: zh-Hant-HK"),
        ('[locales]\ntargets = ["zh-Latn-HK"]\n', "unsupported locale 'zh-Latn-HK' (supported: zh-Hant-HK"),
        ('[checks]\nseverities = { nosuch = "warning" }\n', "checks.severities names unknown check nosuch"),
        ('[checks]\nseverities = { glossary = "loud" }\n', "values must be error, warning or info"),
        ('[sources]\npaths = ["release.md"]\npatterns = ["/etc/*.md"]\n', "'/etc/*.md' is not a relative"),
        ('[sources]\npaths = ["release.md"]\npatterns = [""]\n', "'' is not a relative file pattern"),
        ('[sources]\npaths = ["release.md"]\npatterns = ["../*.md"]\n', "'../*.md' is not a relative"),
        ("[sources]\npaths = []\n", "sources.paths must be a path or a non-empty list"),
        ('[sources]\npaths = ["a\\u0000b"]\n', "sources.paths contains a NUL character"),
        ('[output]\nlocales_dir = "release.md"\n', "release.md: output.locales_dir: is a file, expected a folder"),
        ('[output]\nout_dir = "release.md"\n', "release.md: output.out_dir: is a file, expected a folder"),
        ('[output]\nstate_dir = "release.txt/state"\n', "release.txt: output.state_dir: is a file, expected a folder"),
        ('[output]\nout_dir = "/dev/null"\n', "/dev/null: output.out_dir: is a file, expected a folder"),
        ('[output]\nreport = "adir"\n', "adir: output.report: is a folder, expected a file"),
        ('[output]\nreport = "nowhere/report.json"\n', "nowhere: output.report: folder does not exist"),
        ('[tm]\npath = "adir"\n', "adir: tm.path: is a folder, expected a file"),
        ('[glossary]\npath = "adir"\n', "glossary.path is a folder"),
        ('[output]\nlocales_dir = "a\\u0000b"\n', "output.locales_dir contains a NUL character"),
        (f'[output]\nout_dir = "{"x" * 300}"\n', "output.out_dir has a file or folder name longer than 255"),
        (f'[output]\nreport = "{"y/" * 2100}r.json"\n', "output.report is longer than 4096 bytes"),
    ],
)
def test_bad_settings_are_refused_when_read(project: Path, cli: Cli, config: str, message: str) -> None:
    (project / "adir").mkdir()
    (project / "cfg.toml").write_text(config if "[sources]" in config else SOURCES + config)
    before = snapshot(project)
    line = _one_error_line(cli("run", "--no-mt", "--config", "cfg.toml"))
    assert message in line
    assert snapshot(project) == before
    assert not (project / "nowhere").exists() and not (project / ".l10n").exists()


@pytest.mark.parametrize("locale", ["zh-Hant-XX", "zh-Latn-HK", "zh-Hans-HK", "zh-419", "zh-Hant-Hans-HK"])
def test_unsupported_locales_on_the_command_line(project: Path, cli: Cli, locale: str) -> None:
    cli("extract", "release.md")
    line = _one_error_line(cli("update", "--locale", locale))
    assert locale in line and "supported: zh-Hant-HK, zh-Hant-TW" in line
    assert not (project / "locales" / locale.replace("-", "_")).exists()


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_beam_size_below_one_is_a_usage_error(project: Path, cli: Cli, value: str) -> None:
    r = cli("translate", "--no-mt", "--beam-size", value)
    assert r.code == 2
    assert "argument --beam-size:" in r.err and ("must be 1 or more" in r.err or "whole number" in r.err)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("extract", "release.md", "-o", "/dev/null"), "/dev/null: is a file, expected a folder"),
        (("extract", "release.md", "-o", "release.txt/locales"), "release.txt: is a file, expected a folder"),
        (("build", "release.md", "-o", "release.txt"), "release.txt: is a file, expected a folder"),
        (("update", "--locales-dir", "release.txt"), "release.txt: is a file, expected a folder"),
        (("check", "locales", "-o", "adir"), "adir: is a folder, expected a file"),
        (("check", "locales", "-o", "nowhere/check.txt"), "nowhere: folder does not exist"),
        (("check", "locales", "-o", "{full}"), "full: cannot write: no space left on device"),
        (("run", "--no-mt", "--config", "cfg.toml", "--report", "adir"), "adir: is a folder, expected a file"),
        (("run", "--no-mt", "--config", "cfg.toml", "--findings", "nowhere/f.xml"), "nowhere: folder does not exist"),
        (("glossary", "export", "-o", "nowhere/terms.csv"), "nowhere: folder does not exist"),
        (("glossary", "import", "terms.csv", "-o", "nowhere/terms.tbx"), "nowhere: folder does not exist"),
    ],
)
def test_impossible_outputs_are_refused(project: Path, cli: Cli, data_dir: Path,
                                         argv: tuple[str, ...], message: str) -> None:
    (project / "adir").mkdir()
    (project / "cfg.toml").write_text(SOURCES)
    (project / "glossary").mkdir()
    (project / "glossary" / "terms.tbx").write_bytes((data_dir / "glossary" / "small.tbx").read_bytes())
    (project / "terms.csv").write_text("id,en,zh-Hant-HK,zh-Hans-CN\nai,AI,人工智能,人工智能\n")
    assert cli("extract", "release.md").code == 0 and cli("update").code == 0
    if "{full}" in argv:  # our own copy of /dev/full: a regression must not replace the system's
        argv = tuple(str(private_device(project / "adir", "/dev/full")) if a == "{full}" else a for a in argv)
    before = snapshot(project)
    line = _one_error_line(cli(*argv))
    assert message in line
    assert snapshot(project) == before
    assert not (project / "nowhere").exists()
    assert all(stat.S_ISCHR(p.lstat().st_mode) for p in (project / "adir").iterdir())


@pytest.mark.parametrize(
    "cell",
    ["a\0b", "x" * 131_073],
    ids=["nul", "over-field-limit"],
)
def test_glossary_csv_cells_csv_cannot_hold(project: Path, cli: Cli, cell: str) -> None:
    (project / "terms.csv").write_text(f"id,en,zh-Hant-HK,zh-Hans-CN\nok,OK,好,好\nai,AI,{cell},人工智能\n")
    line = _one_error_line(cli("glossary", "import", "terms.csv", "-o", "terms.tbx"))
    assert "terms.csv:3:" in line
    assert not (project / "terms.tbx").exists()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("extract", "release.md"), errno.ENOSPC),
        (("update",), errno.ENOSPC),
        (("build", "release.md", "--locale", "zh-HK"), errno.ENOSPC),
        (("check", "locales", "-o", "check.txt"), errno.ENOSPC),
        (("run", "--no-mt", "--config", "cfg.toml"), errno.ENOSPC),
        (("extract", "release.md"), errno.EROFS),
        (("run", "--no-mt", "--config", "cfg.toml"), errno.EROFS),
    ],
)
def test_disk_full_and_read_only_are_one_line(project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                              argv: tuple[str, ...], code: int) -> None:
    (project / "cfg.toml").write_text(SOURCES + '[glossary]\npath = ""\n')
    if argv[0] != "extract":
        assert cli("extract", "release.md").code == 0 and cli("update").code == 0
        with (project / "release.md").open("a") as handle:  # so every command has something to write
            handle.write("\nOne more sentence for the disk to refuse.\n")
        assert cli("extract", "release.md").code == 0
    before = {p: p.read_bytes() for p in project.rglob("*.po*")}

    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync" if code == errno.ENOSPC else "replace", fail)
    line = _one_error_line(cli(*argv))
    assert f"cannot write: {os.strerror(code).lower()}" in line
    assert {p: p.read_bytes() for p in project.rglob("*.po*")} == before
    assert not [p for p in project.rglob("*.tmp")]


def test_reports_inside_the_project_trees_may_create_their_folder(project: Path, cli: Cli) -> None:
    (project / "cfg.toml").write_text(SOURCES + '[glossary]\npath = ""\n')
    r = cli("run", "--no-mt", "--config", "cfg.toml", "--report", "out/reports/run.json",
            "--findings", ".l10n/findings/check.xml")
    assert r.code in (0, 1), r.err
    assert (project / "out" / "reports" / "run.json").is_file()
    assert (project / ".l10n" / "findings" / "check.xml").is_file()
