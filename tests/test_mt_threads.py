"""MT thread layout (issue 16, item 3).

CTranslate2 runs ``inter_threads`` model replicas of ``intra_threads`` threads each, on
batches of ``batch_size`` sentences. The layout is derived from the cores this process
may use (one replica per core, one thread each: the faster layout in
``bench/bench_mt.py``), can be set in ``[mt]`` and on ``l10n translate``, is refused
when it is not a whole number of at least 1, reaches CTranslate2 as chosen, is fed one
batch per replica per call, and does not change a single output.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ctranslate2
import pytest
from mt_fixtures import session_package

from l10n import defaults
from l10n.catalog import build_pot, merge
from l10n.config import Settings, load_settings
from l10n.errors import ModelMissing
from l10n.locales import parse_locale
from l10n.model import BlockKind, SourceRef, Unit
from l10n.mt import ENGINES, Hypothesis, PlaceholderStyle, default_engines
from l10n.mt.engine import CTranslate2Translator, wanted_per_call
from l10n.mt.packages import PackageInfo, install_file
from l10n.mt.threads import BATCH_TYPE, ThreadLayout, choose_layout, usable_cores
from l10n.translate import MT_CHUNK, Job, pretranslate
from tests.conftest import CliResult
from tests.fakes import fake_engines

Cli = Callable[..., CliResult]
BATCH = defaults.MT_BATCH_SIZE
CN = parse_locale("zh-Hans-CN")
HK = parse_locale("zh-Hant-HK")
TEXTS = [
    "The Government announced today that the economy grew.",
    "Over 2,200 visitors attended the exhibition.",
    "The Financial Secretary said the budget would support small enterprises.",
    "The Observatory has issued a strong wind signal.",
    "Members of the public are advised to keep away from the shoreline.",
    "The ratio of applicants to places was 1:9.",
    "The new measures will take effect from next Monday.",
    "One-third of the funding will be allocated to innovation and technology.",
    "The Legislative Council will debate the bill next week.",
    "The project costs HK$2.597 billion and will be completed in 2027.",
    "About 33 per cent of households received the subsidy.",
]
#: Random weights never end a sentence on purpose; short outputs keep the tests fast.
MAX_LENGTH = 16


def _cores(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """This process may run on ``n`` cores (its CPU affinity), whatever the machine has."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(n)), raising=False)


# -- the layout ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cores", "given", "expected"),
    [
        (1, {}, (1, 1, BATCH)),
        (2, {}, (2, 1, BATCH)),
        (8, {}, (8, 1, BATCH)),
        (8, {"intra_threads": 2}, (4, 2, BATCH)),  # the other count fills the cores
        (8, {"inter_threads": 3}, (3, 2, BATCH)),
        (2, {"inter_threads": 4}, (4, 1, BATCH)),  # more than the cores: still 1 thread each
        (2, {"intra_threads": 4}, (1, 4, BATCH)),
        (8, {"inter_threads": 1, "intra_threads": 8, "batch_size": 16}, (1, 8, 16)),
        (4, {"batch_size": 1}, (4, 1, 1)),
    ],
)
def test_layout_from_the_core_count(cores: int, given: dict[str, int], expected: tuple[int, int, int]) -> None:
    layout = choose_layout(**given, cores=cores)
    assert (layout.inter_threads, layout.intra_threads, layout.batch_size) == expected
    assert layout.texts_per_call == expected[0] * expected[2]


@pytest.mark.parametrize("counts", [(0, 1, 1), (1, 0, 1), (1, 1, 0), (-1, 1, 1)])
def test_a_layout_below_one_is_refused(counts: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="must be 1 or more"):
        ThreadLayout(*counts)


def test_usable_cores_follow_the_affinity_then_the_core_count(monkeypatch: pytest.MonkeyPatch) -> None:
    _cores(monkeypatch, 3)
    assert usable_cores() == 3
    assert choose_layout() == ThreadLayout(3, 1, BATCH)
    monkeypatch.delattr(os, "sched_getaffinity")  # not Linux
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert usable_cores() == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # unknown
    assert usable_cores() == 1


# -- settings and flags ----------------------------------------------------------------


def _config(folder: Path, mt: str) -> Path:
    path = folder / "cfg.toml"
    path.write_text(f'[sources]\npaths = ["release.md"]\n[glossary]\npath = ""\n[mt]\n{mt}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mt", "expected"),
    [
        ("", (6, 1, BATCH)),
        ('inter_threads = "auto"\nintra_threads = "auto"', (6, 1, BATCH)),
        ("inter_threads = 3", (3, 2, BATCH)),
        ("intra_threads = 6", (1, 6, BATCH)),
        ("inter_threads = 2\nintra_threads = 2\nbatch_size = 8", (2, 2, 8)),
    ],
)
def test_settings_give_the_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mt: str,
                                  expected: tuple[int, int, int]) -> None:
    _cores(monkeypatch, 6)
    settings = load_settings(_config(tmp_path, mt), environ={})
    assert settings.mt_threads() == ThreadLayout(*expected)


def test_the_default_settings_follow_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    _cores(monkeypatch, 5)
    assert Settings().mt_threads() == ThreadLayout(5, 1, BATCH)
    _cores(monkeypatch, 1)
    assert Settings().mt_threads() == ThreadLayout(1, 1, BATCH)


@pytest.mark.parametrize(
    ("mt", "message"),
    [
        ("inter_threads = 0", "mt.inter_threads must be a whole number, 1 or more, or \"auto\", got 0"),
        ("inter_threads = -2", "mt.inter_threads must be a whole number, 1 or more, or \"auto\", got -2"),
        ("inter_threads = 1.5", "mt.inter_threads must be a whole number, 1 or more, or \"auto\", got 1.5"),
        ('inter_threads = "two"', "mt.inter_threads must be a whole number, 1 or more, or \"auto\", got 'two'"),
        ("inter_threads = true", "mt.inter_threads must be a whole number, 1 or more, or \"auto\", got True"),
        ("intra_threads = 0", "mt.intra_threads must be a whole number, 1 or more, or \"auto\", got 0"),
        ("batch_size = 0", "mt.batch_size must be a whole number, 1 or more, got 0"),
        ("batch_size = -8", "mt.batch_size must be a whole number, 1 or more, got -8"),
        ("batch_size = 2.5", "mt.batch_size must be a whole number, 1 or more, got 2.5"),
        ('batch_size = "auto"', "mt.batch_size must be a whole number, 1 or more, got 'auto'"),
    ],
)
def test_bad_thread_settings_are_one_line_naming_the_file(project: Path, cli: Cli, mt: str, message: str) -> None:
    _config(project, mt)
    r = cli("run", "--no-mt", "--config", "cfg.toml")
    lines = r.err.strip().splitlines()
    assert r.code == 2 and len(lines) == 1, r.err
    assert lines[0].startswith("l10n: error: cfg.toml: ") and message in lines[0]
    assert not (project / ".l10n").exists()


@pytest.mark.parametrize("flag", ["--inter-threads", "--intra-threads", "--batch-size"])
@pytest.mark.parametrize("value", ["0", "-1", "1.5", "many"])
def test_bad_thread_flags_are_usage_errors(project: Path, cli: Cli, flag: str, value: str) -> None:
    r = cli("translate", "--no-mt", flag, value)
    assert r.code == 2
    assert f"argument {flag}:" in r.err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (4, 1, BATCH)),
        (["--inter-threads", "3", "--batch-size", "8"], (3, 1, 8)),
        (["--intra-threads", "2"], (2, 2, BATCH)),
    ],
)
def test_translate_flags_reach_the_engines(project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                           argv: list[str], expected: tuple[int, int, int]) -> None:
    _cores(monkeypatch, 4)
    seen: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("threads"))
        return fake_engines({})

    monkeypatch.setattr("l10n.commands.translate.default_engines", spy)
    assert cli("extract", "release.md").code == 0 and cli("update").code == 0
    assert cli("translate", *argv).code == 0
    assert seen == [ThreadLayout(*expected)]


# -- the engines -----------------------------------------------------------------------


@dataclass
class Recording:
    """An engine factory; ``threads`` is given only to factories that declare it."""

    built: list[Any] = field(default_factory=list)

    def with_threads(self, from_code: str, to_code: str, *, beam_size: int,
                     threads: ThreadLayout | None = None) -> Any:
        self.built.append(("with", beam_size, threads))
        return _Echo()

    def without(self, from_code: str, to_code: str, *, beam_size: int) -> Any:
        self.built.append(("without", beam_size))
        return _Echo()


class _Echo:
    placeholder_style = PlaceholderStyle.LATIN_CAPS
    name = "echo"

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        return [Hypothesis("回声。", 0.0) for _ in texts]


def test_threads_reach_only_factories_that_take_them(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = Recording()
    monkeypatch.setitem(ENGINES, "with-threads", recording.with_threads)
    monkeypatch.setitem(ENGINES, "without-threads", recording.without)
    layout = ThreadLayout(2, 3, 4)
    default_engines(2, engine="with-threads", threads=layout).get("zh")
    default_engines(2, engine="without-threads", threads=layout).get("zh")
    default_engines(2, engine="with-threads").get("zh")  # no layout: the engine chooses
    assert recording.built == [("with", 2, layout), ("without", 2), ("with", 2, None)]


def test_the_run_gives_the_configured_layout_to_the_engine(project: Path, cli: Cli,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _cores(monkeypatch, 4)
    recording = Recording()
    monkeypatch.setitem(ENGINES, "recording", recording.with_threads)
    _config(project, 'engine = "recording"\ninter_threads = 2\nbatch_size = 8')
    r = cli("run", "--config", "cfg.toml")
    assert r.code == 1, r.err  # 1: the echo drafts are fuzzy and fail the checks; not this test's concern
    assert recording.built and {b[2] for b in recording.built} == {ThreadLayout(2, 2, 8)}


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_package(tmp_path_factory)


@pytest.fixture
def package(model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PackageInfo:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return install_file(model_file)


_REAL = ctranslate2.Translator


class _Spy:
    """The real ``ctranslate2.Translator``, recording its constructor and call arguments."""

    made: list[_Spy] = []

    def __init__(self, model_path: str, **kwargs: Any) -> None:
        self.real = _REAL(model_path, **kwargs)
        self.kwargs = kwargs
        self.calls: list[dict[str, Any]] = []
        _Spy.made.append(self)

    def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append({"sentences": len(tokens), **kwargs})
        return self.real.translate_batch(tokens, **kwargs)


def test_ctranslate2_gets_the_chosen_layout(package: PackageInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    _Spy.made = []
    monkeypatch.setattr(ctranslate2, "Translator", _Spy)
    translator = CTranslate2Translator(package, max_decoding_length=MAX_LENGTH, threads=ThreadLayout(2, 1, 3))
    assert translator.texts_per_call == 6
    translator.translate_batch(TEXTS)
    (spy,) = _Spy.made
    assert (spy.kwargs["inter_threads"], spy.kwargs["intra_threads"]) == (2, 1)
    assert spy.real.num_translators == 2  # CTranslate2 made two replicas
    (call,) = spy.calls
    assert (call["sentences"], call["max_batch_size"], call["batch_type"]) == (len(TEXTS), 3, BATCH_TYPE)


def test_the_engine_default_follows_the_cores(package: PackageInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    _cores(monkeypatch, 3)
    translator = CTranslate2Translator(package, max_decoding_length=MAX_LENGTH)
    assert translator.threads == ThreadLayout(3, 1, BATCH)
    translator.translate_batch(TEXTS[:1])
    assert translator._load()[0].num_translators == 3


def test_every_layout_gives_the_same_translations(package: PackageInfo) -> None:
    """Replicas, threads and batch sizes change the speed, never a word or a score."""
    layouts = [ThreadLayout(1, 2, BATCH), ThreadLayout(2, 1, BATCH), ThreadLayout(2, 1, 2),
               ThreadLayout(3, 1, 1), ThreadLayout(1, 1, 5), ThreadLayout(2, 2, 4)]
    results = [CTranslate2Translator(package, max_decoding_length=MAX_LENGTH, threads=layout).translate_batch(TEXTS)
               for layout in layouts]
    assert all(h.value for h in results[0])
    for layout, result in zip(layouts[1:], results[1:], strict=True):
        assert [h.value for h in result] == [h.value for h in results[0]], layout
        assert [h.score for h in result] == pytest.approx([h.score for h in results[0]], abs=1e-4), layout


# -- the stage feeds one batch per replica -----------------------------------------------


@dataclass
class _Counting:
    """A fake model that asks for ``texts_per_call`` texts per call (0: no wish)."""

    texts_per_call: Any = 0
    calls: list[int] = field(default_factory=list)
    placeholder_style = PlaceholderStyle.LATIN_CAPS
    name = "counting"

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(len(texts))
        return [Hypothesis(f"译文{i}。", 0.0) for i, _ in enumerate(texts)]


def _jobs(count: int) -> list[Job]:
    words = ["harbour", "bridge", "tunnel", "market", "school", "garden", "hospital", "museum",
             "library", "station", "stadium", "airport", "pier", "clinic", "court", "theatre"]
    # no digits: numbers become placeholders, and every sentence would then be the same text
    assert count <= len(words) ** 2
    sources = [f"The {words[i % 16]} near the {words[i // 16]} opened." for i in range(count)]
    units = [Unit(s, (SourceRef("r.md", i + 1),), BlockKind.PARAGRAPH) for i, s in enumerate(sources)]
    pot = build_pot("r", units)
    return [Job(f"{loc.tag}.po", merge(pot, None, loc), loc) for loc in (CN, HK)]


@pytest.mark.parametrize(
    ("wish", "calls"),
    [
        (0, [MT_CHUNK, MT_CHUNK, MT_CHUNK, 250 - 3 * MT_CHUNK]),  # no wish: the stage's chunk
        (100, [100, 100, 50]),  # 4 replicas x 25: one batch each per call
        (10, [MT_CHUNK, MT_CHUNK, MT_CHUNK, 250 - 3 * MT_CHUNK]),  # never fewer than MT_CHUNK
        (True, [MT_CHUNK, MT_CHUNK, MT_CHUNK, 250 - 3 * MT_CHUNK]),  # not a count: ignored
    ],
)
def test_the_stage_sends_what_the_engine_asks_for(wish: Any, calls: list[int]) -> None:
    model = _Counting(wish)
    jobs = _jobs(250)
    engines = fake_engines({"zh": model})  # type: ignore[dict-item]
    outcome = pretranslate(jobs, engines=engines)
    assert model.calls == calls  # zh-Hant (through OpenCC) reuses the zh drafts: no more calls
    assert [s.mt for s in outcome.stats] == [250, 250]


def test_wrappers_pass_the_wish_through() -> None:
    engines = fake_engines({"zh": _Counting(96)})  # type: ignore[dict-item]
    hans, hant = engines.route(CN), engines.route(HK)
    assert hans is not None and hant is not None and hant is not hans
    assert wanted_per_call(hans) == wanted_per_call(hant) == 96
    assert wanted_per_call(_Counting(-3)) == wanted_per_call(_Counting("64")) == 0


def test_missing_model_needs_no_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine without the pair still says which one to install, threads or not."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    from l10n.mt.engine import load_translator

    with pytest.raises(ModelMissing):
        load_translator("en", "zh", threads=ThreadLayout(2, 1, 8))
