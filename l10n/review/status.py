"""Where an entry's current text came from, as a reviewer reads it.

Read from the entry's provenance notes (``l10n.provenance``, by origin, never by
searching comment text) and its fuzzy flag: approved by a person, rendered by rule, a
translation memory match with its score, a machine draft with its engine and version,
a fuzzy draft, or untranslated.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import provenance
from ..provenance import Origin

#: The statuses in the order the overview's bar stacks them, with their legend labels.
STATUSES: dict[str, str] = {
    "approved": "approved",
    "rule": "by rule",
    "tm": "TM match",
    "mt": "machine draft",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
}


@dataclass(frozen=True)
class Status:
    """``key`` is one of STATUSES; ``label`` says it in full (engine, score)."""

    key: str
    label: str


def entry_status(msgstr: str, fuzzy: bool, comments: tuple[str, ...]) -> Status:
    """The status of one entry from its text, its fuzzy flag and its ``#.`` lines."""
    comment = "\n".join(comments)
    if not msgstr:
        return Status("untranslated", "untranslated")
    machine = [provenance.body(n, Origin.MT) for n in provenance.getnotes(comment, Origin.MT)]
    memory = [provenance.body(n, Origin.TM) for n in provenance.getnotes(comment, Origin.TM)]
    rule = [provenance.body(n, Origin.RULE) for n in provenance.getnotes(comment, Origin.RULE)]
    if fuzzy:
        if machine:
            return Status("mt", f"machine draft: {machine[-1]}")
        if memory:
            return Status("tm", f"TM match {memory[-1]}")
        if provenance.is_approved_carry_over(comment):
            return Status("fuzzy", "fuzzy: a person's translation of the previous source")
        return Status("fuzzy", "fuzzy draft")
    if rule:
        return Status("rule", f"by rule: {rule[-1]}")
    if memory and provenance.is_exact_memory(comment):
        return Status("tm", f"TM match {memory[-1]}")
    if machine:
        return Status("approved", f"approved (from machine draft: {machine[-1]})")
    return Status("approved", "approved")
