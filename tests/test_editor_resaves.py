"""An editor's save of the bundled catalogs survives `l10n update` and `l10n run` byte for byte.

The editors are simulated with the real libraries: GNU msgcat, polib at width 79 and
Translate Toolkit's PO store (what Pootle, Virtaal and pofilter write).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from l10n.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _msgcat(path: Path) -> None:
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def _polib(path: Path) -> None:
    polib.pofile(str(path), wrapwidth=79).save(str(path))


def _translate_toolkit(path: Path) -> None:
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(path))
    store.savefile(str(path))


EDITORS: dict[str, Callable[[Path], None]] = {"msgcat": _msgcat, "polib": _polib,
                                              "translate-toolkit": _translate_toolkit}


@pytest.mark.parametrize("editor", EDITORS.values(), ids=EDITORS.keys())
def test_an_editor_save_is_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         editor: Callable[[Path], None]) -> None:
    if editor is _msgcat and shutil.which("msgcat") is None:
        pytest.skip("GNU gettext not installed")
    for folder in ("samples", "glossary", "pipeline", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    assert main(["-q", "run", "--config", "pipeline/nightly.toml", "--no-mt"]) == 0
    catalogs = sorted(Path("locales").rglob("*.po"))
    assert catalogs
    for po in catalogs:
        editor(po)
    saved = {po: po.read_bytes() for po in catalogs}
    assert main(["-q", "update"]) == 0
    assert main(["-q", "run", "--config", "pipeline/nightly.toml", "--no-mt"]) == 0
    assert {po: po.read_bytes() for po in catalogs} == saved
