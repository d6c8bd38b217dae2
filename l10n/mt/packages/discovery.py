"""The installed packages: scanned from the packages folder, usable or broken."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ...errors import ModelError
from .metadata import BrokenPackage, PackageInfo, _NotTranslation, read_package
from .settings import argos_settings

log = logging.getLogger("l10n.mt.packages")

def packages_dir() -> Path:
    return argos_settings().packages_dir


def scan_packages() -> tuple[list[PackageInfo], list[BrokenPackage]]:
    """Installed translation packages (sorted by pair then version) and broken folders.

    Hidden folders (our own temp folders) and valid Argos packages of other types are
    skipped; every other folder that cannot be read as a package is reported as broken
    with the reason, so it can be seen and removed rather than vanish from the listing.
    """
    root = packages_dir()
    if not root.is_dir():
        return [], []
    found: list[PackageInfo] = []
    broken: list[BrokenPackage] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            found.append(read_package(folder))
        except _NotTranslation as exc:
            log.debug("skipping %s: %s", folder, exc)
        except ModelError as exc:
            broken.append(BrokenPackage(folder, exc.message))
    found.sort(key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))
    return found, broken


def list_packages() -> list[PackageInfo]:
    """Installed, usable translation packages, sorted by pair then version."""
    return scan_packages()[0]


def list_broken() -> list[BrokenPackage]:
    """Folders in the packages folder that look like packages but cannot be used."""
    return scan_packages()[1]


def find_package(from_code: str, to_code: str) -> PackageInfo | None:
    """The newest installed package for the pair, or None."""
    matches = [p for p in list_packages() if (p.from_code, p.to_code) == (from_code, to_code)]
    return max(matches, key=lambda p: _version_key(p.version)) if matches else None


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "1.9" < "1.10" without a dependency on packaging."""
    parts = re.split(r"[._-]", version)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)
