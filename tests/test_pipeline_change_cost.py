"""What a run that changed one release pays for the others (issue 16): the output-name
clash rule looks at every source once per run, not again for each chunk of changed
releases, unless some sources of the run do share an output name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from l10n import pipeline
from l10n.config import load_settings
from tests.fakes import fake_engines
from tests.pipeline_golden import GoldenTranslator


def _run(**kwargs: Any) -> pipeline.RunReport:
    return pipeline.run_pipeline(load_settings(Path("pipeline/nightly.toml")),
                                 engines=fake_engines({"zh": GoldenTranslator()}), **kwargs)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of sources each call of the clash rule was given."""
    calls: list[int] = []
    real = pipeline.output_clashes

    def spy(sources: Sequence[str | Path], **kwargs: Any) -> dict[str, str]:
        calls.append(len(sources))
        return real(sources, **kwargs)

    monkeypatch.setattr(pipeline, "output_clashes", spy)
    return calls


def test_without_a_clash_the_unchanged_releases_are_not_named_again(batch3: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _run()
    notes = Path("releases/notes.txt")
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more sentence with 4 items.\n", encoding="utf-8")
    calls = _counted(monkeypatch)
    report = _run(chunk=1)
    assert [r.status for r in report.releases].count("processed") == 1
    assert calls == [3]  # once, over every source, when the run starts


def test_with_a_clash_each_chunk_is_still_checked(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``x.en.md`` beside ``x.md``: both fail, whichever chunk each is in."""
    lab = Path("releases/lab.md")
    Path("releases/lab.en.md").write_text(lab.read_text(encoding="utf-8"), encoding="utf-8")
    calls = _counted(monkeypatch)
    report = _run(chunk=1)
    failed = {r.source for r in report.releases if r.status == "failed"}
    assert failed == {"releases/lab.md", "releases/lab.en.md"}
    assert len(calls) > 1  # the chunks' own checks ran


def test_the_site_takes_the_term_base_the_run_loaded(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review site marks the run's term base with the object the run loaded (loading
    it again from its cache cost a one-change run 0.03 s), and the report's write leaves
    the collector as it found it (nothing stays frozen)."""
    import gc
    import shutil

    from l10n import annotate

    terms = Path(__file__).parent / "data" / "golden" / "glossary" / "inputs" / "terms.tbx"
    shutil.copy(terms, "terms.tbx")
    config = Path("pipeline/nightly.toml")
    config.write_text(config.read_text(encoding="utf-8").replace('[glossary]\npath = ""', '[glossary]\npath = "terms.tbx"'),
                      encoding="utf-8")
    report = _run()
    assert report.glossary is not None
    loads: list[object] = []
    real = annotate.load_default_glossary
    monkeypatch.setattr(annotate, "load_default_glossary", lambda *a, **k: loads.append(a) or real(*a, **k))
    Path("out").mkdir(exist_ok=True)
    frozen = gc.get_freeze_count()
    pipeline.write_report(Path("out/report.json"), report)
    assert gc.get_freeze_count() == frozen
    assert loads == []
    page = Path("out/review/lab.zh-Hant-HK.html").read_text(encoding="utf-8")
    assert 'class="term" title="term base: start-up' in page
