"""`l10n extract SOURCE... [-o locales/]`: write one POT template per release."""

from __future__ import annotations

import argparse

from ..extract import extract
from ..formats import content_roots
from ..fsio import check_output_dir
from ..powrap import output_width
from ..segment import segmentation
from ._common import (
    add_config,
    add_locales_dir,
    add_segmentation,
    add_strip_suffix,
    add_wait,
    add_width,
    from_config,
    locked,
    say,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="segment releases into locales/<doc>.pot templates")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="release files (.md, .html, .txt)")
    add_locales_dir(p, "-o", configurable=True)
    add_config(p)
    add_wait(p)
    add_width(p, configurable=True)
    add_segmentation(p)
    add_strip_suffix(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Segments as ``l10n run`` would with the same configuration; the output names the
    build will use are checked here too, so two sources that would overwrite each other's
    built file are refused before any template is written."""
    settings = from_config(args)
    check_output_dir(settings.locales_dir)  # `-o /dev/null`: a file where a folder is expected
    with (locked(args, [settings.locales_dir]), output_width(settings.po_width),
          segmentation(settings.segmentation), content_roots(settings.content_roots)):
        results = extract(args.sources, settings.locales_dir, strip_suffix=settings.strip_language_suffix)
    for r in results:
        state = "written" if r.written else "unchanged"
        say(args, f"{r.pot}: {r.entries} entries from {r.units} units of {r.source} ({state})")
    return 0
