"""Issue 16, item 4: the batch's state in SQLite, the report left alone when nothing
changed, and changed releases taken through the stages in chunks.

The state is one SQLite file (``.l10n/state.sqlite``): a row per release and locale, a
row per draft. A project of an older version has ``state.json`` and ``drafts.json``;
they are converted once and removed, and the run that converts them redoes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from l10n import report as report_module
from l10n.config import Settings, load_settings
from l10n.errors import InputError
from l10n.pipeline import RunReport, run_pipeline, write_report
from l10n.state import JSON_STATE_VERSION, StateDB, state_file
from tests.conftest import snapshot
from tests.fakes import FakeTranslator, fake_engines

STATE = Path(".l10n")


@pytest.fixture
def batch(batch3: Path) -> Path:
    return batch3


def _settings() -> Settings:
    return load_settings(Path("pipeline/nightly.toml"))


def _run(**kwargs: Any) -> tuple[RunReport, FakeTranslator]:
    zh = FakeTranslator()
    report = run_pipeline(_settings(), engines=fake_engines({"zh": zh}), **kwargs)
    return report, zh


def _legacy_json_state() -> None:
    """Write the state of this project as the JSON files of the previous version held it
    (``state.json`` version 2 and ``drafts.json`` version 1), and remove the database."""
    db = StateDB(state_file(STATE))
    releases: dict[str, dict[str, Any]] = {}
    for r in db.all_records():
        release = releases.setdefault(r.source, {"source": r.source_sha, "settings": r.settings, "files": {},
                                                 "summary": [], "findings": []})
        release["files"][r.locale] = {"po": r.po_sha, "out": r.out_sha}
        release["summary"].append(r.summary)
        release["findings"].extend(r.findings)
    locales: dict[str, list[dict[str, Any]]] = {}
    for tag, digest, ctx, msgid, origin, notes, draft in db.execute("SELECT * FROM drafts"):
        locales.setdefault(tag, []).append({"msgctxt": ctx, "msgid": msgid, "digest": digest, "origin": origin,
                                            "draft": bool(draft), "notes": json.loads(notes)})
    db.close()
    state_file(STATE).unlink()
    (STATE / "state.json").write_text(json.dumps({"version": JSON_STATE_VERSION, "releases": releases}, indent=1))
    (STATE / "drafts.json").write_text(json.dumps({"version": 1, "locales": locales}))


def _rows(table: str) -> int:
    with sqlite3.connect(state_file(STATE)) as conn:
        count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (our table names)
    return count


def test_one_row_per_release_and_locale_and_per_draft(batch: Path) -> None:
    report, zh = _run()
    assert _rows("runs") == _rows("findings") == 3 * 2
    drafted = sum(len(call) for call in zh.calls)
    assert drafted > 0 and _rows("drafts") >= drafted  # each locale's draft and the rule-made labels
    assert not (STATE / "state.json").exists() and not (STATE / "drafts.json").exists()
    assert sorted(p.name for p in STATE.iterdir()) == ["state.sqlite", "tm.sqlite"]  # no journal left


def test_the_json_state_of_the_previous_version_is_converted_once_and_removed(batch: Path) -> None:
    first, _ = _run()
    write_report(Path("report.json"), first)
    before = Path("report.json").read_bytes()
    _legacy_json_state()
    again, zh = _run()
    assert zh.calls == []  # nothing redrafted: the drafts were converted too
    assert [r.status for r in again.releases] == ["unchanged"] * 3
    assert not (STATE / "state.json").exists() and not (STATE / "drafts.json").exists()
    assert _rows("runs") == 6 and _rows("drafts") > 0
    write_report(Path("report.json"), again)
    assert Path("report.json").read_bytes() == before  # same summaries and findings


def test_converted_drafts_are_still_recognised_after_a_change(batch: Path) -> None:
    """The drafts converted from ``drafts.json`` are what the next change is judged by:
    the changed sentence's draft is redrafted, once, and nothing else."""
    _run()
    _legacy_json_state()
    src = Path("releases/notes.txt")
    src.write_text(src.read_text().replace("12 economies", "14 economies"))
    report, zh = _run()
    asked = [t for call in zh.calls for t in call]
    assert asked == ["It offers desks to founders from QXZAA economies."]  # the number is protected
    assert {r.source: r.status for r in report.releases}["releases/notes.txt"] == "processed"


@pytest.mark.parametrize("content", ['{"version": 1, "releases": {}}', "{not json"])
def test_a_json_state_of_another_version_is_dropped_and_everything_redone(batch: Path, content: str) -> None:
    _run()
    state_file(STATE).unlink()
    (STATE / "state.json").write_text(content)
    report, _ = _run()
    assert [r.status for r in report.releases] == ["processed"] * 3
    assert not (STATE / "state.json").exists()


def test_a_damaged_state_is_one_line_and_exit_2(batch: Path, cli) -> None:
    _run()
    state_file(STATE).write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="state database cannot be read"):
        _run()
    r = cli("run", "--no-mt")
    assert r.code == 2
    assert r.err.count("\n") == 1 and "state.sqlite" in r.err and "delete it" in r.err


def test_a_no_op_run_writes_no_state_and_builds_no_report(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _run()
    write_report(Path("out/report.json"), first)
    assert Path("out/review").is_dir()
    again, _ = _run()
    assert write_report(Path("out/report.json"), again) is False  # built once more: the run changed things
    before = {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()}

    def refuse(*_args: Any) -> Any:
        raise AssertionError("the report was built on a run that changed nothing")

    with monkeypatch.context() as m:
        m.setattr(RunReport, "as_json", refuse)
        m.setattr("l10n.review.write_beside_report", refuse)
        third, _ = _run()
        assert write_report(Path("out/report.json"), third) is False
    assert {p: (b, (batch / p).stat().st_mtime_ns) for p, b in snapshot(batch).items()} == before


@pytest.mark.parametrize("change", ["edit the report", "remove the review site", "change a release"])
def test_the_report_is_built_again_when_it_or_the_releases_changed(batch: Path, change: str) -> None:
    first, _ = _run()
    write_report(Path("out/report.json"), first)
    expected = Path("out/report.json").read_bytes()
    if change == "edit the report":
        Path("out/report.json").write_text("{}\n")
    elif change == "remove the review site":
        shutil.rmtree("out/review")
    else:
        src = Path("releases/notes.txt")
        src.write_text(src.read_text() + "\nA closing sentence.\n")
    again, _ = _run()
    write_report(Path("out/report.json"), again)
    assert Path("out/review").is_dir()
    if change == "change a release":
        units = [{r["source"]: sum(s["units"] for s in r["locales"]) for r in json.loads(data)["releases"]}
                 for data in (expected, Path("out/report.json").read_bytes())]
        assert units[1]["releases/notes.txt"] == units[0]["releases/notes.txt"] + 2  # one more unit per locale
    else:
        assert Path("out/report.json").read_bytes() == expected


@pytest.mark.parametrize("chunk", [1, 2])
def test_chunks_write_the_same_files_and_report(batch: Path, tmp_path_factory: pytest.TempPathFactory,
                                                chunk: int) -> None:
    """Releases taken through the stages one or two at a time give the bytes of one chunk."""
    whole, _ = _run()
    write_report(Path("report.json"), whole)
    expected = _comparable(batch)
    shutil.rmtree("locales")
    shutil.rmtree("out")
    shutil.rmtree(".l10n")
    Path("report.json").unlink()
    chunked, zh = _run(chunk=chunk)
    assert len(zh.calls) == (3 + chunk - 1) // chunk  # one MT batch per chunk
    write_report(Path("report.json"), chunked)
    assert _comparable(batch) == expected


_STAMPS = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.M)


def _comparable(batch: Path) -> dict[str, bytes]:
    """The batch's files without the state, the review sites (stamped with file times) and
    the catalogs' date headers: two runs a minute apart differ there and nowhere else."""
    return {p: _STAMPS.sub(rb'"\1: (date)"', b) for p, b in snapshot(batch).items()
            if not p.startswith((".l10n", "out/review", "review/"))}


def test_a_draft_is_compared_once_when_drafted_not_again_in_the_final_check(
        batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The numbers check remembers its comparisons (``checks.numbers._compared``) and a
    chunk stays under that memo's size, so the final check of a catalog drafted in the
    same run compares nothing again."""
    from l10n import pipeline
    from l10n.checks import numbers

    numbers._compared.cache_clear()
    calls = {"drafting": 0, "final check": 0}
    phase = ["drafting"]
    compare = numbers.compare_hits

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[phase[0]] += 1
        return compare(*args, **kwargs)

    check_catalogs = pipeline._check_catalogs

    def final_check(*args: Any) -> Any:
        phase[0] = "final check"
        try:
            return check_catalogs(*args)
        finally:
            phase[0] = "drafting"

    monkeypatch.setattr(numbers, "compare_hits", counted)
    monkeypatch.setattr(pipeline, "_check_catalogs", final_check)
    report, zh = _run()
    assert sum(len(c) for c in zh.calls) > 0 and calls["drafting"] > 0
    assert calls["final check"] == 0
    assert numbers._compared.cache_info().hits >= calls["drafting"]


def test_the_run_holds_no_findings_the_state_keeps(batch: Path) -> None:
    """Findings are read from the state when the report asks for them; the counts the
    command prints and its exit code come from the summaries, and agree with them."""
    from l10n.model import Severity

    report = run_pipeline(_settings(), engines=fake_engines({"zh": FakeTranslator(drop_tokens=True)}))
    assert report._findings is None and report.held == []
    assert sorted(report.in_state) == ["releases/lab.md", "releases/notes.txt", "releases/page.html"]
    found = report.findings
    assert found and report.errors == sum(f.severity is Severity.ERROR for f in found) > 0
    assert report.warnings == sum(f.severity is Severity.WARNING for f in found)
    assert report.exit_code == 1


def _run_with_findings() -> tuple[RunReport, FakeTranslator]:
    """A run whose drafts lose a placeholder, so that every release has findings."""
    zh = FakeTranslator(drop_tokens=True)
    return run_pipeline(_settings(), engines=fake_engines({"zh": zh})), zh


def _full_serialization(report: RunReport) -> str:
    """The report as it was built before the stored texts: every finding serialized."""
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def test_a_one_change_report_serializes_only_the_changed_releases_findings(
        batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _run_with_findings()
    write_report(Path("out/report.json"), first)
    assert Path("out/report.json").read_text(encoding="utf-8") == _full_serialization(first)
    src = Path("releases/notes.txt")
    src.write_text(src.read_text() + "\nA closing sentence about HK$3 billion.\n")
    serialized: list[str] = []
    real = report_module.finding_json

    def counting(finding: dict[str, Any]) -> str:
        serialized.append(str(finding["path"]))
        return real(finding)

    monkeypatch.setattr(report_module, "finding_json", counting)
    again, _ = _run_with_findings()
    write_report(Path("out/report.json"), again)
    changed = [f for f in again.findings if f.path.endswith("/notes.po")]
    assert changed and len(again.findings) > len(changed)  # the other releases have findings too
    assert sorted(serialized) == sorted(f.path for f in changed)  # once each, when recorded
    assert Path("out/report.json").read_text(encoding="utf-8") == _full_serialization(again)


@pytest.mark.parametrize("damage", ["texts missing", "two rows name one catalog"])
def test_a_report_from_incomplete_stored_texts_is_still_the_same(batch: Path, damage: str) -> None:
    """Rows without a stored text (a state converted from JSON) are serialized when the
    report is built; texts that cannot be put in order make it serialize everything."""
    _run_with_findings()
    with sqlite3.connect(state_file(STATE)) as conn:
        if damage == "texts missing":
            conn.execute("DELETE FROM report_parts WHERE source = 'releases/lab.md'")
        else:
            conn.execute("UPDATE report_parts SET path = (SELECT min(path) FROM report_parts WHERE text != '') "
                         "WHERE text != ''")
    again, zh = _run_with_findings()
    assert zh.calls == []
    write_report(Path("report.json"), again)
    assert {Path(f.path).stem for f in again.findings} == {"lab", "notes", "page"}
    assert Path("report.json").read_text(encoding="utf-8") == _full_serialization(again)


def test_findings_replaced_by_a_tool_that_does_not_know_the_texts_drop_them(batch: Path) -> None:
    """An older version of the tool rewrites a row's findings and not its report text: the
    stale text goes with the findings it was made from, so the report follows the findings."""
    _run_with_findings()
    with sqlite3.connect(state_file(STATE)) as conn:
        source, locale, text = conn.execute(
            "SELECT source, locale, findings FROM findings WHERE findings != '[]' ORDER BY source").fetchone()
        kept = json.loads(text)[:1]
        conn.execute("DELETE FROM findings WHERE source = ? AND locale = ?", (source, locale))
        conn.execute("INSERT INTO findings VALUES (?, ?, ?)", (source, locale, json.dumps(kept)))
        assert conn.execute("SELECT count(*) FROM report_parts WHERE source = ? AND locale = ?",
                            (source, locale)).fetchone()[0] == 0
    again, zh = _run_with_findings()
    assert zh.calls == []
    write_report(Path("report.json"), again)
    assert sum(1 for f in again.findings if f.path == kept[0]["path"]) == 1
    assert Path("report.json").read_text(encoding="utf-8") == _full_serialization(again)
