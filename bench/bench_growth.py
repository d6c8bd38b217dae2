"""Benchmark: how three per-unit costs grow with the input (issue 9, item 13).

Times, at 1×, 10× and 100× input, each in a fresh interpreter:

- ``extract``: one paragraph of distinct press-release sentences, read as plain text,
  segmented and turned into a template (1× = 20 KB, 100× = 2 MB);
- ``numbers``: the numbers comparison of one long entry, English against Chinese
  (``numbers.compare``: extraction of both sides and matching; 1× = 10 KB);
- ``fuzzy``: ``catalog.merge`` of N changed entries, each old one a fuzzy match for
  its new form (1× = 30 entries, 100× = 3,000).

Linear growth shows as about 10× per column. ``--before REV`` runs the same cases on
the library as of a git revision too (exported to a temporary folder, the working tree
untouched), side by side; a run over ``--timeout`` seconds is shown as ``>N``.

    python bench/bench_growth.py [--before REV] [--timeout S] [--scale 1,10,100]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = (1, 10, 100)
TIMEOUT = 300.0
PARAGRAPH_1X = 20_000  # characters
ENTRY_1X = 10_000  # characters
FUZZY_1X = 30  # changed entries
SEED = 2025

SUBJECTS = ["The Fund", "Cyberport", "The Government", "Mr. Chan", "The council", "Dr. Lee"]
VERBS = ["invested", "raised", "allocated", "reported", "approved", "spent"]
AMOUNTS = ["HK$1.94 billion", "US$248 million", "HK$44.3 billion", "RMB 5 million", "HK$700,000"]
TAILS = ["in {n} start-ups", "on Sep. {d}, 2025", "up {p}% from a year earlier",
         "at a ratio of 1:{d}", "across {n} districts, e.g. Kowloon and the New Territories"]
ZH_TAILS = ["投資{n}家初創企業", "於2025年9月{d}日", "按年上升{p}%", "比率為1:{d}", "遍及{n}區"]
ZH_AMOUNTS = ["19.4億港元", "2.48億美元", "443億港元", "500萬元人民幣", "70萬港元"]


def _sentence(rng: random.Random, i: int) -> str:
    tail = rng.choice(TAILS).format(n=i % 97 + 2, d=i % 27 + 1, p=i % 40 + 1)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(AMOUNTS)} {tail} (item {i})."


def paragraph(chars: int) -> str:
    rng = random.Random(SEED)
    parts: list[str] = []
    size = i = 0
    while size < chars:
        parts.append(_sentence(rng, i))
        size += len(parts[-1]) + 1
        i += 1
    return " ".join(parts) + "\n"


def entry_pair(chars: int) -> tuple[str, str]:
    rng = random.Random(SEED)
    en: list[str] = []
    zh: list[str] = []
    size = i = 0
    while size < chars:
        k = rng.randrange(len(AMOUNTS))
        t = rng.randrange(len(ZH_TAILS))
        en.append(f"It had {AMOUNTS[k]} {TAILS[t].format(n=i % 97 + 2, d=i % 27 + 1, p=i % 40 + 1)}.")
        zh.append(f"它有{ZH_AMOUNTS[k]}，{ZH_TAILS[t].format(n=i % 97 + 2, d=i % 27 + 1, p=i % 40 + 1)}。")
        size += len(en[-1]) + 1
        i += 1
    return " ".join(en), "".join(zh)


def run_extract(scale: int) -> None:
    from l10n.extract import template_for
    from l10n.formats import TEXT

    doc = TEXT.parse(paragraph(PARAGRAPH_1X * scale), path="long.txt")
    template_for(doc)


def run_numbers(scale: int) -> None:
    from l10n.numbers.compare import compare

    source, target = entry_pair(ENTRY_1X * scale)
    compare(source, target, traditional=True)


def run_fuzzy(scale: int) -> None:
    import polib

    from l10n.catalog import merge
    from l10n.locales import parse_locale

    rng = random.Random(SEED)
    old, pot = polib.POFile(), polib.POFile()
    for i in range(FUZZY_1X * scale):
        text = _sentence(rng, i)
        old.append(polib.POEntry(msgid=text, msgstr=f"譯文 {i}"))
        pot.append(polib.POEntry(msgid=text.replace(" (item", ", as announced (item")))
    merged = merge(pot, old, parse_locale("zh-Hant-HK"))
    assert all(e.fuzzy for e in merged if not e.obsolete)


CASES: dict[str, tuple[str, Callable[[int], None]]] = {
    "extract": ("extract, one paragraph (1x = 20 KB)", run_extract),
    "numbers": ("numbers compare, one entry (1x = 10 KB)", run_numbers),
    "fuzzy": ("fuzzy merge, changed entries (1x = 30)", run_fuzzy),
}


def worker(case: str, scale: int) -> None:
    start = time.perf_counter()
    CASES[case][1](scale)
    print(f"{time.perf_counter() - start:.3f}")


def measure(tree: Path, case: str, scale: int, timeout: float) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", case, str(scale)]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                              check=True, cwd=tree)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}"
    except subprocess.CalledProcessError as exc:
        return "error: " + (exc.stderr.strip().splitlines() or ["?"])[-1][:60]
    return f"{float(done.stdout.strip().splitlines()[-1]):.2f}"


def export(rev: str, into: Path) -> Path:
    """The ``l10n`` package as of ``rev``, written under ``into`` (git archive | tar)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "l10n"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", metavar="REV", help="also time the library as of this git revision")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per run (default %(default)s)")
    parser.add_argument("--scale", default=",".join(map(str, SCALES)), help="comma-separated multiples")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    parser.add_argument("--worker", nargs=2, metavar=("CASE", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    scales = [int(s) for s in args.scale.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        trees = [("after", ROOT)]
        if args.before:
            trees.insert(0, (f"before ({args.before})", export(args.before, Path(tmp))))
        header = f"{'case':42} {'tree':22} " + " ".join(f"{f'{s}x':>9}" for s in scales)
        print(header)
        print("-" * len(header))
        for case in args.case or list(CASES):
            for name, tree in trees:
                cells = [measure(tree, case, s, args.timeout) for s in scales]
                print(f"{CASES[case][0]:42} {name:22} " + " ".join(f"{c:>9}" for c in cells), flush=True)
        print("seconds per run, each in a fresh interpreter; about 10x per column is linear")


if __name__ == "__main__":
    main()
