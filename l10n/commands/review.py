"""`l10n review [PATH...] [-o out/review/]`: the reviewer's site for the catalogs."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import CONFIG_FOUND, say


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("review", help="write the review site: source and target side by side with the findings",
                       description="Writes a static site (index.html and one page per release and locale) "
                                   "that opens from disk without network. Exit 0 when it is written, 2 when "
                                   "a catalog cannot be read.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="PO files or folders (default: the configured locales folder)")
    p.add_argument("--output", "-o", type=Path, default=None, metavar="DIR",
                   help="folder for the site (default: <out_dir>/review, e.g. out/review)")
    p.add_argument("--config", "-c", type=Path, default=None, metavar="FILE",
                   help=f"TOML configuration: checks, glossary, out_dir ({CONFIG_FOUND})")
    p.add_argument("--glossary", default=None, metavar="TBX", help="term base (default: the configured one)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary
    from ..checks import FuzzyPolicy
    from ..config import load_settings
    from ..fsio import check_output_dir
    from ..integrity import check_catalogs
    from ..review import CatalogInput, build_site

    settings = load_settings(args.config)
    out = args.output if args.output is not None else settings.out_dir / "review"
    check_output_dir(out)
    paths = args.paths or [settings.locales_dir]
    configured = settings.glossary if settings.glossary is not None and settings.glossary.exists() else None
    glossary = load_default_glossary(args.glossary or configured, start=Path(paths[0]))
    report = check_catalogs(paths, select=list(settings.checks), glossary=glossary,
                            severities=dict(settings.severities), fuzzy=FuzzyPolicy(settings.fuzzy_checks))
    items = [CatalogInput(Path(po), tuple(f for f in report.findings if f.path == po),
                          out_dir=settings.out_dir, strip_suffix=settings.strip_language_suffix)
             for po in report.files]
    result = build_site(items, out, glossary=glossary)
    say(args, f"{result.index}: {result.pages} page(s), {result.errors} error(s), {result.warnings} warning(s)")
    return 0
