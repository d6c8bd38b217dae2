"""Where the default glossary comes from, and a glossary check never runs without one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.checks import CheckEnv, run_checks
from l10n.config import load_settings
from l10n.errors import ConfigError
from l10n.locales import parse_locale
from l10n.model import Entry, Finding, Severity

ROOT = Path(__file__).resolve().parent.parent
PO = '''msgid ""
msgstr ""
"Language: zh_Hant_HK\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Cyberport opened a lab."
msgstr "數碼港開設實驗室。"
'''


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with catalogs and no glossary; the working folder is the project."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "x.po").write_text(PO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_select_glossary_without_a_glossary_is_an_error(bare: Path, cli) -> None:
    r = cli("check", "locales/x.po", "--select", "glossary")
    assert r.code == 2
    assert r.err.startswith("l10n: error: no glossary found") and len(r.err.strip().splitlines()) == 1


def test_check_default_selection_without_a_glossary_says_so(bare: Path, cli) -> None:
    r = cli("check", "locales/x.po")
    assert r.code == 0 and "the glossary check is off" in r.err


def test_check_finds_the_glossary_from_the_catalogs_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            cli) -> None:
    project = tmp_path / "project"
    (project / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "glossary" / "terms.tbx", project / "glossary" / "terms.tbx")
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (project / "locales").mkdir()
    (project / "locales" / "x.po").write_text(PO.replace("數碼港", "網絡港"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = cli("check", str(project / "locales" / "x.po"), "--select", "glossary")
    assert "數碼港" in r.out and "warning" in r.out  # found: the approved rendering is asked for


def test_run_config_finds_the_projects_glossary_from_its_own_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "terms.tbx", tmp_path / "glossary" / "terms.tbx")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text("[mt]\nenabled = false\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # not the project folder: glossary/terms.tbx is not here
    settings = load_settings(tmp_path / "pipeline" / "nightly.toml")
    assert settings.glossary is not None and settings.glossary.samefile(tmp_path / "glossary" / "terms.tbx")


def test_run_config_selecting_glossary_without_one_is_a_configuration_error(bare: Path) -> None:
    (bare / "nightly.toml").write_text('[checks]\nselect = ["numbers", "glossary"]\n')
    with pytest.raises(ConfigError, match="no glossary found"):
        load_settings(bare / "nightly.toml")


def test_run_config_default_selection_without_a_glossary_is_a_note(bare: Path) -> None:
    (bare / "nightly.toml").write_text("[mt]\nenabled = false\n")
    settings = load_settings(bare / "nightly.toml")
    assert settings.glossary is None and any("glossary check is off" in n for n in settings.notes)


def _graded(check: str, severity: Severity) -> list[Finding]:
    return [Finding("x.po", 1, None, "A", check, severity, "m")]


@pytest.mark.parametrize(("project", "emitted", "expect"), [
    ("warning", Severity.ERROR, Severity.WARNING),   # the check's usual grade is replaced
    ("error", Severity.WARNING, Severity.WARNING),   # a finding the check graded lower keeps its grade
    ("warning", Severity.WARNING, Severity.WARNING),
])
def test_project_severity_replaces_only_the_checks_usual_grade(monkeypatch: pytest.MonkeyPatch, project: str,
                                                               emitted: Severity, expect: Severity) -> None:
    import l10n.checks as checks

    checks.all_checks()
    original = checks._REGISTRY["glossary"]
    monkeypatch.setitem(checks._REGISTRY, "glossary",
                        checks.Check("glossary", Severity.ERROR, original.description,
                                     lambda entry, env: _graded("glossary", emitted)))
    env = CheckEnv(parse_locale("zh-HK"), None, {"glossary": Severity(project)})
    [f] = run_checks([Entry("A", "甲", "x.po", 1, None, False, ())], env, ["glossary"])
    assert f.severity is expect
