"""Per-release isolation in the batch: one bad name or one broken model does not stop the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from l10n import provenance
from l10n.config import Settings, load_settings
from l10n.errors import ModelError
from l10n.pipeline import run_pipeline
from l10n.translate import Engines
from tests.conftest import one_release_batch
from tests.fakes import FakeTranslator, fake_engines


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(one_release_batch(tmp_path, "zh-Hans-CN"))
    return tmp_path


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


@pytest.mark.parametrize("name", ["bad\nname.md", "bell\x07.md", "esc\x1b[31m.md", "sep\u2028.md"])
def test_a_release_whose_name_has_a_control_character_is_refused_by_name(batch: Path, name: str) -> None:
    shutil.copy(batch / "releases" / "lab.md", batch / "releases" / name)
    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    status = {r.source: r for r in report.releases}
    assert status["releases/lab.md"].status == "processed"
    [bad] = [r for r in report.releases if r.status == "failed"]
    assert "control or line-break character" in bad.error
    assert bad.source.isprintable() and "\\" in bad.source  # shown with escapes, on one line
    assert report.exit_code == 2
    json.dumps(report.as_json())  # the report can still be written


def _broken_engines() -> Engines:
    def factory(src: str, dst: str) -> FakeTranslator:
        raise ModelError("model.bin cannot be loaded: corrupt", path="/models/translate-en_zh-1_9",
                         hint="remove it with `l10n models remove en zh` and install it again")

    return Engines(factory)


def test_a_broken_model_is_reported_once_and_the_run_still_builds(batch: Path) -> None:
    (batch / "releases" / "lab2.md").write_text("# Second release\n\nAnother sentence here.\n", encoding="utf-8")
    report = run_pipeline(_settings(), engines=_broken_engines())
    assert report.exit_code == 2
    assert len(report.broken_models) == 1 and "l10n models remove en zh" in report.broken_models[0]
    assert [r.status for r in report.releases] == ["processed", "processed"]
    assert (batch / "out" / "zh_Hans_CN" / "lab.md").exists()
    po = polib.pofile(str(batch / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "lab.po"))
    assert all(not e.msgstr for e in po if not provenance.has(e.comment, provenance.Origin.RULE))  # rule: no MT
    # nothing recorded as done: with the model fixed, the next run drafts the units
    again = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    assert again.exit_code in (0, 1) and not again.broken_models
    po = polib.pofile(str(batch / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "lab.po"))
    assert any(e.msgstr for e in po)


@pytest.mark.parametrize(("policy", "expect"), [("error", "error"), ("warning", "warning"), ("skip", None)])
def test_checks_fuzzy_setting_decides_what_findings_on_drafts_weigh(batch: Path, policy: str,
                                                                  expect: str | None) -> None:
    config = batch / "pipeline" / "nightly.toml"
    config.write_text(config.read_text() + f'[checks]\nselect = ["numbers"]\nfuzzy = "{policy}"\n')
    # a machine draft that lost a number: an error on approved text
    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator(drop_tokens=True)}))
    numbers = [f for f in report.findings if f.check == "numbers"]
    if expect is None:
        assert not numbers
    else:
        assert numbers and {str(f.severity) for f in numbers} == {expect}


def test_checks_fuzzy_setting_is_validated(batch: Path) -> None:
    from l10n.errors import ConfigError

    config = batch / "pipeline" / "nightly.toml"
    config.write_text(config.read_text() + '[checks]\nfuzzy = "sometimes"\n')
    with pytest.raises(ConfigError, match="checks.fuzzy must be one of skip, warning, error"):
        _settings()
