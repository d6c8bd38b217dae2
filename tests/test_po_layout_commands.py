"""Every catalog the commands write is laid out as ``msgcat`` lays it out (at the width
asked for), and a catalog an editor re-wrapped is not rewritten by the next command.

Skipped when GNU gettext's ``msgcat`` is not installed (CI installs gettext).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n.mt import Hypothesis
from tests.conftest import CliResult, one_release_batch, snapshot
from tests.fakes import FakeTranslator, fake_engines

Cli = Callable[..., CliResult]
MSGCAT = shutil.which("msgcat")
pytestmark = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")
#: A machine draft as long as real ones: Chinese prose, full-width punctuation, amounts.
DRAFT = ("香港特別行政區政府今日宣布，由二零二五年起推出「創新科技基金」新措施，以支援本地初創企業，"
         "預計涉及款項約HK$1,000,000（約US$128,000），並於2025年3月31日前完成。")


@dataclass
class LongDrafts(FakeTranslator):
    """The fake translator, with drafts long enough to wrap."""

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(list(texts))
        return [Hypothesis(DRAFT + " ".join(t.split()[:3]), 0.0) for t in texts]


def _msgcat(path: Path, *flags: str) -> str:
    assert MSGCAT is not None
    return subprocess.run([MSGCAT, *flags, str(path)], capture_output=True, text=True, check=True).stdout


def _width_flags(width: int) -> list[str]:
    return ["--no-wrap"] if width == 0 else [f"--width={width}"]


def _catalogs(root: Path) -> list[Path]:
    found = sorted(root.glob("locales/**/*.po*"))
    assert found
    return found


@pytest.mark.parametrize("width", [79, 60, 0])
def test_extract_update_translate_write_msgcat_layout(project: Path, cli: Cli, width: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("l10n.commands.translate.default_engines",
                        lambda *_a, **_k: fake_engines({"zh": LongDrafts()}))
    flag = _width_flags(width)
    assert cli("extract", "release.md", *flag).code == 0
    assert cli("update", *flag).code == 0
    assert cli("translate", *flag).code == 0
    for path in _catalogs(project):
        assert _msgcat(path, *flag) == path.read_text(encoding="utf-8"), path


def test_width_and_no_wrap_are_exclusive(project: Path, cli: Cli) -> None:
    assert cli("update", "--width", "60", "--no-wrap").code == 2
    assert cli("update", "--width", "-1").code == 2


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(one_release_batch(tmp_path, "zh-Hant-HK"))
    return tmp_path


@pytest.mark.parametrize("width", [None, 60, 0])
def test_run_writes_msgcat_layout_at_the_configured_po_width(batch: Path, cli: Cli, width: int | None) -> None:
    if width is not None:
        config = batch / "pipeline" / "nightly.toml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "[glossary]", f"[output]\npo_width = {width}\n[glossary]"), encoding="utf-8")
    assert cli("run", "--no-mt").code in (0, 1)
    for path in _catalogs(batch):
        assert _msgcat(path, *_width_flags(79 if width is None else width)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("rewrap", ["msgcat60", "nowrap"])
def test_an_editors_rewrap_survives_update_and_run(batch: Path, cli: Cli, rewrap: str) -> None:
    """Only the layout changed: nothing is written. (polib and Babel also split long
    ``#.`` comments, a change of content: that is not a re-wrap.)"""
    from l10n.config import load_settings
    from l10n.pipeline import run_pipeline

    run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": LongDrafts()}))
    for path in _catalogs(batch):
        path.write_text(_msgcat(path, "--width=60" if rewrap == "msgcat60" else "--no-wrap"), encoding="utf-8")
    before = snapshot(batch / "locales")
    assert cli("update", "--locale", "zh-Hant-HK").code == 0
    assert snapshot(batch / "locales") == before
    assert cli("run", "--no-mt").code in (0, 1)  # 1: the fake drafts fail the numbers check
    assert snapshot(batch / "locales") == before
