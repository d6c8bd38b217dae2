"""The merge rules of ``catalog.merge``, one part each (exact carry-over, fuzzy carry-over,
obsolete collection), as a table of examples (Babel's ``Catalog.update`` doctest is the model)."""

from __future__ import annotations

import polib
import pytest

from l10n import catalog, provenance
from l10n.locales import parse_locale

HK = parse_locale("zh-Hant-HK")
MT = [provenance.machine("argos"), provenance.check("HK$3 missing"), provenance.draft_note("草稿")]


def _entry(msgid: str, msgstr: str = "", *, fuzzy: bool = False, comment: list[str] | None = None,
           obsolete: bool = False, previous: str | None = None) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [],
                         comment="\n".join(comment or []), obsolete=obsolete, tcomment="mine",
                         previous_msgid=previous)


def _merge(template: list[str], old: list[polib.POEntry]) -> polib.POFile:
    pot = polib.POFile()
    for msgid in template:
        pot.append(polib.POEntry(msgid=msgid, comment="from the source"))
    po = polib.POFile()
    for e in old:
        po.append(e)
    return catalog.merge(pot, po, HK)


@pytest.mark.parametrize(
    ("old", "msgstr", "flags", "previous", "comments"),
    [
        # same msgid, approved: kept, findings about a draft dropped, provenance kept
        (_entry("Cyberport opens.", "數碼港開幕。", comment=MT), "數碼港開幕。", [], None,
         ["from the source", MT[0], MT[2]]),
        # same msgid, still a draft: kept as it is, with its findings and #| line
        (_entry("Cyberport opens.", "數碼港開幕。", fuzzy=True, comment=MT, previous="Cyberport opened."),
         "數碼港開幕。", ["fuzzy"], "Cyberport opened.", ["from the source", *MT]),
        # an obsolete entry with the same msgid comes back to life
        (_entry("Cyberport opens.", "數碼港開幕。", obsolete=True), "數碼港開幕。", [], None, ["from the source"]),
    ],
)
def test_exact_carry_over(old: polib.POEntry, msgstr: str, flags: list[str], previous: str | None,
                          comments: list[str]) -> None:
    [entry] = list(_merge(["Cyberport opens."], [old]))
    assert (entry.msgstr, entry.flags, entry.previous_msgid, entry.tcomment) == (msgstr, flags, previous, "mine")
    assert entry.comment.split("\n") == comments


@pytest.mark.parametrize(
    ("fuzzy", "comments"),
    [
        (False, ["from the source", provenance.HUMAN_NOTE]),  # a person's: marked, never redrafted
        (True, ["from the source", *MT]),  # a draft: its provenance goes with it, translate may redo it
    ],
)
def test_fuzzy_carry_over(fuzzy: bool, comments: list[str]) -> None:
    old = _entry("Cyberport opens today.", "數碼港今日開幕。", fuzzy=fuzzy, comment=MT)
    [entry] = list(_merge(["Cyberport opens today!"], [old]))
    assert (entry.msgstr, entry.flags, entry.previous_msgid) == ("數碼港今日開幕。", ["fuzzy"], old.msgid)
    assert entry.comment.split("\n") == comments


def test_obsolete_collection_keeps_only_untaken_translations() -> None:
    old = [_entry("Gone and translated.", "已刪除。"), _entry("Gone, never translated."),
           _entry("Kept.", "保留。"), _entry("Cyberport opens today.", "數碼港今日開幕。")]
    merged = _merge(["Kept.", "Cyberport opens today!"], old)
    gone = merged.obsolete_entries()
    assert [(e.msgid, e.msgstr, e.tcomment) for e in gone] == [("Gone and translated.", "已刪除。", "mine")]
    assert [e.msgid for e in merged if not e.obsolete] == ["Kept.", "Cyberport opens today!"]


def test_the_parts_are_separate_functions() -> None:
    """Before: one 60-line function of complexity F (41) did all three."""
    for part in (catalog._carry_exact, catalog._carry_fuzzy, catalog._obsolete, catalog._merged_header):
        assert callable(part)
