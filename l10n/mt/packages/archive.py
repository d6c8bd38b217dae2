"""An ``.argosmodel`` archive checked in full before a byte is extracted: member paths,
compression methods and ratios, sizes, the SentencePiece model; then extracted and its
model opened once."""

from __future__ import annotations

import lzma
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ...errors import ModelError
from .metadata import (
    METADATA_FILE,
    MODEL_BIN,
    MODEL_DIR,
    SENTENCEPIECE_FILE,
    VOCABULARY_FILES,
    _Metadata,
    _parse_metadata,
    check_pair,
)

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
#: The same, and OSError: bz2 reports bad data as an OSError without errno.
UNPACK_OR_OS_ERRORS: tuple[type[Exception], ...] = (*UNPACK_ERRORS, OSError)
COPY_CHUNK_BYTES = 1024 * 1024



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


#: The files every Argos package holds, with how a message names them.
REQUIRED_FILES = ((METADATA_FILE, "metadata.json"),
                  (MODEL_BIN, "a CTranslate2 model (model/model.bin)"),
                  (SENTENCEPIECE_FILE, "a SentencePiece model (sentencepiece.model)"))


def _validate_archive(archive: zipfile.ZipFile, where: str,
                      archive_size: int) -> tuple[str, _Metadata]:
    """Check every member and the package layout; return the top folder and metadata.

    Only the central directory is read here, plus the two small files that identify the
    package: sizes, ratios and compression methods are refused before anything is
    decompressed to disk. Member data (CRCs) is checked while extracting.
    """
    top, files = _check_members(archive.infolist(), where, archive_size)
    _check_layout(top, files, where)
    meta = _parse_metadata(_read_member(archive, f"{top}/{METADATA_FILE}", where),
                           f"{where}:{METADATA_FILE}")
    check_pair(meta.from_code, meta.to_code, where)
    _check_sentencepiece(_read_member(archive, f"{top}/{SENTENCEPIECE_FILE}", where), where)
    return top, meta


def _check_members(members: list[zipfile.ZipInfo], where: str, archive_size: int) -> tuple[str, set[str]]:
    """Every member safe (path, type, format, ratio), the totals within limits, and one
    top-level folder; returns that folder and the files' paths."""
    if not members:
        raise ModelError("archive is empty", path=where)
    if len(members) > MAX_MEMBERS:
        raise ModelError(f"archive has {len(members)} members (limit {MAX_MEMBERS})", path=where)
    tops: set[str] = set()
    files: set[str] = set()
    unpacked = packed = 0
    for info in members:
        path = _check_member(info, where)
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
    return top, files


def _check_member(info: zipfile.ZipInfo, where: str) -> PurePosixPath:
    """One member: a safe relative path, no link, not a loose file at the root, a format
    we can unpack and a sane compression ratio."""
    path = _member_path(info.filename, where)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ModelError(f"archive member {info.filename!r} is a symbolic link", path=where)
    if len(path.parts) == 1 and not info.is_dir():
        raise ModelError(
            f"file {info.filename!r} at the archive root: not an Argos package "
            "(expected exactly one top-level folder)", path=where)
    _check_member_format(info, where)
    _check_ratio(info.filename, info.file_size, info.compress_size, where)
    return path


def _check_layout(top: str, files: set[str], where: str) -> None:
    """The package's own files are all there: metadata, model, SentencePiece, vocabulary."""
    for required, what in REQUIRED_FILES:
        if f"{top}/{required}" not in files:
            raise ModelError(f"not an Argos package: no {what}", path=where)
    if not any(f"{top}/{name}" in files for name in VOCABULARY_FILES):
        raise ModelError("not an Argos package: the CTranslate2 model has no vocabulary",
                         path=where)


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
    except UNPACK_OR_OS_ERRORS as exc:  # bz2 reports bad data as OSError
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
        except UNPACK_OR_OS_ERRORS as exc:
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
    from ..ctmodel import open_model

    open_model(package / MODEL_DIR, intra_threads=1, where=where, probe=True,
               hint="download the .argosmodel file again")
