"""Dates move only when entries move: ``l10n run`` after a change that alters no entry
(a glossary edit changes the run fingerprint, so every release is processed again)
must leave every POT and PO file as it was. Before, the batch merged the POs with the
freshly extracted template's new POT-Creation-Date and rewrote them all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n import catalog
from l10n.config import load_settings
from l10n.extract import plan_template
from l10n.formats import read_document
from l10n.pipeline import run_pipeline
from tests.conftest import snapshot
from tests.fakes import FakeTranslator, fake_engines

FIRST, LATER = "2026-01-01 00:00+0000", "2026-06-01 12:00+0000"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    (tmp_path / "releases").mkdir()
    shutil.copy(data_dir / "foundation" / "release.md", tmp_path / "releases" / "lab.md")
    shutil.copy(data_dir / "glossary" / "small.tbx", tmp_path / "terms.tbx")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = "terms.tbx"\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _catalogs(root: Path) -> dict[str, bytes]:
    return {p: b for p, b in snapshot(root / "locales").items()}


def test_glossary_edit_rewrites_no_catalog(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Path("pipeline/nightly.toml")
    monkeypatch.setattr(catalog, "_now", lambda: FIRST)
    run_pipeline(load_settings(settings), engines=fake_engines({"zh": FakeTranslator()}))
    before = _catalogs(batch)
    assert before and all(FIRST.encode() in b for b in before.values())
    glossary = batch / "terms.tbx"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "<!-- reviewed -->\n", encoding="utf-8")
    monkeypatch.setattr(catalog, "_now", lambda: LATER)
    report = run_pipeline(load_settings(settings), engines=fake_engines({"zh": FakeTranslator()}))
    assert [r.status for r in report.releases] == ["processed"]  # the fingerprint changed
    assert _catalogs(batch) == before


HARBOUR_LAB = """<termEntry id="harbour-lab">
        <langSet xml:lang="en"><tig><term>Harbour Lab</term></tig></langSet>
        <langSet xml:lang="zh-Hant-HK"><tig><term>海港實驗室</term></tig></langSet>
        <langSet xml:lang="zh-Hans-CN"><tig><term>海港实验室</term></tig></langSet>
      </termEntry>
      """


def test_glossary_hint_rewrites_catalogs_but_not_their_dates(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new term adds ``#. glossary:`` hints, so the POs are written, but the template did
    not change: they keep its creation date (the issue's four rewritten POs)."""
    settings = Path("pipeline/nightly.toml")
    monkeypatch.setattr(catalog, "_now", lambda: FIRST)
    run_pipeline(load_settings(settings), engines=fake_engines({"zh": FakeTranslator()}))
    pot_before = (batch / "locales" / "lab.pot").read_bytes()
    glossary = batch / "terms.tbx"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("<body>", "<body>\n      " + HARBOUR_LAB, 1),
                        encoding="utf-8")
    monkeypatch.setattr(catalog, "_now", lambda: LATER)
    run_pipeline(load_settings(settings), engines=fake_engines({"zh": FakeTranslator()}))
    assert (batch / "locales" / "lab.pot").read_bytes() == pot_before
    pos = sorted((batch / "locales").glob("*/LC_MESSAGES/lab.po"))
    assert len(pos) == 2
    for po in pos:
        text = po.read_text(encoding="utf-8")
        assert "海港" in text  # the hint arrived: the file was rewritten
        assert f"POT-Creation-Date: {FIRST}" in text and LATER not in text


def test_unchanged_template_keeps_its_saved_date(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "_now", lambda: FIRST)
    run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": FakeTranslator()}))
    monkeypatch.setattr(catalog, "_now", lambda: LATER)
    plan = plan_template(read_document(batch / "releases" / "lab.md"), Path("locales"))
    assert plan.pot.metadata["POT-Creation-Date"] == FIRST
    source = batch / "releases" / "lab.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    plan = plan_template(read_document(source), Path("locales"))
    assert plan.pot.metadata["POT-Creation-Date"] == LATER  # entries changed: a new date
