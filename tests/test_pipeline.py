"""The nightly batch: incremental, locked, kill-safe, skips bad releases, reports."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from l10n.config import Settings, load_settings
from l10n.errors import LockHeld
from l10n.lock import hold
from l10n.pipeline import run_pipeline, write_report
from tests.conftest import snapshot
from tests.fakes import FakeTranslator, fake_engines

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    (tmp_path / "releases").mkdir()
    shutil.copy(data_dir / "foundation" / "release.md", tmp_path / "releases" / "lab.md")
    shutil.copy(data_dir / "foundation" / "release.txt", tmp_path / "releases" / "notes.txt")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


def test_first_run_translates_and_builds(batch: Path) -> None:
    zh = FakeTranslator()
    report = run_pipeline(_settings(), engines=fake_engines({"zh": zh}))
    assert report.exit_code in (0, 1)
    assert len(zh.calls) >= 1 and all(len(c) > 1 for c in zh.calls)  # batched, not one per sentence
    assert [r.status for r in report.releases] == ["processed", "processed"]
    po = polib.pofile(str(batch / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"))
    by_rule = [e for e in po if e.msgstr and "rendered by rule:" in e.comment]  # the contact labels
    drafts = [e for e in po if e.msgstr and e not in by_rule]
    assert drafts and all(e.fuzzy for e in drafts)
    assert all("machine translation: fake en→zh 0.0 + OpenCC s2hk" in e.comment for e in drafts)
    assert by_rule and not any(e.fuzzy for e in by_rule)
    assert (batch / "out" / "zh_Hans_CN" / "lab.md").exists()
    assert (batch / "out" / "zh_Hant_HK" / "notes.txt").exists()


def test_second_run_does_no_mt_and_writes_nothing(batch: Path) -> None:
    run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    before = {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()}
    zh = FakeTranslator()
    report = run_pipeline(_settings(), engines=fake_engines({"zh": zh}))
    assert zh.calls == []
    assert [r.status for r in report.releases] == ["unchanged", "unchanged"]
    after = {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()}
    assert after == before


def test_changed_release_only_translates_new_units(batch: Path) -> None:
    run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    src = batch / "releases" / "lab.md"
    src.write_text(src.read_text() + "\nA brand new closing sentence was added.\n")
    zh = FakeTranslator()
    report = run_pipeline(_settings(), engines=fake_engines({"zh": zh}))
    assert [c for call in zh.calls for c in call] == ["A brand new closing sentence was added."]
    assert {r.source: r.status for r in report.releases} == {
        "releases/lab.md": "processed", "releases/notes.txt": "unchanged"}


def test_human_translation_never_replaced(batch: Path) -> None:
    run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    po_file = batch / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    po = polib.pofile(str(po_file), wrapwidth=79)
    entry = po.find("It offers desks to founders from 12 economies.")
    entry.msgstr = "實驗室為來自12個經濟體的創辦人提供辦公桌。"
    entry.flags = []
    po.save(str(po_file))
    zh = FakeTranslator()
    run_pipeline(_settings(), engines=fake_engines({"zh": zh}))
    again = polib.pofile(str(po_file)).find("It offers desks to founders from 12 economies.")
    assert again.msgstr == "實驗室為來自12個經濟體的創辦人提供辦公桌。" and not again.fuzzy
    assert zh.calls == []
    built = (batch / "out" / "zh_Hant_HK" / "lab.md").read_text()
    assert "實驗室為來自12個經濟體的創辦人提供辦公桌。" in built


def test_no_model_still_runs(batch: Path) -> None:
    report = run_pipeline(_settings(), engines=fake_engines({}))
    assert report.missing_models == ["en→zh"]
    assert "l10n models install en zh" in report.messages[0]
    assert [r.status for r in report.releases] == ["processed", "processed"]
    assert report.exit_code == 0
    again = run_pipeline(_settings(), engines=fake_engines({}))  # nothing changed: still says so
    assert [r.status for r in again.releases] == ["unchanged", "unchanged"]
    assert again.missing_models == ["en→zh"] and "l10n models install en zh" in again.messages[0]


def test_bad_release_is_skipped(batch: Path) -> None:
    (batch / "releases" / "broken.html").write_text("<html><body><p>a</div></p></body></html>")
    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    status = {r.source: r.status for r in report.releases}
    assert status["releases/broken.html"] == "failed"
    assert status["releases/lab.md"] == "processed"
    assert report.exit_code == 2
    assert "broken HTML" in next(r.error for r in report.releases if r.status == "failed")


def test_lock_blocks_a_second_run(batch: Path) -> None:
    settings = _settings()
    with hold([settings.state_dir]), pytest.raises(LockHeld, match="another l10n command is using"):
        run_pipeline(settings, engines=fake_engines({}))


def test_json_report(batch: Path) -> None:
    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    write_report(batch / "report.json", report)
    data = json.loads((batch / "report.json").read_text())
    lab = next(r for r in data["releases"] if r["source"] == "releases/lab.md")
    hk = next(s for s in lab["locales"] if s["locale"] == "zh-Hant-HK")
    assert hk["units"] == 17 and hk["mt"] + hk["untranslated"] + hk["human"] + hk["rule"] + hk["tm"] <= hk["units"]
    assert (hk["rule"], hk["human"]) == (2, 0)  # the Tel: and Email: labels, not a person's work
    assert hk["mt"] > 0 and hk["fuzzy"] == hk["mt"]
    assert set(data["summary"]) >= {"releases", "failed", "errors", "warnings", "missing_models"}
    assert isinstance(data["findings"], list)


def test_config_errors(batch: Path) -> None:
    from l10n.config import settings_from_mapping
    from l10n.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown key mt.speed"):
        settings_from_mapping({"mt": {"speed": 3}})
    with pytest.raises(ConfigError, match="tm.fuzzy_threshold"):
        settings_from_mapping({"tm": {"fuzzy_threshold": 3}})
    s = settings_from_mapping({"locales": {"targets": ["zh-HK"]}, "mt": {"enabled": False}})
    assert [loc.tag for loc in s.locales] == ["zh-Hant-HK"] and not s.mt_enabled
    assert replace(s, mt_enabled=True).mt_enabled


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from l10n.config import load_settings
from l10n.pipeline import run_pipeline
from tests.fakes import FakeTranslator, fake_engines
import l10n.catalog as catalog

delay = float(sys.argv[1])
original = catalog.save
def slow_save(*a, **k):
    time.sleep(delay)
    return original(*a, **k)
catalog.save = slow_save
import l10n.pipeline as pl
pl.catalog.save = slow_save
print("started", flush=True)
run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({{"zh": FakeTranslator()}}))
print("finished", flush=True)
"""


@pytest.mark.parametrize("kill_after", [0.05, 0.3, 0.6, 1.0])
def test_sigkill_then_rerun_keeps_human_edits(batch: Path, kill_after: float) -> None:
    # a first complete run, then a human edit, then a changed source and a killed run
    run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    po_file = batch / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    po = polib.pofile(str(po_file), wrapwidth=79)
    entry = po.find("Harbour Lab Opens Its Doors")
    entry.msgstr, entry.flags = "海港實驗室開幕", []
    po.save(str(po_file))
    for name in ("lab.md", "notes.txt"):
        src = batch / "releases" / name
        src.write_text(src.read_text() + "\nAnother sentence arrives late tonight.\n")
    script = batch / "killme.py"
    script.write_text(KILL_SCRIPT.format(root=str(ROOT)))
    proc = subprocess.Popen([sys.executable, str(script), "0.15"], cwd=batch,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"started"
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # every PO file is still valid and the human edit is there
    from l10n.pofile import read_po

    for f in batch.rglob("*.po"):
        read_po(f)
    assert read_po(po_file).find("Harbour Lab Opens Its Doors").msgstr == "海港實驗室開幕"
    # the next run finishes the job (and removes any temp file the kill left behind)
    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator()}))
    assert report.failed == 0
    assert not list(batch.rglob("*.tmp"))
    final = read_po(po_file)
    assert final.find("Harbour Lab Opens Its Doors").msgstr == "海港實驗室開幕"
    assert final.find("Another sentence arrives late tonight.").msgstr
    zh = FakeTranslator()
    assert all(r.status == "unchanged" for r in run_pipeline(_settings(), engines=fake_engines({"zh": zh})).releases)
    assert zh.calls == []


def test_two_releases_with_one_name_are_not_mixed(batch: Path) -> None:
    (batch / "releases" / "more").mkdir()
    (batch / "releases" / "more" / "lab.md").write_text("# Another lab\n\nA different text.\n")
    report = run_pipeline(_settings(), engines=fake_engines({}))
    status = {r.source: r.status for r in report.releases}
    assert status["releases/lab.md"] == "processed"
    assert status["releases/more/lab.md"] == "failed"
    assert "share the name 'lab'" in next(r.error for r in report.releases if r.status == "failed")
    again = run_pipeline(_settings(), engines=fake_engines({}))
    assert {r.source: r.status for r in again.releases}["releases/lab.md"] == "unchanged"


def test_internal_error_on_one_release_does_not_stop_the_batch(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import l10n.pipeline as pl

    real = pl.read_document

    def flaky(path):
        if Path(path).name == "notes.txt":
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(pl, "read_document", flaky)
    report = run_pipeline(_settings(), engines=fake_engines({}))
    status = {r.source: r.status for r in report.releases}
    assert status == {"releases/lab.md": "processed", "releases/notes.txt": "failed"}
    assert report.exit_code == 2


def test_run_command_writes_report_and_findings(batch: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(batch / "no-packages"))
    r = cli("run", "--config", "pipeline/nightly.toml", "--report", "out/report.json",
            "--findings", "out/findings.xml", "--findings-format", "junit")
    assert r.code == 0, r.err
    assert "2 release(s): 2 processed, 0 unchanged, 0 failed" in r.out
    assert "no en→zh translation model installed" in r.out
    data = json.loads((batch / "out" / "report.json").read_text())
    assert data["summary"]["releases"] == 2 and data["summary"]["missing_models"] == ["en→zh"]
    assert {r["status"] for r in data["releases"]} == {"ok"}
    assert etree.parse(str(batch / "out" / "findings.xml")).getroot().tag == "testsuites"
    before = {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()}
    r = cli("run", "--config", "pipeline/nightly.toml", "--quiet", "--report", "out/report.json")
    assert r.code == 0 and r.out == ""
    after = {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()}
    assert after == before  # the report too is byte-identical after a run that changed nothing


def test_run_findings_carry_po_line_numbers(batch: Path) -> None:
    run_pipeline(_settings(), engines=fake_engines({}))
    po_file = batch / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    po = polib.pofile(str(po_file), wrapwidth=79)
    po.find("Harbour Lab Opens Its Doors").msgstr = "海港實驗室<1/>開幕"
    po.save(str(po_file))
    report = run_pipeline(_settings(), engines=fake_engines({}))
    [f] = [f for f in report.findings if f.check == "placeholders"]
    line = next(i for i, text in enumerate(po_file.read_text().split("\n"), 1)
                if text == 'msgid "Harbour Lab Opens Its Doors"')
    assert f.line == line and f.path == str(Path("locales/zh_Hant_HK/LC_MESSAGES/lab.po"))


def test_missing_glossary_named_in_config_or_env_is_an_error(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.errors import ConfigError

    monkeypatch.setenv("L10N_GLOSSARY", "nowhere.tbx")
    with pytest.raises(ConfigError, match="glossary file not found"):
        load_settings(Path("pipeline/nightly.toml"))
    monkeypatch.delenv("L10N_GLOSSARY")
    (batch / "pipeline" / "nightly.toml").write_text('[sources]\npaths = ["releases"]\n[glossary]\npath = "gone.tbx"\n')
    with pytest.raises(ConfigError, match="gone.tbx: glossary file not found"):
        load_settings(Path("pipeline/nightly.toml"))
    (batch / "pipeline" / "nightly.toml").write_text('[sources]\npaths = ["releases"]\n')
    settings = load_settings(Path("pipeline/nightly.toml"))  # the default path, absent: said, not fatal
    assert settings.glossary is None
    report = run_pipeline(settings, engines=fake_engines({}))
    assert any("glossary check is off" in m for m in report.messages)
