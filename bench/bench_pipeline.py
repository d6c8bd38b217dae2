"""Benchmark of the nightly batch: 200 generated releases, a first run and a re-run.

    .venv/bin/python bench/bench_pipeline.py [--releases 200] [--mt tiny|none]

``--mt tiny`` installs a small real Argos-format package (built as the test suite
builds it) so the run exercises the real CTranslate2 path; ``none`` runs TM and
glossary only. Prints the time of the first run, of a re-run with no change, and
their ratio (goal: the re-run under 5 % of the first).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SUBJECTS = ["Cyberport", "The Harbour Lab", "The Innovation and Technology Commission", "Hong Kong Science Park",
            "The HKSAR Government", "The Cyberport Macro Fund"]
VERBS = ["announced", "reported", "confirmed", "celebrated", "launched"]
OBJECTS = ["a new programme for start-ups", "its annual results", "a partnership with GBA cities",
           "an artificial intelligence lab", "a FinTech sandbox", "a venture capital forum"]


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=200)
    parser.add_argument("--mt", choices=("tiny", "none"), default="tiny")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-"))
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
    from l10n.config import load_settings
    from l10n.pipeline import run_pipeline

    settings = load_settings(Path("pipeline/nightly.toml"))
    t0 = time.perf_counter()
    first = run_pipeline(settings)
    t1 = time.perf_counter()
    second = run_pipeline(settings)
    t2 = time.perf_counter()
    units = sum(s.units for r in first.releases for s in r.locales)
    print(f"releases: {args.releases}, units (all locales): {units}, MT: {model}")
    print(f"first run:  {t1 - t0:8.2f} s  ({first.mt_segments} segments machine-translated)")
    print(f"re-run:     {t2 - t1:8.2f} s  ({sum(r.status == 'unchanged' for r in second.releases)} unchanged, "
          f"{second.mt_segments} segments machine-translated)")
    print(f"ratio re-run/first: {(t2 - t1) / (t1 - t0):.1%} (goal < 5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
