"""`l10n update --locale zh-Hant-HK ...`: create or merge PO files from the templates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import defaults
from ..catalog import MergeOptions
from ..drafts import DraftStore
from ..extract import MergePlan, update
from ..fsio import check_output_dir
from ..powrap import output_width
from ..translate import refresh_notes
from ._common import add_locale_option, add_locales_dir, add_wait, add_width, locales_from, locked, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("update", help="create or merge <locale>/LC_MESSAGES/<doc>.po from templates")
    add_locale_option(p)
    add_locales_dir(p)
    add_wait(p)
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC",
                   help="only this document (the template's name without .pot); repeatable")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base for '#. glossary:' comments (default: glossary/terms.tbx if present)")
    p.add_argument("--state-dir", type=Path, default=defaults.STATE_DIR, metavar="DIR",
                   help=f"where l10n keeps what it knows of its drafts (default: {defaults.STATE_DIR}); "
                        "the notes for people are written again from it")
    add_fuzzy_options(p)
    add_width(p)
    p.set_defaults(handler=run)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1: {text}")
    return value


def add_fuzzy_options(p: argparse.ArgumentParser) -> None:
    """msgmerge's ``-N/--no-fuzzy-matching``, and the similarity a changed msgid needs."""
    p.add_argument("-N", "--no-fuzzy-matching", dest="fuzzy_matching", action="store_false",
                   default=defaults.MERGE_FUZZY_MATCHING,
                   help="a changed msgid never inherits an old translation (as msgmerge -N)")
    p.add_argument("--fuzzy-threshold", type=_threshold, default=defaults.MERGE_FUZZY_THRESHOLD, metavar="X",
                   help="similarity (0..1, difflib ratio) a changed msgid needs to inherit the most similar "
                        f"old translation as fuzzy (default {defaults.MERGE_FUZZY_THRESHOLD}, as msgmerge and Babel)")


def run(args: argparse.Namespace) -> int:
    from ..annotate import annotator

    check_output_dir(args.locales_dir)
    hook = annotator(args.glossary)
    with locked(args, [args.locales_dir, args.state_dir]), output_width(args.width):
        options = MergeOptions(args.fuzzy_matching, args.fuzzy_threshold)
        drafts = DraftStore.open(args.state_dir, lazy=True)

        def refresh(plans: Sequence[MergePlan]) -> None:
            for plan in plans:
                refresh_notes(plan.po, plan.locale.tag, drafts)
            drafts.save()  # legacy digests taken over from the catalogs, before those are written

        results = update(args.locales_dir, locales_from(args), domains=args.domains, annotate=hook,
                         options=options, refresh=refresh)
    exit_code = 0
    for r in results:
        if r.conflict:
            print(f"l10n: error: {r.conflict}", file=sys.stderr)
            exit_code = 2
            continue
        state = "written" if r.written else "unchanged"
        say(args, f"{r.po}: {r.entries} entries, {r.translated} translated, {r.fuzzy} fuzzy, "
                  f"{r.obsolete} obsolete ({state})")
    return exit_code
