"""The glossary check reads like a reviewer (issue 10, item 3).

Every sentence here is our own. Each table cites the convention of official Hong Kong
Chinese it encodes (seen in Policy Address, news.gov.hk and info.gov.hk releases), not
the official sentence.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from l10n.annotate import find_project_glossary, load_default_glossary
from l10n.checks import CheckEnv
from l10n.checks.glossary import check_glossary, reset
from l10n.errors import GlossaryError
from l10n.glossary import (
    DEFAULT_GLOSSARY,
    CatalogTerms,
    Glossary,
    check_catalog_terms,
    check_terms,
    inspect_file,
    load_glossary,
    parse_tbx,
    read_csv,
    write_csv,
    write_tbx,
)
from l10n.glossary.match import inside_longer_name
from l10n.locales import parse_locale
from l10n.model import EnglishForm, Entry, ForbiddenRendering, Severity, Term

SEED_PATH = Path(__file__).parents[1] / DEFAULT_GLOSSARY
DATA = Path(__file__).parent / "data" / "glossary"
HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")


@functools.cache
def _seed() -> Glossary:
    return load_glossary(SEED_PATH)


def _kinds(source: str, target: str, locale: str = "zh-Hant-HK") -> list[tuple[str, str]]:
    return [(p.kind, p.term.concept_id)
            for p in check_terms(source, target, _seed(), parse_locale(locale))]


# --- longest match: a term inside a longer proper name is not that term ----------------

# Convention: official Chinese renders a named body by its own official name, which need
# not contain the rendering of a common noun inside its English name.
INSIDE_NAMES = [
    ("The Big Data Alliance met today.", "數據聯盟今日開會。"),
    ("The Smart City Consortium held a forum.", "智城聯盟舉辦論壇。"),
    ("She spoke at the Artificial Intelligence Society of Hong Kong.", "她在本港人工智能學會致辭。"),
    ("The Research and Development Centre opened.", "研究中心開幕。"),
    # A title with Under/Deputy/Permanent is a different office (副局長, 常任秘書長).
    ("The Under Secretary for Innovation, Technology and Industry spoke.",
     "創新科技及工業局副局長致辭。"),
    ("The Permanent Secretary for Innovation, Technology and Industry spoke.",
     "創新科技及工業局常任秘書長致辭。"),
]


@pytest.mark.parametrize(("source", "target"), INSIDE_NAMES)
def test_term_inside_a_longer_proper_name_is_not_checked(source: str, target: str) -> None:
    assert _kinds(source, target) == []


# The same words as a common noun, or at the start of a sentence, are still the term.
STILL_TERMS = [
    ("Big data drives growth.", "數據推動增長。", "big-data"),
    ("The city uses big data.", "城市使用數據。", "big-data"),
    ("The Smart City is our aim.", "智城是目標。", "smart-city"),
    ("Cyberport Technology Network grows.", "科技網絡擴展。", "cyberport"),  # proper noun term
    ("The Secretary for Innovation, Technology and Industry spoke.", "局長致辭。", "siti"),
]


@pytest.mark.parametrize(("source", "target", "concept"), STILL_TERMS)
def test_common_noun_and_proper_noun_terms_are_still_checked(source: str, target: str,
                                                             concept: str) -> None:
    assert _kinds(source, target) == [("missing", concept)]


def test_inside_longer_name_needs_capitalised_words_on_either_side() -> None:
    g = _seed()
    assert [inside_longer_name(s, h) for s in ("The Smart City Consortium",)
            for h in g.match(s)] == [True]
    assert [inside_longer_name(s, h) for s in ("The Smart City is here.",)
            for h in g.match(s)] == [False]
    # Joiners count only when a capitalised word follows: "smart city and big data".
    s = "Smart City and big data"
    assert [inside_longer_name(s, h) for h in g.match(s)] == [False, False]


def _parks_glossary() -> Glossary:
    """A made-up pair: a term whose forbidden rendering is part of another concept's name."""
    park = Term("science-park", (EnglishForm("science park"),), {HK.tag: "科學園"},
                {HK.tag: (ForbiddenRendering("科技園", "the park is 科學園; 科技園 is the company"),)})
    company = Term("parks-corp", (EnglishForm("Parks Corporation"),), {HK.tag: "香港科技園公司"})
    return Glossary([park, company])


# Convention: a forbidden string inside an approved longer name is that name, not a
# mistake; masked longest first, for every concept of the term base.
MASKING = [
    ("The Parks Corporation runs the science park.", "香港科技園公司管理科學園。", []),
    ("The science park opened.", "香港科技園公司的科學園開幕。", []),
    ("The science park opened.", "科技園開幕。", [("forbidden", "science-park")]),
    ("The science park opened.", "科學園及科技園開幕。", [("forbidden", "science-park")]),
]


@pytest.mark.parametrize(("source", "target", "expected"), MASKING)
def test_forbidden_rendering_inside_an_approved_name_is_masked(
        source: str, target: str, expected: list[tuple[str, str]]) -> None:
    problems = check_terms(source, target, _parks_glossary(), HK)
    assert [(p.kind, p.term.concept_id) for p in problems] == expected


# --- severity --------------------------------------------------------------------------

SEVERITY = [
    ("Cyberport opens.", "數位港開幕。", "missing", Severity.WARNING),
    ("New software.", "新軟體。", "forbidden", Severity.ERROR),
    ("The CMF invests.", "cmf投資。", "altered", Severity.ERROR),
    ("The Innovation and Technology Bureau said.", "創科局表示。", "short-first",
     Severity.WARNING),
]


@pytest.mark.parametrize(("source", "target", "kind", "severity"), SEVERITY)
def test_missing_is_a_warning_forbidden_and_altered_are_errors(
        source: str, target: str, kind: str, severity: Severity) -> None:
    (problem,) = check_terms(source, target, _seed(), HK)
    assert (problem.kind, problem.severity) == (kind, severity)


def test_missing_message_asks_to_check_the_wording() -> None:
    (problem,) = check_terms("Cyberport opens.", "數位港開幕。", _seed(), HK)
    assert problem.message == ('glossary: "Cyberport": approved rendering 數碼港 not found; '
                               "check the wording")


# --- short forms, pronouns, omission after the first full mention -----------------------

FIRST = ("The Innovation and Technology Bureau (ITB) was set up in 2015.",
         "創新及科技局（創科局）於2015年成立。")

# Convention: official Chinese names a body in full once, then by its short form
# (創科局), a pronoun (該局, 本局, 當局, 我們) or not at all.
LATER = [
    ("The ITB will review the scheme.", "創科局會檢討計劃。"),
    ("The Innovation and Technology Bureau will review the scheme.", "創科局會檢討計劃。"),
    ("The Innovation and Technology Bureau will review the scheme.", "該局會檢討計劃。"),
    ("The Innovation and Technology Bureau will review the scheme.", "我們會檢討計劃。"),
    ("The Innovation and Technology Bureau will review the scheme.", "當局會檢討計劃。"),
    ("The Innovation and Technology Bureau will also review the scheme.", "亦會檢討計劃。"),
]


@pytest.mark.parametrize(("source", "target"), LATER)
def test_after_the_full_name_short_form_pronoun_or_omission_pass(source: str,
                                                                 target: str) -> None:
    first, later = check_catalog_terms([FIRST, (source, target)], _seed(), HK)
    assert first == [] and later == []


@pytest.mark.parametrize(("source", "target", "kind"), [
    ("The Innovation and Technology Bureau will review the scheme.", "創科局會檢討計劃。",
     "short-first"),
    ("The Innovation and Technology Bureau will review the scheme.", "該局會檢討計劃。",
     "missing"),
    ("The Innovation and Technology Bureau will also review the scheme.", "亦會檢討計劃。",
     "missing"),
])
def test_before_the_full_name_short_form_or_pronoun_is_a_warning(source: str, target: str,
                                                                 kind: str) -> None:
    (problems,) = check_catalog_terms([(source, target)], _seed(), HK)
    assert [(p.kind, p.severity) for p in problems] == [(kind, Severity.WARNING)]


# Convention: where the English itself uses the abbreviation, the Chinese uses the official
# short form (HKIC → 港投公司), or keeps the abbreviation (HKGAI).
@pytest.mark.parametrize(("source", "target"), [
    ("The HKIC will invest in start-ups.", "港投公司會投資初創企業。"),
    ("The ITB will review the scheme.", "創科局會檢討計劃。"),
    ("The HKGAI released a model.", "HKGAI發布模型。"),
])
def test_abbreviation_in_source_accepts_short_form_at_first_mention(source: str,
                                                                    target: str) -> None:
    assert check_terms(source, target, _seed(), HK) == []


@pytest.mark.parametrize(("later", "kind"), [
    (("The Mainland and Hong Kong.", "大陸與香港。"), "forbidden"),
    (("The CMF invests.", "cmf投資。"), "altered"),
])
def test_after_the_full_name_forbidden_and_altered_stay_errors(
        later: tuple[str, str], kind: str) -> None:
    intro = ("The Mainland and the Cyberport Macro Fund (CMF).", "內地與數碼港投資創業基金（CMF）。")
    first, problems = check_catalog_terms([intro, later], _seed(), HK)
    assert first == []
    assert [(p.kind, p.severity) for p in problems] == [(kind, Severity.ERROR)]


def test_simplified_short_forms_follow_the_same_rule() -> None:
    intro = ("The Hong Kong Housing Authority (HKHA) met.", "香港房屋委员会（房委会）开会。")
    later = ("The Hong Kong Housing Authority will build flats.", "房委会会兴建单位。")
    assert check_catalog_terms([intro, later], _seed(), CN) == [[], []]
    (alone,) = check_catalog_terms([later], _seed(), CN)
    assert [p.kind for p in alone] == ["short-first"]


def test_catalog_state_remembers_only_full_mentions() -> None:
    state = CatalogTerms(_seed(), HK)
    state.check("The ITB will review it.", "創科局會檢討。")  # abbreviation: no introduction
    assert "itb" not in state.introduced
    state.check(*FIRST)
    assert "itb" in state.introduced


def _entry(msgid: str, msgstr: str, path: str, line: int) -> Entry:
    return Entry(msgid, msgstr, path, line, msgctxt=None)


def test_check_follows_one_catalog_in_order_and_resets_per_catalog() -> None:
    reset()
    env = CheckEnv(locale=HK, glossary=_seed())
    later = ("The Innovation and Technology Bureau will review it.", "該局會檢討。")
    assert check_glossary(_entry(*FIRST, "a.po", 10), env) == []
    assert check_glossary(_entry(*later, "a.po", 14), env) == []
    # Another catalog starts with nothing named.
    (f,) = check_glossary(_entry(*later, "b.po", 14), env)
    assert (f.check, f.severity) == ("glossary", Severity.WARNING)
    # The same catalog checked again (lines start over) starts again too.
    assert check_glossary(_entry(*FIRST, "a.po", 10), env) == []
    reset()
    (f,) = check_glossary(_entry(*later, "a.po", 14), env)
    assert f.severity is Severity.WARNING


def test_ampersand_matches_and() -> None:
    # news.gov.hk writes "&" inside names where press releases write "and".
    hits = _seed().match("Secretary for Commerce & Economic Development and the C&SD")
    assert [h.term.concept_id for h in hits] == ["sced", "census-and-statistics-department"]


# --- TBX and CSV representation of short forms ------------------------------------------

def test_tbx_short_forms_read_write_and_validate() -> None:
    found = inspect_file(DATA / "short_forms.tbx")
    messages = [i.message for i in found.issues if i.severity is Severity.ERROR]
    assert any("short forms but no approved rendering" in m for m in messages)
    itb = found.glossary.by_id()["itb"]
    assert itb.short == {"zh-Hant-HK": ("創科局",), "zh-Hans-CN": ("创科局",)}
    assert itb.admitted == {}
    again = parse_tbx(write_tbx([itb]), source="t.tbx").terms
    assert again == (itb,)
    assert b"<termNote type=\"termType\">shortForm</termNote>" in write_tbx([itb])


@pytest.mark.parametrize(("short", "forbidden", "error"), [
    ("創新及科技局", (), "also the approved or an admitted"),
    ("創科局", (ForbiddenRendering("科局", "made-up reason"),), "is part of the zh-Hant-HK short"),
])
def test_short_form_validation(short: str, forbidden: tuple[ForbiddenRendering, ...],
                               error: str) -> None:
    from l10n.glossary import validate_terms

    term = Term("itb", (EnglishForm("Innovation and Technology Bureau"),),
                {HK.tag: "創新及科技局", CN.tag: "创新及科技局"},
                {HK.tag: forbidden} if forbidden else {}, short={HK.tag: (short,)})
    assert any(error in i.message for i in validate_terms([term]))


def test_csv_round_trips_short_forms() -> None:
    itb = _seed().by_id()["itb"]
    (again,) = read_csv(write_csv([itb]), source="t.csv")
    assert again.short == itb.short and again == itb


# --- the default glossary is found from the project ------------------------------------

def _project(tmp_path: Path, *, marker: str = "pyproject.toml") -> Path:
    root = tmp_path / "proj"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "terms.tbx").write_bytes((DATA / "small.tbx").read_bytes())
    (root / marker).write_text("")
    (root / "pipeline").mkdir()
    (root / "locales" / "zh_Hant_HK").mkdir(parents=True)
    return root


@pytest.mark.parametrize("start", ["pipeline", "locales/zh_Hant_HK", "."])
def test_default_glossary_found_from_any_folder_of_the_project(tmp_path: Path,
                                                               start: str) -> None:
    root = _project(tmp_path)
    assert find_project_glossary(root / start) == (root / "glossary" / "terms.tbx").resolve()
    assert len(load_default_glossary(None, start=root / start)) == 5


def test_default_glossary_search_stops_at_the_project_root(tmp_path: Path) -> None:
    outer = _project(tmp_path)  # a term base above the inner project must not be used
    inner = outer / "inner"
    (inner / "sub").mkdir(parents=True)
    (inner / ".git").mkdir()
    assert find_project_glossary(inner / "sub") is None
    assert load_default_glossary(None, start=inner / "sub") is None


def test_selected_glossary_check_without_glossary_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    with pytest.raises(GlossaryError) as info:
        load_default_glossary(None, start=tmp_path, required=True)
    assert "no glossary found" in info.value.message and "--glossary" in (info.value.hint or "")
    assert info.value.exit_code == 2


def test_working_folder_is_the_default_start(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root / "locales" / "zh_Hant_HK")
    assert find_project_glossary() == (root / "glossary" / "terms.tbx").resolve()


# --- the first-word index never changes what is matched ---------------------------------

def _match_every_form(g: Glossary, text: str) -> list[tuple[str, int, int]]:
    """Reference: try every compiled form (what match() did before the index)."""
    from l10n.glossary.match import Hit, form_pattern, mask_addresses

    masked = mask_addresses(text)
    found = [Hit(t, m.start(), m.end(), m.group(), f)
             for t in g.terms for f in t.forms if f.text.strip()
             for m in form_pattern(f).finditer(masked)]
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    for hit in found:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    return sorted((h.term.concept_id, h.start, h.end) for h in taken)


@pytest.mark.parametrize("text", [
    "Unicorns and smart cities: start‐ups in Cyberport's IoT labs.",
    "The Innovation & Technology Commission (ITC) and R&D at www.itc.gov.hk/en.",
    "RAISe+ and the RAISe+ Scheme; TechTAS; iAM Smart; Web3/AI and CMF/2024/07.",
    "Re‐industrialisation, reindustrialization and the Re-industrialisation Funding Scheme.",
    "SMEs, small and medium-sized enterprises, PoCs and proofs of concept.",
])
def test_indexed_match_equals_trying_every_form(text: str) -> None:
    g = _seed()
    assert sorted((h.term.concept_id, h.start, h.end) for h in g.match(text)) == \
        _match_every_form(g, text)


def test_indexed_match_equals_trying_every_form_on_every_english_form() -> None:
    g = _seed()
    text = "; ".join(f"{f.text}s and the {f.text}" for t in g.terms for f in t.forms)
    assert sorted((h.term.concept_id, h.start, h.end) for h in g.match(text)) == \
        _match_every_form(g, text)


# Convention: where the English uses a shorter name ("the Science Park", "the Chief
# Secretary"), the Chinese uses the official short form (科學園) even at first mention.
def test_short_english_form_accepts_the_short_form_at_first_mention() -> None:
    assert check_terms("Start-ups in the Science Park grow.", "科學園的初創企業增長。",
                       _seed(), HK) == []
    (problem,) = check_terms("Start-ups in the Hong Kong Science Park grow.",
                             "科學園的初創企業增長。", _seed(), HK)
    assert problem.kind == "short-first"
