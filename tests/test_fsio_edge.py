"""The write edge (issue 9, items 5-8): what ``write_atomic`` does with devices, FIFOs,
links, other people's files, missing folders and every OS error."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from l10n.errors import OutputError
from l10n.fsio import (
    TEMP_GLOB,
    check_output_dir,
    check_output_file,
    ensure_dir,
    is_our_temp,
    write_atomic,
    write_if_changed,
)
from tests.conftest import CliResult

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (chown to another user)")
OTHER_UID = 4321
OTHER_GID = 4322


def private_device(folder: Path, like: str) -> Path:
    """A character device node in ``folder`` with the numbers of ``like`` (/dev/null,
    /dev/full, /dev/zero), so a regression replaces the copy, never the system's device."""
    node = folder / Path(like).name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.stat(like).st_rdev)
    except OSError:
        pytest.skip("cannot create device nodes here (needs root / CAP_MKNOD)")
    return node


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _one_error_line(r: CliResult) -> str:
    lines = r.err.strip().splitlines()
    assert r.code == 2, r.err
    assert len(lines) == 1 and lines[0].startswith("l10n: error: "), r.err
    return lines[0]


# -- item 5: what is at the path decides how it is written ---------------------------------

@pytest.mark.parametrize("writer", [write_atomic, write_if_changed])
def test_fifo_is_written_in_place(tmp_path: Path, writer: object) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _read_fifo(fifo, got)
    writer(fifo, "through the pipe\n")  # type: ignore[operator]
    thread.join(timeout=30)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_null_device_stays_a_device(tmp_path: Path) -> None:
    node = private_device(tmp_path, "/dev/null")
    before = os.stat(node)
    write_atomic(node, "nothing")
    assert write_if_changed(node, "nothing")
    link = tmp_path / "stdout"  # like /dev/stdout: a link to a device is written through
    link.symlink_to(node)
    write_atomic(link, "through the link")
    after = os.stat(node)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "stdout"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_stdout_redirected_to_a_file_is_appended_to_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/stdout`` with stdout redirected to a file reaches it through /proc/self/fd:
    the shell's file must stay the same file (same inode), with our text after what it holds."""
    log = tmp_path / "log.txt"
    with log.open("w") as handle:
        handle.write("earlier output\n")
        handle.flush()
        inode = os.fstat(handle.fileno()).st_ino
        write_atomic(f"/proc/self/fd/{handle.fileno()}", "the report\n")
    assert log.stat().st_ino == inode
    assert log.read_text() == "earlier output\nthe report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


def test_full_device_is_one_line_and_stays_a_device(tmp_path: Path) -> None:
    node = private_device(tmp_path, "/dev/full")
    with pytest.raises(OutputError, match="no space left on device") as err:
        write_atomic(node, "x")
    assert str(err.value).startswith(f"{node}: cannot write: ")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_symlink_to_a_file_is_followed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "report.json"
    target.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(Path("real") / "report.json")
    chain = tmp_path / "latest.json"
    chain.symlink_to("report.json")
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real/report.json"
    assert target.read_text() == "new"
    assert write_if_changed(chain, "newer") and chain.is_symlink()
    assert target.read_text() == "newer"
    assert not write_if_changed(chain, "newer")
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["report.json"]


def test_dot_dot_after_a_linked_folder_goes_where_open_goes(tmp_path: Path) -> None:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(Path("real") / "sub")
    path = tmp_path / "link" / ".." / "x.txt"
    write_atomic(path, "x")
    assert (tmp_path / "real" / "x.txt").read_text() == "x"
    assert not (tmp_path / "x.txt").exists()
    assert path.read_text() == "x"  # the kernel agrees


def test_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "nowhere" / "out.json")
    with pytest.raises(OutputError, match="symbolic link to a missing file"):
        write_atomic(link, "x", make_parents=True)
    assert not (tmp_path / "nowhere").exists()
    with pytest.raises(OutputError):
        check_output_file(link)


def test_symlink_loop_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match="symbolic links"):
        write_atomic(tmp_path / "a", "x")


def test_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "private.po"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.po"
    write_atomic(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


@ROOT_ONLY
def test_owner_is_kept_when_root_writes(tmp_path: Path) -> None:
    target = tmp_path / "translator.po"
    target.write_text("old")
    os.chown(target, OTHER_UID, OTHER_GID)
    target.chmod(0o640)
    write_atomic(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (OTHER_UID, OTHER_GID, 0o640)
    assert target.read_text() == "new"


@pytest.mark.parametrize("kind", ["folder", "socket"])
def test_folders_and_sockets_are_refused(tmp_path: Path, kind: str) -> None:
    import socket

    path = tmp_path / "thing"
    if kind == "folder":
        path.mkdir()
        message = "is a folder"
    else:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
        message = "not a regular file"
    with pytest.raises(OutputError, match=message):
        write_atomic(path, "x")
    assert not path.is_file()


# -- item 6: only our own temp files are ours -----------------------------------------------

def test_temp_files_have_our_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(src)
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / ("n" * 250), "x")
    (name,) = [Path(s).name for s in seen]
    assert is_our_temp(name) and Path(name).match(TEMP_GLOB) and len(name) < 255


@pytest.mark.parametrize("name", [".x.jpg.tmp", ".release.po.abc123.tmp", "l10n-tmp-x.tmp", ".l10n-tmp-x"])
def test_other_programs_temp_names_are_not_ours(name: str) -> None:
    assert not is_our_temp(name)


def test_cleanup_spares_other_programs_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.config import Settings
    from l10n.pipeline import _remove_orphaned_temp_files

    monkeypatch.chdir(tmp_path)
    assets = tmp_path / "out" / "assets"
    assets.mkdir(parents=True)
    foreign = assets / ".x.jpg.tmp"
    foreign.write_text("a sync tool's file")
    ours = assets / ".l10n-tmp-x.jpg.k2j3.tmp"
    ours.write_text("left by a killed run")
    _remove_orphaned_temp_files(Settings())
    assert foreign.exists() and not ours.exists()


# -- item 7: parents only for the project's own folders ------------------------------------

def test_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.csv"
    with pytest.raises(OutputError, match="folder does not exist") as err:
        write_atomic(target, "x")
    assert err.value.path == str(target.parent)
    assert not (tmp_path / "no").exists()
    write_atomic(target, "x", make_parents=True)
    assert target.read_text() == "x"


def test_ensure_dir_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="is a file, expected a folder"):
        ensure_dir(tmp_path / "file")
    with pytest.raises(OutputError):
        ensure_dir(tmp_path / "file" / "sub")
    with pytest.raises(OutputError, match="is a file, expected a folder") as err:
        check_output_dir(tmp_path / "file" / "sub" / "deeper")
    assert err.value.path == str(tmp_path / "file")
    with pytest.raises(OutputError, match="is a file, expected a folder"):
        check_output_dir("/dev/null")


def test_glossary_export_into_a_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               cli: object, data_dir: Path) -> None:
    monkeypatch.chdir(tmp_path)
    glossary = data_dir / "glossary" / "small.tbx"
    r = cli("glossary", "export", "--glossary", str(glossary), "-o", "nonexistent/dir/x.csv")  # type: ignore[operator]
    line = _one_error_line(r)
    assert "nonexistent/dir: folder does not exist" in line
    assert not (tmp_path / "nonexistent").exists()


# -- item 8: every OS error at the write edge is one line ----------------------------------

@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "no space left on device"),
        (errno.EDQUOT, "disk quota exceeded"),
        (errno.EROFS, "read-only file system"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "input/output error"),
    ],
)
@pytest.mark.parametrize("stage", ["fsync", "replace"])
def test_os_errors_become_one_line_and_keep_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str, stage: str) -> None:
    target = tmp_path / "a.po"
    target.write_text("old")

    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, stage, fail)
    with pytest.raises(OutputError) as err:
        write_atomic(target, "new")
    assert str(err.value).startswith(f"{target}: cannot write: {message}")
    assert "\n" not in str(err.value)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / ("x" * 300), "file name too long"),
        (lambda d: d / "file" / "x", "a parent of this path is a file"),
        (lambda d: d, "is a folder, expected a file"),
        (lambda d: str(d / "a\0b"), "path contains a NUL character"),
        (lambda d: "", "empty path"),
    ],
)
def test_impossible_paths_are_one_line(tmp_path: Path, make: object, message: str) -> None:
    (tmp_path / "file").write_text("")
    path = make(tmp_path)  # type: ignore[operator]
    for attempt in (lambda: write_atomic(path, "x"), lambda: check_output_file(path)):
        with pytest.raises(OutputError, match=message) as err:
            attempt()
        assert "\n" not in str(err.value) and "\0" not in str(err.value)


def test_write_if_changed_does_not_read_a_device(tmp_path: Path) -> None:
    # a zero device would never end if it were read to compare; it is written (and discarded)
    zero = private_device(tmp_path, "/dev/zero")
    assert write_if_changed(zero, "x")
    assert stat.S_ISCHR(os.lstat(zero).st_mode)
