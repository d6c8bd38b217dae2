"""A translator's save during a run is never lost; every writer takes the same folder locks.

The editor here is a real second process: it waits until the batch is inside its (fake,
slow) MT step, saves the catalog the way an editor does, and only then lets MT finish.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib
import pytest

from l10n import guard
from l10n.cli import main
from l10n.config import Settings, load_settings
from l10n.errors import LockHeld
from l10n.lock import hold
from l10n.mt import Hypothesis
from l10n.pipeline import run_pipeline
from tests.conftest import one_release_batch
from tests.fakes import FakeTranslator, fake_engines

HK_PO = Path("locales/zh_Hant_HK/LC_MESSAGES/lab.po")
APPROVED = "港灣實驗室今日開幕，迎來40家新初創企業。"
SENTENCE = "The Harbour Lab opened today with 40 new start-ups."
WAIT_SECONDS = 60  # only reached when something is broken; never a timing assertion

EDITOR = textwrap.dedent('''
    import os, sys, time, polib
    po_file, started, saved, mode, text = sys.argv[1:6]
    while not os.path.exists(started):
        time.sleep(0.01)
    if mode == "broken":
        with open(po_file, "a", encoding="utf-8") as f:
            f.write('msgid "half saved\\n')
    else:
        po = polib.pofile(po_file, wrapwidth=79)
        for e in po:
            if e.msgid == "The Harbour Lab opened today with 40 new start-ups.":
                e.msgstr = text
                if "fuzzy" in e.flags:
                    e.flags.remove("fuzzy")
                e.tcomment = "checked by Mei"
        po.metadata["Last-Translator"] = "Mei <mei@example.org>"
        if mode == "rename":  # Poedit and most editors: temp file, then rename
            po.save(po_file + ".editor-tmp")
            os.replace(po_file + ".editor-tmp", po_file)
        else:  # an editor that writes in place
            po.save(po_file)
    open(saved, "w").close()
''')


@dataclass
class SlowMT(FakeTranslator):
    """A fake engine whose first batch waits until the editor process has saved."""

    started: Path = Path("mt-started")
    saved: Path = Path("editor-saved")
    waited: list[float] = field(default_factory=list)

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        if not self.waited:
            self.started.touch()
            t0 = time.monotonic()
            while not self.saved.exists():
                if time.monotonic() - t0 > WAIT_SECONDS:
                    raise AssertionError("the editor process never saved")
                time.sleep(0.01)
            self.waited.append(time.monotonic() - t0)
        return super().translate_batch(texts)


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(one_release_batch(tmp_path, "zh-Hant-HK"))
    return tmp_path


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


def _editor(mode: str, text: str = APPROVED) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", EDITOR, str(HK_PO), "mt-started", "editor-saved", mode, text])


def _entry(po_file: Path, msgid: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(po_file)) if e.msgid == msgid)


@pytest.mark.parametrize("mode", ["rename", "in-place"])
def test_run_keeps_an_editor_save_made_during_mt(batch: Path, mode: str) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))  # catalogs exist, untranslated
    editor = _editor(mode)
    mt = SlowMT()
    report = run_pipeline(_settings(), engines=fake_engines({"zh": mt}))
    assert editor.wait(WAIT_SECONDS) == 0 and mt.waited
    entry = _entry(HK_PO, SENTENCE)
    assert entry.msgstr == APPROVED and not entry.fuzzy and entry.tcomment == "checked by Mei"
    assert "machine translation" not in entry.comment
    po = polib.pofile(str(HK_PO))
    assert po.metadata["Last-Translator"] == "Mei <mei@example.org>"
    assert any(e.fuzzy and e.msgstr.startswith(("译文", "譯文")) for e in po)  # MT drafts for the rest
    assert any("kept their" in m for m in report.messages)
    assert APPROVED in (batch / "out" / "zh_Hant_HK" / "lab.md").read_text(encoding="utf-8")
    assert report.exit_code in (0, 1)


def test_run_leaves_a_half_saved_file_as_it_is_and_fails_the_release(batch: Path) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    editor = _editor("broken")
    report = run_pipeline(_settings(), engines=fake_engines({"zh": SlowMT()}))
    assert editor.wait(WAIT_SECONDS) == 0
    assert HK_PO.read_text(encoding="utf-8").endswith('msgid "half saved\n')  # not overwritten
    assert report.exit_code == 2
    [failed] = report.releases
    assert failed.status == "failed" and "changed during the run" in failed.error
    # once the person fixes the file, the next run finishes the release
    HK_PO.write_text(HK_PO.read_text(encoding="utf-8").removesuffix('msgid "half saved\n'), encoding="utf-8")
    again = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    assert [r.status for r in again.releases] == ["processed"]


def test_translate_command_keeps_an_editor_save(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    mt = SlowMT()
    monkeypatch.setattr("l10n.commands.translate.default_engines", lambda *_a, **_k: fake_engines({"zh": mt}))
    editor = _editor("rename")
    code = main(["-q", "translate", "--locale", "zh-Hant-HK"])
    assert editor.wait(WAIT_SECONDS) == 0 and mt.waited
    assert code == 0
    entry = _entry(HK_PO, SENTENCE)
    assert entry.msgstr == APPROVED and not entry.fuzzy


def test_two_configurations_sharing_locales_exclude_each_other(batch: Path) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    HK_PO.write_text(HK_PO.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # force work
    first = replace(_settings(), state_dir=Path("state-a"), tm_path=Path("state-a/tm.sqlite"))
    second = replace(_settings(), state_dir=Path("state-b"), tm_path=Path("state-b/tm.sqlite"))
    mt = SlowMT()
    thread = threading.Thread(target=run_pipeline, args=(first,), kwargs={"engines": fake_engines({"zh": mt})})
    thread.start()
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not Path("mt-started").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(LockHeld, match="another l10n command"):
            run_pipeline(second, engines=fake_engines({"zh": FakeTranslator()}))
    finally:
        Path("editor-saved").touch()
        thread.join(WAIT_SECONDS)


@pytest.mark.parametrize("argv", [
    ["extract", "releases/lab.md"],
    ["update"],
    ["translate", "--no-mt"],
    ["build", "releases/lab.md"],
    ["run", "--no-mt"],
])
def test_every_catalog_writer_waits_for_the_lock(batch: Path, argv: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    with hold([Path("locales")]):
        assert main(["-q", *argv]) == 2
    err = capsys.readouterr().err
    assert "another l10n command is using this folder" in err and len(err.strip().splitlines()) == 1


def test_tm_import_takes_the_memory_folders_lock(batch: Path) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    with hold([Path(".l10n")]):
        assert main(["-q", "tm", "import", "locales"]) == 2
    assert main(["-q", "tm", "import", "locales"]) == 0


def test_wait_flag_waits_for_the_holder(batch: Path) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with hold([Path("locales")]):
            held.set()
            release.wait(WAIT_SECONDS)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(WAIT_SECONDS)
    threading.Timer(0.3, release.set).start()
    assert main(["-q", "update", "--wait"]) == 0
    thread.join(WAIT_SECONDS)


def test_shared_readers_do_not_exclude_each_other(batch: Path) -> None:
    run_pipeline(replace(_settings(), mt_enabled=False))
    with hold([Path("locales")], exclusive=False):
        assert main(["-q", "build", "releases/lab.md", "--locale", "zh-HK"]) == 0


def test_a_lock_on_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    with hold([tmp_path / "not" / "yet"]):
        assert not (tmp_path / "not").exists()
    assert sorted(tmp_path.iterdir()) == []


# --- the three-way merge itself -------------------------------------------------------------

def _po(*entries: tuple[str, str, bool], obsolete: tuple[str, ...] = ()) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "zh_Hant_HK", "Last-Translator": ""}
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [],
                                obsolete=msgid in obsolete))
    return po


@pytest.mark.parametrize(("base", "theirs", "ours", "expect", "kept"), [
    # untouched by the person: our draft stays
    ([("A", "", False)], [("A", "", False)], [("A", "甲稿", True)], ("A", "甲稿", True), 0),
    # the person approved while MT drafted: theirs wins
    ([("A", "", False)], [("A", "甲", False)], [("A", "甲稿", True)], ("A", "甲", False), 1),
    # the person edited a fuzzy draft and kept it fuzzy: theirs wins
    ([("A", "舊稿", True)], [("A", "改稿", True)], [("A", "新稿", True)], ("A", "改稿", True), 1),
    # the person only removed the fuzzy flag (approval): theirs wins
    ([("A", "稿", True)], [("A", "稿", False)], [("A", "稿", True)], ("A", "稿", False), 1),
])
def test_merge_edits_table(base: list[tuple[str, str, bool]], theirs: list[tuple[str, str, bool]],
                           ours: list[tuple[str, str, bool]], expect: tuple[str, str, bool], kept: int) -> None:
    mine = _po(*ours)
    assert guard.merge_edits(mine, _po(*base), _po(*theirs)) == kept
    [entry] = list(mine)
    assert (entry.msgid, entry.msgstr, entry.fuzzy) == expect


def test_merge_keeps_a_translation_of_a_sentence_gone_from_the_source() -> None:
    mine = _po(("B", "", False))  # the new template no longer has A
    assert guard.merge_edits(mine, _po(("A", "", False)), _po(("A", "甲", False))) == 1
    gone = mine.obsolete_entries()
    assert [(e.msgid, e.msgstr) for e in gone] == [("A", "甲")]


def test_merge_takes_header_fields_the_person_changed() -> None:
    mine, base, theirs = _po(), _po(), _po()
    theirs.metadata["Last-Translator"] = "Mei"
    theirs.metadata["X-Poedit-Basepath"] = "."
    assert guard.merge_edits(mine, base, theirs) == 2
    assert mine.metadata["Last-Translator"] == "Mei" and mine.metadata["X-Poedit-Basepath"] == "."


def test_guarded_save_writes_normally_when_nothing_changed(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Language: zh_Hant_HK\\n"\n\nmsgid "A"\nmsgstr ""\n', encoding="utf-8")
    po, snap = guard.read(path)
    assert po is not None
    po[0].msgstr = "甲"
    result = guard.save(snap, po, po)
    assert result.written and result.kept_edits == 0 and not result.conflict
    assert _entry(path, "A").msgstr == "甲"


def test_guarded_save_does_not_recreate_a_file_deleted_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Language: zh_Hant_HK\\n"\n\nmsgid "A"\nmsgstr ""\n', encoding="utf-8")
    po, snap = guard.read(path)
    path.unlink()
    assert po is not None
    result = guard.save(snap, po, po)
    assert not result.written and "deleted" in result.conflict and not path.exists()


def test_merge_tells_an_empty_context_from_no_context() -> None:
    mine = polib.POFile(wrapwidth=79)
    mine.append(polib.POEntry(msgid="A", msgstr=""))
    mine.append(polib.POEntry(msgid="A", msgctxt="", msgstr=""))
    base = polib.POFile(wrapwidth=79)
    base.append(polib.POEntry(msgid="A", msgstr=""))
    base.append(polib.POEntry(msgid="A", msgctxt="", msgstr=""))
    theirs = polib.POFile(wrapwidth=79)
    theirs.append(polib.POEntry(msgid="A", msgstr=""))
    theirs.append(polib.POEntry(msgid="A", msgctxt="", msgstr="有語境"))
    assert guard.merge_edits(mine, base, theirs) == 1
    assert [(e.msgctxt, e.msgstr) for e in mine] == [(None, ""), ("", "有語境")]
