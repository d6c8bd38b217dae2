"""Big modules split along their own section banners keep their public names where the
commands and tests import them, and no part is large again."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

L10N = Path(__file__).resolve().parents[1] / "l10n"
#: A module part this long is a sign it holds more than one concern again.
MAX_PART_LINES = 400

SPLIT = {
    "l10n.tm": ("TranslationMemory", "TMMatch", "TMEntry", "TMStats", "WriteStats", "ImportStats",
                "CatalogBatch", "DEFAULT_TM_PATH", "DEFAULT_THRESHOLD", "MAX_INEXACT_SCORE",
                "NUMBERS_DIFFER_PENALTY", "load_catalogs", "read_catalog", "normalise", "number_signature"),
    "l10n.mt.packages": ("ArgosSettings", "BrokenPackage", "PackageInfo", "TARGET_CODES", "argos_settings",
                         "find_package", "folder_name", "install_file", "install_from_index", "list_broken",
                         "list_packages", "packages_dir", "remove_package", "remove_path", "scan_packages",
                         "RATIO_CHECK_MIN_BYTES"),
}


@pytest.mark.parametrize("package", sorted(SPLIT))
def test_public_names_stay_importable(package: str) -> None:
    module = importlib.import_module(package)
    missing = [name for name in SPLIT[package] if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("package", sorted(SPLIT))
def test_each_part_is_small(package: str) -> None:
    """Before: l10n/tm.py was one 662-line module, l10n/mt/packages.py one of 815."""
    folder = L10N.joinpath(*package.split(".")[1:])
    assert folder.is_dir()
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert len(sizes) > 2
    assert {name: n for name, n in sizes.items() if n > MAX_PART_LINES} == {}
