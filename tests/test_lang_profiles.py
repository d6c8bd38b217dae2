"""Languages as profiles (issue 11, item 3), and the worked example of adding one.

``l10n/lang/ja.py`` is the whole of Japanese: one module plus its line in
``l10n.lang.PROFILE_MODULES``. These tests show it reaching every stage through the
same public paths as Chinese: a ``ja-JP`` target is accepted, ``l10n update`` writes
``locales/ja_JP/LC_MESSAGES/…`` with Babel's plural forms, ``l10n check`` reads the
Japanese numbers, ``l10n run --no-mt`` goes through, and the MT router asks for the
``en→ja`` pair. They also pin what the Chinese profile must keep byte for byte.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.annotate import annotator
from l10n.build import CatalogLookup
from l10n.errors import InputError, ModelMissing
from l10n.lang import (
    PROFILE_MODULES,
    TEMPLATE_PLURAL_FORMS,
    LanguageProfile,
    check_applies,
    profile_for,
    profile_named,
    profiles,
)
from l10n.lang.ja import extract_ja_hits
from l10n.locales import SUPPORTED_LOCALES, LocaleId, parse_locale
from l10n.model import QuantityKind
from l10n.mt import Engines, Translator, routes_for
from l10n.mt.packages import TARGET_CODES
from l10n.mt.protect import SpanKind, protect
from l10n.pofile import read_po
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
JA = parse_locale("ja-JP")
HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")
JA_PO = Path("locales/ja_JP/LC_MESSAGES/release.po")


# --- the registry and the locales it yields ------------------------------------------

def test_every_registered_module_yields_a_profile_of_its_code() -> None:
    assert [p.code for p in profiles()] == list(PROFILE_MODULES) == ["zh", "ja"]
    assert all(isinstance(p, LanguageProfile) and profile_named(p.code) is p for p in profiles())
    assert profile_named("fr") is None


@pytest.mark.parametrize(("given", "tag", "posix"), [
    ("ja-JP", "ja-JP", "ja_JP"), ("ja_JP", "ja-JP", "ja_JP"), ("ja", "ja-JP", "ja_JP"),
    ("JA-jp", "ja-JP", "ja_JP"), ("zh-Hant", "zh-Hant-HK", "zh_Hant_HK"), ("zh-Hans", "zh-Hans-CN", "zh_Hans_CN"),
    ("zh-SG", "zh-Hans-SG", "zh_Hans_SG"), ("zh_MO", "zh-Hant-MO", "zh_Hant_MO"),
])
def test_the_locales_come_from_the_profiles(given: str, tag: str, posix: str) -> None:
    locale = parse_locale(given)
    assert (locale.tag, locale.posix) == (tag, posix)
    assert profile_for(locale).code == tag.split("-")[0]


@pytest.mark.parametrize("bad", ["ja-CN", "ja-Hant-JP", "zh-JP", "ko-KR", "zh-Hant-XX"])
def test_a_locale_no_profile_serves_is_refused(bad: str) -> None:
    with pytest.raises(InputError, match="unsupported locale") as info:
        parse_locale(bad)
    assert "ja-JP" in (info.value.hint or "")  # the hint lists every profile's locales


def test_supported_locales_are_the_profiles_locales_in_order() -> None:
    assert SUPPORTED_LOCALES == ("zh-Hant-HK", "zh-Hant-TW", "zh-Hant-MO", "zh-Hans-CN", "zh-Hans-SG", "ja-JP")


# --- plural forms, joiner, routes, checks ---------------------------------------------

@pytest.mark.parametrize("tag", [*SUPPORTED_LOCALES])
def test_plural_forms_are_babels(tag: str) -> None:
    locale = parse_locale(tag)
    assert profile_for(locale).plural_forms(locale) == str(get_plural(locale.posix))


@pytest.mark.parametrize("tag", ["zh-Hant-HK", "zh-Hans-CN", "zh-Hant-TW", "ja-JP"])
def test_chinese_and_japanese_plural_forms_stay_the_one_form_header(tag: str) -> None:
    """Committed catalogs carry exactly this line; Babel's data must not change it."""
    locale = parse_locale(tag)
    assert profile_for(locale).plural_forms(locale) == TEMPLATE_PLURAL_FORMS == "nplurals=1; plural=0;"


@pytest.mark.parametrize(("locale", "texts", "joined"), [
    (HK, ["它開幕了。", "它很大。"], "它開幕了。它很大。"),
    (HK, ["Harbour Lab", "opened."], "Harbour Lab opened."),
    (HK, ["開幕。", "Harbour Lab"], "開幕。Harbour Lab"),
    (JA, ["ラボが開設されました。", "机は40席です。"], "ラボが開設されました。机は40席です。"),
    (JA, ["ラボ", "Harbour"], "ラボHarbour"),  # katakana: no space (Chinese's class lacks kana)
    (JA, ["Harbour Lab", "opened."], "Harbour Lab opened."),
])
def test_the_builder_joins_sentences_the_target_languages_way(locale: LocaleId, texts: list[str], joined: str) -> None:
    assert CatalogLookup({}, locale, "r.md").join(texts) == joined


def test_routes_come_from_the_profile() -> None:
    assert [(r.model, r.conversion) for r in routes_for(HK, "auto")] == [("zt", "t2hk"), ("zh", "s2hk")]
    assert [(r.model, r.conversion) for r in routes_for(CN, "auto")] == [("zh", None)]
    assert [(r.model, r.conversion) for r in routes_for(JA, "auto")] == [("ja", None)]
    assert TARGET_CODES == ("zh", "zt", "ja")  # `l10n models install en ja` is accepted


def test_without_a_japanese_model_the_run_names_the_missing_pair() -> None:
    def factory(src: str, dst: str) -> Translator:  # no model installed at all
        raise ModelMissing(f"{src}→{dst} not installed")

    engines = Engines(factory)
    assert engines.route(JA) is None
    assert engines.missing == ["en→ja"]


@pytest.mark.parametrize(("check", "locale", "runs"), [
    ("script", HK, True), ("punctuation", CN, True), ("numbers", HK, True),
    ("script", JA, False), ("punctuation", JA, False), ("numbers", JA, True), ("placeholders", JA, True),
])
def test_chinese_only_checks_do_not_run_on_japanese(check: str, locale: LocaleId, runs: bool) -> None:
    assert check_applies(check, locale) is runs


def test_japanese_amounts_are_left_to_the_model_and_get_no_hints() -> None:
    source = "The fund raised HK$1.2 billion."
    hk, ja = protect(source, locale=HK), protect(source, locale=JA)
    assert [hk.slots[t] for t, kind in hk.kinds.items() if kind is SpanKind.NUMBER] == ["12億港元"]
    assert SpanKind.NUMBER not in ja.kinds.values()
    notes = annotator(None, use_default=False)
    assert notes(HK)(source) == ["numbers: HK$1.2 billion = 12億港元"]
    assert notes(JA)(source) == []


# --- the Japanese number reader ---------------------------------------------------------

M = QuantityKind.MONEY
C = QuantityKind.COUNT


@pytest.mark.parametrize(("text", "expected"), [
    ("売上高は443億香港ドルでした。", [(M, 44_300_000_000, "HKD")]),
    ("4億4300万円", [(M, 443_000_000, "JPY")]),
    ("1万5000円", [(M, 15_000, "JPY")]),
    ("300万ドル", [(M, 3_000_000, "USD")]),
    ("3億米ドル", [(M, 300_000_000, "USD")]),
    ("5000万人民元", [(M, 50_000_000, "CNY")]),
    ("HK$4.43億", [(M, 443_000_000, "HKD")]),
    ("US$200", [(M, 200, "USD")]),
    ("2兆円", [(M, 2_000_000_000_000, "JPY")]),
    ("１２３人", [(C, 123, None)]),
    ("1,234人", [(C, 1234, None)]),
    ("三千万", [(C, 30_000_000, None)]),
    ("5.2%", [(QuantityKind.PERCENT, Fraction(52, 10), None)]),
    ("5.2パーセント", [(QuantityKind.PERCENT, Fraction(52, 10), None)]),
    ("2025年", [(QuantityKind.YEAR, 2025, None)]),
    ("第3", [(QuantityKind.ORDINAL, 3, None)]),
    ("午後6時45分", [(QuantityKind.TIME, 18 * 60 + 45, None)]),
    ("18:45", [(QuantityKind.TIME, 18 * 60 + 45, None)]),
    ("5日間", [(C, 5, None)]),  # five days, not the 5th
    ("20～30億円", [(M, 2_000_000_000, "JPY"), (M, 3_000_000_000, "JPY")]),  # the range shares 億 and 円
    ("5から10%", [(QuantityKind.PERCENT, 5, None), (QuantityKind.PERCENT, 10, None)]),
])
def test_the_japanese_reader(text: str, expected: list[tuple[QuantityKind, int | Fraction, str | None]]) -> None:
    assert [(h.kind, h.value, h.currency) for h in extract_ja_hits(text)] == expected


@pytest.mark.parametrize(("text", "dates"), [
    ("2025年3月5日", [(2025, 3, 5)]),
    ("3月5日～7日", [(None, 3, 5), (None, 3, 7)]),
    ("2025年9月", [(2025, 9, None)]),
])
def test_japanese_dates(text: str, dates: list[tuple[int | None, ...]]) -> None:
    hits = extract_ja_hits(text)
    assert {h.kind for h in hits} == {QuantityKind.DATE}
    assert [h.date for h in hits] == dates


def _japanese_amount(n: int, *, full_width: bool) -> str:
    """n the way Japanese writes it with magnitudes: 1234億5678万9012."""
    parts = [(n // 10**12, "兆"), (n // 10**8 % 10**4, "億"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    text = "".join(f"{value}{unit}" for value, unit in parts if value) or "0"
    return text.translate(FULL_WIDTH) if full_width else text


FULL_WIDTH = {ord(d): ord(d) + 0xFEE0 for d in "0123456789"}


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_any_amount_written_with_magnitudes_reads_back(n: int, full_width: bool) -> None:
    text = f"売上高は{_japanese_amount(n, full_width=full_width)}円でした。"
    [hit] = extract_ja_hits(text)
    assert (hit.kind, hit.value, hit.currency) == (M, n, "JPY")
    assert text[hit.start:hit.end] == hit.text


def test_a_kanji_numeral_inside_a_word_is_weak_and_points_are_not_per_cent() -> None:
    [one] = extract_ja_hits("一般の来場者")
    assert one.weak
    [point] = extract_ja_hits("3ポイント")
    assert point.kind is QuantityKind.PERCENT and point.point


# --- the stages, through the command line -----------------------------------------------

CHECKED_PO = """\
msgid ""
msgstr ""
"Project-Id-Version: release\\n"
"Language: ja_JP\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "The fund raised HK$44.3 billion in Sep. 2025."
msgstr "{target}"
"""


@pytest.mark.parametrize(("target", "found"), [
    ("基金は2025年9月に443億香港ドルを調達しました。", []),
    ("基金は2025年9月に４４３億香港ドルを調達しました。", []),
    ("基金は2025年9月に44.3億香港ドルを調達しました。", ["numbers"]),   # magnitude slipped
    ("基金は2025年9月に443億円を調達しました。", ["currency"]),        # yen for HK dollars
    ("基金は2024年9月に443億香港ドルを調達しました。", ["numbers"]),   # wrong year
])
def test_l10n_check_reads_japanese_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli,
                                           target: str, found: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ja.po").write_text(CHECKED_PO.format(target=target), encoding="utf-8")
    r = cli("check", "--format", "json", "ja.po")
    report = json.loads(r.out)
    assert [f["check"] for f in report["findings"]] == found, report
    assert r.code == (1 if found else 0)


def test_ja_jp_gets_its_catalog_with_babels_plural_forms(project: Path, cli: Cli) -> None:
    assert cli("extract", "release.md").code == 0
    r = cli("update", "--locale", "ja-JP")
    assert r.code == 0, r.err
    po = read_po(project / JA_PO)
    assert po.metadata["Language"] == "ja_JP"
    assert po.metadata["Plural-Forms"] == str(get_plural("ja_JP"))
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU msgfmt not installed")
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(project / JA_PO)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_run_no_mt_with_a_japanese_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path,
                                          cli: Cli) -> None:
    (tmp_path / "releases").mkdir()
    shutil.copy(data_dir / "foundation" / "release.md", tmp_path / "releases" / "release.md")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[locales]\ntargets = ["ja-JP"]\n[glossary]\npath = ""\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("run", "--no-mt")
    assert r.code == 0, r.err
    assert (tmp_path / JA_PO).is_file()
    assert not (tmp_path / "locales" / "zh_Hant_HK").exists()
    built = tmp_path / "out" / "ja_JP" / "release.md"
    assert built.read_bytes() == (data_dir / "foundation" / "release.md").read_bytes()  # nothing translated yet
