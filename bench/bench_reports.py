"""Benchmark: the CI report formats on a catalog with thousands of findings.

Writes bench_check.py's generated zh_Hant_HK catalog with a tenth of its entries
corrupted (a machine-draft run gone wrong), checks it once (numbers only), then formats
the same report as text, JSON, JUnit XML, GitHub annotations and the GitHub job summary,
``--repeat`` times each, and prints the best time, the output's size, and what a CI
service would see: annotations per level, summary rows shown of all findings, JUnit
tests and whether their names are unique.

    python bench/bench_reports.py [--entries 20000] [--seed 7] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import _corrupt, _make_pair, write_catalog  # noqa: E402

from l10n.integrity import check_catalogs  # noqa: E402
from l10n.report import CheckReport, as_github, as_json, as_junit, as_text  # noqa: E402
from l10n.report_github import step_summary  # noqa: E402


def best(fn: Callable[[], str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20000, help="catalog entries (default 20000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the catalog")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each format; the best is shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "zh_Hant_HK.po"
        write_catalog(po, args.entries, args.seed, corrupted=args.entries // 10, prefix="u",
                      make_pair=_make_pair, corrupt=_corrupt)
        start = time.perf_counter()
        report: CheckReport = check_catalogs([po], select=["numbers", "currency"])
        checked = time.perf_counter() - start
    print(f"{args.entries} entries checked in {checked:.2f}s: {report.errors} errors, "
          f"{report.warnings} warnings, {len(report.findings)} findings")
    writers: dict[str, Callable[[], str]] = {
        "text": lambda: as_text(report), "json": lambda: as_json(report), "junit": lambda: as_junit(report),
        "github": lambda: as_github(report, summary_written=True),
        "summary": lambda: step_summary(report, fuzzy="error")}
    for name, fn in writers.items():
        seconds, out = best(fn, args.repeat)
        size = len(out.encode("utf-8"))
        extra = ""
        if name == "junit":
            names = [(c.get("classname"), c.get("name")) for c in etree.fromstring(out.encode()).iter("testcase")]
            extra = f"; {len(names)} tests, {len(set(names))} unique names"
        elif name == "github":
            lines = [line for line in out.splitlines() if line.startswith("::")]
            extra = f"; {len(lines)} annotation lines ({sum(' file=' in line for line in lines)} on findings)"
        elif name == "summary":
            rows = sum(1 for line in out.splitlines() if line.startswith("| ") and "| File |" not in line)
            extra = f"; {rows} of {len(report.findings)} findings in the table"
        print(f"{name:8} {seconds * 1000:8.1f} ms  {size / 1024:9.1f} KiB{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
