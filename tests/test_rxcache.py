"""The regex cache (issue 16, the pre-commit case): a pattern rebuilt from its stored
program is the pattern ``re`` compiles, and a file the cache cannot vouch for is ignored.

Nothing here is timed (bench/bench_check.py measures the gain)."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import subprocess
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from l10n import rxcache
from l10n.usercache import CACHE_ENV
from tests import glossary_golden as golden

_compiler: Any = importlib.import_module("re._compiler")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache installed on an empty folder of its own (whatever the process had before
    is put back afterwards)."""
    before = list(rxcache._STATE)
    if before:
        monkeypatch.setattr(_compiler, "compile", before[0].original)
    rxcache._STATE.clear()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    re.purge()
    yield tmp_path
    rxcache.uninstall()
    rxcache._STATE[:] = before
    re.purge()


def _patterns() -> list[tuple[str | bytes, int]]:
    """Patterns of every kind the project compiles, and a few of re's corners."""
    own = [
        (r"(?P<amount>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>億|萬|million|billion)?", 0),
        (r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]", 0),
        (r"(?<![A-Za-z0-9])(?:Cyberport|HKSAR\s+Government)s?(?![A-Za-z0-9])", re.IGNORECASE),
        (r"(?i:www\.)[^\s<>]+|(?P<code>[A-Z]+/\d+)", 0),
        (r"^\s*(?:\d+\.)+\s", re.MULTILINE),
        (r"(a)(b)?(?(2)c|d)", 0),
        (r"(?x) \d+  # digits\n (?:[.]\d+)?", 0),
        (r"ſ|K|İ", re.IGNORECASE),  # letters Python folds to ASCII
        (rb"[\x00-\x7f]+(?=\r\n)", 0),
        (r"", 0),
    ]
    for module in ("l10n.spans", "l10n.checks.punctuation", "l10n.glossary.match", "l10n.pofile"):
        for value in vars(importlib.import_module(module)).values():
            if isinstance(value, re.Pattern):
                own.append((value.pattern, value.flags & ~re.UNICODE if isinstance(value.pattern, str)
                            else value.flags))
    return own


def test_a_cached_pattern_is_re_s_pattern(fresh: Path) -> None:
    assert rxcache.install()
    original = rxcache._STATE[0].original
    for pattern, flags in _patterns():
        first = _compiler.compile(pattern, flags)  # compiled and stored
        again = _compiler.compile(pattern, flags)  # rebuilt from the stored program
        plain = original(pattern, flags)
        for ours in (first, again):
            assert ours == plain  # same pattern text, flags and program
            assert (ours.groups, ours.groupindex) == (plain.groups, plain.groupindex)


def test_a_second_process_compiles_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rxcache.install()
    for pattern, flags in _patterns():
        _compiler.compile(pattern, flags)
    monkeypatch.setattr(rxcache, "SAVE_AFTER_SECONDS", 0.0)
    rxcache.save()
    rxcache.uninstall()
    re.purge()
    assert rxcache.install()  # as the next run would: the file read back
    calls: list[object] = []
    real = rxcache._program
    monkeypatch.setattr(rxcache, "_program", lambda p, f: calls.append(p) or real(p, f))
    original = rxcache._STATE[0].original
    for pattern, flags in _patterns():
        assert _compiler.compile(pattern, flags) == original(pattern, flags)
    assert calls == []


def test_saved_only_after_real_work(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rxcache.install()
    path = rxcache._STATE[0].path
    _compiler.compile(r"cheap", 0)
    monkeypatch.setattr(rxcache, "SAVE_AFTER_SECONDS", 60.0)
    rxcache.save()
    assert not path.exists()  # one cheap new pattern: the file is not rewritten for it
    monkeypatch.setattr(rxcache, "SAVE_AFTER_SECONDS", 0.0)
    rxcache.save()
    assert rxcache.read_table(path).keys() == rxcache._STATE[0].table.keys()


def _good_file(folder: Path) -> Path:
    state = rxcache._STATE[0]
    _compiler.compile(r"(?P<n>\d+)億", 0)
    path = state.path
    path.write_bytes(rxcache.encode(state.table))
    return path


def test_damaged_files_are_ignored(fresh: Path) -> None:
    assert rxcache.install()
    path = _good_file(fresh)
    good = path.read_bytes()
    assert rxcache.decode(good)
    magic = len(rxcache.MAGIC_LINE)
    head_end = good.index(b"\n", magic) + 1
    flipped = bytearray(good)
    flipped[-3] ^= 0x01
    table = rxcache.decode(good)
    key = next(iter(table))
    flags, code, groups, groupindex, indexgroup = table[key]
    other_code = bytes([*code[:-5], code[-5] ^ 1, *code[-4:]])  # one number of the program changed
    altered = marshal.dumps({**table, key: (flags, other_code, groups, groupindex, indexgroup)})
    assert len(altered) == len(good) - head_end
    for bad in (b"", good[: len(good) // 2], bytes(flipped), b"x" + good[1:],
                good[:magic] + b"12 34\n" + good[head_end:], b"\x00" * 64,
                good[:head_end] + altered):
        assert rxcache.decode(bad) == {}


def test_a_program_re_refuses_is_compiled_afresh(fresh: Path) -> None:
    assert rxcache.install()
    state = rxcache._STATE[0]
    key = (r"(?P<n>\d+)萬", 0)
    state.table[key] = (32, array("I", [999, 1, 2, 3]).tobytes(), 0, {}, (None,))  # no valid program
    compiled = _compiler.compile(*key)
    assert compiled == state.original(*key)
    assert compiled.match("12萬")


def test_uncached_patterns_go_to_re(fresh: Path) -> None:
    assert rxcache.install()
    table = rxcache._STATE[0].table
    _compiler.compile(rb"[a-z]+", re.LOCALE)
    assert all(flags & rxcache.UNCACHED_FLAGS == 0 for _, flags in table)
    assert (rb"[a-z]+", re.LOCALE) not in table


def test_off_leaves_re_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    before = list(rxcache._STATE)
    rxcache._STATE.clear()
    try:
        monkeypatch.setenv(CACHE_ENV, "")
        compiler = _compiler.compile
        assert not rxcache.install()
        assert _compiler.compile is compiler
    finally:
        rxcache._STATE[:] = before


def test_check_output_is_the_same_warm_cold_and_off(tmp_path: Path) -> None:
    """The command line: every check's findings with the cache off, filling and warm."""
    catalog = tmp_path / "sample.po"
    catalog.write_bytes((golden.INPUTS / "sample-hant-lab.po").read_bytes())
    argv = [sys.executable, "-m", "l10n", "check", catalog.name, "--glossary", str(golden.TERMS),
            "--format", "json"]
    outputs = []
    for folder in ("", str(tmp_path / "cache"), str(tmp_path / "cache")):
        env = {**os.environ, CACHE_ENV: folder}
        run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
        assert run.returncode in (0, 1), run.stderr
        outputs.append((run.returncode, run.stdout, run.stderr))
    assert outputs[0] == outputs[1] == outputs[2]
    assert list((tmp_path / "cache").glob("regex-*.marshal"))
