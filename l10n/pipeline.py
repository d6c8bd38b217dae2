"""The nightly batch: extract → update → translate → check → build for every release.

Incremental: a release whose source, PO files, outputs and settings are unchanged
since the last run costs a hash comparison and nothing else. Safe: one run at a time
(``run_lock``), every write atomic, and the state of a release is recorded only after
all its files are written, so a run killed at any point is finished by the next one.

Bounded: changed releases go through the stages in chunks (``CHUNK_RELEASES`` releases or
``CHUNK_UNITS`` entries at a time: extract, draft, write, check, record and commit), so
the catalogs held in memory do not grow with the number of releases, and the state
(``l10n.state``, SQLite) is written one row per release and locale, in one transaction
per chunk.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import polib

from . import __version__, catalog
from .build import build_document, output_clashes, output_path
from .checks import CheckEnv, FuzzyPolicy, run_checks
from .config import Settings
from .drafts import DraftStore
from .errors import L10nError
from .extract import (
    MergePlan,
    TemplatePlan,
    merge_catalog,
    name_clash,
    not_english,
    plan_template,
    write_merged,
    write_template,
)
from .formats import read_document
from .fsio import TEMP_GLOB, OldBytes, splice, write_chunks_if_changed, write_if_changed
from .integrity import PARALLEL_MIN_ENTRIES, can_fork, map_forked, shared_value
from .lock import hold
from .model import Document, Entry, Finding, Severity
from .mt.routes import Engines
from .pofile import scan_po_file
from .report import (
    REPORT_VERSION,
    findings_fragment,
    fragment_separator,
    json_closing,
    json_opening,
    sort_findings,
)
from .segment import segmentation
from .state import LocaleRecord, StateDB, state_file
from .translate import Job, default_engines, draft_origin, missing_model_message, pretranslate, seed_memory
from .translate import Origin as TranslationOrigin

log = logging.getLogger(__name__)
#: Changed releases taken through the stages together: enough to give MT large batches
#: and the check workers enough to share, few enough that memory stays flat however many
#: releases changed (``run_pipeline(chunk=...)`` changes it).
CHUNK_RELEASES = 200
#: A chunk also closes when its catalogs hold this many entries (all locales): kept under
#: the numbers check's memo of comparisons (``checks.numbers.COMPARED_CACHE_SIZE``), so the
#: comparison made when a draft was written is still remembered when the written catalog
#: is checked, and each draft's numbers are compared once.
CHUNK_UNITS = 6000


@dataclass
class LocaleSummary:
    locale: str
    po: str
    output: str
    units: int = 0
    human: int = 0
    rule: int = 0  # determined text (datelines, issue times, contact labels): approved by rule, not by a person
    tm: int = 0
    mt: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    errors: int = 0
    warnings: int = 0


@dataclass
class ReleaseSummary:
    source: str
    status: str  # processed | unchanged | failed | skipped (not an English source)
    error: str = ""
    locales: list[LocaleSummary] = field(default_factory=list)


_LOCALE_FIELDS = tuple(f.name for f in fields(LocaleSummary))


@dataclass
class RunReport:
    releases: list[ReleaseSummary] = field(default_factory=list)
    missing_models: list[str] = field(default_factory=list)
    broken_models: list[str] = field(default_factory=list)  # one line each; the run exits 2
    mt_segments: int = 0
    messages: list[str] = field(default_factory=list)
    #: What the JSON report is built from (the state's generation and the releases), so
    #: ``write_report`` can tell an unchanged report without building it; empty when the
    #: run failed somewhere (the report then holds more than the state). Not in the JSON.
    content_key: str = ""
    state_dir: Path | None = None
    #: The term base the run checked with ("" none), so the review site marks the terms
    #: the checks enforced. Not in the JSON.
    glossary_path: str | None = field(default=None, repr=False)
    #: That term base as the run loaded it (None: none, or not known), so the review site
    #: does not load it again. Not in the JSON.
    glossary: object | None = field(default=None, repr=False, compare=False)
    #: Findings are not held for the whole run (at 2,000 releases they outweigh everything
    #: else): those of the releases named in ``in_state`` are read from the state when
    #: ``findings`` is first asked for; ``held`` are those the state could not keep (a run
    #: with a broken model records nothing). Counts come from the summaries.
    in_state: list[str] = field(default_factory=list, repr=False)
    held: list[Finding] = field(default_factory=list, repr=False)
    _findings: list[Finding] | None = field(default=None, repr=False)
    _sources: dict[str, str] | None = field(default=None, repr=False)

    @property
    def findings(self) -> list[Finding]:
        """Every finding, sorted as the reports show them (read from the state once)."""
        if self._findings is None:
            self._findings = list(sort_findings([*self.held, *self._from_state()]))
        return self._findings

    def _from_state(self, sources: Iterable[str] | None = None) -> list[Finding]:
        """The findings the state holds for ``sources`` (default: every release in it)."""
        if not self.in_state or self.state_dir is None:
            return []
        with StateDB(state_file(self.state_dir)) as db:
            return [f for source in (self.in_state if sources is None else sources)
                    for f in _cached_findings(list(db.records(source).values()))]

    def page_facts(self) -> dict[str, str] | None:
        """Each catalog's facts as the state holds them (see ``StateDB.page_facts``), by
        its path: the review site keys its pages on them instead of reading every catalog,
        release and built document again and every finding (a one-change run at 2,000
        releases spent more on that than on its change). None when the state does not hold
        every fact of this run (a failed release, a broken model)."""
        if not self.content_key or self.held or self.state_dir is None:
            return None
        where = {(r.source, s.locale): s.po for r in self.releases if r.status != "failed" for s in r.locales}
        with StateDB(state_file(self.state_dir)) as db:
            facts = db.page_facts(self.in_state)
        return {where[key]: value for key, value in facts.items() if key in where}

    def findings_by_catalog(self, catalogs: Collection[str]) -> dict[str, list[Finding]]:
        """The findings of these catalogs only, sorted as the reports show them."""
        wanted = set(catalogs)
        if self._findings is not None or self.held or self.state_dir is None:
            return _by_path(f for f in self.findings if f.path in wanted)
        if self._sources is None:  # asked once per release by the review site: indexed once
            recorded = set(self.in_state)
            self._sources = {s.po: r.source for r in self.releases if r.source in recorded for s in r.locales}
        found = self._from_state(sorted({self._sources[po] for po in wanted if po in self._sources}))
        return _by_path(f for f in sort_findings(found) if f.path in wanted)

    @property
    def errors(self) -> int:
        return sum(s.errors for r in self.releases for s in r.locales)

    @property
    def warnings(self) -> int:
        return sum(s.warnings for r in self.releases for s in r.locales)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.releases if r.status == "failed")

    @property
    def exit_code(self) -> int:
        if self.failed or self.broken_models:
            return 2
        return 1 if self.errors else 0

    def counts(self) -> dict[str, int]:
        """What this run did (printed; not in the JSON file, which must not change on a no-op run)."""
        return {
            "releases": len(self.releases),
            "processed": sum(1 for r in self.releases if r.status == "processed"),
            "unchanged": sum(1 for r in self.releases if r.status == "unchanged"),
            "failed": self.failed,
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def as_json(self) -> dict[str, Any]:
        """The state of every release's catalogs: the same bytes after a run that changed nothing."""
        return {**self.json_head(), "findings": [f.as_json() for f in self.findings], **self.json_tail()}

    def json_head(self) -> dict[str, Any]:
        """What the JSON report holds before its findings (see ``as_json``)."""
        # as asdict() gives them, built directly: asdict's deep copy of 2,000 releases cost
        # a one-change run 0.25 s
        releases = [{"source": r.source, "status": "failed" if r.status == "failed" else "ok", "error": r.error,
                     "locales": [{name: getattr(s, name) for name in _LOCALE_FIELDS} for s in r.locales]}
                    for r in self.releases]
        return {
            "version": REPORT_VERSION,  # l10n/schemas/report-v1.schema.json
            "releases": releases,
        }

    def json_tail(self) -> dict[str, Any]:
        """What the JSON report holds after its findings (see ``as_json``)."""
        counts = self.counts()
        return {
            "summary": {
                "releases": counts["releases"],
                "failed": counts["failed"],
                "errors": counts["errors"],
                "warnings": counts["warnings"],
                "missing_models": self.missing_models,
                "broken_models": self.broken_models,
            },
        }

def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.path, []).append(f)
    return grouped


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def discover(settings: Settings) -> list[Path]:
    found: list[Path] = []
    for src in settings.sources:
        if src.is_dir():
            for pattern in settings.patterns:
                found.extend(p for p in src.rglob(pattern) if p.is_file())
        elif src.exists():
            found.append(src)
        else:
            raise L10nError("source folder not found", path=str(src),
                            hint="set [sources] paths in the configuration")
    return sorted(set(found))


def settings_fingerprint(settings: Settings, memory: str | None = None) -> str:
    """Everything besides a release's own files that changes what a run writes for it.

    The checks and their grades, the glossary, the engine and its settings, the memory's
    and the merge's fuzzy thresholds, the installed models (installing one must draft the
    units that waited for it) and the translation memory (``memory``:
    :func:`memory_fingerprint`, read when not given).
    """
    parts = [__version__, repr(settings.locales), str(settings.include_fuzzy), repr(settings.checks),
             repr(sorted(settings.severities.items())), str(settings.mt_enabled), settings.fuzzy_checks,
             _sha(settings.glossary) if settings.glossary else "none",
             settings.mt_engine, str(settings.mt_beam_size), settings.hant_route, str(settings.tm_fuzzy_threshold),
             str(settings.merge_fuzzy_matching), str(settings.merge_fuzzy_threshold), settings.segmentation,
             repr(settings.content_roots),
             repr(installed_models()) if settings.mt_enabled else "no mt",
             memory if memory is not None else memory_fingerprint(settings.tm_path)]
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def installed_models() -> list[str]:
    """``en→zh 1.9`` for every usable installed package: a new model or version redrafts."""
    from .mt.packages import list_packages

    try:
        return [f"{p.pair} {p.version}" for p in list_packages()]
    except OSError:  # an unreadable packages folder: the engines report it when asked
        return []


def memory_fingerprint(tm_path: Path) -> str:
    """The translation memory's size per locale and its last change: cheap (two queries)
    and moved by every import or approval, never by a run that only reads it."""
    if not tm_path.is_file():
        return "no memory"
    from .tm import TranslationMemory

    try:
        with TranslationMemory.open(tm_path, create=False) as tm:
            stats = tm.stats()
    except L10nError as exc:
        return f"unreadable: {exc.message}"
    return f"{stats.per_locale!r} {stats.last_updated}"


def _paths_for(settings: Settings, source: Path) -> dict[str, tuple[Path, Path]]:
    out = {}
    for locale in settings.locales:
        po = catalog.po_path(settings.locales_dir, locale, source.stem)
        built = output_path(settings.out_dir, locale, source, strip_suffix=settings.strip_language_suffix)
        out[locale.tag] = (po, built)
    return out


def _unchanged(settings: Settings, source: Path, records: dict[str, LocaleRecord], fingerprint: str) -> bool:
    """Every locale recorded under these settings, with the source and files as they are now."""
    paths = _paths_for(settings, source)
    if set(records) != set(paths) or any(r.settings != fingerprint for r in records.values()):
        return False
    source_sha = _sha(source)
    for tag, (po, built) in paths.items():
        record = records[tag]
        if record.source_sha != source_sha or record.po_sha != _sha(po) or record.out_sha != _sha(built):
            return False
    return True


def _summarise(po: polib.POFile, tag: str, po_path: Path, out: Path, drafts: DraftStore | None) -> LocaleSummary:
    """Counts by state; where a text came from is asked of the drafts state (the comments
    may have been removed by another tool). Text rendered by rule is counted apart from a
    person's: a release whose only approved entries are its dateline was not reviewed."""
    s = LocaleSummary(tag, str(po_path), str(out))
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        s.units += 1
        origin = draft_origin(e, tag, drafts)
        if not e.msgstr:
            s.untranslated += 1
        elif e.fuzzy:
            s.fuzzy += 1
            s.mt += origin == TranslationOrigin.MT
        elif origin == TranslationOrigin.TM_EXACT:
            s.tm += 1
        elif origin == TranslationOrigin.RULE:
            s.rule += 1
        else:
            s.human += 1
    return s


def _check_worker(task: tuple[str, str]) -> list[Finding]:
    """In a forked worker: check one written catalog with the run's shared check settings."""
    from .locales import parse_locale

    path, tag = task
    glossary, severities, select, fuzzy = shared_value()
    env = CheckEnv(parse_locale(tag), glossary, severities, FuzzyPolicy(fuzzy))
    return run_checks(written_entries(Path(path)), env, select)


def written_entries(po_file: Path) -> list[Entry]:
    """The entries of a catalog as written, with their line numbers in the file."""
    return scan_po_file(po_file).checkable(str(po_file))


def run_pipeline(settings: Settings, *, wait: bool = False, engines: Engines | None = None,
                 say: Callable[[str], None] | None = None, chunk: int = CHUNK_RELEASES,
                 chunk_units: int = CHUNK_UNITS) -> RunReport:
    """Run the whole batch; returns the report (the caller prints and writes it).

    Holds the lock of every folder it writes: the catalogs, the state and the memory.
    ``chunk`` and ``chunk_units``: changed releases taken through the stages together, at
    most that many releases or (from the release that reaches it) entries.
    """
    with hold(locked_folders(settings), wait=wait):
        batch = _Batch(settings, engines, say or (lambda _m: None), max(1, chunk), max(1, chunk_units))
        try:
            return batch.run()
        finally:
            batch.db.close()


def locked_folders(settings: Settings) -> list[Path]:
    return [settings.locales_dir, settings.state_dir, settings.tm_path.parent]


@dataclass(frozen=True)
class _Release:
    """A changed release after the extract and update stages (in memory)."""

    source: Path
    doc: Document
    catalogs: list[MergePlan]
    template: TemplatePlan


@dataclass
class _Written:
    """A release whose catalogs and documents are written, waiting for its check findings."""

    release: _Release
    summary: ReleaseSummary
    files: dict[str, dict[str, str | None]]


class _Batch:
    """One run: the stage functions the commands use, plus what a batch adds (the hash
    state that skips unchanged releases, isolation of a bad release, the report)."""

    def __init__(self, settings: Settings, engines: Engines | None, say: Callable[[str], None],
                 chunk: int = CHUNK_RELEASES, chunk_units: int = CHUNK_UNITS) -> None:
        from .annotate import annotator, load_default_glossary

        self.settings, self.engines, self.say = settings, engines, say
        self.chunk, self.chunk_units = chunk, chunk_units
        self.report = RunReport(state_dir=settings.state_dir)
        self.db = StateDB(state_file(settings.state_dir))
        try:
            self.db.migrate_json(settings.state_dir)
            self.drafts = DraftStore.on(self.db, settings.state_dir)  # rows are read when asked for
        except BaseException:
            self.db.close()
            raise
        self.memory = memory_fingerprint(settings.tm_path)
        self.fingerprint = settings_fingerprint(settings, self.memory)
        self.owners: dict[str, str] = {}  # domain -> source, for the name clash rule
        self.missing_left = 0  # untranslated units waiting for a missing model, over every chunk
        self.processed = 0
        #: The sources that share an output name with another source of the run (found
        #: over every source when the run starts): none, and no chunk can hold a clash.
        self.maybe_clash: set[str] = set()
        glossary_path = settings.glossary if settings.glossary and settings.glossary.exists() else None
        self.glossary = load_default_glossary(glossary_path) if glossary_path else None
        self.report.glossary_path = str(glossary_path) if glossary_path else ""
        self.report.glossary = self.glossary
        self.annotate = annotator(glossary_path, use_default=False)
        if "glossary" in settings.checks:
            self.report.messages.extend(settings.notes)

    def run(self) -> RunReport:
        """The batch, segmenting as ``[sources] segmentation`` says (extract and build alike)."""
        with segmentation(self.settings.segmentation):
            return self._run()

    def _run(self) -> RunReport:
        _remove_orphaned_temp_files(self.settings)
        sources = discover(self.settings)
        # releases that may build to one output file are decided together, in the last chunk
        maybe_clash = set(output_clashes([str(s) for s in sources], strip_suffix=self.settings.strip_language_suffix))
        self.maybe_clash = maybe_clash
        ordered = [s for s in sources if str(s) not in maybe_clash] + [s for s in sources if str(s) in maybe_clash]
        pending: list[_Release] = []
        units = 0
        for source in _iterate(ordered, "reading releases"):
            if str(source) in maybe_clash and pending and str(pending[-1].source) not in maybe_clash:
                self.flush(pending)
                pending, units = [], 0
            release = self.prepare_one(source)
            if release is not None:
                pending.append(release)
                units += sum(len(m.po) for m in release.catalogs)
            full = len(pending) >= self.chunk or units >= self.chunk_units
            if full and str(source) not in maybe_clash:
                self.flush(pending)
                pending, units = [], 0
        if pending:
            self.flush(pending)
        if not self.processed:
            _note_missing_models(self.settings, self.report, self.engines)
        elif self.report.missing_models:
            self.report.messages.append(missing_model_message(self.report.missing_models, self.missing_left))
        _finish_report(self.report)
        if not self.report.failed and not self.report.broken_models:
            self.report.content_key = self._content_key()
        return self.report

    def flush(self, work: list[_Release]) -> None:
        """One chunk: refuse output clashes, write templates, draft, write, check, record,
        and commit the chunk's rows in one transaction."""
        work = self.refuse_output_clashes(work)
        for release in work:
            write_template(release.template)
        if not work:
            return
        self.processed += len(work)
        self.pretranslate(work)
        self.check_and_record(self.write(work))
        self._restamp_after_seeding()
        self.db.commit()

    def _content_key(self) -> str:
        """What the JSON report is made of when every release's facts are in the state:
        the state's generation (moved by every recorded change), the releases, their
        status as the report shows it and the model notes. A run with a failed release or
        a broken model records less than it reports: it has no key."""
        parts = [str(self.db.generation()), self.fingerprint,
                 json.dumps([(r.source, r.status == "skipped", r.error) for r in self.report.releases]),
                 json.dumps([self.report.missing_models, self.report.broken_models])]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _restamp_after_seeding(self) -> None:
        """This run stored the approved translations of its catalogs in the memory: that
        change is ours, known to every release recorded now, so it must not make the next
        run (or the next chunk) redo them all. A change made by anyone else (an import) still does."""
        after = memory_fingerprint(self.settings.tm_path)
        if after == self.memory:
            return
        fresh = settings_fingerprint(self.settings, after)
        self.db.restamp(self.fingerprint, fresh)
        self.memory, self.fingerprint = after, fresh

    def fail(self, source: str, message: str) -> None:
        self.report.releases.append(ReleaseSummary(source, "failed", message))
        self.say(f"{source}: FAILED: {message}")

    def prepare_one(self, source: Path) -> _Release | None:
        """1. Extract and update (in memory) a changed release; a bad one is skipped, an
        unchanged one is reported from the state."""
        clash = name_clash(source.stem, str(source), self.owners)
        bad_name = _unprintable_name(source)
        if clash or bad_name:
            self.fail(ascii(str(source)) if bad_name else str(source), bad_name or f"{source}: {clash}")
            return None
        records = self.db.records(str(source), findings=False)  # the findings are read for the report
        if _unchanged(self.settings, source, records, self.fingerprint):
            ordered = [records[locale.tag] for locale in self.settings.locales]
            self.report.releases.append(_cached_summary(str(source), ordered))
            self.report.in_state.append(str(source))
            self.say(f"{source}: unchanged")
            return None
        return self.extract_and_update(source)

    def refuse_output_clashes(self, work: list[_Release]) -> list[_Release]:
        """Releases that would build to one output file (``x.en.md`` and ``x.md`` with the
        language suffix dropped) fail, all of them, before any of their files is written;
        found after the language check, so a Chinese ``x.md`` next to ``x.en.md`` is no clash.
        When no two sources of the run share an output name, no chunk's releases can, and
        the output names of the unchanged releases are not worked out again for each chunk
        (2,000 of them cost a one-change run 0.1 s)."""
        if not self.maybe_clash:
            return work
        built = [str(r.source) for r in work] + [r.source for r in self.report.releases if r.status == "unchanged"]
        clashes = output_clashes(built, strip_suffix=self.settings.strip_language_suffix)
        if not clashes:
            return work
        for summary in self.report.releases:
            if summary.source in clashes:
                summary.status, summary.error = "failed", clashes[summary.source]
                self.say(f"{summary.source}: FAILED: {summary.error}")
        for release in work:
            if str(release.source) in clashes:
                self.fail(str(release.source), clashes[str(release.source)])
        return [r for r in work if str(r.source) not in clashes]

    def extract_and_update(self, source: Path) -> _Release | None:
        try:
            doc = read_document(source)
            if self.skip_if_not_english(doc):
                return None
            template = plan_template(doc, self.settings.locales_dir)
            catalogs = [merge_catalog(template.pot, self.settings.locales_dir, locale, template.doc.domain,
                                      self.annotate(locale), _merge_options(self.settings))
                        for locale in self.settings.locales]
        except L10nError as exc:
            self.fail(str(source), exc.format_message())
            return None
        except Exception as exc:  # a bug on one release must not stop the others
            log.exception("internal error on %s", source)
            self.fail(str(source), f"{source}: internal error ({type(exc).__name__}: {exc}); please report it")
            return None
        return _Release(source, template.doc, catalogs, template)  # written once no other release claims its output

    def skip_if_not_english(self, doc: Document) -> bool:
        """A source that is not English (a Chinese version next to the English one) is
        skipped, not failed: one line names it and the run goes on."""
        reason = not_english(doc)
        if reason:
            self.report.releases.append(ReleaseSummary(doc.path, "skipped", f"not an English source ({reason})"))
            self.say(f"{doc.path}: skipped: not an English source ({reason})")
        return reason is not None

    def pretranslate(self, work: Sequence[_Release]) -> None:
        """2. One translation pass over every pending unit of the run (one model load)."""
        settings, report = self.settings, self.report
        jobs = [Job(str(m.po_file), m.po, m.locale) for release in work for m in release.catalogs]
        tm = _open_tm(settings)
        try:
            if tm is not None:
                seed_memory(tm, jobs)
            if settings.mt_enabled and self.engines is None:
                self.engines = default_engines(settings.mt_beam_size, settings.hant_route, settings.mt_engine,
                                               threads=settings.mt_threads())
            outcome = pretranslate(jobs, tm=tm, glossary=self.glossary,
                                   engines=self.engines if settings.mt_enabled else None,
                                   fuzzy_threshold=settings.tm_fuzzy_threshold, use_mt=settings.mt_enabled,
                                   drafts=self.drafts)
        finally:
            if tm is not None:
                tm.close()
        self.drafts.save()  # before the catalogs: a run killed between them leaves no draft unknown
        report.missing_models += [m for m in outcome.missing_models if m not in report.missing_models]
        broken = [m for m in outcome.broken_models if m not in report.broken_models]
        report.broken_models += broken
        report.messages.extend(broken)
        report.mt_segments = max(report.mt_segments, outcome.mt_inputs)  # the engines count for the whole run
        if outcome.missing_models:  # said once, at the end of the run
            self.missing_left += sum(s.left for s in outcome.stats)

    def write(self, work: Sequence[_Release]) -> list[_Written]:
        """3. Write catalogs and documents. A person may have saved a catalog while MT ran:
        ``write_merged`` merges their edits (theirs win) or, when their file cannot be read,
        leaves it, and the release fails (not recorded: the next run redoes it)."""
        written: list[_Written] = []
        for release in _iterate(work, "writing catalogs and documents"):
            summary = ReleaseSummary(str(release.source), "processed")
            files: dict[str, dict[str, str | None]] = {}
            conflicts = []
            for m in release.catalogs:
                saved = write_merged(m)
                if saved.conflict:
                    conflicts.append(saved.conflict)
                    continue
                if saved.kept_edits:
                    self.report.messages.append(f"{m.po_file}: saved by someone during the run; kept their "
                                                f"{saved.kept_edits} change(s)")
                out_file = output_path(self.settings.out_dir, m.locale, release.source,
                                       strip_suffix=self.settings.strip_language_suffix)
                data, _total, _used = build_document(release.doc, m.po, m.locale,
                                                     include_fuzzy=self.settings.include_fuzzy)
                write_if_changed(out_file, data, make_parents=True)
                files[m.locale.tag] = {"po": _sha(m.po_file), "out": _sha(out_file)}
                summary.locales.append(_summarise(m.po, m.locale.tag, m.po_file, out_file, self.drafts))
            if conflicts:
                self.fail(str(release.source), "; ".join(conflicts))
                continue
            written.append(_Written(release, summary, files))
        return written

    def check_and_record(self, written: Sequence[_Written]) -> None:
        """4. Check every catalog (in parallel when it pays); 5. record each release as done.
        A run killed before 5 is redone by the next one."""
        catalogs = [m for w in written for m in w.release.catalogs]
        by_po: dict[str, list[Finding]] = {}
        for f in _check_catalogs(self.settings, catalogs, self.glossary):
            by_po.setdefault(f.path, []).append(f)
        for w in written:
            mine_all: list[Finding] = []
            for loc_summary in w.summary.locales:
                mine = by_po.get(loc_summary.po, [])
                loc_summary.errors = sum(1 for f in mine if f.severity is Severity.ERROR)
                loc_summary.warnings = sum(1 for f in mine if f.severity is Severity.WARNING)
                mine_all.extend(mine)
            self.report.releases.append(w.summary)
            self.say(f"{w.release.source}: processed")
            if self.report.broken_models:  # not recorded: once the model is reinstalled, the next run drafts them
                self.report.held.extend(mine_all)
                continue
            self.report.in_state.append(str(w.release.source))
            source_sha = _sha(w.release.source) or ""
            rows = []
            for s in w.summary.locales:
                found = [f.as_json() for f in by_po.get(s.po, [])]
                rows.append(LocaleRecord(str(w.release.source), s.locale, source_sha, self.fingerprint,
                                         w.files[s.locale]["po"], w.files[s.locale]["out"], asdict(s), found,
                                         (s.po, findings_fragment(found))))
            self.db.record(str(w.release.source), rows)


def _check_catalogs(settings: Settings, catalogs: Sequence[MergePlan], glossary: Any) -> list[Finding]:
    """Run the configured checks; one process pool for the whole run when it is big enough."""
    select = list(settings.checks)
    entries = sum(len(m.po) for m in catalogs)
    workers = settings.workers or (os.cpu_count() or 1)
    if can_fork(workers) and len(catalogs) > 1 and entries >= PARALLEL_MIN_ENTRIES:
        tasks = [(str(m.po_file), m.locale.tag) for m in catalogs]
        return map_forked(_check_worker, tasks, workers=workers,
                          shared=(glossary, dict(settings.severities), select, settings.fuzzy_checks))
    out: list[Finding] = []
    for m in catalogs:
        env = CheckEnv(m.locale, glossary, dict(settings.severities), FuzzyPolicy(settings.fuzzy_checks))
        out.extend(run_checks(written_entries(m.po_file), env, select))
    return out


def _note_missing_models(settings: Settings, report: RunReport, engines: Engines | None) -> None:
    """On a run with nothing to do, still say when untranslated units wait for a model."""
    left = sum(s.untranslated for r in report.releases for s in r.locales)
    if not left or not settings.mt_enabled:
        return
    engines = engines or default_engines(settings.mt_beam_size, settings.hant_route, settings.mt_engine,
                                         threads=settings.mt_threads())
    for locale in settings.locales:
        engines.route(locale)
    if engines.missing:
        report.missing_models = list(engines.missing)
        report.messages.append(missing_model_message(engines.missing, left))
    if engines.broken:  # a package folder that cannot be read is found without loading a model
        report.broken_models = list(engines.broken.values())
        report.messages.extend(report.broken_models)


def _remove_orphaned_temp_files(settings: Settings) -> None:
    """A run killed inside an atomic write leaves its temp file; under the lock it is safe to remove."""
    for folder in (settings.locales_dir, settings.out_dir, settings.state_dir):
        if folder.is_dir():
            for tmp in folder.rglob(TEMP_GLOB):  # ours only: a sync tool's .x.jpg.tmp stays
                with contextlib.suppress(OSError):
                    tmp.unlink()


def _merge_options(settings: Settings) -> catalog.MergeOptions:
    """``[update]`` of the configuration, as ``l10n update -N / --fuzzy-threshold``."""
    return catalog.MergeOptions(settings.merge_fuzzy_matching, settings.merge_fuzzy_threshold)


def _unprintable_name(source: Path) -> str:
    """A file name a report cannot show on one line is refused by name, not crashed on."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in str(source)):
        return ("its file name contains a control or line-break character; rename the file "
                "(it is shown here with escapes)")
    return ""


def _cached_summary(source: str, records: Sequence[LocaleRecord]) -> ReleaseSummary:
    summary = ReleaseSummary(source, "unchanged")
    summary.locales = [LocaleSummary(**r.summary) for r in records]
    return summary


def _finish_report(report: RunReport) -> None:
    report.releases.sort(key=lambda r: r.source)


def _open_tm(settings: Settings) -> Any:
    from .tm import TranslationMemory

    return TranslationMemory.open(settings.tm_path)


def _iterate(items: Sequence[Any], desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="release", disable=not sys.stderr.isatty(), leave=False)


def _cached_findings(records: Sequence[LocaleRecord]) -> list[Finding]:
    """Findings of an unchanged release come from the state, so the report is complete."""
    return [Finding(f["path"], f["line"], f["msgctxt"], f["msgid"], f["check"], Severity(f["severity"]),
                    f["message"], f.get("msgstr", ""), f.get("fuzzy", False), f.get("msgstr_line", 0))
            for r in records for f in r.findings]


def write_report(path: Path, report: RunReport) -> bool:
    """Only rewritten when its bytes change; a FIFO or device is written, never read.
    The review site is written beside it, in ``review/`` (see l10n.review).

    The report holds no time, so a run that changed nothing gives the same bytes. Such a
    run does not even build them: when the report file is the one the state remembers
    writing (same size, mtime, ctime and inode) for the same content
    (``RunReport.content_key``), it is left as it is, and so is the review site beside
    it, made from the same facts. A run that changed some releases copies the findings
    of the others from the old file (see ``_write_report_file``).
    """
    from .review import REVIEW_FOLDER, write_beside_report

    stamp_key = f"report:{os.path.abspath(path)}"
    if _report_is_current(report, path, stamp_key) and (path.parent / REVIEW_FOLDER).is_dir():
        return False
    # what the run holds (its modules, its report) is not searched for cycles again by each
    # collection the report and the site cause (loading the site's manifest of 4,000 pages
    # cost 0.1 s instead of 0.04 s behind the run's objects); given back afterwards
    gc.freeze()
    try:
        changed = _write_report_file(path, report)
        write_beside_report(path, report)
        _remember_report(report, path, stamp_key)
    finally:
        gc.unfreeze()
    return changed


def _full_report(report: RunReport) -> list[str]:
    """The JSON report serialized from every finding: for a run whose findings are not all
    in the state, or whose stored texts cannot be put in order (``_stored_parts``)."""
    return [json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"]


@dataclass(frozen=True)
class _Part:
    """One catalog's findings text in the report: ``text`` None: read it from the state when
    its turn comes; ``digest`` (SHA-256 of its UTF-8 bytes) None: not stored with it."""

    path: str
    source: str
    locale: str
    text: str | None
    digest: str | None


def _stored_parts(report: RunReport, db: StateDB) -> list[_Part] | None:
    """Every catalog with findings, in the report's order (by the catalog they name:
    ``sort_findings`` sorts by path first). None when two rows name the same catalog or
    one row names several (then only a full sort is right)."""
    by_path: dict[str, _Part] = {}
    for source, locale, path, has_text, digest in db.report_part_index(report.in_state):
        text: str | None = None
        if path is None:  # a row converted from an older state
            found = [f.as_json() for f in _cached_findings([db.records(source)[locale]])]
            paths = {str(f["path"]) for f in found}
            if len(paths) > 1:
                return None
            path, text, digest = (paths.pop() if paths else ""), findings_fragment(found), None
            has_text = bool(text)
        if not has_text:
            continue
        if path in by_path:
            return None
        by_path[path] = _Part(path, source, locale, text, digest)
    return [by_path[p] for p in sorted(by_path)]


# -- report.json rebuilt from its old self ---------------------------------------------
#
# A run that changed one release of 2,000 used to write the whole report again (340 MB
# with the tiny model's drafts: every stored findings text read from the state, written
# to a temporary file and compared with the old one) and cost 3.6 times a run that
# changed nothing. Now, each time the report is written, the state keeps where each
# findings text went in the file (``report_layout``: start and size, with the text's
# digest) and which file that was (its size, mtime, ctime and inode, and digests of the
# text before and after the findings). The next run, when the file on disk is still that
# one, copies the texts whose digest did not change from the old file (the kernel copies
# them: ``fsio.splice``) and writes the others, the head and the tail. The bytes are those
# of a full rebuild: each text is the same bytes wherever it stands, and the head, the
# separators and the tail are ``report.json_opening``, ``fragment_separator`` and
# ``json_closing``, the pieces ``json.dumps`` would write around the findings. Anything that
# does not fit (no layout, another file, a text without a digest) takes the full path.


class _Stale(Exception):
    """The remembered layout does not describe what is to be written: take the full path."""


#: (source, locale, digest, start, size) of each findings text in a written report.
_LaidOut = tuple[str, str, str, int, int]


def _write_report_file(path: Path, report: RunReport) -> bool:
    """Write the JSON report: from the old file and the changed texts when the state knows
    its layout, else in full (compared with the old file); remember the new layout."""
    if not report.content_key or report.held or report.state_dir is None:
        return write_chunks_if_changed(path, _full_report(report))
    name = os.path.abspath(path)
    with StateDB(state_file(report.state_dir)) as db:
        plan = _stored_parts(report, db)
        if plan is None:
            return write_chunks_if_changed(path, _full_report(report))
        opening = json_opening(report.json_head()).encode("utf-8")
        tail = report.json_tail()
        closing = json_closing(tail, empty=not plan, end="\n").encode("utf-8")
        laid: list[_LaidOut] = []
        found: list[tuple[str, str, str, int]] = []
        changed: bool | None = None
        with contextlib.suppress(_Stale):
            changed = _splice_report(path, db.report_layout(name), db.get_meta(f"layout:{name}"), plan,
                                     (opening, closing), db, laid, found)
        if changed is None:
            laid.clear()
            found.clear()
            ends = [json_closing(tail, empty=empty, end="\n").encode("utf-8") for empty in (False, True)]
            changed = write_chunks_if_changed(path, _laid_out(plan, opening, ends, db, laid, found))
            closing = ends[0]
        if found:
            db.add_report_part_digests(found)
        if changed or laid:
            _keep_layout(db, path, name, (opening, closing), laid)
        db.commit()
    return changed


def _splice_report(path: Path, old: dict[tuple[str, str], tuple[str, int, int]], meta: str | None,
                   plan: list[_Part], frame: tuple[bytes, bytes], db: StateDB, laid: list[_LaidOut],
                   found: list[tuple[str, str, str, int]]) -> bool | None:
    """The report rebuilt from the old file (see above): True when replaced, False when
    every text, the head and the tail are what the file holds (it is left alone), None
    when the state's layout does not describe the file (nothing written). The digests of
    stored texts kept without one go to ``found``."""
    if meta is None or not old:
        return None
    try:
        stamp, head, head_digest, tail, tail_digest = meta.rsplit(" ", 4)
        ends = _tiled(sorted(old.values(), key=lambda kept: kept[1]), int(head), int(tail))
    except ValueError:
        return None
    if ends != int(stamp.split(" ", 1)[0]):
        return None
    opening, closing = frame
    order = {key: i for i, key in enumerate(sorted(old, key=lambda k: old[k][1]))}
    if (_sha256(opening) == head_digest and _sha256(closing) == tail_digest and len(plan) == len(old)
            and all(order.get((p.source, p.locale)) == i and p.digest == old[(p.source, p.locale)][0]
                    for i, p in enumerate(plan))):
        return False if _stamp(path) == stamp else None

    def pieces() -> Iterator[bytes | OldBytes]:
        yield opening
        at = len(opening)
        before = -2  # the old place of the text written last, when it was copied
        for i, part in enumerate(plan):
            separator = fragment_separator(i == 0).encode("utf-8")
            kept = old.get((part.source, part.locale))
            if kept is not None and part.digest is not None and kept[0] == part.digest:
                digest, start, size = kept
                place = order[(part.source, part.locale)]
                if place == before + 1:  # its separator follows the one before it there too
                    yield OldBytes(start - len(separator), size + len(separator))
                else:
                    yield separator
                    yield OldBytes(start, size)
                before = place
            else:
                text = part.text if part.text is not None else db.report_part_text(part.source, part.locale)
                if not text:
                    raise _Stale
                data = text.encode("utf-8")
                digest, size, before = part.digest or _sha256(data), len(data), -2
                if part.digest is None and part.text is None:
                    found.append((part.source, part.locale, digest, size))
                yield separator
                yield data
            at += len(separator)
            laid.append((part.source, part.locale, digest, at, size))
            at += size
        yield closing

    return splice(path, pieces(), lambda st: _stat_stamp(st) == stamp) or None


def _tiled(kept: list[tuple[str, int, int]], head: int, tail: int) -> int:
    """The size of the file the layout ``kept`` (in file order) describes: its texts follow
    the head and each other with a two-byte separator before each, the tail after the last.
    ValueError when they do not (a layout that is not one the report could have)."""
    at = head
    for _digest, start, size in kept:
        if start != at + len(fragment_separator(True)) or size <= 0:
            raise ValueError("the layout's texts do not follow each other")
        at = start + size
    return at + tail


def _laid_out(plan: list[_Part], opening: bytes, ends: list[bytes], db: StateDB,
              laid: list[_LaidOut], found: list[tuple[str, str, str, int]]) -> Iterator[bytes]:
    """The report's bytes in full, every findings text read in turn; where each went is
    added to ``laid``, and the digests of stored texts kept without one to ``found``.
    ``ends``: the closing after some texts, and after none; the one written is left first."""
    yield opening
    at = len(opening)
    first = True
    for part in plan:
        text = part.text if part.text is not None else db.report_part_text(part.source, part.locale)
        if not text:
            continue
        separator = fragment_separator(first).encode("utf-8")
        data = text.encode("utf-8")
        first = False
        yield separator
        yield data
        at += len(separator)
        laid.append((part.source, part.locale, part.digest or _sha256(data), at, len(data)))
        at += len(data)
        if part.digest is None and part.text is None:
            found.append(laid[-1][:3] + (len(data),))
    if first:
        ends.reverse()
    yield ends[0]


def _keep_layout(db: StateDB, path: Path, name: str, frame: tuple[bytes, bytes], laid: list[_LaidOut]) -> None:
    """Remember where each text is in the report file now on disk (a regular file only):
    its stamp, the sizes and digests of its head and tail (``frame``), each text's place."""
    key = f"layout:{name}"
    if not path.is_file():
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
        db.set_report_layout(name, [])
        return
    head, tail = frame
    db.set_meta(key, f"{_stamp(path)} {len(head)} {_sha256(head)} {len(tail)} {_sha256(tail)}")
    db.set_report_layout(name, laid)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stat_stamp(st: os.stat_result) -> str:
    """A file as the state remembers it: its size, mtime, ctime and inode. An edit by hand
    changes the ctime even when the mtime is put back."""
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


def _stamp(path: Path) -> str:
    return _stat_stamp(path.stat())


def _report_is_current(report: RunReport, path: Path, stamp_key: str) -> bool:
    if not report.content_key or report.state_dir is None or not path.is_file():
        return False
    with StateDB(state_file(report.state_dir)) as db:
        stored = db.get_meta(stamp_key)
    return stored == f"{report.content_key} {_stamp(path)}"


def _remember_report(report: RunReport, path: Path, stamp_key: str) -> None:
    """Note which content the report file now holds (only for a regular file)."""
    if report.state_dir is None or not path.is_file():
        return
    key = report.content_key or "-"  # no key: the next run builds its report again
    value = f"{key} {_stamp(path)}"
    with StateDB(state_file(report.state_dir)) as db:
        if db.get_meta(stamp_key) != value:
            db.set_meta(stamp_key, value)
            db.commit()
