"""A model that breaks after install must not stop the batch (issue 9, item 9).

Memory and glossary drafts are still written, the units that needed the model are left
untranslated, and the outcome names the broken package once, with the fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from mt_fixtures import session_package

from l10n.catalog import build_pot, merge
from l10n.errors import ModelError
from l10n.locales import parse_locale
from l10n.model import BlockKind, SourceRef, Unit
from l10n.mt.packages import PackageInfo, install_file
from l10n.tm import TranslationMemory
from l10n.translate import MT_CHUNK, Engines, Job, default_engines, pretranslate
from tests.fakes import FakeTranslator, fake_engines

HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")
TM_SOURCE = "The Legislative Council will debate the bill next week."
TM_TARGET = {HK: "立法會將於下星期辯論條例草案。", CN: "立法会将于下星期辩论条例草案。"}
TERM = "Cyberport"
TERM_TARGET = {HK: "數碼港", CN: "数码港"}
MT_SOURCES = [
    "The Observatory has issued a strong wind signal.",
    "Members of the public are advised to keep away from the shoreline.",
    "The new measures will take effect from next Monday.",
]
JOBS_PER_LOCALE = 6


def _catalog(locale: object, sources: list[str]) -> polib.POFile:
    units = [Unit(s, (SourceRef("r.md", i + 1),), BlockKind.PARAGRAPH) for i, s in enumerate(sources)]
    return merge(build_pot("r", units), None, locale)


def _jobs() -> list[Job]:
    sources = [TM_SOURCE, TERM, *MT_SOURCES]
    return [Job(f"{locale.tag}-{i}.po", _catalog(locale, sources), locale)
            for locale in (HK, CN) for i in range(JOBS_PER_LOCALE)]


def _glossary() -> object:
    from l10n.glossary import load_glossary

    return load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx")


@pytest.fixture
def installed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
              monkeypatch: pytest.MonkeyPatch) -> PackageInfo:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return install_file(session_package(tmp_path_factory))


def _run(jobs: list[Job], tmp_path: Path, engines: Engines):
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        for locale, target in TM_TARGET.items():
            tm.add(locale, TM_SOURCE, target, origin="old.po")
        return pretranslate(jobs, tm=tm, glossary=_glossary(), engines=engines)


def _assert_memory_and_glossary_kept(jobs: list[Job]) -> None:
    for job in jobs:
        assert job.po.find(TM_SOURCE).msgstr == TM_TARGET[job.locale]
        assert not job.po.find(TM_SOURCE).fuzzy
        assert job.po.find(TERM).msgstr == TERM_TARGET[job.locale]
        assert all(job.po.find(s).msgstr == "" for s in MT_SOURCES)


def _assert_reported_once(outcome, folder: Path, to_code: str = "zh") -> None:
    assert outcome.missing_models == []  # broken is not "not installed"
    (line,) = outcome.broken_models
    assert "\n" not in line and line.startswith(f"{folder}: ")
    assert f"l10n models remove en {to_code}" in line and f"l10n models install en {to_code}" in line
    for stats in outcome.stats:
        assert (stats.tm_exact, stats.glossary, stats.mt, stats.left) == (1, 1, 0, len(MT_SOURCES))
        assert stats.changed


CORRUPT = {
    "garbage": b"\x13\x37" * 500,
    "truncated": None,  # first half of the real file
    "empty": b"",
    "zeros": None,  # as long as the real file, all zero
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_model_bin_after_install(installed: PackageInfo, tmp_path: Path, kind: str) -> None:
    model_bin = installed.model_dir / "model.bin"
    good = model_bin.read_bytes()
    data = {"truncated": good[: len(good) // 2], "zeros": bytes(len(good))}.get(kind, CORRUPT[kind])
    model_bin.write_bytes(data)
    jobs = _jobs()
    outcome = _run(jobs, tmp_path, default_engines(beam_size=1))
    _assert_memory_and_glossary_kept(jobs)
    _assert_reported_once(outcome, installed.path)
    assert "cannot load the CTranslate2 model" in outcome.broken_models[0]


def test_unreadable_package_folder_no_longer_stops_the_batch(installed: PackageInfo,
                                                            tmp_path: Path) -> None:
    """A folder the listing calls broken (bad metadata.json) used to raise out of pretranslate."""
    (installed.path / "metadata.json").write_text("{", encoding="utf-8")
    jobs = _jobs()
    outcome = _run(jobs, tmp_path, default_engines(beam_size=1))
    _assert_memory_and_glossary_kept(jobs)
    _assert_reported_once(outcome, installed.path)


def test_model_folder_removed_after_listing(installed: PackageInfo, tmp_path: Path) -> None:
    shutil.rmtree(installed.model_dir)
    (installed.model_dir).mkdir()
    (installed.model_dir / "model.bin").write_bytes(b"")  # listed as installed, cannot load
    jobs = _jobs()
    outcome = _run(jobs, tmp_path, default_engines(beam_size=1))
    _assert_memory_and_glossary_kept(jobs)
    _assert_reported_once(outcome, installed.path)


class BreaksWhenRun(FakeTranslator):
    """Loads fine, fails on the first batch (as a model with damaged weights can)."""

    def translate_batch(self, texts):
        self.calls.append(list(texts))
        raise ModelError("the CTranslate2 model failed (RuntimeError: bad)", path="/pkgs/translate-en_zh-1_9",
                         hint="remove it with `l10n models remove en zh` and install it again with "
                              "`l10n models install en zh`")


def test_model_failing_mid_run_is_tried_once_and_reported_once(tmp_path: Path) -> None:
    """Several chunks of inputs, a dozen catalogs, two locales: one attempt, one line."""
    breaking = BreaksWhenRun()
    sources = [TM_SOURCE, TERM, *MT_SOURCES] + [f"Sentence number {i} about the harbour." for i in range(2 * MT_CHUNK)]
    jobs = [Job(f"{loc.tag}-{i}.po", _catalog(loc, sources), loc) for loc in (HK, CN) for i in range(6)]
    outcome = _run(jobs, tmp_path, fake_engines({"zh": breaking}))
    assert len(breaking.calls) == 1
    assert outcome.broken_models == [
        "/pkgs/translate-en_zh-1_9: the CTranslate2 model failed (RuntimeError: bad) (remove it with "
        "`l10n models remove en zh` and install it again with `l10n models install en zh`)"]
    for job, stats in zip(jobs, outcome.stats, strict=True):
        assert job.po.find(TM_SOURCE).msgstr == TM_TARGET[job.locale]
        assert job.po.find(TERM).msgstr == TERM_TARGET[job.locale]
        assert stats.mt == 0 and stats.left == len(sources) - 2


def test_one_broken_model_does_not_stop_the_other(tmp_path: Path) -> None:
    """zt broken, zh fine: Simplified drafts are written; Traditional falls back to zh + OpenCC."""
    zh = FakeTranslator()

    def factory(src: str, dst: str):
        if dst == "zt":
            raise ModelError("the installed en→zt package is broken (no readable metadata.json)",
                             path="/pkgs/translate-en_zt-1_9")
        return zh

    jobs = _jobs()
    outcome = _run(jobs, tmp_path, Engines(factory))
    assert outcome.missing_models == []
    (line,) = outcome.broken_models
    assert line.startswith("/pkgs/translate-en_zt-1_9: ") and "l10n models remove en zt" in line
    assert all(stats.mt == len(MT_SOURCES) for stats in outcome.stats)


def test_healthy_model_reports_nothing_broken(installed: PackageInfo, tmp_path: Path) -> None:
    jobs = _jobs()[:1]
    outcome = _run(jobs, tmp_path, default_engines(beam_size=1))
    assert outcome.broken_models == [] and outcome.stats[0].mt == len(MT_SOURCES)


def test_route_with_every_model_broken_is_none_and_not_called_missing() -> None:
    """What `run` asks on a no-op batch: broken packages are named, never "not installed"."""
    def factory(src: str, dst: str):
        raise ModelError("no readable metadata.json", path=f"/pkgs/translate-en_{dst}-1_9")

    engines = Engines(factory)
    assert engines.route(HK) is None and engines.route(CN) is None
    assert engines.missing == []
    assert sorted(engines.broken) == ["zh", "zt"]
    assert all(f"l10n models remove en {code}" in line for code, line in engines.broken.items())
