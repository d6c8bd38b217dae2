"""File I/O helpers. Every file we write goes through ``write_atomic`` so a crash
never leaves a half-written catalog or document behind.

Where a write goes (the rule the README documents):

* **a regular file or a missing path**: the bytes go to a temp file beside it
  (``.l10n-tmp-<name>.<random>.tmp``), are fsynced, and the temp file is renamed over the
  target. An existing file keeps its permission bits, and its owner and group when we may
  set them (as root: a catalog owned by a translator stays theirs).
* **a character device or a FIFO** (``/dev/null``, ``/dev/stdout``, a named pipe): written
  in place; nothing is created, renamed or replaced. The same holds for any path reached
  through ``/dev/fd`` or ``/proc`` (``/dev/stdout`` redirected to a file is appended to).
* **a symbolic link** is followed: a link ending at a regular file stays a link and its
  target is replaced atomically; a link ending at a device or FIFO is written in place; a
  dangling link is refused (we do not create files at a place a link points to).
* **anything else** (a folder, a socket, a block device) is refused.
* **parent folders** are created only when the caller asks (``make_parents=True``), which
  the project's own trees do (locales/, out/, .l10n/); a file named by the user in a folder
  that does not exist is refused with one line naming the folder.

Every ``OSError`` (disk full, read-only file system, permission denied, name too long, ...)
becomes an ``OutputError`` naming the path, which ``cli.main`` prints as one line (exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, L10nError, OutputError

#: Our temp files, and only ours, start with this; ``is_our_temp`` is what cleanup trusts.
TEMP_PREFIX = ".l10n-tmp-"
TEMP_SUFFIX = ".tmp"
#: ``Path.rglob`` pattern matching the temp files ``write_atomic`` creates.
TEMP_GLOB = f"{TEMP_PREFIX}*{TEMP_SUFFIX}"
#: How much of the target's name the temp name repeats: keeps it under NAME_MAX (255).
TEMP_NAME_KEEP = 100
#: Symlink hops we follow before calling it a loop (Linux's own limit is 40).
MAX_LINK_HOPS = 40
#: Paths under these are kernel "magic" links (/dev/stdout -> /proc/self/fd/1): never
#: replace what they point at, write through them.
MAGIC_PREFIXES = ("/proc/", "/dev/fd/")
NEW_FILE_MODE = 0o644

_REASONS: dict[int, tuple[str, str | None]] = {
    errno.ENOSPC: ("no space left on device", "free some space and run again"),
    errno.EDQUOT: ("disk quota exceeded", "free some space and run again"),
    errno.EROFS: ("read-only file system", "write somewhere else"),
    errno.EACCES: ("permission denied", "check the permissions of the file and its folder"),
    errno.EPERM: ("operation not permitted", "check the permissions of the file and its folder"),
    errno.ENAMETOOLONG: ("file name too long", "use a shorter path"),
    errno.ENOTDIR: ("a parent of this path is a file, not a folder", None),
    errno.EISDIR: ("is a folder, expected a file", None),
    errno.ELOOP: ("too many levels of symbolic links", None),
    errno.ENOENT: ("folder does not exist", None),
}


def is_our_temp(path: str | os.PathLike[str]) -> bool:
    """True for a temp file ``write_atomic`` creates; another program's ``.x.tmp`` is not ours."""
    name = Path(path).name
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def output_error(exc: OSError, path: str | os.PathLike[str]) -> OutputError:
    """One line for an OS error while writing ``path`` (the path the user gave, not a temp)."""
    reason, hint = _REASONS.get(exc.errno or 0, (None, None))
    if reason is None:
        reason = (exc.strerror or str(exc)).lower()
    return OutputError(f"cannot write: {reason}", path=str(path), hint=hint)


@dataclass(frozen=True)
class _Plan:
    """How a write reaches its target: ``in_place`` (device/FIFO) or replace ``real``."""

    real: Path
    in_place: bool
    existing: os.stat_result | None


def _checked(path: str | os.PathLike[str]) -> Path:
    text = os.fspath(path)
    if "\0" in text:
        raise OutputError("path contains a NUL character", path=text)
    if not text:
        raise OutputError("empty path")
    return Path(text)


def _follow(target: Path) -> tuple[Path, bool]:
    """The path ``target`` ends at after its own symlinks, and whether a magic link was on the way."""
    current = _real_parent(target)
    for _ in range(MAX_LINK_HOPS):
        if str(current).startswith(MAGIC_PREFIXES):
            return current, True
        if not current.is_symlink():
            return current, False
        current = _real_parent(current.parent / os.readlink(current))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(target))


def _real_parent(path: Path) -> Path:
    """``path`` with its folder resolved as the kernel would (``a/link/../b`` included) and
    its last component left alone, so the caller can see whether that one is a link."""
    return Path(os.path.realpath(path.parent)) / path.name


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _stat_quiet(path: Path) -> os.stat_result | None:
    """``_stat``, with "a parent is a file" also meaning "not there" (the caller finds out which)."""
    try:
        return _stat(path)
    except NotADirectoryError:
        return None


def _plan(target: Path, *, make_parents: bool) -> _Plan:
    """Decide where the bytes go, refusing what must not be replaced (see the module rule)."""
    real, magic = _follow(target)
    existing = _stat(real)
    if existing is not None and (magic or stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode)):
        return _Plan(real, True, existing)
    if existing is None:
        if target.is_symlink():
            raise OutputError("symbolic link to a missing file; refusing to create its target",
                              path=str(target), hint=f"it points at {real}")
        _check_parent(real.parent, target, make_parents=make_parents)
        return _Plan(real, False, None)
    if stat.S_ISDIR(existing.st_mode):
        raise OutputError("is a folder, expected a file", path=str(target))
    if not stat.S_ISREG(existing.st_mode):
        raise OutputError("not a regular file, device or FIFO; refusing to replace it", path=str(target))
    return _Plan(real, False, existing)


def _check_parent(parent: Path, target: Path, *, make_parents: bool) -> None:
    """``parent`` (resolved) must be a folder; errors name the folder as the user wrote it."""
    found = _stat(parent)
    if found is None:
        if not make_parents:
            raise OutputError("folder does not exist", path=str(target.parent),
                              hint=f"create it first, or write {target.name} somewhere else")
        ensure_dir(parent)
    elif not stat.S_ISDIR(found.st_mode):
        raise OutputError("is a file, expected a folder", path=str(target.parent))


def ensure_dir(path: str | os.PathLike[str]) -> Path:
    """Create a folder the project owns (locales/, out/, .l10n/) with its parents; an OS error,
    or a file in the way, is one OutputError naming the folder."""
    folder = _checked(path)
    try:
        check_output_dir(folder)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from None
    return folder


def check_output_file(path: str | os.PathLike[str], *, make_parents: bool = False) -> None:
    """Refuse, before any work is done, a file path ``write_atomic`` would refuse at the end
    (a folder, a missing parent folder, a dangling link, a NUL, a name too long)."""
    target = _checked(path)
    try:
        real, _magic = _follow(target)
        if make_parents and _stat(real) is None and not target.is_symlink():
            _check_creatable(real.parent)
            return
        _plan(target, make_parents=False)
    except OSError as exc:
        raise output_error(exc, target) from None


def check_output_dir(path: str | os.PathLike[str]) -> None:
    """Refuse a folder setting that names a file (``extract -o /dev/null``, ``build -o FILE``)
    or that could never be created (a file among its parents, a NUL, a name too long)."""
    folder = _checked(path)
    try:
        found = _stat_quiet(folder)
        if found is None:
            _check_creatable(folder.parent)
        elif not stat.S_ISDIR(found.st_mode):
            raise OutputError("is a file, expected a folder", path=str(folder))
    except OSError as exc:
        raise output_error(exc, folder) from None


def _check_creatable(folder: Path) -> None:
    """The nearest existing ancestor of ``folder`` must be a folder (else mkdir would fail)."""
    for ancestor in (folder, *folder.parents):
        found = _stat_quiet(ancestor)
        if found is not None:
            if not stat.S_ISDIR(found.st_mode):
                raise OutputError("is a file, expected a folder", path=str(ancestor))
            return


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8",
                 make_parents: bool = False) -> None:
    """Write ``data`` to ``path`` following the module rule: atomic replace of regular files,
    in place for devices and FIFOs, links followed; parents made only with ``make_parents``."""
    target = _checked(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        plan = _plan(target, make_parents=make_parents)
        if plan.in_place:
            _write_in_place(target, (payload,))
        else:
            _replace(plan.real, (payload,), plan.existing)
    except OSError as exc:
        raise output_error(exc, target) from None


def _write_in_place(target: Path, pieces: Iterable[bytes]) -> None:
    """Devices and FIFOs: open without creating, once (a reader of a FIFO stops at the
    first close); append so a redirected /dev/stdout is not overwritten from its start."""
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    try:
        for data in pieces:
            _write_all(fd, data)
    finally:
        os.close(fd)


def _replace(real: Path, pieces: Iterable[bytes | OldBytes], existing: os.stat_result | None, *,
             keep_if_same: bool = False, source: int | None = None) -> bool:
    """Write ``pieces`` to a temporary file beside ``real``, sync it and rename it over
    ``real``. With ``keep_if_same``, a temporary file holding what ``real`` already holds is
    removed instead and the old file keeps its mtime: False. ``OldBytes`` pieces are copied
    from the open file ``source`` (see ``copy_range``)."""
    import tempfile  # here, not at import: a run that writes nothing (a passing check) never needs it

    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{real.name[:TEMP_NAME_KEEP]}.",
                               suffix=TEMP_SUFFIX, dir=real.parent)
    try:
        try:
            sink = _Sink(fd, source)
            for data in pieces:
                sink.put(data)
            sink.flush()
            if keep_if_same and existing is not None and _same_files(tmp, real, existing):
                os.unlink(tmp)
                return False
            os.fsync(fd)
        finally:
            os.close(fd)
        _keep_owner_and_mode(tmp, existing)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_parent(real)
    return True


@dataclass(frozen=True)
class OldBytes:
    """``size`` bytes of the file being replaced, from byte ``start``: a piece of the new
    file that is copied from the old one instead of being written again (see ``splice``)."""

    start: int
    size: int


#: Bytes gathered before a write, and read at a time when a range is copied by hand.
WRITE_BLOCK = 1 << 20
#: A piece at least this big is written on its own, not gathered.
WRITE_DIRECT = 1 << 16


class _Sink:
    """The temporary file's writer: small pieces gathered into blocks (a report comes as
    thousands of short texts), ranges of the old file copied with ``copy_range``, one
    range for ranges that follow each other there. One file offset, the descriptor's own,
    serves both: at most one of the two kinds is waiting at any time."""

    def __init__(self, fd: int, source: int | None) -> None:
        self.fd = fd
        self.source = source
        self.gathered: list[bytes] = []
        self.size = 0
        self.pending: OldBytes | None = None

    def put(self, data: bytes | OldBytes) -> None:
        if isinstance(data, OldBytes):
            if self.source is None:
                raise ValueError("a piece of the old file, but no old file to copy it from")
            if self.pending is not None and self.pending.start + self.pending.size == data.start:
                self.pending = OldBytes(self.pending.start, self.pending.size + data.size)
                return
            self.flush()
            self.pending = data
            return
        if not data:
            return
        self.flush_range()
        if len(data) >= WRITE_DIRECT:  # a big piece as it is: joining would copy it once more
            self.flush()
            _write_all(self.fd, data)
            return
        self.gathered.append(data)
        self.size += len(data)
        if self.size >= WRITE_BLOCK:
            self.flush()

    def flush_range(self) -> None:
        if self.pending is not None and self.source is not None:
            copy_range(self.source, self.fd, self.pending.start, self.pending.size)
        self.pending = None

    def flush(self) -> None:
        self.flush_range()
        if self.gathered:
            _write_all(self.fd, b"".join(self.gathered))
            self.gathered.clear()
            self.size = 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


#: ``copy_file_range`` errors that mean "not here" (another file system, an old kernel, a
#: file system or file that does not support it), not "the disk failed": copied by hand.
_NO_KERNEL_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP,
                             errno.EBADF, errno.EPERM, errno.ETXTBSY})


def copy_range(source: int, target: int, start: int, size: int) -> None:
    """Append ``size`` bytes of ``source`` from byte ``start`` to ``target`` (at its file
    offset, which moves on).

    Why: a report of every finding is hundreds of megabytes and a run that changed one
    release keeps almost all of it. ``os.copy_file_range`` lets the kernel copy those
    bytes between the two files (sharing the blocks on a file system that can, such as
    Btrfs or XFS), so they never pass through Python. Where the kernel cannot (another
    file system, an old kernel, no such call: ``EXDEV``, ``ENOSYS``, ``EINVAL`` ...) the
    rest is copied by reading and writing blocks, which gives the same bytes. A source
    shorter than the range is an error: the caller's layout no longer describes it."""
    done = 0
    kernel = getattr(os, "copy_file_range", None)
    if kernel is not None:
        try:
            while done < size:
                n = kernel(source, target, size - done, start + done)
                if n == 0:
                    break
                done += n
        except OSError as exc:
            if exc.errno not in _NO_KERNEL_COPY:
                raise
    while done < size:
        block = os.pread(source, min(WRITE_BLOCK, size - done), start + done)
        if not block:
            raise OSError(errno.EIO, "the old file is shorter than the range to copy from it")
        _write_all(target, block)
        done += len(block)


def _keep_owner_and_mode(tmp: str, existing: os.stat_result | None) -> None:
    """The new file gets the old one's owner/group (when allowed: root, or a group we are in)
    and then its permission bits (chown clears set-id bits, so chmod comes second)."""
    if existing is None:
        os.chmod(tmp, NEW_FILE_MODE)
        return
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
        try:
            os.chown(tmp, existing.st_uid, existing.st_gid)
        except PermissionError:
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, existing.st_gid)
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(existing.st_mode) & 0o777)


def write_if_changed(path: str | os.PathLike[str], text: str | bytes, *, make_parents: bool = False) -> bool:
    """Write only when the content differs, so unchanged files keep their mtime. Only a
    regular file is compared (reading a FIFO or a terminal would block); anything else is
    written. Text is written as UTF-8; bytes (a format's output) as they are."""
    target = _checked(path)
    payload = text.encode("utf-8") if isinstance(text, str) else text
    if _same_content(target, payload):
        return False
    write_atomic(target, payload, make_parents=make_parents)
    return True


def write_chunks_if_changed(path: str | os.PathLike[str], chunks: Iterable[str | bytes]) -> bool:
    """``write_if_changed`` for a text given in pieces, which is never held whole: a
    big report is written piece by piece to the temporary file (synced, then renamed
    over the old one, as ``write_atomic`` does) and compared with the old file on disk;
    when they are the same the temporary file is removed and the old one keeps its
    mtime. A device or FIFO gets the pieces in place, unread. Text is written as UTF-8,
    bytes as they are."""
    target = _checked(path)
    pieces = (chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in chunks)
    try:
        plan = _plan(target, make_parents=False)
        if plan.in_place:
            _write_in_place(target, pieces)
            return True
        return _replace(plan.real, pieces, plan.existing, keep_if_same=True)
    except OSError as exc:
        raise output_error(exc, target) from None


def splice(path: str | os.PathLike[str], pieces: Iterable[bytes | OldBytes],
           expect: Callable[[os.stat_result], bool]) -> bool:
    """Replace the regular file ``path`` atomically (temporary file, fsync, rename, folder
    synced, as ``write_atomic``) by new bytes and ranges of itself (``OldBytes``).

    Why: a big file of which a run changed a little (the batch's report) is rebuilt from
    what is still right in it, copied by the kernel (``copy_range``), and the few new
    pieces, instead of being written whole and compared with the old one.

    ``expect`` is asked about the old file as it is opened (its ``fstat``): the caller's
    ranges are right only for the file it knows. False, with nothing written, when there
    is no regular file or ``expect`` says it is another one; True when replaced."""
    target = _checked(path)
    try:
        plan = _plan(target, make_parents=False)
        if plan.in_place or plan.existing is None:
            return False
        source = os.open(plan.real, os.O_RDONLY)
        try:
            found = os.fstat(source)
            if not stat.S_ISREG(found.st_mode) or not expect(found):
                return False
            return _replace(plan.real, pieces, found, source=source)
        finally:
            os.close(source)
    except OSError as exc:
        raise output_error(exc, target) from None


def _same_files(new: str, old: Path, existing: os.stat_result) -> bool:
    """The two files hold the same bytes (read a block at a time)."""
    if not stat.S_ISREG(existing.st_mode) or os.path.getsize(new) != existing.st_size:
        return False
    with open(new, "rb") as a, open(old, "rb") as b:
        while True:
            block = a.read(COMPARE_BLOCK)
            if block != b.read(COMPARE_BLOCK):
                return False
            if not block:
                return True


#: Bytes read at a time when a new file is compared with the old one.
COMPARE_BLOCK = 1 << 20


def _sync_parent(real: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _same_content(target: Path, payload: bytes) -> bool:
    try:
        real, magic = _follow(target)
        found = _stat(real)
        if magic or found is None or not stat.S_ISREG(found.st_mode) or found.st_size != len(payload):
            return False
        return real.read_bytes() == payload
    except OSError:
        return False


def read_bytes(path: str | os.PathLike[str], error: type[L10nError] = InputError) -> bytes:
    """A file's bytes, each OS error as one line naming the file (``error`` says which kind
    of input failed: a source, a catalog...)."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error("file not found", path=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise error("is a directory, expected a file", path=str(path)) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=str(path)) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, turning OS and decoding errors into one-line InputErrors."""
    p = Path(path)
    raw = read_bytes(p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=str(p), line=line,
            hint="save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
