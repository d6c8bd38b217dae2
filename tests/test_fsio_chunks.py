"""``fsio.write_chunks_if_changed``: a text written in pieces (a big report), atomically,
only when it changed, never leaving a half-written file or a temporary one."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.errors import OutputError
from l10n.fsio import TEMP_PREFIX, write_chunks_if_changed


def _pieces(*texts: str) -> Iterator[str]:
    yield from texts


def test_written_then_left_alone_when_the_same(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert write_chunks_if_changed(target, _pieces("{\n", '"a": "創科"', "\n}\n")) is True
    assert target.read_text(encoding="utf-8") == '{\n"a": "創科"\n}\n'
    os.utime(target, ns=(1, 1))
    assert write_chunks_if_changed(target, _pieces("{\n", '"a": "創', '科"', "\n}\n")) is False
    assert target.stat().st_mtime_ns == 1
    assert write_chunks_if_changed(target, _pieces("{}\n")) is True
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("old", ["x" * 10, "y" * (3 << 20)])  # shorter, and longer than a compared block
def test_a_change_at_the_end_of_a_big_file_is_seen(tmp_path: Path, old: str) -> None:
    target = tmp_path / "big.txt"
    target.write_text(old)
    new = old[:-1] + "z"
    assert write_chunks_if_changed(target, _pieces(new[: len(new) // 2], new[len(new) // 2:])) is True
    assert target.read_text() == new


def test_a_failure_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n")

    def broken() -> Iterator[str]:
        yield "new, half"
        raise OutputError("the state could not be read", path="state.sqlite")

    with pytest.raises(OutputError):
        write_chunks_if_changed(target, broken())
    assert target.read_text() == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_missing_folder_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder does not exist"):
        write_chunks_if_changed(tmp_path / "nowhere" / "report.json", _pieces("{}"))


def test_a_fifo_gets_the_pieces_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert write_chunks_if_changed(fifo, _pieces("a", "b\n")) is True
    reader.join(10)
    assert got == [b"ab\n"]
    assert fifo.is_fifo()
