"""``l10n run`` writes the recorded catalogs, documents and report (see ``pipeline_golden``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pipeline_golden as golden


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def test_run_outputs_match_the_golden_files(project: Path) -> None:
    stages = golden.all_stages(project)
    for stage in golden.STAGES:
        assert stages[stage] == golden.golden_path(stage).read_text(encoding="utf-8"), stage
    assert golden.no_change_is_byte_identical(project)
