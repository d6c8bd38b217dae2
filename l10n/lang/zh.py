"""Chinese: Hong Kong, Taiwan and Macao Traditional; Mainland and Singapore Simplified.

What is Chinese in l10n lives here or is reached from here: the locales and their
aliases, the number reader and renderer (``l10n.numbers.zh`` and
``l10n.numbers.render``, loaded on first use), the MT routes (Argos ``zt`` for
Traditional, ``zh`` for Simplified, and the OpenCC conversion that gives a region's
usage), the sentence joiner (no space next to a CJK character) and the Chinese-only
``script`` and ``punctuation`` checks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import defaults
from . import LanguageProfile, LocaleLike, LocaleSpec, Route, lazy, space_joiner

if TYPE_CHECKING:
    from ..model import Quantity

CODE = "zh"
TRADITIONAL_SCRIPT = "Hant"
#: Best first: ``zh-Hant`` means Hong Kong, ``zh-Hans`` the Mainland.
LOCALES: tuple[LocaleSpec, ...] = (
    LocaleSpec("zh-Hant-HK", ("zh-hk", "zh-hant")),
    LocaleSpec("zh-Hant-TW", ("zh-tw",)),
    LocaleSpec("zh-Hant-MO", ("zh-mo",)),
    LocaleSpec("zh-Hans-CN", ("zh-cn", "zh-hans", "zh")),
    LocaleSpec("zh-Hans-SG", ("zh-sg",)),
)

#: Argos's Simplified and Traditional Chinese models (target codes).
SIMPLIFIED_MODEL = "zh"
TRADITIONAL_MODEL = "zt"
DEFAULT_HANT_ROUTE = defaults.HANT_ROUTE  # ``[mt] hant_route``
#: The models a Traditional Chinese locale may use, best first, for each ``[mt] hant_route``.
#: When none is usable, the last one is the pair the run asks to install.
HANT_ROUTES: dict[str, tuple[str, ...]] = {
    "auto": (TRADITIONAL_MODEL, SIMPLIFIED_MODEL),
    "zt": (TRADITIONAL_MODEL,),
    "s2hk": (SIMPLIFIED_MODEL,),
}
#: The models a Simplified Chinese locale may use.
HANS_ROUTE: tuple[str, ...] = (SIMPLIFIED_MODEL,)
#: OpenCC configurations that give a region's Traditional usage, by (region, whether the
#: model wrote Simplified): Hong Kong and Macao take Hong Kong forms (s2hk, or t2hk on a
#: Traditional draft); Taiwan takes Taiwan forms and phrases (s2twp; a Traditional draft
#: is left as it is).
TW_REGION = "TW"
CONVERSIONS: dict[tuple[bool, bool], str | None] = {
    # (Taiwan?, from Simplified?) -> configuration
    (True, True): "s2twp",
    (True, False): None,
    (False, True): "s2hk",
    (False, False): "t2hk",
}

#: Characters next to which Chinese puts no space: CJK symbols and punctuation,
#: ideographs, and the full-width forms.
CJK_CLASS = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"


def is_traditional(locale: LocaleLike) -> bool:
    """Traditional characters (zh-Hant-*), else Simplified."""
    return locale.script == TRADITIONAL_SCRIPT


def conversion_for(region: str, *, from_simplified: bool) -> str | None:
    """The OpenCC configuration that gives a region's Traditional usage (see CONVERSIONS)."""
    return CONVERSIONS[(region == TW_REGION, from_simplified)]


def routes(locale: LocaleLike, hant_route: str = DEFAULT_HANT_ROUTE) -> tuple[Route, ...]:
    """A locale's candidate routes, best first (at least one)."""
    if not is_traditional(locale):
        return tuple(Route(model) for model in HANS_ROUTE)
    return tuple(Route(model, conversion_for(locale.region, from_simplified=model == SIMPLIFIED_MODEL))
                 for model in HANT_ROUTES[hant_route])


_render_zh = lazy("l10n.numbers.render", "render_zh")
_number_hint = lazy("l10n.numbers.render", "number_hint")


def render_number(quantity: Quantity, locale: LocaleLike) -> str | None:
    """An English quantity the Chinese way (443億港元), for the MT stage's placeholders."""
    rendered: str = _render_zh(quantity, traditional=is_traditional(locale))
    return rendered


def number_hints(source: str, locale: LocaleLike) -> list[str]:
    """``HK$44.3 billion = 443億港元``: amounts whose Chinese form changes magnitude."""
    hints: list[str] = _number_hint(source, traditional=is_traditional(locale))
    return hints


@functools.cache
def _number_pretest() -> Callable[[str], re.Match[str] | None]:
    from ..numbers.zh import MAYBE_NUMBER_ZH

    return MAYBE_NUMBER_ZH.search


def may_hold_number(text: str) -> bool:
    """Cheap pre-test: a digit, a Chinese numeral or magnitude (most entries have none)."""
    return _number_pretest()(text) is not None


PROFILE = LanguageProfile(
    code=CODE,
    name="Chinese",
    locales=LOCALES,
    number_hits=lazy("l10n.numbers.zh", "extract_zh_hits"),
    may_hold_number=may_hold_number,
    render_number=render_number,
    number_hints=number_hints,
    routes=routes,
    join=space_joiner(CJK_CLASS),
    model_codes=(SIMPLIFIED_MODEL, TRADITIONAL_MODEL),
    checks=frozenset({"script", "punctuation"}),
)


# -- determined text (l10n.determined): datelines, end lines, issue times, contact labels --
# Hong Kong Government release style. Dates use the CLDR "long" pattern of zh (y年M月d日,
# the same in Babel's zh_Hant_HK and zh_Hans_CN data) with the weekday in full-width
# brackets: CLDR's "full" pattern joins it without them (2025年3月7日星期五), so the
# weekday is a separate custom pattern. Times: CLDR's HH:mm is not the release style
# (香港時間18時45分), hence a custom pattern. Written as Babel patterns, by script.

#: Babel date pattern of a date, and of its weekday, as HK Government releases write them.
DATE_PATTERN = "y年M月d日"
WEEKDAY_PATTERN = "（EEEE）"
#: Babel time patterns of an issue time ("Issued at HKT 18:45"), by Traditional?
ISSUE_TIME_PATTERN: dict[bool, str] = {True: "'香港時間'H'時'mm'分'", False: "'香港时间'H'时'mm'分'"}
#: "Ends": the end of a release, and the separator before its date (Ends/Friday, ...).
END_MARK = "完"
END_SEPARATOR = "／"
#: Cities of datelines, lower-cased English -> (Traditional, Simplified).
DATELINE_CITIES: dict[str, tuple[str, str]] = {"hong kong": ("香港", "香港")}
DATELINE_SEPARATOR = "，"
#: Contact labels, lower-cased English without the colon -> (Traditional, Simplified).
#: Every word of ``l10n.segment.CONTACT_LABEL_WORDS`` is here (a test checks it); the
#: two messaging services keep their brand names, as HK releases print them.
CONTACT_LABELS: dict[str, tuple[str, str]] = {
    "tel": ("電話", "电话"), "telephone": ("電話", "电话"), "phone": ("電話", "电话"),
    "mobile": ("手提電話", "手机"), "mob": ("手提電話", "手机"),
    "fax": ("傳真", "传真"), "email": ("電郵", "电邮"), "e-mail": ("電郵", "电邮"),
    "website": ("網站", "网站"), "web": ("網站", "网站"), "url": ("網址", "网址"),
    "whatsapp": ("WhatsApp", "WhatsApp"), "wechat": ("微信", "微信"),
    "hotline": ("熱線", "热线"), "contact": ("聯絡", "联系"), "call": ("致電", "致电"),
    "enquiries": ("查詢", "查询"), "media enquiries": ("傳媒查詢", "媒体查询"),
}
LABEL_COLON = "："
#: Labels that are verbs ("Call 2123 4567"): no colon after them unless the source has one.
CONTACT_VERBS = frozenset({"call"})
#: "or" between two contact values ("Tel: 2123 4567 or 2123 4568").
CONTACT_OR = "或"
#: A contact line that ends with a full stop ("Fax: 2114 4900.") keeps one.
FULL_STOP = "。"


def by_script(pair: tuple[str, str], locale: LocaleLike) -> str:
    """The Traditional or the Simplified member of a (Traditional, Simplified) pair."""
    return pair[0] if is_traditional(locale) else pair[1]
