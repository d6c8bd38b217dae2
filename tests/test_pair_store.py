"""The pair checks' results kept between ``l10n check`` runs (``l10n.checks.pair_store``,
issue 16: the pre-commit and repeated-CI case). A stored result must never change a
report: every format is the same with the store cold, warm and off, a warm run reads no
numbers again, and a store the code cannot vouch for (other code, another locale or
glossary, a damaged file) is ignored. Nothing here is timed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import l10n.integrity as integrity
from l10n.checks import CheckEnv, numbers, pair_store, run_checks, script
from l10n.cli import main
from l10n.locales import parse_locale
from l10n.model import Entry, Severity
from l10n.usercache import CACHE_ENV, framed
from tests import glossary_golden as golden

DATA = Path(__file__).parent / "data" / "pair_store"
CATALOG = DATA / "harbour-hant.po"
FORMATS = ("text", "json", "junit", "github")
#: Distinct translated (msgid, msgstr) pairs of the catalog (one pair is repeated).
DISTINCT_PAIRS = 14
#: Of those, the pairs with a number (or a tag's digit) to read: the others are skipped
#: by the numbers check's prefilter before any reading.
NUMBERED_PAIRS = 8


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project folder holding the catalog, as the working folder, with its own cache
    folder (``cache``) and no GitHub summary file; the in-process memos start empty."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'harbour'\n")
    shutil.copyfile(CATALOG, tmp_path / CATALOG.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _clear_memos()
    yield tmp_path
    _clear_memos()


def _clear_memos() -> None:
    numbers._compared.cache_clear()
    script._script_problems.cache_clear()


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources whose numbers were read (the numbers check's own work, under its
    in-process memo, cleared before each run by ``_check``)."""
    seen: list[str] = []
    real = numbers._compared

    def counting(source: str, target: str, locale: object) -> object:
        seen.append(source)
        return real(source, target, locale)  # type: ignore[arg-type]

    counting.cache_clear = real.cache_clear  # type: ignore[attr-defined]
    monkeypatch.setattr(numbers, "_compared", counting)
    return seen


def _check(capsys: pytest.CaptureFixture[str], *args: str, cache: str | None = None) -> str:
    """One ``l10n check`` as a new process would run it (memos empty), with the cache
    folder ``cache`` when given ("" : caches off): its output and exit code, JUnit's
    measured times blanked (the only part that may differ from run to run)."""
    with pytest.MonkeyPatch.context() as patch:
        if cache is not None:
            patch.setenv(CACHE_ENV, cache)
        _clear_memos()
        code = main(["check", *args])
    out = capsys.readouterr().out
    return re.sub(r'time="[0-9.]+"', 'time="-"', out) + f"[exit {code}]"


def _table(folder: Path) -> dict[object, object]:
    code = pair_store.stamp()
    assert code is not None
    return pair_store.entries(folder / pair_store.FILE_NAME, code)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cold_warm_and_off_give_the_same_report(work: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch, computed: list[str],
                                                fmt: str) -> None:
    args = (CATALOG.name, "--format", fmt, "--glossary", str(golden.TERMS))
    off = _check(capsys, *args, cache="")
    assert not (work / "cache").exists()
    assert "numbers" in off and "script" in off and "punctuation" in off
    cold = _check(capsys, *args, cache=str(work / "cache"))
    assert (work / "cache" / pair_store.FILE_NAME).exists()
    computed.clear()
    warm = _check(capsys, *args)
    assert computed == []  # every pair's numbers came from the store
    assert cold == off and warm == off


def test_the_report_is_the_catalogs_own(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The store keeps only (check, severity, message): a warm run on the catalog with
    its lines moved, or on a copy under another name, reports those lines and names."""
    _check(capsys, CATALOG.name)  # cold: fills the store
    text = CATALOG.read_text(encoding="utf-8")
    moved = text.replace('msgctxt "harbour-1"', '#. a comment moves every entry\nmsgctxt "harbour-0"\n'
                         'msgid "A new pier opened."\nmsgstr "新碼頭啟用。"\n\nmsgctxt "harbour-1"')
    (work / "moved.po").write_text(moved, encoding="utf-8")
    warm = _check(capsys, "moved.po", "--format", "json")
    off = _check(capsys, "moved.po", "--format", "json", cache="")
    assert warm == off
    assert '"line": 14' in warm  # the first finding, four lines further down than in CATALOG


def test_warm_run_reads_no_numbers_and_select_reuses_the_store(
        work: Path, capsys: pytest.CaptureFixture[str], computed: list[str]) -> None:
    full = _check(capsys, CATALOG.name)
    assert len(computed) == NUMBERED_PAIRS  # a cold run reads the numbers of every numbered pair once
    computed.clear()
    select = _check(capsys, CATALOG.name, "--select", "numbers,currency")
    assert computed == []  # the results are per check: a subset is served from the full run's
    assert select.count("[numbers]") == full.count("[numbers]")


def test_a_select_run_then_a_full_run_share_the_pairs(
        work: Path, capsys: pytest.CaptureFixture[str], computed: list[str]) -> None:
    """A ``--select numbers`` run keeps the numbers results; a full run then reads them
    and adds the other checks' beside them, for a later run of any of them."""
    _check(capsys, CATALOG.name, "--select", "numbers")
    assert len(computed) == NUMBERED_PAIRS
    assert {value[::2] for value in _table(work / "cache").values()} == {("numbers",)}  # type: ignore[index]
    computed.clear()
    full = _check(capsys, CATALOG.name)
    assert computed == []
    names = {value[::2] for value in _table(work / "cache").values()}  # type: ignore[index]
    assert names == {("numbers", "placeholders", "punctuation", "same", "script")}
    assert _check(capsys, CATALOG.name, cache="") == full


def test_a_change_of_code_misses(work: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch, computed: list[str]) -> None:
    cold = _check(capsys, CATALOG.name)
    real = pair_store.stamp()
    assert real is not None
    monkeypatch.setattr(pair_store, "stamp", lambda: real + "\nchecks/numbers.py:1:2")
    computed.clear()
    assert _check(capsys, CATALOG.name) == cold
    assert computed  # the file names other code: not read, every pair computed again


def test_the_stamp_follows_the_package_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "l10n"
    (package / "checks").mkdir(parents=True)
    module = package / "checks" / "numbers.py"
    module.write_text("x = 1\n")
    (package / "__pycache__").mkdir()
    monkeypatch.setattr(pair_store, "PACKAGE_DIR", package)
    before = pair_store.stamp()
    (package / "__pycache__" / "numbers.pyc").write_bytes(b"compiled")
    assert pair_store.stamp() == before  # bytecode is not the code
    module.write_text("x = 2\n")  # same size: the time tells
    stat = module.stat()
    import os

    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert pair_store.stamp() != before
    assert before is not None and "checks/numbers.py:6:" in before


def test_another_locale_or_glossary_misses(work: Path, capsys: pytest.CaptureFixture[str],
                                           computed: list[str]) -> None:
    _check(capsys, CATALOG.name)
    hans = CATALOG.read_text(encoding="utf-8").replace("zh_Hant_HK", "zh_Hans_CN")
    (work / "harbour-hans.po").write_text(hans, encoding="utf-8")
    computed.clear()
    warm_hans = _check(capsys, "harbour-hans.po", "--format", "json")
    assert len(computed) == NUMBERED_PAIRS  # same texts, other locale: nothing reused
    assert warm_hans == _check(capsys, "harbour-hans.po", "--format", "json", cache="")
    hk = CheckEnv(parse_locale("zh-Hant-HK"))
    facts = pair_store.env_facts(hk)
    assert facts != pair_store.env_facts(CheckEnv(parse_locale("zh-Hans-CN")))
    from l10n.glossary.cache import load_glossary_cached

    cached = load_glossary_cached(golden.TERMS)
    assert facts != pair_store.env_facts(CheckEnv(hk.locale, cached))
    from l10n.glossary import load_glossary

    # the term base read from its cache is the one read from the TBX: the same facts,
    # so a run after the glossary cache is written still finds the pairs kept
    assert pair_store.env_facts(CheckEnv(hk.locale, cached)) == \
        pair_store.env_facts(CheckEnv(hk.locale, load_glossary(golden.TERMS)))
    assert facts != pair_store.env_facts(CheckEnv(hk.locale, severities={"same": Severity.ERROR}))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "wrong-shape"])
def test_a_damaged_file_is_ignored(work: Path, capsys: pytest.CaptureFixture[str], computed: list[str],
                                   damage: str) -> None:
    cold = _check(capsys, CATALOG.name, "--format", "json")
    path = work / "cache" / pair_store.FILE_NAME
    raw = path.read_bytes()
    table = _table(work / "cache")
    assert len(table) == DISTINCT_PAIRS
    if damage == "truncated":
        path.write_bytes(raw[:len(raw) // 2])
    elif damage == "garbage":
        path.write_bytes(raw[:60] + b"\x00\xff" * 50 + raw[160:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # whole and well framed, but its results are not (check, severity, message)
        code = pair_store.stamp()
        assert code is not None
        bad = dict.fromkeys(table, ("numbers", (("numbers", "fatal", "made up"),)))
        path.write_bytes(framed(pair_store.magic_line(code), pair_store.packed(bad)))
    computed.clear()
    assert _check(capsys, CATALOG.name, "--format", "json") == cold
    assert computed  # computed again
    assert _table(work / "cache") == table  # and the file written anew, whole


def test_the_size_bound_keeps_this_runs_results(work: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """One bucket (as a store of many holds in each): this run's results first, then
    the older ones, up to the bound."""
    monkeypatch.setattr(pair_store, "BUCKETS", 1)
    _check(capsys, CATALOG.name)
    first = set(_table(work / "cache"))
    hans = CATALOG.read_text(encoding="utf-8").replace("zh_Hant_HK", "zh_Hans_CN")
    (work / "harbour-hans.po").write_text(hans, encoding="utf-8")
    monkeypatch.setattr(pair_store, "MAX_ENTRIES", DISTINCT_PAIRS + 3)
    _check(capsys, "harbour-hans.po")
    kept = _table(work / "cache")
    assert len(kept) == DISTINCT_PAIRS + 3  # the bound holds
    assert len(set(kept) - first) == DISTINCT_PAIRS  # every pair of this run, then 3 older
    monkeypatch.setattr(pair_store, "MAX_ENTRIES", 4)
    _check(capsys, CATALOG.name)  # warm for the 3 older pairs kept, the others computed again
    assert len(_table(work / "cache")) == 4


def test_the_size_bound_holds_over_the_buckets(work: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pair_store, "BUCKETS", 4)
    monkeypatch.setattr(pair_store, "MAX_ENTRIES", 8)
    _check(capsys, CATALOG.name)
    assert 0 < len(_table(work / "cache")) <= 8  # at most 2 in each of the 4 buckets


def test_store_order_reads_then_computed_then_older(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pair_store, "BUCKETS", 1)
    store = pair_store.Store(tmp_path / "s", "code",
                             pair_store.packed({b"old": ("numbers", ()), b"read": ("numbers", ())}))
    assert store.lookup(b"read", ["numbers", "same"]) == [(), None]
    store.keep(b"new", ["numbers", (("numbers", Severity.ERROR, "a slip"),)])
    store.keep(b"new", ["same", ()])  # beside, not instead of, the numbers check's
    assert store.lookup(b"new", ["numbers", "same"]) == [(("numbers", Severity.ERROR, "a slip"),), ()]
    store.save()
    assert list(pair_store.entries(tmp_path / "s", "code")) == [b"read", b"new", b"old"]
    assert pair_store.read(tmp_path / "s", "other code") == {}


def test_a_small_catalog_decodes_only_its_buckets(work: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-commit case beside a big catalog's results: only the buckets of its own
    pairs are decoded."""
    monkeypatch.setattr(pair_store, "BUCKETS", 64)
    _check(capsys, CATALOG.name)
    opened: list[pair_store.Store] = []
    real = pair_store._open

    def keep() -> pair_store.Store | None:
        store = real()
        assert store is not None
        opened.append(store)
        return store

    monkeypatch.setattr(pair_store, "_open", keep)
    one = CATALOG.read_text(encoding="utf-8").split('msgctxt "harbour-2"')[0]
    (work / "one.po").write_text(one, encoding="utf-8")
    _check(capsys, "one.po")
    assert len(opened[0].packed) > 5 and len(opened[0].buckets) == 1


def test_outside_the_command_nothing_is_kept(work: Path) -> None:
    """The library (and the pipeline's check stage) always computes."""
    env = CheckEnv(parse_locale("zh-Hant-HK"))
    entry = Entry("The fund has 40 members.", "基金有14名成員。", "x.po", 3)
    assert pair_store.current() is None
    assert run_checks([entry], env)
    assert not (work / "cache").exists()


def test_no_cache_folder_no_store(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    with pair_store.session():
        assert pair_store.current() is None


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make even this catalog fork (two processes) and count the children."""
    started: list[int] = []
    real: Callable[..., tuple[int, int]] = integrity._fork_checks

    def counted(*args: object, **kwargs: object) -> tuple[int, int]:
        child = real(*args, **kwargs)
        started.append(child[0])
        return child

    monkeypatch.setattr(integrity, "_fork_checks", counted)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0.0)
    return started


def test_forked_children_bring_their_results_home(work: Path, capsys: pytest.CaptureFixture[str],
                                                  computed: list[str]) -> None:
    off = _check(capsys, CATALOG.name, "--format", "json", "-j1", cache="")
    with pytest.MonkeyPatch.context() as patch:
        started = _forks(patch)
        forked = _check(capsys, CATALOG.name, "--format", "json", "--jobs", "2")
    assert started and forked == off
    assert len(_table(work / "cache")) == DISTINCT_PAIRS  # the parent's share and the child's
    computed.clear()
    assert _check(capsys, CATALOG.name, "--format", "json", "-j1") == off
    assert computed == []  # the child's pairs too came from the store


def test_a_warm_forked_run_reads_the_store_in_its_children(work: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _check(capsys, CATALOG.name, "--format", "json", "-j1")
    before = (work / "cache" / pair_store.FILE_NAME).read_bytes()
    started = _forks(monkeypatch)
    assert _check(capsys, CATALOG.name, "--format", "json", "--jobs", "2") == cold
    assert started
    # nothing new was computed anywhere, so the file was not rewritten
    assert (work / "cache" / pair_store.FILE_NAME).read_bytes() == before


def test_another_glossary_changes_what_same_finds(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``same`` masks a glossary's do-not-translate forms: a warm run with a glossary
    that keeps "cleaned the whole sandy beach" in English must not reuse the finding
    the first glossary gave."""
    from l10n.glossary import write_tbx
    from l10n.model import EnglishForm, Term

    def tbx(name: str, keep: bool) -> str:
        term = Term("beach-1", (EnglishForm("cleaned the whole sandy beach", do_not_translate=keep),),
                    {"zh-Hant-HK": "清潔整個沙灘"})
        (work / name).write_bytes(write_tbx([term]))
        return name

    plain, kept = tbx("plain.tbx", False), tbx("kept.tbx", True)
    first = _check(capsys, CATALOG.name, "--select", "same,glossary", "--glossary", plain)
    assert "[same] untranslated English" in first
    warm = _check(capsys, CATALOG.name, "--select", "same,glossary", "--glossary", kept)
    assert "[same]" not in warm
    assert warm == _check(capsys, CATALOG.name, "--select", "same,glossary", "--glossary", kept, cache="")
    assert _check(capsys, CATALOG.name, "--select", "same,glossary", "--glossary", plain) == first
    # ``same`` alone reads the term base too: the kept form is not untranslated English
    assert "[same]" not in _check(capsys, CATALOG.name, "--select", "same", "--glossary", kept, cache="")
    assert "[same] untranslated English" in _check(capsys, CATALOG.name, "--select", "same",
                                                   "--glossary", plain, cache="")


PARKS = DATA / "parks-hant.po"
#: The sources of PARKS that name a term the glossary check enforces.
NAMING_A_TERM = {"Hong Kong Science and Technology Parks Corporation will open a robotics lab.",
                 "Hong Kong Science and Technology Parks Corporation will host a design fair.",
                 "Hong Kong Science and Technology Parks Corporation thanked the volunteers.",
                 "Cyberport welcomed the first group of students.",
                 "The Greater Bay Area youth camp starts next week."}


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the glossary check looked for terms in (under its per-glossary memo,
    which a new glossary starts empty: each ``l10n check`` loads its own)."""
    from l10n.glossary import match

    seen: list[str] = []
    real = match._mentions

    def counting(source: str, glossary: object, locale: object) -> object:
        seen.append(source)
        return real(source, glossary, locale)  # type: ignore[arg-type]

    monkeypatch.setattr(match, "_mentions", counting)
    return seen


def test_a_source_naming_no_term_is_not_searched_again(work: Path, capsys: pytest.CaptureFixture[str],
                                                       searched: list[str]) -> None:
    """The glossary check reads a catalog in order (a short form is accepted only after the
    full name), so only its order-free fact is kept: a source naming no enforced term.
    A warm run searches the sources that name one, and reports what a run without the
    store reports (the short form before the full name, the wrong rendering)."""
    shutil.copyfile(PARKS, work / PARKS.name)
    args = (PARKS.name, "--format", "json", "--glossary", str(golden.TERMS))
    off = _check(capsys, *args, cache="")
    assert '"check": "glossary"' in off and "網絡港" in off
    cold = _check(capsys, *args, cache=str(work / "cache"))
    searched.clear()
    warm = _check(capsys, *args)
    assert cold == off and warm == off
    assert set(searched) == NAMING_A_TERM


def test_the_glossary_fact_is_kept_beside_the_childrens_results(
        work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        searched: list[str], computed: list[str]) -> None:
    """A forked run checks the glossary in this process and the pairs in a child: the
    child's results, brought home, are merged with this process's glossary facts for the
    same pairs, not written over them."""
    shutil.copyfile(PARKS, work / PARKS.name)
    args = (PARKS.name, "--format", "json", "--glossary", str(golden.TERMS))
    off = _check(capsys, *args, "-j1", cache="")
    started = _forks(monkeypatch)
    assert _check(capsys, *args, "--jobs", "2") == off
    assert started
    searched.clear()
    computed.clear()
    assert _check(capsys, *args, "-j1") == off
    assert computed == []
    assert set(searched) == NAMING_A_TERM  # the three naming no term were not searched
