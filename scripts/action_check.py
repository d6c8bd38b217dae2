"""The steps of this repository's GitHub Action (``action.yml``), as a script a test can run.

Thin on purpose: ``install`` pip-installs l10n, ``check`` runs ``l10n check`` and relies on
its reports. ``--format github`` prints the annotations GitHub shows on the pull request;
``--format json`` gives the counts written to ``$GITHUB_OUTPUT`` (``errors``, ``warnings``,
``files``) and, when l10n has not written a job summary itself, the table this script
appends to ``$GITHUB_STEP_SUMMARY``. The step's exit code is l10n's: 0 clean, 1 errors
found, 2 input unreadable.

Only the standard library is used, so the script runs before l10n is installed.
Inputs arrive as ``INPUT_*`` environment variables (set by ``action.yml``).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Rows of the summary table; GitHub refuses summaries over 1 MiB, and nobody reads more.
MAX_SUMMARY_ROWS = 500
FUZZY_POLICIES = ("skip", "warning", "error")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


# -- install --------------------------------------------------------------------------------


def _torch_pin(constraints: Path) -> str:
    if not constraints.is_file():
        return ""
    lines = constraints.read_text(encoding="utf-8").splitlines()
    return next((line.strip() for line in lines if line.startswith("torch==")), "")


def install_commands(action_path: Path, version: str, torch_index: str,
                     repository: str = "") -> list[list[str]]:
    """The pip commands that install l10n.

    ``version`` empty: this action's own copy (the ref in ``uses:``). A git ref (tag,
    branch or commit) of the action's repository: that ref, from GitHub. Anything with a
    URL or `` @ `` in it: a pip requirement, passed as it is. A bare version never goes to
    PyPI: the name ``l10n`` there belongs to another project.

    torch is installed first from ``torch_index`` (the CPU build; PyPI's default Linux
    wheel brings gigabytes of CUDA libraries), pinned as the project pins it, as ``make``
    does; not for a pip requirement, which says itself what it wants.
    """
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    if "://" in version or " @ " in version:
        return [[*pip, version]]
    constraints = action_path / "constraints.txt"
    pins = ["-c", str(constraints)] if constraints.is_file() else []
    commands: list[list[str]] = []
    torch = _torch_pin(constraints)
    if torch and torch_index:
        commands.append([*pip, *pins, "--index-url", torch_index, torch])
    if not version:
        target = str(action_path)
    elif repository:
        target = f"l10n @ git+{repository}@{version}"
    else:
        raise SystemExit("l10n action: error: version names a git ref, but GITHUB_ACTION_REPOSITORY "
                         "is not set; give a pip requirement instead")
    # another ref pins its own versions; this copy's constraints could contradict them
    commands.append([*pip, *(pins if not version else []), target])
    return commands


def run_install(dry_run: bool) -> int:
    action_path = Path(_env("GITHUB_ACTION_PATH") or Path(__file__).resolve().parents[1])
    repository = _env("GITHUB_ACTION_REPOSITORY")
    if repository:
        repository = f"{_env('GITHUB_SERVER_URL') or 'https://github.com'}/{repository}"
    for command in install_commands(action_path, _env("INPUT_VERSION"), _env("INPUT_TORCH_INDEX"),
                                    repository):
        print("+ " + shlex.join(command), flush=True)
        if not dry_run:
            subprocess.run(command, check=True)
    return 0


# -- check ----------------------------------------------------------------------------------


def _check_args(paths: Sequence[str], fuzzy: str, fmt: str) -> list[str]:
    return [sys.executable, "-m", "l10n", "check", "--format", fmt, f"--fuzzy={fuzzy}", *paths]


def _cell(value: object) -> str:
    """A Markdown table cell: one line, no pipe, HTML or maths breaking the table (as
    l10n's own summary writes it)."""
    text = " ".join(str(value).split())
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("$", "<span>$</span>")  # two dollars in a row would start maths


def summary_markdown(report: dict[str, object], fuzzy: str) -> str:
    """The job summary: counts, then one row per error or warning (INFO findings, such as
    untranslated entries, are counted only)."""
    summary = report.get("summary")
    counts = summary if isinstance(summary, dict) else {}
    raw = report.get("findings")
    findings = [f for f in (raw if isinstance(raw, list) else [])
                if isinstance(f, dict) and f.get("severity") in ("error", "warning")]
    lines = ["## l10n check", "",
             f"**{counts.get('errors', 0)} error(s), {counts.get('warnings', 0)} warning(s)** in "
             f"{counts.get('files', 0)} file(s); {counts.get('checked', 0)} translated entries "
             f"checked, {counts.get('untranslated', 0)} untranslated; fuzzy entries: {fuzzy}.", ""]
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines) + "\n"
    lines += ["| File | Line | Level | Check | Message | msgid |", "|---|---:|---|---|---|---|"]
    for f in findings[:MAX_SUMMARY_ROWS]:
        lines.append(f"| {_cell(f.get('path', ''))} | {_cell(f.get('line', ''))} | "
                     f"{_cell(f.get('severity', ''))} | {_cell(f.get('check', ''))} | "
                     f"{_cell(f.get('message', ''))} | {_cell(f.get('msgid', ''))} |")
    if len(findings) > MAX_SUMMARY_ROWS:
        lines += ["", f"… and {len(findings) - MAX_SUMMARY_ROWS} more; run `l10n check` locally "
                      f"for all of them."]
    return "\n".join(lines) + "\n"


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) if path else 0
    except OSError:
        return 0


def _append(path: str, text: str) -> None:
    with open(path, "a", encoding="utf-8") as out:
        out.write(text)


def run_check() -> int:
    paths = shlex.split(os.environ.get("INPUT_PATHS", "")) or ["locales"]
    fuzzy = _env("INPUT_FUZZY", "skip") or "skip"
    if fuzzy not in FUZZY_POLICIES:
        print(f"l10n action: error: fuzzy must be one of {', '.join(FUZZY_POLICIES)}, got {fuzzy!r}",
              file=sys.stderr)
        return 2
    summary_file = _env("GITHUB_STEP_SUMMARY")
    before = _size(summary_file)
    # annotations: l10n's own GitHub format, straight to the log where GitHub reads them
    annotated = subprocess.run(_check_args(paths, fuzzy, "github"), check=False)
    if annotated.returncode not in (0, 1):
        return annotated.returncode  # l10n printed its one-line error
    counted = subprocess.run(_check_args(paths, fuzzy, "json"), check=False, capture_output=True,
                             text=True, encoding="utf-8")
    if counted.returncode not in (0, 1):
        sys.stderr.write(counted.stderr)
        return counted.returncode
    report = json.loads(counted.stdout)
    counts = report.get("summary", {})
    output = _env("GITHUB_OUTPUT")
    if output:
        _append(output, "".join(f"{key}={int(counts.get(key, 0))}\n"
                                for key in ("errors", "warnings", "files")))
    if summary_file and _size(summary_file) == before:  # l10n wrote no summary of its own
        _append(summary_file, summary_markdown(report, fuzzy))
    return annotated.returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Steps of the l10n GitHub Action.")
    steps = parser.add_subparsers(dest="step", required=True)
    install = steps.add_parser("install", help="pip-install l10n (INPUT_VERSION, INPUT_TORCH_INDEX)")
    install.add_argument("--dry-run", action="store_true", help="print the pip commands only")
    steps.add_parser("check", help="run l10n check (INPUT_PATHS, INPUT_FUZZY)")
    args = parser.parse_args(argv)
    if args.step == "install":
        return run_install(args.dry_run)
    return run_check()


if __name__ == "__main__":
    sys.exit(main())
