"""The ``untranslated`` check: entries still without a translation (informational)."""

from __future__ import annotations

from ..model import Entry, Finding, Severity
from . import CheckEnv, finding, register


@register("untranslated", Severity.INFO, "entries with no translation yet")
def check_untranslated(entry: Entry, env: CheckEnv) -> list[Finding]:
    if entry.msgstr:
        return []
    return [finding(entry, "untranslated", Severity.INFO, "not translated yet")]
