"""Recall on the official dev pairs themselves (issue 10): change one figure of a
correct official Chinese sentence and the numbers check must call it an error.

The pairs are read where they lie (``../shared/dev/official-pairs.jsonl``, not copied
into the repository); the test is skipped without them. Every Arabic digit, and every
Chinese numeral that is part of an amount or a date (before 十/百/千/萬/億/年/月/日/時/成
or after a unit or zero), is changed to two other values. The only figures allowed to
slip through are those the English does not state at all (the Chinese adds 考察三日, "a
three-day visit", to a sentence whose English has no number): nothing can check them.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from l10n.checks import CheckEnv
from l10n.checks.numbers import check_numbers
from l10n.locales import parse_locale
from l10n.model import Entry, Severity

DEV_PAIRS = Path(__file__).resolve().parents[2] / "shared" / "dev" / "official-pairs.jsonl"
SIDES = (("zh_hant", "zh-Hant-HK"), ("zh_hans", "zh-Hans-CN"))
CN = "一二三四五六七八九"
FIGURE_RE = re.compile(r"\d|[一二三四五六七八九](?=[十百千萬万億亿年月日時时成])"
                       r"|(?<=[十百千萬万億亿〇零○])[一二三四五六七八九]")
#: (pair id, Chinese text around the figure) that no check can verify: the English has
#: no figure there.
UNCHECKABLE = {"newsgov-ce-bayarea-20170407-2"}


def _mutations(text: str, rng: random.Random) -> list[str]:
    out = []
    for m in FIGURE_RE.finditer(text):
        if text[max(0, m.start() - 2):m.start()].endswith(("星期", "週", "周")):
            continue
        old = m.group()
        for _ in range(2):
            new = (str((int(old) + rng.randrange(1, 10)) % 10) if old.isdigit()
                   else CN[(CN.index(old) + rng.randrange(1, 9)) % 9])
            out.append(text[:m.start()] + new + text[m.end():])
    return out


def test_every_changed_figure_in_official_sentences_is_an_error() -> None:
    if not DEV_PAIRS.exists():
        pytest.skip(f"official dev pairs not found at {DEV_PAIRS}")
    rng = random.Random(5)
    tried, missed = 0, []
    for line in DEV_PAIRS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for key, tag in SIDES:
            if not row.get(key) or row["id"] in UNCHECKABLE:
                continue
            env = CheckEnv(parse_locale(tag))
            for corrupted in _mutations(row[key], rng):
                tried += 1
                found = check_numbers(Entry(row["en"], corrupted, row["id"], 1), env)
                if not any(f.severity is Severity.ERROR for f in found):
                    missed.append((row["id"], corrupted))
    assert tried > 500
    assert missed == []


_SWAP_MAGNITUDE = {"萬": "億", "万": "亿", "億": "萬", "亿": "万"}


def _fact_changes(text: str) -> list[tuple[str, str]]:
    """The evaluation's kinds of corruption, each applied wherever it can be: magnitude
    (萬 ↔ 億), currency (元 → 美元), month and day swapped, year, percentage, decimal point
    moved, and a figure dropped."""
    out = []
    for m in re.finditer(r"[萬万億亿]", text):
        out.append(("magnitude", text[:m.start()] + _SWAP_MAGNITUDE[m.group()] + text[m.end():]))
    for m in re.finditer(r"(?<=\d)(?:港元|元)", text):
        out.append(("currency", text[:m.start()] + "美元" + text[m.end():]))
    for m in re.finditer(r"(\d{1,2})月(\d{1,2})日", text):
        if m.group(1) != m.group(2) and int(m.group(2)) <= 12:
            out.append(("swap", text[:m.start()] + f"{m.group(2)}月{m.group(1)}日" + text[m.end():]))
    for m in re.finditer(r"((?:19|20)\d\d)年", text):
        out.append(("year", text[:m.start()] + str(int(m.group(1)) + 1) + text[m.end() - 1:]))
    for m in re.finditer(r"(\d+(?:\.\d+)?)%", text):
        out.append(("percent", text[:m.start()] + f"{float(m.group(1)) + 1.5:g}%" + text[m.end():]))
    for m in re.finditer(r"(\d+)\.(\d)", text):
        out.append(("decimal", text[:m.start()] + m.group(1) + m.group(2) + text[m.end():]))
    for m in re.finditer(r"\d[\d,. ]*\d[萬万億亿]?|\d[萬万億亿]?", text):
        if text[max(0, m.start() - 1):m.start()] != "(":  # a phone's (852) is no figure
            out.append(("drop", text[:m.start()] + text[m.end():]))
    return out


def test_every_changed_fact_in_official_sentences_is_an_error() -> None:
    if not DEV_PAIRS.exists():
        pytest.skip(f"official dev pairs not found at {DEV_PAIRS}")
    tried, missed = 0, []
    for line in DEV_PAIRS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for key, tag in SIDES:
            if not row.get(key):
                continue
            env = CheckEnv(parse_locale(tag))
            for kind, corrupted in _fact_changes(row[key]):
                tried += 1
                found = check_numbers(Entry(row["en"], corrupted, row["id"], 1), env)
                if not any(f.severity is Severity.ERROR for f in found):
                    missed.append((kind, row["id"], corrupted))
    assert tried > 80
    assert missed == []
