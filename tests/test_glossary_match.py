"""The matcher: whole words, case rules, longest first, plurals, placeholders."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.glossary import (
    DEFAULT_GLOSSARY,
    Glossary,
    ProtectedSpan,
    glossary_comments,
    load_glossary,
    protected_spans,
)
from l10n.locales import parse_locale

SEED_PATH = Path(__file__).parents[1] / DEFAULT_GLOSSARY
HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")


@functools.cache
def _seed_glossary() -> Glossary:
    return load_glossary(SEED_PATH)


@pytest.fixture
def seed() -> Glossary:
    return _seed_glossary()


def _found(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(h.text, h.term.concept_id) for h in g.match(text)]


def test_whole_words_only(seed: Glossary) -> None:
    assert _found(seed, "Cyberportal said the AIM is AIR.") == []
    assert _found(seed, "Cyberport-based AI-driven firms") == [
        ("Cyberport", "cyberport"), ("AI", "artificial-intelligence")]


def test_case_rules_per_form(seed: Glossary) -> None:
    assert _found(seed, "ai and Ai are not AI") == [("AI", "artificial-intelligence")]
    assert _found(seed, "ARTIFICIAL INTELLIGENCE") == [
        ("ARTIFICIAL INTELLIGENCE", "artificial-intelligence")]
    assert _found(seed, "the company's chief executive") == []
    assert _found(seed, "the Chief Executive") == [("Chief Executive", "chief-executive")]
    assert _found(seed, "it is IT") == [("IT", "information-technology")]


def test_longest_match_first(seed: Glossary) -> None:
    text = ("The Hong Kong Special Administrative Region Government, the HKSAR Government, "
            "the Hong Kong Special Administrative Region and the HKSAR.")
    assert [cid for _, cid in _found(seed, text)] == [
        "hksar-government-full", "hksar-government", "hksar", "hksar"]
    assert _found(seed, "Cyberport Chief Executive Officer") == [
        ("Cyberport", "cyberport"), ("Chief Executive Officer", "chief-executive-officer")]
    assert _found(seed, "the Cyberport Macro Fund (CMF)") == [
        ("Cyberport Macro Fund", "cyberport-macro-fund"), ("CMF", "cyberport-macro-fund")]


def test_plurals_and_possessives(seed: Glossary) -> None:
    text = "Cyberport's start-ups, two unicorns, smart cities and accelerators' programmes"
    hits = seed.match(text)
    assert [h.text for h in hits] == [
        "Cyberport", "start-ups", "unicorns", "smart cities", "accelerators"]
    assert hits[0].end == len("Cyberport")  # the 's stays outside the span
    assert [h.text for h in seed.match("startups and Policy Addresses")] == [
        "startups", "Policy Addresses"]


def test_spacing_and_unicode_hyphens(seed: Glossary) -> None:
    assert _found(seed, "Greater\nBay  Area and start\u2011ups") == [
        ("Greater\nBay  Area", "gba"), ("start\u2011ups", "start-up")]


def test_placeholder_tags_are_not_words(seed: Glossary) -> None:
    text = "<1>Cyberport</1> and <2/>AI<3>software</3>, but not Hong<4/>Kong Science Park"
    hits = seed.match(text)
    # "Hong Kong Science Park" is not matched across the tag; its short English form
    # "Science Park" (a form of the same concept) is.
    assert [(h.text, text[h.start:h.end]) for h in hits] == [
        ("Cyberport", "Cyberport"), ("AI", "AI"), ("software", "software"),
        ("Science Park", "Science Park")]
    assert [h.form.text for h in hits][-1] == "Science Park"
    assert _found(seed, "<12>FinTech</12>") == [("FinTech", "fintech")]


def test_rendering_by_locale(seed: Glossary) -> None:
    it = seed.by_id()["information-technology"]
    assert seed.rendering(it, HK) == "資訊科技"
    assert seed.rendering(it, CN) == "信息技术"
    assert seed.rendering(it, parse_locale("zh-TW")) is None  # no silent borrowing
    innohk = seed.by_id()["innohk"]
    assert seed.rendering(innohk, HK) == "InnoHK"


def test_glossary_comments_one_per_term_in_order(seed: Glossary) -> None:
    text = "Cyberport and the Cyberport Macro Fund (CMF) back AI start-ups at Cyberport."
    assert glossary_comments(text, seed, HK) == [
        "glossary: Cyberport = 數碼港",
        "glossary: Cyberport Macro Fund = 數碼港投資創業基金",
        "glossary: CMF = CMF (keep in English)",
        "glossary: AI = 人工智能",
        "glossary: start-up = 初創企業",
    ]
    assert glossary_comments("InnoHK", seed, CN) == ["glossary: InnoHK = InnoHK (keep in English)"]


def test_protected_spans(seed: Glossary) -> None:
    text = "The <1>HKSAR Government</1> backs software."
    spans = protected_spans(text, seed, CN)
    assert [(s.start, s.end, s.source, s.rendering) for s in spans] == [
        (7, 23, "HKSAR Government", "香港特区政府"), (34, 42, "software", "软件")]
    assert isinstance(spans[0], ProtectedSpan)
    assert spans[0].term.concept_id == "hksar-government"


_WORDS = st.sampled_from([
    "Cyberport", "AI", "the", "start-ups", "HKSAR", "Government", "Hong", "Kong", "Special",
    "Administrative", "Region", "software", "<1>", "</1>", "<2/>", "'s", ",", "R&D", "I&T",
    "smart", "city", "Mainland", "China", "x", "IT", "it",
])


@given(st.lists(_WORDS, max_size=25), st.sampled_from([" ", "", "  ", "\n"]))
def test_hits_are_ordered_disjoint_and_exact(words: list[str], sep: str) -> None:
    g = _seed_glossary()
    text = sep.join(words)
    hits = g.match(text)
    for hit in hits:
        assert text[hit.start:hit.end] == hit.text
        assert "<" not in hit.text and ">" not in hit.text
    for a, b in zip(hits, hits[1:], strict=False):
        assert a.end <= b.start



_SEED_FORMS = [f.text for t in _seed_glossary().terms for f in t.forms]


@given(st.sampled_from(_SEED_FORMS), st.integers(min_value=1, max_value=99))
def test_every_seed_form_matches_inside_a_tag_pair(form: str, tag: int) -> None:
    text = f"See <{tag}>{form}</{tag}>'s news."
    hits = _seed_glossary().match(text)
    assert [h.text for h in hits] == [form]
    assert hits[0].start == text.index(form)


@pytest.mark.parametrize("text", [
    "Enquiries: media@cyberport.hk",
    "Enquiries: Cyberport.Media@example.com.",
    "See https://www.cyberport.hk/en/about_cyberport/ for details.",
    "See www.cyberport.hk, or cyberport.hk/news.",
    "The ITC/2025/0012 reference applies.",
    "Quote CMF/2024/07 or HKSAR/ITC/0012 in replies.",
    "<1>https://cyberport.hk</1>",
])
def test_no_match_inside_addresses_and_reference_codes(seed: Glossary, text: str) -> None:
    assert seed.match(text) == []
    assert protected_spans(text, seed, HK) == []


def test_prose_next_to_addresses_still_matches(seed: Glossary) -> None:
    text = "Cyberport (www.cyberport.hk) and CMF/CCMF applicants; ITC says; Web3/AI."
    assert [h.text for h in seed.match(text)] == ["Cyberport", "CMF", "CCMF", "ITC", "Web3", "AI"]
    # Offsets are those of the original text.
    assert all(text[h.start:h.end] == h.text for h in seed.match(text))


def test_ambiguous_form_comments_but_is_not_protected(seed: Glossary) -> None:
    (hit,) = seed.match("Record the IP address")
    assert hit.text == "IP" and hit.ambiguous
    assert glossary_comments("Record the IP address", seed, HK) == [
        "glossary: IP = 知識產權 (only where it means intellectual property)"]
    assert protected_spans("Record the IP address", seed, HK) == []
    (span,) = protected_spans("intellectual property rights", seed, HK)
    assert span.rendering == "知識產權"
    # The full form after an ambiguous abbreviation is what the comment reports.
    assert glossary_comments("IP, that is intellectual property", seed, HK) == [
        "glossary: intellectual property = 知識產權"]


def test_comments_and_drafts_use_the_preferred_rendering_only(seed: Glossary) -> None:
    assert glossary_comments("the HKSAR", seed, HK) == ["glossary: HKSAR = 香港特別行政區"]
    (span,) = protected_spans("the HKSAR", seed, CN)
    assert span.rendering == "香港特别行政区"
    (hit,) = seed.match("the HKSAR")
    assert seed.accepted(hit, HK) == ("香港特別行政區", "香港特區")
    (cmf,) = seed.match("the CMF")
    assert seed.accepted(cmf, HK) == ("CMF",)
