"""Locale names: BCP 47 on the command line, POSIX/Babel form in folder names.

Which locales exist is the language profiles' business (``l10n.lang``): each lists the
locales it serves, best first, with their aliases. A tag naming only some subtags
(``zh-Hant``, ``zh_HK``, ``ja``) resolves to the first listed locale that agrees with
them; an unknown language, script or region (``fr-FR``, ``zh-Hant-XX``, ``zh-Latn-HK``)
is refused rather than half-supported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .errors import InputError
from .lang import LanguageProfile, LocaleSpec, profile_named, profiles

SCRIPT_LENGTH = 4
REGION_LENGTH = 2


def _aliases() -> dict[str, str]:
    return {alias: spec.tag for p in profiles() for spec in p.locales for alias in spec.aliases}


ALIASES: dict[str, str] = _aliases()
SUPPORTED_LANGUAGES = frozenset(p.code for p in profiles())  # target languages; the source is English
SUPPORTED_LOCALES: tuple[str, ...] = tuple(spec.tag for p in profiles() for spec in p.locales)
SUPPORTED_HINT = (f"supported: {', '.join(SUPPORTED_LOCALES)}; aliases "
                  f"{', '.join(sorted({a for a in ALIASES if '-' in a}))}")


@dataclass(frozen=True)
class LocaleId:
    """A target locale such as zh-Hant-HK or ja-JP: language, script (may be empty) and region."""

    language: str
    script: str
    region: str

    @cached_property
    def tag(self) -> str:
        """Computed once: a review site or a report asks a locale its tag on every row."""
        return "-".join(p for p in (self.language, self.script, self.region) if p)

    @cached_property
    def posix(self) -> str:
        return "_".join(p for p in (self.language, self.script, self.region) if p)

    @property
    def traditional(self) -> bool:
        """Traditional Chinese characters (the Chinese checks and renderings ask this)."""
        return self.script == "Hant"

    def __str__(self) -> str:
        return self.tag


def _subtags(value: str, raw: str) -> tuple[str, str, str]:
    """(language, script, region) as written; a malformed tag is an InputError."""
    parts = raw.split("-")
    script = ""
    region = ""
    for part in parts[1:]:
        if len(part) == SCRIPT_LENGTH and part.isascii() and part.isalpha() and not script and not region:
            script = part.title()
        elif len(part) == REGION_LENGTH and part.isascii() and part.isalpha() and not region:
            region = part.upper()
        else:
            raise InputError(f"unknown locale {value!r}", hint=SUPPORTED_HINT)
    return parts[0].lower(), script, region


def _served(profile: LanguageProfile, script: str, region: str) -> LocaleSpec | None:
    """The first locale of the profile that agrees with the subtags given."""
    for spec in profile.locales:
        _, spec_script, spec_region = spec.parts
        if (not script or script == spec_script) and (not region or region == spec_region):
            return spec
    return None


def parse_locale(value: str) -> LocaleId:
    """Accept BCP 47 (zh-Hant-HK), POSIX (zh_Hant_HK) and the profiles' aliases (zh-HK, zh-CN)."""
    raw = value.strip().replace("_", "-")
    raw = ALIASES.get(raw.lower(), raw)
    language, script, region = _subtags(value, raw)
    profile = profile_named(language) if language.isalpha() else None
    spec = _served(profile, script, region) if profile is not None else None
    if spec is None:
        raise InputError(f"unsupported locale {value!r}", hint=SUPPORTED_HINT)
    return LocaleId(*spec.parts)


def header_locale(metadata: Mapping[str, str], path: str) -> LocaleId:
    """The target locale a PO file's ``Language`` header names (``catalog.catalog_locale``
    of a parsed catalog; here, so that ``l10n check`` reads it without the catalog module
    and its merge machinery). No header, or a locale no profile serves, is an InputError
    naming the file."""
    lang = metadata.get("Language", "").strip()
    if not lang:
        raise InputError("PO file has no Language header", path=path,
                         hint='add "Language: zh_Hant_HK\\n" to the header')
    try:
        return parse_locale(lang)
    except InputError as exc:
        raise InputError(f"Language header: {exc.message}", path=path, hint=exc.hint) from None
