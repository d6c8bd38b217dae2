"""How CTranslate2 spreads a run over the cores: replicas, threads per replica, batch size.

CTranslate2 offers two ways to use N cores: ``inter_threads`` replicas of the model
that each decode their own batch on one core, or one replica whose matrix products
use ``intra_threads`` cores. For a Transformer-base model at beam 4 the first was the
faster on 2 cores (``bench/bench_mt.py``; README, "MT threads"): the decoder's
per-step matrix products are small (one batch times four beams), so splitting them
across cores costs synchronisation at every step, while separate replicas never wait
for each other. The layout changes the speed only: outputs are the same (tested).
The default is therefore one replica per usable core, one thread each.

Replicas only help when a ``translate_batch`` call holds at least one batch per
replica, so the batch size is counted in sentences and :attr:`ThreadLayout.texts_per_call`
tells the caller how many sentences to send at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .. import defaults

#: CTranslate2's ``batch_type`` matching :attr:`ThreadLayout.batch_size`.
BATCH_TYPE = "examples"


@dataclass(frozen=True)
class ThreadLayout:
    """The settings ``ctranslate2.Translator`` and its ``translate_batch`` are given."""

    inter_threads: int  # model replicas, each decoding its own batch
    intra_threads: int  # cores each replica's matrix products use
    batch_size: int  # sentences per CTranslate2 batch

    def __post_init__(self) -> None:
        if min(self.inter_threads, self.intra_threads, self.batch_size) < 1:
            raise ValueError("inter_threads, intra_threads and batch_size must be 1 or more")

    @property
    def texts_per_call(self) -> int:
        """Sentences one ``translate_batch`` call needs so that every replica has a batch."""
        return self.inter_threads * self.batch_size

    def describe(self) -> str:
        """For logs: ``2 replicas x 1 thread, batches of 32 sentences``."""
        return (f"{self.inter_threads} replica(s) x {self.intra_threads} thread(s), "
                f"batches of {self.batch_size} sentences")


def usable_cores() -> int:
    """Cores this process may run on: its CPU affinity (a container's or ``taskset``'s
    limit) where the OS reports one, else every core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def choose_layout(inter_threads: int | None = None, intra_threads: int | None = None,
                  batch_size: int | None = None, *, cores: int | None = None) -> ThreadLayout:
    """The layout for a run: the values given, the others derived from the core count.

    With nothing given: one replica per core, one thread each. With only one of the two
    thread counts given, the other fills the remaining cores (at least 1), so
    ``intra_threads = 2`` on 8 cores gives 4 replicas of 2 threads.
    """
    n = cores if cores is not None else usable_cores()
    if inter_threads is None and intra_threads is None:
        inter, intra = n, defaults.MT_INTRA_THREADS_PER_REPLICA
    elif inter_threads is None:
        assert intra_threads is not None
        inter, intra = max(1, n // intra_threads), intra_threads
    elif intra_threads is None:
        inter, intra = inter_threads, max(1, n // inter_threads)
    else:
        inter, intra = inter_threads, intra_threads
    return ThreadLayout(inter, intra, batch_size if batch_size is not None else defaults.MT_BATCH_SIZE)
