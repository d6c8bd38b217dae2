"""`l10n extract SOURCE... [-o locales/ | -o FILE.pot | -o -] [--check]`: write one POT
template per release.

``-o`` names a folder (``<doc>.pot`` per release, what ``update`` reads), or, as pybabel
users expect, one ``.pot`` file or ``-`` (standard output). Our templates are per release:
``update`` and ``build`` find a release's catalog by its name. One file can therefore hold
one release; several sources with a file (or ``-``) are refused with a line saying to pass
a folder, rather than merged into a template no other command could use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import defaults
from ..catalog import load_existing, render
from ..errors import InputError
from ..extract import TemplatePlan, _keep_saved_date, plan_template, read_sources, template_for, write_template
from ..formats import content_roots
from ..fsio import check_output_dir, check_output_file
from ..model import Document
from ..powrap import output_width
from ..segment import segmentation
from ._common import (
    STDOUT,
    Given,
    add_config,
    add_segmentation,
    add_strip_suffix,
    add_wait,
    add_width,
    from_config,
    locked,
    report_out_of_date,
    say,
)

#: An ``-o`` value ending so names one template rather than a folder of them.
POT_SUFFIX = ".pot"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="segment releases into locales/<doc>.pot templates")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="release files (.md, .html, .txt)")
    p.add_argument("-o", "--output", dest="locales_dir", type=Path, default=defaults.LOCALES_DIR, action=Given,
                   metavar="DIR|FILE.pot|-",
                   help=f"folder for <doc>.pot, one per release (default: [output] locales_dir of the "
                        f"configuration, else {defaults.LOCALES_DIR}); or, for one source, a .pot file or "
                        f"- (standard output)")
    add_config(p)
    add_wait(p)
    add_width(p, configurable=True)
    add_segmentation(p)
    add_strip_suffix(p)
    p.add_argument("--check", action="store_true",
                   help="write nothing; list the templates that would change and exit 1 if any would "
                        "(0: up to date), as pybabel update --check")
    p.set_defaults(handler=run)


def _single_target(dest: Path) -> bool:
    return str(dest) == STDOUT or dest.name.endswith(POT_SUFFIX)


def run(args: argparse.Namespace) -> int:
    """Segments as ``l10n run`` would with the same configuration; the output names the
    build will use are checked here too, so two sources that would overwrite each other's
    built file are refused before any template is written."""
    settings = from_config(args)
    dest = settings.locales_dir
    single = _single_target(dest)
    if single and args.check and str(dest) == STDOUT:
        raise InputError("--check compares templates with files; -o - has none", hint="give -o a folder or a .pot file")
    if single and str(dest) != STDOUT:
        check_output_file(dest)  # `-o x.pot` that is a folder, or in a missing one
    elif not single:
        check_output_dir(dest)  # `-o /dev/null`: a file where a folder is expected
    folders = [] if str(dest) == STDOUT else [dest.parent if single else dest]
    with (locked(args, folders, exclusive=not args.check), output_width(settings.po_width),
          segmentation(settings.segmentation), content_roots(settings.content_roots)):
        docs = read_sources(args.sources, strip_suffix=settings.strip_language_suffix)
        if single and len(docs) != 1:
            raise InputError(f"-o {dest} holds the template of one release, {len(docs)} were given",
                             hint="give -o a folder: each release gets its own <doc>.pot")
        plans = [_plan_file(docs[0], dest) if single else plan_template(doc, dest) for doc in docs]
        if args.check:
            return _check(plans)
        if str(dest) == STDOUT:
            sys.stdout.write(render(plans[0].pot))
            sys.stdout.flush()
            return 0
        results = [write_template(plan) for plan in plans]
    for r in results:
        state = "written" if r.written else "unchanged"
        say(args, f"{r.pot}: {r.entries} entries from {r.units} units of {r.source} ({state})")
    return 0


def _plan_file(doc: Document, target: Path) -> TemplatePlan:
    """``plan_template`` with the file named on the command line (its date kept likewise)."""
    pot = template_for(doc)
    previous = None if str(target) == STDOUT else load_existing(target)
    _keep_saved_date(pot, previous)
    return TemplatePlan(doc, target, pot, previous)


def _check(plans: list[TemplatePlan]) -> int:
    """One line per template that would change (on standard output: it is the answer)."""
    return report_out_of_date(((p.pot_file, p.pot, p.previous) for p in plans), "template", "l10n extract")
