"""Benchmark of the review site: 200 generated releases, the batch's own time for them
against the time to write their review site.

    .venv/bin/python bench/bench_review.py [--releases 200] [--mt tiny|none]

The releases are bench_pipeline.py's. The batch (``run_pipeline``, first run: extract,
update, translate, check, build) is timed, then the site ``l10n run`` writes beside its
report (``write_beside_report``: the run's findings, nothing checked again; forked
workers on a big site), then the site ``l10n review`` writes (it runs the checks
itself), then the run's site again written by one process. Goal: the run's site in at
most a tenth of the batch's time. The machine's load is printed: other work on the same
cores slows the site and the batch alike, but takes away the workers' gain.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import release_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--mt", choices=("tiny", "none"), default="tiny")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-review-"))
    rng = random.Random(7)
    (work / "releases").mkdir()
    for i in range(args.releases):
        (work / "releases" / f"release-{i:03d}.md").write_text(release_text(rng, i), encoding="utf-8")
    (work / "pipeline").mkdir()
    (work / "pipeline" / "nightly.toml").write_text(
        f'[sources]\npaths = ["releases"]\n[glossary]\npath = "{ROOT / "glossary" / "terms.tbx"}"\n'
        f'[mt]\nenabled = {"true" if args.mt == "tiny" else "false"}\n', encoding="utf-8")
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.chdir(work)
    model = "none (TM and glossary only)"
    if args.mt == "tiny":
        from mtpkg import build_argos_package

        from l10n.mt import install_file

        info = install_file(build_argos_package(work / "pkg"))
        model = f"tiny random-weight package {info.name} (real CTranslate2 path)"
    from l10n.cli import main as cli
    from l10n.config import load_settings
    from l10n.pipeline import run_pipeline
    from l10n.review import write_beside_report

    settings = load_settings(Path("pipeline/nightly.toml"))
    t0 = time.perf_counter()
    report = run_pipeline(settings)
    t1 = time.perf_counter()
    report_path = work / "out" / "report.json"
    report_path.write_text(json.dumps(report.as_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    t2 = time.perf_counter()
    site = write_beside_report(report_path, report)
    t3 = time.perf_counter()
    assert site is not None
    code = cli(["-q", "review", "-o", str(work / "out" / "review-command")])
    t4 = time.perf_counter()
    assert code == 0
    from l10n.review import site as site_module

    site_module.PARALLEL_MIN_RELEASES = 10 ** 9  # the same site, written by this process alone
    alone = work / "out" / "one-process"
    alone.mkdir()
    (alone / "report.json").write_bytes(report_path.read_bytes())
    t4 = time.perf_counter()
    one = write_beside_report(alone / "report.json", report)
    t5 = time.perf_counter()
    assert one is not None
    batch, run_site, command_site, one_process = t1 - t0, t3 - t2, t4 - t3, t5 - t4
    units = sum(s.units for r in report.releases for s in r.locales)
    size = sum(p.stat().st_size for p in (work / "out" / "review").iterdir())
    print(f"releases: {args.releases}, catalogs: {site.pages}, units (all locales): {units}, MT: {model}")
    print(f"findings: {site.errors} error(s), {site.warnings} warning(s); site: {size / 1e6:.1f} MB in {work / 'out' / 'review'}")
    print(f"batch (first run):             {batch:8.2f} s")
    print(f"review site from the run:      {run_site:8.2f} s  ({run_site / batch:.1%} of the batch; goal <= 10%)")
    print(f"l10n review (checks again):    {command_site:8.2f} s  ({command_site / batch:.1%} of the batch)")
    print(f"review site, one process:      {one_process:8.2f} s  ({one_process / batch:.1%} of the batch; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
