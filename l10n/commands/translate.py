"""`l10n translate`: fill PO files with drafts from TM, glossary and offline MT.

Settings not given as flags come from the configuration (``--config``, else the one found
from the working folder): folders, memory, glossary, ``[locales]``, ``[mt]`` and the width.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import defaults, guard
from ..catalog import po_path
from ..drafts import DraftStore
from ..extract import find_templates
from ..locales import LocaleId
from ..mt.routes import Engines
from ..powrap import output_width
from ..translate import Job, default_engines, missing_model_message, pretranslate, seed_memory
from ._common import (
    Given,
    add_config,
    add_locale_option,
    add_locales_dir,
    add_wait,
    add_width,
    from_config,
    given,
    locked,
    positive_int,
    say,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("translate", help="machine drafts (fuzzy) for untranslated entries")
    add_locale_option(p)
    add_locales_dir(p, configurable=True)
    add_config(p, "[output] locales_dir, state_dir and po_width, [locales] targets, [tm] path, "
                  "[glossary] path and [mt]")
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC",
                   help="only this document (the template's name without .pot); repeatable")
    p.add_argument("--tm", type=Path, default=defaults.TM_PATH, action=Given, metavar="PATH",
                   help=f"translation memory (SQLite; default: [tm] path of the configuration, else "
                        f"{defaults.TM_PATH})")
    p.add_argument("--state-dir", type=Path, default=None, metavar="DIR", action=Given,
                   help="where l10n records the drafts it wrote (default: the folder of --tm when given, "
                        "else [output] state_dir of the configuration, else .l10n)")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base for glossary drafts and hints (default: [glossary] path of the configuration, "
                        "else the project's glossary/terms.tbx if present)")
    p.add_argument("--no-mt", action="store_true",
                   help="translation memory and glossary only ([mt] enabled = false does not apply here: "
                        "it is l10n run's switch)")
    add_wait(p)
    p.add_argument("--beam-size", type=positive_int, default=defaults.BEAM_SIZE, action=Given, metavar="N",
                   help=f"beam search width, 1 or more (default: [mt] beam_size, else {defaults.BEAM_SIZE})")
    p.add_argument("--engine", default=defaults.MT_ENGINE, metavar="NAME", action=Given,
                   help=f"machine translation engine (default: [mt] engine, else {defaults.MT_ENGINE})")
    p.add_argument("--inter-threads", type=positive_int, default=None, metavar="N", action=Given,
                   help="model replicas (default: [mt] inter_threads, else one per usable core)")
    p.add_argument("--intra-threads", type=positive_int, default=None, metavar="N", action=Given,
                   help="threads per replica (default: [mt] intra_threads, else the cores left per replica)")
    p.add_argument("--batch-size", type=positive_int, default=defaults.MT_BATCH_SIZE, metavar="N", action=Given,
                   help=f"sentences per model batch (default: [mt] batch_size, else {defaults.MT_BATCH_SIZE})")
    add_width(p, configurable=True)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary

    settings = from_config(args)
    glossary_path = args.glossary if args.glossary is not None else settings.glossary
    glossary = load_default_glossary(glossary_path) if glossary_path is not None else None
    from ..mt.threads import choose_layout

    threads = choose_layout(settings.mt_inter_threads, settings.mt_intra_threads, settings.mt_batch_size)
    no_mt = args.no_mt  # [mt] enabled is the batch's switch: this command is asked for drafts by name
    engines = None if no_mt else default_engines(settings.mt_beam_size, engine=settings.mt_engine,  # unknown: exit 2
                                                 threads=threads)
    tm = settings.tm_path
    state_dir = args.state_dir if args.state_dir is not None else tm.parent if given(args, "tm") else settings.state_dir
    locales_dir = settings.locales_dir
    with locked(args, list(dict.fromkeys([locales_dir, tm.parent, state_dir]))), output_width(settings.po_width):
        return _translate(args, Targets(locales_dir, tm, list(settings.locales), no_mt), glossary, engines,
                          DraftStore.open(state_dir))


@dataclass(frozen=True)
class Targets:
    """What the settings chose for this run: the catalogs' folder, the memory, the locales."""

    locales_dir: Path
    tm: Path
    locales: list[LocaleId]
    no_mt: bool


def _translate(args: argparse.Namespace, targets: Targets, glossary: object, engines: Engines | None,
               drafts: DraftStore) -> int:
    from ..tm import TranslationMemory

    jobs: list[Job] = []
    snapshots: list[guard.Snapshot] = []
    for pot in find_templates(targets.locales_dir, args.domains):
        for locale in targets.locales:
            path = po_path(targets.locales_dir, locale, pot.stem)
            po, snapshot = guard.read(path)
            if po is None:
                say(args, f"{path}: missing, run `l10n update` first; skipped")
                continue
            jobs.append(Job(str(path), po, locale))
            snapshots.append(snapshot)
    with TranslationMemory.open(targets.tm) as tm:
        seed_memory(tm, jobs)
        outcome = pretranslate(jobs, tm=tm, glossary=glossary,
                               engines=engines,
                               use_mt=not targets.no_mt, drafts=drafts)
    drafts.save()  # before the catalogs: a command killed between them leaves no draft unknown
    exit_code = 0
    for job, snapshot, stats in zip(jobs, snapshots, outcome.stats, strict=True):
        if stats.changed:
            # drafts leave the header as read (its dates stay); a save made meanwhile wins
            saved = guard.save(snapshot, job.po, job.po)
            if saved.conflict:
                print(f"l10n: error: {saved.conflict}", file=sys.stderr)
                exit_code = 2
                continue
            if saved.kept_edits:
                say(args, f"{job.name}: saved by someone during the run; kept their {saved.kept_edits} change(s)")
        say(args, f"{job.name}: {stats.pending} pending: {stats.tm_exact} from TM, {stats.tm_fuzzy} TM fuzzy, "
                  f"{stats.glossary} glossary, {stats.mt} MT, {stats.left} left; {stats.flagged} flagged by checks")
    if outcome.missing_models:
        left = sum(s.left for s in outcome.stats)
        print(f"l10n: {missing_model_message(outcome.missing_models, left)}")
    for line in outcome.broken_models:  # TM and glossary drafts were still written
        print(f"l10n: error: {line}", file=sys.stderr)
        exit_code = 2
    return exit_code
