"""Benchmark: ``l10n xliff export`` and ``import`` on a big catalog.

Writes a zh_Hant_HK catalog of N entries (half approved, half fuzzy; each with a paired
tag, a standalone tag and an amount) in a temporary project, then times, in process:
the XLIFF 2.0 export, the 1.2 export, an import of the unedited 2.0 file (nothing to
write) and an import where every target was edited (all written and checked).

    python bench/bench_xliff.py [--entries N] [--repeat R]

Each step runs ``--repeat`` times and its best time is reported (the figure least
disturbed by whatever else the machine is doing).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

from l10n.catalog import render
from l10n.cli import main

ENTRIES = 5_000
REPEAT = 3
PO_REL = Path("locales") / "zh_Hant_HK" / "LC_MESSAGES" / "big.po"


def write_catalog(root: Path, entries: int) -> Path:
    po = polib.POFile()
    po.metadata = {"Project-Id-Version": "big", "Language": "zh_Hant_HK", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=1; plural=0;"}
    for i in range(entries):
        po.append(polib.POEntry(
            msgid=f"Item {i}: the <1>centre {i}</1> at <2/> cost HK${i + 1} million.",
            msgstr=f"第{i}項：位於<2/>的<1>中心{i}</1>耗資{i + 1}百萬港元。",
            flags=["fuzzy"] if i % 2 else [], comment="paragraph", occurrences=[("big.md", str(i + 1))]))
    path = root / PO_REL
    path.parent.mkdir(parents=True)
    path.write_text(render(po), encoding="utf-8")
    return path


def best(repeat: int, step: Callable[[], None], prepare: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def run(*argv: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        main(list(argv))


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-xliff-"))
    here = Path.cwd()
    try:
        os.chdir(root)
        po = write_catalog(root, args.entries)
        original = po.read_bytes()
        edited = root / "edited.xlf"

        def restore() -> None:
            po.write_bytes(original)

        export2 = best(args.repeat, lambda: run("xliff", "export", "-l", "zh-HK", "-o", "big.xlf"))
        export12 = best(args.repeat, lambda: run("xliff", "export", "-l", "zh-HK", "--version", "1.2",
                                                 "-o", "big12.xlf"))
        unchanged = best(args.repeat, lambda: run("xliff", "import", "big.xlf"))
        edited.write_text((root / "big.xlf").read_text(encoding="utf-8").replace("耗資", "花費"), encoding="utf-8")
        changed = best(args.repeat, lambda: run("xliff", "import", str(edited)), restore)
        size = (root / "big.xlf").stat().st_size
        print(f"{args.entries} entries, best of {args.repeat}; XLIFF 2.0 file {size / 1e6:.1f} MB")
        for name, seconds in (("export 2.0", export2), ("export 1.2", export12),
                              ("import, nothing changed", unchanged), ("import, every entry edited", changed)):
            print(f"  {name:<28} {seconds:6.2f} s  ({seconds / args.entries * 1e6:5.0f} µs/entry)")
    finally:
        os.chdir(here)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main_bench()
