"""Machine translation behind a small protocol, and its Argos/CTranslate2 engine.

Stages depend on :class:`Translator` only, so tests can use a fake, and engines
compose (:mod:`l10n.mt.compose` wraps one in an OpenCC conversion or a cache, as
Argos's own ``CachedTranslation`` wraps an ``ITranslation``). The Argos engine
runs an Argos package directly with CTranslate2: we already have sentences
(the segmenter made them), so Argos's own sentence splitter, which downloads a
model at first use, is not needed. Each ``translate_batch`` call hands CTranslate2 many sentences: it sorts them
by length, cuts them into batches and gives each model replica its own batch
(:mod:`l10n.mt.threads`), which is several times faster than Argos's one call per
sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .. import defaults
from ..errors import ModelError, ModelMissing
from .ctmodel import COMPUTE_TYPE, MODEL_FAILURES, open_model
from .packages import PackageInfo, find_package, list_broken
from .protect import PlaceholderStyle
from .threads import BATCH_TYPE, ThreadLayout, choose_layout

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

log = logging.getLogger(__name__)

#: Beam width; Argos uses 4 as well.
BEAM_SIZE = defaults.BEAM_SIZE
#: Longest output in tokens; press-release sentences are far shorter.
MAX_DECODING_LENGTH = 256
#: Shortest output in tokens (0: let the model stop when it wants).
MIN_DECODING_LENGTH = 0
#: Argos's length penalty, so scores and output match Argos's behaviour.
LENGTH_PENALTY = 0.2
SENTENCEPIECE_SPACE = "\u2581"


@dataclass(frozen=True)
class Hypothesis:
    """One translation and its model score (log-probability, length-penalised).

    ``truncated`` says the decoder stopped because the output reached the engine's
    ``max_decoding_length`` rather than because the model ended the sentence: the
    translation is probably cut short and must be reviewed.
    """

    value: str
    score: float
    truncated: bool = False


@runtime_checkable
class Translator(Protocol):
    """What the pipeline needs from a machine translation engine."""

    @property
    def name(self) -> str:
        """A short description for logs and PO comments, e.g. ``argos en→zh 1.9``."""
        ...

    @property
    def placeholder_style(self) -> PlaceholderStyle:
        """The placeholder token form this engine copies through unchanged."""
        ...

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        """Translate every text; one hypothesis per text, in input order.

        A model that cannot be loaded or run raises :class:`~l10n.errors.ModelError`.
        """
        ...


class CTranslate2Translator:
    """An Argos package run with CTranslate2 directly, loaded on first use (engine ``argos``)."""

    #: Marian/SentencePiece models copy rare all-capital Latin tokens (``QXZAA``).
    placeholder_style = PlaceholderStyle.LATIN_CAPS

    def __init__(
        self,
        package: PackageInfo,
        *,
        beam_size: int = BEAM_SIZE,
        max_decoding_length: int = MAX_DECODING_LENGTH,
        min_decoding_length: int = MIN_DECODING_LENGTH,
        threads: ThreadLayout | None = None,
    ) -> None:
        if beam_size < 1 or max_decoding_length < 1:
            raise ValueError("beam_size and max_decoding_length must be >= 1")
        self.package = package
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self.min_decoding_length = min_decoding_length
        self.threads = threads or choose_layout()
        self._model: ctranslate2.Translator | None = None
        self._tokenizer: sentencepiece.SentencePieceProcessor | None = None

    @property
    def name(self) -> str:
        return f"argos {self.package.from_code}→{self.package.to_code} {self.package.version}"

    @property
    def texts_per_call(self) -> int:
        """Sentences per :meth:`translate_batch` call that keep every replica busy."""
        return self.threads.texts_per_call

    @property
    def compute_type(self) -> str:
        """The compute type CTranslate2 resolved (``int8`` is int8_float32 on most CPUs)."""
        return str(self._load()[0].compute_type)

    def _load(self) -> tuple[ctranslate2.Translator, sentencepiece.SentencePieceProcessor]:
        """Load the model and tokenizer once; errors name the package folder and the fix."""
        if self._model is None or self._tokenizer is None:
            import sentencepiece

            where = str(self.package.path)
            try:
                tokenizer = sentencepiece.SentencePieceProcessor(
                    model_file=str(self.package.sentencepiece_path))
            except (OSError, RuntimeError) as exc:
                raise ModelError(f"cannot load the SentencePiece model ({exc})", path=where,
                                 hint=repair_hint(self.package)) from None
            model = open_model(self.package.model_dir, inter_threads=self.threads.inter_threads,
                               intra_threads=self.threads.intra_threads, where=where,
                               hint=repair_hint(self.package))
            log.debug("loaded %s (%s, %s)", self.name, COMPUTE_TYPE, self.threads.describe())
            self._model, self._tokenizer = model, tokenizer
        return self._model, self._tokenizer

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        """Translate all texts with a single CTranslate2 call; blank texts stay blank."""
        results: list[Hypothesis] = [Hypothesis("", 0.0)] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return results
        model, tokenizer = self._load()
        tokens = [tokenizer.encode(texts[i], out_type=str) for i in todo]
        prefix = self.package.target_prefix
        target_prefix = [[prefix] for _ in todo] if prefix else None
        try:
            outputs = self._decode(model, tokens, target_prefix)
        except MODEL_FAILURES as exc:
            raise ModelError(f"the CTranslate2 model failed ({type(exc).__name__}: {exc})",
                             path=str(self.package.path),
                             hint=repair_hint(self.package)) from None
        for index, output in zip(todo, outputs, strict=True):
            pieces = list(output.hypotheses[0])
            # CTranslate2 counts the target prefix in max_decoding_length and leaves the
            # end-of-sentence token out: a full-length hypothesis never ended on its own.
            truncated = len(pieces) >= self.max_decoding_length
            if prefix and pieces and pieces[0] == prefix:
                pieces = pieces[1:]
            score = float(output.scores[0]) if output.scores else 0.0
            results[index] = Hypothesis(_detokenize(tokenizer, pieces), score, truncated)
        return results

    def _decode(self, model: ctranslate2.Translator, tokens: list[list[str]],
                target_prefix: list[list[str]] | None) -> list[Any]:
        """One ``translate_batch`` call with the engine's settings."""
        return list(model.translate_batch(
            tokens,
            target_prefix=target_prefix,
            max_batch_size=self.threads.batch_size,
            batch_type=BATCH_TYPE,
            beam_size=self.beam_size,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            max_decoding_length=self.max_decoding_length,
            min_decoding_length=self.min_decoding_length,
            replace_unknowns=True,
            return_scores=True,
        ))


def wanted_per_call(engine: Translator) -> int:
    """Texts an engine asks for per ``translate_batch`` call (0: no preference).

    Optional, so engines written before it (and plugins) need not declare it: the
    CTranslate2 engine wants one batch per model replica, and the wrappers in
    :mod:`l10n.mt.compose` pass the wish of the engine they wrap through.
    """
    wanted = getattr(engine, "texts_per_call", 0)
    return wanted if isinstance(wanted, int) and not isinstance(wanted, bool) and wanted > 0 else 0


def repair_hint(package: PackageInfo) -> str:
    """How to fix a package that cannot be used: remove it, then install it again."""
    return pair_repair_hint(package.from_code, package.to_code)


def pair_repair_hint(from_code: str, to_code: str) -> str:
    """The remove-and-reinstall commands for a pair, for one-line error hints."""
    pair = f"{from_code} {to_code}"
    return (f"remove it with `l10n models remove {pair}` and install it again with "
            f"`l10n models install {pair}` or `l10n models install --file PATH.argosmodel`")


def _detokenize(tokenizer: sentencepiece.SentencePieceProcessor, pieces: Sequence[str]) -> str:
    """Pieces back to text; stray word-boundary marks become spaces, edges are trimmed."""
    text: str = tokenizer.decode_pieces(list(pieces))
    return text.replace(SENTENCEPIECE_SPACE, " ").strip()


def load_translator(from_code: str, to_code: str, *, beam_size: int = BEAM_SIZE,
                    threads: ThreadLayout | None = None) -> CTranslate2Translator:
    """The translator for an installed pair, or ModelMissing with the install command."""
    package = find_package(from_code, to_code)
    if package is None:
        broken = [b for b in list_broken() if b.pair == (from_code, to_code)]
        if broken:
            raise ModelError(
                f"the installed {from_code}→{to_code} package is broken ({broken[0].reason})",
                path=str(broken[0].path),
                hint=pair_repair_hint(from_code, to_code),
            )
        raise ModelMissing(
            f"no {from_code}→{to_code} translation model is installed",
            hint=f"run `l10n models install {from_code} {to_code}` or "
                 f"`l10n models install --file PATH.argosmodel`",
        )
    return CTranslate2Translator(package, beam_size=beam_size, threads=threads)
