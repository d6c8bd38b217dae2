"""``l10n tm``: fill the translation memory from approved catalogs, query it, size it.

Thin by design: each action opens the memory, calls one library method and prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..locales import parse_locale
from ..tm import (
    DEFAULT_THRESHOLD,
    DEFAULT_TM_PATH,
    TMMatch,
    TranslationMemory,
    load_catalogs,
)
from ._common import add_wait, locked

#: Matches ``tm lookup`` shows unless told otherwise.
DEFAULT_LOOKUP_LIMIT = 3
#: Exit code of ``tm lookup`` when nothing reaches the threshold (as grep does), so scripts
#: can tell "no match" from "bad input" (2).
EXIT_NO_MATCH = 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--tm", type=Path, default=DEFAULT_TM_PATH, metavar="PATH",
                        help=f"translation memory file (default: {DEFAULT_TM_PATH})")

    parser = sub.add_parser("tm", help="translation memory: import, lookup, stats",
                            description="The translation memory of approved translations.")
    actions = parser.add_subparsers(dest="tm_command", metavar="ACTION", required=True)

    importer = actions.add_parser("import", parents=[common],
                                  help="store the approved entries of PO files")
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="PO files or folders searched for *.po")
    add_wait(importer)
    importer.set_defaults(handler=run_import)

    lookup = actions.add_parser("lookup", parents=[common], help="find stored translations")
    lookup.add_argument("text", metavar="TEXT", help="English source text")
    lookup.add_argument("--locale", required=True, help="target locale, e.g. zh-HK or zh-Hans-CN")
    lookup.add_argument("--context", default="", help="msgctxt of the unit (default: none)")
    lookup.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"minimum score 0..1 (default: {DEFAULT_THRESHOLD})")
    lookup.add_argument("--limit", type=int, default=DEFAULT_LOOKUP_LIMIT,
                        help=f"matches to show (default: {DEFAULT_LOOKUP_LIMIT})")
    lookup.set_defaults(handler=run_lookup)

    stats = actions.add_parser("stats", parents=[common], help="how many translations are stored")
    stats.set_defaults(handler=run_stats)


def run_import(args: argparse.Namespace) -> int:
    # Read and validate every catalog first: bad input must not create or touch the memory.
    batch = load_catalogs(args.paths)
    with locked(args, [args.tm.parent]), TranslationMemory.open(args.tm) as memory:
        result = memory.import_batch(batch)
    plural = "" if result.catalogs == 1 else "s"
    print(f"imported {result.imported} translations ({result.updated} updated) "
          f"from {result.catalogs} catalog{plural} into {args.tm}")
    return 0


def _describe(match: TMMatch) -> str:
    kind = "exact" if match.exact else "fuzzy"
    flags: list[str] = []
    if match.numbers_differ:
        flags.append("numbers differ")
    context = f" [{match.context}]" if match.context else ""
    note = f" ({', '.join(flags)})" if flags else ""
    return (f"{match.score:6.1%}  {kind}{note}{context}\n"
            f"        source: {match.source}\n"
            f"        target: {match.target}\n"
            f"        origin: {match.origin or '-'}")


def run_lookup(args: argparse.Namespace) -> int:
    locale = parse_locale(args.locale)
    with TranslationMemory.open(args.tm, create=False) as memory:
        matches = memory.lookup(locale, args.text, args.context, threshold=args.threshold,
                                limit=args.limit)
    if not matches:
        print(f"no match at or above {args.threshold:.0%} for {locale.tag}")
        return EXIT_NO_MATCH
    for match in matches:
        print(_describe(match))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with TranslationMemory.open(args.tm, create=False) as memory:
        stats = memory.stats()
    files = "file" if stats.origins == 1 else "files"
    print(f"{args.tm}: {stats.total} translations from {stats.origins} {files}, "
          f"last updated {stats.last_updated or 'never'}")
    for tag, count in stats.per_locale:
        print(f"  {tag:<12} {count}")
    return 0
