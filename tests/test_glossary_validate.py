"""Term-base rules: duplicates, conflicts, empty terms, forbidden renderings."""

from __future__ import annotations

from pathlib import Path

from l10n.glossary import DEFAULT_GLOSSARY, inspect_file, validate_terms
from l10n.model import EnglishForm, ForbiddenRendering, Severity, Term

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).parents[1] / DEFAULT_GLOSSARY
BOTH = {"zh-Hant-HK": "甲", "zh-Hans-CN": "甲"}


def _term(cid: str, *forms: EnglishForm, renderings: dict[str, str] | None = None,
          forbidden: dict[str, tuple[ForbiddenRendering, ...]] | None = None,
          line: int = 1) -> Term:
    return Term(cid, forms, dict(BOTH if renderings is None else renderings),
                forbidden or {}, line=line)


def _messages(terms: list[Term], severity: Severity = Severity.ERROR) -> list[str]:
    return [i.message for i in validate_terms(terms) if i.severity is severity]


def test_seed_has_no_errors_or_warnings() -> None:
    found = inspect_file(SEED)
    assert found.ok
    assert [str(i) for i in found.issues] == []


def test_problem_fixture_reports_each_problem_with_its_line() -> None:
    found = inspect_file(DATA / "problems.tbx")
    assert not found.ok
    got = [(i.line, i.severity, i.message.split(" (")[0]) for i in found.issues]
    assert got == [
        (8, Severity.ERROR, "conflicting zh-Hant-HK renderings in 'cyberport': 數碼港 and 數位港"),
        (12, Severity.ERROR, "duplicate English term 'cyberport' in concepts 'cyberport'"),
        (17, Severity.ERROR, "concept 'empty' has an empty English term"),
        (22, Severity.WARNING, "concept 'software' has no zh-Hans-CN rendering"),
        (22, Severity.ERROR, "concept 'software': forbidden zh-Hant-HK rendering 軟體 has no reason"),
    ]
    assert str(found.issues[0]).startswith(f"{DATA / 'problems.tbx'}:8: error: ")


def test_duplicate_ids_and_forms() -> None:
    a = _term("a", EnglishForm("alpha"), line=3)
    b = _term("a", EnglishForm("Alpha Beta"), EnglishForm("ALPHA", case_sensitive=True), line=9)
    assert _messages([a, b]) == [
        "duplicate concept id 'a' (also at line 3)",
        "duplicate English term 'ALPHA' in concepts 'a' (line 3) and 'a'",
    ]


def test_case_sensitive_forms_differing_in_case_may_coexist() -> None:
    it = _term("it", EnglishForm("IT", case_sensitive=True))
    other = _term("it-word", EnglishForm("It", case_sensitive=True))
    assert _messages([it, other]) == []
    twice = _term("t", EnglishForm("beta"), EnglishForm("Beta"))
    assert _messages([twice]) == ["English term 'Beta' listed twice in 't'"]


def test_missing_renderings_and_do_not_translate() -> None:
    none = _term("none", EnglishForm("gamma"), renderings={})
    brand = _term("brand", EnglishForm("InnoHK", do_not_translate=True), renderings={})
    half = _term("half", EnglishForm("delta"), renderings={"zh-Hant-HK": "丁"})
    assert _messages([none, brand, half]) == [
        "concept 'none' has no rendering in any locale (mark its English forms "
        "do-not-translate if it stays in English)"]
    assert _messages([half], Severity.WARNING) == ["concept 'half' has no zh-Hans-CN rendering"]


def test_forbidden_rules() -> None:
    same = _term("s", EnglishForm("software"), renderings={"zh-Hant-HK": "軟件"},
                 forbidden={"zh-Hant-HK": (ForbiddenRendering("軟件", "x"),
                                           ForbiddenRendering("軟", "too short"),
                                           ForbiddenRendering("", "empty"))})
    msgs = _messages([same])
    assert "concept 's': 軟件 is both approved and forbidden for zh-Hant-HK" in msgs
    assert ("concept 's': forbidden 軟 is part of the approved zh-Hant-HK rendering 軟件"
            in msgs)
    assert "concept 's' has an empty forbidden zh-Hant-HK rendering" in msgs


def test_short_case_insensitive_form_is_a_warning() -> None:
    t = _term("it", EnglishForm("it"))
    assert _messages([t]) == []
    assert _messages([t], Severity.WARNING) == [
        "'it' in 'it' is short and matched in any case; mark it case-sensitive"]


def test_missing_id_and_no_forms() -> None:
    assert _messages([_term("", EnglishForm("x-ray")), _term("empty")]) == [
        "concept 'x-ray' has no id", "concept 'empty' has no English term"]


def _admitting(cid: str, *forms: EnglishForm, renderings: dict[str, str],
               admitted: dict[str, tuple[str, ...]], line: int = 1,
               forbidden: dict[str, tuple[ForbiddenRendering, ...]] | None = None) -> Term:
    return Term(cid, forms, renderings, forbidden or {}, line=line, admitted=admitted)


def test_admitted_rendering_rules() -> None:
    both = {"zh-Hant-HK": "香港特別行政區", "zh-Hans-CN": "香港特别行政区"}
    ok = _admitting("hksar", EnglishForm("HKSAR", True), renderings=both,
                    admitted={"zh-Hant-HK": ("香港特區",)})
    assert validate_terms([ok]) == []
    bad = [
        _admitting("a", EnglishForm("alpha"), renderings={"zh-Hant-HK": "甲"},
                   admitted={"zh-Hans-CN": ("乙",)}),
        _admitting("b", EnglishForm("beta"), renderings=BOTH,
                   admitted={"zh-Hant-HK": ("甲", "乙", "乙", " ")}),
        _admitting("c", EnglishForm("gamma"), renderings=BOTH,
                   admitted={"zh-Hant-HK": ("丙丁",)},
                   forbidden={"zh-Hant-HK": (ForbiddenRendering("丙", "why"),)}),
    ]
    assert _messages(bad) == [
        "concept 'a' has admitted zh-Hans-CN renderings but no approved one "
        "(mark one preferredTerm-admn-sts)",
        "concept 'b': 甲 is both approved and admitted for zh-Hant-HK",
        "concept 'b': admitted zh-Hant-HK rendering 乙 is listed twice",
        "concept 'b' has an empty admitted zh-Hant-HK rendering",
        "concept 'c': forbidden 丙 is part of the admitted zh-Hant-HK rendering 丙丁",
    ]


def test_ambiguous_form_not_in_english_forms_is_an_error() -> None:
    term = Term("ip", (EnglishForm("intellectual property"),), dict(BOTH), ambiguous=("IP",))
    assert _messages([term]) == [
        "concept 'ip': ambiguous form(s) IP are not among its English forms"]


def test_admitted_rendering_of_another_concept_warns() -> None:
    rnd = _term("research-and-development", EnglishForm("R&D", True),
                renderings={"zh-Hant-HK": "研發", "zh-Hans-CN": "研发"}, line=3)
    innovation = _admitting("innovation", EnglishForm("innovation"),
                            renderings={"zh-Hant-HK": "創新", "zh-Hans-CN": "创新"},
                            admitted={"zh-Hant-HK": ("研發",)}, line=9)
    issues = validate_terms([rnd, innovation], source="t.tbx")
    assert [str(i) for i in issues] == [
        "t.tbx:9: warning: concept 'innovation': admitted zh-Hant-HK rendering 研發 is the "
        "approved rendering of concept 'research-and-development' (line 3); the check "
        "would accept it for both (admit it in every locale if they are the same thing)"]


def test_admitting_a_synonym_in_every_locale_is_not_a_conflict() -> None:
    full = _term("gov-full", EnglishForm("Hong Kong SAR Government in full"),
                 renderings={"zh-Hant-HK": "香港特別行政區政府", "zh-Hans-CN": "香港特别行政区政府"})
    short = _admitting("gov", EnglishForm("HKSAR Government"),
                       renderings={"zh-Hant-HK": "香港特區政府", "zh-Hans-CN": "香港特区政府"},
                       admitted={"zh-Hant-HK": ("香港特別行政區政府",),
                                 "zh-Hans-CN": ("香港特别行政区政府",)})
    assert validate_terms([full, short]) == []
    partial = _admitting("gov", EnglishForm("HKSAR Government"),
                         renderings={"zh-Hant-HK": "香港特區政府", "zh-Hans-CN": "香港特区政府"},
                         admitted={"zh-Hant-HK": ("香港特別行政區政府",)})
    assert len(_messages([full, partial], Severity.WARNING)) == 1
