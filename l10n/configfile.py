"""Which configuration file applies, what it says, and where its paths point.

A command given ``--config FILE`` reads that file. Without it, the configuration is
searched for the way Python tools look for theirs (ruff, pytest, black): in the working
folder, then in each parent, the first of

1. ``l10n.toml``,
2. ``pyproject.toml`` with a ``[tool.l10n]`` table (one without it is passed over),
3. ``pipeline/nightly.toml`` (the layout ``make run`` uses; in the working folder only,
   as before the search existed).

The search stops after the folder that holds ``.git`` (the repository's root): a
configuration outside the repository never applies by accident. None found: defaults.

A path in the file (and a path setting the file leaves to its default) is relative to the
project folder the file belongs to (``ConfigFile.project``; ``config.rebase`` applies it),
so the same file gives the same folders from wherever the command runs. That folder is
the file's own, except for a file in a folder named ``pipeline``: it is read as the
project's, relative to the folder above (``pipeline/nightly.toml`` always meant the
project folder, and ``make run`` runs there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "l10n.toml"
PYPROJECT = "pyproject.toml"
LEGACY_CONFIG = Path("pipeline/nightly.toml")
#: A configuration in a folder of this name speaks for the folder above it.
LEGACY_FOLDER = "pipeline"
#: The folder holding this marks the repository's root: the search goes no higher.
REPOSITORY_MARKER = ".git"


@dataclass(frozen=True)
class ConfigFile:
    """A configuration that applies: its path (as found or given), its settings table
    (the whole file, or ``[tool.l10n]`` of a pyproject.toml) and its project folder."""

    path: Path
    data: dict[str, Any]

    @property
    def project(self) -> Path:
        folder = self.path.parent
        return folder.parent if folder.name == LEGACY_FOLDER else folder


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; a missing, unreadable or invalid one is one configuration error."""
    import tomllib  # here: a command that finds no configuration never parses TOML

    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, expected a TOML file", path=str(path)) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from None


def _tool_table(data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool")
    table = tool.get("l10n") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def open_config(path: Path) -> ConfigFile:
    """A file named on the command line: a pyproject.toml must hold ``[tool.l10n]``."""
    data = read_toml(path)
    if path.name != PYPROJECT:
        return ConfigFile(path, data)
    table = _tool_table(data)
    if table is None:
        raise ConfigError("no [tool.l10n] table", path=str(path),
                          hint="add [tool.l10n.sources], [tool.l10n.output]... or pass l10n.toml")
    return ConfigFile(path, table)


def _found_in(folder: Path, *, first: bool) -> ConfigFile | None:
    """The configuration of one folder of the search, if it has one."""
    own = folder / CONFIG_NAME
    if own.is_file():
        return ConfigFile(own, read_toml(own))
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        table = _tool_table(read_toml(pyproject))
        if table is not None:
            return ConfigFile(pyproject, table)
    legacy = folder / LEGACY_CONFIG
    if first and legacy.is_file():
        return ConfigFile(legacy, read_toml(legacy))
    return None


def find_config(start: Path | None = None) -> ConfigFile | None:
    """The nearest configuration from ``start`` (default: the working folder) upwards.

    Paths are kept relative to ``start`` (``l10n.toml``, ``../l10n.toml``) so the folders
    a configuration names print as short as they always have.
    """
    here = Path(".") if start is None else start
    relative = here
    for index, folder in enumerate((here.resolve(), *here.resolve().parents)):
        found = _found_in(relative, first=index == 0)
        if found is not None:
            return found
        if (folder / REPOSITORY_MARKER).exists():
            return None
        relative = relative / ".."
    return None
