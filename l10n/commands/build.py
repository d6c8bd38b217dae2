"""`l10n build SOURCE --locale zh-Hant-HK [-o out/ | -o -]`: the localised document.

``-o -`` writes the one document (one source, one locale) to standard output, for a
pipe; the line saying how much of it is translated goes to standard error then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import defaults
from ..build import build_document, build_many
from ..catalog import po_path
from ..config import Settings
from ..errors import InputError
from ..formats import content_roots, read_document
from ..fsio import check_output_dir
from ..pofile import read_po
from ..segment import segmentation
from ._common import (
    STDOUT,
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
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="release files (.md, .html, .txt), as given to extract")
    p.add_argument("--locale", "-l", action="append", dest="locales", metavar="LOCALE",
                   help="target locale (repeatable; default: [locales] targets of --config, else both)")
    add_locales_dir(p, configurable=True)
    add_config(p)
    add_wait(p)
    p.add_argument("-o", "--out", type=Path, default=defaults.OUT_DIR, action=Given, metavar="DIR|-",
                   help=f"output folder (default: [output] out_dir of the configuration, else {defaults.OUT_DIR}); "
                        "- writes the document to standard output (one source, one locale)")
    p.add_argument("--include-fuzzy", action="store_true",
                   help="use fuzzy (machine draft) translations too (also: [build] include_fuzzy)")
    add_segmentation(p)
    add_strip_suffix(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Reads pages with the content roots and segmentation extract had, and names the
    files as ``l10n run`` does, when both are given the same ``--config``."""
    settings = from_config(args)
    if str(settings.out_dir) == STDOUT:
        return _to_stdout(args, settings)
    check_output_dir(settings.out_dir)  # `-o FILE`: refused before anything is built
    with (locked(args, [settings.locales_dir], exclusive=False), segmentation(settings.segmentation),
          content_roots(settings.content_roots)):
        results = build_many(args.sources, list(settings.locales), locales_dir=settings.locales_dir,
                             out_dir=settings.out_dir, include_fuzzy=settings.include_fuzzy,
                             strip_suffix=settings.strip_language_suffix)
    for r in results:
        say(args, f"{r.output}: {r.translated}/{r.sentences} sentences translated")
    return 0


def _to_stdout(args: argparse.Namespace, settings: Settings) -> int:
    """One document to standard output: it must be one source in one locale."""
    if len(args.sources) != 1 or len(settings.locales) != 1:
        raise InputError(f"-o - writes one document: {len(args.sources)} source(s) in "
                         f"{len(settings.locales)} locale(s) were given",
                         hint="give one SOURCE and one --locale, or give -o a folder")
    [locale] = settings.locales
    with (locked(args, [settings.locales_dir], exclusive=False), segmentation(settings.segmentation),
          content_roots(settings.content_roots)):
        doc = read_document(args.sources[0])
        po_file = po_path(settings.locales_dir, locale, doc.domain)
        if not po_file.exists():
            raise InputError("no catalog for this document and locale", path=str(po_file),
                             hint=f"run `l10n extract {doc.path}` and `l10n update --locale {locale.tag}`")
        data, total, used = build_document(doc, read_po(po_file), locale, include_fuzzy=settings.include_fuzzy)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if not getattr(args, "quiet", False):
        print(f"{doc.path} ({locale.tag}): {used}/{total} sentences translated", file=sys.stderr)
    return 0
