"""The run's review site after a change costs the change (issue 16): a page kept as it is
is not read, summarised, formatted or encoded again (its overview row is copied from the
old index, its manifest line from the old manifest), and the site is, byte for byte, the
one a build from nothing writes: after a changed release, a removed one and a new one,
and when the old index or manifest cannot be trusted."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.config import load_settings
from l10n.pipeline import RunReport, run_pipeline
from l10n.review import REVIEW_FOLDER, CatalogInput, collect, site, store, write_beside_report
from l10n.review.site import FactsRow, fact_bases, page_bases
from l10n.review.store import MANIFEST
from tests.fakes import fake_engines
from tests.pipeline_golden import GoldenTranslator

#: The report's time, fixed: the index shows it, and two builds compared must agree.
REPORT_TIME = 1_800_000_000


@pytest.fixture
def batch(batch3: Path) -> Path:
    return batch3


def _run() -> RunReport:
    return run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": GoldenTranslator()}))


def _build(report: RunReport, out: Path) -> dict[str, bytes]:
    """Write the site beside ``out/report.json`` (its time fixed); every file of the site."""
    target = out / "report.json"
    out.mkdir(parents=True, exist_ok=True)
    target.write_text("{}", encoding="utf-8")
    os.utime(target, (REPORT_TIME, REPORT_TIME))
    assert write_beside_report(target, report) is not None
    return _files(out / REVIEW_FOLDER)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _from_nothing(report: RunReport, out: Path) -> dict[str, bytes]:
    """The site a first build writes for ``report`` (the folder emptied first)."""
    shutil.rmtree(out / REVIEW_FOLDER, ignore_errors=True)
    return _build(report, out)


def _append(source: str, text: str) -> None:
    path = Path(source)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class _Counts:
    """Calls of what examining a page costs, by catalog where the call names one."""

    def __init__(self) -> None:
        self.read: list[str] = []
        self.rows: list[str] = []
        self.encoded: list[str] = []
        self.summaries = 0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def spy(real: Callable[..., Any], into: list[str], name: Callable[..., str]) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                into.append(name(*args))
                return real(*args, **kwargs)
            return call

        monkeypatch.setattr(site, "read_page", spy(site.read_page, self.read, lambda item, *_: str(item.po)))
        monkeypatch.setattr(collect, "scan_po_file", spy(collect.scan_po_file, self.read, str))
        monkeypatch.setattr(site, "overview_row", spy(site.overview_row, self.rows, lambda s: s.po))
        real_quoted = store._quoted

        def quoted(name: str) -> str:
            self.encoded.append(name)
            return real_quoted(name)

        counts = self

        class CountedSummary(site.Summary):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                counts.summaries += 1
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(store, "_quoted", quoted)
        monkeypatch.setattr(site, "Summary", CountedSummary)


def _catalogs(report: RunReport, release: str) -> list[str]:
    return sorted(s.po for r in report.releases if r.source.endswith(release) for s in r.locales)


def test_a_one_change_run_examines_only_the_changed_release(batch: Path) -> None:
    _build(_run(), batch / "out")
    _append("releases/notes.txt", "\nA closing sentence with 12 items.\n")
    again = _run()
    counts = _Counts()
    stats: list[str] = []
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        stats.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as spies:
        counts.install(spies)
        spies.setattr(site.os, "stat", stat)
        after = _build(again, batch / "out")
    changed = _catalogs(again, "notes.txt")
    assert len(changed) == 2
    assert sorted(set(counts.read)) == changed  # no other catalog is read
    assert sorted(counts.rows) == changed  # the other rows are copied from the old index
    assert counts.summaries == 0  # no summary is made of a kept page's manifest entry
    # a line encoded per page rendered (its name in the line and in the check of the old
    # manifest's lines, which reads every name once); the kept pages' entries are not
    entries = [name for name in counts.encoded if name.endswith(".po")]
    every = sorted(s.po for r in again.releases for s in r.locales)
    assert sorted(entries) == sorted(every + changed)
    # each kept catalog costs one stat (its time is on its page) and nothing more
    kept = [po for po in every if po not in changed]
    assert all(stats.count(po) == 1 for po in kept)
    assert after == _from_nothing(again, batch / "out")


def test_the_site_after_a_removed_release_is_a_full_rebuild(batch: Path) -> None:
    first = _run()
    _build(first, batch / "out")
    Path("releases/page.html").unlink()
    again = _run()
    assert not _catalogs(again, "page.html")
    after = _build(again, batch / "out")
    assert not any(name.startswith("page.") for name in after)
    assert after == _from_nothing(again, batch / "out")


def _counted_build(report: RunReport, out: Path) -> tuple[_Counts, dict[str, bytes]]:
    """The site built beside ``report``, with what examining its pages cost counted."""
    counts = _Counts()
    with pytest.MonkeyPatch.context() as spies:
        counts.install(spies)
        return counts, _build(report, out)


def test_the_site_after_a_new_release_is_a_full_rebuild(batch: Path) -> None:
    _build(_run(), batch / "out")
    shutil.copy("releases/notes.txt", "releases/extra.txt")
    _append("releases/extra.txt", "\nAnother 3 items were shipped.\n")
    again = _run()
    counts, after = _counted_build(again, batch / "out")
    assert sorted(counts.rows) == _catalogs(again, "extra.txt")
    assert {"extra.zh-Hant-HK.html", "extra.zh-Hans-CN.html"} <= set(after)
    assert after == _from_nothing(again, batch / "out")


def test_a_touched_catalog_is_rendered_again(batch: Path) -> None:
    """A page shows when its catalog was written: a catalog written again with the same
    bytes (a checkout) renders its page again, the release unchanged for the run."""
    _build(_run(), batch / "out")
    again = _run()
    po = _catalogs(again, "lab.md")[0]
    os.utime(po, (REPORT_TIME + 3600, REPORT_TIME + 3600))
    counts, after = _counted_build(again, batch / "out")
    assert counts.rows == [po]
    assert after == _from_nothing(again, batch / "out")


@pytest.mark.parametrize("spoil", ["index rows", "manifest digest", "old manifest"])
def test_rows_that_cannot_be_trusted_are_formatted_again(batch: Path, spoil: str) -> None:
    """The old index's rows are copied only when the manifest was saved with that index
    (its rows' digest): an index edited by hand, a digest that is not the index's, or a
    manifest from before the digest was kept gives rows formatted from the summaries."""
    _build(_run(), batch / "out")
    folder = batch / "out" / REVIEW_FOLDER
    index, manifest = folder / "index.html", folder / MANIFEST
    if spoil == "index rows":
        index.write_text(index.read_text(encoding="utf-8").replace("</td>", "</td> ", 1), encoding="utf-8")
    elif spoil == "manifest digest":
        text = manifest.read_text(encoding="utf-8")
        digest = text.split('"rows": "', 1)[1][:64]
        manifest.write_text(text.replace(digest, "0" * 64), encoding="utf-8")
    else:
        lines = manifest.read_text(encoding="utf-8").split("\n")
        manifest.write_text("\n".join(line for line in lines if not line.startswith(' "rows"')), encoding="utf-8")
    _append("releases/notes.txt", "\nA closing sentence with 12 items.\n")
    again = _run()
    counts, after = _counted_build(again, batch / "out")
    every = sorted(s.po for r in again.releases for s in r.locales)
    assert sorted(counts.rows) == every
    assert after == _from_nothing(again, batch / "out")


def test_a_manifest_not_laid_out_as_saved_is_encoded_again(batch: Path) -> None:
    """A manifest whose lines are not one page each (reformatted by a tool) is read as JSON
    and written again whole: the same site."""
    import json

    _build(_run(), batch / "out")
    manifest = batch / "out" / REVIEW_FOLDER / MANIFEST
    manifest.write_text(json.dumps(json.loads(manifest.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    _append("releases/notes.txt", "\nA closing sentence with 12 items.\n")
    again = _run()
    after = _build(again, batch / "out")
    assert after == _from_nothing(again, batch / "out")


_SEGMENT = st.sampled_from(["locales", "zh_Hant_HK", "LC_MESSAGES", "a b", ".", "..", "x.y", "", "-", "中文",
                            "release.po", ".po", "po.", "a..po"])


@given(st.lists(st.tuples(st.booleans(), st.lists(_SEGMENT, min_size=1, max_size=6)), min_size=1, max_size=6))
def test_page_names_from_strings_are_those_from_paths(paths: list[tuple[bool, list[str]]]) -> None:
    """``fact_bases`` finds each catalog's folder and stem with string operations: the
    names ``page_bases`` gives from ``Path`` objects, whatever the path's shape (absolute,
    short, with dots, empty segments, unnormalized)."""
    raw = [("/" if absolute else "") + "/".join(parts) for absolute, parts in paths]
    raw = [p for p in raw if p and p != "/"]
    for texts in (raw, [str(Path(p)) for p in raw]):
        rows = [FactsRow(p, "", "", "") for p in texts]
        assert fact_bases(rows) == page_bases([CatalogInput(Path(p)) for p in texts])
