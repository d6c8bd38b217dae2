import os
from pathlib import Path

import pytest

from l10n.errors import InputError, OutputError
from l10n.fsio import read_text, write_atomic, write_if_changed


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    write_atomic(target, "one", make_parents=True)  # parents only on request (issue 9, item 7)
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_write_atomic_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")

    def boom(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError):  # one line, exit 2 (issue 9, item 8), not a raw OSError
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_if_changed_keeps_mtime(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    assert write_if_changed(target, "x")
    before = target.stat().st_mtime_ns
    assert not write_if_changed(target, "x")
    assert target.stat().st_mtime_ns == before


def test_read_text_errors(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "missing.md")
    with pytest.raises(InputError) as err:
        read_text(data_dir / "foundation" / "latin1.txt")
    assert "latin1.txt:1: not valid UTF-8" in str(err.value)


def test_read_text_normalises_newlines(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfa\r\nb\rc")
    assert read_text(p) == "a\nb\nc"
