"""The ``untranslated`` check: entries still without a translation (informational)."""

from __future__ import annotations

from ..model import Entry, Finding, Severity
from ..pofile import is_joined
from . import CheckEnv, finding, register


@register("untranslated", Severity.INFO, "entries with no translation yet")
def check_untranslated(entry: Entry, env: CheckEnv) -> list[Finding]:
    """An entry joined to the previous one (``#, l10n-joined``) is translated by that
    entry's msgstr, so its own empty msgstr is not a gap."""
    if entry.msgstr or is_joined(entry.flags, entry.msgstr):
        return []
    return [finding(entry, "untranslated", Severity.INFO, "not translated yet")]
