"""Where Argos keeps its packages and its index, read as Argos reads its settings."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("l10n.mt.packages")

ENV_PACKAGES_DIR = "ARGOS_PACKAGES_DIR"
ENV_PACKAGE_INDEX = "ARGOS_PACKAGE_INDEX"
DEFAULT_PACKAGE_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_FILE_NAME = "index.json"
SETTINGS_FILE_NAME = "settings.json"
ARGOS_FOLDER_NAME = "argos-translate"


@dataclass(frozen=True)
class ArgosSettings:
    """The two Argos settings we need: where packages live and the index URL."""

    packages_dir: Path
    index_url: str




def argos_settings(environ: Mapping[str, str] | None = None) -> ArgosSettings:
    """Resolve Argos's settings the way Argos does, without its import-time side effects.

    Precedence per key: environment variable, then ``settings.json`` in Argos's
    config folder, then the default under the XDG data folder (``$SNAP_USER_DATA``
    replaces the home folder inside a snap, as in Argos).
    """
    env = os.environ if environ is None else environ
    home = Path(env["SNAP_USER_DATA"]) if "SNAP" in env and "SNAP_USER_DATA" in env else Path.home()
    config_dir = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / ARGOS_FOLDER_NAME
    data_dir = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / ARGOS_FOLDER_NAME
    from_file = _read_settings_file(config_dir / SETTINGS_FILE_NAME)

    def setting(key: str, default: str) -> str:
        value = env.get(key)
        if value:
            return value
        stored = from_file.get(key)
        return stored if isinstance(stored, str) and stored else default

    index = setting(ENV_PACKAGE_INDEX, DEFAULT_PACKAGE_INDEX)
    if not index.endswith("/"):
        index += "/"
    packages_dir = Path(setting(ENV_PACKAGES_DIR, str(data_dir / "packages"))).expanduser()
    return ArgosSettings(packages_dir=packages_dir, index_url=index + INDEX_FILE_NAME)


def _read_settings_file(path: Path) -> dict[str, object]:
    """Argos's settings.json; an unreadable one is ignored with a warning, as Argos does."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s: ignoring unreadable Argos settings (%s)", path, exc)
        return {}
    return data if isinstance(data, dict) else {}
