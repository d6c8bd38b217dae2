"""`l10n check PATH... [--format text|json|junit|github] [--select numbers,currency]
[--fuzzy skip|warning|error] [--jobs N]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import defaults
from ..checks import FuzzyPolicy, checks_help
from ..fsio import check_output_file, write_atomic
from ..integrity import DEFAULT_JOBS, check_catalogs
from ..report import FORMATS, CheckReport, format_report
from ._common import STDIN, STDIN_NAME, STDOUT, Given, add_config, given, read_stdin_bytes

if TYPE_CHECKING:
    from ..config import Settings

FLAGS_EPILOG = ("A translator accepts one deliberate difference on an entry with the PO flag "
                "'#, ignore-<check>' (Weblate's naming, e.g. '#, ignore-numbers'): the check still "
                "runs and its findings there are reported as info.")


#: Stands for the generated ``--select`` help until help is printed (see _HelpFormatter).
SELECT_HELP = "comma-separated checks to run, default all"


class _HelpFormatter(argparse.HelpFormatter):
    """Writes the ``--select`` help from the check registry, but only when help is shown:
    building it imports every check module, which a plain ``l10n check`` run need not."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.dest == "select":
            return checks_help()
        return super()._get_help_string(action)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check PO files: numbers, currency, glossary, script, punctuation...",
                       description="Exit 0: no error; 1: error findings; 2: input unreadable.",
                       epilog=FLAGS_EPILOG, formatter_class=_HelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="PO files or folders (searched for *.po); - reads one PO file from standard input")
    p.add_argument("--format", "-f", choices=FORMATS, default="text",
                   help="report format: text for people (default), json, junit (JUnit XML for CI), "
                        "github (annotations for GitHub Actions)")
    p.add_argument("--select", default=None, metavar="CHECKS", help=SELECT_HELP, action=Given)
    p.add_argument("--fuzzy", choices=[str(f) for f in FuzzyPolicy], default=str(FuzzyPolicy.ERROR), action=Given,
                   help="entries marked fuzzy (unapproved): 'error' checks them like approved ones "
                        "(default; or [checks] fuzzy of the configuration), 'warning' reports their errors as "
                        "warnings, 'skip' leaves them out")
    add_config(p, "[checks] select, severities and fuzzy and [glossary] path")
    p.add_argument("--glossary", default=None, metavar="TBX",
                   help="term base (default: [glossary] path of the configuration, else the nearest "
                        "glossary/terms.tbx from the catalogs up to the project root; --select glossary "
                        "without one is an error)")
    p.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                   help="also write the report to this file (- : standard output only, where it goes anyway)")
    p.add_argument("--show-untranslated", action="store_true", help="list untranslated entries (text)")
    p.add_argument("--jobs", "-j", type=_jobs, default=DEFAULT_JOBS, metavar="N",
                   help="processes for a big catalog: 0 one per core (default), 1 this process "
                        "only (for a machine whose other cores are busy)")
    p.set_defaults(handler=run)


def _jobs(text: str) -> int:
    """argparse type of ``--jobs``: a whole number, 0 or more (refused at parse time)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, got {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from ..annotate import load_default_glossary
    from ..checks.pair_store import session as pair_results_kept
    from ..checks.script_store import session as script_results_kept

    leave_objects_to_the_os_at_exit()

    if args.output is not None and str(args.output) == STDOUT:
        args.output = None  # the report is printed anyway: not a file named "-"
    if args.output is not None:  # refuse a bad -o before the checks run, not after
        check_output_file(args.output)
    settings = _configured(args)
    select = [s.strip() for s in args.select.split(",") if s.strip()] if args.select else None
    if settings is not None and not given(args, "select") and settings.checks != defaults.CHECKS:
        select = list(settings.checks)
    fuzzy = args.fuzzy if given(args, "fuzzy") or settings is None else settings.fuzzy_checks
    glossary = None
    if args.glossary is None and settings is not None and settings.glossary is not None:
        glossary = load_default_glossary(settings.glossary)  # the configuration's, found when it was read
    elif select is None or "glossary" in select or "same" in select:
        # found from the catalogs' project, not the working folder; a glossary check the
        # user asked for by name never runs without a term base. ``same`` reads it too:
        # a do-not-translate term kept in English is not untranslated text
        start = Path.cwd() if args.paths[0] == STDIN else Path(args.paths[0])
        glossary = load_default_glossary(args.glossary, start=start,
                                         required=select is not None and "glossary" in select)
    options: dict[str, Any] = {"select": select, "glossary": glossary, "fuzzy": FuzzyPolicy(fuzzy),
                               "workers": getattr(args, "jobs", DEFAULT_JOBS),
                               "severities": dict(settings.severities) if settings is not None else None}
    # the pair checks' results and the script check's OpenCC results, kept for the next run
    with pair_results_kept(), script_results_kept():
        report = _check_stdin(args.paths, options) if STDIN in args.paths else check_catalogs(args.paths, **options)
    if args.format == "text":
        from ..report import as_text

        text = as_text(report, show_info=args.show_untranslated)
        if getattr(args, "quiet", False):  # findings only, no summary line
            text = "\n".join(text.split("\n")[:-1])
    elif args.format == "github":
        from ..report import as_github

        summary = os.environ.get("GITHUB_STEP_SUMMARY", "")
        if summary:
            write_step_summary(Path(summary), report, fuzzy)
        text = as_github(report, summary_written=bool(summary))
    else:
        text = format_report(report, args.format)
    if text:
        print(text)
    if args.output is not None:
        write_atomic(args.output, text + "\n")
    if glossary is None and select is None and not getattr(args, "quiet", False):
        print("l10n: note: no glossary/terms.tbx found in the project; the glossary check is off "
              "(pass --glossary TBX)", file=sys.stderr)
    return report.exit_code


def leave_objects_to_the_os_at_exit() -> None:
    """Freeze every object still alive when the process exits (``gc.freeze``, at exit).

    Nearly everything a check makes (modules, patterns, the term base, the findings)
    is alive until exit, and the interpreter's last garbage collections walk it all to
    free memory the OS takes back anyway: about 30 ms of CPU, a sixth of a small
    catalog's check (issue 16, the pre-commit case). Frozen objects are skipped by
    those collections; objects freed by their reference counts still are. A check holds
    nothing whose release needs a collection: its report, output file and caches are
    written and closed before exit, and standard output and error are flushed by the
    interpreter as always."""
    import atexit
    import gc

    atexit.register(gc.freeze)


def _configured(args: argparse.Namespace) -> Settings | None:
    """The settings of ``--config`` or of the configuration found, or None when there is
    none: then nothing but the flags and the built-in defaults decide (as before)."""
    from ..configfile import find_config

    found = find_config() if args.config is None else None
    if args.config is None and found is None:
        return None
    from ..config import load_settings  # only now: the loader imports what it validates

    # the configuration found is read as if named (the same file, data and project), not
    # searched for again
    return load_settings(args.config if found is None else found.path)


def _check_stdin(paths: list[str], options: dict[str, Any]) -> CheckReport:
    """``l10n check -``: one PO file read from standard input, checked from a scratch copy
    (the checks read files) and reported as ``<stdin>``."""
    import dataclasses
    import tempfile

    from ..errors import InputError, L10nError

    if paths != [STDIN]:
        raise InputError("- (standard input) is one PO file: give it alone", hint="or give files and folders")
    data = read_stdin_bytes()
    with tempfile.TemporaryDirectory(prefix="l10n-stdin-") as scratch:
        copy = Path(scratch) / "stdin.po"
        copy.write_bytes(data)
        try:
            report = check_catalogs([copy], **options)
        except L10nError as exc:
            if exc.path == str(copy):
                exc.path = STDIN_NAME
            raise

    def named(path: str) -> str:
        return STDIN_NAME if path == str(copy) else path

    return dataclasses.replace(
        report, findings=tuple(dataclasses.replace(f, path=named(f.path)) for f in report.findings),
        files=tuple(named(f) for f in report.files), seconds={named(k): v for k, v in report.seconds.items()})


def write_step_summary(path: Path, report: CheckReport, fuzzy: str) -> None:
    """Add the findings table to GitHub's job summary file. GitHub gives each step its own
    file to append to; it is written whole (its bytes as they were, then ours) through
    write_atomic, or appended in place when it is a pipe. The table fits in what is left
    of the 1 MiB GitHub accepts."""
    import stat

    from ..fsio import output_error
    from ..report_github import STEP_SUMMARY_LIMIT, step_summary

    try:
        before = path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else b""
    except FileNotFoundError:
        before = b""
    except OSError as exc:
        raise output_error(exc, path) from None
    table = step_summary(report, fuzzy=fuzzy, budget=STEP_SUMMARY_LIMIT - len(before))
    write_atomic(path, before + table.encode("utf-8"))
