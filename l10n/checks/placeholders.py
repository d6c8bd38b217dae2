"""The ``placeholders`` check: every inline tag of the source is in the translation."""

from __future__ import annotations

from ..inline import tag_multiset
from ..model import Entry, Finding, Severity
from . import CheckEnv, finding, register


@register("placeholders", Severity.ERROR, "inline markup tags <n>, </n>, <n/> kept exactly")
def check_placeholders(entry: Entry, env: CheckEnv) -> list[Finding]:
    if "<" not in entry.msgid and "<" not in entry.msgstr:
        return []  # no tag in either text (every tag starts with "<"): nothing to compare
    src = tag_multiset(entry.msgid)
    dst = tag_multiset(entry.msgstr)
    if src == dst:
        return []
    missing = [t for t in src if dst.get(t, 0) < src[t]]
    extra = [t for t in dst if src.get(t, 0) < dst[t]]
    parts = []
    if missing:
        parts.append(f"missing {' '.join(missing)}")
    if extra:
        parts.append(f"unexpected {' '.join(extra)}")
    return [finding(entry, "placeholders", Severity.ERROR,
                    f"markup tags differ: {'; '.join(parts)} (the build keeps the source sentence)")]
