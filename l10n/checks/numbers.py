"""The ``numbers`` check: every source quantity must survive translation by value.

Reports ``numbers`` (a quantity lost or changed: error; an extra one in the target or a
dropped ordinal: warning) and ``currency`` (the value survived, the currency did not).
Most catalog entries hold no number at all, so a cheap test skips them before any
extraction runs.
"""

from __future__ import annotations

import functools

from ..lang import profile_for
from ..locales import LocaleId
from ..model import Entry, Finding, Severity
from ..numbers.compare import compare_hits
from ..numbers.en import extract_en_hits, may_hold_number
from . import CheckEnv, finding, register

__all__ = ["check_numbers"]

#: Extraction is linear, but an entry this long is no sentence (extract refuses units
#: over 10,000 characters): it is reported as not checked rather than read for seconds.
MAX_CHECKED_CHARS = 100_000

#: Distinct (source, target, locale) comparisons remembered per process; a few MB at most.
COMPARED_CACHE_SIZE = 8192

#: Which reported check name each kind of mismatch belongs to.
CHECK_OF_KIND: dict[str, str] = {
    "numbers": "numbers", "currency": "currency", "ordinal": "numbers", "extra": "numbers",
}


@register("numbers", Severity.ERROR,
          "numbers, amounts, dates and currencies keep their value in the translation")
def check_numbers(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Compare the quantities of msgid and msgstr; never raises, returns findings."""
    source, target = entry.msgid, entry.msgstr
    if not target:
        return []
    if not profile_for(env.locale).may_hold_number(target) and not may_hold_number(source):
        return []
    if len(source) + len(target) > MAX_CHECKED_CHARS:
        return [finding(entry, "numbers", Severity.WARNING,
                        f"not checked: the entry has {len(source) + len(target):,} characters, "
                        f"over the checker's limit of {MAX_CHECKED_CHARS:,}; split it, or "
                        "check its numbers by hand")]
    return [finding(entry, check, severity, message)
            for check, severity, message in _compared(source, target, env.locale)]


@functools.lru_cache(maxsize=COMPARED_CACHE_SIZE)
def _compared(source: str, target: str, locale: LocaleId) -> tuple[tuple[str, Severity, str], ...]:
    """(check, severity, message) of every mismatch between two texts.

    A function of the two texts and the target locale alone, so an entry repeated
    under another context or in another file (boilerplate, the release end line, a
    figure quoted twice) is extracted and compared once per process.
    """
    mismatches = compare_hits(extract_en_hits(source), profile_for(locale).number_hits(target),
                              traditional=locale.traditional, source_text=source, target_text=target)
    return tuple((CHECK_OF_KIND[m.kind], m.severity, m.message) for m in mismatches)
