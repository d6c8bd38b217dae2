"""`l10n extract SOURCE... [-o locales/]`: write one POT template per release."""

from __future__ import annotations

import argparse

from ..extract import extract
from ..fsio import check_output_dir
from ..powrap import output_width
from ..segment import segmentation
from ._common import add_locales_dir, add_segmentation, add_wait, add_width, locked, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="segment releases into locales/<doc>.pot templates")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="release files (.md, .html, .txt)")
    add_locales_dir(p, "-o")
    add_wait(p)
    add_width(p)
    add_segmentation(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    check_output_dir(args.locales_dir)  # `-o /dev/null`: a file where a folder is expected
    with locked(args, [args.locales_dir]), output_width(args.width), segmentation(args.segmentation):
        results = extract(args.sources, args.locales_dir)
    for r in results:
        state = "written" if r.written else "unchanged"
        say(args, f"{r.pot}: {r.entries} entries from {r.units} units of {r.source} ({state})")
    return 0
