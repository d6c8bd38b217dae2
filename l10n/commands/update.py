"""`l10n update --locale zh-Hant-HK ...`: create or merge PO files from the templates."""

from __future__ import annotations

import argparse
import sys

from ..extract import update
from ..fsio import check_output_dir
from ._common import add_locale_option, add_locales_dir, add_wait, locales_from, locked, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("update", help="create or merge <locale>/LC_MESSAGES/<doc>.po from templates")
    add_locale_option(p)
    add_locales_dir(p)
    add_wait(p)
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC",
                   help="only this document (the template's name without .pot); repeatable")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base for '#. glossary:' comments (default: glossary/terms.tbx if present)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..annotate import annotator

    check_output_dir(args.locales_dir)
    hook = annotator(args.glossary)
    with locked(args, [args.locales_dir]):
        results = update(args.locales_dir, locales_from(args), domains=args.domains, annotate=hook)
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
