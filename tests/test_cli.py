"""The command line: output, exit codes, and error paths that must write nothing."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, snapshot

Cli = Callable[..., CliResult]


def test_extract_update_build(project: Path, cli: Cli) -> None:
    r = cli("extract", "release.md")
    assert r.code == 0
    assert "locales/release.pot: 17 entries from 18 units of release.md (written)" in r.out
    r = cli("update", "--locale", "zh-HK", "--locale", "zh-CN", "--domain", "release")
    assert r.code == 0
    assert "locales/zh_Hant_HK/LC_MESSAGES/release.po: 17 entries, 0 translated" in r.out
    r = cli("build", "release.md", "--locale", "zh-Hant-HK")
    assert r.code == 0 and "out/zh_Hant_HK/release.md: 0/" in r.out
    assert (project / "out" / "zh_Hant_HK" / "release.md").exists()


def test_same_stem_twice_is_refused(project: Path, cli: Cli) -> None:
    (project / "other").mkdir()
    shutil.copy(project / "release.md", project / "other" / "release.md")
    r = cli("extract", "release.md", "other/release.md")
    assert r.code == 2 and "share the name" in r.err
    assert not (project / "locales").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("extract", "missing.md"), "l10n: error: missing.md: file not found"),
        (("extract", "latin1.txt"), "l10n: error: latin1.txt:1: not valid UTF-8"),
        (("extract", "broken.html"), "l10n: error: broken.html:1: broken HTML"),
        (("extract", "release.md", "broken.html"), "l10n: error: broken.html:1: broken HTML"),
        (("update", "--locale", "fr-FR"), "unsupported locale 'fr-FR'"),
        (("build", "notes.txt", "--locale", "zh-HK"), "no catalog for this document"),
        (("check", "nowhere"), "nowhere: no such file or folder"),
        (("check", "broken-string.po"), "broken-string.po:6: malformed string"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(project: Path, cli: Cli, data_dir: Path,
                                               argv: tuple[str, ...], message: str) -> None:
    for name in ("latin1.txt", "broken.html", "broken-string.po"):
        shutil.copy(data_dir / "foundation" / name, project / name)
    shutil.copy(project / "release.txt", project / "notes.txt")
    cli("extract", "release.md")
    cli("update")
    before = snapshot(project)
    r = cli(*argv)
    assert r.code == 2
    assert message in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert snapshot(project) == before


def test_malformed_po_on_update_leaves_files(project: Path, cli: Cli) -> None:
    cli("extract", "release.md")
    cli("update")
    po = project / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "release.po"
    po.write_text(po.read_text() + '\nmsgid "x"\nmsgstr "y\n')
    before = snapshot(project)
    r = cli("update")
    assert r.code == 2 and "release.po:" in r.err and "malformed string" in r.err
    assert snapshot(project) == before


def test_check_exit_codes_and_json(project: Path, cli: Cli) -> None:
    import json

    cli("extract", "release.md")
    cli("update", "--locale", "zh-HK")
    po = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
    r = cli("check", "locales", "--select", "placeholders")
    assert r.code == 0
    text = po.read_text().replace(
        'msgid "Visit <1>our site</1> or <2/> for <3>more</3> details."\nmsgstr ""',
        'msgid "Visit <1>our site</1> or <2/> for <3>more</3> details."\nmsgstr "請瀏覽<1>網站</1>。"')
    po.write_text(text)
    r = cli("check", "locales", "--format", "json", "--select", "placeholders")
    assert r.code == 1
    report = json.loads(r.out)
    [f] = report["findings"]
    assert f["check"] == "placeholders" and f["severity"] == "error"
    assert f["path"].endswith("release.po") and f["line"] > 0
    assert set(f) == {"path", "line", "msgstr_line", "msgctxt", "msgid", "msgstr", "fuzzy", "check", "severity",
                      "message"}
    assert f["msgstr"] == "請瀏覽<1>網站</1>。" and f["fuzzy"] is False and f["msgstr_line"] == f["line"] + 1
    assert report["summary"]["errors"] == 1


def test_unknown_check_name(project: Path, cli: Cli) -> None:
    r = cli("check", ".", "--select", "nonsense")
    assert r.code == 2 and "unknown check nonsense" in r.err


def test_version(cli: Cli) -> None:
    r = cli("--version")
    assert r.code == 0 and r.out.startswith("l10n ")


def test_parallel_checks_equal_serial() -> None:
    from l10n.checks import CheckEnv, run_checks
    from l10n.integrity import PARALLEL_MIN_ENTRIES, run_checks_parallel
    from l10n.locales import parse_locale
    from l10n.model import Entry

    pairs = [("It raised HK$44.3 billion.", "籌得443億港元。"), ("It raised HK$44.3 billion.", "籌得44.3億港元。"),
             ("Visit <1>us</1>.", "請瀏覽我們。"), ("No numbers here.", "這裏沒有數字。")]
    items = [Entry(s, t, "x.po", i + 1) for i in range(PARALLEL_MIN_ENTRIES + 100) for s, t in [pairs[i % 4]]]
    env = CheckEnv(parse_locale("zh-HK"))
    serial = run_checks(items, env, None)
    assert run_checks_parallel(items, env, None, workers=2) == serial
    assert len([f for f in serial if f.check == "numbers"]) == len(items) // 4


def test_build_with_one_bad_catalog_writes_nothing(project: Path, cli: Cli) -> None:
    shutil.copy(project / "release.txt", project / "notes.txt")
    cli("extract", "release.md", "notes.txt")
    cli("update")
    bad = project / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "notes.po"
    bad.write_text(bad.read_text() + "\ngarbage\n")
    before = snapshot(project)
    r = cli("build", "release.md", "notes.txt")
    assert r.code == 2 and "notes.po:" in r.err
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[checks]\nseverities = "x"\n', "checks.severities must be a table"),
        ("[output]\nreport = 5\n", "output.report must be str"),
        ("[glossary]\npath = 5\n", "glossary.path must be str"),
        ('[locales]\ntargets = "zh-HK"\n', "locales.targets must be a list of strings"),
        ('[sources]\npatterns = "*.md"\n', "sources.patterns must be a list of strings"),
        ('[checks]\nselect = ["nosuch"]\n', "unknown check nosuch"),
        ('[glossary]\npath = "missing.tbx"\n', "missing.tbx: glossary file not found"),
        ('[locales]\ntargets = ["fr-FR"]\n', "cfg.toml: unsupported locale 'fr-FR'"),
        ("[mt\n", "invalid TOML"),
    ],
)
def test_bad_configuration_exits_2_and_writes_nothing(project: Path, cli: Cli, config: str, message: str) -> None:
    (project / "cfg.toml").write_text('[sources]\npaths = ["release.md"]\n' + config if "sources" not in config
                                      else config)
    before = snapshot(project)
    r = cli("run", "--config", "cfg.toml")
    assert r.code == 2, r.err
    assert message in r.err and len(r.err.strip().splitlines()) == 1
    assert snapshot(project) == before


def test_check_errors_name_the_problem(project: Path, cli: Cli, tmp_path: Path) -> None:
    (project / "empty").mkdir()
    r = cli("check", "empty")
    assert r.code == 2 and "no PO files found" in r.err
    (project / "fr.po").write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n')
    r = cli("check", "fr.po")
    assert r.code == 2 and "fr.po: Language header: unsupported locale 'fr'" in r.err
    r = cli("update", "-l", "en")
    assert r.code == 2 and "unsupported locale 'en'" in r.err
