"""Where l10n keeps what it can rebuild: the user's cache folder.

The caches that live there are all only for speed and all checked before use (a
damaged or stale entry is ignored and rebuilt): parsed term bases
(``l10n.glossary.cache``), compiled regular expressions (``l10n.rxcache``), the code
``dataclasses`` generates (``l10n.codecache``) and the script check's OpenCC results
(``l10n.checks.script_store``). Deleting the folder is always safe.

``$L10N_CACHE_DIR`` when set (set but empty: no cache at all), else
``$XDG_CACHE_HOME/l10n`` (an absolute path, as the XDG base directory rules ask), else
``~/.cache/l10n``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CACHE_ENV", "cache_dir"]

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
