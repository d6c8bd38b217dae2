"""Routes as data, engines by composition: which engine serves a locale, and how it is built."""

from __future__ import annotations

import pytest

from l10n.errors import ModelError, ModelMissing
from l10n.locales import LocaleId, parse_locale
from l10n.mt import Cached, Converted, Engines, Hypothesis, PlaceholderStyle, Route, Translator, routes_for
from l10n.mt.protect import protect
from tests.fakes import FakeTranslator

HK = parse_locale("zh-Hant-HK")
MO = parse_locale("zh-Hant-MO")
TW = parse_locale("zh-Hant-TW")
CN = parse_locale("zh-Hans-CN")


@pytest.mark.parametrize(
    ("locale", "hant_route", "expected"),
    [
        (CN, "auto", (Route("zh"),)),
        (CN, "zt", (Route("zh"),)),
        (HK, "auto", (Route("zt", "t2hk"), Route("zh", "s2hk"))),
        (HK, "zt", (Route("zt", "t2hk"),)),
        (HK, "s2hk", (Route("zh", "s2hk"),)),
        (MO, "auto", (Route("zt", "t2hk"), Route("zh", "s2hk"))),
        (TW, "auto", (Route("zt", None), Route("zh", "s2twp"))),
    ],
)
def test_routes_table(locale: LocaleId, hant_route: str, expected: tuple[Route, ...]) -> None:
    assert routes_for(locale, hant_route) == expected


def _engines(models: dict[str, Translator | Exception], hant_route: str = "auto") -> Engines:
    def factory(src: str, dst: str) -> Translator:
        found = models.get(dst, ModelMissing(f"no {src}→{dst}"))
        if isinstance(found, Exception):
            raise found
        return found

    return Engines(factory, hant_route=hant_route)


def test_zh_hant_is_the_simplified_model_wrapped_in_opencc_sharing_its_cache() -> None:
    zh = FakeTranslator()
    engines = _engines({"zh": zh})
    hk, cn = engines.route(HK), engines.route(CN)
    assert isinstance(hk, Converted) and hk.config == "s2hk" and hk.name == "fake en→zh 0.0 + OpenCC s2hk"
    assert isinstance(cn, Cached) and hk.inner is cn and cn.inner is zh
    assert engines.route(HK) is hk  # one engine per route and run
    assert [h.value for h in hk.translate_batch(["Hello QXZAA."])] == ["譯文QXZAA。"]
    assert [h.value for h in cn.translate_batch(["Hello QXZAA."])] == ["译文QXZAA。"]
    assert zh.calls == [["Hello QXZAA."]] and engines.model_inputs == 1


def test_a_missing_route_names_the_last_candidate_and_a_broken_one_is_not_missing() -> None:
    engines = _engines({"zt": ModelError("bad metadata", path="/p/translate-en_zt-1_9")})
    assert engines.route(HK) is None and engines.route(CN) is None
    assert engines.missing == ["en→zh"] and list(engines.broken) == ["zt"]
    only_zt = _engines({}, hant_route="zt")
    only_zt.route(HK)
    assert only_zt.missing == ["en→zt"]


def test_a_model_that_fails_is_unusable_for_every_route_over_it() -> None:
    engines = _engines({"zh": FakeTranslator()})
    hk, cn = engines.route(HK), engines.route(CN)
    assert hk is not None and cn is not None
    engines.failed(hk, ModelError("the CTranslate2 model failed", path="/p/translate-en_zh-1_9"))
    assert not engines.usable(cn) and not engines.usable(hk)
    (line,) = engines.broken.values()
    assert line.startswith("/p/translate-en_zh-1_9: ") and "l10n models remove en zh" in line
    assert engines.route(CN) is None and engines.missing == []


def test_cached_sends_each_distinct_text_once_in_one_call() -> None:
    zh = FakeTranslator()
    cached = Cached(zh)
    first = cached.translate_batch(["a", "b", "a"])
    second = cached.translate_batch(["b", "c"])
    assert zh.calls == [["a", "b"], ["c"]]
    assert first[0] == first[2] and second[0] == first[1]
    assert cached.model_inputs == 3 and cached.name == zh.name


def test_converted_keeps_tokens_tags_score_and_truncation() -> None:
    class Fixed:
        name = "fixed"
        placeholder_style = PlaceholderStyle.LATIN_CAPS

        def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
            return [Hypothesis("发布 QXZAA <1>数据</1>", -0.5, truncated=True) for _ in texts]

    (hyp,) = Converted(Fixed(), "s2hk").translate_batch(["x"])
    assert hyp == Hypothesis("發佈 QXZAA <1>數據</1>", -0.5, truncated=True)


def test_an_engine_must_declare_its_placeholder_style() -> None:
    class NoStyle:
        name = "no style"

        def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
            return []

    assert not isinstance(NoStyle(), Translator)
    assert isinstance(FakeTranslator(), Translator)
    assert Converted(Cached(FakeTranslator()), "s2hk").placeholder_style is PlaceholderStyle.LATIN_CAPS


def test_protect_writes_the_style_it_is_given() -> None:
    protected = protect("Visit www.info.gov.hk now.", locale=HK, style=PlaceholderStyle.LATIN_CAPS)
    assert protected.text == "Visit QXZAA now."
