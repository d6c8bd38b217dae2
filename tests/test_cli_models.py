"""``l10n models``: list, install (file and index), remove, and one-line errors."""

from __future__ import annotations

import json
import zipfile
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


def _with_metadata(src: Path, dest: Path, **changes: str) -> Path:
    """The same archive, top folder name included, with metadata.json fields changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("/metadata.json"):
                data = json.dumps({**json.loads(data), **changes}).encode()
            zout.writestr(info.filename, data)
    return dest


@pytest.mark.parametrize(("from_code", "to_code"), [("zh", "en"), ("fr", "de")])
def test_foreign_package_exits_2_and_installs_nothing(
        model_file: Path, pkg_dir: Path, tmp_path: Path, from_code: str, to_code: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    archive = _with_metadata(model_file, tmp_path / "foreign.argosmodel",
                             from_code=from_code, to_code=to_code)
    assert main(["models", "install", "--file", str(archive)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"package translates {from_code}→{to_code}" in err
    assert not pkg_dir.exists() or not any(pkg_dir.iterdir())


def test_other_pair_in_same_top_folder_keeps_en_zh(model_file: Path, pkg_dir: Path,
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install", "--file", str(model_file)]) == 0
    zt = _with_metadata(model_file, tmp_path / "zt.argosmodel", to_code="zt")
    assert main(["models", "install", "--file", str(zt)]) == 0
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    pairs = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert pairs == ["en→zh", "en→zt"]


def test_downgrade_needs_force(model_file: Path, pkg_dir: Path,
                               tmp_path_factory: pytest.TempPathFactory,
                               capsys: pytest.CaptureFixture[str]) -> None:
    newer = session_package(tmp_path_factory, version="0.0.2")
    assert main(["models", "install", "--file", str(newer)]) == 0
    capsys.readouterr()
    assert main(["models", "install", "--file", str(model_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "en→zh 0.0.2 is installed; not downgrading to 0.0.1 (use --force" in err
    assert [p.name for p in pkg_dir.iterdir()] == ["translate-en_zh-0_0_2"]
    assert main(["models", "install", "--file", str(model_file), "--force"]) == 0
    assert "installed en→zh 0.0.1" in capsys.readouterr().out
    assert [p.name for p in pkg_dir.iterdir()] == ["translate-en_zh-0_0_1"]


def test_broken_package_is_listed_and_removable(model_file: Path, pkg_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install", "--file", str(model_file)]) == 0
    folder = pkg_dir / "translate-en_zh-0_0_1"
    (folder / "metadata.json").write_text('{"from_code": "en", "to', encoding="utf-8")
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "no models installed" in out
    assert "remove with `l10n models remove --path PATH`" in out
    assert f"  BROKEN  {folder}: metadata.json is not valid JSON" in out
    assert main(["models", "remove", "--path", str(folder)]) == 0
    assert capsys.readouterr().out == f"removed broken package {folder}\n"
    assert not folder.exists()

    assert main(["models", "install", "--file", str(model_file)]) == 0
    (folder / "metadata.json").unlink()
    assert main(["models", "remove", "en", "zh"]) == 0
    assert f"removed broken package {folder}" in capsys.readouterr().out
    assert not folder.exists()


def test_remove_arguments(pkg_dir: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "remove"]) == 2
    assert "which package?" in capsys.readouterr().err
    assert main(["models", "remove", "en", "zh", "--path", "x"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["models", "remove", "--path", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a package folder in" in err
    assert tmp_path.is_dir()
