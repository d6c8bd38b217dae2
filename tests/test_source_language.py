"""Issue 13, items 3 and 5: sources that are not English, output names, short units.

A Chinese version of a release lying next to the English one (or a Chinese index page)
is skipped with one warning; a block or element in another language is not extracted and
keeps its ``lang``; built files drop the source's language suffix; a sentence cut by a
stray line break into a one-word unit gets a warning naming the line.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from l10n.build import build_document, output_path
from l10n.config import load_settings, settings_from_mapping
from l10n.extract import extract, short_units, template_for
from l10n.formats import read_document
from l10n.formats.language import (
    declared_language,
    foreign_reason,
    is_foreign_tag,
    is_foreign_text,
    strip_language_suffix,
)
from l10n.locales import parse_locale
from l10n.pipeline import run_pipeline
from tests.fakes import FakeTranslator, fake_engines

HANT = parse_locale("zh-Hant-HK")
ROOT = Path(__file__).resolve().parent.parent

ENGLISH_MD = """# Government announces new harbour ferry route

The Transport Department announced today a new ferry route between Central and Hung Hom.

Services will start on March 3, 2025.
"""
CHINESE_MD = """# 政府宣布新增港內渡輪航線

運輸署今日宣布開辦來往中環及紅磡的新渡輪航線。

服務將於2025年3月3日開始。
"""
CHINESE_INDEX = """<!DOCTYPE html>
<html lang="zh-Hant">
<head><title>新聞公報</title></head>
<body><ul><li><a href="a.html">政府宣布新增港內渡輪航線</a></li>
<li><a href="b.html">天文台發出酷熱天氣警告</a></li></ul></body>
</html>
"""
UNDECLARED_CHINESE_INDEX = CHINESE_INDEX.replace(' lang="zh-Hant"', "")
MIXED_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Ferry route</title></head>
<body>
<p>The Transport Department announced a new ferry route.</p>
<p lang="zh-Hans">运输署宣布新的渡轮航线。</p>
<p lang="en">Services start next month.</p>
<div lang="zh-Hant"><p>Quoted in the original.</p></div>
<p>天文台今日發出酷熱天氣警告，市民應注意。</p>
</body>
</html>
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _msgids(path: Path) -> list[str]:
    return [e.msgid for e in template_for(read_document(path))]


# --- detection ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "foreign"), [
    ("The Chief Executive met the press.", False),
    ("Mr Chan Tai-man (陳大文) met the press today.", False),  # a name in Chinese: still English
    ("運輸署今日宣布開辦新渡輪航線。", True),
    ("运输署宣布新的渡轮航线。", True),
    ("東京で記者会見が行われた。", True),
    ("2025", False),
    ("", False),
])
def test_script_of_the_text_decides(text: str, foreign: bool) -> None:
    assert is_foreign_text(text) is foreign


@pytest.mark.parametrize(("tag", "foreign"), [
    ("en", False), ("en-GB", False), ("EN_us", False), (None, False), ("", False),
    ("zh-Hans", True), ("zh-Hant-HK", True), ("zh", True), ("fr", True),
])
def test_declared_tag_decides(tag: str | None, foreign: bool) -> None:
    assert is_foreign_tag(tag) is foreign


def test_root_lang_is_read_from_html_and_xhtml() -> None:
    assert declared_language(CHINESE_INDEX) == "zh-Hant"
    assert declared_language('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-Hans">') == "zh-Hans"
    assert declared_language("# Title\n") is None
    assert foreign_reason(ENGLISH_MD, [ENGLISH_MD]) is None


# --- whole files ----------------------------------------------------------------------


def test_chinese_version_next_to_the_english_one_is_skipped_with_one_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    en = _write(tmp_path, "x.en.md", ENGLISH_MD)
    zh = _write(tmp_path, "x.zh.md", CHINESE_MD)
    with caplog.at_level(logging.WARNING):
        results = extract([en, zh], tmp_path / "locales")
    assert [r.source for r in results] == [str(en)]
    assert not (tmp_path / "locales" / "x.zh.pot").exists()
    warnings = [r.getMessage() for r in caplog.records if "not an English source" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].startswith(f"{zh}: skipped")


@pytest.mark.parametrize("page", [CHINESE_INDEX, UNDECLARED_CHINESE_INDEX], ids=["declared", "by-script"])
def test_chinese_index_page_is_skipped(tmp_path: Path, cli, page: str, caplog: pytest.LogCaptureFixture) -> None:
    en = _write(tmp_path, "release.md", ENGLISH_MD)
    index = _write(tmp_path, "index.html", page)
    with caplog.at_level(logging.WARNING):
        result = cli("extract", str(en), str(index), "-o", str(tmp_path / "locales"))
    assert result.code == 0
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 1 and skipped[0].startswith(f"{index}: skipped: not an English source")
    assert (tmp_path / "locales" / "release.pot").exists()
    assert not (tmp_path / "locales" / "index.pot").exists()


def test_run_reports_a_chinese_release_as_skipped_not_failed(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "releases").mkdir()
    _write(tmp_path / "releases", "x.en.md", ENGLISH_MD)
    _write(tmp_path / "releases", "x.zh.md", CHINESE_MD)
    (tmp_path / "pipeline").mkdir()
    _write(tmp_path / "pipeline", "nightly.toml",
           '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    report = run_pipeline(load_settings(Path("pipeline/nightly.toml")),
                          engines=fake_engines({"zh": FakeTranslator()}))
    status = {Path(r.source).name: r.status for r in report.releases}
    assert status == {"x.en.md": "processed", "x.zh.md": "skipped"}
    assert report.failed == 0 and report.exit_code in (0, 1)
    assert (tmp_path / "out" / "zh_Hant_HK" / "x.md").exists()  # the suffix dropped
    assert not (tmp_path / "out" / "zh_Hant_HK" / "x.zh.md").exists()
    assert not (tmp_path / "locales" / "x.zh.pot").exists()


# --- blocks and elements --------------------------------------------------------------


def test_html_blocks_in_another_language_are_not_extracted(tmp_path: Path) -> None:
    page = _write(tmp_path, "page.html", MIXED_PAGE)
    assert _msgids(page) == ["Ferry route", "The Transport Department announced a new ferry route.",
                             "Services start next month."]


def test_markdown_block_in_chinese_is_not_extracted(tmp_path: Path) -> None:
    md = _write(tmp_path, "r.md", ENGLISH_MD + "\n" + CHINESE_MD.split("\n\n")[1] + "\n")
    ids = _msgids(md)
    assert "運輸署今日宣布開辦來往中環及紅磡的新渡輪航線。" not in ids
    assert "Services will start on March 3, 2025." in ids


def _translated(pot: polib.POFile) -> polib.POFile:
    po = polib.POFile()
    for e in pot:
        po.append(polib.POEntry(msgid=e.msgid, msgstr=f"譯{len(e.msgid)}。"))
    return po


def test_build_fixes_nested_lang_the_translation_changed(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.html", MIXED_PAGE))
    data, _total, used = build_document(doc, _translated(template_for(doc)), HANT)
    out = data.decode("utf-8")
    assert used == 3
    assert '<html lang="zh-Hant-HK">' in out
    assert '<p lang="zh-Hant-HK">譯26。</p>' in out  # was lang="en", now holds Chinese
    assert '<p lang="zh-Hans">运输署宣布新的渡轮航线。</p>' in out  # not extracted: kept as is
    assert '<div lang="zh-Hant"><p>Quoted in the original.</p></div>' in out
    assert 'lang="en"' not in out


def test_untranslated_page_keeps_its_nested_lang(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.html", MIXED_PAGE))
    out = build_document(doc, polib.POFile(), HANT)[0].decode("utf-8")
    assert '<p lang="en">Services start next month.</p>' in out


# --- output names ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("x.en.md", "x.md"), ("x_en.html", "x.html"), ("x-en.html", "x.html"), ("x.en-GB.md", "x.md"),
    ("x.EN.md", "x.md"), ("x.md", "x.md"), ("green.md", "green.md"), ("token.html", "token.html"),
    ("x.zh.md", "x.zh.md"), ("en.md", "en.md"), (".en.md", ".en.md"),
])
def test_language_suffix_rule(name: str, expected: str) -> None:
    assert strip_language_suffix(name) == expected


def test_output_path_drops_the_suffix_unless_configured_not_to(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert output_path(out, HANT, "releases/x.en.md") == out / "zh_Hant_HK" / "x.md"
    assert output_path(out, HANT, "releases/x.en.md", strip_suffix=False) == out / "zh_Hant_HK" / "x.en.md"
    assert settings_from_mapping({}).strip_language_suffix is True
    assert settings_from_mapping({"output": {"strip_language_suffix": False}}).strip_language_suffix is False


def test_build_command_writes_the_name_without_suffix(tmp_path: Path, cli) -> None:
    src = _write(tmp_path, "x.en.md", ENGLISH_MD)
    loc = tmp_path / "locales"
    assert cli("extract", str(src), "-o", str(loc)).code == 0
    assert cli("update", "--locales-dir", str(loc), "--locale", "zh-Hant-HK").code == 0
    result = cli("build", str(src), "--locales-dir", str(loc), "-o", str(tmp_path / "out"), "--locale", "zh-Hant-HK")
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "zh_Hant_HK" / "x.md").read_text(encoding="utf-8") == ENGLISH_MD
    assert (loc / "x.en.pot").exists()  # the catalog keeps the full stem (see README)


# --- short units ----------------------------------------------------------------------

#: A stray blank line inside a sentence: the paragraph before it ends with the unit "In".
STRAY_BREAK_MD = """# Ferry routes

Ferry services will expand.
In

the coming year, three new routes will open.
"""


def test_one_word_unit_cut_by_a_line_break_is_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    src = _write(tmp_path, "notes.md", STRAY_BREAK_MD)
    assert short_units(read_document(src)) == [(4, "In")]
    with caplog.at_level(logging.WARNING):
        extract([src], tmp_path / "locales")
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(m.startswith(f"{src}:4: unit 'In'") for m in messages)


def test_short_unit_warning_is_on_stderr_and_extract_succeeds(tmp_path: Path) -> None:
    """A real process: the warning is one ``WARNING:`` line on stderr, the exit code 0."""
    src = _write(tmp_path, "notes.md", STRAY_BREAK_MD)
    proc = subprocess.run([sys.executable, "-m", "l10n", "extract", str(src), "-o", str(tmp_path / "locales")],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert f"WARNING: {src}:4: unit 'In'" in proc.stderr


@pytest.mark.parametrize("text", [
    "# Ferry\n\nA new route opens.\n",  # a short heading, then a sentence
    "Contact:\nMr Chan\nTel: 2345 6789\n",  # short lines of a contact block
    "Thank you.\n\nIt works.\n",
    "Yes\nMaybe\n",
])
def test_short_units_that_are_not_cut_sentences_are_quiet(tmp_path: Path, text: str) -> None:
    assert short_units(read_document(_write(tmp_path, "r.txt", text))) == []


def test_sample_releases_give_no_short_unit_warning(data_dir: Path, tmp_path: Path) -> None:
    for path in sorted((data_dir / "foundation").glob("release.*")):
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        assert short_units(read_document(copy)) == [], path.name


def test_html_elements_are_not_cut_sentences(tmp_path: Path) -> None:
    """Separate elements end where the markup says, not at a stray break: no warning."""
    page = _write(tmp_path, "p.html", "<div>Loose div text <p>inner para</p> trailing text</div>")
    assert short_units(read_document(page)) == []
    cut = _write(tmp_path, "q.html", "<p>Ferry services will expand. In<br>the coming year, routes open.</p>")
    assert short_units(read_document(cut)) == [(1, "In")]


@pytest.mark.parametrize("text", [
    "| Service | Hours |\n|---|---|\n| Opening hours | <1/> daily from nine |\n",
    "| Service | Hours |\n|---|---|\n| Opening hours | 「九龍」 daily from nine |\n",
    "- Ferry pier\n- open daily\n",
    "## Opening hours\n\nfrom nine daily.\n",
])
def test_structural_blocks_are_not_cut_sentences(tmp_path: Path, text: str) -> None:
    """A table cell, list item or heading ends where the structure says: the next block
    starting in lower case (after a kept placeholder, say) is no continuation."""
    assert short_units(read_document(_write(tmp_path, "r.md", text))) == []
