"""Which configuration applies (``--config``, then ``l10n.toml`` / ``[tool.l10n]`` in
``pyproject.toml`` from the working folder up, then the old ``pipeline/nightly.toml``) and
what its paths are relative to (the project folder of the file, never the working one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.cli import main
from l10n.config import load_settings
from l10n.configfile import find_config
from l10n.errors import ConfigError

NO_ENV: dict[str, str] = {}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository (``.git``) with a ``docs/press`` folder to run commands from."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs" / "press").mkdir(parents=True)
    return root


@pytest.mark.parametrize(
    ("files", "run_in", "expected"),
    [
        ({"l10n.toml": "[output]\nlocales_dir = 'po'\n"}, ".", "l10n.toml"),
        ({"l10n.toml": "[output]\nlocales_dir = 'po'\n"}, "docs/press", "../../l10n.toml"),
        ({"pyproject.toml": "[tool.l10n.output]\nlocales_dir = 'po'\n"}, "docs", "../pyproject.toml"),
        # the same folder: l10n.toml before pyproject.toml
        ({"l10n.toml": "", "pyproject.toml": "[tool.l10n.output]\nlocales_dir = 'po'\n"}, ".", "l10n.toml"),
        # a pyproject.toml without [tool.l10n] is passed over, the search goes on upwards
        ({"l10n.toml": "", "docs/pyproject.toml": "[project]\nname = 'x'\n"}, "docs/press", "../../l10n.toml"),
        # the nearest wins
        ({"l10n.toml": "", "docs/l10n.toml": ""}, "docs/press", "../l10n.toml"),
        # the old default, in the working folder
        ({"pipeline/nightly.toml": ""}, ".", "pipeline/nightly.toml"),
        ({"pipeline/nightly.toml": "", "l10n.toml": ""}, ".", "l10n.toml"),
        # ... but not from a parent: it was never searched for upwards
        ({"pipeline/nightly.toml": ""}, "docs", None),
        ({}, "docs/press", None),
    ],
)
def test_the_nearest_configuration_is_found(project: Path, files: dict[str, str], run_in: str,
                                            expected: str | None) -> None:
    for name, text in files.items():
        _write(project / name, text)
    found = find_config(project / run_in)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.path.resolve() == (project / run_in / expected).resolve()


def test_the_search_stops_at_the_repository_root(project: Path) -> None:
    _write(project.parent / "l10n.toml", "[output]\nlocales_dir = 'elsewhere'\n")
    assert find_config(project / "docs") is None
    (project / ".git").rmdir()  # no repository: the folder above is searched as well
    found = find_config(project / "docs")
    assert found is not None and found.path.resolve() == (project.parent / "l10n.toml").resolve()


@pytest.mark.parametrize("run_in", [".", "docs", "docs/press"])
def test_paths_are_relative_to_the_file_that_declares_them(project: Path, run_in: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "l10n.toml", "[sources]\npaths = ['releases']\ncontent_root = { 'releases/site' = 'main' }\n"
                                  "[output]\nlocales_dir = 'po'\nreport = 'out/r.json'\n[glossary]\npath = ''\n")
    monkeypatch.chdir(project / run_in)
    settings = load_settings(environ=NO_ENV)
    assert settings.locales_dir.resolve() == project / "po"
    assert [p.resolve() for p in settings.sources] == [project / "releases"]
    assert settings.report is not None and settings.report.resolve() == project / "out" / "r.json"
    # a path the file leaves to its default is the project's too
    assert settings.out_dir.resolve() == project / "out"
    assert settings.state_dir.resolve() == project / ".l10n"
    folders = [folder for folder, _selector in settings.content_roots if folder]
    assert [Path(f).resolve() for f in folders] == [project / "releases" / "site"]
    if run_in == ".":  # in the file's folder the paths read as they are written
        assert settings.locales_dir == Path("po") and settings.sources == (Path("releases"),)


def test_tool_l10n_in_pyproject_is_read_like_l10n_toml(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "pyproject.toml", "[project]\nname = 'press'\n\n[tool.l10n.output]\nlocales_dir = 'po'\n"
                                       "po_width = 0\n[tool.l10n.locales]\ntargets = ['zh-Hant-HK']\n"
                                       "[tool.l10n.glossary]\npath = ''\n")
    monkeypatch.chdir(project / "docs")
    settings = load_settings(environ=NO_ENV)
    assert settings.locales_dir == Path("../po") and settings.po_width == 0
    assert [loc.tag for loc in settings.locales] == ["zh-Hant-HK"]


def test_an_unknown_key_under_tool_l10n_is_an_error_naming_pyproject(project: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "pyproject.toml", "[tool.l10n.output]\nlocale_dir = 'po'\n")
    monkeypatch.chdir(project)
    with pytest.raises(ConfigError, match="unknown key output.locale_dir") as caught:
        load_settings(environ=NO_ENV)
    assert caught.value.path == "pyproject.toml"


def test_given_config_wins_over_the_one_found(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "l10n.toml", "[output]\nlocales_dir = 'found'\n[glossary]\npath = ''\n")
    _write(project / "conf" / "other.toml", "[output]\nlocales_dir = 'given'\n[glossary]\npath = ''\n")
    monkeypatch.chdir(project)
    assert load_settings(environ=NO_ENV).locales_dir == Path("found")
    assert load_settings(Path("conf/other.toml"), environ=NO_ENV).locales_dir == Path("conf/given")


def test_a_given_pyproject_needs_a_tool_l10n_table(project: Path) -> None:
    path = _write(project / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.l10n\] table"):
        load_settings(path, environ=NO_ENV)


def test_a_broken_pyproject_on_the_way_is_reported_not_skipped(project: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """It might hold the [tool.l10n] table meant to apply: skipping it would run with defaults."""
    _write(project / "pyproject.toml", "[tool.l10n\n")
    monkeypatch.chdir(project / "docs")
    with pytest.raises(ConfigError, match="invalid TOML") as caught:
        load_settings(environ=NO_ENV)
    assert caught.value.path == "../pyproject.toml"


def test_pipeline_nightly_toml_speaks_for_the_folder_above(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout ``make run`` uses: its paths were always the project folder's."""
    _write(project / "pipeline" / "nightly.toml", "[sources]\npaths = ['samples']\n[output]\nlocales_dir = 'locales'\n"
                                                  "[glossary]\npath = ''\n")
    monkeypatch.chdir(project)
    by_default = load_settings(environ=NO_ENV)
    given = load_settings(Path("pipeline/nightly.toml"), environ=NO_ENV)
    assert by_default.locales_dir == given.locales_dir == Path("locales")
    assert by_default.sources == given.sources == (Path("samples"),)
    monkeypatch.chdir(project / "docs" / "press")  # elsewhere, the file still means the same folders
    away = load_settings(project / "pipeline" / "nightly.toml", environ=NO_ENV)
    assert away.locales_dir == project / "locales" and away.sources == (project / "samples",)


def test_environment_paths_stay_the_working_folders(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(project / "l10n.toml", "[output]\nlocales_dir = 'po'\n[glossary]\npath = ''\n")
    monkeypatch.chdir(project / "docs")
    settings = load_settings(environ={"L10N_LOCALES_DIR": "mine"})
    assert settings.locales_dir == Path("mine")


def test_extract_from_a_subfolder_writes_where_the_configuration_says(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project / "l10n.toml", "[output]\nlocales_dir = 'po'\npo_width = 0\n[glossary]\npath = ''\n")
    long_line = "The Financial Secretary said the fund will invest HK$44.3 billion in start-ups " * 2
    _write(project / "docs" / "press" / "note.md", f"# Note\n\n{long_line.strip()}\n")
    monkeypatch.chdir(project / "docs" / "press")
    assert main(["extract", "note.md"]) == 0
    pot = project / "po" / "note.pot"
    assert pot.is_file(), capsys.readouterr()
    assert not (project / "docs" / "press" / "locales").exists()
    # po_width = 0 came from the file: the long msgid is one line
    assert any(line.startswith('msgid "The Financial') for line in pot.read_text(encoding="utf-8").splitlines())
    # a flag given still wins over the file
    assert main(["extract", "-o", "here", "note.md"]) == 0
    assert (project / "docs" / "press" / "here" / "note.pot").is_file()


def test_run_from_a_subfolder_writes_the_projects_files(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The batch reads and writes the same files from any folder of the project, ``#:``
    references included (they are relative to the working folder: run works from the
    project folder, as pipeline/run_nightly.py does)."""
    releases = project / "docs" / "press"
    (releases / "lab.md").write_bytes((data_dir / "foundation" / "release.md").read_bytes())
    _write(project / "l10n.toml", "[sources]\npaths = ['docs/press']\n[glossary]\npath = ''\n[mt]\nenabled = false\n"
                                  "[output]\nreport = 'out/report.json'\n")
    monkeypatch.chdir(releases)
    assert main(["-q", "run"]) in (0, 1), capsys.readouterr().err
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*.po*"))
    assert written == ["locales/lab.pot", "locales/zh_Hans_CN/LC_MESSAGES/lab.po",
                       "locales/zh_Hant_HK/LC_MESSAGES/lab.po"]
    assert (project / "out" / "report.json").is_file() and (project / "out" / "zh_Hant_HK" / "lab.md").is_file()
    assert not (releases / "locales").exists() and not (releases / ".l10n").exists()
    assert Path.cwd() == releases  # the run went to the project folder and came back
    assert main(["-q", "run", "--report", "../mine.json"]) in (0, 1)  # a path typed here means here
    assert (project / "docs" / "mine.json").is_file() and not (project.parent / "mine.json").exists()
    monkeypatch.chdir(project)  # from the project folder: nothing to do, nothing rewritten
    before = {p: p.read_bytes() for p in project.rglob("*.po*")}
    assert main(["-q", "run"]) in (0, 1)
    assert {p: p.read_bytes() for p in project.rglob("*.po*")} == before
