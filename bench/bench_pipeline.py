"""Benchmark of the nightly batch: does its cost follow its change? (issue 16, item 4)

    .venv/bin/python bench/bench_pipeline.py [--releases 200 2000] [--mt tiny|none]
        [--drafts model|golden] [--runs 5] [--first-runs 1] [--code DIR]

For each number of generated releases it times, as whole ``l10n run`` processes from the
command line (``farm-bench``: the operating system's accounting of each finished child):

* the first run (catalogs, state and outputs removed before each), and its peak memory;
* a re-run with no change against a re-run after one release changed (a new sentence
  appended to one release, so one unit is machine-translated), paired: the two run in
  turn, and the ratio is taken pair by pair (median of ``--runs`` pairs, with min-max).

Goals: the one-change re-run at most 1.5x the no-change re-run at 2,000 releases, and the
first run's peak memory at 2,000 releases at most 1.2x the peak at 200.

``--mt tiny`` installs a small real Argos-format package (built as the test suite builds
it) so the run goes through the real CTranslate2 path; ``none`` runs TM and glossary
only. Its random weights write noise full of digits, so the checks find about ten times
the findings of a real batch and the report grows with them; ``--drafts golden`` keeps
the model's cost but writes the golden tests' drafts (``golden_drafts.py``: realistic
numbers per draft, findings on two entries in three). ``--code DIR`` runs another checkout of the tool (its ``l10n`` package first on
``PYTHONPATH``), e.g. the code before a change, extracted with ``git archive``.
The term base is the frozen copy under ``tests/data/golden/glossary/inputs/``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TERMS = ROOT / "tests" / "data" / "golden" / "glossary" / "inputs" / "terms.tbx"
L10N = ROOT / ".venv" / "bin" / "l10n"
SUBJECTS = ["Cyberport", "The Harbour Lab", "The Innovation and Technology Commission", "Hong Kong Science Park",
            "The HKSAR Government", "The Cyberport Macro Fund"]
VERBS = ["announced", "reported", "confirmed", "celebrated", "launched"]
OBJECTS = ["a new programme for start-ups", "its annual results", "a partnership with GBA cities",
           "an artificial intelligence lab", "a FinTech sandbox", "a venture capital forum"]
#: The release changed before each one-change re-run.
CHANGED = "releases/release-0007.md"


def release_text(rng: random.Random, n: int) -> str:
    lines = [f"# Release {n}: {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}", ""]
    for _ in range(rng.randint(3, 6)):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            amount = rng.choice([f"HK${rng.randint(1, 99)}.{rng.randint(1, 9)} billion",
                                 f"US${rng.randint(10, 900)} million", f"{rng.randint(2, 98)} per cent",
                                 f"{rng.randint(1000, 9999):,} companies"])
            sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                             f"worth {amount} on {rng.randint(1, 28)} September 2025.")
        lines += [" ".join(sentences), ""]
    lines += ["**About Harbour Lab**", "",
              "Harbour Lab is a start-up hub that supports founders from 26 economies.", ""]
    return "\n".join(lines)


def make_project(folder: Path, releases: int, mt: bool) -> None:
    rng = random.Random(7)
    (folder / "releases").mkdir(parents=True)
    for i in range(releases):
        (folder / "releases" / f"release-{i:04d}.md").write_text(release_text(rng, i), encoding="utf-8")
    (folder / "pipeline").mkdir()
    (folder / "pipeline" / "nightly.toml").write_text(
        f'[sources]\npaths = ["releases"]\n[glossary]\npath = "{TERMS}"\n'
        f'[mt]\nenabled = {"true" if mt else "false"}\n', encoding="utf-8")


def install_tiny_model(packages: Path) -> str:
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    from mtpkg import build_argos_package

    from l10n.mt import install_file

    info = install_file(build_argos_package(packages.parent / "pkg"))
    return f"tiny random-weight package {info.name} (real CTranslate2 path)"


def farm_bench(cwd: Path, runs: int, warmup: int, command: str, versus: str | None = None) -> dict[str, list[str]]:
    """Run farm-bench in ``cwd``; its table rows by label (min, median, max), and its lines."""
    args = ["farm-bench", "-n", str(runs), "--warmup", str(warmup), "--timeout", "3600"]
    if versus:
        args += ["--vs", versus]
    args += ["--", *shlex.split(command)]
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    rows: dict[str, list[str]] = {"": done.stdout.splitlines() + done.stderr.splitlines()}
    for line in rows[""]:
        m = re.match(r"^(A/B \w+|[AB] \w+ (?:s|MiB))\s+(\S+)\s+(\S+)\s+(\S+)\s*$", line)
        if m:
            rows[m.group(1)] = [m.group(2), m.group(3), m.group(4)]
    return rows


def _fig(rows: dict[str, list[str]], label: str) -> str:
    lo, med, hi = rows.get(label, ["?", "?", "?"])
    return f"{med} ({lo}-{hi})"


def _counts(state: Path) -> tuple[str, str]:
    """Units and findings of the last run, from the state (the code before SQLite: unknown)."""
    if not state.is_file():
        return "?", "?"
    with sqlite3.connect(state) as db:
        units = sum(json.loads(row[0])["units"] for row in db.execute("SELECT summary FROM runs"))
        findings = sum(len(json.loads(row[0])) for row in db.execute("SELECT findings FROM findings"))
    return f"{units:,}", f"{findings:,}"


def bench(releases: int, args: argparse.Namespace, work: Path) -> dict[str, dict[str, list[str]]]:
    project = work / f"project-{releases}"
    make_project(project, releases, args.mt == "tiny")
    tool = f"{sys.executable} {ROOT / 'bench' / 'golden_drafts.py'}" if args.drafts == "golden" else str(L10N)
    run = f"{tool} -q run --config pipeline/nightly.toml"
    if not args.no_report:
        run += " --report out/report.json"
    first = farm_bench(project, args.first_runs, 0,
                       "sh -c " + shlex.quote(f"rm -rf locales out .l10n; exec {run}"))
    one_change = ("sh -c " + shlex.quote(f'printf "\\nIts update %s was published.\\n" "$(date +%s%N)" >> {CHANGED}; '
                                         f"exec {run}"))
    pairs = farm_bench(project, args.runs, 1, one_change, versus=run)
    units, findings = _counts(project / ".l10n" / "state.sqlite")
    print(f"\n{releases} releases ({units} units over all locales, {findings} findings, drafts: {args.drafts}; "
          f"{'no report' if args.no_report else 'with --report (JSON and review site)'}):")
    print(f"  first run:            wall {_fig(first, 'A wall s')} s, cpu {_fig(first, 'A cpu s')} s, "
          f"peak {_fig(first, 'A peak MiB')} MiB  (n={args.first_runs})")
    print(f"  no-change re-run:     wall {_fig(pairs, 'B wall s')} s, cpu {_fig(pairs, 'B cpu s')} s, "
          f"peak {_fig(pairs, 'B peak MiB')} MiB")
    print(f"  one-change re-run:    wall {_fig(pairs, 'A wall s')} s, cpu {_fig(pairs, 'A cpu s')} s, "
          f"peak {_fig(pairs, 'A peak MiB')} MiB")
    print(f"  one-change/no-change: wall {_fig(pairs, 'A/B wall')}, cpu {_fig(pairs, 'A/B cpu')} "
          f"(paired, n={args.runs}; goal <= 1.5 at 2,000)")
    if args.verbose:
        print("\n".join(first[""] + pairs[""]))
    return {"first": first, "pairs": pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--releases", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--mt", choices=("tiny", "none"), default="tiny")
    parser.add_argument("--drafts", choices=("model", "golden"), default="model",
                        help="with --mt tiny: write the model's own drafts (noise) or the golden tests' "
                             "(the model still runs)")
    parser.add_argument("--runs", type=int, default=5, help="pairs of re-runs (default 5)")
    parser.add_argument("--first-runs", type=int, default=1, help="first runs (default 1)")
    parser.add_argument("--code", type=Path, help="another checkout of the tool to time")
    parser.add_argument("--no-report", action="store_true",
                        help="time the batch without --report (no JSON report, no review site)")
    parser.add_argument("--verbose", action="store_true", help="print farm-bench's own tables")
    args = parser.parse_args()
    if shutil.which("farm-bench") is None:
        print("farm-bench is needed (it times whole processes, paired)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-"))
    model = "none (TM and glossary only)"
    if args.mt == "tiny":
        model = install_tiny_model(work / "packages")
    if args.code:
        os.environ["PYTHONPATH"] = str(args.code.resolve())
    print(f"MT: {model}; code: {args.code or ROOT}; {os.cpu_count()} cores")
    results = {n: bench(n, args, work) for n in args.releases}
    if len(results) > 1:
        low, high = min(results), max(results)
        peaks = [float(results[n]["first"].get("A peak MiB", ["0", "0", "0"])[1]) for n in (low, high)]
        if peaks[0]:
            print(f"\npeak memory of the first run, {high} vs {low} releases: {peaks[1] / peaks[0]:.2f}x "
                  f"(goal <= 1.2)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
