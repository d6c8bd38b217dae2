"""The ``glossary`` check: every source term carries its approved (or an admitted) rendering.

A thin wrapper over ``l10n.glossary.check_terms`` so the rules live in one place and
the MT stage, the CLI and this check agree on what a violation is.
"""

from __future__ import annotations

from ..glossary import Glossary, check_terms
from ..model import Entry, Finding, Severity
from . import CheckEnv, finding, register

NAME = "glossary"


@register(NAME, Severity.ERROR,
          "glossary terms use the approved rendering; forbidden and altered terms are errors")
def check_glossary(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Findings for one entry; none when no glossary is loaded or the entry is empty."""
    glossary = env.glossary
    if not isinstance(glossary, Glossary) or not entry.msgstr:
        return []
    return [finding(entry, NAME, Severity.ERROR, problem.message)
            for problem in check_terms(entry.msgid, entry.msgstr, glossary, env.locale)]
