"""The ``same`` check: a copied source, or English prose left in a Chinese target.

Official Chinese releases keep English for names of bodies with no Chinese name, brands
(InnoHK), abbreviations, URLs, e-mail addresses and reference codes; those must pass.
Sentences are our own.
"""

from __future__ import annotations

import pytest

from l10n.checks import CheckEnv, run_checks
from l10n.checks.same import MIN_ENGLISH_WORDS, english_runs
from l10n.glossary.match import Glossary
from l10n.locales import parse_locale
from l10n.model import EnglishForm, Entry, Severity, Term

SLOGAN = "Made in Hong Kong, loved by the world"
GLOSSARY = Glossary([Term("slogan", (EnglishForm(SLOGAN, do_not_translate=True),))])


def same_findings(source: str, target: str, locale: str = "zh-Hant-HK") -> list[tuple[Severity, str]]:
    entry = Entry(source, target, "t.po", 1)
    env = CheckEnv(parse_locale(locale), GLOSSARY)
    return [(f.severity, f.message) for f in run_checks([entry], env, ["same"])]


PASSING = [
    ("InnoHK", "InnoHK"),  # a brand kept in English: one capitalised word
    ("HKIC", "HKIC"),
    ("www.itb.gov.hk", "www.itb.gov.hk"),
    ("Enquiries: info@example.org", "查詢：info@example.org"),
    ("The meeting was chaired by the Advisory Committee on Innovation & Technology.",
     "會議由 Advisory Committee on Innovation & Technology 主持。"),  # a name in Title Case
    ("Details are at the website.", "詳情見 https://www.example.gov.hk/en/press/release-of-new-data-for-the-year.html 。"),
    ("Reference ITC/2025/0012 applies.", "參考編號 ITC/2025/0012 適用。"),
    ("The slogan is used.", f"口號為「{SLOGAN}」。"),  # a do-not-translate glossary form
    ("Click here now.", "請按 click here now 繼續。"),  # three words: below MIN_ENGLISH_WORDS
    ("The Government will launch the scheme.", "政府會推出計劃。"),
    ("The <1>scheme</1> opens today.", "<1>計劃</1>今日開放。"),
    ("<1/>", "<1/>"),  # nothing to translate
    ("2025", "2025"),
]


@pytest.mark.parametrize(("source", "target"), PASSING)
def test_kept_english_passes(source: str, target: str) -> None:
    assert same_findings(source, target) == []


FAILING = [
    ("The Government will launch the scheme.", "The Government will launch the scheme.", "identical"),
    ("Increase Research Funding", "Increase Research Funding", "identical"),
    ("The scheme opens today.", "  The scheme opens today.", "identical"),
    ("The Government will launch a new round of funding.",
     "政府將會 will launch a new round of funding 推出計劃。", "untranslated English"),
    ("The scheme is open to all applicants.", "計劃 the scheme is open to all applicants。", "untranslated English"),
]


@pytest.mark.parametrize(("source", "target", "words"), FAILING)
@pytest.mark.parametrize("locale", ["zh-Hant-HK", "zh-Hans-CN"])
def test_untranslated_is_reported(source: str, target: str, words: str, locale: str) -> None:
    found = same_findings(source, target, locale)
    assert len(found) == 1, found
    assert found[0][0] is Severity.WARNING
    assert words in found[0][1]


def test_run_threshold_is_the_named_constant() -> None:
    words = ["we", "will", "launch", "a", "new", "scheme"]
    assert english_runs("計劃 " + " ".join(words[:MIN_ENGLISH_WORDS - 1]) + " 推出") == []
    assert english_runs("計劃 " + " ".join(words[:MIN_ENGLISH_WORDS]) + " 推出") != []
