"""Engines that wrap another engine: behaviour by wrapping, not by branching.

Argos's ``CachedTranslation`` and ``CompositeTranslation`` are the model: each class
here is a :class:`~l10n.mt.engine.Translator` built around another one, so a route
such as "the Simplified model, then OpenCC s2hk" is one composed object,
``Converted(Cached(argos en→zh), "s2hk")``, and the stage that uses it does not know
how it is made.
"""

from __future__ import annotations

from dataclasses import replace

from .engine import Hypothesis, Translator, wanted_per_call
from .protect import PlaceholderStyle
from .script import convert_script


class Converted:
    """Another engine's output converted with an OpenCC configuration (``s2hk``, ``t2hk``...).

    Placeholder tokens and inline tags pass through the conversion unchanged, so the
    wrapped engine's placeholder style is this engine's style too.
    """

    def __init__(self, inner: Translator, config: str) -> None:
        self.inner = inner
        self.config = config

    @property
    def name(self) -> str:
        return f"{self.inner.name} + OpenCC {self.config}"

    @property
    def placeholder_style(self) -> PlaceholderStyle:
        return self.inner.placeholder_style

    @property
    def texts_per_call(self) -> int:
        return wanted_per_call(self.inner)

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        return [replace(hyp, value=convert_script(hyp.value, self.config))
                for hyp in self.inner.translate_batch(texts)]


class Cached:
    """Another engine, memoised by input text for the life of this object (one run).

    The router wraps each model once and shares the wrapper between the routes that use
    it, so a sentence pending in the zh-Hans catalog and in the zh-Hant one (through
    OpenCC) goes to the model once: the stage no longer has to group its inputs by model.
    ``model_inputs`` counts the distinct texts sent to the model.
    """

    def __init__(self, inner: Translator) -> None:
        self.inner = inner
        self._memo: dict[str, Hypothesis] = {}
        self.model_inputs = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def placeholder_style(self) -> PlaceholderStyle:
        return self.inner.placeholder_style

    @property
    def texts_per_call(self) -> int:
        return wanted_per_call(self.inner)

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        """Translate, in one call to the wrapped engine, only the texts not seen before."""
        new = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if new:
            self.model_inputs += len(new)
            self._memo.update(zip(new, self.inner.translate_batch(new), strict=True))
        return [self._memo[t] for t in texts]
