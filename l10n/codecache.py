"""Source text Python compiles at import, compiled once and kept between runs (issue 16:
the pre-commit case, a small ``l10n check`` within 1.5x of pofilter).

Python writes each module's bytecode to ``__pycache__``, but not the code ``dataclasses``
generates: for every ``@dataclass`` it writes the text of ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` and (frozen) ``__setattr__``/``__delattr__`` and compiles it
with ``exec`` on every run. The check command defines about 35 dataclasses; compiling
their methods was most of their cost, about a quarter of a small catalog's check. The
text is the same every run (field names and flags only: defaults and types are passed in
as arguments, never written into it), so the compiled code is too.

``install()`` gives the ``dataclasses`` module its own ``exec`` (a module global, found
before the builtin): source text seen by an earlier run is executed from the code object
compiled then, other text is compiled as ``exec`` would compile it and remembered.
``compile(text, "<string>", "exec", flags, dont_inherit=True)`` with the ``__future__``
flags of the module that calls it is what ``exec(text, ...)`` does there, and executing
that code object in the same namespaces makes the same functions
(``tests/test_codecache.py`` compares every dataclass the project defines).

What is kept, and how it is trusted (as ``l10n.rxcache``, whose layout this follows):

* one file per Python build and optimisation level in the user's cache folder
  (``l10n.usercache``), written atomically at exit by a process that compiled new text,
  holding at most ``MAX_ENTRIES`` code objects (those this process used first), each
  kept marshalled on its own: a run reads the file in one call and unmarshals only the
  code it uses (a file filled by every command holds twice what ``l10n check`` needs);
* a damaged file (length and CRC-32 are checked), one of another build or layout, or an
  item that is not text and bytes is ignored; stored bytes that are not a code object
  are compiled afresh. The file is as trusted as Python's own ``__pycache__``: it is the
  user's, in the user's cache folder;
* anything but source text, or a call without namespaces, goes to the builtin ``exec``.

The command line installs it for every command (``l10n.__main__``, ``l10n.cli``); the
library never does. Off with the other caches (``L10N_CACHE_DIR=``).
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import marshal
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from .usercache import framed, read_framed, save_framed, unframed

__all__ = ["MAX_ENTRIES", "cache_file", "install", "installed", "uninstall"]

#: The file's first line: what it is and the layout of what follows.
MAGIC_LINE = b"l10n-code-cache 2\n"
#: Code objects kept in the file; a process that compiled more keeps those it used first.
MAX_ENTRIES = 2000
#: A bigger file is not read (it was not written by this module).
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Modules whose generated source is compiled through the cache.
WRAPPED = ("dataclasses",)


class _State:
    """The installed table, what this process used and added, and the wrapped modules."""

    def __init__(self, path: Path, table: dict[str, bytes]) -> None:
        self.path = path
        self.table = table  # source text -> its code, marshalled
        self.used: dict[str, None] = {}  # in order of first use in this process
        self.added = 0  # texts compiled that the table did not have
        self.modules: list[ModuleType] = []


_STATE: list[_State] = []


def cache_file(folder: Path) -> Path:
    """The file of this Python build (code objects are specific to it) and of its
    optimisation level (``-O`` compiles differently) in ``folder``."""
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}"
    return folder / f"code-{tag}.marshal"


def installed() -> bool:
    return bool(_STATE)


def install() -> bool:
    """Give the wrapped modules the caching ``exec``; True when it is (or already was)
    in place. False when the cache is off or another ``exec`` is already there."""
    if _STATE:
        return True
    if sys.implementation.cache_tag is None:  # an implementation that compiles nothing to keep
        return False
    from .usercache import cache_dir

    folder = cache_dir()
    if folder is None:
        return False
    import dataclasses

    modules = [dataclasses]
    if any("exec" in vars(m) for m in modules):  # someone else's wrapper: leave it alone
        return False
    path = cache_file(folder)
    state = _State(path, read_table(path))
    for module in modules:
        module.exec = caching_exec(state, future_flags(module))  # type: ignore[attr-defined]
        state.modules.append(module)
    _STATE.append(state)
    atexit.register(save)
    return True


def uninstall() -> None:
    """Give the wrapped modules the builtin ``exec`` back (tests); nothing is saved."""
    if _STATE:
        for module in _STATE.pop().modules:
            del module.exec
        atexit.unregister(save)


def future_flags(module: ModuleType) -> int:
    """The compiler flags of the ``from __future__`` imports of ``module``: ``exec`` of
    text compiles it with the flags of the code that calls it. Each such import binds
    its feature's name in the module."""
    flags = 0
    for value in vars(module).values():
        if isinstance(value, __future__._Feature):
            flags |= value.compiler_flag
    return flags


def caching_exec(state: _State, flags: int) -> Callable[..., None]:
    """An ``exec`` for a module whose code has the ``__future__`` ``flags``."""
    table, used = state.table, state.used

    def cached_exec(source: Any, namespace: dict[str, Any] | None = None,
                    local_ns: Mapping[str, object] | None = None, /, **kwargs: Any) -> None:
        if namespace is None:  # exec's default namespaces are its caller's
            caller = sys._getframe(1)
            namespace = caller.f_globals
            local_ns = caller.f_locals if local_ns is None else local_ns
        if type(source) is str and not kwargs:
            code = _stored(table, source)
            if code is None:
                code = compile(source, "<string>", "exec", flags, dont_inherit=True)
                table[source] = marshal.dumps(code)
                state.added += 1
            used[source] = None
            source = code
        builtins.exec(source, namespace, local_ns, **kwargs)

    return cached_exec


def _stored(table: dict[str, bytes], source: str) -> CodeType | None:
    """The stored code of ``source``, or None (not stored, or not a code object: dropped)."""
    blob = table.get(source)
    if blob is None:
        return None
    try:
        code = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        code = None
    if isinstance(code, CodeType):
        return code
    del table[source]
    return None


# -- the file ------------------------------------------------------------------------------


def read_table(path: Path) -> dict[str, bytes]:
    """The stored code objects, or an empty table for a missing, damaged or foreign file."""
    return _items(read_framed(path, MAGIC_LINE, MAX_FILE_BYTES))


def encode(table: dict[str, bytes]) -> bytes:
    """The file's bytes (see ``l10n.usercache.framed``)."""
    return framed(MAGIC_LINE, table)


def decode(raw: bytes) -> dict[str, bytes]:
    """The table of a file's bytes; empty unless the file is whole and of this layout."""
    return _items(unframed(raw, MAGIC_LINE, MAX_FILE_BYTES))


def _items(table: dict[object, object] | None) -> dict[str, bytes]:
    return {k: v for k, v in (table or {}).items() if isinstance(k, str) and isinstance(v, bytes)}


def save() -> None:
    """Write the table at exit when this process compiled new text: the code it used
    first, then the rest, up to ``MAX_ENTRIES``. Any error leaves the file as it was."""
    if not _STATE or not _STATE[0].added:
        return
    state = _STATE[0]
    save_framed(state.path, MAGIC_LINE, state.table, state.used, MAX_ENTRIES)
    state.added = 0
