"""The memory's token index: which stored segments are worth scoring for a query.

A fuzzy lookup must not compare the query with every stored segment. Each source is
split into tokens (``text.index_tokens``) stored in ``tm_tokens``, with per-token
document counts in ``tm_token_df``; a lookup probes only the rarest query tokens and
keeps segments that share enough of them and whose length can still reach the threshold.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator

from .text import index_tokens, length_window, normalise

#: Probe tokens are taken rarest first until their postings exceed this budget ...
POSTINGS_BUDGET = 5_000
#: ... but at least this many are always taken, so a common-word query still ranks.
MIN_PROBE_TOKENS = 4
#: A candidate must contain at least this share of the probe tokens.
MIN_SHARED_FRACTION = 0.4
#: At most this many candidates reach SequenceMatcher: those sharing the most probe tokens,
#: each weighted 1/log2(1 + df) so a shared rare word counts for more than a shared common one.
MAX_CANDIDATES = 50
#: Queries without usable tokens ("2025", "—") fall back to scanning this many rows of the
#: right length.
FALLBACK_SCAN_LIMIT = 2_000
#: SQLite limits bound parameters; token lists are sent in chunks of this size.
SQL_CHUNK = 500


def _chunks(items: list[str], size: int = SQL_CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def add_postings(db: sqlite3.Connection, tag: str, segment_id: int, source: str) -> None:
    """Index a new segment: its tokens' postings, and their document counts."""
    tokens = sorted(index_tokens(source))
    db.executemany(
        "INSERT INTO tm_tokens (locale, token, segment_id) VALUES (?, ?, ?)",
        [(tag, token, segment_id) for token in tokens],
    )
    db.executemany(
        "INSERT INTO tm_token_df (locale, token, df) VALUES (?, ?, 1)"
        " ON CONFLICT (locale, token) DO UPDATE SET df = df + 1",
        [(tag, token) for token in tokens],
    )


def candidates(db: sqlite3.Connection, tag: str, source: str,
               threshold: float) -> Iterator[tuple[int, str, str, str, str]]:
    """Rows worth scoring: identical sources, plus segments of a reachable length that
    share enough of the query's rarest tokens (or, for token-less queries, a bounded
    scan of the reachable lengths)."""
    columns = "s.id, s.source, s.context, s.target, s.origin"
    seen: set[int] = set()
    for row in db.execute(
        f"SELECT {columns} FROM tm_segments s WHERE s.locale = ? AND s.source = ?",
        (tag, source),
    ):
        seen.add(row[0])
        yield row
    length = len(normalise(source))
    low, high = length_window(length, threshold)
    probe = _probe_tokens(db, tag, index_tokens(source))
    if probe:
        need = max(1, math.ceil(MIN_SHARED_FRACTION * len(probe)))
        values = ",".join(["(?, ?)"] * len(probe))
        weights = [item for token, df in probe for item in (token, 1 / math.log2(1 + df))]
        rows = db.execute(
            f"WITH probe (token, weight) AS (VALUES {values})"
            f" SELECT {columns} FROM (SELECT t.segment_id, COUNT(*) AS hits,"
            f" SUM(p.weight) AS weight FROM probe p JOIN tm_tokens t"
            f" ON t.locale = ? AND t.token = p.token GROUP BY t.segment_id"
            f" HAVING hits >= ?) AS c JOIN tm_segments s ON s.id = c.segment_id"
            f" WHERE s.length BETWEEN ? AND ?"
            f" ORDER BY c.weight DESC, ABS(s.length - ?), s.id DESC LIMIT ?",
            (*weights, tag, need, low, high, length, MAX_CANDIDATES),
        )
    else:
        rows = db.execute(
            f"SELECT {columns} FROM tm_segments s WHERE s.locale = ?"
            f" AND s.length BETWEEN ? AND ? ORDER BY s.id DESC LIMIT ?",
            (tag, low, high, FALLBACK_SCAN_LIMIT),
        )
    for row in rows:
        if row[0] not in seen:
            yield row

def _probe_tokens(db: sqlite3.Connection, tag: str, tokens: frozenset[str]) -> list[tuple[str, int]]:
    """The query tokens to look up: those present in the memory, rarest first, until
    POSTINGS_BUDGET postings (but at least MIN_PROBE_TOKENS tokens). A similar segment
    shares most tokens, the rare ones included, so rare tokens find it cheaply."""
    counts: list[tuple[int, str]] = []
    for chunk in _chunks(sorted(tokens)):
        marks = ",".join("?" * len(chunk))
        counts.extend(
            (df, token)
            for token, df in db.execute(
                f"SELECT token, df FROM tm_token_df WHERE locale = ? AND token IN ({marks})",
                (tag, *chunk),
            )
        )
    counts.sort()
    probe: list[tuple[str, int]] = []
    postings = 0
    for df, token in counts:
        if len(probe) >= MIN_PROBE_TOKENS and postings + df > POSTINGS_BUDGET:
            break
        probe.append((token, df))
        postings += df
    return probe[: SQL_CHUNK // 2]
