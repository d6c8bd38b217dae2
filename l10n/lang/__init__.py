"""Languages as profiles: everything the core needs to know about one target language.

A profile is one module per language (``lang/zh.py``, ``lang/ja.py``) that builds a
:class:`LanguageProfile` and is named in :data:`PROFILE_MODULES`. The core never tests a
language code: it asks the profile of a locale for

- the locales it serves (BCP 47 tags, aliases), best first: ``zh-Hant`` means
  ``zh-Hant-HK`` because Hong Kong is listed first (the project's default targets
  are a setting, ``l10n.defaults.TARGET_LOCALES``, not a language fact);
- the target-side number reader (``number_hits``) and the renderer the MT stage and
  the ``#. numbers:`` hints use (``render_number``, ``number_hints``);
- its MT routes (model codes, and the OpenCC conversion applied to a model's output);
- how sentences of one paragraph are joined (``join``: Chinese and Japanese put no
  space between sentences);
- its plural forms, from Babel's CLDR data (``plural_forms``);
- which language-specific checks apply (``checks``: the Chinese ``script`` and
  ``punctuation`` checks mean nothing for Japanese).

Adding a language is one module here plus a line in :data:`PROFILE_MODULES`, and its
tests (``tests/test_lang_profiles.py`` is the worked example, with Japanese).

Profiles are cheap to import (locale data and small functions only): the number
readers and Babel's data load on first use, so ``import l10n.locales`` stays fast.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..model import Quantity
    from ..numbers.common import Hit

__all__ = [
    "LanguageProfile", "LocaleLike", "LocaleSpec", "Route", "check_applies", "language_checks", "lazy", "no_hints",
    "no_rendering", "plural_forms", "profile_for", "profile_named", "profiles", "space_joiner",
]

#: The language profiles, by language code: one module each (``l10n.locales`` reads
#: them all when it is imported, to know every locale and alias).
PROFILE_MODULES: dict[str, str] = {
    "zh": "l10n.lang.zh",
    "ja": "l10n.lang.ja",
}
#: What a catalog without a locale (the template) says for its plural forms.
TEMPLATE_PLURAL_FORMS = "nplurals=1; plural=0;"


class LocaleLike(Protocol):
    """What a profile reads of a parsed locale (``l10n.locales.LocaleId``, which imports
    this package: the profiles name it by shape to keep the import graph one-way)."""

    @property
    def language(self) -> str: ...
    @property
    def script(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def posix(self) -> str: ...


@dataclass(frozen=True)
class LocaleSpec:
    """One locale a profile produces: its BCP 47 tag and the aliases that name it.

    An alias is matched case-insensitively, with ``_`` read as ``-`` (``zh-hk``).
    """

    tag: str
    aliases: tuple[str, ...] = ()

    @property
    def parts(self) -> tuple[str, str, str]:
        """(language, script, region); a part the tag leaves out is empty."""
        language, *rest = self.tag.split("-")
        script = next((p for p in rest if len(p) == 4), "")
        region = next((p for p in rest if len(p) == 2), "")
        return language, script, region


@dataclass(frozen=True)
class Route:
    """An MT route: a model (by its Argos target code) and the OpenCC configuration
    applied to the model's output, if any."""

    model: str
    conversion: str | None = None


NumberReader = Callable[[str], "list[Hit]"]
NumberRenderer = Callable[["Quantity", "LocaleLike"], "str | None"]
HintWriter = Callable[[str, "LocaleLike"], "list[str]"]
RouteTable = Callable[["LocaleLike", str], "tuple[Route, ...]"]
Joiner = Callable[[Sequence[str]], str]


@dataclass(frozen=True)
class LanguageProfile:
    """What the core asks about one target language (see the module docstring).

    ``locales`` are listed best first: a tag that names only some subtags (``zh-Hant``,
    ``ja``) resolves to the first listed locale that agrees with them.
    """

    code: str
    name: str
    locales: tuple[LocaleSpec, ...]
    number_hits: NumberReader
    may_hold_number: Callable[[str], bool]
    render_number: NumberRenderer
    number_hints: HintWriter
    routes: RouteTable
    join: Joiner
    #: The Argos target codes this language's routes may ask for (``l10n models install``).
    model_codes: tuple[str, ...] = ()
    #: Language-specific checks that apply to this language (see :func:`check_applies`).
    checks: frozenset[str] = field(default_factory=frozenset)

    def plural_forms(self, locale: LocaleLike) -> str:
        """The ``Plural-Forms`` header value, from Babel's CLDR data for the locale."""
        return plural_forms(locale.posix)


@functools.cache
def plural_forms(posix: str) -> str:
    """Babel's ``Plural-Forms`` for a POSIX locale name (``nplurals=1; plural=0;``)."""
    from babel.messages.plurals import get_plural

    return str(get_plural(posix))


@functools.cache
def profile_named(code: str) -> LanguageProfile | None:
    """The profile of a language code, or None when no profile serves it."""
    module = PROFILE_MODULES.get(code.lower())
    if module is None:
        return None
    profile: LanguageProfile = importlib.import_module(module).PROFILE
    return profile


def profiles() -> tuple[LanguageProfile, ...]:
    """Every language profile, in :data:`PROFILE_MODULES` order."""
    return tuple(p for code in PROFILE_MODULES if (p := profile_named(code)) is not None)


def profile_for(locale: LocaleLike) -> LanguageProfile:
    """The profile of a parsed locale (``parse_locale`` accepts only served languages)."""
    profile = profile_named(locale.language)
    if profile is None:  # pragma: no cover - a LocaleLike built by hand for an unknown language
        raise LookupError(f"no language profile for {locale.tag}")
    return profile


@functools.cache
def language_checks() -> frozenset[str]:
    """The checks some profile claims as language-specific; every other check is universal."""
    return frozenset().union(*(p.checks for p in profiles()))


def check_applies(check: str, locale: LocaleLike) -> bool:
    """True when a check runs for a locale: a universal check always, a language-specific
    one (``script``, ``punctuation``) only for the languages whose profile names it."""
    return check not in language_checks() or check in profile_for(locale).checks


def space_joiner(no_space: str) -> Joiner:
    """A sentence joiner: no space where either side is a character of the class
    ``no_space`` (a regex character class body), one space otherwise (between Latin
    words or figures)."""
    ends = re.compile(f"[{no_space}]$")
    starts = re.compile(f"^[{no_space}]")

    def join(texts: Sequence[str]) -> str:
        out = ""
        for text in texts:
            if out and not (ends.search(out) or starts.search(text)):
                out += " "
            out += text
        return out

    return join


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A module's function, imported on its first call: a profile names its number
    reader without paying for the reader's regexes until a check or hint needs them."""
    resolved: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not resolved:
            resolved.append(getattr(importlib.import_module(module), name))
        return resolved[0](*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = f"lazy({module}.{name})"
    return call


def no_rendering(quantity: Quantity, locale: LocaleLike) -> str | None:
    """For a profile with no renderer: the MT stage leaves amounts to the model."""
    return None


def no_hints(source: str, locale: LocaleLike) -> list[str]:
    """For a profile with no renderer: no ``#. numbers:`` hints."""
    return []
