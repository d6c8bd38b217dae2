"""Benchmark of the review site: 200 generated releases, the batch's own time for them
against the time to write their review site.

    .venv/bin/python bench/bench_review.py [--releases 200] [--mt base|tiny|none] [--keep DIR]

The releases are bench_pipeline.py's. The batch (``run_pipeline``, first run: extract,
update, translate, check, build) is timed, then the site ``l10n run`` writes beside its
report (``write_beside_report``: the run's findings, nothing checked again; forked
workers on a big site with enough cores), the same site written by one process and by
forked workers, the run's site written
again over the first (nothing changed: no page rendered; then one catalog newer: its
page only), each in a new process so that none finds the caches another warmed; then
the site written in the batch's own process, as ``l10n run --report`` does (what the
batch loaded is warm), and the site ``l10n review`` writes (it runs the checks itself).
Goal: the run's site in at most a tenth of the batch's time.

The batch's MT (``--mt``): ``base`` drafts with a model of the real Argos en→zh size
(Transformer-base, int8; ``bench_mt.py``'s random-weight package, built once and kept
with ``--keep DIR``), its output length fixed at ``--decode-len`` pieces because random
weights never end a sentence: the batch costs what a nightly batch with the real model
costs. The random model's own drafts are noise (``--drafts noise``: 29 numbers per draft
on average, against one or two in the English, so the site reads twenty times the
numbers a real draft holds); by default (``--drafts golden``) the model still translates
every batch, so the batch costs the same, but the drafts written are the golden tests'
(``tests/pipeline_golden.py``): a third keep the English, a third drop a protected amount
or term, a third repeat one, which puts findings on two entries in three with the
numbers of real text. ``tiny`` uses the test suite's small package (the real CTranslate2 path at a
fraction of the real model's cost: the batch is far cheaper than a real one); ``none``
runs TM and glossary only (the cheapest batch there is, so the hardest ratio). The machine's load is
printed: other work on the same cores slows the site and the batch alike, but takes
away the workers' gain.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import release_text  # noqa: E402

#: Run in a new process: write the site of a pickled run report, print its time and totals.
SITE_SCRIPT = """
import pickle, sys, time
from pathlib import Path
from l10n.review import site, write_beside_report
report = pickle.loads(Path(sys.argv[1]).read_bytes())
if sys.argv[3] == "one":
    site.PARALLEL_MIN_RELEASES = 10 ** 9
if sys.argv[3] == "forked":
    site.PARALLEL_MIN_CORES = 1
target = Path(sys.argv[2])
target.parent.mkdir(parents=True, exist_ok=True)
target.write_text("{}", encoding="utf-8")
t0 = time.perf_counter()
result = write_beside_report(target, report)
print(time.perf_counter() - t0, result.pages, result.errors, result.warnings)
"""


def _timed_site(saved: Path, report_path: Path, mode: str) -> tuple[float, int, int, int]:
    out = subprocess.run([sys.executable, "-c", SITE_SCRIPT, str(saved), str(report_path), mode],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), int(out[3])


def _base_model(keep: Path, decode_len: int, drafts: str) -> str:
    """Install bench_mt.py's base-size package (in ``keep``) and pin every draft's length;
    with ``drafts == "golden"`` the model still translates every batch (its cost is the
    batch's) but the drafts written are the golden tests' (``tests/pipeline_golden.py``)."""
    import bench_mt
    from pipeline_golden import GoldenTranslator

    from l10n.mt import engine

    package, real = bench_mt.prepare_package(keep)
    kwdefaults = engine.CTranslate2Translator.__init__.__kwdefaults__
    if not real:  # random weights never end a sentence: every draft gets decode_len pieces
        kwdefaults["min_decoding_length"] = kwdefaults["max_decoding_length"] = decode_len
    weights = "real weights" if real else f"random weights, {decode_len} pieces per draft"
    if drafts == "golden":
        translate = engine.CTranslate2Translator.translate_batch
        golden = GoldenTranslator()

        def costed(self: engine.CTranslate2Translator, texts: list[str]) -> list[engine.Hypothesis]:
            translate(self, texts)
            return golden.translate_batch(texts)

        engine.CTranslate2Translator.translate_batch = costed  # type: ignore[method-assign]
        weights += "; drafts written: the golden tests' (the model's cost, realistic numbers per draft)"
    return f"{package.name} {package.version}, Transformer-base size ({weights}; real CTranslate2 path)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--mt", choices=("base", "tiny", "none"), default="base")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="where the base-size package is built and kept (default: a new folder)")
    parser.add_argument("--drafts", choices=("golden", "noise"), default="golden",
                        help="with --mt base: write the golden tests' drafts (default) or the model's own")
    parser.add_argument("--decode-len", type=int, default=29,
                        help="output pieces per sentence with --mt base (default 29, the mean source length)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-review-"))
    rng = random.Random(7)
    (work / "releases").mkdir()
    for i in range(args.releases):
        (work / "releases" / f"release-{i:03d}.md").write_text(release_text(rng, i), encoding="utf-8")
    (work / "pipeline").mkdir()
    (work / "glossary").mkdir()  # in the project, where the run's site finds it
    shutil.copy(ROOT / "glossary" / "terms.tbx", work / "glossary" / "terms.tbx")
    (work / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = "glossary/terms.tbx"\n'
        f'[mt]\nenabled = {"false" if args.mt == "none" else "true"}\n', encoding="utf-8")
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.chdir(work)
    model = "none (TM and glossary only)"
    if args.mt == "base":
        model = _base_model(args.keep or work / "base-package", args.decode_len, args.drafts)
    elif args.mt == "tiny":
        from mtpkg import build_argos_package

        from l10n.mt import install_file

        info = install_file(build_argos_package(work / "pkg"))
        model = f"tiny random-weight package {info.name} (real CTranslate2 path)"
    from l10n.config import load_settings
    from l10n.pipeline import run_pipeline

    settings = load_settings(Path("pipeline/nightly.toml"))
    t0 = time.perf_counter()
    report = run_pipeline(settings)
    batch = time.perf_counter() - t0
    saved = work / "report.pickle"
    saved.write_bytes(pickle.dumps(report))
    # each site is written by a fresh process, so no variant finds caches another warmed
    run_site, pages, errors, warnings = _timed_site(saved, work / "out" / "report.json", "default")
    one_process = _timed_site(saved, work / "one-process" / "report.json", "one")[0]
    forked = _timed_site(saved, work / "forked" / "report.json", "forked")[0]
    # the run's site again over the one just written: nothing changed, then one catalog
    again = _timed_site(saved, work / "out" / "report.json", "default")[0]
    touched = Path(report.releases[0].locales[0].po)
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 120 * 10**9))  # another minute shown
    one_changed = _timed_site(saved, work / "out" / "report.json", "default")[0]
    # as `l10n run --report` writes it: in the batch's own process, right after the batch
    from l10n.review import site as site_module
    from l10n.review import write_beside_report

    in_run_report = work / "in-run" / "report.json"
    in_run_report.parent.mkdir()
    in_run_report.write_text("{}", encoding="utf-8")
    t0 = time.perf_counter()
    write_beside_report(in_run_report, report)
    in_run = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "l10n", "-q", "review", "-o", str(work / "review-command")], check=True)
    command_site = time.perf_counter() - t0
    units = sum(s.units for r in report.releases for s in r.locales)
    size = sum(p.stat().st_size for p in (work / "out" / "review").iterdir())
    print(f"releases: {args.releases}, catalogs: {pages}, units (all locales): {units}, MT: {model}")
    print(f"findings: {errors} error(s), {warnings} warning(s); site: {size / 1e6:.1f} MB in {work / 'out' / 'review'}")
    print(f"batch (first run):             {batch:8.2f} s")
    print(f"review site from the run:      {run_site:8.2f} s  ({run_site / batch:.1%} of the batch; goal <= 10%)")
    print(f"l10n review (checks again):    {command_site:8.2f} s  ({command_site / batch:.1%} of the batch; "
          "a new process, its start-up included)")
    print(f"site in the run's process:     {in_run:8.2f} s  ({in_run / batch:.1%} of the batch; "
          "as `l10n run --report` writes it)")
    print(f"site again, nothing changed:   {again:8.2f} s  ({again / batch:.1%} of the batch)")
    print(f"site again, one catalog newer: {one_changed:8.2f} s  ({one_changed / batch:.1%} of the batch)")
    print(f"review site, one process:      {one_process:8.2f} s  ({one_process / batch:.1%} of the batch; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    print(f"review site, forked workers:   {forked:8.2f} s  ({forked / batch:.1%} of the batch; "
          f"the default from {site_module.PARALLEL_MIN_CORES} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
