"""Locale names: BCP 47 on the command line, POSIX/Babel form in folder names."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError

ALIASES: dict[str, str] = {
    "zh-hk": "zh-Hant-HK",
    "zh-tw": "zh-Hant-TW",
    "zh-mo": "zh-Hant-MO",
    "zh-cn": "zh-Hans-CN",
    "zh-sg": "zh-Hans-SG",
    "zh-hant": "zh-Hant-HK",
    "zh-hans": "zh-Hans-CN",
    "zh": "zh-Hans-CN",
}
SUPPORTED_LANGUAGES = frozenset({"zh"})  # target languages; the source is English
#: The script and region pairs we can produce (OpenCC and the models know these); an
#: unknown region (zh-Hant-XX) or script (zh-Latn-HK) is refused rather than half-supported.
SUPPORTED_LOCALES = ("zh-Hant-HK", "zh-Hant-TW", "zh-Hant-MO", "zh-Hans-CN", "zh-Hans-SG")
_SUPPORTED_PAIRS = frozenset(tuple(tag.split("-")[1:]) for tag in SUPPORTED_LOCALES)
SUPPORTED_HINT = f"supported: {', '.join(SUPPORTED_LOCALES)}; aliases zh-HK, zh-TW, zh-MO, zh-CN, zh-SG"


@dataclass(frozen=True)
class LocaleId:
    """A target locale such as zh-Hant-HK: language, script and region."""

    language: str
    script: str
    region: str

    @property
    def tag(self) -> str:
        return "-".join(p for p in (self.language, self.script, self.region) if p)

    @property
    def posix(self) -> str:
        return "_".join(p for p in (self.language, self.script, self.region) if p)

    @property
    def traditional(self) -> bool:
        return self.script == "Hant"

    def __str__(self) -> str:
        return self.tag


def parse_locale(value: str) -> LocaleId:
    """Accept BCP 47 (zh-Hant-HK), POSIX (zh_Hant_HK) and the aliases zh-HK, zh-TW, zh-CN."""
    raw = value.strip().replace("_", "-")
    key = raw.lower()
    if key in ALIASES:
        raw = ALIASES[key]
    parts = raw.split("-")
    language = parts[0].lower()
    script = ""
    region = ""
    for part in parts[1:]:
        if len(part) == 4 and part.isascii() and part.isalpha() and not script and not region:
            script = part.title()
        elif len(part) == 2 and part.isascii() and part.isalpha() and not region:
            region = part.upper()
        else:
            raise InputError(f"unknown locale {value!r}",
                             hint=SUPPORTED_HINT)
    if not language.isalpha() or language not in SUPPORTED_LANGUAGES:
        raise InputError(f"unsupported locale {value!r}", hint=SUPPORTED_HINT)
    if not script:
        script = "Hant" if region in {"HK", "TW", "MO"} else "Hans"
    if not region:
        region = "HK" if script == "Hant" else "CN"
    if (script, region) not in _SUPPORTED_PAIRS:
        raise InputError(f"unsupported locale {value!r}", hint=SUPPORTED_HINT)
    return LocaleId(language, script, region)
