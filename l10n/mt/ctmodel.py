"""Loading a CTranslate2 model the way the engine runs it.

Its own module because both the engine (at run time) and the package installer (to
prove a ``model.bin`` loads before it is moved into place) need it, and the engine
already depends on the package index.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    import ctranslate2

DEVICE = "cpu"
#: Argos packages are quantised to int8; int8 is also the fastest on CPU.
COMPUTE_TYPE = "int8"
#: What CTranslate2 raises for a damaged ``model.bin``: measured on 48 truncated, garbage
#: and bit-flipped copies of a real model, it raised RuntimeError ("incomplete", "invalid
#: payload size"), ValueError ("Unknown model"), UnicodeDecodeError and IndexError
#: ("variable ... not found"). OSError covers unreadable files, MemoryError absurd sizes.
MODEL_FAILURES: tuple[type[Exception], ...] = (
    RuntimeError, ValueError, IndexError, KeyError, OSError, MemoryError)
#: The one-token check run at install: the model must load and decode a step.
PROBE_TOKENS = [["\u2581The"]]
PROBE_DECODING_LENGTH = 2


def open_model(model_dir: Path, *, intra_threads: int, where: str, inter_threads: int = 1,
               hint: str | None = None, probe: bool = False) -> ctranslate2.Translator:
    """Load a CTranslate2 model the way the engine runs it (CPU, int8): ``inter_threads``
    replicas of ``intra_threads`` threads each (see :mod:`l10n.mt.threads`).

    Every failure is a :class:`ModelError` naming ``where``: a damaged ``model.bin``
    raises several exception types from CTranslate2 (see :data:`MODEL_FAILURES`), and
    none may reach the user as a traceback. ``probe`` also decodes one token, so the
    installer knows the model runs, not only that it parses.
    """
    import ctranslate2

    try:
        model = ctranslate2.Translator(
            str(model_dir),
            device=DEVICE,
            compute_type=COMPUTE_TYPE,
            inter_threads=inter_threads,
            intra_threads=intra_threads,
        )
        if probe:
            model.translate_batch(PROBE_TOKENS, beam_size=1,
                                  max_decoding_length=PROBE_DECODING_LENGTH)
    except MODEL_FAILURES as exc:
        raise ModelError(f"cannot load the CTranslate2 model ({type(exc).__name__}: {exc})",
                         path=where, hint=hint) from None
    return model
