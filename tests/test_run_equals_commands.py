"""`l10n run --no-mt` and the five commands in sequence write the same files, byte for byte.

The batch must be the commands plus what a batch needs (incrementality, the lock, the
state, error isolation, the report), not a second implementation of the pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.cli import main

RELEASES = {
    "lab.md": "foundation/release.md",
    "notes.txt": "foundation/release.txt",
    "page.html": "foundation/release.html",
    "site.xhtml": "html/page.xhtml",
}
LOCALES = ("zh-Hant-HK", "zh-Hans-CN")


def _project(root: Path, data_dir: Path) -> Path:
    (root / "releases").mkdir(parents=True)
    for name, fixture in RELEASES.items():
        shutil.copy(data_dir / fixture, root / "releases" / name)
    shutil.copytree(Path(__file__).resolve().parent.parent / "glossary", root / "glossary")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "nightly.toml").write_text('[sources]\npaths = ["releases"]\npatterns = ["*.md", "*.txt", "*.html", "*.xhtml"]\n[output]\nstate_dir = "state"\n'
                                       '[tm]\npath = "state/tm.sqlite"\n')
    return root


def _written(root: Path) -> dict[str, bytes]:
    """The files a translator and a reader see: templates, catalogs, built documents."""
    out = {}
    for folder in ("locales", "out"):
        for p in sorted((root / folder).rglob("*")):
            if p.is_file():
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


def test_run_no_mt_equals_the_five_commands(tmp_path: Path, data_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("l10n.catalog._now", lambda: "2026-01-02 03:04+0000")
    batch = _project(tmp_path / "batch", data_dir)
    manual = _project(tmp_path / "manual", data_dir)

    monkeypatch.chdir(batch)
    assert main(["-q", "run", "--config", "nightly.toml", "--no-mt"]) in (0, 1)

    monkeypatch.chdir(manual)
    sources = [f"releases/{name}" for name in sorted(RELEASES)]
    assert main(["-q", "extract", *sources]) == 0
    assert main(["-q", "update"]) == 0
    assert main(["-q", "translate", "--no-mt", "--tm", "state/tm.sqlite"]) == 0
    assert main(["-q", "check", "locales"]) in (0, 1)
    assert main(["-q", "build", *sources]) == 0

    got, want = _written(batch), _written(manual)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], name
    assert len(want) == len(RELEASES) * (1 + 2 * len(LOCALES))
