"""`l10n update --locale zh-Hant-HK ...`: create or merge PO files from the templates."""

from __future__ import annotations

import argparse

from ..extract import update
from ._common import add_locale_option, add_locales_dir, locales_from, say


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("update", help="create or merge <locale>/LC_MESSAGES/<doc>.po from templates")
    add_locale_option(p)
    add_locales_dir(p)
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC",
                   help="only this document (the template's name without .pot); repeatable")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base for '#. glossary:' comments (default: glossary/terms.tbx if present)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..annotate import annotator

    hook = annotator(args.glossary)
    for r in update(args.locales_dir, locales_from(args), domains=args.domains, annotate=hook):
        state = "written" if r.written else "unchanged"
        say(args, f"{r.po}: {r.entries} entries, {r.translated} translated, {r.fuzzy} fuzzy, "
                  f"{r.obsolete} obsolete ({state})")
    return 0
