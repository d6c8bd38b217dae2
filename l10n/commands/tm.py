"""``l10n tm``: fill the translation memory from approved catalogs or TMX, query it, size
it, export it as TMX.

Thin by design: each action opens the memory, calls one library method and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import visible
from ..fsio import check_output_file, write_atomic
from ..locales import parse_locale
from ..tm import (
    DEFAULT_THRESHOLD,
    DEFAULT_TM_PATH,
    CatalogBatch,
    TMMatch,
    TranslationMemory,
    load_catalogs,
    load_tmx,
    write_tmx,
)
from ._common import add_wait, locales_from, locked

#: Matches ``tm lookup`` shows unless told otherwise.
DEFAULT_LOOKUP_LIMIT = 3
#: Exit code of ``tm lookup`` when nothing reaches the threshold (as grep does), so scripts
#: can tell "no match" from "bad input" (2).
EXIT_NO_MATCH = 1
#: Skipped TMX units listed one per line before the rest are only counted.
MAX_SKIPPED_SHOWN = 20


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--tm", type=Path, default=DEFAULT_TM_PATH, metavar="PATH",
                        help=f"translation memory file (default: {DEFAULT_TM_PATH})")

    parser = sub.add_parser("tm", help="translation memory: import, lookup, stats",
                            description="The translation memory of approved translations.")
    actions = parser.add_subparsers(dest="tm_command", metavar="ACTION", required=True)

    importer = actions.add_parser("import", parents=[common],
                                  help="store the approved entries of PO files, or a TMX file")
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="PO files, folders searched for *.po, or TMX files (*.tmx; every "
                               "unit counts as approved)")
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

    exporter = actions.add_parser("export", parents=[common],
                                  help="write the memory for another tool (TMX 1.4b)")
    kind = exporter.add_mutually_exclusive_group(required=True)
    kind.add_argument("--tmx", dest="export_format", action="store_const", const="tmx",
                      help="write TMX 1.4b: English source, one variant per locale, inline tags "
                           "as <bpt>/<ept>/<ph> codes")
    exporter.add_argument("--output", "-o", required=True, metavar="FILE",
                          help="file to write, or - for standard output")
    exporter.add_argument("--locale", "-l", action="append", dest="locales", metavar="LOCALE",
                          help="only this target locale (BCP 47, e.g. zh-Hant-HK or zh-HK); "
                               "repeatable; default: every locale in the memory")
    exporter.set_defaults(handler=run_export)

    stats = actions.add_parser("stats", parents=[common], help="how many translations are stored")
    stats.set_defaults(handler=run_stats)


def _is_tmx(path: Path) -> bool:
    return path.suffix.lower() == ".tmx" and not path.is_dir()


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def run_import(args: argparse.Namespace) -> int:
    # Read and validate every file first: bad input must not create or touch the memory.
    tmx_paths = [p for p in args.paths if _is_tmx(p)]
    po_paths = [p for p in args.paths if not _is_tmx(p)]
    catalogs = load_catalogs(po_paths) if po_paths else CatalogBatch((), (), 0)
    tmx = load_tmx(tmx_paths)
    for unit in tmx.skipped[:MAX_SKIPPED_SHOWN]:
        print(f"l10n: warning: {unit.describe()}", file=sys.stderr)
    if len(tmx.skipped) > MAX_SKIPPED_SHOWN:
        print(f"l10n: warning: {len(tmx.skipped) - MAX_SKIPPED_SHOWN} more translation units "
              f"skipped", file=sys.stderr)
    for lang, count in sorted(tmx.languages.items()):
        print(f"l10n: note: {_count(count, 'variant')} in {lang} left out (not a target locale)",
              file=sys.stderr)
    batch = CatalogBatch(catalogs.files + tmx.files, catalogs.entries + tmx.entries,
                         catalogs.skipped + len(tmx.skipped))
    with locked(args, [args.tm.parent]), TranslationMemory.open(args.tm) as memory:
        result = memory.import_batch(batch)
    sources = [_count(len(catalogs.files), "catalog")] if po_paths else []
    if tmx_paths:
        sources.append(_count(len(tmx.files), "TMX file"))
    print(f"imported {result.imported} translations ({result.updated} updated) "
          f"from {' and '.join(sources)} into {args.tm}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    if not to_stdout:  # refuse a bad -o before reading anything
        check_output_file(args.output)
    locales = locales_from(args) if args.locales else []
    with TranslationMemory.open(args.tm, create=False) as memory:
        segments = memory.segments(locales)
    export = write_tmx(segments)
    for row in export.left_out:
        print(f"l10n: warning: {row.locale_tag} translation of \"{visible(row.source[:60])}\" left out: "
              f"it holds a control character XML cannot carry", file=sys.stderr)
    if to_stdout:
        sys.stdout.buffer.write(export.data)
        sys.stdout.flush()
    else:
        write_atomic(args.output, export.data)
    tags = sorted({s.locale_tag for s in segments if s not in export.left_out})
    print(f"exported {_count(export.units, 'unit')} ({_count(export.translations, 'translation')}"
          f"{' in ' + ', '.join(tags) if tags else ''}) to {args.output}",
          file=sys.stderr if to_stdout else sys.stdout)
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
