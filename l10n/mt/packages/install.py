"""Installing and removing packages atomically: staged in a hidden folder inside the
packages folder and renamed into place, so a crash never leaves half a package."""

from __future__ import annotations

import logging
import os
import shutil
import struct
import tempfile
import zipfile
from pathlib import Path

from ...errors import ModelError, ModelMissing
from .archive import MAX_ARCHIVE_BYTES, UNPACK_ERRORS, _check_staged_model, _extract, _validate_archive
from .discovery import _version_key, list_packages, packages_dir, scan_packages
from .metadata import BrokenPackage, PackageInfo, _info, _Metadata, folder_name, read_package

log = logging.getLogger("l10n.mt.packages")

TEMP_PREFIX = ".l10n-"
#: What opening a damaged zip raises (struct.error: a truncated central directory).
ZIP_OPEN_ERRORS: tuple[type[Exception], ...] = (*UNPACK_ERRORS, struct.error)

def install_file(path: str | os.PathLike[str], *, force: bool = False) -> PackageInfo:
    """Validate an ``.argosmodel`` archive fully, then install it atomically.

    The package goes into a folder named after its pair and version
    (:func:`folder_name`), whatever the archive's own folder is called. A reinstall
    or an upgrade replaces the pair's installed package; the old folder is removed
    only after the new one is in place. An older version than the one installed, or
    a folder in the way that is broken, is refused unless ``force`` is given.
    """
    source = Path(path)
    where = str(source)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise ModelError("package file not found", path=where) from None
    except OSError as exc:
        raise ModelError(f"cannot read package file: {exc.strerror}", path=where) from None
    except ValueError as exc:  # a NUL in the path
        raise ModelError(f"not a usable path ({exc})", path=repr(where)) from None
    if not source.is_file():
        raise ModelError("not a file", path=where)
    if size > MAX_ARCHIVE_BYTES:
        raise ModelError(f"package file is {size} bytes (limit {MAX_ARCHIVE_BYTES})", path=where)
    root = packages_dir()
    try:
        with _open_archive(source, where) as archive:
            top, meta = _validate_archive(archive, where, size)
            final = root / folder_name(meta.from_code, meta.to_code, meta.version)
            _check_can_install(final, meta, force=force)
            root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}install-", dir=root))
            try:
                _extract(archive, staging, where)
                _check_staged_model(staging / top, where)
                installed = _move_into_place(staging / top, final, meta, force=force)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (OSError, zipfile.LargeZipFile) as exc:
        raise ModelError(f"cannot unpack package: {exc}", path=where) from None
    log.info("installed %s %s in %s", installed.pair, installed.version, installed.path)
    return installed


def _open_archive(source: Path, where: str) -> zipfile.ZipFile:
    """Open the zip; a damaged central directory is one ModelError, whatever zipfile raised."""
    try:
        return zipfile.ZipFile(source)
    except ZIP_OPEN_ERRORS as exc:
        raise ModelError(f"not a readable zip archive ({exc})", path=where,
                         hint="download the .argosmodel file again") from None


def _same_pair(meta: _Metadata) -> list[PackageInfo]:
    return [p for p in list_packages() if (p.from_code, p.to_code) == (meta.from_code,
                                                                       meta.to_code)]


def _check_can_install(final: Path, meta: _Metadata, *, force: bool) -> None:
    """Refuse a downgrade (unless forced) and never touch a folder holding another pair."""
    pair = f"{meta.from_code}→{meta.to_code}"
    newer = [p for p in _same_pair(meta) if _version_key(p.version) > _version_key(meta.version)]
    if newer and not force:
        latest = max(newer, key=lambda p: _version_key(p.version))
        raise ModelError(f"{pair} {latest.version} is installed; not downgrading to "
                         f"{meta.version}", path=str(latest.path),
                         hint="use --force to install the older version")
    if not (final.exists() or final.is_symlink()):
        return
    if final.is_symlink() or not final.is_dir():
        raise ModelError(f"cannot install {pair} {meta.version}: a file is in the way",
                         path=str(final), hint="move it away and install again")
    try:
        present = read_package(final)
    except ModelError as exc:
        if not force:
            raise ModelError(f"cannot install {pair} {meta.version}: the folder holds a broken "
                             f"package ({exc.message})", path=str(final),
                             hint="remove it with `l10n models remove --path PATH` or use "
                                  "--force") from None
        return
    if (present.from_code, present.to_code) != (meta.from_code, meta.to_code):
        raise ModelError(f"cannot install {pair} {meta.version}: the folder holds the "
                         f"{present.pair} package", path=str(final),
                         hint="remove it first if it is not wanted")


def _move_into_place(staged: Path, final: Path, meta: _Metadata, *,
                     force: bool = False) -> PackageInfo:
    """Rename the staged folder into place, then drop the pair's other folders.

    ``final`` is the folder derived from the pair and version; it is replaced only when
    it holds the same pair (a reinstall), or a broken package and ``force`` is given.
    """
    _check_can_install(final, meta, force=force)
    previous = _same_pair(meta)
    displaced: Path | None = None
    if final.exists():
        displaced = final.with_name(f"{TEMP_PREFIX}old-{final.name}-{os.getpid()}")
        os.replace(final, displaced)
    try:
        os.replace(staged, final)
    except OSError:
        if displaced is not None:
            os.replace(displaced, final)
        raise
    if displaced is not None:
        shutil.rmtree(displaced, ignore_errors=True)
    for old in previous:
        if old.path != final:
            _remove_folder(old.path)
    return _info(final, meta)


def _remove_folder(folder: Path) -> None:
    """Rename first so a half-deleted folder is never seen as a package."""
    doomed = folder.with_name(f"{TEMP_PREFIX}remove-{folder.name}-{os.getpid()}")
    os.replace(folder, doomed)
    shutil.rmtree(doomed, ignore_errors=True)


def remove_package(from_code: str, to_code: str) -> list[PackageInfo | BrokenPackage]:
    """Remove every installed package for the pair, broken folders named for it included.

    Returns what was removed, usable packages first (newest first).
    """
    installed, broken = scan_packages()
    usable: list[PackageInfo] = sorted(
        (p for p in installed if (p.from_code, p.to_code) == (from_code, to_code)),
        key=lambda p: _version_key(p.version), reverse=True)
    matches: list[PackageInfo | BrokenPackage] = [*usable, *(b for b in broken if b.pair == (from_code, to_code))]
    if not matches:
        raise ModelMissing(f"no {from_code}→{to_code} package is installed",
                           hint="`l10n models list` shows what is installed")
    for item in matches:
        _remove_checked(item.path)
    return matches


def remove_path(path: str | os.PathLike[str]) -> PackageInfo | BrokenPackage:
    """Remove one package folder, usable or broken, given its path (or its folder name).

    Only a folder directly inside the packages folder is removed: this is not a general
    ``rm -r``.
    """
    root = packages_dir()
    folder = Path(path).expanduser()
    if not folder.is_absolute() and not folder.exists() and len(folder.parts) == 1:
        folder = root / folder
    where = str(folder)
    if not (folder.exists() or folder.is_symlink()):
        raise ModelMissing("no such package folder", path=where,
                           hint="`l10n models list` shows what is installed")
    try:
        inside = folder.absolute().parent.resolve() == root.resolve()
    except OSError:
        inside = False
    if not inside or folder.name.startswith(".") or not folder.is_dir():
        raise ModelError(f"not a package folder in {root}", path=where,
                         hint="`l10n models list` shows installed and broken packages")
    try:
        item: PackageInfo | BrokenPackage = read_package(folder)
    except ModelError as exc:
        item = BrokenPackage(folder, exc.message)
    if folder.is_symlink():
        try:
            folder.unlink()
        except OSError as exc:
            raise ModelError(f"cannot remove package: {exc.strerror}", path=where) from None
    else:
        _remove_checked(folder)
    return item


def _remove_checked(folder: Path) -> None:
    try:
        _remove_folder(folder)
    except OSError as exc:
        raise ModelError(f"cannot remove package: {exc.strerror}", path=str(folder)) from None
