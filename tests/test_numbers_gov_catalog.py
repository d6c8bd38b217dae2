"""The dense Government-style benchmark catalog as a test (issue 10).

``bench/bench_check_gov.py`` generates entries in official forms (億/萬 in digits and
Chinese numerals, financial years, end lines with weekdays and 時/分 clocks, month ranges
with the year written once, 成 ranges, space-grouped thousands) from its own templates,
plus corruptions that each change one fact. Every correct entry must pass and every
corrupted one must be an error; a different seed than the benchmark's keeps it honest.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from l10n.checks import CheckEnv
from l10n.checks.numbers import check_numbers
from l10n.locales import parse_locale
from l10n.model import Entry, Severity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_check_gov as gov  # noqa: E402

ENV = CheckEnv(parse_locale("zh-Hant-HK"))
CORRECT = 1500
CORRUPTED = 300
MUTATED = 2000


def _errors(english: str, chinese: str) -> list[str]:
    found = check_numbers(Entry(english, chinese, "gov", 1), ENV)
    return [f.message for f in found if f.severity is Severity.ERROR]


@pytest.mark.parametrize("seed", [7, 11])
def test_correct_government_entries_pass(seed: int) -> None:
    rng = random.Random(seed)
    alarms = []
    for _ in range(CORRECT):
        english, chinese = gov.make_pair(rng)
        if _errors(english, chinese):
            alarms.append((english, chinese, _errors(english, chinese)))
    assert alarms == []


@pytest.mark.parametrize("seed", [7, 11])
def test_corrupted_government_entries_are_caught(seed: int) -> None:
    rng = random.Random(seed)
    missed = []
    for n in range(CORRUPTED):
        english, chinese = gov.corrupt(rng, n)
        if not _errors(english, chinese):
            missed.append((english, chinese))
    assert missed == []


def test_warnings_are_rare_on_correct_entries() -> None:
    """Correct official-style entries are not buried in warnings either."""
    rng = random.Random(3)
    warned = 0
    for _ in range(CORRECT):
        english, chinese = gov.make_pair(rng)
        found = check_numbers(Entry(english, chinese, "gov", 1), ENV)
        warned += any(f.severity is Severity.WARNING for f in found)
    assert warned == 0


#: Characters a random corruption may change: digits and Chinese numerals, except the
#: weekday of 星期五 / 週五 (no quantity).
_MUTABLE_RE = re.compile(r"(?<!星期)(?<![週周])(?:\d|[一二三四五六七八九])")
_CN = "一二三四五六七八九"


@pytest.mark.parametrize("seed", [1, 2])
def test_any_single_digit_change_is_caught(seed: int) -> None:
    """Like the evaluation's "wrong digit": change one digit or Chinese numeral of a
    correct entry at random; the result must be an error (roundings with 約 included:
    a figure made more precise, or zeros spelt out after 萬, is no rounding)."""
    rng = random.Random(seed)
    missed = []
    for _ in range(MUTATED):
        english, chinese = gov.make_pair(rng)
        spots = list(_MUTABLE_RE.finditer(chinese))
        if not spots:
            continue
        spot = rng.choice(spots)
        old = spot.group()
        new = (str((int(old) + rng.randrange(1, 10)) % 10) if old.isdigit()
               else _CN[(_CN.index(old) + rng.randrange(1, 9)) % 9])
        corrupted = chinese[:spot.start()] + new + chinese[spot.end():]
        if not _errors(english, corrupted):
            missed.append((english, corrupted))
    assert missed == []
