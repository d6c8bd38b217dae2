"""The machine comments l10n writes into PO files have one home: ``l10n.provenance``."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from l10n import provenance as pv
from l10n.provenance import Origin

L10N = Path(__file__).resolve().parents[1] / "l10n"

WRITTEN = [
    (pv.machine("argos en→zt"), Origin.MT, "machine translation: argos en→zt"),
    (pv.memory(None, "release.po"), Origin.TM, "translation memory: 100% (release.po)"),
    (pv.memory(None, ""), Origin.TM, "translation memory: 100%"),
    (pv.memory(0.874, None), Origin.TM, "translation memory: 87%"),
    (pv.memory(0.9, "a.po"), Origin.TM, "translation memory: 90% (a.po)"),
    (pv.memory_source("Cyberport"), Origin.TM_SOURCE, "translation memory source: Cyberport"),
    (pv.glossary_rendering("Cyberport"), Origin.GLOSSARY_RENDERING, "glossary rendering: Cyberport"),
    (pv.check("HK$3 missing"), Origin.CHECK, "l10n-check: HK$3 missing"),
    (pv.HUMAN_NOTE, Origin.APPROVED,
     "l10n: approved translation of the previous source; review, do not redraft"),
    (pv.draft_note("數碼港"), Origin.DRAFT, f"l10n-draft: {pv.draft_digest('數碼港')}"),
    (pv.glossary_hint("Cyberport", "數碼港"), Origin.GLOSSARY_HINT, "glossary: Cyberport = 數碼港"),
    (pv.numbers_hint("HK$1 billion = 10億港元"), Origin.NUMBERS_HINT, "numbers: HK$1 billion = 10億港元"),
]


@pytest.mark.parametrize(("line", "origin", "text"), WRITTEN)
def test_every_note_is_written_as_before_and_read_back_by_origin(line: str, origin: Origin, text: str) -> None:
    assert line == text  # the PO text is a file format: byte-identical to what was written before
    assert pv.origin_of(line) is origin
    assert pv.is_provenance(line) is (origin in pv.PROVENANCE)


def test_memory_source_is_capped() -> None:
    assert len(pv.memory_source("x" * 1000)) == pv.MEMORY_SOURCE_MAX_CHARS


def test_lines_the_tool_did_not_write_have_no_origin() -> None:
    for line in ("TRANSLATORS: keep the date", "glossary", "l10n", "translation memory", ""):
        assert pv.origin_of(line) is None


COMMENT = "\n".join(["a developer note", pv.glossary_hint("CMF", "CMF (keep in English)"),
                     pv.machine("argos"), pv.check("bad"), pv.draft_note("x"), pv.draft_note("y")])


def test_getnotes_by_origin_and_provenance_replacement() -> None:
    assert pv.getnotes(COMMENT, Origin.CHECK) == ["l10n-check: bad"]
    assert pv.getnotes(COMMENT) == [pv.machine("argos"), pv.check("bad"), pv.draft_note("x"), pv.draft_note("y")]
    assert pv.recorded_digest(COMMENT) == pv.draft_digest("y")
    assert pv.is_machine_draft(COMMENT) and not pv.is_exact_memory(COMMENT)
    replaced = pv.replace_provenance(COMMENT, [pv.memory(None, "")])
    assert replaced.split("\n") == ["a developer note", "glossary: CMF = CMF (keep in English)",
                                    "translation memory: 100%"]
    assert pv.is_exact_memory(replaced) and not pv.is_machine_draft(replaced)


@pytest.mark.parametrize("fuzzy", [True, False])
def test_check_findings_are_dropped_once_a_person_approved(fuzzy: bool) -> None:
    entry = polib.POEntry(msgid="a", msgstr="b", comment=COMMENT, flags=["fuzzy"] if fuzzy else [])
    carried = pv.carried_provenance(entry)
    assert (pv.check("bad") in carried) is fuzzy
    assert pv.machine("argos") in carried


# A note prefix at the start of a string literal. Not notes: check messages that name
# their check (``glossary: "IP" must ...``, written as ``l10n-check: glossary: ...``) and
# the ``tm`` command's help (``translation memory: import, lookup, stats``).
PREFIX_LITERAL = re.compile(
    r"""["'](?:machine translation:|translation memory(?: source)?: (?!import)|glossary rendering:"""
    r"""|l10n-check:|l10n: approved|l10n-draft:|glossary: (?!")|numbers: )""")


def test_no_module_but_provenance_spells_a_note_prefix() -> None:
    """Before: the prefixes were typed in catalog, translate, guard, annotate, the glossary
    and the pipeline's summary, each searching comment text its own way."""
    offenders = [f"{path.relative_to(L10N)}:{n}" for path in sorted(L10N.rglob("*.py"))
                 if path.name != "provenance.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if PREFIX_LITERAL.search(line) or re.search(r"f[\"'](?:l10n-check|numbers):", line)]
    assert offenders == []
