"""The run's review site keyed on the state's facts (``RunReport.page_facts``): the same
pages as a site built from every finding, and after a one-change run only the changed
release's pages are rendered and only their findings read."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n.config import load_settings
from l10n.model import Finding
from l10n.pipeline import ReleaseSummary, RunReport, run_pipeline
from l10n.review import REVIEW_FOLDER, site, write_beside_report
from l10n.review.store import MANIFEST
from tests.fakes import fake_engines
from tests.pipeline_golden import GoldenTranslator


@pytest.fixture
def batch(batch3: Path) -> Path:
    return batch3


def _run() -> RunReport:
    return run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": GoldenTranslator()}))


@dataclass
class _AllFindings:
    """The same run seen without its state: every finding given up front."""

    releases: Sequence[ReleaseSummary]
    findings: Sequence[Finding]


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != MANIFEST}


def _site(report: object, folder: Path) -> Path:
    target = folder / "report.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{}", encoding="utf-8")
    assert write_beside_report(target, report) is not None  # type: ignore[arg-type]
    return target.parent / REVIEW_FOLDER


def test_pages_from_facts_are_the_pages_from_every_finding(batch: Path) -> None:
    report = _run()
    assert report.page_facts() and report.findings  # the case has findings to mark
    from_facts = _site(report, batch / "facts")
    from_findings = _site(_AllFindings(report.releases, report.findings), batch / "findings")
    assert _pages(from_facts) == _pages(from_findings)
    assert len(_pages(from_facts)) == 1 + 2 * 3  # the index and a page per release and locale


def test_a_one_change_run_renders_and_reads_only_the_changed_release(
        batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _site(_run(), batch / "out")
    before = _pages(batch / "out" / REVIEW_FOLDER)
    src = Path("releases/notes.txt")
    src.write_text(src.read_text() + "\nA closing sentence with 12 items.\n")
    again = _run()
    asked: list[list[str]] = []
    real = RunReport.findings_by_catalog

    def spy(self: RunReport, catalogs: Collection[str]) -> dict[str, list[Finding]]:
        asked.append(sorted(catalogs))
        return real(self, catalogs)

    rendered: list[str] = []
    real_render = site._render

    def count(item, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(str(item.po))
        return real_render(item, *args, **kwargs)

    monkeypatch.setattr(RunReport, "findings_by_catalog", spy)
    monkeypatch.setattr(site, "_render", count)
    _site(again, batch / "out")
    notes = sorted(s.po for r in again.releases if r.source.endswith("notes.txt") for s in r.locales)
    assert asked == [notes]
    assert sorted(rendered) == notes
    after = _pages(batch / "out" / REVIEW_FOLDER)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"index.html", "notes.zh-Hant-HK.html", "notes.zh-Hans-CN.html"}


def test_a_page_whose_findings_changed_alone_is_rendered_again(batch: Path) -> None:
    """Facts hold the findings: a finding changed in the state (a check's severity set in
    the configuration, say) renders its page again although no file changed."""
    report = _run()
    _site(report, batch / "out")
    import sqlite3

    from l10n.state import state_file

    with sqlite3.connect(state_file(batch / ".l10n")) as db:
        source, locale = db.execute("SELECT source, locale FROM findings WHERE findings != '[]' LIMIT 1").fetchone()
        db.execute("UPDATE findings SET findings = '[]' WHERE source = ? AND locale = ?", (source, locale))
    page = next(s.po for r in report.releases if r.source == source for s in r.locales if s.locale == locale)
    fresh = RunReport(report.releases, state_dir=report.state_dir, in_state=report.in_state,
                      content_key=report.content_key + "-2")
    assert fresh.findings_by_catalog([page]) == {}
    before = _pages(batch / "out" / REVIEW_FOLDER)
    _site(fresh, batch / "out")
    after = _pages(batch / "out" / REVIEW_FOLDER)
    changed = {name for name in after if after[name] != before.get(name)}
    assert any(name.endswith(f"{locale}.html") for name in changed)


def test_the_report_head_is_what_asdict_gives(batch: Path) -> None:
    """``RunReport.json_head`` builds the releases by hand for speed: the same dicts, keys
    in the same order, as ``dataclasses.asdict``."""
    from dataclasses import asdict

    report = _run()
    report.releases.append(ReleaseSummary("releases/bad.md", "failed", "cannot read it"))
    expected = []
    for r in report.releases:
        item = asdict(r)
        item["status"] = "failed" if r.status == "failed" else "ok"
        expected.append(item)
    head = report.json_head()["releases"]
    assert head == expected
    assert [list(r) for r in head] == [list(r) for r in expected]
    assert [[list(s) for s in r["locales"]] for r in head] == [[list(s) for s in r["locales"]] for r in expected]


@pytest.mark.parametrize("configured", ["terms/elsewhere.tbx", ""])
def test_the_run_site_marks_the_terms_of_the_run_glossary(batch: Path, configured: str) -> None:
    """The site marks the term base the run checked with: a ``[glossary] path`` outside
    the project's ``glossary/`` folder, and none when the run had none although the
    project has ``glossary/terms.tbx``."""
    terms = Path(__file__).parent / "data" / "golden" / "glossary" / "inputs" / "terms.tbx"
    (batch / "terms").mkdir()
    shutil.copy(terms, batch / "terms" / "elsewhere.tbx")
    if not configured:
        (batch / "glossary").mkdir()
        shutil.copy(terms, batch / "glossary" / "terms.tbx")
    config = Path("pipeline/nightly.toml")
    config.write_text(config.read_text().replace('[glossary]\npath = ""', f'[glossary]\npath = "{configured}"'))
    folder = _site(_run(), batch / "out")
    page = (folder / "lab.zh-Hant-HK.html").read_text(encoding="utf-8")
    marked = 'class="term" title="term base: start-up' in page
    assert marked is bool(configured)


def test_page_facts_come_from_stored_digests_and_rows_without_one_are_hashed(batch: Path) -> None:
    """The findings' hash is stored with them; a row recorded by a version that did not
    store it (no digest row) gives the same facts, hashed from its findings, and has its
    digest stored then."""
    import sqlite3

    from l10n.state import state_file

    report = _run()
    facts = report.page_facts()
    assert facts
    with sqlite3.connect(state_file(batch / ".l10n")) as db:
        assert db.execute("SELECT count(*) FROM findings_digests").fetchone()[0] == 6
        db.execute("DELETE FROM findings_digests")
    assert report.page_facts() == facts
    with sqlite3.connect(state_file(batch / ".l10n")) as db:  # stored back for the next run
        assert db.execute("SELECT count(*) FROM findings_digests").fetchone()[0] == 6
