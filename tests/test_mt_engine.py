"""The CTranslate2 engine on a small real (random-weight) Argos package."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import ctranslate2
import pytest
from mt_fixtures import FakeTranslator, install_fake_numbers, session_package

from l10n.errors import ModelError, ModelMissing
from l10n.locales import parse_locale
from l10n.mt import engine
from l10n.mt.engine import CTranslate2Translator, Hypothesis, Translator, load_translator
from l10n.mt.packages import PackageInfo, install_file
from l10n.mt.protect import protect, restore

TEXTS = [
    "The Government announced today that the economy grew.",
    "Over 2,200 visitors attended the exhibition.",
    "",
    "The Financial Secretary said the budget would support small enterprises.",
    "The Observatory has issued a strong wind signal.",
]
#: Random weights never emit end-of-sentence on purpose; keep outputs short for speed.
TEST_MAX_LENGTH = 24


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_package(tmp_path_factory)


@pytest.fixture
def fake_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_numbers(monkeypatch)


@pytest.fixture
def package(model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PackageInfo:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return install_file(model_file)


_REAL_TRANSLATOR = ctranslate2.Translator


class SpyTranslator:
    """Wraps the real ctranslate2.Translator, recording constructor and call arguments."""

    instances: list[SpyTranslator] = []

    def __init__(self, model_path: str, **kwargs: Any) -> None:
        self.real = _REAL_TRANSLATOR(model_path, **kwargs)
        self.kwargs = kwargs
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []
        SpyTranslator.instances.append(self)

    @property
    def compute_type(self) -> str:
        return str(self.real.compute_type)

    def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append((tokens, kwargs))
        return self.real.translate_batch(tokens, **kwargs)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> type[SpyTranslator]:
    SpyTranslator.instances = []
    monkeypatch.setattr(ctranslate2, "Translator", SpyTranslator)
    return SpyTranslator


def test_one_batched_call_for_all_inputs_in_order(package: PackageInfo,
                                                  spy: type[SpyTranslator]) -> None:
    translator = CTranslate2Translator(package, max_decoding_length=TEST_MAX_LENGTH)
    assert translator.name == "argos en→zh 0.0.1"
    out = translator.translate_batch(TEXTS)
    assert len(out) == len(TEXTS)
    assert all(isinstance(h, Hypothesis) for h in out)
    assert out[2] == Hypothesis("", 0.0)  # blank input is not sent to the model
    assert all(h.value for i, h in enumerate(out) if i != 2)
    (instance,) = spy.instances
    (call,) = instance.calls
    tokens, kwargs = call
    assert len(tokens) == 4
    assert kwargs["batch_type"] == "examples"
    assert kwargs["max_batch_size"] == translator.threads.batch_size
    assert kwargs["beam_size"] == engine.BEAM_SIZE == 4
    assert kwargs["target_prefix"] is None
    # Input order: each output equals translating that text on its own.
    for text, hyp in zip(TEXTS, out, strict=True):
        if text:
            assert translator.translate_batch([text]) == [hyp]
    # Loaded once: CPU, int8, the thread layout chosen for this machine (tests/test_mt_threads.py).
    assert len(spy.instances) == 1
    assert instance.kwargs["device"] == "cpu"
    assert instance.kwargs["compute_type"] == "int8"
    assert instance.kwargs["inter_threads"] == translator.threads.inter_threads
    assert instance.kwargs["intra_threads"] == translator.threads.intra_threads
    assert instance.compute_type.startswith("int8")
    assert translator.compute_type.startswith("int8")


def test_deterministic(package: PackageInfo) -> None:
    first = CTranslate2Translator(package, max_decoding_length=TEST_MAX_LENGTH)
    second = CTranslate2Translator(package, max_decoding_length=TEST_MAX_LENGTH)
    assert first.translate_batch(TEXTS) == second.translate_batch(TEXTS)


def test_all_blank_makes_no_call(package: PackageInfo, spy: type[SpyTranslator]) -> None:
    translator = CTranslate2Translator(package)
    assert translator.translate_batch(["", "  "]) == [Hypothesis("", 0.0)] * 2
    assert spy.instances == []  # not even loaded
    assert translator.translate_batch([]) == []


def test_target_prefix_sent_and_stripped(tmp_path_factory: pytest.TempPathFactory,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         spy: type[SpyTranslator]) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    package = install_file(session_package(tmp_path_factory, target_prefix="__zh__"))
    assert package.target_prefix == "__zh__"
    translator = CTranslate2Translator(package, max_decoding_length=TEST_MAX_LENGTH)
    out = translator.translate_batch(TEXTS[:2])
    (call,) = spy.instances[-1].calls  # [0] is the load check made at install
    assert call[1]["target_prefix"] == [["__zh__"], ["__zh__"]]
    assert all(not h.value.startswith("__zh__") and h.value for h in out)


def test_protection_reports_tokens_the_model_drops(package: PackageInfo,
                                                   fake_numbers: None) -> None:
    """Random weights mangle placeholders: restore must say so, never pass silently."""
    locale = parse_locale("zh-Hant-HK")
    protected = protect("Visit <1>our site</1> at www.info.gov.hk today.", locale=locale)
    assert len(protected.slots) == 3
    translator = CTranslate2Translator(package, max_decoding_length=TEST_MAX_LENGTH)
    (hyp,) = translator.translate_batch([protected.text])
    restored = restore(protected, hyp.value)
    assert not restored.ok
    assert set(restored.missing) == {"<1>", "</1>", "www.info.gov.hk"}


def test_load_translator_missing_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    with pytest.raises(ModelMissing) as caught:
        load_translator("en", "zh")
    assert "l10n models install en zh" in caught.value.format_message()


def test_load_translator_finds_installed(package: PackageInfo) -> None:
    translator = load_translator("en", "zh")
    assert translator.package == package
    assert isinstance(translator, Translator)


def test_broken_model_is_model_error(package: PackageInfo) -> None:
    (package.model_dir / "model.bin").write_bytes(b"broken")
    with pytest.raises(ModelError, match="cannot load the CTranslate2 model"):
        CTranslate2Translator(package).translate_batch(["Hello."])


def test_fake_satisfies_protocol() -> None:
    fake = FakeTranslator({"Hello": "你好"})
    assert isinstance(fake, Translator)
    assert fake.translate_batch(["Hello"]) == [Hypothesis("你好", -1.0)]


def test_output_that_reaches_max_decoding_length_is_flagged_truncated(
        package: PackageInfo) -> None:
    """Random weights never emit end-of-sentence, so every output hits the limit."""
    translator = CTranslate2Translator(package, max_decoding_length=5)
    out = translator.translate_batch(TEXTS)
    assert [h.truncated for h in out] == [True, True, False, True, True]  # blank: not sent
    assert all(h.value for i, h in enumerate(out) if i != 2)


def test_truncation_counts_the_target_prefix(tmp_path_factory: pytest.TempPathFactory,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    package = install_file(session_package(tmp_path_factory, target_prefix="__zh__"))
    (hyp,) = CTranslate2Translator(package, max_decoding_length=4).translate_batch(TEXTS[:1])
    assert hyp.truncated and not hyp.value.startswith("__zh__")


class _StopsEarly(SpyTranslator):
    """The real model, but every output ends one token before the limit, as a model that
    emitted end-of-sentence does."""

    def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
        limit = kwargs["max_decoding_length"]
        outputs = super().translate_batch(tokens, **kwargs)
        return [types.SimpleNamespace(hypotheses=[out.hypotheses[0][: limit - 1]],
                                      scores=out.scores) for out in outputs]


def test_output_that_ends_before_the_limit_is_not_truncated(
        package: PackageInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctranslate2, "Translator", _StopsEarly)
    out = CTranslate2Translator(package, max_decoding_length=6).translate_batch(TEXTS[:2])
    assert [h.truncated for h in out] == [False, False]
    assert all(h.value for h in out)


def test_hypothesis_fields_keep_their_order() -> None:
    hyp = Hypothesis("譯文", -0.5)
    assert (hyp.value, hyp.score, hyp.truncated) == ("譯文", -0.5, False)
    assert Hypothesis("譯文", -0.5, True).truncated


def test_load_translator_names_a_broken_package(package: PackageInfo) -> None:
    (package.path / "metadata.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        load_translator("en", "zh")
    message = caught.value.format_message()
    assert message.startswith(f"{package.path}: the installed en→zh package is broken")
    assert "l10n models remove en zh" in message
