"""Machine translation engines by name: ``[mt] engine = "argos"`` picks one here.

An engine is a factory ``(from_code, to_code, *, beam_size) -> Translator``; a class
whose constructor has that signature is its own factory. Language codes are the
route's model codes (:mod:`l10n.mt.routes`): Argos's ``zh`` (Simplified Chinese)
and ``zt`` (Traditional); an engine that names languages otherwise maps them. A
factory raises :class:`~l10n.errors.ModelMissing` for a pair it cannot serve (the
run says which pair to install) and :class:`~l10n.errors.ModelError` for one that is
installed but unusable (the run names it once and goes on without it).

A factory that also takes a ``threads`` keyword (a :class:`~l10n.mt.threads.ThreadLayout`,
as ``argos`` does) is given the ``[mt] inter_threads``/``intra_threads``/``batch_size``
settings; other engines are called without it.

Adding an engine is one class plus one line in :data:`ENGINES`; see
``tests/test_engine_plugin.py`` for a worked example.
"""

from __future__ import annotations

import inspect
from typing import Protocol

from .. import defaults
from ..errors import ConfigError
from .engine import Translator, load_translator

DEFAULT_ENGINE = defaults.MT_ENGINE


class EngineFactory(Protocol):
    """Builds the engine for one language pair (called once per pair and run)."""

    def __call__(self, from_code: str, to_code: str, *, beam_size: int) -> Translator: ...


#: Every engine the configuration may name.
ENGINES: dict[str, EngineFactory] = {
    DEFAULT_ENGINE: load_translator,
}


def engine_names() -> tuple[str, ...]:
    """The registered names, sorted, for messages and validation."""
    return tuple(sorted(ENGINES))


def takes_threads(factory: EngineFactory) -> bool:
    """Whether a factory accepts the ``threads`` keyword (a thread layout)."""
    try:
        parameters = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature
        return False
    return any(p.name == "threads" and p.kind is not p.POSITIONAL_ONLY or p.kind is p.VAR_KEYWORD
               for p in parameters)


def engine_factory(name: str) -> EngineFactory:
    """The factory registered under ``name``, or a configuration error naming the choices."""
    try:
        return ENGINES[name]
    except KeyError:
        raise ConfigError(f"unknown machine translation engine {name!r}",
                          hint=f"known engines: {', '.join(engine_names())}") from None
