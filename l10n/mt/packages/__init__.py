"""Argos Translate packages: where they live, what is installed, and safe installs.

An Argos package (``.argosmodel``) is a zip of one folder holding ``metadata.json``,
a CTranslate2 model folder ``model/`` and a SentencePiece model. Argos itself
extracts whatever zip it is given straight into its packages folder; we check the
whole archive first, extract into a hidden temp folder inside the packages folder
and rename it into place, so a corrupt, hostile or foreign archive leaves nothing
behind and a crash never leaves a half-installed package that ``list`` would pick up.

Settings are read by :func:`argos_settings` only, following Argos's own precedence
(environment, then ``settings.json``, then the XDG default). We do not import
``argostranslate.settings`` because it creates folders and edits ``os.environ``
at import time.

The package: ``settings`` (where Argos keeps packages), ``metadata`` (what a package
is), ``discovery`` (what is installed), ``archive`` (checking and extracting an
archive), ``install`` (atomic install and removal) and ``index`` (Argos's online index).
"""

from __future__ import annotations

from .archive import MAX_ARCHIVE_BYTES, MAX_UNPACKED_BYTES, RATIO_CHECK_MIN_BYTES
from .discovery import find_package, list_broken, list_packages, packages_dir, scan_packages
from .index import fetch_index, install_from_index
from .install import install_file, remove_package, remove_path
from .metadata import (
    PACKAGE_SUFFIX,
    SOURCE_CODE,
    TARGET_CODES,
    BrokenPackage,
    PackageInfo,
    check_pair,
    folder_name,
    read_package,
)
from .settings import ArgosSettings, argos_settings

__all__ = [
    "MAX_ARCHIVE_BYTES",
    "MAX_UNPACKED_BYTES",
    "PACKAGE_SUFFIX",
    "RATIO_CHECK_MIN_BYTES",
    "SOURCE_CODE",
    "TARGET_CODES",
    "ArgosSettings",
    "BrokenPackage",
    "PackageInfo",
    "argos_settings",
    "check_pair",
    "fetch_index",
    "find_package",
    "folder_name",
    "install_file",
    "install_from_index",
    "list_broken",
    "list_packages",
    "packages_dir",
    "read_package",
    "remove_package",
    "remove_path",
    "scan_packages",
]
