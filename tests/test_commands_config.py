"""``l10n extract`` and ``l10n build`` read ``--config`` as ``l10n run`` does; flags given win."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

PAGE = """<html><body>
<div class="menu"><p>Visit our newsroom for more stories.</p></div>
<div id="body"><p>The pool reopens on Monday. Entry is free for children.</p></div>
</body></html>
"""
CONFIG = ('[sources]\nsegmentation = "paragraph"\ncontent_root = { "site" = "#body" }\n'
          '[output]\nlocales_dir = "l10n/locales"\nout_dir = "l10n/out"\nstrip_language_suffix = false\n'
          '[locales]\ntargets = ["zh-Hans-CN"]\n')


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pool.en.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "l10n.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _msgids(pot: Path) -> list[str]:
    return [e.msgid for e in polib.pofile(str(pot))]


@pytest.mark.parametrize(("flags", "expected"), [
    ([], ["The pool reopens on Monday. Entry is free for children."]),
    (["--segmentation", "sentence"], ["The pool reopens on Monday.", "Entry is free for children."]),
])
def test_extract_reads_root_segmentation_and_folder_from_config(configured: Path, cli, flags: list[str],
                                                                expected: list[str]) -> None:
    assert cli("extract", "--config", "l10n.toml", *flags, "site/pool.en.html").code == 0
    assert _msgids(configured / "l10n" / "locales" / "pool.en.pot") == expected


def test_without_config_the_defaults_apply(configured: Path, cli) -> None:
    (configured / "l10n.toml").rename(configured / "site.toml")  # l10n.toml would be found (test_config_discovery)
    assert cli("extract", "site/pool.en.html").code == 0
    msgids = _msgids(configured / "locales" / "pool.en.pot")
    assert "Visit our newsroom for more stories." in msgids  # no root configured: the whole body
    assert "The pool reopens on Monday." in msgids  # sentences


def test_build_reads_locales_folders_and_output_names_from_config(configured: Path, cli) -> None:
    assert cli("extract", "--config", "l10n.toml", "site/pool.en.html").code == 0
    assert cli("update", "--locales-dir", "l10n/locales", "--locale", "zh-Hans-CN").code == 0
    r = cli("build", "--config", "l10n.toml", "site/pool.en.html")
    assert r.code == 0, r.err
    assert [p.relative_to(configured).as_posix() for p in (configured / "l10n" / "out").rglob("*.html")] == [
        "l10n/out/zh_Hans_CN/pool.en.html"]  # strip_language_suffix = false; one locale
    r = cli("build", "--config", "l10n.toml", "--strip-language-suffix", "-o", "other", "site/pool.en.html")
    assert r.code == 0 and (configured / "other" / "zh_Hans_CN" / "pool.html").exists()


def test_a_bad_config_is_one_line_and_exit_2(configured: Path, cli) -> None:
    (configured / "bad.toml").write_text('[sources]\nsegmentation = "word"\n', encoding="utf-8")
    r = cli("extract", "--config", "bad.toml", "site/pool.en.html")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "segmentation" in r.err
    assert not (configured / "locales").exists()


LONG = ("The Transport Department will extend the cross-harbour ferry timetable to every fifteen "
        "minutes on weekdays from the first of April.")


@pytest.mark.parametrize(("flags", "wrapped"), [
    ([], False),  # [output] po_width = 0: no wrapping
    (["--width", "79"], True),  # the default value, given: it wins over the configuration
])
def test_a_flag_given_wins_even_with_its_default_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli,
                                                       flags: list[str], wrapped: bool) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.md").write_text(f"{LONG}\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text("[output]\npo_width = 0\n", encoding="utf-8")
    assert cli("extract", "--config", "c.toml", *flags, "n.md").code == 0
    pot = (tmp_path / "locales" / "n.pot").read_text(encoding="utf-8")
    assert (f'msgid "{LONG}"' not in pot) is wrapped
