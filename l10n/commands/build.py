"""`l10n build SOURCE --locale zh-Hant-HK [-o out/]`: the localised document."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import defaults
from ..build import build_many
from ..formats import content_roots
from ..fsio import check_output_dir
from ..segment import segmentation
from ._common import (
    Given,
    add_config,
    add_locales_dir,
    add_segmentation,
    add_strip_suffix,
    add_wait,
    from_config,
    locked,
    say,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="write out/<locale>/<file> from the PO translations")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--locale", "-l", action="append", dest="locales", metavar="LOCALE",
                   help="target locale (repeatable; default: [locales] targets of --config, else both)")
    add_locales_dir(p, configurable=True)
    add_config(p)
    add_wait(p)
    p.add_argument("-o", "--out", type=Path, default=defaults.OUT_DIR, action=Given,
                   help=f"output folder (default: [output] out_dir of --config, else {defaults.OUT_DIR})")
    p.add_argument("--include-fuzzy", action="store_true",
                   help="use fuzzy (machine draft) translations too (also: [build] include_fuzzy)")
    add_segmentation(p)
    add_strip_suffix(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Reads pages with the content roots and segmentation extract had, and names the
    files as ``l10n run`` does, when both are given the same ``--config``."""
    settings = from_config(args)
    check_output_dir(settings.out_dir)  # `-o FILE`: refused before anything is built
    with (locked(args, [settings.locales_dir], exclusive=False), segmentation(settings.segmentation),
          content_roots(settings.content_roots)):
        results = build_many(args.sources, list(settings.locales), locales_dir=settings.locales_dir,
                             out_dir=settings.out_dir, include_fuzzy=settings.include_fuzzy,
                             strip_suffix=settings.strip_language_suffix)
    for r in results:
        say(args, f"{r.output}: {r.translated}/{r.sentences} sentences translated")
    return 0
