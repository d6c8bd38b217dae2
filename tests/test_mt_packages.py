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
    BrokenPackage,
    argos_settings,
    find_package,
    folder_name,
    install_file,
    install_from_index,
    list_broken,
    list_packages,
    remove_package,
    remove_path,
    scan_packages,
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
    assert removed == [info]
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


# -- folder names, other pairs, downgrades ----------------------------------------------


def _metadata(archive: Path) -> dict[str, object]:
    with zipfile.ZipFile(archive) as zf:
        name = next(n for n in zf.namelist() if n.endswith("/metadata.json"))
        data: dict[str, object] = json.loads(zf.read(name))
    return data


def _with_metadata(src: Path, dest: Path, **changes: object) -> Path:
    """The same archive (same top folder name) with metadata.json fields changed."""
    data = {**_metadata(src), **changes}
    return _rewrite(src, dest, replace={"metadata.json": json.dumps(data).encode()})


def test_folder_name_comes_from_pair_and_version() -> None:
    assert folder_name("en", "zh", "1.9") == "translate-en_zh-1_9"
    assert folder_name("en", "zt", "0.0.1") == "translate-en_zt-0_0_1"
    assert folder_name("en", "zh", "../../x y") == "translate-en_zh-x_y"


def test_other_pair_with_the_same_top_folder_does_not_replace_en_zh(
        model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    """The archive's top folder is translate-en_zh-0_0_1, its metadata says en→zt."""
    zh = install_file(model_file)
    zt_archive = _with_metadata(model_file, tmp_path / "zt.argosmodel", to_code="zt")
    zt = install_file(zt_archive)
    assert zt.path.name == "translate-en_zt-0_0_1"
    assert zh.path.name == "translate-en_zh-0_0_1"
    assert {(p.pair, p.path) for p in list_packages()} == {("en→zh", zh.path),
                                                           ("en→zt", zt.path)}
    assert find_package("en", "zh") == zh
    assert (zh.path / "model" / "model.bin").is_file()


def test_a_folder_holding_another_pair_is_never_replaced(model_file: Path, pkg_dir: Path,
                                                         tmp_path: Path) -> None:
    """Even when a hand-made folder has exactly the name the new package would get."""
    zt = install_file(_with_metadata(model_file, tmp_path / "zt.argosmodel", to_code="zt"))
    squatter = pkg_dir / "translate-en_zh-0_0_1"
    zt.path.rename(squatter)
    with pytest.raises(ModelError, match="holds the en→zt package"):
        install_file(model_file)
    assert [(p.pair, p.path) for p in list_packages()] == [("en→zt", squatter)]
    assert _leftovers(pkg_dir) == [squatter.name]


def test_downgrade_is_refused_without_force(model_file: Path, pkg_dir: Path,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    newer = install_file(session_package(tmp_path_factory, version="0.0.2"))
    with pytest.raises(ModelError, match="en→zh 0.0.2 is installed; not downgrading to 0.0.1"):
        install_file(model_file)
    assert list_packages() == [newer]
    assert _leftovers(pkg_dir) == [newer.path.name]
    older = install_file(model_file, force=True)
    assert older.version == "0.0.1"
    assert list_packages() == [older]
    assert _leftovers(pkg_dir) == [older.path.name]


@pytest.mark.parametrize(("from_code", "to_code"), [("zh", "en"), ("fr", "de"), ("en", "fr")])
def test_pairs_other_than_english_to_chinese_are_refused(
        model_file: Path, pkg_dir: Path, tmp_path: Path, from_code: str, to_code: str) -> None:
    archive = _with_metadata(model_file, tmp_path / "foreign.argosmodel",
                             from_code=from_code, to_code=to_code)
    with pytest.raises(ModelError, match=f"package translates {from_code}→{to_code}; "
                                         "l10n only uses English→Chinese"):
        install_file(archive)
    assert _leftovers(pkg_dir) == []
    with pytest.raises(ModelError, match="only uses English→Chinese"):
        install_from_index(from_code, to_code, progress=False)  # refused before any download


# -- broken installed packages ------------------------------------------------------------


def _break(folder: Path) -> None:
    meta = folder / "metadata.json"
    meta.write_bytes(meta.read_bytes()[:20])  # truncated JSON


def test_broken_package_is_listed_with_path_and_reason(model_file: Path, pkg_dir: Path) -> None:
    info = install_file(model_file)
    _break(info.path)
    installed, broken = scan_packages()
    assert installed == []
    assert len(broken) == 1
    assert broken[0].path == info.path
    assert "metadata.json is not valid JSON" in broken[0].reason
    assert broken[0].pair == ("en", "zh")
    assert list_broken() == broken
    assert find_package("en", "zh") is None


def test_other_package_types_are_not_broken(pkg_dir: Path) -> None:
    sbd = pkg_dir / "sbd-xx"
    sbd.mkdir(parents=True)
    (sbd / "metadata.json").write_text(json.dumps({"type": "sbd", "package_version": "1"}))
    (pkg_dir / ".l10n-install-leftover").mkdir()
    assert scan_packages() == ([], [])


def test_broken_package_removed_by_path_or_by_pair(model_file: Path, pkg_dir: Path) -> None:
    info = install_file(model_file)
    _break(info.path)
    removed = remove_path(info.path)
    assert isinstance(removed, BrokenPackage) and removed.path == info.path
    assert _leftovers(pkg_dir) == []

    info = install_file(model_file)
    _break(info.path)
    (removed_by_pair,) = remove_package("en", "zh")
    assert isinstance(removed_by_pair, BrokenPackage)
    assert _leftovers(pkg_dir) == []

    info = install_file(model_file)
    assert remove_path(info.path.name) == info  # a bare folder name is looked up in pkg_dir
    assert _leftovers(pkg_dir) == []


def test_remove_path_only_removes_folders_of_the_packages_folder(
        model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    install_file(model_file)
    outside = tmp_path / "precious"
    outside.mkdir()
    with pytest.raises(ModelError, match="not a package folder in"):
        remove_path(outside)
    with pytest.raises(ModelError, match="not a package folder in"):
        remove_path(pkg_dir / "translate-en_zh-0_0_1" / "model")
    with pytest.raises(ModelMissing, match="no such package folder"):
        remove_path(pkg_dir / "nothing-here")
    assert outside.is_dir()
    assert len(list_packages()) == 1


def test_broken_folder_in_the_way_needs_force(model_file: Path, pkg_dir: Path) -> None:
    info = install_file(model_file)
    _break(info.path)
    with pytest.raises(ModelError, match="holds a broken package"):
        install_file(model_file)
    repaired = install_file(model_file, force=True)
    assert list_packages() == [repaired]
    assert list_broken() == []
    assert _leftovers(pkg_dir) == [repaired.path.name]
