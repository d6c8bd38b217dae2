"""The glossary cache (issue 16, the pre-commit case): a term base read back from the
cache is the one the TBX reader gives, and an entry the cache cannot vouch for (corrupt,
truncated, stale, of other bytes or other code) is ignored and written anew."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from l10n.annotate import load_default_glossary
from l10n.errors import GlossaryError
from l10n.glossary import cache
from l10n.glossary.tbx import load_glossary

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "glossary" / "terms.tbx"
SMALL = Path(__file__).parent / "data" / "glossary" / "small.tbx"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cache.ENTRY_PREFIX}*{cache.ENTRY_SUFFIX}"))


def _same(a: object, b: object) -> None:
    """Equal concepts, in order, with their lines (which equality leaves out) and source."""
    from l10n.glossary import Glossary

    assert isinstance(a, Glossary) and isinstance(b, Glossary)
    assert a.terms == b.terms
    assert [t.line for t in a.terms] == [t.line for t in b.terms]
    assert [repr(t) for t in a.terms] == [repr(t) for t in b.terms]
    assert a.source == b.source


@pytest.mark.parametrize("tbx", [SEED, SMALL], ids=["seed", "small"])
def test_cached_read_equals_the_reader(cache_dir: Path, tbx: Path) -> None:
    fresh = load_glossary(tbx)
    first = cache.load_glossary_cached(tbx)  # parses and writes the entry
    assert len(_entries(cache_dir)) == 1
    second = cache.load_glossary_cached(tbx)  # reads the entry
    _same(first, fresh)
    _same(second, fresh)
    text = "The Cyberport Macro Fund (CMF) and the Hong Kong Science Park support start-ups."
    assert second.match(text) == fresh.match(text)


def test_default_glossary_goes_through_the_cache(cache_dir: Path) -> None:
    _same(load_default_glossary(SEED), load_glossary(SEED))
    assert len(_entries(cache_dir)) == 1


def test_a_hit_reads_no_tbx(cache_dir: Path) -> None:
    """A warm cache spares the TBX reader and lxml (the point of the cache)."""
    cache.load_glossary_cached(SEED)
    code = ("import sys\nfrom l10n.annotate import load_default_glossary\n"
            f"g = load_default_glossary({str(SEED)!r})\n"
            "print(len(g), 'l10n.glossary.tbx' in sys.modules, 'lxml.etree' in sys.modules)\n")
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [str(len(load_glossary(SEED))), "False", "False"]


def _damaged(raw: bytes) -> list[bytes]:
    head, _, content = raw.partition(b"\n")
    fields = json.loads(head)
    other_check = json.dumps({**fields, "checksum": "0" * 64}).encode()
    terms, warnings = json.loads(content)
    terms[0][0] = 123  # a concept id that is no string, checksum made to match
    bad_types = json.dumps([terms, warnings], ensure_ascii=False, separators=(",", ":")).encode()
    import hashlib

    retyped = json.dumps({**fields, "checksum": hashlib.sha256(bad_types).hexdigest()}).encode()
    return [
        b"",  # empty
        raw[: len(raw) // 2],  # truncated
        b"not json at all\n{}",
        head + b"\n" + content.replace(b"\xe6\x95\xb8", b"\xe6\x95\xb9", 1),  # one character changed
        other_check + b"\n" + content,
        retyped + b"\n" + bad_types,
        b"\x00\xff" * 100,
    ]


def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir: Path) -> None:
    fresh = load_glossary(SEED)
    cache.load_glossary_cached(SEED)
    (entry,) = _entries(cache_dir)
    good = entry.read_bytes()
    for bad in _damaged(good):
        entry.write_bytes(bad)
        _same(cache.load_glossary_cached(SEED), fresh)
        assert entry.read_bytes() == good  # written anew, whole


def test_a_stale_entry_is_ignored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another reader (an edited checkout, another version) never reads an old entry."""
    cache.load_glossary_cached(SMALL)
    (entry,) = _entries(cache_dir)
    head, _, content = entry.read_bytes().partition(b"\n")
    fields = json.loads(head)
    terms, warnings = json.loads(content)
    terms[0][2] = {key: "假的" for key in terms[0][2]}  # what an older reader would have said
    forged = json.dumps([terms, warnings], ensure_ascii=False, separators=(",", ":")).encode()
    import hashlib

    fields["checksum"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    assert cache.load_glossary_cached(SMALL).terms[0].renderings != load_glossary(SMALL).terms[0].renderings
    monkeypatch.setattr(cache, "reader_stamp", lambda: fields["stamp"] + "|edited")
    _same(cache.load_glossary_cached(SMALL), load_glossary(SMALL))


def test_the_stamp_follows_the_reading_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "l10n"
    for name in cache.READER_MODULES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("x = 1\n")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    before = cache.reader_stamp()
    assert before is not None
    os.utime(package / "glossary" / "tbx.py", ns=(1, 1))
    assert cache.reader_stamp() not in (None, before)
    (package / "model.py").unlink()
    assert cache.reader_stamp() is None  # code it cannot see: nothing cached


def test_other_bytes_other_entry(cache_dir: Path, tmp_path: Path) -> None:
    tbx = tmp_path / "terms.tbx"
    tbx.write_bytes(SMALL.read_bytes())
    cache.load_glossary_cached(tbx)
    tbx.write_bytes(SMALL.read_bytes().replace(b"</martif>", b"<!-- edited --></martif>"))
    cache.load_glossary_cached(tbx)
    assert len(_entries(cache_dir)) == 2


def test_errors_are_the_readers_and_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b"<martif><text><body><termEntry id='x'/></body></text></martif>")
    for path in (bad, tmp_path / "missing.tbx", tmp_path):
        with pytest.raises(GlossaryError) as plain:
            load_glossary(path)
        with pytest.raises(GlossaryError) as cached:
            cache.load_glossary_cached(path)
        assert str(cached.value) == str(plain.value)
    assert _entries(cache_dir) == []


def test_off_and_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    assert cache.cache_dir() is None
    _same(cache.load_glossary_cached(SMALL), load_glossary(SMALL))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    _same(cache.load_glossary_cached(SMALL), load_glossary(SMALL))


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "l10n"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/used")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "l10n"


def test_only_the_newest_entries_are_kept(cache_dir: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 3)
    tbx = tmp_path / "terms.tbx"
    written = []
    for n in range(5):
        tbx.write_bytes(SMALL.read_bytes().replace(b"</martif>", f"<!-- {n} --></martif>".encode()))
        cache.load_glossary_cached(tbx)
        newest = max(_entries(cache_dir), key=lambda p: p.stat().st_mtime_ns)
        os.utime(newest, ns=(n * 10**9, n * 10**9 + 10**12))  # a clear order, whatever the clock
        written.append(newest)
    assert _entries(cache_dir) == sorted(written[-3:])


def test_warnings_logged_alike(cache_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A hit logs the term base's warnings as the reader does (``-v`` output unchanged)."""
    tbx = tmp_path / "warn.tbx"
    gap = b"""        <langSet xml:lang="zh-Hans-CN">
          <tig><term>\xe6\x95\xb0\xe7\xa0\x81\xe6\xb8\xaf</term></tig>
        </langSet>
"""
    assert gap in SMALL.read_bytes()
    tbx.write_bytes(SMALL.read_bytes().replace(gap, b""))  # Cyberport without zh-Hans-CN: a warning
    caplog.set_level(logging.DEBUG, logger="l10n.glossary.tbx")
    load_glossary(tbx)
    plain = [(r.name, r.getMessage()) for r in caplog.records if r.name == "l10n.glossary.tbx"]
    caplog.clear()
    cache.load_glossary_cached(tbx)  # miss
    miss = [(r.name, r.getMessage()) for r in caplog.records if r.name == "l10n.glossary.tbx"]
    caplog.clear()
    cache.load_glossary_cached(tbx)  # hit
    hit = [(r.name, r.getMessage()) for r in caplog.records if r.name == "l10n.glossary.tbx"]
    assert plain and "no zh-Hans-CN rendering" in plain[0][1]
    assert miss == plain and hit == plain
