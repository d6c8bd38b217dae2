"""``l10n xliff import``: the merge rules (a person's translation is never replaced by an
older or unapproved one), tag validation, checks on imported entries, locks, concurrent
saves and hostile or malformed files."""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from l10n.exchange import xliff as xliff_module
from l10n.exchange.common import ImportedUnit, State, state_digest, unit_id
from l10n.exchange.merge import SKIPPED, UNCHANGED, UPDATED, merge_units
from l10n.lock import hold
from tests.conftest import CliResult, snapshot
from tests.xliff_support import PO_REL, make_project

SOURCE = "The lab cost HK$44.3 million."
OLD = "實驗室耗資4,430萬港元。"
NEW = "實驗室的成本為4,430萬港元。"


def _po(msgstr: str, fuzzy: bool) -> polib.POFile:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=SOURCE, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    return po


def _unit(target: str | None, state: State, digest: str | None, source: str = SOURCE) -> ImportedUnit:
    return ImportedUnit(unit_id(None, SOURCE), 7, source, target, state, digest)


EXPORTED_APPROVED = state_digest(OLD, False)
EXPORTED_DRAFT = state_digest(OLD, True)
EXPORTED_EMPTY = state_digest("", False)

#: (PO msgstr, PO fuzzy, XLIFF target, XLIFF state, digest at export) -> status, PO after
RULES = [
    # the PO is as exported: the file holds the newer edit
    ("approved unchanged, final edit wins", OLD, False, NEW, State.APPROVED, EXPORTED_APPROVED, UPDATED, (NEW, False)),
    ("approved unchanged, unapproved edit refused", OLD, False, NEW, State.DRAFT, EXPORTED_APPROVED, SKIPPED, (OLD, False)),
    ("approved, same text unapproved: stays approved", OLD, False, OLD, State.DRAFT, EXPORTED_APPROVED, UNCHANGED, (OLD, False)),
    ("draft unchanged, draft edit", OLD, True, NEW, State.DRAFT, EXPORTED_DRAFT, UPDATED, (NEW, True)),
    ("draft approved as is", OLD, True, OLD, State.APPROVED, EXPORTED_DRAFT, UPDATED, (OLD, False)),
    ("empty filled", "", False, NEW, State.DRAFT, EXPORTED_EMPTY, UPDATED, (NEW, True)),
    ("no target", "", False, None, State.NEW, EXPORTED_EMPTY, UNCHANGED, ("", False)),
    # the PO changed after the export
    ("approved in PO meanwhile: conflict", NEW, False, "別的譯文4,430萬港元", State.APPROVED, EXPORTED_DRAFT, SKIPPED, (NEW, False)),
    ("newer PO draft beats an unapproved segment", NEW, True, "舊稿4,430萬港元", State.DRAFT, EXPORTED_DRAFT, SKIPPED, (NEW, True)),
    ("approved segment beats a newer PO draft", NEW, True, OLD, State.APPROVED, EXPORTED_APPROVED, UPDATED, (OLD, False)),
    # a file without our export record (another tool's)
    ("foreign file never replaces approved", OLD, False, NEW, State.APPROVED, None, SKIPPED, (OLD, False)),
    ("foreign file fills a draft", OLD, True, NEW, State.DRAFT, None, UPDATED, (NEW, True)),
]


@pytest.mark.parametrize(("msgstr", "fuzzy", "target", "state", "digest", "status", "after"),
                         [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_merge_rules(msgstr: str, fuzzy: bool, target: str | None, state: State, digest: str | None,
                     status: str, after: tuple[str, bool]) -> None:
    po = _po(msgstr, fuzzy)
    summary = merge_units(po, (_unit(target, state, digest),))
    assert [o.status for o in summary.outcomes] == [status]
    assert (po[0].msgstr, po[0].fuzzy) == after


@pytest.mark.parametrize(("target", "source", "reason"), [
    ("實驗室耗資<1/>4,430萬港元。", SOURCE, "inline codes differ from the source: extra <1/>"),
    (NEW, "The lab cost HK$45 million.", "the source text differs"),
])
def test_units_skipped_with_a_reason(target: str, source: str, reason: str) -> None:
    po = _po(OLD, True)
    summary = merge_units(po, (_unit(target, State.DRAFT, EXPORTED_DRAFT, source),))
    assert summary.outcomes[0].status == SKIPPED
    assert summary.outcomes[0].reason.startswith(reason)
    assert po[0].msgstr == OLD


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]) -> Path:
    """A project with the fixture catalog and its XLIFF 2.0 export ``r.xlf`` (the cwd)."""
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("xliff", "export", "-l", "zh-Hant-HK", "-o", "r.xlf").code == 0
    return tmp_path / "r.xlf"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_dropped_inline_code_is_reported_with_file_and_line(exported: Path, cli: Callable[..., CliResult]) -> None:
    before = (exported.parent / PO_REL).read_bytes()
    unit_line = _line_of(exported, unit_id(None, "Write to <1/> for photos."))
    text = exported.read_text(encoding="utf-8")
    dropped = re.sub(r'(<target>如需照片，請致函)<ph id="1"[^>]*/>', r"\1press@example.org", text)
    assert dropped != text
    exported.write_text(dropped, encoding="utf-8")
    result = cli("xliff", "import", "r.xlf")
    assert result.code == 1
    uid = unit_id(None, "Write to <1/> for photos.")
    assert f"r.xlf:{unit_line}: skipped unit {uid}: inline codes differ from the source: missing <1/>" in result.out
    assert (exported.parent / PO_REL).read_bytes() == before


def test_imported_entries_are_checked(exported: Path, cli: Callable[..., CliResult]) -> None:
    """A wrong magnitude typed in the CAT tool is imported (it is the translator's text)
    and reported by the numbers check, with the PO line; exit 1."""
    _replace(exported, "實驗室耗資4,430萬港元。", "實驗室耗資443萬港元。")
    _replace(exported, "<segment state=\"final\">\n        <source>The lab cost",
             "<segment state=\"translated\">\n        <source>The lab cost")
    result = cli("xliff", "import", "r.xlf")
    assert "skipped" in result.out  # an unapproved segment does not replace an approved translation
    assert result.code == 1
    _replace(exported, "<segment state=\"translated\">\n        <source>The lab cost",
             "<segment state=\"final\">\n        <source>The lab cost")
    result = cli("xliff", "import", "r.xlf")
    assert result.code == 1
    assert "error: [numbers]" in result.out
    po_line = _line_of(exported.parent / PO_REL, 'msgid "The lab cost HK$44.3 million."')
    assert f"{PO_REL}:{po_line}: error: [numbers]" in result.out
    assert result.out.endswith("1 updated, 6 unchanged, 0 skipped (written)\n")


def test_dry_run_writes_nothing(exported: Path, cli: Callable[..., CliResult]) -> None:
    _replace(exported, "實驗室耗資4,430萬港元。", "實驗室的成本為4,430萬港元。")
    before = snapshot(exported.parent)
    result = cli("xliff", "import", "r.xlf", "--dry-run")
    assert result.code == 0
    assert result.out.endswith("1 updated, 6 unchanged, 0 skipped (dry run, nothing written)\n")
    assert snapshot(exported.parent) == before


def test_a_translators_save_during_the_import_is_kept(exported: Path, cli: Callable[..., CliResult],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Poedit saves another entry between our read and our write: both edits survive."""
    po_file = exported.parent / PO_REL
    _replace(exported, "實驗室耗資4,430萬港元。", "實驗室的成本為4,430萬港元。")
    real_merge = xliff_module.merge_units

    def merge_then_someone_saves(po: polib.POFile, units: tuple[ImportedUnit, ...]) -> object:
        result = real_merge(po, units)
        _replace(po_file, 'msgstr "數碼港人工智能實驗室開幕"', 'msgstr "數碼港人工智能實驗室啟用"')
        return result

    monkeypatch.setattr(xliff_module, "merge_units", merge_then_someone_saves)
    assert cli("xliff", "import", "r.xlf").code == 0
    text = po_file.read_text(encoding="utf-8")
    assert 'msgstr "實驗室的成本為4,430萬港元。"' in text
    assert 'msgstr "數碼港人工智能實驗室啟用"' in text


def test_import_waits_for_no_one_without_wait(exported: Path, cli: Callable[..., CliResult]) -> None:
    with hold([exported.parent / "locales"]):
        result = cli("xliff", "import", "r.xlf")
    assert result.code == 2
    assert "another l10n command is using this folder" in result.err


HOSTILE = [
    ("malformed", b'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">\n<file>\n</xliff>\n',
     "r.xlf:4: not well-formed XML"),
    ("entity bomb", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                    b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">&b;</xliff>\n',
     "r.xlf:1: a DOCTYPE is not allowed in an XLIFF file"),
    ("external entity", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">&e;</xliff>\n',
     "r.xlf:1: a DOCTYPE is not allowed"),
    ("not xliff", b"<tmx version=\"1.4\"/>\n", "r.xlf:1: not an XLIFF file: the root element is <tmx>"),
    ("foreign namespace", b'<xliff xmlns="urn:example" version="2.0"/>\n', "r.xlf:1: unknown XLIFF namespace"),
    ("two files", b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-HK">'
                  b'<file id="a" original="release.po"/><file id="b" original="release.po"/></xliff>\n',
     "r.xlf:1: expected one <file> (one document and locale), found 2"),
    ("unknown locale", b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr-FR">'
                       b'<file id="a" original="release.po"/></xliff>\n', "r.xlf: target language: unsupported locale 'fr-FR'"),
    ("empty", b"", "r.xlf"),
]


@pytest.mark.parametrize(("data", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_bad_files_are_one_line_exit_2_nothing_written(exported: Path, cli: Callable[..., CliResult],
                                                       data: bytes, message: str) -> None:
    exported.write_bytes(data)
    before = snapshot(exported.parent)
    result = cli("xliff", "import", "r.xlf")
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"l10n: error: {message}"), result.err
    assert snapshot(exported.parent) == before


def test_locale_must_agree(exported: Path, cli: Callable[..., CliResult]) -> None:
    result = cli("xliff", "import", "r.xlf", "--locale", "zh-Hans-CN")
    assert result.code == 2
    assert result.err == "l10n: error: r.xlf: the file is for zh-Hant-HK, not zh-Hans-CN\n"


def test_standard_input_and_output(exported: Path, cli: Callable[..., CliResult],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("xliff", "export", "-l", "zh-HK", "-o", "-", "release.md")  # a source names its catalog
    assert result.code == 0
    assert result.out == exported.read_text(encoding="utf-8")
    edited = result.out.replace("實驗室耗資4,430萬港元。", "實驗室的成本為4,430萬港元。")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(edited.encode())))
    result = cli("xliff", "import", "-")
    assert result.code == 0, result.out
    assert "實驗室的成本為4,430萬港元。" in (exported.parent / PO_REL).read_text(encoding="utf-8")


def test_po2xliff_output_is_importable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       cli: Callable[..., CliResult]) -> None:
    """Translate Toolkit's XLIFF 1.1 (tags as text, no msgctxt, locale zh_Hant_HK) fills drafts."""
    po2xliff = pytest.importorskip("translate.convert.po2xliff")
    po = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    with po.open("rb") as src, (tmp_path / "tt.xlf").open("wb") as out:
        po2xliff.convertpo(src, out, None)
    _replace(tmp_path / "tt.xlf", "如需照片，請致函&lt;1/&gt;。", "如需相片，請致函&lt;1/&gt;。")
    _replace(tmp_path / "tt.xlf", "數碼港開設人工智能實驗室", "數碼港人工智能實驗室開張")
    result = cli("xliff", "import", "tt.xlf")
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "如需相片，請致函<1/>。"' in text  # a draft: filled
    assert 'msgstr "數碼港開設人工智能實驗室"' in text  # approved: never replaced by a file without a record
    assert "the file has no export record and the PO translation is approved; kept" in result.out
    assert result.code == 1


def test_export_refuses_one_file_for_two_documents(exported: Path, cli: Callable[..., CliResult]) -> None:
    shutil.copy(exported.parent / PO_REL, exported.parent / PO_REL.with_name("other.po"))
    result = cli("xliff", "export", "-l", "zh-Hant-HK", "-o", "both.xlf")
    assert result.code == 2
    assert result.err == "l10n: error: -o both.xlf holds one document, 2 were given (give a folder to -o, or one catalog)\n"
    result = cli("xliff", "export", "-l", "zh-Hant-HK", "-o", "handoff")
    assert result.code == 0
    assert sorted(p.name for p in (exported.parent / "handoff").iterdir()) == [
        "other.zh-Hant-HK.xlf", "release.zh-Hant-HK.xlf"]


@pytest.mark.parametrize(("msgctxt", "has_context", "expected"), [
    (None, False, None),  # several entries share the source: the one without context
    ("caption", True, "caption"),
    ("menu", True, "no entry"),  # our metadata named a context the PO does not have
    ("key-17", False, None),  # a resname that is no msgctxt: the entry without context
])
def test_units_with_foreign_ids_are_matched_by_source(msgctxt: str | None, has_context: bool,
                                                       expected: str | None) -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid=SOURCE, msgstr=OLD, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid=SOURCE, msgctxt="caption", msgstr=OLD, flags=["fuzzy"]))
    unit = ImportedUnit("trans-unit-3", 3, SOURCE, NEW, State.DRAFT, None, msgctxt, has_context)
    outcome = merge_units(po, (unit,)).outcomes[0]
    if expected == "no entry":
        assert outcome.status == SKIPPED and outcome.key is None
    else:
        assert outcome.status == UPDATED and outcome.key == (expected, SOURCE)


ITB_PO = """msgid ""
msgstr ""
"Language: zh_Hant_HK\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The Innovation and Technology Bureau announced the scheme today."
msgstr "創新及科技局今日公布計劃。"

#, fuzzy
msgid "The Innovation and Technology Bureau said the scheme opens in May."
msgstr "創新及科技局表示，計劃將於5月開放。"
"""


def test_imported_entries_are_checked_in_their_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        cli: Callable[..., CliResult]) -> None:
    """The short form 創科局 is right after the full name in an earlier entry: checked
    alone, the imported entry would draw a glossary warning; in its catalog it does not.
    A short form in the first mention is still reported."""
    po = tmp_path / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "itb.po"
    po.parent.mkdir(parents=True)
    po.write_text(ITB_PO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    glossary = str(Path(__file__).parent / "data" / "xliff" / "short_form.tbx")
    assert cli("xliff", "export", "-l", "zh-HK", "-o", "r.xlf", "--glossary", glossary).code == 0
    xlf = tmp_path / "r.xlf"
    _replace(xlf, "創新及科技局表示", "創科局表示")
    _replace(xlf, '<segment state="translated">', '<segment state="final">')
    result = cli("xliff", "import", "r.xlf", "--glossary", glossary)
    assert result.code == 0, result.out
    assert "[glossary]" not in result.out
    assert 'msgstr "創科局表示，計劃將於5月開放。"' in po.read_text(encoding="utf-8")

    assert cli("xliff", "export", "-l", "zh-HK", "-o", "r.xlf", "--glossary", glossary).code == 0
    _replace(xlf, "創新及科技局今日公布計劃。", "創科局今日公布計劃。")
    result = cli("xliff", "import", "r.xlf", "--glossary", glossary)
    assert "itb.po:6: warning: [glossary]" in result.out


def test_export_refuses_a_catalog_of_another_locale(exported: Path, cli: Callable[..., CliResult]) -> None:
    result = cli("xliff", "export", "-l", "zh-Hans-CN", "-o", "-", str(PO_REL))
    assert result.code == 2
    assert result.err == f"l10n: error: {PO_REL}: the catalog is for zh-Hant-HK, not zh-Hans-CN\n"
    assert result.out == ""
