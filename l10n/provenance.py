"""The machine comments (``#.`` lines) the tool writes into PO entries, by origin.

Every ``#.`` line l10n writes starts with a fixed prefix that says where it came from
(machine translation, the translation memory, a check, ...). This module is the only
place that spells those prefixes: the stages write notes with the functions below and
read them back by :class:`Origin`, never by searching comment text (Translate
Toolkit's ``getnotes(origin=...)`` / ``addnote`` / ``removenotes`` is the model).

Two families of notes exist, and the difference matters to the merge rules:

* **provenance** describes the current draft (who wrote it, what the checks found,
  the digest of what was written). It travels with the translation: ``update`` carries
  it over with the msgstr, ``translate`` replaces it with a new draft's, and a person's
  save wins over ours (``guard``).
* **hints** describe the source text (glossary terms, number conversions). They are
  recomputed from the msgid at every ``update`` and are never carried over.

The text written is part of the PO files' format: changing a prefix changes every
committed catalog.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from enum import Enum

import polib

#: The longest ``translation memory source:`` line: the memory's source can be a whole
#: paragraph, and the note is a pointer to it, not a copy.
MEMORY_SOURCE_MAX_CHARS = 400
#: Hex digits of a draft's digest: enough to tell an edit from the draft, short to read.
DRAFT_DIGEST_CHARS = 10


class Origin(Enum):
    """Where a ``#.`` line came from; the value is the prefix it is written with."""

    MT = "machine translation:"
    TM = "translation memory:"
    TM_SOURCE = "translation memory source:"
    GLOSSARY_RENDERING = "glossary rendering:"
    CHECK = "l10n-check:"
    APPROVED = "l10n: approved"
    DRAFT = "l10n-draft:"
    GLOSSARY_HINT = "glossary:"
    NUMBERS_HINT = "numbers:"
    RULE = "rendered by rule:"


#: Notes about the draft in the msgstr: carried over with it, replaced with it.
PROVENANCE: frozenset[Origin] = frozenset({
    Origin.MT, Origin.TM, Origin.TM_SOURCE, Origin.GLOSSARY_RENDERING,
    Origin.CHECK, Origin.APPROVED, Origin.DRAFT, Origin.RULE,
})
_PROVENANCE_PREFIXES = tuple(o.value for o in PROVENANCE)
#: Written by ``update`` when a person-approved translation is carried over to a changed
#: source: ``translate`` must not replace it with a machine draft.
HUMAN_NOTE = f"{Origin.APPROVED.value} translation of the previous source; review, do not redraft"
EXACT_SCORE = "100%"


# -- reading --------------------------------------------------------------------------

def lines(comment: str | None) -> list[str]:
    """The ``#.`` lines of an entry's (polib) ``comment``."""
    return comment.split("\n") if comment else []


def origin_of(line: str) -> Origin | None:
    """The origin of one ``#.`` line, or None for a line the tool did not write."""
    for origin in Origin:
        if line.startswith(origin.value):
            return origin
    return None


def is_provenance(line: str) -> bool:
    return line.startswith(_PROVENANCE_PREFIXES)


def getnotes(comment: str | None, *origins: Origin) -> list[str]:
    """The lines of the given origins (all provenance lines when none is given), in order."""
    if not origins:
        return [c for c in lines(comment) if is_provenance(c)]
    prefixes = tuple(o.value for o in origins)
    return [c for c in lines(comment) if c.startswith(prefixes)]


def has(comment: str | None, origin: Origin) -> bool:
    return any(c.startswith(origin.value) for c in lines(comment))


def body(line: str, origin: Origin) -> str:
    """What follows the prefix of a line of ``origin``, without surrounding spaces."""
    return line[len(origin.value):].strip()


def without_provenance(comment: str | None) -> list[str]:
    """Every line but provenance: the template's own comments and the hints."""
    return [c for c in lines(comment) if not is_provenance(c)]


def is_approved_carry_over(comment: str | None) -> bool:
    """The entry holds a person's translation of an earlier source (see HUMAN_NOTE)."""
    return HUMAN_NOTE in lines(comment)


def recorded_digest(comment: str | None) -> str | None:
    """The digest of the last draft the tool wrote into this entry, or None."""
    found = [body(c, Origin.DRAFT) for c in getnotes(comment, Origin.DRAFT)]
    return found[-1] if found else None


def is_machine_draft(comment: str | None) -> bool:
    return has(comment, Origin.MT)


def is_exact_memory(comment: str | None) -> bool:
    """The translation came whole from the translation memory (a 100% match)."""
    return any(body(c, Origin.TM).startswith(EXACT_SCORE) for c in getnotes(comment, Origin.TM))


def carried_provenance(entry: polib.POEntry) -> list[str]:
    """What ``update`` keeps of an entry whose msgid is unchanged: its notes for people,
    minus what no longer applies once a person approved it (see :func:`for_entry`)."""
    kept = for_entry(getnotes(entry.comment), entry.comment, entry.fuzzy)
    legacy = getnotes(entry.comment, Origin.DRAFT)[-1:]  # moved into the state by the next translate
    return [*kept, *legacy]


def people_notes(comment: str | None) -> list[str]:
    """The provenance lines meant for people: every one but the legacy draft digest
    (which now lives in the project's state, :mod:`l10n.drafts`)."""
    return [c for c in getnotes(comment) if not c.startswith(Origin.DRAFT.value)]


def for_entry(notes: Sequence[str], comment: str | None, fuzzy: bool) -> list[str]:
    """The notes to write into an entry, each once.

    Once a person approved the entry (not fuzzy), the check findings about the draft and
    the "approved translation of the previous source" warning no longer apply; while it is
    fuzzy, that warning (written by ``update``) stays.
    """
    if not fuzzy:
        return unique(n for n in notes if not n.startswith((Origin.CHECK.value, Origin.APPROVED.value)))
    human = [HUMAN_NOTE] if is_approved_carry_over(comment) else []
    return unique([*notes, *human])


def unique(notes: Iterable[str]) -> list[str]:
    """The notes in order, each once, without the legacy draft digest."""
    return [n for n in dict.fromkeys(notes) if not n.startswith(Origin.DRAFT.value)]


# -- writing --------------------------------------------------------------------------

def join(notes: Iterable[str]) -> str:
    return "\n".join(notes)


def replace_provenance(comment: str | None, notes: Sequence[str]) -> str:
    """``comment`` with its provenance replaced by ``notes`` (hints and the template's
    own comments kept, before them)."""
    return join([*without_provenance(comment), *notes])


def draft_digest(text: str) -> str:
    """A short digest of a draft, recorded so that a person's edit can be told from it."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:DRAFT_DIGEST_CHARS]


def draft_note(text: str) -> str:
    """The legacy ``#. l10n-draft:`` line (read for migration, no longer written)."""
    return f"{Origin.DRAFT.value} {draft_digest(text)}"


def machine(engine_name: str) -> str:
    return f"{Origin.MT.value} {engine_name}"


def rule(kind: str) -> str:
    """``rendered by rule: dateline (zh-Hant-HK release style)``: determined text, see l10n.determined."""
    return f"{Origin.RULE.value} {kind}"


def check(message: str) -> str:
    return f"{Origin.CHECK.value} {message}"


def memory(score: float | None, memory_origin: str | None) -> str:
    """``translation memory: 87% (release.po)``; ``score`` None is an exact match."""
    percent = EXACT_SCORE if score is None else f"{round(score * 100)}%"
    note = f"{Origin.TM.value} {percent}"
    return f"{note} ({memory_origin})" if memory_origin else note


def memory_source(source: str) -> str:
    return f"{Origin.TM_SOURCE.value} {source}"[:MEMORY_SOURCE_MAX_CHARS]


def glossary_rendering(msgid: str) -> str:
    return f"{Origin.GLOSSARY_RENDERING.value} {msgid}"


def glossary_hint(form: str, rendering: str) -> str:
    """``glossary: Cyberport = 數碼港`` (``rendering`` may carry a parenthesised remark)."""
    return f"{Origin.GLOSSARY_HINT.value} {form} = {rendering}"


def numbers_hint(hint: str) -> str:
    return f"{Origin.NUMBERS_HINT.value} {hint}"
