"""Compiled regular expressions kept between runs (issue 16: "patterns compiled on first
use or cached").

Python compiles a regular expression in pure Python: it parses the pattern and turns it
into the program its C matcher runs. For this project's patterns (the number readers'
master scans, CJK character classes, the language profiles) that is most of a small
``l10n check``: about 0.1 s of CPU on every run, for programs that are the same every
time. Python keeps no such cache on disk (a pickled pattern is compiled again), so this
module keeps the programs: ``install()`` wraps ``re``'s compiler (``re._compiler.compile``,
the one function every ``re.compile``, ``re.search``... goes through when a pattern is not
in ``re``'s own in-memory cache) so that a pattern compiled by an earlier run is rebuilt
from its stored program by ``_sre.compile``, the same call ``re`` itself ends with. The
resulting pattern object is equal to the one ``re`` compiles (same pattern, flags and
program; ``tests/test_rxcache.py``), so every match is the same.

What is kept, and how it is trusted:

* one file per Python build (``sys.hexversion``, the matcher's ``MAGIC``) in the user's
  cache folder (``l10n.usercache``), written atomically at exit by a process that
  compiled something new, holding at most ``MAX_ENTRIES`` programs (those this process
  used first);
* a damaged file (its length and CRC-32 are checked before it is read) or one of another
  build or layout is ignored; a stored program ``_sre.compile`` refuses (it validates
  every program) is compiled afresh. The file is as trusted as Python's own
  ``__pycache__`` beside it: it is the user's, in the user's cache folder;
* patterns with ``re.DEBUG`` (which prints while compiling) or ``re.LOCALE`` and
  anything that is not a ``str`` or ``bytes`` go to ``re`` untouched;
* ``install()`` checks that the wrapped compiler gives ``re``'s own result on a probe
  pattern first, and leaves ``re`` alone on any other Python (or when the cache is off:
  ``L10N_CACHE_DIR=``).

The command line installs it for every command (``l10n.cli``); the library never does.
"""

from __future__ import annotations

import atexit
import re
import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .usercache import framed, read_framed, save_framed, unframed

__all__ = ["MAX_ENTRIES", "cache_file", "install", "installed", "uninstall"]

#: The file's first line: what it is and the layout of what follows.
MAGIC_LINE = b"l10n-regex-cache 2\n"
#: Programs kept in the file; a process that compiled more keeps those it used first.
MAX_ENTRIES = 4000
#: A bigger file is not read (it was not written by this module).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Compile time the new patterns of a run must have cost before the file is rewritten: a
#: run that met only a cheap new pattern or two (one built from a set, whose order
#: changes from run to run, say) does not rewrite the whole file for it.
SAVE_AFTER_SECONDS = 0.005
#: Flags whose patterns are never cached: DEBUG prints while compiling, LOCALE is
#: bytes-only and depends on the locale of the moment.
UNCACHED_FLAGS = re.DEBUG | re.LOCALE

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern, the program
#: as the bytes of an array of ``CODE_TYPE`` (read back in one call, not int by int).
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
#: The array type of a program: unsigned 32-bit words, ``_sre``'s code unit.
CODE_TYPE = "I"
Key = tuple[str | bytes, int]


class _State:
    """The installed wrapper's table and where it goes at exit."""

    def __init__(self, path: Path, table: dict[Key, Entry], original: Callable[..., Any]) -> None:
        self.path = path
        self.table = table
        self.original = original
        self.used: dict[Key, None] = {}  # in order of first use in this process
        self.added = 0.0  # seconds spent compiling patterns the table did not have


_STATE: list[_State] = []


def _internals() -> tuple[Any, Any, Any]:
    """``_sre``, ``re._compiler`` and ``re._parser`` (typeshed lists none of them)."""
    import importlib

    return (importlib.import_module("_sre"), importlib.import_module("re._compiler"),
            importlib.import_module("re._parser"))


def cache_file(folder: Path) -> Path:
    """The file of this Python build in ``folder``."""
    _sre, _, _ = _internals()
    tag = f"{sys.implementation.name}-{sys.hexversion:x}-{_sre.MAGIC}"
    return folder / f"regex-{tag}.marshal"


def installed() -> bool:
    return bool(_STATE)


def install() -> bool:
    """Wrap ``re``'s compiler with the cache; True when it is (or already was) in place."""
    if _STATE:
        return True
    from .usercache import cache_dir

    folder = cache_dir()
    if folder is None or not _supported():
        return False
    _, _compiler, _ = _internals()
    path = cache_file(folder)
    state = _State(path, read_table(path), _compiler.compile)
    wrapper = _wrapper(state)
    if not _agrees(wrapper, state.original):
        return False
    _STATE.append(state)
    _compiler.compile = wrapper
    atexit.register(save)
    return True


def uninstall() -> None:
    """Put ``re``'s compiler back (tests); nothing is saved."""
    _, _compiler, _ = _internals()
    if _STATE:
        _compiler.compile = _STATE.pop().original
        atexit.unregister(save)


def _supported() -> bool:
    """CPython's ``re`` with the internals the wrapper uses (3.11 to 3.13 have them)."""
    try:
        _sre, _compiler, _parser = _internals()
    except ImportError:
        return False
    return (sys.implementation.name == "cpython" and hasattr(_sre, "compile")
            and getattr(_sre, "CODESIZE", 0) == array(CODE_TYPE).itemsize
            and hasattr(_compiler, "_code") and hasattr(_parser, "parse"))


def _program(pattern: str | bytes, flags: int) -> Entry:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``: the same
    steps, kept as plain values (ints, lists, dicts) so that they can be stored."""
    _, _compiler, _parser = _internals()
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), array(CODE_TYPE, code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def _compile(sre: Any, pattern: str | bytes, entry: Entry) -> Any:
    """``_sre.compile`` of a stored entry (its program kept as machine words)."""
    flags, code, groups, groupindex, indexgroup = entry
    return sre.compile(pattern, flags, array(CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)


def _wrapper(state: _State) -> Callable[..., Any]:
    _sre, _, _ = _internals()
    table, used, original = state.table, state.used, state.original

    def compile_cached(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & UNCACHED_FLAGS:
            return original(p, flags)
        key: Key = (p, int(flags))
        entry = table.get(key)
        if entry is not None:
            try:
                compiled = _compile(_sre, p, entry)
            except Exception:  # a stored program _sre refuses: compiled afresh below
                del table[key]
            else:
                used[key] = None
                return compiled
        if len(table) >= 2 * MAX_ENTRIES:  # a process making patterns by the thousand
            return original(p, flags)
        started = time.perf_counter()
        entry = _program(p, flags)
        compiled = _compile(_sre, p, entry)
        table[key] = entry
        used[key] = None
        state.added += time.perf_counter() - started
        return compiled

    return compile_cached


#: Patterns ``install`` compiles both ways before trusting the wrapper: groups, names,
#: flags, a CJK class, bytes.
PROBES: tuple[tuple[str | bytes, int], ...] = (
    (r"(?P<n>\d+)(?:\.(\d+))?\s*(億|萬)?", 0),
    (r"[\u4e00-\u4e3f]+|(?i:ab[c-e])", re.IGNORECASE),  # a small range: cheap to compile each run
    (rb"[a-z]+(?=\d)", 0),
)


def _agrees(wrapper: Callable[..., Any], original: Callable[..., Any]) -> bool:
    """Whether the wrapper compiles the probes to patterns equal to ``re``'s own (equal
    patterns have the same text, flags and program)."""
    try:
        for pattern, flags in PROBES:
            ours, theirs = wrapper(pattern, flags), original(pattern, flags)
            if ours != theirs or ours.groupindex != theirs.groupindex:
                return False
    except Exception:
        return False
    return True


# -- the file ------------------------------------------------------------------------------


def read_table(path: Path) -> dict[Key, Entry]:
    """The stored programs, or an empty table for a missing, damaged or foreign file."""
    return _items(read_framed(path, MAGIC_LINE, MAX_FILE_BYTES))


def encode(table: dict[Key, Entry]) -> bytes:
    """The file's bytes (see ``l10n.usercache.framed``)."""
    return framed(MAGIC_LINE, table)


def decode(raw: bytes) -> dict[Key, Entry]:
    """The table of a file's bytes; empty unless the file is whole and of this layout."""
    return _items(unframed(raw, MAGIC_LINE, MAX_FILE_BYTES))


def _items(table: dict[object, object] | None) -> dict[Key, Entry]:
    return {k: v for k, v in (table or {}).items() if _well_formed(k, v)}  # type: ignore[misc]


def _well_formed(key: object, entry: object) -> bool:
    """The shape of one stored item (its program is checked by ``_sre.compile``)."""
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], (str, bytes))
            and isinstance(key[1], int) and isinstance(entry, tuple) and len(entry) == 5
            and isinstance(entry[0], int) and isinstance(entry[1], bytes) and isinstance(entry[2], int)
            and isinstance(entry[3], dict) and isinstance(entry[4], tuple))


def save() -> None:
    """Write the table at exit when this process spent ``SAVE_AFTER_SECONDS`` or more
    compiling new patterns: the programs it used first, then the others, up to
    ``MAX_ENTRIES``. Any error leaves the file as it was."""
    if not _STATE or _STATE[0].added < SAVE_AFTER_SECONDS:
        return
    state = _STATE[0]
    save_framed(state.path, MAGIC_LINE, state.table, state.used, MAX_ENTRIES)
    state.added = 0.0
