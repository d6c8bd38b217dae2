"""Hostile and damaged model archives: every one is one ModelError line, nothing installed.

Archives are crafted by writing real zip bytes and patching header fields (compression
method, flag bits, declared sizes) in the local and central headers, as an attacker or a
broken tool would produce them.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mt_fixtures import session_package

from l10n.cli import main
from l10n.errors import ModelError
from l10n.mt import packages
from l10n.mt.packages import archive, install_file, list_packages

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
# Offsets of fields inside the two headers (APPNOTE.TXT 4.3.7 and 4.3.12).
LOCAL_FLAGS, LOCAL_METHOD, LOCAL_CRC, LOCAL_PACKED, LOCAL_SIZE = 6, 8, 14, 18, 22
CENTRAL_FLAGS, CENTRAL_METHOD, CENTRAL_CRC, CENTRAL_PACKED, CENTRAL_SIZE = 8, 10, 16, 20, 24
MODEL_BIN = "model/model.bin"


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_package(tmp_path_factory)


@pytest.fixture
def pkg_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(target))
    return target


def _members(src: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(src) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def _write(dest: Path, members: list[tuple[str, bytes]],
           compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(dest, "w", compression=compression) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return dest


def _replace(members: list[tuple[str, bytes]], suffix: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(name, data if name.endswith(suffix) else old) for name, old in members]


def _header_offsets(raw: bytes, member_suffix: str) -> tuple[int, int]:
    """(local header offset, central header offset) of the member whose name ends so."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith(member_suffix))
        position = zf.start_dir
    local = info.header_offset
    while True:
        central = raw.index(CENTRAL_SIG, position)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, central + 28)
        if raw[central + 46:central + 46 + name_len].decode() == info.filename:
            return local, central
        position = central + 46 + name_len + extra_len + comment_len


def _patch(archive: Path, member_suffix: str, *, local: dict[int, tuple[str, int]],
           central: dict[int, tuple[str, int]]) -> Path:
    """Overwrite header fields ({offset: (struct format, value)}) of one member."""
    raw = bytearray(archive.read_bytes())
    local_at, central_at = _header_offsets(bytes(raw), member_suffix)
    assert raw[local_at:local_at + 4] == LOCAL_SIG
    for base, fields in ((local_at, local), (central_at, central)):
        for offset, (fmt, value) in fields.items():
            struct.pack_into(fmt, raw, base + offset, value)
    archive.write_bytes(bytes(raw))
    return archive


def _assert_refused(archive: Path, pkg_dir: Path, match: str) -> None:
    with pytest.raises(ModelError, match=match) as caught:
        install_file(archive)
    message = caught.value.format_message()
    assert "\n" not in message and str(archive) in message
    assert list_packages() == []
    assert not pkg_dir.exists() or list(pkg_dir.iterdir()) == []


# --------------------------------------------------------------- item 8: formats zipfile cannot read

METHODS = [(9, "deflate64"), (6, "implode"), (93, "zstandard"), (98, "PPMd"), (99, "AES"),
           (4242, "unknown")]


@pytest.mark.parametrize("central_only", [False, True], ids=["both-headers", "central-only"])
@pytest.mark.parametrize(("method", "name"), METHODS, ids=[n for _, n in METHODS])
def test_unsupported_compression_method_refused_by_name(
        model_file: Path, pkg_dir: Path, tmp_path: Path, method: int, name: str,
        central_only: bool) -> None:
    archive = _write(tmp_path / "m.argosmodel", _members(model_file))
    _patch(archive, MODEL_BIN, local={} if central_only else {LOCAL_METHOD: ("<H", method)},
           central={CENTRAL_METHOD: ("<H", method)})
    _assert_refused(archive, pkg_dir, f"compression method {method} \\({name}")


FLAGS = [(0x0001, "encrypted"), (0x0040, "strongly encrypted"), (0x0020, "compressed patched data"),
         (0x0041, "encrypted")]


@pytest.mark.parametrize("member", [MODEL_BIN, "metadata.json", "sentencepiece.model"])
@pytest.mark.parametrize(("bits", "what"), FLAGS, ids=[hex(b) for b, _ in FLAGS])
def test_encrypted_or_patched_member_refused(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                             member: str, bits: int, what: str) -> None:
    archive = _write(tmp_path / "e.argosmodel", _members(model_file))
    _patch(archive, member, local={LOCAL_FLAGS: ("<H", bits)}, central={CENTRAL_FLAGS: ("<H", bits)})
    _assert_refused(archive, pkg_dir, f"is {what}")


@pytest.mark.parametrize("argv_patch", [
    {CENTRAL_METHOD: ("<H", 9)},
    {CENTRAL_FLAGS: ("<H", 1)},
], ids=["deflate64", "encrypted"])
def test_cli_prints_one_line_and_exits_2(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         argv_patch: dict[int, tuple[str, int]]) -> None:
    archive = _write(tmp_path / "cli.argosmodel", _members(model_file))
    _patch(archive, MODEL_BIN, local={}, central=argv_patch)
    assert main(["models", "install", "--file", str(archive)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(archive) in err and "Traceback" not in err
    assert list_packages() == []


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA],
                         ids=["stored", "bzip2", "lzma"])
def test_other_methods_zipfile_reads_still_install(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                                   compression: int) -> None:
    archive = _write(tmp_path / "ok.argosmodel", _members(model_file), compression)
    assert install_file(archive).version == "0.0.1"


def _flip_inside(archive: Path, member_suffix: str, at: int = 100) -> Path:
    raw = bytearray(archive.read_bytes())
    local_at, _ = _header_offsets(bytes(raw), member_suffix)
    name_len, extra_len = struct.unpack_from("<HH", raw, local_at + 26)
    data_at = local_at + 30 + name_len + extra_len
    for i in range(16):
        raw[data_at + at + i] ^= 0x5A
    archive.write_bytes(bytes(raw))
    return archive


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA],
                         ids=["deflate", "bzip2", "lzma"])
@pytest.mark.parametrize("member", [MODEL_BIN, "metadata.json"])
def test_damaged_compressed_stream_refused(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                           compression: int, member: str) -> None:
    """zlib.error, OSError, LZMAError or a CRC mismatch: each is one ModelError."""
    archive = _write(tmp_path / "d.argosmodel", _members(model_file), compression)
    _flip_inside(archive, member, at=2 if member == "metadata.json" else 100)
    _assert_refused(archive, pkg_dir, "corrupt|not valid JSON|cannot load")


# --------------------------------------------------------------- item 14: expansion limits

def test_small_archive_expanding_hugely_refused_before_unpacking(
        model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    """A real zip bomb: 8 MiB of zeros deflate to about 8 KB (about 1,000:1)."""
    bomb = _replace(_members(model_file), MODEL_BIN, bytes(8 * 1024 * 1024))
    archive = _write(tmp_path / "bomb.argosmodel", bomb)
    assert archive.stat().st_size < 300_000
    _assert_refused(archive, pkg_dir, "possibly a zip bomb")


def test_declared_huge_size_refused(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    """A 200 KB archive whose model.bin claims 1 GiB (a lie in both headers)."""
    archive = _write(tmp_path / "huge.argosmodel", _members(model_file))
    _patch(archive, MODEL_BIN, local={LOCAL_SIZE: ("<I", 2**30)}, central={CENTRAL_SIZE: ("<I", 2**30)})
    _assert_refused(archive, pkg_dir, "limit 200:1")


def test_many_small_members_adding_up_refused(model_file: Path, pkg_dir: Path, tmp_path: Path) -> None:
    """Each member stays under the per-member check; the whole archive still expands 1,000:1."""
    extra = [(f"translate-en_zh-0_0_1/pad/{i}.txt", b"x") for i in range(300)]
    archive = _write(tmp_path / "many.argosmodel", _members(model_file) + extra)
    for i in range(300):
        size = packages.RATIO_CHECK_MIN_BYTES - 1
        _patch(archive, f"pad/{i}.txt", local={LOCAL_SIZE: ("<I", size)}, central={CENTRAL_SIZE: ("<I", size)})
    _assert_refused(archive, pkg_dir, r"\(whole archive\)")


def test_members_claiming_more_data_than_the_file_refused(model_file: Path, pkg_dir: Path,
                                                          tmp_path: Path) -> None:
    """Overlapping members (several entries sharing one stream) or a lying compressed size."""
    archive = _write(tmp_path / "overlap.argosmodel", _members(model_file))
    size = archive.stat().st_size
    _patch(archive, MODEL_BIN, local={}, central={CENTRAL_PACKED: ("<I", size)})
    _assert_refused(archive, pkg_dir, "overlapping or lying members|not a readable zip|corrupt")


@pytest.mark.parametrize("fix_crc", [False, True], ids=["crc-mismatch", "crc-forged"])
def test_member_stream_bigger_than_declared_refused(model_file: Path, pkg_dir: Path,
                                                    tmp_path: Path, fix_crc: bool) -> None:
    """model.bin declares 1,000 bytes but its stream holds more: never more is written."""
    members = _members(model_file)
    archive = _write(tmp_path / "lie.argosmodel", members)
    real = dict(members)[next(n for n, _ in members if n.endswith(MODEL_BIN))]
    fields_local = {LOCAL_SIZE: ("<I", 1000)}
    fields_central = {CENTRAL_SIZE: ("<I", 1000)}
    if fix_crc:  # the attacker makes the first 1,000 bytes check out
        import zlib

        crc = zlib.crc32(real[:1000])
        fields_local[LOCAL_CRC] = ("<I", crc)
        fields_central[CENTRAL_CRC] = ("<I", crc)
    _patch(archive, MODEL_BIN, local=fields_local, central=fields_central)
    _assert_refused(archive, pkg_dir, "corrupt|cannot load the CTranslate2 model")


def _lying_open(real_open: Callable[..., object], extra: int) -> Callable[..., object]:
    """ZipFile.open, but model.bin yields ``extra`` bytes more than its header declares."""
    def fake_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(str(name))
        if info.filename.endswith(MODEL_BIN):
            return io.BytesIO(bytes(info.file_size + extra))
        return real_open(self, name, *args, **kwargs)
    return fake_open


def test_real_bytes_counted_while_extracting(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """If a decompressor ever returned more than declared, extraction stops at the lie."""
    monkeypatch.setattr(zipfile.ZipFile, "open", _lying_open(zipfile.ZipFile.open, 1))
    _assert_refused(model_file, pkg_dir, "larger than declared")


def test_real_bytes_count_against_the_archive_limit(model_file: Path, pkg_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Declared totals pass (the check is switched off); the bytes written still stop it."""
    monkeypatch.setattr(archive, "_check_totals", lambda *args: None)
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 50_000)
    _assert_refused(model_file, pkg_dir, "expands past 50000 bytes")


# --------------------------------------------------------------- item 14: model.bin loaded at install

def _corruptions(good: bytes) -> dict[str, bytes]:
    flipped = bytearray(good)
    flipped[20:28] = b"\xff" * 8
    return {
        "empty": b"",
        "first-8-bytes": good[:8],
        "truncated-half": good[: len(good) // 2],
        "truncated-1": good[:-1],
        "zeros": bytes(len(good)),
        "garbage": bytes((i * 131 + 7) % 256 for i in range(len(good))),
        "git-lfs-pointer": b"version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1\n",
        "header-flipped": bytes(flipped),
    }


CORRUPTIONS = list(_corruptions(b"x" * 64))


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_corrupt_model_bin_refused_at_install(model_file: Path, pkg_dir: Path, tmp_path: Path,
                                              kind: str) -> None:
    members = _members(model_file)
    good = next(data for name, data in members if name.endswith(MODEL_BIN))
    archive = _write(tmp_path / f"{kind}.argosmodel", _replace(members, MODEL_BIN, _corruptions(good)[kind]))
    _assert_refused(archive, pkg_dir, "cannot load the CTranslate2 model")


def test_corrupt_model_bin_keeps_the_installed_package(model_file: Path, pkg_dir: Path,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    good = install_file(model_file)
    members = _replace(_members(model_file), MODEL_BIN, b"\x00" * 100)
    archive = _write(tmp_path / "bad.argosmodel", members)
    assert main(["models", "install", "--file", str(archive)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot load the CTranslate2 model" in err
    assert list_packages() == [good]
    assert sorted(p.name for p in pkg_dir.iterdir()) == [good.path.name]


def test_nul_in_package_path_is_one_line(pkg_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install", "--file", "model\x00.argosmodel"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a usable path" in err


# --------------------------------------------------------------- fuzz: mutated headers and data

def _header_regions(raw: bytes) -> list[tuple[int, int]]:
    """Byte ranges of every local header and of the central directory, where a flip matters most."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        regions = [(info.header_offset, info.header_offset + 30 + len(info.filename.encode()))
                   for info in zf.infolist()]
        regions.append((zf.start_dir, len(raw)))
    return regions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_archive_installs_or_is_one_model_error(model_file: Path, tmp_path_factory: pytest.TempPathFactory,
                                                       data: st.DataObject) -> None:
    """Flip 1-8 bytes (mostly in headers): install succeeds or raises ModelError, nothing else,
    and a refused archive leaves the packages folder empty."""
    raw = bytearray(model_file.read_bytes())
    regions = _header_regions(bytes(raw))
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        start, end = data.draw(st.sampled_from(regions + [(0, len(raw))]), label="region")
        at = data.draw(st.integers(start, end - 1), label="offset")
        raw[at] = data.draw(st.integers(0, 255).filter(lambda b, old=raw[at]: b != old), label="byte")
    work = tmp_path_factory.mktemp("fuzz")
    archive = work / "fuzzed.argosmodel"
    archive.write_bytes(bytes(raw))
    target = work / "packages"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(target))
        try:
            install_file(archive)
        except ModelError as exc:
            assert "\n" not in exc.format_message()
            assert not target.exists() or list(target.iterdir()) == []
