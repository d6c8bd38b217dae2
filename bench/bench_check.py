"""Benchmark: our ``numbers`` check against Translate Toolkit's ``pofilter -t numbers``.

Generates a 20,000-entry zh_Hant_HK catalog of press-release sentences (correct
translations of varied amounts, sentences without numbers, and a few deliberately
corrupted entries) in a temporary folder, then times both tools on the same file and
prints the times, the ratio ours/pofilter, and how many corrupted entries each caught.

    python bench/bench_check.py [--entries N] [--seed S] [--repeat R]
    python bench/bench_check.py --write catalog.po   # only write the catalog
    python bench/bench_check.py --default-check --pairs 5   # every check vs pofilter, paired
    python bench/bench_check.py --default-check --entries 25 --pairs 9   # the pre-commit case
    python bench/bench_check.py --default-check --entries 25 --no-cache   # l10n's caches off
    python bench/bench_check.py --default-check --cold-pairs   # pair checks' results not kept yet
    python bench/bench_check.py --jobs-pairs --pairs 7   # l10n check -j1 against its default (forks)

The dense Government-style catalog is ``bench/bench_check_gov.py`` (same options).

Each tool runs ``--repeat`` times, alternating, and its best time is reported: the
minimum is the figure least disturbed by whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import polib

from l10n.checks import CheckEnv
from l10n.checks.numbers import check_numbers
from l10n.locales import parse_locale
from l10n.model import Entry, Severity

#: The term base the default check loads in the project (issue 16: the README's CI case).
GLOSSARY = Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx"

ENTRIES = 20_000
CORRUPTED = 60
SEED = 2025
REPEAT = 3
LOCALE = "zh_Hant_HK"
#: Share of entries that hold no number at all, as in a real release catalog.
PLAIN_SHARE = 0.45

PLAIN = [
    ("The park supports start-ups in many sectors.", "園區支援多個行業的初創企業。"),
    ("The Chairman welcomed the announcement.", "主席歡迎有關公布。"),
    ("Cyberport will continue to nurture talent.", "數碼港將繼續培育人才。"),
    ("The event connects investors with founders.", "活動連繫投資者與創辦人。"),
    ("Hong Kong is an international financial centre.", "香港是國際金融中心。"),
]


def _hk_billion(value: Decimal) -> str:
    """HK$X billion in 億 (×10), computed independently of the library."""
    return f"{(value * 10).normalize():f}億"


def _make_pair(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < PLAIN_SHARE:
        return rng.choice(PLAIN)
    choice = rng.randrange(6)
    if choice == 0:
        value = Decimal(rng.randrange(11, 9999)) / 100
        return (f"Start-ups raised HK${value} billion in total.",
                f"初創企業合共籌得{_hk_billion(value)}港元。")
    if choice == 1:
        millions = rng.randrange(101, 990)
        return (f"The fund invested US${millions} million.",
                f"基金投資了{(Decimal(millions) / 100).normalize():f}億美元。")
    if choice == 2:
        count = rng.randrange(1000, 99999)
        return (f"The park hosts over {count:,} companies.", f"園區匯聚超過{count:,}家公司。")
    if choice == 3:
        pct, sites = rng.randrange(1, 99), rng.randrange(2, 9)
        return (f"Revenue grew {pct} per cent, with {sites} new sites.",
                f"收入增長{pct}%，並新增{sites}個地點。")
    if choice == 4:
        day, month = rng.randrange(1, 28), rng.randrange(1, 12)
        names = ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"]
        return (f"The forum opens on {day} {names[month - 1]} 2025.",
                f"論壇於2025年{month}月{day}日開幕。")
    ratio = rng.randrange(2, 12)
    return (f"The fund achieved a leverage ratio of 1:{ratio}.", f"基金的槓桿比率達1:{ratio}。")


def _corrupt(rng: random.Random, n: int) -> tuple[str, str]:
    value = Decimal(rng.randrange(11, 9999)) / 100
    kind = n % 4
    if kind == 0:  # magnitude copied from English digits
        return (f"Start-ups raised HK${value} billion in total.",
                f"初創企業合共籌得{value}億港元。")
    if kind == 1:  # currency swapped
        millions = rng.randrange(101, 990)
        return (f"The fund invested US${millions} million.",
                f"基金投資了{(Decimal(millions) / 100).normalize():f}億港元。")
    if kind == 2:  # one digit changed
        count = rng.randrange(1000, 9999)
        wrong = count + 1 if count % 10 != 9 else count - 1
        return (f"The park hosts over {count:,} companies.", f"園區匯聚超過{wrong:,}家公司。")
    return ("It has five listed firms and seven unicorns.", "園區有上市公司及獨角獸企業。")


def write_catalog(path: Path, entries: int, seed: int, *, corrupted: int, prefix: str,
                  make_pair: Callable[[random.Random], tuple[str, str]],
                  corrupt: Callable[[random.Random, int], tuple[str, str]]) -> set[str]:
    """Write a generated catalog (shared by both benchmarks); return the msgctxt of every
    corrupted entry."""
    rng = random.Random(seed)
    po = polib.POFile()
    po.metadata = {"Language": LOCALE, "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=1; plural=0;", "MIME-Version": "1.0",
                   "Content-Transfer-Encoding": "8bit"}
    bad_at = set(rng.sample(range(entries), min(corrupted, entries // 10)))
    found: set[str] = set()
    for n in range(entries):
        ctxt = f"{prefix}{n:05d}"
        if n in bad_at:
            source, target = corrupt(rng, len(found))
            found.add(ctxt)
        else:
            source, target = make_pair(rng)
        po.append(polib.POEntry(msgctxt=ctxt, msgid=source, msgstr=target,
                                occurrences=[("release.md", str(n + 1))]))
    po.save(str(path))
    return found


def build_catalog(path: Path, entries: int, seed: int) -> set[str]:
    """Write the catalog; return the msgctxt of every corrupted entry."""
    return write_catalog(path, entries, seed, corrupted=CORRUPTED, prefix="u", make_pair=_make_pair,
                         corrupt=_corrupt)


def run_ours(path: Path) -> tuple[float, set[str], int]:
    """Parse with polib and run the check over every entry; the time includes parsing."""
    env = CheckEnv(locale=parse_locale(LOCALE))
    start = time.perf_counter()
    flagged: set[str] = set()
    findings = 0
    for e in polib.pofile(str(path)):
        entry = Entry(e.msgid, e.msgstr, str(path), e.linenum or 0, e.msgctxt, "fuzzy" in e.flags)
        found = check_numbers(entry, env)
        findings += len(found)
        if any(f.severity is Severity.ERROR for f in found):
            flagged.add(e.msgctxt or "")
    return time.perf_counter() - start, flagged, findings


def pofilter_path() -> str:
    here = Path(sys.executable).parent / "pofilter"
    if here.exists():
        return str(here)
    found = shutil.which("pofilter")
    if found is None:
        raise SystemExit("pofilter not found (pip install translate-toolkit)")
    return found


def run_pofilter(path: Path, out: Path) -> tuple[float, set[str]]:
    cmd = [pofilter_path(), "-t", "numbers", "--progress=none", "-i", str(path), "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    flagged = {e.msgctxt or "" for e in polib.pofile(str(out)) if e.msgid}
    return elapsed, flagged


def run_cli(path: Path) -> tuple[float, set[str]]:
    """The command a CI job runs: `l10n check --select numbers,currency --format json`."""
    import json

    cmd = [sys.executable, "-m", "l10n", "check", str(path), "--select", "numbers,currency", "--format", "json"]
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(f"l10n check failed: {run.stderr.strip()}")
    flagged = {f["msgctxt"] or "" for f in json.loads(run.stdout)["findings"] if f["severity"] == "error"}
    return elapsed, flagged


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall and CPU (user + system, the child's own accounting) seconds of one command,
    and its exit code."""
    before = os.times()
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, run.returncode


def child_env(scratch: Path, *, caches: bool) -> tuple[dict[str, str], list[str]]:
    """The environment both tools run in, and a line for each thing it sets.

    An installed package has its bytecode compiled (pip does it at install), and so has
    pofilter here; where this environment forbids writing bytecode
    (``PYTHONDONTWRITEBYTECODE``), our source tree would be compiled anew on every run, a
    cost no user pays, so bytecode goes to a scratch folder instead
    (``PYTHONPYCACHEPREFIX``) and the warm-up run writes it. l10n's own caches (parsed
    glossary, compiled patterns, the script check's OpenCC results, the pair checks'
    results: ``l10n.usercache``) are a scratch folder too, warm after the warm-up run (a
    pre-commit hook's second commit onwards, the catalog unchanged), or off with
    ``caches=False`` (every run as a first run)."""
    env = dict(os.environ)
    notes: list[str] = []
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
        notes.append("bytecode cached in a scratch folder (PYTHONDONTWRITEBYTECODE was set)")
    if caches:
        env["L10N_CACHE_DIR"] = str(scratch / "l10n-cache")
        notes.append("l10n caches warm (a scratch folder, filled by the warm-up run: parsed glossary, "
                     "compiled patterns, OpenCC results, pair checks' results)")
    else:
        env["L10N_CACHE_DIR"] = ""
        notes.append("l10n caches off (glossary parsed, patterns compiled, OpenCC loaded, every pair "
                     "checked on every run)")
    return env, notes


def load_average() -> str:
    """The 1-minute load average, for the record (the machine is shared)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def pair_store_file(env: dict[str, str]) -> Path | None:
    """The pair checks' results file of the cache folder ``env`` names (None: caches off)."""
    from l10n.checks.pair_store import FILE_NAME

    folder = env.get("L10N_CACHE_DIR")
    return Path(folder) / FILE_NAME if folder else None


def pair_store_note(env: dict[str, str], cold_pairs: bool) -> str:
    """Whether the timed l10n runs found the pair checks' results kept (and how many)."""
    path = pair_store_file(env)
    if path is None:
        return "pair checks' results: store off"
    if cold_pairs:
        return "pair checks' results: cold (the store file removed before each l10n run, which writes it anew)"
    try:
        size = path.stat().st_size
    except OSError:
        return "pair checks' results: no store file after the warm-up (not kept)"
    shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
    return f"pair checks' results: warm (store file of {shown} written by the warm-up run)"


def default_check_vs_pofilter(path: Path, pairs: int, glossary: Path = GLOSSARY, *,
                              caches: bool = True, cold_pairs: bool = False) -> None:
    """Time `l10n check PATH --glossary TBX` (every check: the README's CI case) and
    `pofilter -t numbers` in turn, ``pairs`` times after one warm-up run of each, and
    print both tools' medians and the median ours/pofilter ratio of the pairs with its
    min–max, for wall and CPU time, with the load average before and after.

    ``cold_pairs``: the other caches warm, the pair checks' results removed before each
    l10n run (a catalog whose entries all changed, or the first run after an upgrade).

    Pairing keeps the ratio meaningful on a machine whose load drifts."""
    ours_cmd = [sys.executable, "-m", "l10n", "check", str(path), "--glossary", str(glossary)]
    pof_cmd = [pofilter_path(), "-t", "numbers", "--progress=none", "-i", str(path),
               "-o", str(path.with_suffix(".pofilter.po"))]
    env, notes = child_env(path.parent, caches=caches)
    for cmd in (ours_cmd, pof_cmd):  # warm-up: bytecode, glossary cache, file system cache
        timed(cmd, env)
    notes.append(pair_store_note(env, cold_pairs))
    store = pair_store_file(env)
    load_before = load_average()
    rows: list[tuple[float, float, float, float]] = []
    for _ in range(max(1, pairs)):
        if cold_pairs and store is not None:
            store.unlink(missing_ok=True)
        o_wall, o_cpu, code = timed(ours_cmd, env)
        if code not in (0, 1):
            raise SystemExit(f"l10n check failed with exit code {code}")
        p_wall, p_cpu, _ = timed(pof_cmd, env)
        rows.append((o_wall, o_cpu, p_wall, p_cpu))
    print(f"default check vs pofilter: {len(rows)} pairs after one warm-up run each, medians (min-max); "
          f"load average {load_before} before, {load_average()} after")
    for note in notes:
        print(f"  ({note})")
    for label, i in (("wall", 0), ("cpu", 1)):
        ours = [r[i] for r in rows]
        pof = [r[i + 2] for r in rows]
        ratios = [o / p for o, p in zip(ours, pof, strict=True)]
        print(f"  {label:<5} l10n check {statistics.median(ours):6.3f} s ({min(ours):.3f}-{max(ours):.3f})   "
              f"pofilter {statistics.median(pof):6.3f} s ({min(pof):.3f}-{max(pof):.3f})   "
              f"ratio {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")


def jobs_one_vs_default(path: Path, pairs: int, glossary: Path = GLOSSARY) -> None:
    """Time the default check in this process alone (``-j1``) and with its default
    processes (one per core: a big catalog forks) in turn, ``pairs`` times after one
    warm-up run of each, and print both medians and the median -j1/default ratio with
    its min–max, for wall and CPU time (the children's CPU time counted: does forking
    cost CPU?)."""
    base = [sys.executable, "-m", "l10n", "check", str(path), "--glossary", str(glossary)]
    one, default = [*base, "-j1"], base
    env, notes = child_env(path.parent, caches=True)
    for cmd in (one, default):
        timed(cmd, env)
    load_before = load_average()
    rows: list[tuple[float, float, float, float]] = []
    for _ in range(max(1, pairs)):
        o_wall, o_cpu, _ = timed(one, env)
        d_wall, d_cpu, _ = timed(default, env)
        rows.append((o_wall, o_cpu, d_wall, d_cpu))
    print(f"l10n check -j1 vs default jobs: {len(rows)} pairs after one warm-up run each, medians (min-max); "
          f"load average {load_before} before, {load_average()} after")
    for note in notes:
        print(f"  ({note})")
    for label, i in (("wall", 0), ("cpu", 1)):
        ones = [r[i] for r in rows]
        defaults = [r[i + 2] for r in rows]
        ratios = [o / d for o, d in zip(ones, defaults, strict=True)]
        print(f"  {label:<5} -j1 {statistics.median(ones):6.3f} s ({min(ones):.3f}-{max(ones):.3f})   "
              f"default {statistics.median(defaults):6.3f} s ({min(defaults):.3f}-{max(defaults):.3f})   "
              f"ratio {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")


def compare_main(argv: list[str] | None, *, description: str, build: Callable[[Path, int, int], set[str]],
                 entries: int, seed: int, repeat: int, label: str, write_help: str) -> int:
    """The command line both catalog benchmarks share (this one and ``bench_check_gov``):
    ``--write`` only writes the catalog, ``--default-check`` times every check against
    pofilter, paired; otherwise the numbers check, the command and ``pofilter -t numbers``
    run ``--repeat`` times on one catalog and the best times and catches are printed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--entries", type=int, default=entries)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--write", type=Path, help=write_help)
    parser.add_argument("--default-check", action="store_true",
                        help="time `l10n check` with every check and the glossary against pofilter, paired")
    parser.add_argument("--jobs-pairs", action="store_true",
                        help="time `l10n check -j1` against `l10n check` (default jobs: forks), paired")
    parser.add_argument("--pairs", type=int, default=5, help="pairs for --default-check and --jobs-pairs (default 5)")
    parser.add_argument("--no-cache", action="store_true",
                        help="with --default-check: l10n's caches off (L10N_CACHE_DIR=), every run a first run")
    parser.add_argument("--cold-pairs", action="store_true",
                        help="with --default-check: the other caches warm, the pair checks' kept results "
                             "removed before each l10n run (every entry new to the store)")
    args = parser.parse_args(argv)
    if args.write:
        corrupted = build(args.write, args.entries, args.seed)
        print(f"wrote {args.write}: {args.entries} entries, {len(corrupted)} corrupted")
        return 0
    if args.default_check or args.jobs_pairs:
        with tempfile.TemporaryDirectory() as tmp:
            catalog = Path(tmp) / f"{LOCALE}.po"
            build(catalog, args.entries, args.seed)
            print(f"{label}: {args.entries} entries")
            if args.jobs_pairs:
                jobs_one_vs_default(catalog, args.pairs)
            else:
                default_check_vs_pofilter(catalog, args.pairs, caches=not args.no_cache,
                                          cold_pairs=args.cold_pairs)
        return 0
    ours_times: list[float] = []
    pof_times: list[float] = []
    cli_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / f"{LOCALE}.po"
        corrupted = build(catalog, args.entries, args.seed)
        for _ in range(max(1, args.repeat)):
            elapsed, ours_flagged, findings = run_ours(catalog)
            ours_times.append(elapsed)
            elapsed, pof_flagged = run_pofilter(catalog, Path(tmp) / "pofilter-out.po")
            pof_times.append(elapsed)
            elapsed, cli_flagged = run_cli(catalog)
            cli_times.append(elapsed)
    ours_t, pof_t, cli_t = min(ours_times), min(pof_times), min(cli_times)
    total_bad = len(corrupted)
    print(f"{label}: {args.entries} entries, {total_bad} corrupted; best of {len(ours_times)} runs")
    print(f"{'tool':<24}{'seconds':>9}{'caught':>10}{'false alarms':>14}")
    for name, best, flagged in (("l10n numbers check", ours_t, ours_flagged),
                                ("l10n check (command)", cli_t, cli_flagged),
                                ("pofilter -t numbers", pof_t, pof_flagged)):
        print(f"{name:<24}{best:>9.2f}{len(flagged & corrupted):>6}/{total_bad}"
              f"{len(flagged - corrupted):>14}")
    print(f"ratio ours/pofilter: library {ours_t / pof_t:.2f}, command {cli_t / pof_t:.2f}  "
          f"({findings} findings in all)")
    return 0


def main(argv: list[str] | None = None) -> int:
    return compare_main(argv, description=__doc__.splitlines()[0], build=build_catalog, entries=ENTRIES,
                        seed=SEED, repeat=REPEAT, label="catalog",
                        write_help="only write the catalog to this path (to time the commands with an outside timer)")


if __name__ == "__main__":
    raise SystemExit(main())
