"""Determined text: units whose translation follows from their content, made by rule.

A dateline (``HONG KONG, March 3, 2025``), an end-of-release line (``Ends/Friday,
March 7, 2025``), an issue time (``Issued at HKT 18:45``) and a contact label (``Tel:``,
``Email: <1/>``) have exactly one correct Chinese form, fixed by the date, the time or a
small table. Sending them to machine translation only risks a wrong date, so the
translate stage writes them by rule, approved (not fuzzy), with a ``rendered by rule``
note; a translator's edit is never replaced (see :mod:`l10n.drafts`).

Dates and weekday names come from CLDR through Babel; the patterns, cities and labels
are the language profile's (``l10n.lang.zh``, Hong Kong Government release style). A
locale whose profile has no such data gets nothing here. A weekday that does not match
its date is not "determined": the unit is left to a person.
"""

from __future__ import annotations

import datetime as dt
import re
from types import ModuleType

from babel.dates import format_date, format_time

from .lang import zh
from .locales import LocaleId
from .spans import TAG

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTH = r"(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)"
_WEEKDAY = r"(?P<weekday>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
#: "March 3, 2025", "3 March 2025", "3 Mar 2025", each with an optional weekday first.
_DAY_FIRST = (rf"{_DAY.replace('day>', 'day2>')}\s+{_MONTH.replace('month>', 'month2>')},?\s+"
              rf"{_YEAR.replace('year>', 'year2>')}")
DATE = rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY_FIRST})"
DATELINE_RE = re.compile(rf"(?P<city>[A-Za-z][A-Za-z .]*?),\s+{DATE}\s*[-–—:]?", re.IGNORECASE)
BARE_DATE_RE = re.compile(DATE, re.IGNORECASE)
END_RE = re.compile(rf"Ends\.?(?:\s*/\s*{DATE})?", re.IGNORECASE)
ISSUE_RE = re.compile(r"Issued\s+at\s+HKT\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\.?", re.IGNORECASE)
#: One label of a contact line and its values: a label with a colon (``Tel:``) or before
#: values (``Tel <1/>``, ``Fax.: <1/> / <2/>``, ``Email: <1><2/></1>``, ``Hotline: 1823``).
#: The values are placeholders (``l10n.segment`` protects phones, e-mails and URLs), so
#: they are copied, never read; a line may hold several labels (``Tel: <1/> Fax: <2/>``).
CONTACT_PART_RE = re.compile(
    rf"(?P<label>[A-Za-z](?:[A-Za-z -]*[A-Za-z])?)\.?[ \t]*(?P<colon>:)?[ \t]*"
    rf"(?P<values>(?:{TAG}|[\d\s/,;()+-]|\bor\b)*)",
    re.IGNORECASE,
)
_OR_RE = re.compile(r"\s*\bor\b\s*", re.IGNORECASE)

_PROFILES: dict[str, ModuleType] = {"zh": zh}


def render(source: str, locale: LocaleId) -> str | None:
    """The rule-made translation of a whole unit, or None when it is not determined."""
    style = _PROFILES.get(locale.language)
    text = source.strip()
    if style is None or not text:
        return None
    for rule in (_end_line, _issue_time, _dateline, _bare_date, _contact):
        found = rule(text, locale, style)
        if found is not None:
            return found
    return None


def describe(source: str) -> str:
    """What kind of determined text ``source`` is, for the provenance note."""
    text = source.strip()
    kinds = ((END_RE, "end of release"), (ISSUE_RE, "issue time"), (DATELINE_RE, "dateline"),
             (BARE_DATE_RE, "date"))
    found = next((name for pattern, name in kinds if pattern.fullmatch(text)), None)
    if found is None and _contact_parts(text) is not None:
        return "contact label"
    return found or "determined text"


# -- dates ----------------------------------------------------------------------------

def _date(m: re.Match[str]) -> tuple[dt.date, str | None] | None:
    """The date a DATE match names and its weekday as written (None: no weekday)."""
    month, day, year = ((m["month"], m["day"], m["year"]) if m["month"] else (m["month2"], m["day2"], m["year2"]))
    try:
        date = dt.date(int(year), _MONTHS.index(month[:3].lower()) + 1, int(day))
    except ValueError:
        return None
    return date, m["weekday"]


def _format(m: re.Match[str], locale: LocaleId, style: ModuleType) -> str | None:
    """The date in release style; the weekday only when the source gives one (and it is right)."""
    found = _date(m)
    if found is None:
        return None
    date, weekday = found
    text = format_date(date, style.DATE_PATTERN, locale=locale.posix)
    if weekday is None:
        return text
    if _WEEKDAYS.index(weekday[:3].lower()) != date.weekday():
        return None  # "Friday, March 6": a slip a person must resolve
    return text + format_date(date, style.WEEKDAY_PATTERN, locale=locale.posix)


def _dateline(text: str, locale: LocaleId, style: ModuleType) -> str | None:
    m = DATELINE_RE.fullmatch(text)
    city = style.DATELINE_CITIES.get(m["city"].strip().lower()) if m else None
    if m is None or city is None:
        return None
    date = _format(m, locale, style)
    return None if date is None else style.by_script(city, locale) + style.DATELINE_SEPARATOR + date


def _bare_date(text: str, locale: LocaleId, style: ModuleType) -> str | None:
    m = BARE_DATE_RE.fullmatch(text)
    return _format(m, locale, style) if m else None


def _end_line(text: str, locale: LocaleId, style: ModuleType) -> str | None:
    m = END_RE.fullmatch(text)
    if m is None:
        return None
    if m["year"] is None and m["year2"] is None:
        return str(style.END_MARK)
    date = _format(m, locale, style)
    return None if date is None else style.END_MARK + style.END_SEPARATOR + date


def _issue_time(text: str, locale: LocaleId, style: ModuleType) -> str | None:
    m = ISSUE_RE.fullmatch(text)
    if m is None:
        return None
    try:
        time = dt.time(int(m["hour"]), int(m["minute"]))
    except ValueError:
        return None
    return format_time(time, style.ISSUE_TIME_PATTERN[style.is_traditional(locale)], locale=locale.posix)


def _contact_parts(text: str) -> list[re.Match[str]] | None:
    """The label-and-values parts that tile a contact line (a trailing full stop aside),
    or None when anything else is in it (a name, a word, an unknown label)."""
    text = text.removesuffix(".").rstrip()
    parts: list[re.Match[str]] = []
    pos = 0
    while pos < len(text):
        m = CONTACT_PART_RE.match(text, pos)
        if m is None or m.end() == pos or not (m["colon"] or m["values"].strip()):
            return None
        parts.append(m)
        pos = m.end()
    return parts or None


def _contact(text: str, locale: LocaleId, style: ModuleType) -> str | None:
    """Each label localised from the profile's table; values and separators copied."""
    parts = _contact_parts(text)
    if parts is None:
        return None
    out: list[str] = []
    stop = style.FULL_STOP if text.endswith(".") else ""
    for m in parts:
        key = m["label"].lower()
        label = style.CONTACT_LABELS.get(" ".join(key.split()))
        if label is None:
            return None
        colon = m["colon"] or key not in style.CONTACT_VERBS
        values = _OR_RE.sub(style.CONTACT_OR, m["values"].lstrip())
        out.append(style.by_script(label, locale) + (style.LABEL_COLON if colon else "") + values)
    return "".join(out).strip() + stop
