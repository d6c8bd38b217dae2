"""``l10n glossary``: validate, import, export and look up the enforced term base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import defaults
from ..errors import GlossaryError
from ..fsio import check_output_file, read_text, write_atomic
from ..glossary import (
    DEFAULT_GLOSSARY,
    Glossary,
    inspect_file,
    inspect_tbx,
    load_glossary,
    parse_tbx,
    read_csv,
    validate_terms,
    write_csv,
    write_tbx,
)
from ..glossary.validate import has_errors
from ..locales import parse_locale
from ..model import Severity
from ._common import STDIN, STDIN_NAME, STDOUT, read_stdin_bytes, read_stdin_text, write_stdout


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("glossary", help="validate, import, export or look up the term base")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    v = actions.add_parser("validate", help="check the term base for errors")
    _glossary_option(v)
    v.set_defaults(handler=run_validate)

    i = actions.add_parser("import", help="convert a CSV file to TBX (validated first)")
    i.add_argument("csv", type=Path, metavar="CSV", help="spreadsheet export, UTF-8; - reads standard input")
    i.add_argument("-o", "--output", type=Path, default=DEFAULT_GLOSSARY, metavar="TBX",
                   help=f"TBX file to write, or - for standard output (default: {DEFAULT_GLOSSARY})")
    i.set_defaults(handler=run_import)

    e = actions.add_parser("export", help="write the term base as CSV")
    _glossary_option(e)
    e.add_argument("-o", "--output", type=Path, default=None, metavar="CSV",
                   help="CSV file to write (default, or -: standard output)")
    e.set_defaults(handler=run_export)

    lk = actions.add_parser("lookup", help="show the glossary terms found in English text")
    lk.add_argument("text", metavar="TEXT", help="English text to look up")
    lk.add_argument("--locale", default=defaults.TARGET_LOCALES[0], metavar="LOCALE",
                    help=f"target locale (default: {defaults.TARGET_LOCALES[0]})")
    _glossary_option(lk)
    lk.set_defaults(handler=run_lookup)


def _glossary_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, metavar="TBX",
                   help=f"term base (default: {DEFAULT_GLOSSARY}); - reads it from standard input")


def _load(path: Path) -> Glossary:
    if str(path) == STDIN:
        return parse_tbx(read_stdin_bytes(), source=STDIN_NAME)
    return load_glossary(path)


def run_validate(args: argparse.Namespace) -> int:
    found = (inspect_tbx(read_stdin_bytes(), source=STDIN_NAME) if str(args.glossary) == STDIN
             else inspect_file(args.glossary))
    for issue in found.issues:
        print(issue)
    if not found.ok:
        errors = sum(1 for i in found.issues if i.severity is Severity.ERROR)
        print(f"{args.glossary}: {errors} error(s)", file=sys.stderr)
        return 2
    if not getattr(args, "quiet", False):
        print(f"ok: {len(found.glossary)} concepts")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from_stdin, to_stdout = str(args.csv) == STDIN, str(args.output) == STDOUT
    source = STDIN_NAME if from_stdin else str(args.csv)
    default = args.output == DEFAULT_GLOSSARY  # the project's own glossary/ may be created
    if not to_stdout:
        check_output_file(args.output, make_parents=default)
    terms = read_csv(read_stdin_text() if from_stdin else read_text(args.csv), source=source)
    issues = validate_terms(terms, source=source)
    for issue in issues:
        print(issue, file=sys.stderr if to_stdout else sys.stdout)
    if has_errors(issues):
        print(f"{source}: not imported; {'nothing written' if to_stdout else f'{args.output} left unchanged'}",
              file=sys.stderr)
        return 2
    if not terms:
        raise GlossaryError("no concepts in CSV; refusing to write an empty term base",
                            path=source)
    if to_stdout:
        write_stdout(write_tbx(terms))
        return 0
    write_atomic(args.output, write_tbx(terms), make_parents=default)
    print(f"wrote {args.output}: {len(terms)} concepts")
    return 0


def run_export(args: argparse.Namespace) -> int:
    to_stdout = args.output is None or str(args.output) == STDOUT
    if not to_stdout:
        check_output_file(args.output)
    glossary = _load(args.glossary)
    text = write_csv(glossary.terms)
    if to_stdout:
        sys.stdout.write(text.removeprefix("\ufeff"))
    else:
        write_atomic(args.output, text)
        print(f"wrote {args.output}: {len(glossary)} concepts", file=sys.stderr)
    return 0


def lookup_lines(text: str, glossary: Glossary, locale_name: str) -> list[str]:
    """Human-readable lines for ``lookup``: one per hit, with admitted and forbidden
    renderings."""
    locale = parse_locale(locale_name)
    lines: list[str] = []
    for hit in glossary.match(text):
        expected = glossary.expected(hit, locale) or "(no rendering for this locale)"
        if hit.form.do_not_translate:
            keep = " (keep in English)"
        elif hit.ambiguous:
            keep = f" (ambiguous: only where it means {hit.term.preferred}; not enforced)"
        else:
            keep = ""
        lines.append(f"{hit.start}-{hit.end} {hit.text!r} [{hit.term.concept_id}] "
                     f"-> {expected}{keep}")
        also = glossary.accepted(hit, locale)[1:]
        if also:
            lines.append(f"    also accepted: {' / '.join(also)}")
        for bad in glossary.forbidden(hit.term, locale):
            lines.append(f"    not {bad.text}: {bad.reason}")
        if hit.term.note:
            lines.append(f"    note: {hit.term.note}")
    return lines


def run_lookup(args: argparse.Namespace) -> int:
    glossary = _load(args.glossary)
    lines = lookup_lines(args.text, glossary, args.locale)
    print("\n".join(lines) if lines else "no glossary terms found")
    return 0
