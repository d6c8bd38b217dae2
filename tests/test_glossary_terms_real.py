"""The shipped term base: it validates, every concept's approved rendering passes, and the
glossary check raises no error on official Hong Kong translations (issue 10, item 3).
"""

from __future__ import annotations

import functools
import json
from itertools import groupby
from pathlib import Path

import pytest

from l10n.glossary import (
    DEFAULT_GLOSSARY,
    Glossary,
    check_catalog_terms,
    check_terms,
    inspect_file,
    load_glossary,
)
from l10n.locales import parse_locale
from l10n.model import Severity, Term

SEED_PATH = Path(__file__).parents[1] / DEFAULT_GLOSSARY
DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "dev" / "official-pairs.jsonl"
LOCALES = ("zh-Hant-HK", "zh-Hans-CN")
#: Concepts added for issue 10 from official bilingual text; each names its source.
NEW_CONCEPTS = (
    "itb", "secretary-for-innovation-and-technology",
    "commissioner-for-innovation-and-technology",
    "advisory-committee-on-innovation-and-technology",
    "committee-on-innovation-technology-and-industry-development",
    "research-matching-grant-scheme", "i-and-t-industry-oriented-fund",
    "innovation-and-technology-venture-fund", "i-and-t-accelerator-pilot-scheme", "raise-plus",
    "strategic-tech-fund", "co-investment-fund", "i-and-t-development-blueprint",
    "commissioner-for-industry", "reindustrialisation-funding-scheme",
    "new-industrialisation-funding-scheme", "new-industrialisation-acceleration-scheme",
    "new-industrialisation-development-office", "tai-po-innopark",
    "advanced-manufacturing-centre", "lok-ma-chau-loop", "hetao-co-operation-zone",
    "technology-talent-admission-scheme", "researcher-programme", "postdoctoral-hub",
    "public-sector-trial-scheme", "technology-voucher-programme", "ogcio", "efficiency-office",
    "hkgai", "ai-subsidy-scheme", "ai-supercomputing-centre", "executive-council",
    "strategic-development-commission", "economic-development-commission", "chief-secretary",
    "secretary-for-justice", "deputy-financial-secretary", "secretary-for-development",
    "development-bureau", "secretary-for-the-environment", "cmab", "scma", "thb",
    "hong-kong-housing-authority", "hong-kong-housing-society", "long-term-housing-strategy",
    "light-public-housing", "census-and-statistics-department",
    "secretary-for-labour-and-welfare", "commissioner-for-belt-and-road", "cedb", "sced", "fstb",
    "sfst", "ugc", "liaison-office", "global-stem-professorship-scheme", "top-talent-pass-scheme",
    "quality-migrant-admission-scheme", "admission-scheme-for-mainland-talents",
    "hong-kong-talent-engage", "iam-smart",
)


@functools.cache
def _seed() -> Glossary:
    return load_glossary(SEED_PATH)


def test_term_base_validates_without_errors_or_warnings() -> None:
    found = inspect_file(SEED_PATH)
    assert found.ok and [str(i) for i in found.issues] == []
    assert len(found.glossary) >= 73 + 40


def test_new_concepts_exist_and_name_their_source() -> None:
    by_id = _seed().by_id()
    assert len(NEW_CONCEPTS) >= 40 and len(set(NEW_CONCEPTS)) == len(NEW_CONCEPTS)
    missing = [c for c in NEW_CONCEPTS if c not in by_id]
    assert missing == []
    unsourced = [c for c in NEW_CONCEPTS if "Source:" not in by_id[c].note]
    assert unsourced == []


def _cases() -> list[tuple[str, str, str]]:
    """(concept id, English form, locale) for every enforced form of every concept."""
    out = []
    for term in _seed().terms:
        for form in term.forms:
            if form.text in term.ambiguous:
                continue
            for locale in LOCALES:
                out.append((term.concept_id, form.text, locale))
    return out


def _sentence(form: str) -> str:
    return f"We thank {form} today."


@pytest.mark.parametrize(("concept", "form", "locale"), _cases())
def test_every_approved_rendering_passes(concept: str, form: str, locale: str) -> None:
    g = _seed()
    term = g.by_id()[concept]
    loc = parse_locale(locale)
    hit = next(h for h in g.match(_sentence(form)) if h.term is term)
    expected = g.expected(hit, loc)
    if expected is None:
        pytest.skip(f"{concept} has no {locale} rendering")
    assert check_terms(_sentence(form), f"我們今日感謝{expected}。", g, loc) == []


def _short_cases() -> list[tuple[Term, str, str]]:
    return [(t, loc, s) for t in _seed().terms for loc in LOCALES for s in t.short.get(loc, ())]


@pytest.mark.parametrize(("term", "locale", "short"), _short_cases(),
                         ids=lambda v: v.concept_id if isinstance(v, Term) else str(v))
def test_every_short_form_passes_after_the_full_name_only(term: Term, locale: str,
                                                          short: str) -> None:
    g, loc = _seed(), parse_locale(locale)
    full = _sentence(term.preferred)
    intro = (full, f"我們今日感謝{term.renderings[locale]}。")
    later = (full, f"{short}表示歡迎。")
    assert check_catalog_terms([intro, later], g, loc) == [[], []]
    (before,) = check_catalog_terms([later], g, loc)
    assert [(p.kind, p.severity) for p in before] == [("short-first", Severity.WARNING)]


def _dev_rows() -> list[dict[str, str]]:
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} not available")
    return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_no_glossary_error_on_official_translations(capsys: pytest.CaptureFixture[str]) -> None:
    """Every official pair, per document in order and per entry alone: no error."""
    g = _seed()
    rows = _dev_rows()
    errors: list[str] = []
    table: list[str] = []
    checked = 0
    for key, locale in (("zh_hant", "zh-Hant-HK"), ("zh_hans", "zh-Hans-CN")):
        loc = parse_locale(locale)
        pairs = [r for r in rows if r.get(key)]
        for _doc, group in groupby(pairs, key=lambda r: r["id"].rsplit("-", 1)[0]):
            docs = list(group)
            in_order = check_catalog_terms([(r["en"], r[key]) for r in docs], g, loc)
            for row, problems in zip(docs, in_order, strict=True):
                checked += 1
                alone = check_terms(row["en"], row[key], g, loc)
                for p in (*problems, *alone):
                    line = f"{row['id']} {locale} {p.severity}: {p.message}"
                    (errors if p.severity is Severity.ERROR else table).append(line)
    with capsys.disabled():
        print(f"\nglossary on {checked} official entries: {len(errors)} errors, "
              f"{len(table)} warnings")
        for line in table:
            print("  " + line)
    assert errors == []
