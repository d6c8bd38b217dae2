"""Sentence joins (``#, l10n-joined``): a translator writes one Chinese sentence for two
English sentences of the same paragraph; build, check, untranslated and update agree."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.build import build
from l10n.extract import extract, update
from l10n.integrity import check_catalogs
from l10n.locales import parse_locale
from l10n.pofile import JOINED_FLAG

HK = parse_locale("zh-Hant-HK")
FIRST = "The centre opened on Monday."
SECOND = "It has 40 desks."
THIRD = "Entry is free."
JOINED_ZH = "中心於星期一開幕，設有40張辦公桌。"
MD = f"# Harbour Lab\n\n{FIRST} {SECOND} {THIRD}\n"
HTML = (f"<!DOCTYPE html>\n<html><head><title>Harbour Lab</title></head><body>\n"
        f"<p>{FIRST} {SECOND} {THIRD}</p>\n</body></html>\n")


def _project(tmp: Path, name: str, text: str) -> Path:
    (tmp / name).write_text(text, encoding="utf-8")
    extract([tmp / name], tmp / "locales")
    update(tmp / "locales", [HK])
    return tmp / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / f"{Path(name).stem}.po"


def _translate(po_file: Path, table: dict[str, str], joined: tuple[str, ...] = ()) -> None:
    """Edit as a translator: msgid -> msgstr (approved); ``joined`` get the flag, no msgstr."""
    po = polib.pofile(str(po_file), wrapwidth=79)
    for e in po:
        if e.msgid in table:
            e.msgstr, e.flags = table[e.msgid], []
        if e.msgid in joined:
            e.msgstr, e.flags = "", [JOINED_FLAG]
    po.save(str(po_file))


def _built(tmp: Path, name: str) -> str:
    return build(tmp / name, HK, locales_dir=tmp / "locales", out_dir=tmp / "out").output.read_text()


TABLE = {"Harbour Lab": "海港實驗室", FIRST: JOINED_ZH, THIRD: "免費入場。"}


@pytest.mark.parametrize("name,text", [("lab.md", MD), ("lab.html", HTML)])
def test_join_builds_no_english(tmp_path: Path, name: str, text: str) -> None:
    po_file = _project(tmp_path, name, text)
    _translate(po_file, TABLE, joined=(SECOND,))
    out = _built(tmp_path, name)
    assert f"{JOINED_ZH}免費入場。" in out
    for english in (FIRST, SECOND, THIRD):
        assert english not in out


def test_without_the_flag_the_empty_entry_stays_english(tmp_path: Path) -> None:
    """What the join fixes: before it, the second sentence fell back to English."""
    po_file = _project(tmp_path, "lab.md", MD)
    _translate(po_file, TABLE)
    assert SECOND in _built(tmp_path, "lab.md")


def test_join_whose_carrier_is_untranslated_keeps_the_block_english(tmp_path: Path) -> None:
    po_file = _project(tmp_path, "lab.md", MD)
    _translate(po_file, {"Harbour Lab": "海港實驗室", THIRD: "免費入場。"}, joined=(SECOND,))
    out = _built(tmp_path, "lab.md")
    assert "海港實驗室" in out and f"{FIRST} {SECOND} {THIRD}" in out


def test_join_across_a_repeated_sentence(tmp_path: Path) -> None:
    """SECOND occurs twice (one entry, two references): after FIRST the join holds; after
    a different sentence it cannot, and that paragraph stays whole in English instead of
    losing a sentence."""
    other = "Bookings open today."
    text = f"{FIRST} {SECOND}\n\n{other} {SECOND}\n"
    po_file = _project(tmp_path, "lab.md", text)
    assert len(next(e for e in polib.pofile(str(po_file)) if e.msgid == SECOND).occurrences) == 2
    _translate(po_file, {FIRST: JOINED_ZH, other: "今日開始預約。"}, joined=(SECOND,))
    out = _built(tmp_path, "lab.md").split("\n")
    assert out[0] == JOINED_ZH
    assert out[2] == f"{other} {SECOND}"


def test_check_compares_both_sources_with_the_joined_target(tmp_path: Path) -> None:
    po_file = _project(tmp_path, "lab.md", MD)
    _translate(po_file, {**TABLE, FIRST: "中心於星期一開幕，設有45張辦公桌。"}, joined=(SECOND,))
    report = check_catalogs([po_file])
    numbers = [f for f in report.findings if f.check == "numbers"]
    assert numbers, report.findings
    assert "untranslated" not in {f.check for f in report.findings if SECOND in f.msgid}
    _translate(po_file, TABLE, joined=(SECOND,))
    report = check_catalogs([po_file])
    assert not [f for f in report.findings if f.check in ("numbers", "untranslated")]


def test_untranslated_still_reports_an_unjoined_empty_entry(tmp_path: Path) -> None:
    po_file = _project(tmp_path, "lab.md", MD)
    _translate(po_file, TABLE)
    found = [f for f in check_catalogs([po_file]).findings if f.check == "untranslated"]
    assert [f.msgid for f in found] == [SECOND]


def _flags(po_file: Path, msgid: str) -> list[str]:
    return next(e.flags for e in polib.pofile(str(po_file)) if e.msgid == msgid)


@pytest.mark.parametrize("edit,kept", [
    (lambda t: t, True),  # nothing changed
    (lambda t: t.replace(THIRD, "Entry is free of charge."), True),  # a neighbour changed
    (lambda t: t.replace(FIRST, "The centre opened on Tuesday."), False),  # the carrier changed
    (lambda t: t.replace(SECOND, "It has 45 desks."), False),  # the joined sentence changed
])
def test_update_keeps_the_join_only_while_both_sources_are_unchanged(tmp_path: Path, edit, kept: bool) -> None:
    po_file = _project(tmp_path, "lab.md", MD)
    _translate(po_file, TABLE, joined=(SECOND,))
    _project(tmp_path, "lab.md", edit(MD))
    second = next((e for e in polib.pofile(str(po_file)) if e.msgid.startswith("It has")), None)
    assert second is not None
    assert (JOINED_FLAG in second.flags) is kept


def test_paragraph_segmentation_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--segmentation paragraph``: one unit per block at extract, the same at build."""
    from l10n.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lab.md").write_text(MD, encoding="utf-8")
    assert main(["extract", "--segmentation", "paragraph", "lab.md"]) == 0
    assert main(["update", "--locale", "zh-Hant-HK"]) == 0
    po_file = tmp_path / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    paragraph = f"{FIRST} {SECOND} {THIRD}"
    assert [e.msgid for e in polib.pofile(str(po_file))] == ["Harbour Lab", paragraph]
    _translate(po_file, {"Harbour Lab": "海港實驗室", paragraph: JOINED_ZH + "免費入場。"})
    assert main(["build", "--segmentation", "paragraph", "--locale", "zh-Hant-HK", "lab.md"]) == 0
    out = (tmp_path / "out" / "zh_Hant_HK" / "lab.md").read_text()
    assert out == f"# 海港實驗室\n\n{JOINED_ZH}免費入場。\n"
    assert main(["build", "--locale", "zh-Hant-HK", "lab.md"]) == 0  # by sentence: the paragraph is not found
    assert paragraph in (tmp_path / "out" / "zh_Hant_HK" / "lab.md").read_text()


def test_paragraph_segmentation_is_a_configuration_key() -> None:
    from l10n.config import settings_from_mapping
    from l10n.errors import ConfigError

    assert settings_from_mapping({"sources": {"segmentation": "paragraph"}}).segmentation == "paragraph"
    with pytest.raises(ConfigError):
        settings_from_mapping({"sources": {"segmentation": "word"}})


def test_machine_translation_leaves_a_joined_entry_empty() -> None:
    """A draft in a joined entry would undo the join (English back in the build)."""
    from l10n.translate import needs_draft

    assert not needs_draft(polib.POEntry(msgid=SECOND, msgstr="", flags=[JOINED_FLAG]))
    assert needs_draft(polib.POEntry(msgid=SECOND, msgstr=""))


def test_a_fuzzy_carry_over_drops_the_join() -> None:
    from l10n import catalog

    old = polib.POFile()
    old.append(polib.POEntry(msgid="It has 40 desks today.", msgstr="有40張。", flags=[JOINED_FLAG]))
    pot = polib.POFile()
    pot.append(polib.POEntry(msgid="It has 40 desks today!"))
    [merged] = list(catalog.merge(pot, old, HK))
    assert merged.fuzzy and merged.msgstr == "有40張。" and JOINED_FLAG not in merged.flags


def test_the_batch_segments_by_paragraph_when_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``[sources] segmentation = "paragraph"``: ``l10n run`` extracts one unit per block
    and builds with the same segmentation (the paragraph's translation lands)."""
    from l10n.config import Settings
    from l10n.pipeline import run_pipeline
    from tests.fakes import FakeTranslator, fake_engines

    monkeypatch.chdir(tmp_path)
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "lab.md").write_text(MD, encoding="utf-8")
    settings = Settings(sources=(Path("releases"),), locales=(HK,), glossary=None, segmentation="paragraph",
                        mt_enabled=False)
    run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()}))
    po_file = tmp_path / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    paragraph = f"{FIRST} {SECOND} {THIRD}"
    assert [e.msgid for e in polib.pofile(str(po_file))] == ["Harbour Lab", paragraph]
    _translate(po_file, {paragraph: JOINED_ZH + "免費入場。"})
    run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()}))
    built = next((tmp_path / "out" / "zh_Hant_HK").glob("lab*.md")).read_text()
    assert f"{JOINED_ZH}免費入場。" in built


def test_a_joined_sentence_with_a_link_keeps_the_block_english(tmp_path: Path) -> None:
    """The carrier's translation has no tags for the joined sentence's link: joining would
    lose the link silently, so the paragraph stays in English (visible, and fixable)."""
    text = f"{FIRST} It has [40 desks](https://example.org/desks).\n"
    po_file = _project(tmp_path, "lab.md", text)
    linked = next(e.msgid for e in polib.pofile(str(po_file)) if e.msgid.startswith("It has"))
    _translate(po_file, {FIRST: JOINED_ZH}, joined=(linked,))
    assert _built(tmp_path, "lab.md") == text
