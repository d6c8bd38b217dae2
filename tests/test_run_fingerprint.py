"""Issue 12, item 5: the run fingerprint covers what changes drafts.

A release is skipped when its files and the fingerprint are unchanged, so everything
besides the release that changes what a run writes must be in the fingerprint: the
installed models, the translation memory, the glossary and the engine settings.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest
from conftest import one_release_batch
from fakes import FakeTranslator, fake_engines
from mt_fixtures import session_package

from l10n import provenance
from l10n.config import Settings, load_settings
from l10n.locales import parse_locale
from l10n.pipeline import run_pipeline, settings_fingerprint
from l10n.tm import TranslationMemory

PO = Path("locales/zh_Hans_CN/LC_MESSAGES/lab.po")


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    one_release_batch(tmp_path, "zh-Hans-CN")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return tmp_path


def _live(po_file: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(po_file)) if e.msgid and not e.obsolete]


def test_installing_a_model_drafts_the_units_that_waited(batch: Path, cli,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    """End to end with the real engine and the small Argos package the suite builds."""
    first = cli("run")
    assert "no en→zh translation model installed" in first.out, first.out
    machine = [e for e in _live(PO) if not provenance.has(e.comment, provenance.Origin.RULE)]
    assert machine and all(not e.msgstr for e in machine)  # contact labels are made by rule, without MT
    assert "unchanged" in cli("run").out  # nothing changed yet: skipped, and still says why
    assert cli("models", "install", "--file", str(session_package(tmp_path_factory))).code == 0
    drafted = cli("run")
    assert "no en→zh" not in drafted.out
    live = [e for e in _live(PO) if not provenance.has(e.comment, provenance.Origin.RULE)]
    assert live and all(e.msgstr and e.fuzzy for e in live)
    assert all("machine translation: argos en→zh 0.0.1" in e.comment for e in live)
    assert "unchanged" in cli("run").out  # and then it settles


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


FINGERPRINTED = {
    "engine": {"mt_engine": "echo"},
    "beam size": {"mt_beam_size": 2},
    "Traditional route": {"hant_route": "opencc"},
    "fuzzy policy": {"fuzzy_checks": "skip"},
    "machine translation off": {"mt_enabled": False},
    "memory threshold": {"tm_fuzzy_threshold": 0.9},
    "merge threshold": {"merge_fuzzy_threshold": 0.8},
    "merge fuzzy matching": {"merge_fuzzy_matching": False},
}


@pytest.mark.parametrize("change", FINGERPRINTED.values(), ids=FINGERPRINTED.keys())
def test_each_engine_setting_changes_the_fingerprint(batch: Path, change: dict[str, object]) -> None:
    settings = _settings()
    assert settings_fingerprint(dataclasses.replace(settings, **change)) != settings_fingerprint(settings)


def test_a_new_model_or_version_changes_the_fingerprint(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n import pipeline

    settings = _settings()
    before = settings_fingerprint(settings)
    monkeypatch.setattr(pipeline, "installed_models", lambda: ["en→zh 1.9"])
    with_model = settings_fingerprint(settings)
    monkeypatch.setattr(pipeline, "installed_models", lambda: ["en→zh 1.10"])
    assert len({before, with_model, settings_fingerprint(settings)}) == 3


def test_an_import_into_the_memory_redoes_the_releases(batch: Path) -> None:
    """Units left untranslated (no model) take what an import brought into the memory."""
    assert _statuses(engines={}) == ["processed"]
    assert _statuses(engines={}) == ["unchanged"]
    with TranslationMemory.open(_settings().tm_path) as tm:
        tm.add(parse_locale("zh-Hans-CN"), "Harbour Lab Opens Its Doors", "海港实验室开幕", origin="import.po")
    assert _statuses(engines={}) == ["processed"]
    entry = next(e for e in _live(PO) if e.msgid == "Harbour Lab Opens Its Doors")
    assert entry.msgstr == "海港实验室开幕" and not entry.fuzzy
    assert _statuses(engines={}) == ["unchanged"]


def test_the_runs_own_memory_seeding_does_not_redo_the_releases(batch: Path) -> None:
    """A person's approval is stored in the memory by the run that processes it; that change
    is the run's own, and the next run must still skip the release."""
    run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    po = polib.pofile(str(PO), wrapwidth=79)
    po[0].msgstr, po[0].flags = "海港实验室开幕", []
    po.save(str(PO))
    assert _statuses() == ["processed"]
    assert _statuses() == ["unchanged"]


def _statuses(engines: dict[str, FakeTranslator] | None = None) -> list[str]:
    translators = {"zh": FakeTranslator()} if engines is None else engines
    report = run_pipeline(_settings(), engines=fake_engines(translators))
    return [r.status for r in report.releases]
