"""`l10n run [--config pipeline/nightly.toml]`: the nightly batch over every release."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..config import PATH_VARIABLES, Settings, load_settings, may_create_parent
from ..configfile import find_config, open_config
from ..errors import InputError, visible
from ..formats import content_roots
from ..fsio import check_output_file, ensure_dir, write_if_changed
from ..pipeline import RunReport, run_pipeline, write_report
from ..powrap import output_width
from ..report import FORMATS, CheckReport, format_report
from ._common import CONFIG_FOUND, STDOUT, add_wait, write_stdout


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="the whole pipeline over the configured releases (incremental)")
    p.add_argument("--config", "-c", type=Path, default=None, metavar="FILE",
                   help=f"TOML configuration ({CONFIG_FOUND})")
    add_wait(p)
    p.add_argument("--report", type=Path, default=None, metavar="FILE",
                   help="write the JSON report here (overrides [output] report); - : standard output, "
                        "the summary table then goes to standard error")
    p.add_argument("--findings", type=Path, default=None, metavar="FILE",
                   help="write the check findings to this file; - : standard output, the summary table "
                        "then goes to standard error")
    p.add_argument("--findings-format", choices=FORMATS, default="junit",
                   help="format of --findings: junit (default), json, github or text, as l10n check --format")
    p.add_argument("--no-mt", action="store_true", help="translation memory and glossary only")
    p.set_defaults(handler=run)


def _print_summary(report: RunReport, elapsed: float, quiet: bool) -> None:
    if quiet:
        return
    print(f"{'release':<40} {'locale':<11} {'units':>5} {'human':>5} {'rule':>4} {'TM':>4} {'MT':>4} "
          f"{'fuzzy':>5} {'todo':>5} {'err':>4} {'warn':>4}")
    for r in report.releases:
        source = visible(r.source)  # a file name may hold terminal escapes
        if r.status == "failed":
            print(f"{source:<40} FAILED: {visible(r.error or '')}")
            continue
        for s in r.locales:
            print(f"{source[-40:]:<40} {s.locale:<11} {s.units:>5} {s.human:>5} {s.rule:>4} {s.tm:>4} {s.mt:>4} "
                  f"{s.fuzzy:>5} {s.untranslated:>5} {s.errors:>4} {s.warnings:>4}")
    data = report.counts()
    print(f"{data['releases']} release(s): {data['processed']} processed, {data['unchanged']} unchanged, "
          f"{data['failed']} failed; {data['errors']} check error(s), {data['warnings']} warning(s); "
          f"{report.mt_segments} segment(s) machine-translated in {elapsed:.1f}s")
    for message in report.messages:
        print(f"note: {message}")


def _check_outputs(settings: Settings, findings: Path | None) -> None:
    """``--report`` and ``--findings`` are checked before the batch starts, not after it: a
    folder, a missing folder outside the project's trees or a dangling link is one line, exit 2."""
    if settings.report is not None and findings is not None and str(settings.report) == str(findings) == STDOUT:
        raise InputError("--report - and --findings - would share standard output", hint="send one to a file")
    for path in (settings.report, findings):
        if path is not None and str(path) != STDOUT:
            check_output_file(path, make_parents=may_create_parent(settings, path))


@contextlib.contextmanager
def _in_project(args: argparse.Namespace) -> Iterator[tuple[Path | None, dict[str, str]]]:
    """The batch runs in its configuration's project folder, as ``pipeline/run_nightly.py``
    does: the catalogs' ``#:`` references are written relative to the working folder, so a
    run from a subfolder must not make other templates than a run from the project. The
    paths the user gave (``--report``, ``--findings``, ``L10N_*`` folders) keep meaning
    what they meant where the command was typed; the working folder is restored after."""
    found = open_config(args.config) if args.config is not None else find_config()
    env = dict(os.environ)
    if found is None or found.project.resolve() == Path.cwd().resolve():
        yield args.config if found is None else found.path, env
        return
    home = found.project.resolve()
    for name in ("report", "findings"):
        value = getattr(args, name)
        if value is not None and str(value) != STDOUT:
            setattr(args, name, Path(os.path.abspath(value)))
    env.update({var: os.path.abspath(env[var]) for var in PATH_VARIABLES if env.get(var)})
    config = Path(os.path.relpath(found.path.resolve(), home))
    before = os.getcwd()
    os.chdir(home)
    try:
        yield config, env
    finally:
        os.chdir(before)


def run(args: argparse.Namespace) -> int:
    with _in_project(args) as (config, env):
        return _run(args, load_settings(config, env))


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    if args.no_mt:
        settings = replace(settings, mt_enabled=False)
    if args.report is not None:
        settings = replace(settings, report=args.report)
    _check_outputs(settings, args.findings)
    plain = not sys.stderr.isatty() and not args.quiet
    data_on_stdout = STDOUT in (str(settings.report), str(args.findings))

    def say(message: str) -> None:
        if plain or args.verbose:
            print(message, file=sys.stderr)

    started = time.monotonic()
    with output_width(settings.po_width), content_roots(settings.content_roots):  # po_width, content_root
        report = run_pipeline(settings, wait=args.wait, say=say)
    with contextlib.redirect_stdout(sys.stderr) if data_on_stdout else contextlib.nullcontext():
        _print_summary(report, time.monotonic() - started, args.quiet)
    if settings.report is not None:
        _write_report(settings, report, quiet=args.quiet)
    if args.findings is not None:
        check = CheckReport(tuple(report.findings), tuple(s.po for r in report.releases for s in r.locales),
                            sum(s.units for r in report.releases for s in r.locales),
                            sum(s.units - s.untranslated for r in report.releases for s in r.locales))
        text = format_report(check, args.findings_format) + "\n"
        if str(args.findings) == STDOUT:
            write_stdout(text)
        else:
            write_if_changed(args.findings, text, make_parents=may_create_parent(settings, args.findings))
    return report.exit_code


def _write_report(settings: Settings, report: RunReport, *, quiet: bool) -> None:
    """The JSON report to its file (with the review site beside it), or to standard output."""
    assert settings.report is not None
    if str(settings.report) == STDOUT:
        write_stdout(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n")
        return
    if may_create_parent(settings, settings.report):
        ensure_dir(settings.report.parent)
    write_report(settings.report, report)
    if not quiet:
        print(f"report: {settings.report}")
