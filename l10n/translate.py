"""Pre-translation: translation memory, glossary, then batched machine translation.

Only entries that need a draft are touched: empty ones, and machine drafts whose
source changed. An entry a person translated (not fuzzy) is never changed. Every
draft goes through the number, currency, glossary and placeholder checks before it
is written; a failing draft is still written, fuzzy, with ``#. l10n-check: ...``
comments so the translator sees it first.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polib

from .catalog import HUMAN_NOTE, PROVENANCE_PREFIXES
from .errors import ModelError, ModelMissing
from .integrity import check_draft
from .locales import LocaleId
from .model import Severity

log = logging.getLogger(__name__)

WHOLE_TERM_MAX_CHARS = 80  # a unit longer than this is a sentence, not a bare term
MT_CHUNK = 64  # sentences per translate_batch call: big enough to batch, small enough for a progress bar
MACHINE_PREFIXES = ("machine translation:", "translation memory:", "glossary rendering:")
DRAFT_PREFIX = "l10n-draft:"


class Origin(StrEnum):
    TM_EXACT = "tm"
    TM_FUZZY = "tm-fuzzy"
    GLOSSARY = "glossary"
    MT = "mt"


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


def draft_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def needs_draft(entry: polib.POEntry) -> bool:
    """Empty entries, and untouched machine drafts whose source changed.

    A draft records the digest of the text it wrote (``#. l10n-draft: …``); when the
    msgstr no longer matches it, a person has edited the draft (even if it is still
    fuzzy) and it is never replaced.
    """
    if entry.obsolete or not entry.msgid:
        return False
    if not entry.msgstr:
        return True
    if not entry.fuzzy or not entry.previous_msgid:
        return False
    comments = entry.comment.split("\n") if entry.comment else []
    if HUMAN_NOTE in comments:
        return False
    recorded = [c[len(DRAFT_PREFIX):].strip() for c in comments if c.startswith(DRAFT_PREFIX)]
    return bool(recorded) and recorded[-1] == draft_digest(entry.msgstr)


def apply_draft(entry: polib.POEntry, draft: Draft) -> None:
    """Write a draft: fuzzy unless approved, provenance comments, and its digest."""
    entry.msgstr = draft.msgstr
    flags = [f for f in entry.flags if f != "fuzzy"]
    entry.flags = (["fuzzy"] + flags) if draft.fuzzy else flags
    entry.previous_msgid = None  # this draft is for the current source
    kept = [c for c in (entry.comment.split("\n") if entry.comment else [])
            if not c.startswith(PROVENANCE_PREFIXES)]
    digest = [f"{DRAFT_PREFIX} {draft_digest(draft.msgstr)}"] if draft.fuzzy else []
    entry.comment = "\n".join(kept + list(draft.comments) + digest)


class Engines:
    """Loads each translation model once per run; remembers which pairs are missing or broken.

    A broken package (unreadable folder, or a model that fails to load or run) must not
    stop the batch: it is recorded once in ``broken`` (model code -> one-line message)
    and treated like a missing model, so memory, glossary and checks still run.
    """

    def __init__(self, factory: Callable[[str, str], Any], *, hant_route: str = "auto") -> None:
        self._factory = factory
        self._loaded: dict[str, Any] = {}
        self.missing: list[str] = []
        self.broken: dict[str, str] = {}
        self.hant_route = hant_route

    def get(self, to_code: str) -> Any | None:
        if to_code in self._loaded:
            return self._loaded[to_code]
        try:
            engine = self._factory("en", to_code)
        except ModelMissing:
            engine = None
        except ModelError as exc:
            self.mark_broken(to_code, exc)
            engine = None
        self._loaded[to_code] = engine
        return engine

    def mark_broken(self, to_code: str, error: ModelError) -> None:
        """Stop using a model for the rest of the run; keep the first reason only."""
        self._loaded[to_code] = None
        self.broken.setdefault(to_code, broken_model_message(error, to_code))

    def route(self, locale: LocaleId) -> tuple[str, str | None] | None:
        """(model code, OpenCC conversion or None) for a locale, or None when no model serves it."""
        from .mt import conversion_for

        if locale.traditional:
            if self.hant_route in ("auto", "zt") and self.get("zt") is not None:
                return "zt", conversion_for(locale.region, from_simplified=False)
            if self.hant_route in ("auto", "s2hk") and self.get("zh") is not None:
                return "zh", conversion_for(locale.region, from_simplified=True)
            self._note_missing("zt" if self.hant_route == "zt" else "zh")
            return None
        if self.get("zh") is not None:
            return "zh", None
        self._note_missing("zh")
        return None

    def _note_missing(self, code: str) -> None:
        pair = f"en→{code}"
        if code not in self.broken and pair not in self.missing:
            self.missing.append(pair)


CURRENCY_WORDS = "港元|港幣|港币|美元|人民幣|人民币|歐元|欧元|日圓|日元|英鎊|英镑|元"
CURRENCY_END = re.compile(f"(?:{CURRENCY_WORDS})$")


def _doubled_currency(protected: Any, text: str) -> list[str]:
    """An amount restored with its currency, followed by another currency the model added
    (``443億港元美元``): the value check cannot see it, so it is flagged here."""
    found = []
    for token, value in protected.slots.items():
        if not CURRENCY_END.search(value):
            continue
        if re.search(re.escape(value) + rf"\s*(?:{CURRENCY_WORDS})", text):
            found.append(f"l10n-check: {protected.sources.get(token, value)} followed by a second currency "
                         f"in the draft ({value}…)")
    return found


def _check_comments(source: str, target: str, locale: LocaleId, glossary: Any) -> list[str]:
    findings = check_draft(source, target, locale, glossary=glossary)
    return [f"l10n-check: {f.message}" for f in findings if f.severity is Severity.ERROR]


def _whole_term(msgid: str, glossary: Any, locale: LocaleId) -> str | None:
    if glossary is None or len(msgid) > WHOLE_TERM_MAX_CHARS:
        return None
    hits = glossary.match(msgid)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(msgid) and not hits[0].ambiguous:
        return glossary.expected(hits[0], locale)
    return None


def _progress(total: int, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="seg", disable=not sys.stderr.isatty(), leave=False)


def pretranslate(jobs: Sequence[Job], *, tm: Any = None, glossary: Any = None,
                 engines: Engines | None = None, fuzzy_threshold: float = 0.75,
                 use_mt: bool = True) -> TranslateOutcome:
    """Fill drafts into the given catalogs in place; MT runs once over all pending units."""
    from .mt import convert_script, protect, restore

    outcome = TranslateOutcome()
    mt_queue: list[tuple[JobStats, polib.POEntry, LocaleId, Any, str, bool]] = []
    for job in jobs:
        stats = JobStats(job.name, job.locale.tag)
        outcome.stats.append(stats)
        for entry in job.po:
            if not needs_draft(entry):
                continue
            stats.pending += 1
            draft = _from_memory(entry, job.locale, tm, glossary, fuzzy_threshold)
            if draft is not None:
                apply_draft(entry, draft)
                stats.changed = True
                if draft.origin is Origin.TM_EXACT:
                    stats.tm_exact += 1
                elif draft.origin is Origin.TM_FUZZY:
                    stats.tm_fuzzy += 1
                else:
                    stats.glossary += 1
                stats.flagged += any(c.startswith("l10n-check:") for c in draft.comments)
                continue
            route = engines.route(job.locale) if (engines is not None and use_mt) else None
            if route is None:
                stats.left += 1
                continue
            code, convert = route
            try:
                protected = protect(entry.msgid, locale=job.locale, glossary=glossary)
            except ValueError as exc:  # e.g. the text uses every placeholder prefix itself
                log.warning("%s: not machine-translated (%s): %r", job.name, exc, entry.msgid[:60])
                stats.left += 1
                continue
            mt_queue.append((stats, entry, job.locale, protected, code, convert))
    if engines is not None:
        outcome.missing_models = list(engines.missing)
        outcome.broken_models = list(engines.broken.values())
    if not mt_queue or engines is None:
        return outcome

    by_model: dict[str, list[str]] = {}
    for _, _, _, protected, code, _ in mt_queue:
        inputs = by_model.setdefault(code, [])
        if protected.text not in inputs:
            inputs.append(protected.text)
    outputs, truncated, names = _machine_translate(by_model, engines)
    outcome.mt_inputs = sum(len(v) for v in by_model.values())
    outcome.broken_models = list(engines.broken.values())

    for stats, entry, locale, protected, code, convert in mt_queue:
        raw = outputs.get((code, protected.text))
        if raw is None:  # its model broke: left for a person (or the next run)
            stats.left += 1
            continue
        if convert:
            raw = convert_script(raw, convert)
        restored = restore(protected, raw)
        route = f"machine translation: {names[code]}" + (f" + OpenCC {convert}" if convert else "")
        comments = [route]
        if truncated.get((code, protected.text)):
            comments.append("l10n-check: machine translation stopped at the length limit; the end may be missing")
        comments += _doubled_currency(protected, restored.text)
        for lost in restored.missing:
            comments.append(f"l10n-check: {lost} lost in machine translation")
        for dup in restored.duplicated:
            comments.append(f"l10n-check: {dup} repeated by machine translation")
        for extra in restored.spurious:
            comments.append(f"l10n-check: machine translation invented the placeholder {extra}")
        comments += [c for c in _check_comments(entry.msgid, restored.text, locale, glossary)
                     if c not in comments]
        apply_draft(entry, Draft(restored.text, True, Origin.MT, tuple(comments)))
        stats.mt += 1
        stats.changed = True
        stats.flagged += any(c.startswith("l10n-check:") for c in comments)
    return outcome


def _machine_translate(by_model: dict[str, list[str]], engines: Engines
                       ) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], bool], dict[str, str]]:
    """Translate every distinct input once per model, in chunks (for the progress bar).

    A model that fails to load or run is marked broken in ``engines`` and its remaining
    inputs get no output: the batch goes on without it.
    """
    outputs: dict[tuple[str, str], str] = {}
    truncated: dict[tuple[str, str], bool] = {}
    names: dict[str, str] = {}
    total = sum(len(v) for v in by_model.values())
    with _progress(total, "machine translation") as bar:
        for code, texts in by_model.items():
            engine = engines.get(code)
            if engine is None:
                bar.update(len(texts))
                continue
            names[code] = engine.name
            for start in range(0, len(texts), MT_CHUNK):
                chunk = texts[start:start + MT_CHUNK]
                try:
                    hypotheses = engine.translate_batch(chunk)
                except ModelError as exc:
                    log.debug("machine translation stopped: %s", exc.format_message())
                    engines.mark_broken(code, exc)
                    bar.update(len(texts) - start)
                    break
                for text, hyp in zip(chunk, hypotheses, strict=True):
                    outputs[(code, text)] = hyp.value
                    truncated[(code, text)] = bool(getattr(hyp, "truncated", False))
                bar.update(len(chunk))
    return outputs, truncated, names


def _from_memory(entry: polib.POEntry, locale: LocaleId, tm: Any, glossary: Any,
                 threshold: float) -> Draft | None:
    """Translation memory (exact), then a glossary term, then translation memory (fuzzy).

    Every draft is checked like a machine draft: an exact memory match that fails a
    check (an approval made before a glossary change, say) is written fuzzy, with why.
    """
    context = entry.msgctxt or ""
    if tm is not None:
        exact = tm.exact(locale, entry.msgid, context)
        if exact is not None and exact.exact:
            note = f"translation memory: 100% ({exact.origin})" if exact.origin else "translation memory: 100%"
            problems = _check_comments(entry.msgid, exact.target, locale, glossary)
            return Draft(exact.target, bool(problems), Origin.TM_EXACT, (note, *problems))
    rendering = _whole_term(entry.msgid, glossary, locale)
    if rendering:
        problems = _check_comments(entry.msgid, rendering, locale, glossary)
        return Draft(rendering, True, Origin.GLOSSARY, (f"glossary rendering: {entry.msgid}", *problems))
    if tm is not None:
        matches = tm.fuzzy(locale, entry.msgid, threshold=threshold, limit=1)
        if matches:
            m = matches[0]
            note = f"translation memory: {round(m.score * 100)}%"
            if m.origin:
                note += f" ({m.origin})"
            comments = [note, f"translation memory source: {m.source}"[:400]]
            if m.numbers_differ:
                comments.append("l10n-check: numbers differ from the memory's source; check every amount")
            comments += [c for c in _check_comments(entry.msgid, m.target, locale, glossary) if c not in comments]
            return Draft(m.target, True, Origin.TM_FUZZY, tuple(comments))
    return None


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


def broken_model_message(error: ModelError, to_code: str) -> str:
    """One plain line for a package that cannot be used: its folder, why, and the fix.

    Errors from the engine already carry the remove-and-reinstall hint; any other one
    gets the same advice here, so the line always says what to do.
    """
    if error.hint and "l10n models remove" in error.hint:
        return error.format_message()
    where = f"{error.path}: " if error.path else ""
    return (f"{where}{error.message} (remove it with `l10n models remove en {to_code}` and install "
            f"it again with `l10n models install en {to_code}` or "
            f"`l10n models install --file PATH.argosmodel`)")


def default_engines(beam_size: int = 4, hant_route: str = "auto") -> Engines:
    def factory(src: str, dst: str) -> Any:
        from .mt import load_translator

        return load_translator(src, dst, beam_size=beam_size)

    return Engines(factory, hant_route=hant_route)
