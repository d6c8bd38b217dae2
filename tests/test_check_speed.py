"""The faster roads of ``l10n check`` give exactly what the plain ones give (issue 10, speed).

Nothing here is timed. Each test pins one shortcut against the road it replaces:

- the PO scanner's canonical-line fast path against ``_Scanner.line`` for every line;
- the forked run (the parent checks one share, children inherit the entries) against
  the in-process run, on both benchmark catalogs' generators at a small size;
- the numbers check's per-process memo against a fresh extraction for every entry;
- ``--select`` importing only the selected checks, and the generated help.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import integrity
from l10n.checks import _REGISTRY, CheckEnv, register, run_checks, select_checks
from l10n.checks.numbers import CHECK_OF_KIND, _compared, check_numbers
from l10n.errors import CatalogError, InputError
from l10n.locales import parse_locale
from l10n.model import Entry, Severity
from l10n.numbers.compare import compare_hits
from l10n.numbers.en import extract_en_hits, may_hold_number
from l10n.numbers.zh import MAYBE_NUMBER_ZH, extract_zh_hits
from l10n.pofile import ScannedCatalog, _Scanner, scan_po, scan_po_file
from l10n.report import sort_findings

BENCH = Path(__file__).resolve().parent.parent / "bench"
SMALL = 400  # entries per generated catalog: every template, a few corrupted entries


def _slow_scan(text: str, path: str) -> ScannedCatalog:
    """The scanner as it was: every logical line through ``_Scanner.line``."""
    from l10n.pofile import _logical_lines, _metadata

    scanner = _Scanner(path)
    lineno = 0
    for lineno, raw in _logical_lines(text):
        scanner.line(raw, lineno)
    scanner.end(lineno)
    catalog = ScannedCatalog(tuple(scanner.entries), {}, tuple(scanner.header_comment))
    header = catalog.header_entry
    if header is not None:
        catalog.metadata.update(_metadata(header.msgstr))
    return catalog


def _outcome(scan, text: str) -> object:  # noqa: ANN001 - either scanner
    try:
        return scan(text, "x.po")
    except CatalogError as exc:
        return ("error", exc.message, exc.line, exc.hint)


#: Line shapes the fast path takes and the ones it must leave to ``_Scanner.line``:
#: escapes, NUL and U+0004 (raw and escaped), CR line ends, leading blanks, obsolete
#: lines, plural forms, two strings on a line, broken quoting, comments with trailing
#: blanks and a backslash-newline join.
LINES = [
    'msgid ""', 'msgstr ""', '"Language: zh_Hant_HK\\n"', 'msgctxt "c1"', 'msgctxt "c2"',
    'msgid "Raised HK$4.5 billion."', 'msgstr "籌得45億港元。"', 'msgid "a"', 'msgstr "b"',
    '"more \\"quoted\\" text"', '"tab\\there"', 'msgstr "bad \\q escape"', 'msgstr "\\0"',
    'msgstr "\\303\\251"', 'msgstr "\\377"', 'msgid "x\x00y"', 'msgid "x\x04y"', 'msgstr "z"\r',
    '  msgid "indented"', 'msgid  "two spaces"', 'msgid "a" "b"', 'msgid "unterminated',
    'msgstr "trailing" ', 'msgid_plural "as"', 'msgstr[0] "f0"', 'msgstr[1] "f1"',
    '#~ msgid "old"', '#~ msgstr "gammal"', '#: release.md:3 other.md', '#, fuzzy, ignore-numbers  ',
    '#. extracted  ', '# translator', '#| msgid "before"', '#', '', '   ', 'garbage',
    'msgid "join \\', 'ed"', '"\\', '"', 'msgstr "end\\\\"', 'msgstr "a\\"',
]


COMMENTS = [line for line in LINES if line.startswith("#")]
STRINGS = ['"more"', '"\\n"', '"a\\"b"', '"\\x41"', '"\\"', '"x" "y"', '"end"\r', ' "lead"']


@st.composite
def _entry_lines(draw: st.DrawFn) -> list[str]:
    """One entry, mostly well formed, so that comments and strings reach the result."""
    key = draw(st.integers(0, 3))
    lines = draw(st.lists(st.sampled_from(COMMENTS), max_size=3))
    if draw(st.booleans()):
        lines.append(f'msgctxt "k{key}"')
    lines.append(f'msgid "id{key}"')
    lines += draw(st.lists(st.sampled_from(STRINGS), max_size=2))
    lines.append(draw(st.sampled_from(['msgstr "s"', 'msgstr ""', 'msgstr "\\t"', '  msgstr "s"'])))
    lines += draw(st.lists(st.sampled_from(STRINGS), max_size=2))
    return lines


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_entry_lines(), st.lists(st.sampled_from(LINES), max_size=2)), max_size=6))
def test_scanner_fast_path_equals_line_by_line(blocks: list[list[str]]) -> None:
    text = "\n".join(line for block in blocks for line in block) + "\n"
    assert _outcome(scan_po, text) == _outcome(_slow_scan, text)


@pytest.mark.parametrize("text", [
    'msgid ""\nmsgstr "Language: zh_HK\\n"\n\nmsgctxt "a"\nmsgid "1 km"\nmsgstr "1公里"\n',
    'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',  # duplicate: same error, same line
    'msgid "a"\nmsgid "b"\nmsgstr "c"\n',
    'msgid "a\x00"\nmsgstr "b"\n',
    '#. note   \n#: f.md:1\nmsgid "a"\n"b"\nmsgstr "c"\n"d"\n',
])
def test_scanner_fast_path_cases(text: str) -> None:
    assert _outcome(scan_po, text) == _outcome(_slow_scan, text)


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=["bench_check", "bench_check_gov"])
def bench_catalog(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "zh_Hant_HK.po"
    _bench_module(request.param).build_catalog(path, SMALL, 7)
    return path


def test_forked_run_equals_in_process_run(bench_catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.glossary import load_glossary

    glossary = load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx")
    serial = integrity.check_catalogs([bench_catalog], glossary=glossary, workers=1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0)
    for workers in (2, 3):
        forked = integrity.check_catalogs([bench_catalog], glossary=glossary, workers=workers)
        assert forked == serial
    assert any(f.severity is Severity.ERROR for f in serial.findings)  # the corrupted entries


def _fresh_numbers(entry: Entry) -> list[tuple[str, Severity, str]]:
    """The numbers check without its memo: skip, extract, compare."""
    if MAYBE_NUMBER_ZH.search(entry.msgstr) is None and not may_hold_number(entry.msgid):
        return []
    fresh = compare_hits(extract_en_hits(entry.msgid), extract_zh_hits(entry.msgstr),
                         traditional=True, source_text=entry.msgid, target_text=entry.msgstr)
    return [(CHECK_OF_KIND[m.kind], m.severity, m.message) for m in fresh]


def test_numbers_memo_equals_fresh_extraction(bench_catalog: Path) -> None:
    env = CheckEnv(parse_locale("zh_Hant_HK"))
    entries = scan_po_file(bench_catalog).checkable(str(bench_catalog))
    _compared.cache_clear()
    for _ in range(2):  # the second pass answers every entry from the memo
        for entry in entries:
            got = [(f.check, f.severity, f.message) for f in check_numbers(entry, env)]
            assert got == _fresh_numbers(entry), entry.msgid
    assert _compared.cache_info().hits >= len(entries) // 2


def test_child_failure_is_raised_in_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    @register("test_boom", Severity.ERROR, "fails on purpose")
    def boom(entry: Entry, env: CheckEnv) -> list:  # noqa: ANN001
        if entry.line > 3:
            raise ValueError("boom in a child")
        return []

    try:
        monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
        monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0)
        items = [Entry("a", "b", "x.po", n) for n in range(1, 7)]
        with pytest.raises(RuntimeError, match="boom in a child"):
            integrity.run_checks_parallel(items, CheckEnv(parse_locale("zh-HK")), ["test_boom"], workers=2)
    finally:
        _REGISTRY.pop("test_boom", None)


def test_select_imports_only_the_selected_checks() -> None:
    code = ("import sys; from l10n.checks import select_checks; "
            "print([c.name for c in select_checks(['currency'])]); "
            "print(sorted(m for m in sys.modules if m.startswith(('l10n.checks.', 'lxml', 'opencc', "
            "'l10n.glossary'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['numbers']", "['l10n.checks.numbers']"]


def test_every_registered_check_is_selectable_and_unknown_ones_fail() -> None:
    from l10n.checks import all_checks

    for name in all_checks():
        assert [c.name for c in select_checks([name])] == [name]
    with pytest.raises(InputError, match="unknown check nosuch"):
        select_checks(["nosuch"])


def test_select_help_is_generated_from_the_registry() -> None:
    run = subprocess.run([sys.executable, "-m", "l10n", "check", "--help"], capture_output=True,
                         text=True, check=True)
    flat = " ".join(run.stdout.split())
    for part in ("currency (error)", "numbers (error)", "glossary (error)", "untranslated (info)"):
        assert part in flat


def test_memo_key_is_the_script() -> None:
    """Traditional and Simplified targets are compared separately (the key holds the locale)."""
    _compared.cache_clear()
    entry = Entry("It raised HK$4.5 billion.", "籌得45億港元。", "x.po", 1)
    for tag in ("zh_Hant_HK", "zh_Hans_CN"):
        run_checks([entry], CheckEnv(parse_locale(tag)), ["numbers"])
    assert _compared.cache_info().currsize == 2


def test_forked_run_keeps_the_glossary_document_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The glossary check reads a catalog in order (a body named in full once may be
    called 創科局 later); a share checked in a forked child must not start a new document."""
    from l10n.glossary import load_glossary

    glossary = load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx")
    first = ("The Innovation and Technology Bureau (ITB) was set up in 2015.",
             "創新及科技局（創科局）於2015年成立。")
    later = ("The Innovation and Technology Bureau will review the scheme.", "創科局會檢討計劃。")
    items = [Entry(*(first if n == 0 else later), "x.po", n + 1) for n in range(8)]
    env = CheckEnv(parse_locale("zh_Hant_HK"), glossary)
    serial = run_checks(items, env, None)
    assert not [f for f in serial if f.check == "glossary"]
    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", 0)
    for workers in (2, 3):
        assert sort_findings(integrity.run_checks_parallel(items, env, None, workers=workers)) == sort_findings(serial)


@pytest.mark.parametrize(("n", "count", "in_order", "others"),
                         [(10, 2, 0.0, 1.0), (10, 2, 1.0, 1.0), (10, 2, 5.0, 1.0), (7, 3, 0.3, 1.0),
                          (1, 2, 0.5, 1.0), (0, 2, 0.5, 1.0), (9, 2, 0.5, 0.0)])
def test_balanced_shares_cover_every_entry_once(n: int, count: int, in_order: float, others: float) -> None:
    items = [Entry("a", "b", "x.po", i) for i in range(n)]
    mine, shares = integrity._balanced_shares(items, count, in_order, others)
    assert [e.line for e in mine + [e for share in shares for e in share]] == list(range(n))
    assert len(shares) <= count - 1
    if in_order >= 1.0 and n:
        assert len(mine) < n / count or not shares  # the in-order work leaves this process less


@pytest.mark.parametrize("target", ["园区支援初创企业。", "園區支援初創企業。", "隱私權受保障。", "软件园", "群组"])
@pytest.mark.parametrize("tag", ["zh_Hant_HK", "zh_Hans_CN", "zh_Hant_TW"])
def test_script_memo_gives_each_entry_its_own_findings(target: str, tag: str) -> None:
    from l10n.checks.script import _script_problems, check_script

    env = CheckEnv(parse_locale(tag))
    _script_problems.cache_clear()
    first = check_script(Entry("x", target, "a.po", 3), env)
    again = check_script(Entry("y", target, "b.po", 9), env)  # answered from the memo
    assert [(f.severity, f.message) for f in again] == [(f.severity, f.message) for f in first]
    assert all((f.path, f.line, f.msgid) == ("b.po", 9, "y") for f in again)
    assert _script_problems.cache_info().hits == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a1,.%$ 　０１９％＄，．\u00a0\u202f\u2009\ufe6a億萬")))
def test_half_width_equals_translate(text: str) -> None:
    from l10n.numbers.common import WIDTH_TABLE, half_width

    assert half_width(text) == text.translate(WIDTH_TABLE)


@pytest.mark.parametrize(("min_seconds", "forks"), [(1e9, 0), (0.0, 1)])
def test_cheap_catalogs_stay_in_process(monkeypatch: pytest.MonkeyPatch, min_seconds: float,
                                        forks: int) -> None:
    """Whether to fork follows the timed first entries: below PARALLEL_MIN_SECONDS of
    estimated checks the whole catalog is checked here; the findings are the same."""
    started: list[int] = []
    fork = integrity._fork_checks

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.append(1)
        return fork(*args, **kwargs)

    monkeypatch.setattr(integrity, "_fork_checks", counted)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_ENTRIES", 1)
    monkeypatch.setattr(integrity, "PARALLEL_MIN_SECONDS", min_seconds)
    items = [Entry("It raised HK$4.5 billion.", "籌得4.5億港元。" if n % 3 else "籌得45億港元。", "x.po", n + 1)
             for n in range(40)]
    env = CheckEnv(parse_locale("zh_Hant_HK"))
    assert integrity.run_checks_parallel(items, env, None, workers=2) == run_checks(items, env, None)
    assert len(started) == forks
