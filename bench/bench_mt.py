"""MT throughput: CTranslate2 thread layouts and batch sizes, our engine, and Argos's own path.

Every setting translates the same segments at the same beam size (4), length penalty
and output length, in paired rounds: each round runs every setting once, starting one
setting later each round, so a change in machine load hits them alike. A setting's
figure is the median of its rounds (with min–max); its ratio to our default is taken
round by round.

Settings:

- ``l10n default``: our engine as the translate stage runs it (:mod:`l10n.mt.threads`
  chooses the layout from the usable cores; the stage sends ``max(MT_CHUNK, replicas
  x batch size)`` sentences per call).
- ``l10n before``: the former setting: one replica on every core, batches of 1,024
  tokens, 64 sentences per call.
- ``replicas``: ``inter_threads`` = cores, ``intra_threads`` = 1; ``threads``:
  ``inter_threads`` = 1, ``intra_threads`` = cores; each at several batch sizes
  (sentences), CTranslate2 called with our engine's arguments.
- ``argos``: ``argostranslate.translate`` with its own settings (one replica,
  ``intra_threads`` 0 = CTranslate2's default, one ``translate_batch`` per sentence).
  Offline, Argos's sentence splitter (MiniSBD/Stanza/spaCy) would try to download a
  model, so it is replaced by one that returns its input as one sentence: our
  segmenter already made the sentences.

Without an installed real en→zh package, a random-weight package of the real Argos
en→zh size is built (Transformer-base: 6+6 layers, d_model 512, 8 heads, FFN 2048,
32,000 vocabulary, int8) and the output length is fixed to the mean source length
(min = max decoding length), because random weights never stop on their own or stop
at once. ``--keep DIR`` keeps the built package for the next run.

Run: ``python bench/bench_mt.py [--segments 256] [--pairs 5] [--batch-sizes 16 32 64]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the package builder shared with the tests

SEGMENTS = 256
PAIRS = 5
SEED = 7
BEAM_SIZE = 4
BATCH_SIZES = (16, 32, 64)
#: SentencePiece pieces trained on generated text; the model vocabulary is padded to 32,000.
BENCH_SP_VOCAB = 4000
CORPUS_LINES = 20_000
#: The SentencePiece corpus starts with this many benchmark segments (--segments up to
#: this many are a prefix of them), so a kept package fits any run.
CORPUS_SEGMENTS = 500
WARMUP_SEGMENTS = 4
#: The former engine setting: one replica, batches of this many source tokens.
BEFORE_BATCH_TOKENS = 1024

ORGS = ["The Government", "The Hong Kong Monetary Authority", "The Financial Secretary",
        "The Transport Department", "The Hospital Authority", "The Trade Development Council",
        "A spokesman for the Environmental Protection Department", "The Chief Executive",
        "The Securities and Futures Commission", "The Housing Authority"]
VERBS = ["announced", "said", "reported", "confirmed", "welcomed", "estimated", "noted",
         "reminded the public", "stressed", "disclosed"]
OBJECTS = ["that total expenditure would reach", "that revenue amounted to",
           "that the fund had allocated", "a surplus of", "a deficit of",
           "that investment in infrastructure totalled", "that reserves stood at",
           "that the new scheme would cost"]
AMOUNTS = ["HK$44.3 billion", "US$248 million", "HK$2.597 billion", "RMB 1.2 billion",
           "HK$750 million", "US$3.1 billion", "HK$18,500", "HK$12.6 billion"]
TAILS = ["for the financial year 2025-26", "in the first half of the year",
         "as at the end of September", "over the next five years",
         "compared with 2,292 applications last year", "according to preliminary figures",
         "and more than 2,200 visitors attended the opening ceremony on 1 September 2025",
         "while one-third of the funding will support innovation and technology",
         "and the ratio of applicants to places was 1:9",
         "with about 33 per cent of households receiving the subsidy"]
EXTRAS = ["", "", " Members of the public may visit www.info.gov.hk for details.",
          " The measures will take effect next Monday.",
          " Enquiries may be sent to press@example.gov.hk."]


def make_segments(count: int, seed: int = SEED) -> list[str]:
    """Press-release sentences of realistic length (15 to 45 words)."""
    rng = random.Random(seed)
    return [f"{rng.choice(ORGS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(AMOUNTS)} {rng.choice(TAILS)}.{rng.choice(EXTRAS)}"
            for _ in range(count)]


def make_corpus(segments: list[str]) -> list[str]:
    """Training text for the SentencePiece model: more sentences of the same kind.

    A real 32,000-piece model keeps common English words whole (about 1.3 pieces
    per word), so training on in-domain text gives realistic source lengths.
    """
    return segments + make_segments(CORPUS_LINES, seed=SEED + 1) + mtpkg_corpus()


def mtpkg_corpus() -> list[str]:
    import mtpkg

    return mtpkg.CORPUS.splitlines()


def prepare_package(work: Path) -> tuple[Any, bool]:
    """An installed en→zh package: the real one if present, else a random base-size one
    (built in ``work``, or found there from an earlier ``--keep`` run)."""
    from l10n.mt.packages import find_package, install_file

    real = find_package("en", "zh")
    if real is not None:
        return real, True
    import mtpkg

    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    kept = find_package("en", "zh")
    if kept is not None:
        print(f"reusing the random-weight package in {work}", flush=True)
        return kept, False
    print("no en→zh package installed: building a random-weight Transformer-base package "
          "(6+6 layers, d_model 512, 8 heads, FFN 2048, 32,000 vocabulary)...", flush=True)
    started = time.perf_counter()
    archive = mtpkg.build_argos_package(work / "build", shape=mtpkg.BASE,
                                        corpus=make_corpus(make_segments(CORPUS_SEGMENTS)),
                                        sp_vocab_size=BENCH_SP_VOCAB, sp_model_type="bpe")
    package = install_file(archive)
    print(f"  built and installed in {time.perf_counter() - started:.0f} s "
          f"({package.size_bytes / 1e6:.0f} MB)", flush=True)
    return package, False


def argos_translator(work: Path, decode_len: int | None) -> Any:
    """Argos's own translation object, its sentence splitter made a no-op.

    Argos reads settings and creates folders at import, so its folders are pointed
    at the work directory first.
    """
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(work / var.lower())
    import argostranslate.translate as argos_translate
    import ctranslate2

    class NoSplit:
        """Each segment is already one sentence."""

        def __init__(self, pkg: Any) -> None:
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    for name in ("MiniSBDSentencizer", "StanzaSentencizer", "SpacySentencizerSmall"):
        setattr(argos_translate, name, NoSplit)

    real_translator = ctranslate2.Translator

    class FixedLength:
        """Argos's CTranslate2 translator with the output length pinned."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.real = real_translator(*args, **kwargs)
            self.calls = 0

        @property
        def compute_type(self) -> str:
            return str(self.real.compute_type)

        def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
            self.calls += 1
            if decode_len is not None:
                kwargs.update(min_decoding_length=decode_len, max_decoding_length=decode_len)
            return self.real.translate_batch(tokens, **kwargs)

    argos_translate.ctranslate2 = SimpleNamespace(Translator=FixedLength)  # type: ignore[attr-defined]
    return argos_translate.get_translation_from_codes("en", "zh")


@dataclass(frozen=True)
class Setting:
    """One way to run the model: a CTranslate2 layout, a batch size and a call size."""

    label: str
    inter_threads: int
    intra_threads: int
    batch_size: int
    batch_type: str  # "examples" (sentences) or "tokens"
    per_call: int  # sentences per translate_batch call


@dataclass
class Row:
    """A setting's runner and what its rounds measured."""

    label: str
    run: Callable[[list[str]], list[str]]
    rates: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    #: The default's own setting run directly: the spread between the two is noise.
    control: bool = False


def direct_settings(cores: int, batch_sizes: Sequence[int]) -> list[Setting]:
    """The sweep: both layouts at each batch size, and the former engine setting."""
    from l10n.translate import MT_CHUNK

    before = f"l10n before (inter 1 x intra {cores}, {BEFORE_BATCH_TOKENS} tokens/batch, {MT_CHUNK}/call)"
    sweep = [Setting(before, 1, cores, BEFORE_BATCH_TOKENS, "tokens", MT_CHUNK)]
    for inter, intra, name in ((cores, 1, "replicas"), (1, cores, "threads")):
        for size in batch_sizes:
            per_call = max(MT_CHUNK, inter * size)
            sweep.append(Setting(f"{name}: inter {inter} x intra {intra}, batch {size}, {per_call}/call",
                                 inter, intra, size, "examples", per_call))
    return sweep


def direct_runner(package: Any, setting: Setting, decode_len: int | None) -> Callable[[list[str]], list[str]]:
    """CTranslate2 called with the engine's arguments and the setting's layout."""
    import ctranslate2
    import sentencepiece

    from l10n.mt.engine import LENGTH_PENALTY, MAX_DECODING_LENGTH, _detokenize

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_path))
    model = ctranslate2.Translator(str(package.model_dir), device="cpu", compute_type="int8",
                                   inter_threads=setting.inter_threads,
                                   intra_threads=setting.intra_threads)

    def run(texts: list[str]) -> list[str]:
        out: list[str] = []
        for start in range(0, len(texts), setting.per_call):
            tokens = [sp.encode(t, out_type=str) for t in texts[start:start + setting.per_call]]
            results = model.translate_batch(
                tokens, max_batch_size=setting.batch_size, batch_type=setting.batch_type,
                beam_size=BEAM_SIZE, num_hypotheses=1, length_penalty=LENGTH_PENALTY,
                max_decoding_length=decode_len or MAX_DECODING_LENGTH,
                min_decoding_length=decode_len or 0, replace_unknowns=True, return_scores=True)
            out += [_detokenize(sp, r.hypotheses[0]) for r in results]
        return out

    return run


def engine_runner(package: Any, decode_len: int | None) -> tuple[Setting, Callable[[list[str]], list[str]]]:
    """Our engine with its default layout, fed the way the translate stage feeds it."""
    from l10n.mt.engine import MAX_DECODING_LENGTH, CTranslate2Translator, wanted_per_call
    from l10n.translate import MT_CHUNK

    ours = CTranslate2Translator(package, beam_size=BEAM_SIZE,
                                 max_decoding_length=decode_len or MAX_DECODING_LENGTH,
                                 min_decoding_length=decode_len or 0)
    per_call = max(MT_CHUNK, wanted_per_call(ours))

    def run(texts: list[str]) -> list[str]:
        out: list[str] = []
        for start in range(0, len(texts), per_call):
            out += [h.value for h in ours.translate_batch(texts[start:start + per_call])]
        return out

    layout = ours.threads
    label = (f"l10n default (inter {layout.inter_threads} x intra {layout.intra_threads}, "
             f"batch {layout.batch_size}, {per_call}/call)")
    return Setting(label, layout.inter_threads, layout.intra_threads, layout.batch_size,
                   "examples", per_call), run


def argos_runner(work: Path, decode_len: int | None) -> tuple[str, Callable[[list[str]], list[str]]]:
    """Argos's own path, one ``translate`` (one CTranslate2 call) per sentence."""
    argos = argos_translator(work, decode_len)
    import argostranslate.settings as argos_settings

    label = (f"argos (inter {argos_settings.inter_threads} x intra {argos_settings.intra_threads}, "
             f"1 sentence/call)")
    return label, lambda texts: [argos.translate(t) for t in texts]


def build_rows(work: Path, package: Any, decode_len: int | None, cores: int,
               batch_sizes: Sequence[int], with_argos: bool) -> list[Row]:
    ours, run = engine_runner(package, decode_len)
    rows = [Row(ours.label, run)]
    for s in direct_settings(cores, batch_sizes):
        control = (s.inter_threads, s.intra_threads, s.batch_size, s.batch_type, s.per_call) == (
            ours.inter_threads, ours.intra_threads, ours.batch_size, ours.batch_type, ours.per_call)
        label = f"{s.label} = default, noise control" if control else s.label
        rows.append(Row(label, direct_runner(package, s, decode_len), control=control))
    if with_argos:
        label, run = argos_runner(work, decode_len)
        rows.append(Row(label, run))
    return rows


def measure(rows: list[Row], segments: list[str], pairs: int) -> None:
    """Paired rounds: every row once per round, starting one row later each round."""
    for row in rows:  # warm-up: loads the models, not timed
        row.run(segments[:WARMUP_SEGMENTS])
    for round_no in range(pairs):
        load = os.getloadavg()[0]
        shift = round_no % len(rows)
        for row in rows[shift:] + rows[:shift]:
            wall, cpu = time.perf_counter(), time.process_time()
            out = row.run(segments)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            row.rates.append(len(segments) / wall)
            row.cpu.append(cpu)
            row.outputs = out
            print(f"  {row.label}: {row.rates[-1]:.2f} segments/s", flush=True)
        print(f"round {round_no + 1}/{pairs} done (load average at its start {load:.2f}): "
              + ", ".join(f"{r.rates[-1]:.2f}" for r in rows) + " segments/s", flush=True)


def spread(values: Sequence[float], digits: int = 2) -> str:
    return (f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def print_table(rows: list[Row], segments: int) -> None:
    """Segments/s per row, and its ratio to our default taken round by round."""
    base = rows[0]
    # the best setting found; the control is the default itself and does not count
    best = max((r for r in rows if not r.control), key=lambda r: statistics.median(r.rates))
    print()
    print("| setting | segments/s, median (min–max) | × l10n default, per round | CPU s / segment |")
    print("|---|---|---|---|")
    for row in rows:
        ratios = [mine / ref for mine, ref in zip(row.rates, base.rates, strict=True)]
        cpu = statistics.median(row.cpu) / segments
        mark = " **(best)**" if row is best else ""
        print(f"| {row.label}{mark} | {spread(row.rates)} | {spread(ratios)} | {cpu:.3f} |")
    ours_vs_best = [ref / b for ref, b in zip(base.rates, best.rates, strict=True)]
    print(f"\nl10n default vs the best setting ({best.label}): {spread(ours_vs_best)} "
          f"(per round; goal ≥ 0.95)")
    others = [r for r in rows[1:] if not r.control]
    if best is base and others:  # then say how far the runner-up is
        second = max(others, key=lambda r: statistics.median(r.rates))
        lead = [ref / b for ref, b in zip(base.rates, second.rates, strict=True)]
        print(f"l10n default vs the next best ({second.label}): {spread(lead)}")
    for control in (r for r in rows if r.control):
        noise = [ref / c for ref, c in zip(base.rates, control.rates, strict=True)]
        print(f"l10n default vs the same setting run directly (noise): {spread(noise)}")
    same = {row.label: sum(a == b for a, b in zip(row.outputs, base.outputs, strict=True))
            for row in rows[1:]}
    print("outputs identical to l10n default's: "
          + "; ".join(f"{label}: {n}/{segments}" for label, n in same.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    parser.add_argument("--pairs", type=int, default=PAIRS, help="paired rounds (default 5)")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=list(BATCH_SIZES),
                        metavar="N", help="sentences per batch to sweep (default 16 32 64)")
    parser.add_argument("--no-argos", action="store_true", help="leave Argos's own path out")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="build the random package in DIR and reuse it next time")
    args = parser.parse_args(argv)

    from l10n.mt.threads import usable_cores

    segments = make_segments(args.segments)
    with tempfile.TemporaryDirectory(prefix="l10n-bench-") as tmp:
        work = Path(tmp)
        package, is_real = prepare_package(args.keep or work)
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_path))
        lengths = [len(sp.encode(s)) for s in segments]
        decode_len = None if is_real else round(statistics.mean(lengths))
        cores = usable_cores()
        rows = build_rows(work, package, decode_len, cores, args.batch_sizes, not args.no_argos)
        print(f"package: {package.path} ({'real' if is_real else 'random weights'}, "
              f"{package.size_bytes / 1e6:.0f} MB)")
        print(f"segments: {len(segments)}, source tokens mean {statistics.mean(lengths):.1f} "
              f"(min {min(lengths)}, max {max(lengths)}), output length "
              f"{'model decides' if decode_len is None else f'fixed at {decode_len} tokens'}, "
              f"beam {BEAM_SIZE}, usable cores {cores}, {args.pairs} paired rounds; "
              f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        measure(rows, segments, args.pairs)
        print_table(rows, len(segments))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
