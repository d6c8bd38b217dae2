"""run_checks runs the pair checks (PAIR_CHECKS) once per distinct (msgid, msgstr) pair:
an entry repeating an earlier pair gets the same findings as if its checks had run on it,
with its own place (line, context, flags, fuzzy state), in the same order."""

from __future__ import annotations

import dataclasses

import pytest

from l10n.checks import _REGISTRY, PAIR_CHECKS, CheckEnv, FuzzyPolicy, all_checks, run_checks
from l10n.locales import parse_locale
from l10n.model import Entry, Finding

ENV = CheckEnv(parse_locale("zh-Hant-HK"), fuzzy=FuzzyPolicy.WARNING)
#: Pairs with findings of several pair checks (numbers, punctuation, placeholders, same,
#: script) and one with none.
PAIRS = [
    ("Start-ups raised HK$5 billion <1>here</1>.", "初創企業籌得6億港元"),
    ("The fund grew 12%, said Mr. Chan.", "基金增長了12%,陳先生说"),
    ("The Chairman welcomed the announcement.", "主席歡迎有關公布。"),
    ("Please read the annual report carefully", "Please read the annual report carefully"),
]


def _entries() -> list[Entry]:
    out = []
    for i in range(3):
        for j, (msgid, msgstr) in enumerate(PAIRS):
            line = 10 * (i * len(PAIRS) + j) + 1
            flags = ("fuzzy",) if i == 1 else ("ignore-numbers",) if i == 2 else ()
            out.append(Entry(msgid, msgstr, "x.po", line, f"c{i}", "fuzzy" in flags, (), flags, line + 2))
    return out


def _one_by_one(entries: list[Entry]) -> list[Finding]:
    """Every entry checked in a call of its own: no pair is ever a repeat."""
    return [f for e in entries for f in run_checks([e], ENV)]


def test_repeated_pairs_get_their_own_findings() -> None:
    entries = _entries()
    together = run_checks(entries, ENV)
    assert together == _one_by_one(entries)
    lines = {f.line for f in together}
    assert len(lines) > len(PAIRS)  # the repeats were reported at their own lines
    assert {f.check for f in together} >= {"numbers", "punctuation", "placeholders", "same", "script"}


@pytest.mark.parametrize("name", sorted(PAIR_CHECKS))
def test_a_pair_check_runs_once_per_pair(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    all_checks()
    calls: list[tuple[str, str]] = []
    real = _REGISTRY[name]

    def counted(entry: Entry, env: CheckEnv) -> list[Finding]:
        calls.append((entry.msgid, entry.msgstr))
        return real.run(entry, env)

    monkeypatch.setitem(_REGISTRY, name, dataclasses.replace(real, run=counted))
    run_checks(_entries(), ENV)
    assert sorted(calls) == sorted(PAIRS)
