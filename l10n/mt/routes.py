"""Which engine serves which locale: routes as data, and the router that composes them.

A route is a model code plus an optional OpenCC conversion of its output. A locale
has candidate routes in order of preference, which its language profile gives
(``l10n.lang.zh``: ``hant_route`` ``auto`` tries the Traditional model ``zt`` first,
then the Simplified one ``zh`` through OpenCC; ``l10n.lang.ja``: Argos ``ja``). The
translate stage asks :meth:`Engines.route` for a locale's translator and gets a
composed engine (``Converted(Cached(model), "s2hk")``) or ``None``, with the pair to
install (``missing``) or the package to repair (``broken``) recorded once.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ModelError, ModelMissing
from ..lang import Route, profile_for
from ..lang.zh import DEFAULT_HANT_ROUTE, HANS_ROUTE, HANT_ROUTES, SIMPLIFIED_MODEL, TRADITIONAL_MODEL
from ..locales import LocaleId
from .compose import Cached, Converted
from .engine import BEAM_SIZE, Translator
from .registry import DEFAULT_ENGINE, engine_factory, takes_threads
from .threads import ThreadLayout

__all__ = ["DEFAULT_HANT_ROUTE", "HANS_ROUTE", "HANT_ROUTES", "SIMPLIFIED_MODEL", "SOURCE_CODE",
           "TRADITIONAL_MODEL", "Engines", "Route", "broken_model_message", "default_engines", "routes_for"]

SOURCE_CODE = "en"


def routes_for(locale: LocaleId, hant_route: str = DEFAULT_HANT_ROUTE) -> tuple[Route, ...]:
    """A locale's candidate routes, best first, from its language profile (``l10n.lang``)."""
    return profile_for(locale).routes(locale, hant_route)


class Engines:
    """Loads each model once per run, composes each route once, and remembers which
    pairs are missing or broken.

    ``factory(from_code, to_code)`` builds a model's engine; it raises ``ModelMissing``
    when the pair is not installed and ``ModelError`` when it is but cannot be used. A
    broken package (unreadable folder, or a model that fails to load or run) must not
    stop the batch: it is recorded once in ``broken`` (model code -> one-line message)
    and treated like a missing model, so memory, glossary and checks still run.
    """

    def __init__(self, factory: Callable[[str, str], Translator], *,
                 hant_route: str = DEFAULT_HANT_ROUTE) -> None:
        self._factory = factory
        self._models: dict[str, Cached | None] = {}
        self._composed: dict[Route, Translator] = {}
        self._model_of: dict[Translator, str] = {}
        self.missing: list[str] = []
        self.broken: dict[str, str] = {}
        self.hant_route = hant_route

    def get(self, code: str) -> Translator | None:
        """The model for ``en→code`` (memoised for the run), or None if missing or broken."""
        if code not in self._models:
            try:
                self._models[code] = Cached(self._factory(SOURCE_CODE, code))
            except ModelMissing:
                self._models[code] = None
            except ModelError as exc:
                self.mark_broken(code, exc)
        return self._models.get(code)

    def mark_broken(self, code: str, error: ModelError) -> None:
        """Stop using a model for the rest of the run; keep the first reason only."""
        self._models[code] = None
        self.broken.setdefault(code, broken_model_message(error, code))

    def failed(self, translator: Translator, error: ModelError) -> None:
        """A composed engine raised: the model under it is broken for the rest of the run."""
        self.mark_broken(self._model_of[translator], error)

    def usable(self, translator: Translator) -> bool:
        """False once the model under a composed engine has been marked broken."""
        return self._models.get(self._model_of[translator]) is not None

    def route(self, locale: LocaleId) -> Translator | None:
        """The composed engine that serves a locale, or None when no model serves it."""
        candidates = routes_for(locale, self.hant_route)
        for route in candidates:
            model = self.get(route.model)
            if model is not None:
                return self._compose(route, model)
        self._note_missing(candidates[-1].model if candidates else locale.language)
        return None

    @property
    def model_inputs(self) -> int:
        """Distinct texts sent to the models so far (each model counts its own)."""
        return sum(model.model_inputs for model in self._models.values() if model is not None)

    def _compose(self, route: Route, model: Translator) -> Translator:
        """One engine per route and run, so the stage can batch by engine."""
        if route not in self._composed:
            engine: Translator = Converted(model, route.conversion) if route.conversion else model
            self._composed[route] = engine
            self._model_of[engine] = route.model
        return self._composed[route]

    def _note_missing(self, code: str) -> None:
        pair = f"{SOURCE_CODE}→{code}"
        if code not in self.broken and pair not in self.missing:
            self.missing.append(pair)


def broken_model_message(error: ModelError, to_code: str) -> str:
    """One plain line for a package that cannot be used: its folder, why, and the fix.

    Errors from the engine already carry the remove-and-reinstall hint; any other one
    gets the same advice here, so the line always says what to do.
    """
    if error.hint and "l10n models remove" in error.hint:
        return error.format_message()
    where = f"{error.path}: " if error.path else ""
    return (f"{where}{error.message} (remove it with `l10n models remove en {to_code}` and install "
            f"it again with `l10n models install en {to_code}` or "
            f"`l10n models install --file PATH.argosmodel`)")


def default_engines(beam_size: int = BEAM_SIZE, hant_route: str = DEFAULT_HANT_ROUTE,
                    engine: str = DEFAULT_ENGINE, threads: ThreadLayout | None = None) -> Engines:
    """The router for a run: the named engine (see :mod:`l10n.mt.registry`) for every model.

    ``threads`` (None: chosen from the core count by the engine) reaches engines whose
    factory takes it; the others run as they always did.
    """
    factory = engine_factory(engine)
    if threads is not None and takes_threads(factory):
        return Engines(lambda src, dst: factory(src, dst, beam_size=beam_size, threads=threads),  # type: ignore[call-arg]
                       hant_route=hant_route)
    return Engines(lambda src, dst: factory(src, dst, beam_size=beam_size), hant_route=hant_route)
