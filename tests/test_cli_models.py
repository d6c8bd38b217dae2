"""``l10n models``: list, install (file and index), remove, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from mt_fixtures import session_package

from l10n.cli import main


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_package(tmp_path_factory)


@pytest.fixture
def pkg_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(target))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    return target


def test_list_empty_shows_install_command(pkg_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "no models installed" in out
    assert "l10n models install en zh" in out
    assert "l10n models install --file PATH.argosmodel" in out


def test_install_file_list_remove(model_file: Path, pkg_dir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install", "--file", str(model_file)]) == 0
    assert "installed en→zh 0.0.1" in capsys.readouterr().out
    assert main(["models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["PAIR", "VERSION", "SIZE", "PATH"]
    assert lines[1].split()[:2] == ["en→zh", "0.0.1"]
    assert lines[1].endswith(str(pkg_dir / "translate-en_zh-0_0_1"))
    assert main(["models", "remove", "en", "zh"]) == 0
    assert "removed en→zh 0.0.1" in capsys.readouterr().out
    assert not any(pkg_dir.iterdir())


def test_errors_are_one_line_exit_2(pkg_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    assert main(["models", "install", "--file", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a readable zip" in err
    assert main(["models", "remove", "en", "zh"]) == 2
    assert "no en→zh package is installed" in capsys.readouterr().err
    assert main(["models", "install", "en", "zh", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unreachable" in err and "l10n models install --file PATH.argosmodel" in err


def test_install_needs_pair_or_file(pkg_dir: Path, model_file: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install"]) == 2
    assert "which package?" in capsys.readouterr().err
    assert main(["models", "install", "en", "zh", "--file", str(model_file)]) == 2
    assert "not both" in capsys.readouterr().err
