"""Benchmark: TMX export and import of a translation memory of N segments.

Fills a memory in a temporary folder with N English sentences (varied amounts, some with
paired and standalone inline tags, some under a msgctxt) translated into zh-Hant-HK and
zh-Hans-CN, then times ``write_tmx`` (the whole memory) and ``read_tmx`` plus storing the
result in an empty memory, and checks that the round trip gives the same rows.

    python bench/bench_tmx.py [--segments N] [--repeat R]

Best of ``--repeat`` runs is reported (the figure least disturbed by the machine's load).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from l10n.locales import parse_locale
from l10n.tm import TMEntry, TranslationMemory, read_tmx, write_tmx

SUBJECTS = ["The Government", "The Housing Authority", "Cyberport", "The Innovation and Technology Fund",
            "The Hospital Authority", "The Tourism Board"]
ACTIONS = ["will inject", "approved", "has earmarked", "received", "spent"]
PURPOSES = ["for the scheme", "on start-ups", "for new clinics", "in the financial year", "on training"]


def _entries(count: int, seed: int) -> list[TMEntry]:
    rng = random.Random(seed)
    hk, cn = parse_locale("zh-Hant-HK"), parse_locale("zh-Hans-CN")
    out: list[TMEntry] = []
    for n in range(count):
        amount = f"HK${rng.randint(1, 999)}.{rng.randint(0, 9)} million"
        source = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {amount} {rng.choice(PURPOSES)} (ref {n})."
        target = f"{n}號：撥款{amount}。"
        if n % 5 == 0:
            source = f"<1>{source}</1> See <2/>."
            target = f"<1>{target}</1>詳見<2/>。"
        context = "table" if n % 7 == 0 else ""
        out.append(TMEntry(hk, source, target, context))
        out.append(TMEntry(cn, source, target.replace("號", "号"), context))
    return out


def _rows(path: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT locale, source, context, target FROM tm_segments ORDER BY 1, 2, 3").fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=20_000, help="English sentences (two locales each)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        memory = folder / "tm.sqlite"
        with TranslationMemory.open(memory) as tm:
            tm.add_many(_entries(args.segments, args.seed))
        tmx = folder / "out.tmx"
        export_times, import_times = [], []
        for run in range(args.repeat):
            start = time.perf_counter()
            with TranslationMemory.open(memory, create=False) as tm:
                export = write_tmx(tm.segments())
            tmx.write_bytes(export.data)
            export_times.append(time.perf_counter() - start)
            copy = folder / f"copy{run}.sqlite"
            start = time.perf_counter()
            batch = read_tmx(tmx)
            with TranslationMemory.open(copy) as tm:
                tm.add_many(batch.entries)
            import_times.append(time.perf_counter() - start)
        same = _rows(copy) == _rows(memory)
        print(f"memory: {export.translations} translations in {export.units} units; "
              f"TMX {len(export.data) / 1e6:.1f} MB")
        print(f"export (read memory + write TMX): best {min(export_times):.2f} s of {args.repeat}")
        print(f"import (read TMX + store in an empty memory): best {min(import_times):.2f} s of {args.repeat}")
        print(f"round trip gives the same rows: {same}; skipped units: {len(batch.skipped)}")


if __name__ == "__main__":
    main()
