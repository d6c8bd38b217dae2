"""Folder locks: flocks on the folders themselves.

Every command that writes catalogs or state holds an exclusive lock on the folders it
writes (``locales/``, the state folder, the translation memory's folder); commands that
only read catalogs hold a shared one. The lock is taken on the protected folder itself
(an flock on its directory descriptor), so two configurations that share ``locales/``
exclude each other even when their state folders differ, and no lock file is ever left
in a folder people commit. A folder that does not exist yet is protected through its
nearest existing parent, so a command refused for bad input creates nothing. An flock
dies with its process: a killed run never leaves a stale lock. Folders are locked in one
global order (sorted absolute paths), so two commands cannot deadlock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import LockHeld

POLL_SECONDS = 0.2


def lock_target(folder: Path) -> Path:
    """The folder whose descriptor carries the lock: ``folder``, or its nearest existing parent."""
    target = Path(os.path.abspath(folder))
    while not target.is_dir() and target != target.parent:
        target = target.parent
    return target


def _acquire(folder: Path, shown: Path, *, exclusive: bool, wait: bool, timeout: float | None) -> int:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if not wait or (deadline is not None and time.monotonic() > deadline):
                    raise LockHeld("another l10n command is using this folder", path=str(shown),
                                   hint="wait for it to finish, or pass --wait") from None
                time.sleep(POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise


@contextlib.contextmanager
def hold(folders: Iterable[Path], *, exclusive: bool = True, wait: bool = False,
         timeout: float | None = None) -> Iterator[None]:
    """Lock each folder (shared for readers, exclusive for writers) for the ``with`` body."""
    targets: dict[Path, Path] = {}
    for folder in folders:
        targets.setdefault(lock_target(folder), Path(folder))
    fds: list[int] = []
    try:
        for target in sorted(targets):
            fds.append(_acquire(target, targets[target], exclusive=exclusive, wait=wait, timeout=timeout))
        yield
    finally:
        for fd in reversed(fds):
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
