"""Issue 12, item 4: what l10n knows about its drafts survives msgmerge, editors and re-saves.

The facts live in ``.l10n/state.sqlite`` (table ``drafts``, keyed by locale, context, msgid and msgstr digest),
so a catalog whose ``#.`` comments another tool removed or rewrote still has its stale
machine drafts redrafted, and a draft a person edited is still never replaced. The tools
are the real ones: GNU ``msgmerge``/``msgcat``, polib and Babel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from conftest import one_release_batch
from fakes import FakeTranslator, fake_engines

from l10n import provenance
from l10n.config import load_settings
from l10n.drafts import DraftStore
from l10n.mt import Hypothesis
from l10n.pipeline import run_pipeline
from l10n.translate import Draft, Origin, apply_draft

PO = Path("locales/zh_Hans_CN/LC_MESSAGES/lab.po")
POT = Path("locales/lab.pot")
STALE_OLD, STALE_NEW = "founders from 12 economies.", "founders from 14 economies."
EDITED_OLD, EDITED_NEW = "at No. 5 Science Park Road.", "at No. 7 Science Park Road."
UNCHANGED = "Harbour Lab Opens Its Doors"
PERSON = "李先生與黃博士會面。"

needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext not installed")


class EchoDraft(FakeTranslator):
    """A different draft for every input (the shared fake gives many inputs one text)."""

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(list(texts))
        return [Hypothesis(f"译：{t}", 0.0) for t in texts]


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    one_release_batch(tmp_path, "zh-Hans-CN")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(translator: FakeTranslator | None = None) -> FakeTranslator:
    translator = translator or EchoDraft()
    report = run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": translator}))
    assert report.failed == 0
    return translator


def _entry(po: polib.POFile, tail: str) -> polib.POEntry:
    [found] = [e for e in po if e.msgid.endswith(tail) and not e.obsolete]
    return found


def _edit_as_person(tail: str, text: str) -> None:
    """Poedit-like: the msgstr changed, the entry left fuzzy."""
    po = polib.pofile(str(PO), wrapwidth=79)
    _entry(po, tail).msgstr = text
    po.save(str(PO))


def _change_source() -> None:
    """Two sentences of the release change, and the template is extracted again."""
    release = Path("releases/lab.md")
    release.write_text(release.read_text(encoding="utf-8").replace(STALE_OLD, STALE_NEW)
                       .replace(EDITED_OLD, EDITED_NEW), encoding="utf-8")
    from l10n.cli import main

    assert main(["extract", "--quiet", "releases/lab.md"]) == 0


MSGMERGE = {
    "msgmerge -U --previous": ["msgmerge", "--quiet", "-U", "--previous", "--backup=none", str(PO), str(POT)],
    "msgmerge -U (no #|)": ["msgmerge", "--quiet", "-U", "--backup=none", str(PO), str(POT)],
    "msgmerge --previous -o": ["msgmerge", "--quiet", "--previous", "-o", str(PO), str(PO), str(POT)],
}


@needs_gettext
@pytest.mark.parametrize("command", MSGMERGE.values(), ids=MSGMERGE.keys())
def test_msgmerge_then_run_redrafts_stale_drafts_and_keeps_a_persons_edit(batch: Path, command: list[str]) -> None:
    _run()
    assert "l10n-draft:" not in PO.read_text(encoding="utf-8")  # no longer written
    _edit_as_person(EDITED_OLD, PERSON)
    _change_source()
    subprocess.run(command, check=True)
    merged = polib.pofile(str(PO))
    assert not any(provenance.has(e.comment, provenance.Origin.MT) for e in merged)  # msgmerge removed them all
    assert _entry(merged, STALE_NEW).fuzzy and _entry(merged, EDITED_NEW).fuzzy

    again = _run()
    asked = [t for call in again.calls for t in call]
    assert any("economies" in t for t in asked)  # the stale draft went back to the engine
    assert not any("Science Park" in t for t in asked)  # the person's edit did not
    po = polib.pofile(str(PO))
    stale = _entry(po, STALE_NEW)
    assert stale.msgstr.startswith("译：") and "14" in stale.msgstr and stale.previous_msgid is None
    edited = _entry(po, EDITED_NEW)
    assert edited.msgstr == PERSON and edited.fuzzy
    # the notes for people come back from the state, one line each, never repeated
    for e in (stale, _entry(po, UNCHANGED)):
        notes = provenance.getnotes(e.comment)
        assert notes == ["machine translation: fake en→zh 0.0"], e.comment
    assert "l10n-draft:" not in PO.read_text(encoding="utf-8")


def _polib_save() -> None:
    polib.pofile(str(PO), wrapwidth=79).save(str(PO))


def _msgcat_save() -> None:
    subprocess.run(["msgcat", "-o", str(PO), str(PO)], check=True)


def _babel_save() -> None:
    """Babel wraps ``#.`` lines at its width: a long note comes back in two lines."""
    from babel.messages.pofile import read_po, write_po

    with PO.open("rb") as f:
        catalog = read_po(f)
    with PO.open("wb") as f:
        write_po(f, catalog, width=30, include_previous=True)


RESAVES: dict[str, Callable[[], None]] = {"polib": _polib_save, "msgcat": _msgcat_save, "babel": _babel_save}


@needs_gettext
@pytest.mark.parametrize("resave", RESAVES.values(), ids=RESAVES.keys())
def test_an_editor_resave_keeps_drafts_recognised(batch: Path, resave: Callable[[], None]) -> None:
    _run()
    resave()
    if resave is _babel_save:
        assert "#. machine translation: fake\n#. en→zh 0.0\n" in PO.read_text(encoding="utf-8")
    _change_source()
    _run()  # the pipeline's own update marks the changed drafts fuzzy with #|
    po = polib.pofile(str(PO))
    assert _entry(po, STALE_NEW).msgstr.startswith("译：") and "14" in _entry(po, STALE_NEW).msgstr
    assert _entry(po, EDITED_NEW).previous_msgid is None  # redrafted too: nobody edited it
    for e in po:  # whatever the editor did to the notes, each is one whole line, once
        if e.msgid and not e.obsolete:
            by_rule = e.msgid in ("Tel: <1/>", "Email: <1><2/></1>")  # contact lines
            note = ("rendered by rule: contact label (zh-Hans-CN release style)" if by_rule
                    else "machine translation: fake en→zh 0.0")
            assert provenance.getnotes(e.comment) == [note], e.comment


def test_a_legacy_digest_comment_is_imported_and_no_longer_written(batch: Path) -> None:
    """Catalogs written before the state existed keep working (migration)."""
    _run()
    po = polib.pofile(str(PO), wrapwidth=79)
    for e in po:
        if e.msgstr:
            e.comment = provenance.join([*provenance.lines(e.comment), provenance.draft_note(e.msgstr)])
    po.save(str(PO))
    Path(".l10n/state.sqlite").unlink()  # as in a project from before the state existed
    _change_source()
    again = _run()
    assert any("economies" in t for call in again.calls for t in call)
    assert "l10n-draft:" not in PO.read_text(encoding="utf-8")
    stale = _entry(polib.pofile(str(PO)), STALE_NEW)
    assert DraftStore.open(Path(".l10n")).sources_of("zh-Hans-CN", stale.msgstr) == [("", stale.msgid)]


@needs_gettext
def test_a_draft_approved_unchanged_is_a_persons_even_after_msgmerge(batch: Path) -> None:
    _run()
    po = polib.pofile(str(PO), wrapwidth=79)
    approved = _entry(po, STALE_OLD)
    approved.flags = []  # approved as it was
    po.save(str(PO))
    _run()  # sees the approval
    _change_source()
    subprocess.run(MSGMERGE["msgmerge -U --previous"], check=True)
    again = _run()
    assert not any("economies" in t for call in again.calls for t in call)
    assert _entry(polib.pofile(str(PO)), STALE_NEW).msgstr == approved.msgstr


@pytest.mark.parametrize(
    ("fuzzy", "comment", "expected"),
    [
        # a fuzzy draft keeps its findings and the warning update wrote
        (True, [provenance.check("x"), provenance.HUMAN_NOTE], ["machine translation: e", provenance.check("x"),
                                                               provenance.HUMAN_NOTE]),
        # once approved, neither the findings nor the warning apply
        (False, [provenance.check("x"), provenance.HUMAN_NOTE], ["machine translation: e"]),
    ],
)
def test_notes_are_written_once_and_dropped_when_they_no_longer_apply(fuzzy: bool, comment: list[str],
                                                                     expected: list[str]) -> None:
    notes = ["machine translation: e", provenance.check("x"), "machine translation: e", provenance.check("x")]
    assert provenance.for_entry(notes, provenance.join(comment), fuzzy) == expected


def test_apply_draft_records_the_draft_and_writes_each_note_once(tmp_path: Path) -> None:
    drafts = DraftStore.open(tmp_path)
    entry = polib.POEntry(msgid="Cyberport", msgstr="", comment="heading 1")
    note = provenance.machine("e")
    apply_draft(entry, Draft("數碼港", True, Origin.MT, (note, note)), "zh-Hant-HK", drafts)
    assert entry.comment.split("\n") == ["heading 1", note]
    assert drafts.save() and not drafts.save()  # written once, then only when it changes
    again = DraftStore.open(tmp_path)
    assert again.sources_of("zh-Hant-HK", "數碼港") == [("", "Cyberport")]
    assert again.find("zh-Hant-HK", ("", "Cyberport"), "數碼港-edited") is None


def test_a_broken_state_file_is_a_typed_error(tmp_path: Path) -> None:
    from l10n.errors import InputError

    (tmp_path / "drafts.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        DraftStore.open(tmp_path)
    (tmp_path / "drafts.json").write_text('{"version": 99}', encoding="utf-8")
    with pytest.raises(InputError, match="not version"):
        DraftStore.open(tmp_path)


def test_translate_command_uses_the_state_folder(batch: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """``l10n translate`` reads and writes the same state as ``run`` (``--state-dir``)."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", os.fspath(batch / "no-packages"))
    _run()
    r = cli("translate", "--locale", "zh-Hans-CN", "--state-dir", ".l10n", "--no-mt")
    assert r.code == 0, r.err
    assert "0 pending" in r.out


def test_refresh_notes_mends_a_note_babel_wrapped_in_two(batch: Path) -> None:
    """What ``update`` can call: a note cut in two by Babel comes back whole from the state,
    and the merge (which rebuilds ``#.`` from the template) drops the orphaned half."""
    from l10n import catalog
    from l10n.locales import parse_locale
    from l10n.translate import refresh_notes

    _run()
    _babel_save()
    pot = polib.pofile(str(POT))
    merged = catalog.merge(pot, polib.pofile(str(PO)), parse_locale("zh-Hans-CN"))
    cut = _entry(merged, UNCHANGED)
    assert provenance.getnotes(cut.comment) == ["machine translation: fake"]  # half a note
    drafts = DraftStore.open(Path(".l10n"))
    assert refresh_notes(merged, "zh-Hans-CN", drafts) > 0
    assert provenance.getnotes(cut.comment) == ["machine translation: fake en→zh 0.0"]
    assert refresh_notes(merged, "zh-Hans-CN", drafts) == 0  # settled


@needs_gettext
def test_update_alone_writes_the_notes_back_from_the_state(batch: Path) -> None:
    """msgmerge regenerates ``#.`` from the template; ``l10n update`` puts ours back."""
    from l10n.cli import main

    _run()
    subprocess.run(MSGMERGE["msgmerge -U --previous"], check=True)
    assert not any(provenance.has(e.comment, provenance.Origin.MT) for e in polib.pofile(str(PO)))
    assert main(["-q", "update", "--locale", "zh-Hans-CN"]) == 0
    entry = _entry(polib.pofile(str(PO)), UNCHANGED)
    assert provenance.getnotes(entry.comment) == ["machine translation: fake en→zh 0.0"]
