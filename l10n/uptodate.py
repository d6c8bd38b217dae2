"""``--check``: would a command write this catalog? Asked of the very function that writes.

``extract --check`` and ``update --check`` (as ``pybabel update --check``) must answer
exactly as a real run would: a template whose only change is its date is not a change, an
editor's re-wrap is not a change, a file's bytes that differ are. Rather than restate those
rules, the answer comes from ``catalog.save`` itself, run on a scratch copy of the file
in a temporary folder: the project's file is only read.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polib

from . import catalog


def would_save(path: Path, po: polib.POFile, previous: polib.POFile | None) -> bool:
    """True when ``catalog.save(path, po, previous)`` would write ``path``. ``po``'s date
    fields may be changed, as saving changes them: pass a catalog that is not saved after."""
    with tempfile.TemporaryDirectory(prefix="l10n-check-") as scratch:
        copy = Path(scratch) / (path.name or "catalog.po")
        if path.is_file():
            shutil.copyfile(path, copy)
        return catalog.save(copy, po, previous)
