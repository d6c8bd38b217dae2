"""Shared fixtures: a temporary project folder and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n.cli import main

DATA = Path(__file__).parent / "data"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project folder as the working directory, with the foundation fixtures."""
    for name in ("release.md", "release.html", "release.txt"):
        shutil.copy(DATA / "foundation" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def batch3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A nightly-batch project of three releases (the foundation fixtures as Markdown,
    text and HTML), no glossary, its own memory, no model installed; the working folder."""
    (tmp_path / "releases").mkdir()
    for name, to in (("release.md", "lab.md"), ("release.txt", "notes.txt"), ("release.html", "page.html")):
        shutil.copy(DATA / "foundation" / name, tmp_path / "releases" / to)
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    return tmp_path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    def run(*argv: str) -> CliResult:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to prove that nothing was written."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def translate_po(po_file: Path, table: dict[str, tuple[str, bool]]) -> None:
    """Edit a PO file as a translator would: msgid -> (translation, still fuzzy?)."""
    import polib

    po = polib.pofile(str(po_file), wrapwidth=79)
    for e in po:
        if e.msgid in table:
            e.msgstr, fuzzy = table[e.msgid]
            e.flags = ["fuzzy"] if fuzzy else []
    po.save(str(po_file))


def one_release_batch(root: Path, target: str) -> Path:
    """A batch project with the foundation Markdown release as ``releases/lab.md``, no
    glossary and one target locale; the caller changes into it."""
    (root / "releases").mkdir()
    shutil.copy(DATA / "foundation" / "release.md", root / "releases" / "lab.md")
    (root / "pipeline").mkdir()
    (root / "pipeline" / "nightly.toml").write_text(
        f'[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[locales]\ntargets = ["{target}"]\n')
    return root
