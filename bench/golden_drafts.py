"""``l10n`` run with the golden tests' drafts in place of the model's own (used by
``bench_pipeline.py --drafts golden``).

Why: the benchmarks' packages have random weights, whose drafts are noise full of digits
(about twenty times the numbers of a real draft), so the checks find ten times the
findings a real batch has and the JSON report of 2,000 releases grows to hundreds of
megabytes. Here the model still translates every batch (the batch costs what it costs),
but the drafts written are ``tests/pipeline_golden.py``'s: a third keep the English, a
third drop a protected amount or term, a third repeat one, so two entries in three have
findings, with the numbers of real text.

    python bench/golden_drafts.py -q run --config pipeline/nightly.toml --report out/report.json
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    # l10n first, from wherever the path finds it (``bench_pipeline.py --code DIR`` puts
    # another checkout first); then this checkout's ``tests`` package, ahead of any other
    # installed package of that name
    from l10n.cli import main as l10n_main
    from l10n.mt import Hypothesis, engine

    sys.path.insert(0, str(ROOT))
    from tests.pipeline_golden import GoldenTranslator

    translate = engine.CTranslate2Translator.translate_batch
    golden = GoldenTranslator()

    def costed(self: engine.CTranslate2Translator, texts: list[str]) -> list[Hypothesis]:
        translate(self, texts)
        drafts = golden.translate_batch(texts)
        golden.calls.clear()  # it records its calls for the tests; a batch needs none
        return drafts

    engine.CTranslate2Translator.translate_batch = costed  # type: ignore[method-assign]
    return l10n_main()


if __name__ == "__main__":
    sys.exit(main())
