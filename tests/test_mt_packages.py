"""Installing, listing and removing Argos packages; hostile or broken archives rejected."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from mt_fixtures import serve_folder, session_package

from l10n.errors import ModelError, ModelMissing
from l10n.mt import packages
from l10n.mt.packages import (
    argos_settings,
    find_package,
    install_file,
    install_from_index,
    list_packages,
    remove_package,
)


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_package(tmp_path_factory)


@pytest.fixture
def pkg_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(target))
    return target


def _rewrite(src: Path, dest: Path, *, drop: str | None = None,
             replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    """Copy an archive, dropping, replacing or adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if drop and info.filename.endswith(drop):
                continue
            data = (replace or {}).get(info.filename.split("/", 1)[-1], zin.read(info))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dest


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_install_list_find_remove(model_file: Path, pkg_dir: Path) -> None:
    assert list_packages() == []
    info = install_file(model_file)
    assert (info.from_code, info.to_code, info.version) == ("en", "zh", "0.0.1")
    assert info.path.parent == pkg_dir
    assert (info.path / "model" / "model.bin").is_file()
    assert info.size_bytes > 0
    assert info.name == "English → Chinese"
    assert list_packages() == [info]
    assert find_package("en", "zh") == info
    assert find_package("en", "zt") is None
    assert _leftovers(pkg_dir) == [info.path.name]  # no temp folders left behind
    removed = remove_package("en", "zh")
    assert removed == info
    assert list_packages() == []
    assert _leftovers(pkg_dir) == []


def test_reinstall_replaces_and_upgrade_drops_old_version(
        model_file: Path, pkg_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    install_file(model_file)
    install_file(model_file)
    assert len(list_packages()) == 1
    newer = install_file(session_package(tmp_path_factory, version="0.0.2"))
    assert list_packages() == [newer]
    assert _leftovers(pkg_dir) == [newer.path.name]


def test_remove_missing_pair_is_model_missing(pkg_dir: Path) -> None:
    with pytest.raises(ModelMissing, match="no en→zh package"):
        remove_package("en", "zh")


def test_packages_dir_from_environment_then_settings_file(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert argos_settings(env).packages_dir == tmp_path / "data" / "argos-translate" / "packages"
    assert argos_settings(env).index_url.endswith("/argospm-index/main/index.json")
    settings_file = tmp_path / "config" / "argos-translate" / "settings.json"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-file"),
                                         "ARGOS_PACKAGE_INDEX": "http://mirror.test/idx"}))
    assert argos_settings(env).packages_dir == tmp_path / "from-file"
    assert argos_settings(env).index_url == "http://mirror.test/idx/index.json"
    env["ARGOS_PACKAGES_DIR"] = str(tmp_path / "from-env")
    assert argos_settings(env).packages_dir == tmp_path / "from-env"
    assert not (tmp_path / "data").exists()  # reading settings creates nothing


def test_argos_packages_dir_is_honoured(model_file: Path, pkg_dir: Path) -> None:
    info = install_file(model_file)
    assert info.path.is_relative_to(pkg_dir)
    assert packages.packages_dir() == pkg_dir


def _assert_rejected(archive: Path, pkg_dir: Path, match: str) -> None:
    with pytest.raises(ModelError, match=match):
        install_file(archive)
    assert _leftovers(pkg_dir) == []


def test_corrupt_zip_rejected(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(model_file.read_bytes()[: model_file.stat().st_size // 2])
    _assert_rejected(truncated, pkg_dir, "not a readable zip")
    garbage = tmp_path / "garbage.argosmodel"
    garbage.write_bytes(b"this is not a zip file at all")
    _assert_rejected(garbage, pkg_dir, "not a readable zip")


def test_crc_damage_rejected(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.argosmodel"
    with zipfile.ZipFile(model_file) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))  # stored, so bytes can be flipped below
    raw = bytearray(damaged.read_bytes())
    offset = raw.find(b"model.bin") + 200  # inside the stored model.bin data
    raw[offset] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    _assert_rejected(damaged, pkg_dir, "corrupt")


def test_missing_metadata_rejected(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    archive = _rewrite(model_file, tmp_path / "nometa.argosmodel", drop="metadata.json")
    _assert_rejected(archive, pkg_dir, "no metadata.json")


def test_invalid_metadata_rejected(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    bad_json = _rewrite(model_file, tmp_path / "badjson.argosmodel",
                        replace={"metadata.json": b"{not json"})
    _assert_rejected(bad_json, pkg_dir, "not valid JSON")
    no_code = _rewrite(model_file, tmp_path / "nocode.argosmodel",
                       replace={"metadata.json": json.dumps({"package_version": "1"}).encode()})
    _assert_rejected(no_code, pkg_dir, "from_code")


def test_missing_model_or_tokenizer_rejected(model_file: Path, pkg_dir: Path,
                                             tmp_path: Path) -> None:
    no_model = _rewrite(model_file, tmp_path / "nomodel.argosmodel", drop="model.bin")
    _assert_rejected(no_model, pkg_dir, "CTranslate2 model")
    no_sp = _rewrite(model_file, tmp_path / "nosp.argosmodel", drop="sentencepiece.model")
    _assert_rejected(no_sp, pkg_dir, "SentencePiece")
    bad_sp = _rewrite(model_file, tmp_path / "badsp.argosmodel",
                      replace={"sentencepiece.model": b"not a model"})
    _assert_rejected(bad_sp, pkg_dir, "cannot be loaded")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt",
                                  "translate-en_zh-0_0_1/../../evil.txt"])
def test_path_traversal_rejected(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                 name: str) -> None:
    archive = _rewrite(model_file, tmp_path / "evil.argosmodel", add={name: b"gotcha"})
    _assert_rejected(archive, pkg_dir, "escapes the package folder")
    assert not (tmp_path / "evil.txt").exists()


def test_foreign_archives_rejected(pkg_dir: Path, tmp_path: Path) -> None:
    flat = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(flat, "w") as zf:
        zf.writestr("metadata.json", "{}")
    _assert_rejected(flat, pkg_dir, "exactly one top-level folder")
    two = tmp_path / "two.argosmodel"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a/metadata.json", "{}")
        zf.writestr("b/metadata.json", "{}")
    _assert_rejected(two, pkg_dir, "exactly one top-level folder, found 2")
    docs = tmp_path / "docs.argosmodel"
    with zipfile.ZipFile(docs, "w") as zf:
        zf.writestr("report/readme.txt", "hello")
    _assert_rejected(docs, pkg_dir, "not an Argos package")


def test_missing_file_is_model_error(pkg_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        install_file(tmp_path / "nope.argosmodel")


def test_index_unreachable_is_clear_model_error(pkg_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(ModelError) as caught:
        install_from_index("en", "zh", progress=False)
    message = caught.value.format_message()
    assert "unreachable" in message
    assert "l10n models install --file PATH.argosmodel" in message
    assert _leftovers(pkg_dir) == []


def test_install_from_local_index(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(model_file, site / "en_zh.argosmodel")
    with serve_folder(site) as base:
        index = [
            {"from_code": "en", "to_code": "zh", "package_version": "0.0.0",
             "type": "translate", "links": [base + "missing.argosmodel"]},
            {"from_code": "en", "to_code": "zh", "package_version": "0.0.1",
             "type": "translate", "links": [base + "en_zh.argosmodel"]},
            {"from_code": "en", "to_code": "fr", "package_version": "9.9",
             "links": [base + "x.argosmodel"]},
        ]
        (site / "index.json").write_text(json.dumps(index))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        info = install_from_index("en", "zh", progress=False)
        assert info.version == "0.0.1"
        assert _leftovers(pkg_dir) == [info.path.name]
        with pytest.raises(ModelMissing, match="no en→zt package"):
            install_from_index("en", "zt", progress=False)
