"""`l10n translate`: fill PO files with drafts from TM, glossary and offline MT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import defaults, guard
from ..catalog import po_path
from ..drafts import DraftStore
from ..extract import find_templates
from ..mt.routes import Engines
from ..powrap import output_width
from ..translate import Job, default_engines, missing_model_message, pretranslate, seed_memory
from ._common import add_locale_option, add_locales_dir, add_wait, add_width, locales_from, locked, positive_int, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("translate", help="machine drafts (fuzzy) for untranslated entries")
    add_locale_option(p)
    add_locales_dir(p)
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC")
    p.add_argument("--tm", type=Path, default=defaults.TM_PATH,
                   help=f"translation memory (SQLite; default: {defaults.TM_PATH})")
    p.add_argument("--state-dir", type=Path, default=None, metavar="DIR",
                   help="where l10n records the drafts it wrote (default: the folder of --tm)")
    p.add_argument("--glossary", default=None, metavar="TBX")
    p.add_argument("--no-mt", action="store_true", help="translation memory and glossary only")
    add_wait(p)
    p.add_argument("--beam-size", type=positive_int, default=defaults.BEAM_SIZE,
                   help=f"beam search width, 1 or more (default: {defaults.BEAM_SIZE})")
    p.add_argument("--engine", default=defaults.MT_ENGINE, metavar="NAME",
                   help=f"machine translation engine, as [mt] engine (default: {defaults.MT_ENGINE})")
    p.add_argument("--inter-threads", type=positive_int, default=None, metavar="N",
                   help="model replicas, as [mt] inter_threads (default: one per usable core)")
    p.add_argument("--intra-threads", type=positive_int, default=None, metavar="N",
                   help="threads per replica, as [mt] intra_threads (default: the cores left per replica)")
    p.add_argument("--batch-size", type=positive_int, default=defaults.MT_BATCH_SIZE, metavar="N",
                   help=f"sentences per model batch, as [mt] batch_size (default: {defaults.MT_BATCH_SIZE})")
    add_width(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary

    glossary = load_default_glossary(args.glossary)
    from ..mt.threads import choose_layout

    threads = choose_layout(args.inter_threads, args.intra_threads, args.batch_size)
    engines = None if args.no_mt else default_engines(args.beam_size, engine=args.engine,  # an unknown name: exit 2
                                                      threads=threads)
    state_dir = args.state_dir or args.tm.parent
    with locked(args, list(dict.fromkeys([args.locales_dir, args.tm.parent, state_dir]))), output_width(args.width):
        return _translate(args, glossary, engines, DraftStore.open(state_dir))


def _translate(args: argparse.Namespace, glossary: object, engines: Engines | None, drafts: DraftStore) -> int:
    from ..tm import TranslationMemory

    jobs: list[Job] = []
    snapshots: list[guard.Snapshot] = []
    for pot in find_templates(args.locales_dir, args.domains):
        for locale in locales_from(args):
            path = po_path(args.locales_dir, locale, pot.stem)
            po, snapshot = guard.read(path)
            if po is None:
                say(args, f"{path}: missing, run `l10n update` first; skipped")
                continue
            jobs.append(Job(str(path), po, locale))
            snapshots.append(snapshot)
    with TranslationMemory.open(args.tm) as tm:
        seed_memory(tm, jobs)
        outcome = pretranslate(jobs, tm=tm, glossary=glossary,
                               engines=engines,
                               use_mt=not args.no_mt, drafts=drafts)
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
