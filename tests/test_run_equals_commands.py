"""`l10n run --no-mt` and the five commands in sequence write the same files, byte for byte.

The batch must be the commands plus what a batch needs (incrementality, the lock, the
state, error isolation, the report), not a second implementation of the pipeline. The
settings that decide what extract and build write (``[sources] segmentation`` and
``content_root``, ``[output] strip_language_suffix``) reach the commands through
``--config``, so the second project below must give the same files both ways too.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from l10n.cli import main

LOCALES = ("zh-Hant-HK", "zh-Hans-CN")
BASE_CONFIG = ('[sources]\npaths = ["releases"]\npatterns = ["*.md", "*.txt", "*.html", "*.xhtml"]\n{sources}'
               '[output]\nstate_dir = "state"\n{output}[tm]\npath = "state/tm.sqlite"\n')


@dataclass(frozen=True)
class Project:
    """Releases (name under releases/ -> fixture under tests/data/) and extra config lines."""

    releases: dict[str, str]
    sources: str = ""
    output: str = ""
    outputs: tuple[str, ...] = field(default=())  # built names expected under out/<locale>/

    def config(self) -> str:
        return BASE_CONFIG.format(sources=self.sources, output=self.output)


DEFAULT = Project({
    "lab.md": "foundation/release.md",
    "notes.txt": "foundation/release.txt",
    "page.html": "foundation/release.html",
    "site.xhtml": "html/page.xhtml",
})
#: The page keeps its release in <div id="release"> (no <main>): only the folder's content
#: root finds it; paragraphs are units; ``notice.en.md`` builds as ``notice.md``.
CONFIGURED = Project(
    {"site/release.html": "config_run/site_release.html", "notice.en.md": "config_run/notice.en.md",
     "lab.md": "foundation/release.md"},
    sources='segmentation = "paragraph"\ncontent_root = { "releases/site" = "#release" }\n',
    output="strip_language_suffix = true\n",
    outputs=("lab.md", "notice.md", "release.html"),
)


def _project(root: Path, data_dir: Path, project: Project) -> Path:
    for name, fixture in project.releases.items():
        (root / "releases" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(data_dir / fixture, root / "releases" / name)
    shutil.copytree(Path(__file__).resolve().parent.parent / "glossary", root / "glossary")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "nightly.toml").write_text(project.config())
    return root


def _written(root: Path) -> dict[str, bytes]:
    """The files a translator and a reader see: templates, catalogs, built documents."""
    out = {}
    for folder in ("locales", "out"):
        for p in sorted((root / folder).rglob("*")):
            if p.is_file():
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


def _both_ways(tmp_path: Path, data_dir: Path, project: Project, config_args: list[str]) -> dict[str, bytes]:
    """Run the batch and the commands on two copies; assert they wrote the same files."""
    batch = _project(tmp_path / "batch", data_dir, project)
    manual = _project(tmp_path / "manual", data_dir, project)

    import os

    here = os.getcwd()
    try:
        os.chdir(batch)
        assert main(["-q", "run", "--config", "nightly.toml", "--no-mt"]) in (0, 1)
        os.chdir(manual)
        sources = [f"releases/{name}" for name in sorted(project.releases)]
        assert main(["-q", "extract", *config_args, *sources]) == 0
        assert main(["-q", "update"]) == 0
        assert main(["-q", "translate", "--no-mt", "--tm", "state/tm.sqlite"]) == 0
        assert main(["-q", "check", "locales"]) in (0, 1)
        assert main(["-q", "build", *config_args, *sources]) == 0
    finally:
        os.chdir(here)

    got, want = _written(batch), _written(manual)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], name
    assert len(want) == len(project.releases) * (1 + 2 * len(LOCALES))
    return want


def test_run_no_mt_equals_the_five_commands(tmp_path: Path, data_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("l10n.catalog._now", lambda: "2026-01-02 03:04+0000")
    _both_ways(tmp_path, data_dir, DEFAULT, [])


def test_commands_with_config_equal_run_with_root_paragraphs_and_suffix(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("l10n.catalog._now", lambda: "2026-01-02 03:04+0000")
    files = _both_ways(tmp_path, data_dir, CONFIGURED, ["--config", "nightly.toml"])
    for locale in ("zh_Hant_HK", "zh_Hans_CN"):
        assert sorted(Path(n).name for n in files if n.startswith(f"out/{locale}/")) == list(CONFIGURED.outputs)
    page = files["locales/release.pot"].decode()
    assert "Newsroom" not in page and "Subscribe to our newsletter" not in page  # outside #release
    assert 'msgid "Students at a robot arm in the new centre"' in page  # the alt text inside it
    notice = files["locales/notice.en.pot"].decode()
    # one unit per paragraph: the three sentences stay in one entry
    assert "The last sailing leaves at 11:30 pm. Passengers should check" in notice.replace('"\n"', "")
    assert files["out/zh_Hant_HK/notice.md"]  # not notice.en.md
