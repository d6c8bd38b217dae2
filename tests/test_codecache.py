"""The generated-code cache (issue 16, the pre-commit case): a dataclass defined with its
methods' code read back from the cache is the dataclass Python defines without it, and a
file the cache cannot vouch for is ignored.

Nothing here is timed (bench/bench_check.py measures the gain)."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import re
import subprocess
import sys
import types
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from l10n import codecache
from l10n.usercache import CACHE_ENV
from tests import glossary_golden as golden

#: The modules of ``l10n check`` and of the commands' shared layers whose dataclasses are
#: compared (no module that needs an MT engine or a web page reader).
MODULES = ("l10n.model", "l10n.config", "l10n.configfile", "l10n.locales", "l10n.lang", "l10n.lang.zh",
           "l10n.checks", "l10n.checks.glossary", "l10n.report_base", "l10n.fsio", "l10n.catalog",
           "l10n.pofile", "l10n.inline", "l10n.numbers.compare", "l10n.numbers.common", "l10n.glossary.match",
           "l10n.tm.store", "l10n.segment", "l10n.spans")

#: Imports MODULES with the cache as the environment says, and prints a fingerprint of
#: every dataclass they define: each generated method's code (recursively: the code
#: objects inside it too), defaults, annotations and names, and the class's own fields.
_FINGERPRINT = """
import dataclasses, importlib, json, sys, types
if sys.argv[1] == "on":
    from l10n import codecache
    assert codecache.install()
modules = sys.argv[2:]
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__")

def code(c):
    consts = [code(k) if isinstance(k, types.CodeType) else repr(k) for k in c.co_consts]
    return [c.co_name, c.co_qualname, c.co_filename, c.co_firstlineno, c.co_code.hex(), c.co_linetable.hex(),
            c.co_exceptiontable.hex(), list(c.co_names), list(c.co_varnames), list(c.co_freevars),
            list(c.co_cellvars), c.co_flags, c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount,
            c.co_stacksize, consts]

def function(f):
    f = getattr(f, "__wrapped__", f)  # __repr__ is wrapped against recursion
    if not isinstance(f, types.FunctionType):
        return repr(f)
    return [f.__name__, f.__qualname__, f.__module__, repr(f.__defaults__), repr(f.__kwdefaults__),
            repr(f.__annotations__), f.__doc__, code(f.__code__),
            [repr(cell.cell_contents) for cell in f.__closure__ or ()]]

out = {}
for name in modules:
    module = importlib.import_module(name)
    for value in vars(module).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
            out[f"{name}.{value.__qualname__}"] = {
                "methods": {m: function(vars(value)[m]) for m in METHODS if m in vars(value)},
                "fields": [repr(f) for f in dataclasses.fields(value)],
                "params": repr(value.__dataclass_params__), "doc": value.__doc__,
                "match_args": repr(getattr(value, "__match_args__", None))}
print(json.dumps(out, sort_keys=True))
"""


#: Read by a text executed with its caller's globals.
MARKER = "called here"


def _fingerprints(mode: str, cache: Path | str) -> dict[str, Any]:
    env = {**os.environ, CACHE_ENV: str(cache)}
    run = subprocess.run([sys.executable, "-c", _FINGERPRINT, mode, *MODULES], env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(re.sub(r" at 0x[0-9a-f]+", " at 0x", run.stdout))  # no addresses
    return result


def test_every_dataclass_is_the_same_with_the_cache_filling_and_warm(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain = _fingerprints("off", "")
    filling = _fingerprints("on", cache)
    assert list(cache.glob("code-*.marshal"))  # the first run wrote what it compiled
    warm = _fingerprints("on", cache)
    assert len(plain) > 30  # the check's ~35 and a few others: the test compares something
    assert plain == filling == warm


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache installed on an empty folder of its own (whatever the process had before
    is put back afterwards)."""
    before = list(codecache._STATE)
    if before:
        codecache.uninstall()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    yield tmp_path
    codecache.uninstall()
    if before:
        monkeypatch.setenv(CACHE_ENV, str(before[0].path.parent))
        codecache.install()


def _define(name: str = "Point") -> type:
    """A frozen dataclass with a default, a factory and an ordering, defined now."""
    namespace: dict[str, Any] = {"dataclasses": dataclasses, "__name__": __name__}
    exec(f"@dataclasses.dataclass(frozen=True, order=True)\n"  # noqa: S102 - a class made on purpose
         f"class {name}:\n    x: int\n    y: int = 2\n    tags: list = dataclasses.field(default_factory=list)\n",
         namespace)
    cls: type = namespace[name]
    return cls


def test_a_second_process_compiles_nothing(fresh: Path) -> None:
    assert codecache.install()
    first = _define()
    assert codecache._STATE[0].added > 0
    codecache.save()
    codecache.uninstall()
    assert codecache.install()  # as the next run would: the file read back
    again = _define()
    assert codecache._STATE[0].added == 0
    assert again(1) == again(1, 2, []) and again(1) < again(2) and repr(again(1)) == repr(first(1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        again(1).x = 3  # type: ignore[attr-defined]


def test_texts_compile_as_exec_compiles_them_for_their_module(fresh: Path) -> None:
    """``exec`` of text takes the ``__future__`` flags of its caller's module; the cache
    compiles with the flags of the module it serves."""
    import __future__

    later = types.ModuleType("later")
    later.annotations = __future__.annotations  # type: ignore[attr-defined] - as its import binds it
    plain = types.ModuleType("plain")
    text = "def f(a: int) -> list[int]:\n    return [a]\n"
    for module, expected in ((later, {"a": "int", "return": "list[int]"}), (plain, {"a": int, "return": list[int]})):
        state = codecache._State(fresh / "x", {})
        namespace: dict[str, Any] = {}
        codecache.caching_exec(state, codecache.future_flags(module))(text, namespace)
        assert namespace["f"].__annotations__ == expected
        assert namespace["f"](3) == [3]


def test_what_is_not_text_goes_to_exec(fresh: Path) -> None:
    state = codecache._State(fresh / "x", {})
    cached_exec = codecache.caching_exec(state, 0)
    namespace: dict[str, Any] = {}
    cached_exec(compile("y = 5", "<string>", "exec"), namespace)
    assert namespace["y"] == 5 and state.table == {}
    local_ns: dict[str, Any] = {}
    cached_exec("z = MARKER", None, local_ns)  # no globals given: the caller's, as exec
    assert local_ns["z"] == MARKER


def test_damaged_files_are_ignored(fresh: Path) -> None:
    assert codecache.install()
    _define("Damaged")
    table = codecache._STATE[0].table
    good = codecache.encode(table)
    assert codecache.decode(good).keys() == table.keys()
    magic = len(codecache.MAGIC_LINE)
    head_end = good.index(b"\n", magic) + 1
    flipped = bytearray(good)
    flipped[-3] ^= 0x01
    not_code = marshal.dumps(dict.fromkeys(table, "not code"))
    wrong_shape = codecache.MAGIC_LINE + b"%d %d\n" % (len(not_code), zlib.crc32(not_code)) + not_code
    for bad in (b"", good[: len(good) // 2], bytes(flipped), b"x" + good[1:],
                good[:magic] + b"12 34\n" + good[head_end:], b"\x00" * 64, wrong_shape):
        assert codecache.decode(bad) == {}


def test_stored_bytes_that_are_no_code_are_compiled_afresh(fresh: Path) -> None:
    assert codecache.install()
    _define("Refused")
    table = codecache._STATE[0].table
    for text in table:
        table[text] = marshal.dumps("not code") if len(text) % 2 else b"\xff broken"
    codecache._STATE[0].added = 0
    again = _define("Refused")
    assert codecache._STATE[0].added > 0  # every method compiled again
    assert again(1) == again(1, 2, []) and repr(again(3)).startswith("Refused(x=3, y=2")


def test_off_leaves_dataclasses_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    before = list(codecache._STATE)
    if before:
        codecache.uninstall()
    try:
        monkeypatch.setenv(CACHE_ENV, "")
        assert not codecache.install()
        assert "exec" not in vars(dataclasses)
    finally:
        if before:
            monkeypatch.setenv(CACHE_ENV, str(before[0].path.parent))
            codecache.install()


def test_check_output_is_the_same_warm_cold_and_off(tmp_path: Path) -> None:
    """The command line: every check's findings with the caches off, filling and warm."""
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
    assert list((tmp_path / "cache").glob("code-*.marshal"))
