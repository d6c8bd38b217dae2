"""Argos Translate packages: where they live, what is installed, and safe installs.

An Argos package (``.argosmodel``) is a zip of one folder holding ``metadata.json``,
a CTranslate2 model folder ``model/`` and a SentencePiece model. Argos itself
extracts whatever zip it is given straight into its packages folder; we check the
whole archive first, extract into a hidden temp folder inside the packages folder
and rename it into place, so a corrupt, hostile or foreign archive leaves nothing
behind and a crash never leaves a half-installed package that ``list`` would pick up.

Settings are read by :func:`argos_settings` only, following Argos's own precedence
(environment, then ``settings.json``, then the XDG default). We do not import
``argostranslate.settings`` because it creates folders and edits ``os.environ``
at import time.
"""

from __future__ import annotations

import contextlib
import json
import logging
import lzma
import os
import re
import shutil
import stat
import struct
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path, PurePosixPath

from ..errors import ModelError, ModelMissing
from ..lang import profiles

log = logging.getLogger(__name__)

ENV_PACKAGES_DIR = "ARGOS_PACKAGES_DIR"
ENV_PACKAGE_INDEX = "ARGOS_PACKAGE_INDEX"
DEFAULT_PACKAGE_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_FILE_NAME = "index.json"
SETTINGS_FILE_NAME = "settings.json"
ARGOS_FOLDER_NAME = "argos-translate"

METADATA_FILE = "metadata.json"
MODEL_DIR = "model"
MODEL_BIN = "model/model.bin"
SENTENCEPIECE_FILE = "sentencepiece.model"
VOCABULARY_FILES = (
    "model/shared_vocabulary.json",
    "model/shared_vocabulary.txt",
    "model/source_vocabulary.json",
    "model/source_vocabulary.txt",
)
PACKAGE_SUFFIX = ".argosmodel"

#: The largest archive we accept, and the most it may expand to: real Argos
#: packages are 50-200 MB; the limits stop zip bombs and wrong files early.
MAX_ARCHIVE_BYTES = 2 * 1024**3
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
#: The most a large member (or the whole archive) may expand relative to its compressed
#: size. Argos models are int8 weights that deflate barely compresses (about 1.1:1), and
#: their vocabularies about 4:1; deflate's own ceiling is about 1,030:1, which a zip
#: bomb uses (a 1.16 MB archive declaring a 1 GiB model.bin is 900:1).
MAX_COMPRESSION_RATIO = 200
#: Members smaller than this are not ratio-checked: they cannot exhaust a disk, and a
#: small JSON file of repeated keys can legitimately compress very well.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
#: The compression methods Python's zipfile can unpack; anything else (deflate64,
#: zstandard, PPMd, AES...) is refused before a byte is read.
SUPPORTED_COMPRESSION = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
COMPRESSION_NAMES = {1: "shrink", 6: "implode", 9: "deflate64", 10: "PKWARE implode",
                     93: "zstandard", 95: "xz", 96: "JPEG", 97: "WavPack", 98: "PPMd",
                     99: "AES encryption"}
#: General-purpose flag bits we refuse: 0 (encrypted), 5 (patched data), 6 (strong
#: encryption). An Argos package is never encrypted.
UNSAFE_FLAGS = {0x0001: "encrypted", 0x0020: "compressed patched data",
                0x0040: "strongly encrypted"}
#: What zipfile and the decompressors raise on damaged member data (bz2 also raises an
#: OSError without errno, handled where the data is read).
UNPACK_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError,
    RuntimeError, ValueError)
COPY_CHUNK_BYTES = 1024 * 1024
INDEX_TIMEOUT_S = 30.0
DOWNLOAD_TIMEOUT_S = 60.0
USER_AGENT = "l10n (Argos Translate package client)"
TEMP_PREFIX = ".l10n-"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
#: l10n translates English into the languages it has a profile for (``l10n.lang``):
#: Argos's ``zh`` (Simplified) and ``zt`` (Traditional) packages for Chinese, ``ja`` for
#: Japanese. Anything else is refused before it is unpacked.
SOURCE_CODE = "en"
TARGET_CODES: tuple[str, ...] = tuple(code for profile in profiles() for code in profile.model_codes)
#: How Argos names package folders (``translate-en_zh-1_9``); we install under the same
#: scheme derived from the metadata, never under the archive's own top folder name, so
#: an archive can never overwrite the folder of another pair.
FOLDER_PREFIX = "translate-"
FOLDER_PAIR = re.compile(r"^translate-([a-z]{2,3})_([a-z]{2,3})-")
INSTALL_HINT = ("download the .argosmodel file elsewhere and run "
                "`l10n models install --file PATH.argosmodel`")


@dataclass(frozen=True)
class ArgosSettings:
    """The two Argos settings we need: where packages live and the index URL."""

    packages_dir: Path
    index_url: str


@dataclass(frozen=True)
class PackageInfo:
    """One installed (or about to be installed) Argos translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    name: str
    argos_version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def model_dir(self) -> Path:
        return self.path / MODEL_DIR

    @property
    def sentencepiece_path(self) -> Path:
        return self.path / SENTENCEPIECE_FILE


@dataclass(frozen=True)
class BrokenPackage:
    """A folder in the packages folder that looks like a package but cannot be used."""

    path: Path
    reason: str

    @property
    def pair(self) -> tuple[str, str] | None:
        """The (from, to) codes the folder's name claims, if it follows Argos's naming."""
        found = FOLDER_PAIR.match(self.path.name)
        return (found.group(1), found.group(2)) if found else None


class _NotTranslation(ModelError):
    """A valid Argos package of another type (not a translation model)."""


@dataclass(frozen=True)
class _Metadata:
    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    argos_version: str
    target_prefix: str


def argos_settings(environ: Mapping[str, str] | None = None) -> ArgosSettings:
    """Resolve Argos's settings the way Argos does, without its import-time side effects.

    Precedence per key: environment variable, then ``settings.json`` in Argos's
    config folder, then the default under the XDG data folder (``$SNAP_USER_DATA``
    replaces the home folder inside a snap, as in Argos).
    """
    env = os.environ if environ is None else environ
    home = Path(env["SNAP_USER_DATA"]) if "SNAP" in env and "SNAP_USER_DATA" in env else Path.home()
    config_dir = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / ARGOS_FOLDER_NAME
    data_dir = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / ARGOS_FOLDER_NAME
    from_file = _read_settings_file(config_dir / SETTINGS_FILE_NAME)

    def setting(key: str, default: str) -> str:
        value = env.get(key)
        if value:
            return value
        stored = from_file.get(key)
        return stored if isinstance(stored, str) and stored else default

    index = setting(ENV_PACKAGE_INDEX, DEFAULT_PACKAGE_INDEX)
    if not index.endswith("/"):
        index += "/"
    packages_dir = Path(setting(ENV_PACKAGES_DIR, str(data_dir / "packages"))).expanduser()
    return ArgosSettings(packages_dir=packages_dir, index_url=index + INDEX_FILE_NAME)


def _read_settings_file(path: Path) -> dict[str, object]:
    """Argos's settings.json; an unreadable one is ignored with a warning, as Argos does."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s: ignoring unreadable Argos settings (%s)", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


# --------------------------------------------------------------------------- metadata


def _parse_metadata(raw: bytes, where: str) -> _Metadata:
    """Validate metadata.json strictly: a package we cannot identify is not installed."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"metadata.json is not valid JSON ({exc})", path=where) from None
    if not isinstance(data, dict):
        raise ModelError("metadata.json is not a JSON object", path=where)
    kind = data.get("type", "translate")
    if kind != "translate":
        raise _NotTranslation(f"not a translation package (type {kind!r})", path=where)

    def text(key: str, *, required: bool) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise ModelError(f"metadata.json: {key!r} missing or not a string", path=where)
        return value.strip()

    from_code = text("from_code", required=True)
    to_code = text("to_code", required=True)
    for key, code in (("from_code", from_code), ("to_code", to_code)):
        if not LANGUAGE_CODE.match(code):
            raise ModelError(f"metadata.json: {key} {code!r} is not a language code", path=where)
    return _Metadata(
        from_code=from_code,
        to_code=to_code,
        version=text("package_version", required=True),
        from_name=text("from_name", required=False),
        to_name=text("to_name", required=False),
        argos_version=text("argos_version", required=False),
        target_prefix=text("target_prefix", required=False),
    )


def check_pair(from_code: str, to_code: str, where: str | None = None) -> None:
    """Refuse any pair but English to Chinese: l10n has no use for it."""
    if from_code != SOURCE_CODE or to_code not in TARGET_CODES:
        raise ModelError(
            f"package translates {from_code}→{to_code}; l10n only uses English→Chinese "
            f"packages ({', '.join(f'{SOURCE_CODE}→{code}' for code in TARGET_CODES)})",
            path=where)


def folder_name(from_code: str, to_code: str, version: str) -> str:
    """The folder a package is installed in, derived from its pair and version only."""
    safe_version = re.sub(r"[^A-Za-z0-9]+", "_", version).strip("_") or "0"
    return f"{FOLDER_PREFIX}{from_code}_{to_code}-{safe_version}"


def _info(folder: Path, meta: _Metadata) -> PackageInfo:
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    names = (meta.from_name or meta.from_code, meta.to_name or meta.to_code)
    return PackageInfo(
        from_code=meta.from_code,
        to_code=meta.to_code,
        version=meta.version,
        path=folder,
        size_bytes=size,
        name=f"{names[0]} → {names[1]}",
        argos_version=meta.argos_version,
        target_prefix=meta.target_prefix,
    )


def read_package(folder: Path) -> PackageInfo:
    """Describe an installed package folder, or raise ModelError if it is not one."""
    where = str(folder)
    try:
        raw = (folder / METADATA_FILE).read_bytes()
    except OSError:
        raise ModelError("no readable metadata.json", path=where) from None
    meta = _parse_metadata(raw, where)
    if not (folder / MODEL_BIN).is_file():
        raise ModelError(f"no CTranslate2 model ({MODEL_BIN})", path=where)
    if not (folder / SENTENCEPIECE_FILE).is_file():
        raise ModelError(f"no SentencePiece model ({SENTENCEPIECE_FILE})", path=where)
    return _info(folder, meta)


# --------------------------------------------------------------------------- discovery


def packages_dir() -> Path:
    return argos_settings().packages_dir


def scan_packages() -> tuple[list[PackageInfo], list[BrokenPackage]]:
    """Installed translation packages (sorted by pair then version) and broken folders.

    Hidden folders (our own temp folders) and valid Argos packages of other types are
    skipped; every other folder that cannot be read as a package is reported as broken
    with the reason, so it can be seen and removed rather than vanish from the listing.
    """
    root = packages_dir()
    if not root.is_dir():
        return [], []
    found: list[PackageInfo] = []
    broken: list[BrokenPackage] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            found.append(read_package(folder))
        except _NotTranslation as exc:
            log.debug("skipping %s: %s", folder, exc)
        except ModelError as exc:
            broken.append(BrokenPackage(folder, exc.message))
    found.sort(key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))
    return found, broken


def list_packages() -> list[PackageInfo]:
    """Installed, usable translation packages, sorted by pair then version."""
    return scan_packages()[0]


def list_broken() -> list[BrokenPackage]:
    """Folders in the packages folder that look like packages but cannot be used."""
    return scan_packages()[1]


def find_package(from_code: str, to_code: str) -> PackageInfo | None:
    """The newest installed package for the pair, or None."""
    matches = [p for p in list_packages() if (p.from_code, p.to_code) == (from_code, to_code)]
    return max(matches, key=lambda p: _version_key(p.version)) if matches else None


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "1.9" < "1.10" without a dependency on packaging."""
    parts = re.split(r"[._-]", version)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


# --------------------------------------------------------------------------- install


def _member_path(name: str, where: str) -> PurePosixPath:
    """A member name as a safe relative path: no absolute paths, drives or '..'."""
    if "\\" in name or "\x00" in name:
        raise ModelError(f"archive member {name!r} has an unsafe name", path=where)
    path = PurePosixPath(name)
    if path.is_absolute() or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise ModelError(f"archive member {name!r} escapes the package folder", path=where)
    if not path.parts:
        raise ModelError("archive has a member with an empty name", path=where)
    return path


def _validate_archive(archive: zipfile.ZipFile, where: str,
                      archive_size: int) -> tuple[str, _Metadata]:
    """Check every member and the package layout; return the top folder and metadata.

    Only the central directory is read here, plus the two small files that identify the
    package: sizes, ratios and compression methods are refused before anything is
    decompressed to disk. Member data (CRCs) is checked while extracting.
    """
    members = archive.infolist()
    if not members:
        raise ModelError("archive is empty", path=where)
    if len(members) > MAX_MEMBERS:
        raise ModelError(f"archive has {len(members)} members (limit {MAX_MEMBERS})", path=where)
    tops: set[str] = set()
    files: set[str] = set()
    unpacked = packed = 0
    for info in members:
        path = _member_path(info.filename, where)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ModelError(f"archive member {info.filename!r} is a symbolic link", path=where)
        if len(path.parts) == 1 and not info.is_dir():
            raise ModelError(
                f"file {info.filename!r} at the archive root: not an Argos package "
                "(expected exactly one top-level folder)", path=where)
        _check_member_format(info, where)
        _check_ratio(info.filename, info.file_size, info.compress_size, where)
        tops.add(path.parts[0])
        if not info.is_dir():
            files.add(path.as_posix())
        unpacked += info.file_size
        packed += info.compress_size
    _check_totals(unpacked, packed, archive_size, where)
    if len(tops) != 1:
        raise ModelError(f"expected exactly one top-level folder, found {len(tops)}: "
                         f"{', '.join(sorted(tops)[:5])}", path=where)
    top = tops.pop()
    if top in {".", ""} or top.startswith("."):
        raise ModelError(f"unsafe top-level folder name {top!r}", path=where)
    for required, what in ((METADATA_FILE, "metadata.json"),
                           (MODEL_BIN, "a CTranslate2 model (model/model.bin)"),
                           (SENTENCEPIECE_FILE, "a SentencePiece model (sentencepiece.model)")):
        if f"{top}/{required}" not in files:
            raise ModelError(f"not an Argos package: no {what}", path=where)
    if not any(f"{top}/{name}" in files for name in VOCABULARY_FILES):
        raise ModelError("not an Argos package: the CTranslate2 model has no vocabulary",
                         path=where)
    meta = _parse_metadata(_read_member(archive, f"{top}/{METADATA_FILE}", where),
                           f"{where}:{METADATA_FILE}")
    check_pair(meta.from_code, meta.to_code, where)
    _check_sentencepiece(_read_member(archive, f"{top}/{SENTENCEPIECE_FILE}", where), where)
    return top, meta


def _check_member_format(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse encryption and compression methods zipfile cannot unpack, by name."""
    for bit, what in UNSAFE_FLAGS.items():
        if info.flag_bits & bit:
            raise ModelError(f"archive member {info.filename!r} is {what}: an Argos package "
                             "never is", path=where)
    method = info.compress_type
    if method not in SUPPORTED_COMPRESSION:
        name = COMPRESSION_NAMES.get(method, "unknown")
        raise ModelError(f"archive member {info.filename!r} uses compression method {method} "
                         f"({name}), which cannot be unpacked; supported: "
                         f"{', '.join(SUPPORTED_COMPRESSION.values())}", path=where,
                         hint="re-create the archive with standard zip (deflate) compression")


def _check_ratio(name: str, unpacked: int, packed: int, where: str) -> None:
    """Refuse a large member that expands more than any real model file does."""
    if unpacked < RATIO_CHECK_MIN_BYTES:
        return
    if unpacked > packed * MAX_COMPRESSION_RATIO:
        ratio = f"{unpacked / packed:.0f}:1" if packed else "unbounded"
        raise ModelError(f"archive member {name!r} expands {packed} bytes to {unpacked} "
                         f"({ratio}, limit {MAX_COMPRESSION_RATIO}:1): not a model, "
                         "possibly a zip bomb", path=where)


def _check_totals(unpacked: int, packed: int, archive_size: int, where: str) -> None:
    """Refuse archives that expand too far, or whose members share or invent data."""
    if unpacked > MAX_UNPACKED_BYTES:
        raise ModelError(f"archive expands to {unpacked} bytes (limit {MAX_UNPACKED_BYTES})",
                         path=where)
    if packed > archive_size:
        raise ModelError(f"archive members claim {packed} compressed bytes in a "
                         f"{archive_size}-byte file: overlapping or lying members", path=where)
    _check_ratio("(whole archive)", unpacked, max(archive_size, 1), where)


def _read_member(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    """A small member's bytes; damaged data is a ModelError naming the member."""
    try:
        return archive.read(name)
    except (*UNPACK_ERRORS, OSError) as exc:  # bz2 reports bad data as OSError
        raise ModelError(f"archive member {name!r} is corrupt ({exc})", path=where) from None


def _check_sentencepiece(raw: bytes, where: str) -> None:
    import sentencepiece

    try:
        sentencepiece.SentencePieceProcessor(model_proto=raw)
    except (RuntimeError, OSError, ValueError) as exc:
        raise ModelError(f"sentencepiece.model cannot be loaded ({exc})", path=where) from None


def _extract(archive: zipfile.ZipFile, dest: Path, where: str) -> None:
    """Extract member by member, counting the bytes really written.

    Declared sizes can lie: each member may not grow past its declared size nor past
    :data:`MAX_COMPRESSION_RATIO` of its compressed size, and the whole archive not past
    :data:`MAX_UNPACKED_BYTES`, whatever the central directory says. zipfile checks each
    member's CRC at its end, so damaged data stops the install here too.
    """
    total = 0
    for info in archive.infolist():
        target = dest.joinpath(*PurePosixPath(info.filename).parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            total += _extract_member(archive, info, target, MAX_UNPACKED_BYTES - total, where)
        except (*UNPACK_ERRORS, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # the disk, not the data: reported as "cannot unpack package"
            raise ModelError(f"archive member {info.filename!r} is corrupt ({exc})",
                             path=where) from None


def _extract_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path,
                    budget: int, where: str) -> int:
    """Copy one member to ``target``; return the bytes written (never over ``budget``)."""
    written = 0
    with archive.open(info) as src, open(target, "xb") as out:
        while chunk := src.read(COPY_CHUNK_BYTES):
            written += len(chunk)
            if written > info.file_size:
                raise ModelError(f"archive member {info.filename!r} is larger than declared",
                                 path=where)
            if written > budget:
                raise ModelError(f"archive expands past {MAX_UNPACKED_BYTES} bytes",
                                 path=where)
            _check_ratio(info.filename, written, info.compress_size, where)
            out.write(chunk)
    return written


def _check_staged_model(package: Path, where: str) -> None:
    """Load the staged CTranslate2 model once, as the engine will, and decode one token.

    A truncated or garbled ``model.bin`` is refused here, before the package is moved
    into place, instead of failing the first batch that needs it.
    """
    from .ctmodel import open_model

    open_model(package / MODEL_DIR, threads=1, where=where, probe=True,
               hint="download the .argosmodel file again")


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
    except (*UNPACK_ERRORS, struct.error) as exc:
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
    matches: list[PackageInfo | BrokenPackage] = sorted(
        (p for p in installed if (p.from_code, p.to_code) == (from_code, to_code)),
        key=lambda p: _version_key(p.version), reverse=True)
    matches += [b for b in broken if b.pair == (from_code, to_code)]
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


# --------------------------------------------------------------------------- index


def _open_url(url: str, timeout: float) -> HTTPResponse:
    if not url.startswith(("https://", "http://")):
        raise ModelError(f"unsupported URL {url!r} (only http and https)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    response: HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    return response


def fetch_index(url: str | None = None) -> list[dict[str, object]]:
    """Argos's package index: a JSON list of package metadata objects."""
    url = url or argos_settings().index_url
    try:
        with _open_url(url, INDEX_TIMEOUT_S) as response:
            raw = response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"the Argos package index {url} is unreachable ({reason})",
                         hint=INSTALL_HINT) from None
    try:
        data = json.loads(raw)
    except ValueError:
        raise ModelError(f"the Argos package index {url} is not valid JSON",
                         hint=INSTALL_HINT) from None
    if not isinstance(data, list):
        raise ModelError(f"the Argos package index {url} is not a list of packages",
                         hint=INSTALL_HINT)
    return [item for item in data if isinstance(item, dict)]


def _pick(index: list[dict[str, object]], from_code: str, to_code: str) -> dict[str, object]:
    candidates = [
        item for item in index
        if item.get("from_code") == from_code and item.get("to_code") == to_code
        and item.get("type", "translate") == "translate"
    ]
    if not candidates:
        raise ModelMissing(f"the Argos package index has no {from_code}→{to_code} package")
    return max(candidates, key=lambda item: _version_key(str(item.get("package_version", ""))))


def install_from_index(from_code: str, to_code: str, progress: bool = True, *,
                       force: bool = False) -> PackageInfo:
    """Download the newest package for a pair from Argos's index and install it.

    The download goes to a temp file in the packages folder (same file system,
    removed afterwards); its length is checked against the server's and the
    archive is then validated in full by :func:`install_file`.
    """
    check_pair(from_code, to_code)
    settings = argos_settings()
    entry = _pick(fetch_index(settings.index_url), from_code, to_code)
    links = entry.get("links")
    urls = [u for u in links if isinstance(u, str)] if isinstance(links, list) else []
    if not urls:
        raise ModelError(f"the index entry for {from_code}→{to_code} has no download link",
                         hint=INSTALL_HINT)
    settings.packages_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}download-", suffix=PACKAGE_SUFFIX,
                                    dir=settings.packages_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        errors: list[str] = []
        for url in urls:
            try:
                _download(url, tmp, progress=progress)
                break
            except ModelError as exc:
                errors.append(exc.message)
        else:
            raise ModelError("download failed: " + "; ".join(errors), hint=INSTALL_HINT)
        return install_file(tmp, force=force)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _download(url: str, dest: Path, *, progress: bool) -> None:
    from tqdm import tqdm

    try:
        with _open_url(url, DOWNLOAD_TIMEOUT_S) as response, open(dest, "wb") as out:
            length_header = response.headers.get("Content-Length")
            expected = int(length_header) if length_header and length_header.isdigit() else None
            if expected is not None and expected > MAX_ARCHIVE_BYTES:
                raise ModelError(f"{url}: package is {expected} bytes (limit {MAX_ARCHIVE_BYTES})")
            received = 0
            with tqdm(total=expected, unit="B", unit_scale=True, unit_divisor=1024,
                      desc=url.rsplit("/", 1)[-1],
                      disable=not (progress and sys.stderr.isatty()), leave=False) as bar:
                while chunk := response.read(COPY_CHUNK_BYTES):
                    received += len(chunk)
                    if received > MAX_ARCHIVE_BYTES:
                        raise ModelError(f"{url}: download exceeds {MAX_ARCHIVE_BYTES} bytes")
                    out.write(chunk)
                    bar.update(len(chunk))
            out.flush()
            os.fsync(out.fileno())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"{url}: download failed ({reason})") from None
    if expected is not None and received != expected:
        raise ModelError(f"{url}: download incomplete ({received} of {expected} bytes)")
