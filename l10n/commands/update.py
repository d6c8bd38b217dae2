"""`l10n update --locale zh-Hant-HK ... [--check]`: create or merge PO files from the templates.

Settings not given as flags come from the configuration (``--config``, else the one found
from the working folder): ``[output] locales_dir``, ``state_dir`` and ``po_width``,
``[locales] targets``, ``[glossary] path`` and ``[update]``, so the step gives the
catalogs ``l10n run`` would.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import polib

from .. import defaults
from ..catalog import MergeOptions
from ..drafts import DraftStore
from ..extract import MergePlan, find_templates, merge_catalog, update
from ..fsio import check_output_dir
from ..locales import LocaleId
from ..pofile import read_po
from ..powrap import output_width
from ..translate import refresh_notes
from ._common import (
    Given,
    add_config,
    add_locale_option,
    add_locales_dir,
    add_wait,
    add_width,
    from_config,
    locked,
    report_out_of_date,
    say,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("update", help="create or merge <locale>/LC_MESSAGES/<doc>.po from templates")
    add_locale_option(p)
    add_locales_dir(p, configurable=True)
    add_config(p, "[output] locales_dir, state_dir and po_width, [locales] targets, [glossary] path and [update]")
    add_wait(p)
    p.add_argument("--domain", action="append", dest="domains", metavar="DOC",
                   help="only this document (the template's name without .pot); repeatable")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base for '#. glossary:' comments (default: [glossary] path of the configuration, "
                        "else the project's glossary/terms.tbx if present)")
    p.add_argument("--state-dir", type=Path, default=defaults.STATE_DIR, metavar="DIR", action=Given,
                   help=f"where l10n keeps what it knows of its drafts (default: [output] state_dir of the "
                        f"configuration, else {defaults.STATE_DIR}); the notes for people are written again from it")
    add_fuzzy_options(p)
    add_width(p, configurable=True)
    p.add_argument("--check", action="store_true",
                   help="write nothing; list the catalogs that would change and exit 1 if any would "
                        "(0: up to date), as pybabel update --check")
    p.set_defaults(handler=run)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1: {text}")
    return value


def add_fuzzy_options(p: argparse.ArgumentParser) -> None:
    """msgmerge's ``-N/--no-fuzzy-matching``, and the similarity a changed msgid needs."""
    p.add_argument("-N", "--no-fuzzy-matching", dest="fuzzy_matching", action=Given, nargs=0, const=False,
                   default=defaults.MERGE_FUZZY_MATCHING,
                   help="a changed msgid never inherits an old translation (as msgmerge -N)")
    p.add_argument("--fuzzy-threshold", type=_threshold, default=defaults.MERGE_FUZZY_THRESHOLD, metavar="X",
                   action=Given,
                   help="similarity (0..1, difflib ratio) a changed msgid needs to inherit the most similar "
                        f"old translation as fuzzy (default {defaults.MERGE_FUZZY_THRESHOLD}, as msgmerge and Babel)")


def run(args: argparse.Namespace) -> int:
    from ..annotate import annotator

    settings = from_config(args)
    check_output_dir(settings.locales_dir)
    glossary = args.glossary if args.glossary is not None else settings.glossary
    hook = annotator(glossary, use_default=False)
    options = MergeOptions(settings.merge_fuzzy_matching, settings.merge_fuzzy_threshold)
    folders = [settings.locales_dir, settings.state_dir]
    with locked(args, folders, exclusive=not args.check), output_width(settings.po_width):
        drafts = DraftStore.open(settings.state_dir, lazy=True)
        if args.check:
            return _check(settings.locales_dir, list(settings.locales), args.domains, hook, options, drafts)

        def refresh(plans: Sequence[MergePlan]) -> None:
            for plan in plans:
                refresh_notes(plan.po, plan.locale.tag, drafts)
            drafts.save()  # legacy digests taken over from the catalogs, before those are written

        results = update(settings.locales_dir, list(settings.locales), domains=args.domains, annotate=hook,
                         options=options, refresh=refresh)
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


def _check(locales_dir: Path, locales: list[LocaleId], domains: list[str] | None,
           hook: Callable[[LocaleId], Callable[[str], Sequence[str]] | None],
           options: MergeOptions, drafts: DraftStore) -> int:
    """The merge ``update`` would do, each catalog compared with the file it would write;
    the drafts state is read, never saved. One line per catalog that would change."""
    templates = [(p.stem, read_po(p)) for p in find_templates(locales_dir, domains)]

    def catalogs() -> Iterator[tuple[Path, polib.POFile, polib.POFile | None]]:
        for domain, pot in templates:
            for locale in locales:
                plan = merge_catalog(pot, locales_dir, locale, domain, hook(locale), options)
                refresh_notes(plan.po, locale.tag, drafts)
                yield plan.po_file, plan.po, plan.previous

    return report_out_of_date(catalogs(), "catalog", "l10n update")
