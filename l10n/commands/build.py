"""`l10n build SOURCE --locale zh-Hant-HK [-o out/]`: the localised document."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import defaults
from ..build import build_many
from ..fsio import check_output_dir
from ..segment import segmentation
from ._common import add_locales_dir, add_segmentation, add_wait, locales_from, locked, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="write out/<locale>/<file> from the PO translations")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--locale", "-l", action="append", dest="locales", metavar="LOCALE",
                   help="target locale (repeatable; default: both)")
    add_locales_dir(p)
    add_wait(p)
    p.add_argument("-o", "--out", type=Path, default=defaults.OUT_DIR,
                   help=f"output folder (default: {defaults.OUT_DIR})")
    p.add_argument("--include-fuzzy", action="store_true",
                   help="use fuzzy (machine draft) translations too")
    add_segmentation(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    check_output_dir(args.out)  # `-o FILE`: refused before anything is built
    locales = locales_from(args)
    with locked(args, [args.locales_dir], exclusive=False), segmentation(args.segmentation):
        results = build_many(args.sources, locales, locales_dir=args.locales_dir, out_dir=args.out,
                             include_fuzzy=args.include_fuzzy)
    for r in results:
        say(args, f"{r.output}: {r.translated}/{r.sentences} sentences translated")
    return 0
