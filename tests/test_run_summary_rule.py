"""The run summary counts entries determined by rule (datelines, end lines, issue times,
contact labels) as "by rule", apart from a person's approvals."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from l10n.config import Settings, load_settings
from l10n.pipeline import LocaleSummary, run_pipeline
from tests.fakes import FakeTranslator, fake_engines

#: Four determined units (date, contact label, end line, issue time) and three of prose
#: (the heading and two sentences).
RELEASE = """# Harbour lab opens

3 Mar 2025

The harbour lab opened today. It welcomes visitors.

Tel:

Ends/Friday, March 7, 2025

Issued at HKT 18:45
"""
RULE_UNITS = 4
PROSE_UNITS = 3


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "lab.md").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


def _summaries(settings: Settings) -> dict[str, LocaleSummary]:
    report = run_pipeline(settings, engines=fake_engines({"zh": FakeTranslator()}))
    [release] = report.releases
    return {s.locale: s for s in release.locales}


def test_rule_made_entries_are_counted_by_rule_not_as_human(batch: Path) -> None:
    for s in _summaries(_settings()).values():
        assert (s.units, s.rule, s.human, s.mt) == (RULE_UNITS + PROSE_UNITS, RULE_UNITS, 0, PROSE_UNITS)
        assert s.fuzzy == PROSE_UNITS and s.untranslated == 0


def test_a_translators_override_of_a_rule_entry_counts_as_human(batch: Path) -> None:
    _summaries(_settings())
    po_file = batch / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "lab.po"
    po = polib.pofile(str(po_file))
    entry = po.find("Issued at HKT 18:45")
    assert entry is not None and entry.msgstr and not entry.fuzzy
    entry.msgstr = "香港時間下午6時45分發出"
    po.save(str(po_file))
    hk = _summaries(_settings())["zh-Hant-HK"]
    assert (hk.rule, hk.human) == (RULE_UNITS - 1, 1)


def test_json_report_and_printed_summary_show_the_rule_count(batch: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(batch / "no-packages"))
    r = cli("run", "--config", "pipeline/nightly.toml", "--report", "out/report.json")
    assert r.code == 0, r.err
    header = r.out.splitlines()[0].split()
    assert header[:6] == ["release", "locale", "units", "human", "rule", "TM"]
    row = next(line.split() for line in r.out.splitlines() if line.startswith("releases/lab.md"))
    assert row[2:5] == [str(RULE_UNITS + PROSE_UNITS), "0", str(RULE_UNITS)]
    data = json.loads((batch / "out" / "report.json").read_text())
    for s in data["releases"][0]["locales"]:
        assert (s["rule"], s["human"], s["untranslated"]) == (RULE_UNITS, 0, PROSE_UNITS)


def test_committed_rule_entries_count_as_rule_without_state(tmp_path: Path) -> None:
    """A fresh checkout has catalogs but no state: an entry whose note says it was rendered
    by rule, and whose text is still the rule's, counts as rule; an override keeps the
    note but counts as a person's."""
    from l10n.translate import draft_origin

    entry = polib.POEntry(msgid="Ends/Friday, March 7, 2025", msgstr="完／2025年3月7日（星期五）",
                          comment="rendered by rule: end of release (zh-Hant-HK release style)")
    assert draft_origin(entry, "zh-Hant-HK", None) == "rule"
    edited = polib.POEntry(msgid=entry.msgid, msgstr="完", comment=entry.comment)
    assert draft_origin(edited, "zh-Hant-HK", None) is None
    plain = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr)
    assert draft_origin(plain, "zh-Hant-HK", None) is None
