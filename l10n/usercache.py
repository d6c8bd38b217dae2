"""Where l10n keeps what it can rebuild: the user's cache folder.

The caches that live there are all only for speed and all checked before use (a
damaged or stale entry is ignored and rebuilt): parsed term bases
(``l10n.glossary.cache``), compiled regular expressions (``l10n.rxcache``), the code
``dataclasses`` generates (``l10n.codecache``), the script check's OpenCC results
(``l10n.checks.script_store``) and the check results of each (msgid, msgstr) pair
(``l10n.checks.pair_store``). Deleting the folder is always safe.

``$L10N_CACHE_DIR`` when set (set but empty: no cache at all), else
``$XDG_CACHE_HOME/l10n`` (an absolute path, as the XDG base directory rules ask), else
``~/.cache/l10n``.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["CACHE_ENV", "CommandStores", "cache_dir", "framed", "read_framed", "save_framed", "unframed"]

#: Environment variable naming the cache folder; an empty value turns the caches off.
CACHE_ENV = "L10N_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off (``L10N_CACHE_DIR=``) or
    there is no home folder to put it in."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "l10n"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "l10n" if home != "~" else None


# -- one framing for the cache files ---------------------------------------------------------
# A cache file is its magic line (what it is and its layout), the payload's length and
# CRC-32 on one line, then the payload (a marshalled table): a file cut short, damaged or
# of another kind is never read as a table.


def framed(magic: bytes, table: dict[Any, Any]) -> bytes:
    """The bytes of a cache file holding ``table``."""
    payload = marshal.dumps(table)
    return magic + f"{len(payload)} {zlib.crc32(payload)}\n".encode("ascii") + payload


def unframed(raw: bytes, magic: bytes, max_bytes: int) -> dict[object, object] | None:
    """The table in a cache file's bytes; None unless the file is whole, of this kind and
    holds a dict (its items are for the caller to check)."""
    if len(raw) > max_bytes or not raw.startswith(magic):
        return None
    head, newline, payload = raw[len(magic):].partition(b"\n")
    if not newline:
        return None
    try:
        length, crc = (int(x) for x in head.split(b" "))
    except ValueError:
        return None
    if length != len(payload) or crc != zlib.crc32(payload):
        return None
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) else None


def read_framed(path: Path, magic: bytes, max_bytes: int) -> dict[object, object] | None:
    """``unframed`` of a file's bytes; None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError:
        return None
    return unframed(raw, magic, max_bytes)


def save_framed(path: Path, magic: bytes, table: dict[Any, Any], used: Iterable[Any], max_entries: int) -> None:
    """Write a cache file at exit: the entries this process ``used`` first, then the
    others, up to ``max_entries``, atomically. Any error leaves the file as it was: a cache
    never fails a command at exit (a read-only home, a full disk)."""
    kept: dict[Any, Any] = dict.fromkeys(used)
    kept.update(table)  # the used keys first, then the others: built at C speed (100,000s of keys)
    if len(kept) > len(table):  # a used key no longer in the table
        kept = {key: value for key, value in kept.items() if key in table}
    if len(kept) > max_entries:
        kept = dict(itertools.islice(kept.items(), max_entries))
    try:
        from .fsio import write_atomic

        write_atomic(path, framed(magic, kept), make_parents=True)
    except Exception:  # noqa: BLE001, S110 (see the docstring)
        pass


class _Saving(Protocol):
    def save(self) -> None: ...


_Store = TypeVar("_Store", bound=_Saving)


class CommandStores(Generic[_Store]):
    """The stores of results a command keeps between runs (the check results of
    ``l10n.checks.pair_store`` and ``script_store``), one per command run: opened when
    first asked for, so a run that never needs one never reads its file, and saved when
    the run ends. Outside a run there is none: the library and its tests always compute."""

    def __init__(self, opener: Callable[[], _Store | None]) -> None:
        self._opener = opener
        self._runs: list[list[_Store | None]] = []  # per run: [] until opened, then [the store or None]

    def current(self) -> _Store | None:
        """The running command's store, or None outside ``session()`` (or with no cache)."""
        if not self._runs:
            return None
        run = self._runs[-1]
        if not run:
            run.append(self._opener())
        return run[0]

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        """Turn the store on for one command run; what it learnt is saved at the end."""
        self._runs.append([])
        try:
            yield
        finally:
            run = self._runs.pop()
            if run and run[0] is not None:
                run[0].save()
