"""Issue 16: a run that changed some releases rebuilds ``report.json`` from its old self.

The state remembers where each catalog's findings text went in the report file and which
file that was; the next run copies the texts that did not change from the old file and
writes the others. These tests hold the result to the bytes of a full rebuild (every
finding serialized again) and check that the copy was really taken, that anything the
layout does not describe falls back to the full write, and that a failure while copying
leaves the old report as it was.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from l10n import fsio, pipeline
from l10n.config import load_settings
from l10n.errors import OutputError
from l10n.fsio import TEMP_PREFIX, OldBytes, copy_range, splice
from l10n.pipeline import RunReport, run_pipeline, write_report
from l10n.state import StateDB, state_file
from tests.fakes import FakeTranslator, fake_engines

REPORT = Path("out/report.json")
STATE = Path(".l10n")


def _run() -> RunReport:
    """A run whose drafts lose a placeholder: every release has findings."""
    zh = FakeTranslator(drop_tokens=True)
    return run_pipeline(load_settings(Path("pipeline/nightly.toml")), engines=fake_engines({"zh": zh}))


def _rebuilt(report: RunReport) -> bytes:
    """The report as a full rebuild writes it: every finding serialized."""
    return (json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class _Watch:
    """Counts what writing a report did: full writes, bytes copied from the old file, and
    the stored texts read back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = 0
        self.copied = 0
        self.texts: list[str] = []
        full, copy, text = pipeline.write_chunks_if_changed, fsio.copy_range, StateDB.report_part_text

        def counted_full(*args: Any) -> bool:
            self.full += 1
            return full(*args)

        def counted_copy(source: int, target: int, start: int, size: int) -> None:
            self.copied += size
            copy(source, target, start, size)

        def counted_text(db: StateDB, source: str, locale: str) -> str:
            self.texts.append(source)
            return text(db, source, locale)

        monkeypatch.setattr(pipeline, "write_chunks_if_changed", counted_full)
        monkeypatch.setattr(fsio, "copy_range", counted_copy)
        monkeypatch.setattr(StateDB, "report_part_text", counted_text)


def _first(batch: Path) -> RunReport:
    report = _run()
    write_report(REPORT, report)
    assert REPORT.read_bytes() == _rebuilt(report)
    return report


def _append(name: str, line: str = "A closing sentence about HK$3 billion.") -> None:
    src = Path("releases") / name
    src.write_text(src.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_one_changed_release_is_copied_around_and_equals_a_full_rebuild(
        batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _first(batch3)
    old_size = REPORT.stat().st_size
    _append("notes.txt")
    watch = _Watch(monkeypatch)
    again = _run()
    assert write_report(REPORT, again) is True
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 0  # spliced, not written whole
    assert set(watch.texts) == {"releases/notes.txt"}  # the other texts were not read back
    others = sum(len(t) for t in _texts() if "notes" not in t[:300])
    assert watch.copied >= others > old_size // 3
    assert not [p for p in Path("out").iterdir() if p.name.startswith(TEMP_PREFIX)]


def _texts() -> list[str]:
    with sqlite3.connect(state_file(STATE)) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM report_parts WHERE text != ''")]


def test_a_release_that_loses_all_its_findings(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _first(batch3)
    Path("releases/notes.txt").write_text("Thank you.\n", encoding="utf-8")
    watch = _Watch(monkeypatch)
    again = _run()
    assert not [f for f in again.findings if "notes" in f.path]
    write_report(REPORT, again)
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 0 and watch.texts == []


@pytest.mark.parametrize("name", ["middle.md", "zz-last.md", "aa-first.md"])
def test_a_new_release(batch3: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    _first(batch3)
    shutil.copy(Path("releases/lab.md"), Path("releases") / name)
    _append(name, "Another HK$5 billion sentence.")
    watch = _Watch(monkeypatch)
    again = _run()
    write_report(REPORT, again)
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 0 and set(watch.texts) == {f"releases/{name}"}


@pytest.mark.parametrize("name", ["lab.md", "notes.txt", "page.html"])
def test_a_removed_release(batch3: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    _first(batch3)
    (Path("releases") / name).unlink()
    watch = _Watch(monkeypatch)
    again = _run()
    write_report(REPORT, again)
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 0 and watch.texts == [] and watch.copied > 0


def test_the_same_report_again_is_left_alone(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change undone: the run has a new content key but the report's bytes are the
    file's; nothing is written, not even a temporary file to compare."""
    _first(batch3)
    original = Path("releases/notes.txt").read_text(encoding="utf-8")
    _append("notes.txt")
    _run()
    Path("releases/notes.txt").write_text(original, encoding="utf-8")
    before = REPORT.stat()
    watch = _Watch(monkeypatch)
    again = _run()
    assert write_report(REPORT, again) is False
    after = REPORT.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not replaced
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 0 and watch.copied == 0


def _edit_in_place(keep_size: bool, keep_mtime: bool) -> None:
    """Change a byte inside the first findings text (a text a one-change run would copy)."""
    before = REPORT.stat()
    data = bytearray(REPORT.read_bytes())
    at = data.index(b'"message": "') + len(b'"message": "')
    data[at:at + 1] = b"X" if data[at:at + 1] != b"X" else b"Y"
    if not keep_size:
        data[at:at] = b"more "
    with open(REPORT, "r+b") as handle:  # the same file (inode), as an editor saving in place
        handle.write(data)
        handle.truncate()
    if keep_mtime:
        while True:  # until the ctime moves on: file times are coarser than this test is fast
            os.utime(REPORT, ns=(before.st_atime_ns, before.st_mtime_ns))
            if REPORT.stat().st_ctime_ns != before.st_ctime_ns:
                break
            time.sleep(0.005)
    else:
        os.utime(REPORT, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize(("keep_size", "keep_mtime"), [(False, False), (True, False), (True, True)])
def test_a_report_edited_by_hand_is_written_in_full(batch3: Path, monkeypatch: pytest.MonkeyPatch,
                                                   keep_size: bool, keep_mtime: bool) -> None:
    _first(batch3)
    _edit_in_place(keep_size, keep_mtime)
    _append("page.html", "<p>One more HK$7 billion paragraph.</p>")
    watch = _Watch(monkeypatch)
    again = _run()
    write_report(REPORT, again)
    assert REPORT.read_bytes() == _rebuilt(again)
    assert watch.full == 1 and watch.copied == 0


@pytest.mark.parametrize("damage", ["no layout", "no digests", "layout of another file"])
def test_a_layout_the_state_cannot_vouch_for(batch3: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """A state of an older version (texts without digests, no layout) or a layout that names
    other ranges still gives a full rebuild's bytes; digests missing are stored on the way."""
    _first(batch3)
    with sqlite3.connect(state_file(STATE)) as conn:
        if damage == "no layout":
            conn.execute("DELETE FROM report_layout")
        elif damage == "no digests":
            conn.execute("DELETE FROM report_part_digests")
        else:
            conn.execute("UPDATE report_layout SET start = start + 1")
    _append("lab.md")
    watch = _Watch(monkeypatch)
    again = _run()
    write_report(REPORT, again)
    assert REPORT.read_bytes() == _rebuilt(again)
    if damage == "no digests":
        assert watch.full == 0 and watch.copied == 0  # every text written from the state
        with sqlite3.connect(state_file(STATE)) as conn:
            assert conn.execute("SELECT count(*) FROM report_part_digests").fetchone()[0] == 6
    else:  # a shifted layout would copy the wrong bytes: its texts no longer fit the file
        assert watch.full == 1 and watch.copied == 0
    _append("notes.txt")  # and the run after that copies again
    watch.copied = watch.full = 0
    third = _run()
    write_report(REPORT, third)
    assert REPORT.read_bytes() == _rebuilt(third)
    assert watch.full == 0 and watch.copied > 0


def test_a_report_reached_through_a_link_is_spliced_behind_it(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link stays a link; the file it points at is the one copied from and replaced."""
    Path("real").mkdir()
    Path("out").mkdir()
    os.symlink("../real/report.json", REPORT)
    Path("real/report.json").write_text("{}\n")
    write_report(REPORT, _run())
    _append("notes.txt")
    watch = _Watch(monkeypatch)
    again = _run()
    write_report(REPORT, again)
    assert REPORT.is_symlink()
    assert Path("real/report.json").read_bytes() == _rebuilt(again)
    assert watch.full == 0 and watch.copied > 0


def test_when_the_kernel_cannot_copy_the_bytes_are_copied_by_hand(
        batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _first(batch3)
    _append("notes.txt")
    calls: list[int] = []

    def cross_device(*args: Any) -> int:
        calls.append(1)
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "copy_file_range", cross_device, raising=False)
    again = _run()
    write_report(REPORT, again)
    assert calls
    assert REPORT.read_bytes() == _rebuilt(again)


def test_a_failure_while_copying_keeps_the_old_report(batch3: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _first(batch3)
    before = REPORT.read_bytes()
    _append("notes.txt")

    def disk_full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(fsio, "copy_range", disk_full)
        again = _run()
        with pytest.raises(OutputError, match="no space left"):
            write_report(REPORT, again)
    assert REPORT.read_bytes() == before
    assert not [p for p in Path("out").iterdir() if p.name.startswith(TEMP_PREFIX)]
    write_report(REPORT, again)  # the layout still describes the file on disk
    assert REPORT.read_bytes() == _rebuilt(again)


# -- fsio.splice and copy_range on their own ------------------------------------------------


def test_splice_joins_new_bytes_and_old_ranges(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"0123456789")
    assert splice(target, [b"<", OldBytes(2, 3), OldBytes(5, 2), b">", OldBytes(0, 1)], lambda st: True) is True
    assert target.read_bytes() == b"<23456>0"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_splice_refuses_a_file_it_does_not_expect(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")
    assert splice(target, [b"new"], lambda st: st.st_size == 99) is False
    assert target.read_bytes() == b"old"
    assert splice(tmp_path / "missing.txt", [b"new"], lambda st: True) is False
    assert not (tmp_path / "missing.txt").exists()


@pytest.mark.parametrize("failure", ["ENOSYS", "EINVAL", "no such call"])
def test_copy_range_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    if failure == "no such call":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    else:
        def refuse(*args: Any) -> int:
            raise OSError(getattr(errno, failure), failure)

        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    monkeypatch.setattr(fsio, "WRITE_BLOCK", 7)  # several blocks
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_bytes(bytes(range(256)) * 4)
    with open(source, "rb") as src, open(target, "wb") as dst:
        copy_range(src.fileno(), dst.fileno(), 5, 1000)
    assert target.read_bytes() == (bytes(range(256)) * 4)[5:1005]


def test_copy_range_reports_a_short_source_and_real_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_bytes(b"short")
    with open(source, "rb") as src, open(target, "wb") as dst, pytest.raises(OSError, match="shorter"):
        copy_range(src.fileno(), dst.fileno(), 2, 10)

    def broken(*args: Any) -> int:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "copy_file_range", broken, raising=False)
    with open(source, "rb") as src, open(target, "wb") as dst, pytest.raises(OSError, match="I/O"):
        copy_range(src.fileno(), dst.fileno(), 0, 3)
