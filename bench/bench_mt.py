"""Throughput of Argos Translate's own path against our batched CTranslate2 engine.

Both paths translate the same segments with the same package, beam size (4),
length penalty and output length. Argos translates one segment per
``translate_batch`` call; ours sends many segments per call, which CTranslate2
sorts and packs into token-sized batches. The two alternate in rounds of 100
segments (other processes may share the cores), then ours translates all
segments in a single call once more.

Offline, Argos's sentence splitter (MiniSBD/Stanza/spaCy) would try to download
a model, so it is replaced by one that returns its input as a single sentence:
the CTranslate2 call is what is timed. Without an installed real en→zh package,
a random-weight package of the real Argos en→zh size is built (Transformer-base,
32,000 vocabulary) and the output length is fixed to the mean source length
(min = max decoding length), because random weights never stop on their own or
stop at once.

Run: ``python bench/bench_mt.py [--segments 500]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the package builder shared with the tests

SEGMENTS = 500
SEED = 7
BEAM_SIZE = 4
#: SentencePiece pieces trained on generated text; the model vocabulary is padded to 32,000.
BENCH_SP_VOCAB = 4000
CORPUS_LINES = 20_000
WARMUP_SEGMENTS = 4
#: Segments per round; the two paths alternate round by round.
ROUND_SEGMENTS = 100

T = TypeVar("T")

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


def prepare_package(work: Path, segments: list[str]) -> tuple[Any, bool]:
    """An installed en→zh package: the real one if present, else a random base-size one."""
    from l10n.mt.packages import find_package, install_file

    real = find_package("en", "zh")
    if real is not None:
        return real, True
    import mtpkg

    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    print("no en→zh package installed: building a random-weight Transformer-base package "
          "(6+6 layers, d_model 512, 8 heads, FFN 2048, 32,000 vocabulary)...", flush=True)
    started = time.perf_counter()
    archive = mtpkg.build_argos_package(work / "build", shape=mtpkg.BASE,
                                        corpus=make_corpus(segments),
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


def timed(work: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """Run once; return (wall seconds, CPU seconds of all threads) and the result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def report(label: str, count: int, seconds: tuple[float, float]) -> None:
    print(f"{label}: {seconds[0]:.1f} s wall ({count / seconds[0]:.2f} segments/s), "
          f"{seconds[1]:.1f} s CPU", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    args = parser.parse_args(argv)

    from l10n.mt.engine import CTranslate2Translator

    segments = make_segments(args.segments)
    with tempfile.TemporaryDirectory(prefix="l10n-bench-") as tmp:
        work = Path(tmp)
        package, is_real = prepare_package(work, segments)
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_path))
        lengths = [len(sp.encode(s)) for s in segments]
        decode_len = None if is_real else round(statistics.mean(lengths))
        ours = CTranslate2Translator(
            package, beam_size=BEAM_SIZE,
            max_decoding_length=decode_len or 256, min_decoding_length=decode_len or 0)
        argos = argos_translator(work, decode_len)
        import argostranslate.settings as argos_settings

        print(f"package: {ours.name} at {package.path} ({'real' if is_real else 'random'})")
        print(f"segments: {len(segments)}, source tokens mean {statistics.mean(lengths):.1f} "
              f"(min {min(lengths)}, max {max(lengths)}), output length "
              f"{'model decides' if decode_len is None else f'fixed at {decode_len} tokens'}, "
              f"beam {BEAM_SIZE}, cores {os.cpu_count()}", flush=True)

        # Warm up (loads both models; loading is not timed).
        for text in segments[:WARMUP_SEGMENTS]:
            argos.translate(text)
        ours.translate_batch(segments[:WARMUP_SEGMENTS])
        argos_ct2 = argos.underlying.translator
        print(f"compute types: argos {argos_ct2.compute_type}, "
              f"ours {ours.compute_type}; threads: argos intra_threads="
              f"{argos_settings.intra_threads} (0 = CTranslate2's default), ours {ours.threads}",
              flush=True)

        # Other processes may share the two cores, so the paths alternate in rounds
        # and each total sums its rounds: a load change hits both alike. Each of our
        # rounds is one translate_batch call (CTranslate2 still packs ~35 segments
        # per batch); a final one-call run over all segments shows the same rate.
        argos_total = [0.0, 0.0]
        ours_total = [0.0, 0.0]
        argos_out: list[str] = []
        ours_out: list[str] = []
        calls_before = argos_ct2.calls
        ratios = []
        for start in range(0, len(segments), ROUND_SEGMENTS):
            chunk = segments[start:start + ROUND_SEGMENTS]
            a_time, a_out = timed(lambda chunk=chunk: [argos.translate(t) for t in chunk])
            o_time, o_out = timed(lambda chunk=chunk: ours.translate_batch(chunk))
            argos_out += a_out
            ours_out += [h.value for h in o_out]
            for total, spent in ((argos_total, a_time), (ours_total, o_time)):
                total[0] += spent[0]
                total[1] += spent[1]
            ratios.append(a_time[0] / o_time[0])
        argos_calls = argos_ct2.calls - calls_before
        report(f"argos, {argos_calls} translate_batch calls (one per segment)", len(segments),
               (argos_total[0], argos_total[1]))
        report(f"ours, {len(ratios)} translate_batch calls (one per round)", len(segments),
               (ours_total[0], ours_total[1]))
        print(f"speed-up: {argos_total[0] / ours_total[0]:.2f}x wall, "
              f"{argos_total[1] / ours_total[1]:.2f}x CPU time "
              f"(per round {min(ratios):.2f}x to {max(ratios):.2f}x wall)", flush=True)
        one_call, _ = timed(lambda: ours.translate_batch(segments))
        report("ours, all segments in one call", len(segments), one_call)
        same = sum(a == o for a, o in zip(argos_out, ours_out, strict=True))
        print(f"identical outputs (argos vs ours): {same}/{len(segments)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
