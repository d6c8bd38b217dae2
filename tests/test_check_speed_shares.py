"""A forked check splits a catalog by source: every entry of one source in one process
(so a repeated sentence is checked once, not once per process), each share in catalog
order, every entry once; the findings come back in catalog order, as a serial run has
them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import integrity
from l10n.checks import CheckEnv, run_checks
from l10n.locales import parse_locale
from l10n.model import Entry


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.integers(2, 4),
       st.sampled_from([0.0, 0.01, 0.3, 1.0, 5.0]), st.sampled_from([0.0, 0.02, 0.5, 1.0]))
def test_source_shares_keep_a_source_together(sources: list[int], count: int, in_order: float,
                                              others: float) -> None:
    items = [Entry(f"source {s}", "譯文", "x.po", i + 1) for i, s in enumerate(sources)]
    mine, shares = integrity._source_shares(items, count, in_order, others)
    every = [mine, *shares]
    assert sorted(e.line for share in every for e in share) == [e.line for e in items]
    for share in every:
        assert [e.line for e in share] == sorted(e.line for e in share)
    owner = {e.msgid: n for n, share in enumerate(every) for e in share}
    assert all(owner[e.msgid] == n for n, share in enumerate(every) for e in share)
    assert len(shares) <= count - 1


def test_forked_findings_in_serial_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources repeated far apart, findings of several checks: the same list as serial."""
    pairs = [("It raised HK$44.3 billion.", "籌得443億港元。"), ("Visit <1>us</1>.", "請瀏覽我們。"),
             ("No numbers here.", "這裏沒有數字。"), ("It raised HK$44.3 billion.", "籌得44.3億港元。"),
             ("A further $2 million (HK).", "再提供200萬元(香港)")]
    items = [Entry(*pairs[(i * 7) % len(pairs) if i % 3 else i % 2], "x.po", 2 * i + 1) for i in range(60)]
    env = CheckEnv(parse_locale("zh-HK"))
    serial = run_checks(items, env, None)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0)
    assert serial
    for workers in (2, 3):
        assert integrity.run_checks_parallel(items, env, None, workers=workers) == serial
