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
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
        else:
            raise InputError(f"unknown locale {value!r}",
                             hint="use a BCP 47 tag such as zh-Hant-HK or zh-Hans-CN")
    if not language.isalpha() or language not in SUPPORTED_LANGUAGES:
        raise InputError(f"unsupported locale {value!r}",
                         hint="targets are zh-Hant-HK, zh-Hans-CN (aliases zh-HK, zh-TW, zh-CN)")
    if language == "zh" and not script:
        script = "Hant" if region in {"HK", "TW", "MO"} else "Hans"
    if language == "zh" and not region:
        region = "HK" if script == "Hant" else "CN"
    return LocaleId(language, script, region)
