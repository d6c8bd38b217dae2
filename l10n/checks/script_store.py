"""The ``script`` check's results kept between runs of ``l10n check`` (issue 16, the
pre-commit case).

A Hong Kong target holding one of the phrases OpenCC's ``s2hkp`` changes (公布, 聯繫...)
needs OpenCC: loading its converters costs about 30 ms, more than the rest of a small
catalog's script check. A pre-commit hook checks the same catalogs again and again, and
the result for a target is a function of the target, the locale, OpenCC's dictionaries
and this check's code. So ``l10n check`` keeps the results of the targets that needed
OpenCC in the user's cache folder (``l10n.usercache``), and a later run reads them back
instead of loading OpenCC; a target not seen before is checked as usual and remembered.

Trust: the file is used only when its stamp names the same reading code (the size and
time of the check's modules and data, and of every file of the installed OpenCC) and its
checksum matches; each result must be a list of (severity, message) pairs. Anything else
is ignored, and the file rewritten at the end of the run. At most ``MAX_ENTRIES`` results
are kept (this run's first). Only the command turns the store on (``session()``): the
library and its tests always compute.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from ..model import Severity
from ..usercache import CommandStores

__all__ = ["MAX_ENTRIES", "Store", "current", "session", "stamp"]

FORMAT = 1
FILE_NAME = "script-results.json"
#: Results kept in the file (about 100 bytes each: reading 2,000 takes about 2 ms).
MAX_ENTRIES = 2000
#: The l10n modules and data whose code or content decides a result, from the package folder.
OWN_FILES = ("checks/script.py", "checks/script_store.py", "locales.py", "lang/__init__.py",
             "lang/zh.py", "model.py")
PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data" / "opencc_hk"

Problems = tuple[tuple[Severity, str], ...]
_SEVERITIES = {str(s): s for s in Severity}


class Store:
    """Results by locale tag and target; ``save`` writes them when any was added."""

    def __init__(self, path: Path, stamp: str, entries: dict[str, Problems]) -> None:
        self.path = path
        self.stamp = stamp
        self.entries = entries
        self.used: dict[str, None] = {}
        self.added = False

    @staticmethod
    def key(tag: str, target: str) -> str:
        return f"{tag}\n{target}"

    def get(self, tag: str, target: str) -> Problems | None:
        key = self.key(tag, target)
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = None
        return found

    def put(self, tag: str, target: str, problems: Problems) -> None:
        key = self.key(tag, target)
        self.entries[key] = problems
        self.used[key] = None
        self.added = True

    def save(self) -> None:
        """Write the file (atomically) when this run added a result: this run's results
        first, then the older ones, up to ``MAX_ENTRIES``. A folder that cannot be written
        is left alone."""
        if not self.added:
            return
        kept: dict[str, list[list[str]]] = {}
        for key in [*self.used, *self.entries]:
            if len(kept) >= MAX_ENTRIES:
                break
            if key not in kept:
                kept[key] = [[str(sev), message] for sev, message in self.entries[key]]
        content = json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = {"format": FORMAT, "stamp": self.stamp, "checksum": hashlib.sha256(content).hexdigest()}
        from ..errors import L10nError
        from ..fsio import write_atomic

        with contextlib.suppress(OSError, L10nError):
            write_atomic(self.path, json.dumps(head).encode("ascii") + b"\n" + content, make_parents=True)
        self.added = False


def decode(raw: bytes, stamp: str) -> dict[str, Problems]:
    """The results of a file's bytes; empty unless it is whole, fresh and well formed."""
    head_bytes, newline, content = raw.partition(b"\n")
    try:
        head = json.loads(head_bytes) if newline else None
    except ValueError:
        return {}
    if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("stamp") != stamp \
            or head.get("checksum") != hashlib.sha256(content).hexdigest():
        return {}
    try:
        data = json.loads(content)
        if not isinstance(data, dict):
            return {}
        return {str(key): _problems(value) for key, value in data.items() if isinstance(key, str)}
    except (ValueError, TypeError, KeyError):
        return {}


def _problems(value: object) -> Problems:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    out = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], str):
            raise TypeError("expected [severity, message]")
        out.append((_SEVERITIES[item[0]], item[1]))
    return tuple(out)


def _stat_line(path: Path) -> str:
    st = os.stat(path)
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


def stamp() -> str | None:
    """The size and time of this check's modules and data and of the installed OpenCC's
    files (found without importing it), or None when one cannot be read."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("opencc")
        if spec is None or spec.origin is None:
            return None
        opencc_dir = Path(spec.origin).parent
        parts = [_stat_line(PACKAGE_DIR / name) for name in OWN_FILES]
        for folder in (DATA_DIR, opencc_dir, opencc_dir / "clib", opencc_dir / "clib" / "share" / "opencc"):
            parts += sorted(_stat_line(Path(entry.path)) for entry in os.scandir(folder) if entry.is_file())
    except (OSError, ImportError, ValueError):
        return None
    return "|".join(parts)


def _open() -> Store | None:
    from ..usercache import cache_dir

    folder = cache_dir()
    current_stamp = stamp() if folder is not None else None
    if folder is None or current_stamp is None:
        return None
    path = folder / FILE_NAME
    try:
        entries = decode(path.read_bytes(), current_stamp)
    except OSError:
        entries = {}
    return Store(path, current_stamp, entries)


#: The running command's store (``session``), opened when the first result is asked for.
_STORES: CommandStores[Store] = CommandStores(lambda: _open())


def current() -> Store | None:
    """The running command's store, or None outside ``session()`` (or with no cache)."""
    return _STORES.current()


def session() -> contextlib.AbstractContextManager[None]:
    """Turn the store on for one command run; what it learnt is saved at the end."""
    return _STORES.session()
