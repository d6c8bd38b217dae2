"""``l10n check --jobs``: how many processes check a big catalog; never what is found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.cli import main
from tests import glossary_golden as golden


def test_jobs_must_be_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "x.po", "--jobs", "two"])
    assert info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_give_the_golden_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    import l10n.integrity as integrity

    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 100)  # fork even this catalog
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0.0)
    shutil.copyfile(golden.STRESS["zh-Hant-HK"], tmp_path / "stress-hant.po")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "stress-hant.po", "--glossary", str(golden.TERMS), "--jobs", jobs])
    assert f"{capsys.readouterr().out}[exit {code}]\n" == golden.read_golden("check-stress-hant.txt")
