"""Pre-translation: translation memory, glossary, then batched machine translation.

Only entries that need a draft are touched: empty ones, and machine drafts whose
source changed. An entry a person translated (not fuzzy) is never changed. Every
draft goes through the number, currency, glossary and placeholder checks before it
is written; a failing draft is still written, fuzzy, with ``#. l10n-check: ...``
comments so the translator sees it first.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polib

from . import defaults, determined, provenance
from .drafts import DraftRecord, DraftStore, SourceKey
from .errors import ModelError
from .integrity import check_draft
from .locales import LocaleId, parse_locale
from .model import Severity
from .mt.engine import Hypothesis, Translator, wanted_per_call
from .mt.protect import Protected, protect, restore
from .mt.routes import Engines
from .mt.routes import default_engines as default_engines
from .pofile import JOINED_FLAG

log = logging.getLogger(__name__)

WHOLE_TERM_MAX_CHARS = 80  # a unit longer than this is a sentence, not a bare term
MT_CHUNK = 64  # sentences per translate_batch call: big enough to batch, small enough for a progress bar


class Origin(StrEnum):
    TM_EXACT = "tm"
    TM_FUZZY = "tm-fuzzy"
    GLOSSARY = "glossary"
    MT = "mt"
    RULE = "rule"


@dataclass(frozen=True)
class Draft:
    msgstr: str
    fuzzy: bool
    origin: Origin
    comments: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    """One catalog to pre-translate."""

    name: str
    po: polib.POFile
    locale: LocaleId


@dataclass
class JobStats:
    name: str
    locale: str
    pending: int = 0
    tm_exact: int = 0
    tm_fuzzy: int = 0
    glossary: int = 0
    rule: int = 0
    mt: int = 0
    flagged: int = 0
    left: int = 0
    changed: bool = False


@dataclass
class TranslateOutcome:
    """What a pre-translation pass did, and what stopped machine translation.

    ``broken_models`` holds one complete line per unusable installed package (it names
    the package folder and says how to remove and reinstall it); units that needed it
    are left untranslated. A caller prints each line and exits 2 at the end.
    """

    stats: list[JobStats] = field(default_factory=list)
    missing_models: list[str] = field(default_factory=list)
    mt_inputs: int = 0
    broken_models: list[str] = field(default_factory=list)


def needs_draft(entry: polib.POEntry, locale: str = "", drafts: DraftStore | None = None) -> bool:
    """Empty entries, and untouched machine drafts whose source changed.

    A draft is untouched while the digest of its msgstr is recorded in ``drafts`` for the
    source it was made for (or, in a catalog written before that state existed, in its
    ``#. l10n-draft:`` comment). A person's edit changes the digest, so an edited draft is
    never replaced, fuzzy or not.
    """
    if entry.obsolete or not entry.msgid or entry.msgid_plural:
        return False  # plural forms (msgstr[n]) are left to people: MT writes one msgstr
    if not entry.msgstr:  # a joined entry is translated by the entry before it
        return JOINED_FLAG not in entry.flags
    if entry.fuzzy and drafts is not None and _stale_rule(entry, locale, drafts):
        return True  # our rule's text for an earlier source (update took it for a person's)
    if not entry.fuzzy or provenance.is_approved_carry_over(entry.comment):
        return False
    if entry.previous_msgid and provenance.recorded_digest(entry.comment) == provenance.draft_digest(entry.msgstr):
        return True  # a legacy catalog: the digest is in the comment
    return drafts is not None and _stale_draft(entry, locale, drafts)


def _source(entry: polib.POEntry) -> SourceKey:
    return (entry.msgctxt or "", entry.msgid)


def _stale_draft(entry: polib.POEntry, locale: str, drafts: DraftStore) -> bool:
    """Our text, made for another source than the entry's current one.

    ``#|`` (msgmerge ``--previous``, or our ``update``) names the source it was made for;
    without it (plain ``msgmerge``), a text we wrote for another source is stale too.
    """
    sources = drafts.sources_of(locale, entry.msgstr)
    if not sources or _source(entry) in sources:
        return False
    if entry.previous_msgid:
        return any(msgid == entry.previous_msgid for _ctx, msgid in sources)
    return True


def _stale_rule(entry: polib.POEntry, locale: str, drafts: DraftStore) -> bool:
    """A fuzzy entry holding text we rendered by rule for another source (a dateline whose
    date changed, carried over by ``update``): rendered again. A person's edit of it has
    another digest and is kept."""
    sources = drafts.sources_by_origin(locale, entry.msgstr, Origin.RULE.value)
    return bool(sources) and _source(entry) not in sources


def apply_draft(entry: polib.POEntry, draft: Draft, locale: str = "", drafts: DraftStore | None = None) -> None:
    """Write a draft: fuzzy unless approved, its notes for people, and its record in ``drafts``."""
    entry.msgstr = draft.msgstr
    flags = [f for f in entry.flags if f != "fuzzy"]
    entry.flags = (["fuzzy"] + flags) if draft.fuzzy else flags
    entry.previous_msgid = None  # this draft is for the current source
    entry.previous_msgctxt = None
    notes = provenance.unique(draft.comments)
    entry.comment = provenance.replace_provenance(entry.comment, notes)
    if drafts is not None:
        drafts.record(locale, _source(entry), draft.msgstr, DraftRecord(draft.origin.value, notes, draft.fuzzy))


def _legacy_record(entry: polib.POEntry) -> DraftRecord:
    """What a ``#. l10n-draft:`` comment of an older catalog said about its draft."""
    comment = entry.comment
    origin = (Origin.MT if provenance.has(comment, provenance.Origin.MT)
              else Origin.TM_FUZZY if provenance.has(comment, provenance.Origin.TM)
              else Origin.GLOSSARY)
    return DraftRecord(origin.value, provenance.people_notes(comment), True)


def _record_for(entry: polib.POEntry, locale: str, drafts: DraftStore) -> DraftRecord | None:
    """The record of the entry's text, for its current source or the one in ``#|``."""
    found = drafts.find(locale, _source(entry), entry.msgstr)
    if found is None and entry.previous_msgid:
        previous = (entry.previous_msgctxt or entry.msgctxt or "", entry.previous_msgid)
        found = drafts.find(locale, previous, entry.msgstr) or drafts.find(locale, ("", entry.previous_msgid),
                                                                            entry.msgstr)
    return found


def sync_entry(entry: polib.POEntry, locale: str, drafts: DraftStore) -> bool:
    """Bring one entry and the state in line; True when the entry's comments changed.

    A legacy digest comment is imported into the state (and no longer written); an entry
    seen approved with our text becomes a person's; the notes for people are written
    again from the state, so a catalog that lost them (msgmerge) gets them back.
    """
    if entry.obsolete or not entry.msgid or not entry.msgstr:
        return False
    comment = entry.comment
    if entry.fuzzy and provenance.recorded_digest(comment) == provenance.draft_digest(entry.msgstr):
        made_for = (entry.msgctxt or "", entry.previous_msgid or entry.msgid)
        if drafts.find(locale, made_for, entry.msgstr) is None:
            drafts.record(locale, made_for, entry.msgstr, _legacy_record(entry))
    if not entry.fuzzy:
        drafts.approve(locale, _source(entry), entry.msgstr)
    record = _record_for(entry, locale, drafts)
    notes = provenance.people_notes(comment) if record is None else list(record.notes)
    entry.comment = provenance.replace_provenance(comment, provenance.for_entry(notes, comment, entry.fuzzy))
    return (entry.comment or "") != (comment or "")


def refresh_notes(po: polib.POFile, locale: str, drafts: DraftStore) -> int:
    """Write every entry's notes for people again from the state; returns how many changed.

    For a command that rewrites ``#.`` comments without drafting (``update``): a catalog
    whose notes another tool removed (msgmerge) or wrapped in two (Babel) gets each note
    back whole, once. The caller saves ``drafts`` (legacy digests are imported into it).
    """
    return sum(sync_entry(entry, locale, drafts) for entry in po)


def draft_origin(entry: polib.POEntry, locale: str, drafts: DraftStore | None) -> str | None:
    """Where the entry's current text came from (an ``Origin`` value), or None: a person's."""
    record = _record_for(entry, locale, drafts) if drafts is not None and entry.msgstr else None
    if record is not None:
        return record.origin
    if provenance.is_machine_draft(entry.comment):
        return Origin.MT.value
    if provenance.is_exact_memory(entry.comment):
        return Origin.TM_EXACT.value
    if _is_rule_text(entry, locale):
        return Origin.RULE.value
    return None


def _is_rule_text(entry: polib.POEntry, locale: str) -> bool:
    """A rule-made entry that no state records (a fresh checkout of committed catalogs):
    its note says so and its text is still exactly what the rule writes; a translator's
    override keeps the note but not the text, and counts as theirs."""
    if not entry.msgstr or not provenance.has(entry.comment, provenance.Origin.RULE):
        return False
    return determined.render(entry.msgid, parse_locale(locale)) == entry.msgstr


CURRENCY_WORDS = "港元|港幣|港币|美元|人民幣|人民币|歐元|欧元|日圓|日元|英鎊|英镑|元"
CURRENCY_END = re.compile(f"(?:{CURRENCY_WORDS})$")


def _doubled_currency(protected: Protected, text: str) -> list[str]:
    """An amount restored with its currency, followed by another currency the model added
    (``443億港元美元``): the value check cannot see it, so it is flagged here."""
    found = []
    for token, value in protected.slots.items():
        if not CURRENCY_END.search(value):
            continue
        if re.search(re.escape(value) + rf"\s*(?:{CURRENCY_WORDS})", text):
            found.append(provenance.check(f"{protected.sources.get(token, value)} followed by a second "
                                          f"currency in the draft ({value}…)"))
    return found


def _flagged(comments: Iterable[str]) -> bool:
    """Whether a draft's notes hold a check finding (the draft is counted as flagged)."""
    return any(provenance.origin_of(c) is provenance.Origin.CHECK for c in comments)


def _check_comments(source: str, target: str, locale: LocaleId, glossary: Any) -> list[str]:
    findings = check_draft(source, target, locale, glossary=glossary)
    return [provenance.check(f.message) for f in findings if f.severity is Severity.ERROR]


def _whole_term(msgid: str, glossary: Any, locale: LocaleId) -> str | None:
    if glossary is None or len(msgid) > WHOLE_TERM_MAX_CHARS:
        return None
    hits = glossary.match(msgid)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(msgid) and not hits[0].ambiguous:
        rendering: str | None = glossary.expected(hits[0], locale)
        return rendering
    return None


def _progress(total: int, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="seg", disable=not sys.stderr.isatty(), leave=False)


@dataclass(frozen=True)
class _Pending:
    """A unit waiting for machine translation, and the composed engine serving its locale."""

    stats: JobStats
    entry: polib.POEntry
    locale: LocaleId
    protected: Protected
    engine: Translator


def pretranslate(jobs: Sequence[Job], *, tm: Any = None, glossary: Any = None,
                 engines: Engines | None = None, fuzzy_threshold: float = defaults.FUZZY_THRESHOLD,
                 use_mt: bool = True, drafts: DraftStore | None = None) -> TranslateOutcome:
    """Fill drafts into the given catalogs in place; MT runs once over all pending units.

    ``drafts`` is the project's record of the drafts l10n wrote (:mod:`l10n.drafts`):
    without it, only a legacy ``#. l10n-draft:`` comment tells a stale draft from a
    person's text. The caller saves it after writing the catalogs.
    """
    outcome = TranslateOutcome()
    mt_queue: list[_Pending] = []
    for job in jobs:
        stats = JobStats(job.name, job.locale.tag)
        outcome.stats.append(stats)
        mt_queue += _draft_from_memory(job, stats, tm, glossary, fuzzy_threshold,
                                       engines if use_mt else None, drafts)
    if engines is not None:
        outcome.missing_models = list(engines.missing)
        outcome.broken_models = list(engines.broken.values())
    if not mt_queue or engines is None:
        return outcome

    outputs = _machine_translate(mt_queue, engines)
    outcome.mt_inputs = engines.model_inputs
    outcome.broken_models = list(engines.broken.values())
    for item in mt_queue:
        hypothesis = outputs.get((item.engine, item.protected.text))
        if hypothesis is None:  # its model broke: left for a person (or the next run)
            item.stats.left += 1
            continue
        _apply_machine_draft(item, hypothesis, glossary, drafts)
    return outcome


def _draft_from_memory(job: Job, stats: JobStats, tm: Any, glossary: Any, fuzzy_threshold: float,
                       engines: Engines | None, drafts: DraftStore | None) -> list[_Pending]:
    """Write every draft the memory or the glossary gives for one catalog; returns the
    entries left for machine translation (none when ``engines`` is None)."""
    queue: list[_Pending] = []
    tag = job.locale.tag
    for entry in job.po:
        if drafts is not None and sync_entry(entry, tag, drafts):
            stats.changed = True
        if not needs_draft(entry, tag, drafts):
            continue
        stats.pending += 1
        draft = _from_memory(entry, job.locale, tm, glossary, fuzzy_threshold)
        if draft is not None:
            _write_memory_draft(stats, entry, draft, tag, drafts)
            continue
        engine = engines.route(job.locale) if engines is not None else None
        pending = _protected(job, stats, entry, engine, glossary) if engine is not None else None
        if pending is None:
            stats.left += 1
        else:
            queue.append(pending)
    return queue


def _write_memory_draft(stats: JobStats, entry: polib.POEntry, draft: Draft, locale: str,
                        drafts: DraftStore | None) -> None:
    """Write a memory or glossary draft and count it by origin."""
    apply_draft(entry, draft, locale, drafts)
    stats.changed = True
    if draft.origin is Origin.TM_EXACT:
        stats.tm_exact += 1
    elif draft.origin is Origin.TM_FUZZY:
        stats.tm_fuzzy += 1
    elif draft.origin is Origin.RULE:
        stats.rule += 1
    else:
        stats.glossary += 1
    stats.flagged += _flagged(draft.comments)


def _protected(job: Job, stats: JobStats, entry: polib.POEntry, engine: Translator,
               glossary: Any) -> _Pending | None:
    """The unit with its spans replaced by the engine's placeholder tokens, or None."""
    try:
        protected = protect(entry.msgid, locale=job.locale, glossary=glossary, style=engine.placeholder_style)
    except ValueError as exc:  # e.g. the text uses every placeholder prefix itself
        log.warning("%s: not machine-translated (%s): %r", job.name, exc, entry.msgid[:60])
        return None
    return _Pending(stats, entry, job.locale, protected, engine)


def _apply_machine_draft(item: _Pending, hypothesis: Hypothesis, glossary: Any, drafts: DraftStore | None) -> None:
    """Restore the spans, flag what went wrong with them, and write the fuzzy draft."""
    restored = restore(item.protected, hypothesis.value)
    comments = [provenance.machine(item.engine.name)]
    if hypothesis.truncated:
        comments.append(provenance.check("machine translation stopped at the length limit; the end may be missing"))
    comments += _doubled_currency(item.protected, restored.text)
    comments += [provenance.check(f"{lost} lost in machine translation") for lost in restored.missing]
    comments += [provenance.check(f"{dup} repeated by machine translation") for dup in restored.duplicated]
    comments += [provenance.check(f"machine translation invented the placeholder {extra}")
                 for extra in restored.spurious]
    comments += [c for c in _check_comments(item.entry.msgid, restored.text, item.locale, glossary)
                 if c not in comments]
    apply_draft(item.entry, Draft(restored.text, True, Origin.MT, tuple(comments)), item.locale.tag, drafts)
    item.stats.mt += 1
    item.stats.changed = True
    item.stats.flagged += _flagged(comments)


def _machine_translate(queue: Sequence[_Pending], engines: Engines) -> dict[tuple[Translator, str], Hypothesis]:
    """Translate every distinct input once per engine, in chunks (for the progress bar).

    Engines that share a model share its cache (see :class:`l10n.mt.compose.Cached`), so
    a text pending in several locales reaches the model once. A model that fails to load
    or run is marked broken in ``engines`` and its remaining inputs get no output: the
    batch goes on without it.
    """
    by_engine: dict[Translator, dict[str, None]] = {}
    for item in queue:
        by_engine.setdefault(item.engine, {})[item.protected.text] = None
    outputs: dict[tuple[Translator, str], Hypothesis] = {}
    with _progress(sum(len(texts) for texts in by_engine.values()), "machine translation") as bar:
        for engine, texts in by_engine.items():
            _translate_chunks(engine, list(texts), engines, outputs, bar)
    return outputs


def _translate_chunks(engine: Translator, texts: list[str], engines: Engines,
                      outputs: dict[tuple[Translator, str], Hypothesis], bar: Any) -> None:
    """One engine's inputs, ``MT_CHUNK`` at a time (more when the engine wants more per call,
    one batch per CTranslate2 replica); stops when its model is (or becomes) broken."""
    step = max(MT_CHUNK, wanted_per_call(engine))
    for start in range(0, len(texts), step):
        if not engines.usable(engine):
            bar.update(len(texts) - start)
            return
        chunk = texts[start:start + step]
        try:
            hypotheses = engine.translate_batch(chunk)
        except ModelError as exc:
            log.debug("machine translation stopped: %s", exc.format_message())
            engines.failed(engine, exc)
            bar.update(len(texts) - start)
            return
        outputs.update(((engine, text), hyp) for text, hyp in zip(chunk, hypotheses, strict=True))
        bar.update(len(chunk))


def _from_memory(entry: polib.POEntry, locale: LocaleId, tm: Any, glossary: Any,
                 threshold: float) -> Draft | None:
    """Rule (determined text), translation memory (exact), a glossary term, translation memory (fuzzy).

    Every draft is checked like a machine draft: an exact memory match that fails a
    check (an approval made before a glossary change, say) is written fuzzy, with why.
    """
    return (_by_rule(entry, locale, glossary)
            or _exact_memory(entry, locale, tm, glossary)
            or _glossary_term(entry, locale, glossary)
            or _fuzzy_memory(entry, locale, tm, glossary, threshold))


def _by_rule(entry: polib.POEntry, locale: LocaleId, glossary: Any) -> Draft | None:
    """Determined text (dateline, end line, issue time, contact label): approved by rule,
    unless a check finds fault with it (then fuzzy, with why)."""
    rendered = determined.render(entry.msgid, locale)
    if rendered is None:
        return None
    problems = _check_comments(entry.msgid, rendered, locale, glossary)
    note = provenance.rule(f"{determined.describe(entry.msgid)} ({locale.tag} release style)")
    return Draft(rendered, bool(problems), Origin.RULE, (note, *problems))


def _exact_memory(entry: polib.POEntry, locale: LocaleId, tm: Any, glossary: Any) -> Draft | None:
    if tm is None:
        return None
    exact = tm.exact(locale, entry.msgid, entry.msgctxt or "")
    if exact is None or not exact.exact:
        return None
    problems = _check_comments(entry.msgid, exact.target, locale, glossary)
    return Draft(exact.target, bool(problems), Origin.TM_EXACT, (provenance.memory(None, exact.origin), *problems))


def _glossary_term(entry: polib.POEntry, locale: LocaleId, glossary: Any) -> Draft | None:
    rendering = _whole_term(entry.msgid, glossary, locale)
    if not rendering:
        return None
    problems = _check_comments(entry.msgid, rendering, locale, glossary)
    return Draft(rendering, True, Origin.GLOSSARY, (provenance.glossary_rendering(entry.msgid), *problems))


def _fuzzy_memory(entry: polib.POEntry, locale: LocaleId, tm: Any, glossary: Any,
                  threshold: float) -> Draft | None:
    matches = tm.fuzzy(locale, entry.msgid, threshold=threshold, limit=1) if tm is not None else []
    if not matches:
        return None
    m = matches[0]
    comments = [provenance.memory(m.score, m.origin), provenance.memory_source(m.source)]
    if m.numbers_differ:
        comments.append(provenance.check("numbers differ from the memory's source; check every amount"))
    comments += [c for c in _check_comments(entry.msgid, m.target, locale, glossary) if c not in comments]
    return Draft(m.target, True, Origin.TM_FUZZY, tuple(comments))


def seed_memory(tm: Any, jobs: Iterable[Job]) -> None:
    """Store every approved translation of the catalogs in the memory before drafting, so a
    sentence a person approved in one release is reused in the others of the same run."""
    from .tm import TMEntry

    tm.add_many(TMEntry(loc, src, dst, ctx, origin) for loc, src, dst, ctx, origin in approved_entries(jobs))


def approved_entries(jobs: Iterable[Job]) -> list[tuple[LocaleId, str, str, str, str]]:
    """Human-approved (non-fuzzy) translations, to feed the translation memory."""
    out = []
    for job in jobs:
        for e in job.po:
            if e.obsolete or not e.msgid or not e.msgstr or e.fuzzy:
                continue
            out.append((job.locale, e.msgid, e.msgstr, e.msgctxt or "", job.name))
    return out


def missing_model_message(pairs: Sequence[str], left: int) -> str:
    """One plain line: which pair is missing and the exact command that installs it."""
    commands = " or ".join(f"`l10n models install en {p.split('→')[1]}`" for p in pairs)
    return (f"no {', '.join(pairs)} translation model installed: {left} unit(s) left untranslated "
            f"(translation memory and glossary still applied); install one with {commands} "
            f"(offline: `l10n models install --file PATH.argosmodel`)")
