"""Two sources that would build to one output file are refused before anything is written.

With ``[output] strip_language_suffix`` (the default) ``x.en.md`` and ``x.md`` have two
catalogs but one built file, ``<locale>/x.md``; the second build would overwrite the first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.build import output_clashes
from l10n.config import load_settings
from l10n.pipeline import run_pipeline
from tests.conftest import CliResult, snapshot
from tests.fakes import FakeTranslator, fake_engines

ENGLISH = "# Ferry timetable\n\nThe ferry will run every 15 minutes. Passengers should check the timetable.\n"
OTHER = "# Library hours\n\nThe central library will open on Sundays. Readers may return books at any branch.\n"
CHINESE = "# 渡輪班次\n\n渡輪將每十五分鐘開出一班。乘客應查閱新班次表。\n"
HTML = "<html><body><main><p>The museum reopens on Monday. Entry is free.</p></main></body></html>\n"


@pytest.mark.parametrize(
    ("sources", "strip", "clashing"),
    [
        (["r/x.en.md", "r/x.md"], True, {"r/x.en.md", "r/x.md"}),
        (["r/x_en.html", "r/x.html"], True, {"r/x_en.html", "r/x.html"}),
        (["r/x-en.md", "q/x.en.md", "r/y.md"], True, {"r/x-en.md", "q/x.en.md"}),  # other folders: out/ is flat
        (["r/x.en.md", "r/x.en-GB.md"], True, {"r/x.en.md", "r/x.en-GB.md"}),
        (["r/x.en.md", "r/x.md"], False, set()),
        (["r/x.en.md", "r/x.html", "r/x.zh.md"], True, set()),  # other extensions; only "en" is dropped
        (["r/x.md", "r/x.md"], True, set()),  # the same file given twice is one source
    ],
)
def test_which_sources_clash(sources: list[str], strip: bool, clashing: set[str]) -> None:
    found = output_clashes(sources, strip_suffix=strip)
    assert set(found) == clashing
    for message in found.values():
        assert all(path in message for path in clashing) and "\n" not in message


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def _one_line_error(r: CliResult, *names: str) -> None:
    assert r.code == 2
    [line] = r.err.strip().splitlines()
    assert all(name in line for name in names), line
    assert "rename one of them" in line and "strip_language_suffix = false" in line


@pytest.mark.parametrize(("first", "second", "text"), [
    ("x.en.md", "x.md", ENGLISH),
    ("x_en.html", "x.html", HTML),
])
def test_extract_refuses_two_sources_with_one_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           cli, first: str, second: str, text: str) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {first: text, second: text.replace("Entry is free", "Tours are free")
                      .replace("Passengers", "Riders")})
    before = snapshot(tmp_path)
    _one_line_error(cli("extract", first, second), first, second)
    assert snapshot(tmp_path) == before  # no template, no locales/ folder


def test_extract_keeping_the_suffix_has_no_clash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"x.en.md": ENGLISH, "x.md": OTHER,
                      "keep.toml": "[output]\nstrip_language_suffix = false\n"})
    assert cli("extract", "--no-strip-language-suffix", "x.en.md", "x.md").code == 0
    assert cli("extract", "--config", "keep.toml", "x.en.md", "x.md").code == 0
    # a flag overrides the configuration
    assert cli("extract", "--config", "keep.toml", "--strip-language-suffix", "x.en.md", "x.md").code == 2


def test_a_chinese_version_next_to_the_english_one_is_no_clash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               cli, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"x.en.md": ENGLISH, "x.md": CHINESE})
    r = cli("extract", "x.en.md", "x.md")
    assert r.code == 0 and "x.md: skipped: not an English source" in caplog.text
    assert (tmp_path / "locales" / "x.en.pot").exists() and not (tmp_path / "locales" / "x.pot").exists()


def test_build_refuses_two_sources_with_one_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        cli) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"x.en.md": ENGLISH, "x.md": OTHER})
    assert cli("extract", "--no-strip-language-suffix", "x.en.md", "x.md").code == 0
    assert cli("update").code == 0
    before = snapshot(tmp_path)
    _one_line_error(cli("build", "x.en.md", "x.md"), "x.en.md", "x.md")
    assert snapshot(tmp_path) == before and not (tmp_path / "out").exists()
    assert cli("build", "--no-strip-language-suffix", "x.en.md", "x.md").code == 0
    assert sorted(p.name for p in (tmp_path / "out" / "zh_Hant_HK").iterdir()) == ["x.en.md", "x.md"]


def test_run_fails_both_releases_and_builds_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"releases/x.en.md": ENGLISH, "releases/x.md": OTHER, "releases/y.md": OTHER,
                      "pipeline/nightly.toml": '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n'
                                               '[tm]\npath = ".l10n/tm.sqlite"\n'})
    settings = load_settings(Path("pipeline/nightly.toml"))
    report = run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()}))
    status = {r.source: (r.status, r.error) for r in report.releases}
    assert status["releases/y.md"][0] == "processed"
    for name in ("releases/x.en.md", "releases/x.md"):
        state, error = status[name]
        assert state == "failed" and "releases/x.en.md and releases/x.md" in error and "\n" not in error
    assert report.exit_code == 2
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert not [p for p in written if "/x." in p and not p.startswith("releases/")]  # no template, catalog, page
    assert "out/zh_Hant_HK/y.md" in written


def test_run_marks_an_unchanged_release_failed_when_a_new_one_takes_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"releases/x.en.md": ENGLISH,
                      "pipeline/nightly.toml": '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n'
                                               '[tm]\npath = ".l10n/tm.sqlite"\n'})
    settings = load_settings(Path("pipeline/nightly.toml"))
    assert run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()})).exit_code in (0, 1)
    built = (tmp_path / "out" / "zh_Hant_HK" / "x.md").read_bytes()
    _write(tmp_path, {"releases/x.md": OTHER})
    report = run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()}))
    assert {r.source: r.status for r in report.releases} == {"releases/x.en.md": "failed",
                                                              "releases/x.md": "failed"}
    assert (tmp_path / "out" / "zh_Hant_HK" / "x.md").read_bytes() == built  # not overwritten
    assert not (tmp_path / "locales" / "x.pot").exists()


def test_run_skips_a_chinese_version_without_a_clash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"releases/x.en.md": ENGLISH, "releases/x.md": CHINESE,
                      "pipeline/nightly.toml": '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n'
                                               '[tm]\npath = ".l10n/tm.sqlite"\n'})
    report = run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": FakeTranslator()}))
    assert {r.source: r.status for r in report.releases} == {"releases/x.en.md": "processed",
                                                              "releases/x.md": "skipped"}
    assert (tmp_path / "out" / "zh_Hant_HK" / "x.md").read_text(encoding="utf-8") != CHINESE
