"""``l10n xliff export|import``: hand a catalog to a CAT tool as XLIFF 2.0 or 1.2 and take
it back.

Exit codes of ``import``: 0 every unit was imported or had nothing new; 1 a unit was
skipped (conflict, inline codes changed, unknown source) or an imported entry has an
error finding; 2 unreadable input, or the catalog could not be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalog import po_path
from ..errors import InputError
from ..fsio import check_output_dir, check_output_file, write_atomic
from ..locales import LocaleId, parse_locale
from ..model import Severity
from ._common import add_locales_dir, add_wait, locked, say

DEFAULT_OUT = Path("out/xliff")
IMPORT_EPILOG = ("States: XLIFF 2.0 'final' / 1.2 approved=\"yes\" (or final, signed-off) approve the entry; any "
                 "other translated state makes it fuzzy. A unit is skipped and reported when its inline codes "
                 "differ from the source, when it would replace an approved translation with unapproved text, "
                 "or when the PO entry was edited after the export. Exit 0: imported; 1: a unit skipped or an "
                 "error finding on an imported entry; 2: unreadable input.")
EXTENSIONS = (".xlf", ".xliff")


def _add_verbosity(p: argparse.ArgumentParser) -> None:
    """-v/-q after the action too (``l10n xliff export -q``), as after any command."""
    from ..cli import QUIET_HELP

    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log more detail")
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=QUIET_HELP)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ..exchange.xliff import DEFAULT_VERSION, VERSIONS

    parser = sub.add_parser("xliff", help="export catalogs to XLIFF 2.0/1.2 for CAT tools, import them back",
                            description="Exchange one document's catalog per file with a CAT tool or an agency.")
    actions = parser.add_subparsers(dest="xliff_command", metavar="ACTION", required=True)

    exp = actions.add_parser("export", help="write one XLIFF file per document",
                             description="One XLIFF file per document and locale, from the PO catalogs.")
    exp.add_argument("paths", nargs="*", metavar="PATH",
                     help="PO files, or source documents (their catalog in --locales-dir); "
                          "default: every catalog of the locale")
    exp.add_argument("--locale", "-l", required=True, metavar="LOCALE",
                     help="target locale, BCP 47 (zh-Hant-HK, zh-Hans-CN, zh-HK, zh-CN)")
    exp.add_argument("--version", dest="xliff_version", choices=VERSIONS, default=DEFAULT_VERSION,
                     help=f"XLIFF version (default: {DEFAULT_VERSION})")
    exp.add_argument("-o", "--output", default=None, metavar="FILE|DIR|-",
                     help=f"a .xlf file (one document), a folder, or - for standard output "
                          f"(default: {DEFAULT_OUT}/<doc>.<locale>.xlf)")
    exp.add_argument("--glossary", default=None, metavar="TBX",
                     help="term base for the glossary notes (default: the project's glossary/terms.tbx if any, "
                          "besides the catalog's own '#. glossary:' notes)")
    add_locales_dir(exp)
    add_wait(exp)
    _add_verbosity(exp)
    exp.set_defaults(handler=run_export)

    imp = actions.add_parser("import", help="merge an XLIFF file's translations into its PO catalog",
                             description="Merge translations back: approved PO text is never replaced by "
                                         "older or unapproved text; changed entries are checked.",
                             epilog=IMPORT_EPILOG)
    imp.add_argument("file", metavar="FILE", help="the XLIFF file (- for standard input)")
    imp.add_argument("--locale", "-l", default=None, metavar="LOCALE",
                     help="target locale; must agree with the file's (default: the file's)")
    imp.add_argument("--po", type=Path, default=None, metavar="PO",
                     help="the catalog to merge into (default: <locales-dir>/<locale>/LC_MESSAGES/<doc>.po)")
    imp.add_argument("--glossary", default=None, metavar="TBX",
                     help="term base for the checks (default: the project's glossary/terms.tbx if any)")
    imp.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    add_locales_dir(imp)
    add_wait(imp)
    _add_verbosity(imp)
    imp.set_defaults(handler=run_import)


def _catalogs(args: argparse.Namespace, locale: LocaleId) -> list[Path]:
    folder = Path(args.locales_dir) / locale.posix / "LC_MESSAGES"
    if not args.paths:
        found = sorted(folder.glob("*.po"))
        if not found:
            raise InputError("no catalogs for this locale", path=str(folder), hint="run l10n update first")
        return found
    out: list[Path] = []
    for raw in args.paths:
        p = Path(raw)
        if p.suffix == ".po":
            out.append(p)
        else:  # a source document: its catalog
            out.append(po_path(Path(args.locales_dir), locale, p.stem))
    for p in out:
        if not p.is_file():
            raise InputError("no such catalog", path=str(p), hint="run l10n update first, or check --locales-dir")
    return out


def _targets(output: str | None, catalogs: list[Path], locale: LocaleId) -> list[Path | None]:
    """Where each catalog's XLIFF goes: None is standard output."""
    if output == "-" or (output is not None and output.endswith(EXTENSIONS)):
        if len(catalogs) != 1:
            raise InputError(f"-o {output} holds one document, {len(catalogs)} were given",
                             hint="give a folder to -o, or one catalog")
        if output == "-":
            return [None]
        check_output_file(output, make_parents=True)
        return [Path(output)]
    folder = Path(output) if output is not None else DEFAULT_OUT
    check_output_dir(folder)
    return [folder / f"{c.stem}.{locale.tag}.xlf" for c in catalogs]


def run_export(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary
    from ..exchange.xliff import export_catalog

    locale = parse_locale(args.locale)
    catalogs = _catalogs(args, locale)
    targets = _targets(args.output, catalogs, locale)
    glossary = load_default_glossary(args.glossary, start=catalogs[0].parent)
    roots = [Path.cwd(), Path(args.locales_dir).resolve().parent]
    with locked(args, [args.locales_dir], exclusive=False):
        rendered = [export_catalog(c, version=args.xliff_version, roots=roots, glossary=glossary, locale=locale)
                    for c in catalogs]
    for catalog, target, data in zip(catalogs, targets, rendered, strict=True):
        if target is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        write_atomic(target, data, make_parents=True)
        say(args, f"{catalog} -> {target} (XLIFF {args.xliff_version})")
    return 0


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not an XLIFF file", path=name) from None


def _lock_folder(po: Path, locales_dir: Path) -> Path:
    """The folder other commands lock for this catalog: the locales folder it lives in."""
    if po.parent.name == "LC_MESSAGES":
        return po.parent.parent.parent
    return locales_dir if po.resolve().is_relative_to(locales_dir.resolve()) else po.parent


def run_import(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary
    from ..exchange.merge import SKIPPED, UNCHANGED, UPDATED
    from ..exchange.xliff import domain_of, file_locale, import_into, read_xliff
    from ..report import sort_findings

    name = "<stdin>" if args.file == "-" else args.file
    imported = read_xliff(_read_input(args.file), name)
    locale = file_locale(imported, parse_locale(args.locale) if args.locale else None)
    po = args.po or po_path(Path(args.locales_dir), locale, domain_of(imported))
    glossary = load_default_glossary(args.glossary, start=po.parent)
    with locked(args, [_lock_folder(po, Path(args.locales_dir))]):
        result = import_into(imported, po, locale, glossary=glossary, dry_run=args.dry_run)
    summary = result.summary
    for o in summary.outcomes:
        if o.status == SKIPPED:
            print(f"{name}:{o.line}: skipped unit {o.uid}: {o.reason}")
    for f in sort_findings(result.findings):
        if f.severity is not Severity.INFO:
            print(f"{f.path}:{f.line}: {f.severity}: [{f.check}] {f.message}")
    if result.conflict:
        print(f"l10n: error: {result.conflict}", file=sys.stderr)
        return 2
    state = "dry run, nothing written" if args.dry_run else "written" if result.written else "not changed"
    say(args, f"{po}: {summary.count(UPDATED)} updated, {summary.count(UNCHANGED)} unchanged, "
              f"{summary.count(SKIPPED)} skipped ({state})")
    errors = any(f.severity is Severity.ERROR for f in result.findings)
    return 1 if summary.count(SKIPPED) or errors else 0


