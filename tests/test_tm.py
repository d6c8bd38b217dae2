"""Translation memory: storage, exact and fuzzy lookups, number awareness, PO import."""

from __future__ import annotations

import random
import sqlite3
import string
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.errors import CatalogError, InputError
from l10n.locales import LocaleId, parse_locale
from l10n.tm import (
    DEFAULT_TM_PATH,
    MAX_INEXACT_SCORE,
    NUMBERS_DIFFER_PENALTY,
    TMEntry,
    TranslationMemory,
    load_catalogs,
    normalise,
    number_signature,
)
from l10n.tm.text import length_window as _length_window

HK = parse_locale("zh-HK")
CN = parse_locale("zh-CN")
DATA = Path(__file__).parent / "data" / "tm"

ABOUT = ("About the Hong Kong Trade Development Council: established in 1966, the HKTDC is a "
         "statutory body that promotes Hong Kong's trade.")
ABOUT_ZH = "關於香港貿易發展局：香港貿發局於1966年成立，是推廣香港貿易的法定機構。"
FUND = "The Government will inject HK$44.3 billion into the Future Fund."
FUND_ZH = "政府將向未來基金注資443億港元。"
FUND_TODAY = "The Government will inject HK$45.1 billion into the Future Fund today."
FUND_TODAY_ZH = "政府今日將向未來基金注資451億港元。"


@pytest.fixture
def memory(tmp_path: Path) -> Iterator[TranslationMemory]:
    with TranslationMemory.open(tmp_path / DEFAULT_TM_PATH) as tm:
        yield tm


@pytest.fixture
def seeded(memory: TranslationMemory) -> TranslationMemory:
    memory.add(HK, ABOUT, ABOUT_ZH, origin="a.po")
    memory.add(HK, FUND, FUND_ZH, origin="a.po")
    memory.add(HK, FUND_TODAY, FUND_TODAY_ZH, origin="b.po")
    memory.add(HK, "Release", "發布", context="verb", origin="a.po")
    memory.add(HK, "Release", "新聞稿", context="noun", origin="b.po")
    memory.add(CN, ABOUT, "关于香港贸易发展局：香港贸发局于1966年成立，是推广香港贸易的法定机构。")
    return memory


def write_po(path: Path, language: str | None, entries: list[polib.POEntry]) -> Path:
    """A catalog the way the pipeline writes them (header fields from DESIGN.md)."""
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
        "X-Generator": "l10n tests",
    }
    if language is not None:
        catalog.metadata["Language"] = language
    for entry in entries:
        catalog.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def sample_catalogs(root: Path) -> Path:
    """Two locales' catalogs with every kind of entry the importer must tell apart."""
    write_po(root / "zh_Hant_HK" / "LC_MESSAGES" / "release.po", "zh_Hant_HK", [
        polib.POEntry(msgid=ABOUT, msgstr=ABOUT_ZH),
        polib.POEntry(msgid=FUND, msgstr=FUND_ZH),
        polib.POEntry(msgid="Release", msgctxt="verb", msgstr="發布"),
        polib.POEntry(msgid="Draft only.", msgstr="草稿。", flags=["fuzzy"]),
        polib.POEntry(msgid="Not yet translated.", msgstr=""),
        polib.POEntry(msgid="Removed sentence.", msgstr="已刪除的句子。", obsolete=True),
    ])
    write_po(root / "zh_Hans_CN" / "LC_MESSAGES" / "release.po", "zh-Hans-CN", [
        polib.POEntry(msgid=FUND, msgstr="政府将向未来基金注资443亿港元。"),
        polib.POEntry(msgid="Machine draft.", msgstr="机器草稿。", flags=["fuzzy"]),
    ])
    (root / "release.pot").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    return root


# -- opening --------------------------------------------------------------------------


def test_folder_is_created_on_first_use_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "project" / DEFAULT_TM_PATH
    assert not path.parent.exists()
    with TranslationMemory.open(path) as tm:
        mode = tm._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert path.is_file()
    assert mode == "wal"


def test_open_without_create_refuses_a_missing_memory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        TranslationMemory.open(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_text("this is not sqlite " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="not a usable translation memory"):
        TranslationMemory.open(path)


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(InputError, match="schema version 99"):
        TranslationMemory.open(path)


def test_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory.open(path) as tm:
        tm.add(HK, FUND, FUND_ZH)
    with TranslationMemory.open(path, create=False) as tm:
        match = tm.exact(HK, FUND)
    assert match is not None and match.target == FUND_ZH


# -- writing --------------------------------------------------------------------------


def test_add_reports_new_unchanged_and_changed(memory: TranslationMemory) -> None:
    assert memory.add(HK, FUND, FUND_ZH, origin="a.po") is True
    assert memory.add(HK, FUND, FUND_ZH, origin="other.po") is False
    assert memory.add(HK, FUND, "政府將注資443億港元予未來基金。", origin="b.po") is True
    match = memory.exact(HK, FUND)
    assert match is not None
    assert (match.target, match.origin) == ("政府將注資443億港元予未來基金。", "b.po")
    assert len(memory) == 1


@pytest.mark.parametrize(("source", "target"), [("", "譯文"), ("Source.", ""), ("  ", "譯文")])
def test_add_refuses_empty_text(memory: TranslationMemory, source: str, target: str) -> None:
    with pytest.raises(InputError):
        memory.add(HK, source, target)


def test_add_many_is_all_or_nothing(memory: TranslationMemory) -> None:
    def entries() -> Iterator[TMEntry]:
        yield TMEntry(HK, ABOUT, ABOUT_ZH)
        yield TMEntry(HK, FUND, FUND_ZH)
        raise KeyboardInterrupt  # the nightly run killed half-way

    with pytest.raises(KeyboardInterrupt):
        memory.add_many(entries())
    assert len(memory) == 0
    stats = memory.add_many([TMEntry(HK, ABOUT, ABOUT_ZH), TMEntry(HK, ABOUT, ABOUT_ZH),
                             TMEntry(HK, FUND, " "), TMEntry(HK, "", FUND_ZH)])
    assert (stats.added, stats.updated, stats.unchanged, stats.skipped) == (1, 0, 1, 2)


# -- exact and fuzzy lookups ------------------------------------------------------------

LOOKUP_CASES = [
    # id, locale, query, context, expected target (None: no match), exact, numbers_differ
    ("boilerplate reused", HK, ABOUT, "", ABOUT_ZH, True, False),
    ("boilerplate other locale", CN, ABOUT, "",
     "关于香港贸易发展局：香港贸发局于1966年成立，是推广香港贸易的法定机构。", True, False),
    ("boilerplate lightly edited", HK,
     ABOUT.replace("trade.", "trade and services."), "", ABOUT_ZH, False, False),
    ("boilerplate with another year", HK, ABOUT.replace("1966", "1967"), "", ABOUT_ZH,
     False, True),
    ("amount changed", HK, FUND.replace("44.3", "48.3"), "", FUND_ZH, False, True),
    ("magnitude changed", HK, FUND.replace("billion", "million"), "", FUND_ZH, False, True),
    ("context matches", HK, "Release", "verb", "發布", True, False),
    ("context matches other", HK, "Release", "noun", "新聞稿", True, False),
    ("unrelated sentence", HK, "The weather will be fine and dry tomorrow afternoon.", "",
     None, False, False),
    ("locale without data", parse_locale("zh-TW"), ABOUT, "", None, False, False),
]


@pytest.mark.parametrize(
    ("locale", "query", "context", "target", "exact", "numbers_differ"),
    [case[1:] for case in LOOKUP_CASES], ids=[case[0] for case in LOOKUP_CASES],
)
def test_lookup_table(seeded: TranslationMemory, locale: LocaleId, query: str, context: str,
                      target: str | None, exact: bool, numbers_differ: bool) -> None:
    matches = seeded.fuzzy(locale, query, context=context)
    if target is None:
        assert matches == []
        assert seeded.exact(locale, query, context) is None
        return
    assert len(matches) == 1
    best = matches[0]
    assert (best.target, best.exact, best.numbers_differ) == (target, exact, numbers_differ)
    assert 0.75 <= best.score <= 1.0
    assert (best.score == 1.0) is exact
    exact_hit = seeded.exact(locale, query, context)
    assert (exact_hit is not None and exact_hit.exact) is exact


def test_context_mismatch_is_an_exact_text_match_but_not_exact(seeded: TranslationMemory) -> None:
    hit = seeded.exact(HK, "Release", "adjective")
    assert hit is not None
    assert hit.source == "Release" and not hit.exact
    assert hit.score == MAX_INEXACT_SCORE
    assert hit.context in {"verb", "noun"}
    fuzzy = seeded.fuzzy(HK, "Release", context="adjective", limit=5)
    assert [m.exact for m in fuzzy] == [False, False]
    assert {m.target for m in fuzzy} == {"發布", "新聞稿"}


def test_exact_match_without_context_is_not_exact_against_a_contexted_entry(
        seeded: TranslationMemory) -> None:
    hit = seeded.exact(HK, "Release")
    assert hit is not None and not hit.exact


def test_exact_with_the_right_context_ranks_first(seeded: TranslationMemory) -> None:
    matches = seeded.fuzzy(HK, "Release", context="noun", limit=5)
    assert [(m.target, m.exact) for m in matches] == [("新聞稿", True), ("發布", False)]


def test_changed_amount_scores_lower_than_plain_similarity(seeded: TranslationMemory) -> None:
    query = FUND.replace("44.3", "48.3")
    best = seeded.fuzzy(HK, query)[0]
    ratio = SequenceMatcher(None, normalise(query), normalise(FUND), autojunk=False).ratio()
    assert best.numbers_differ
    assert best.score == pytest.approx(ratio * NUMBERS_DIFFER_PENALTY, abs=1e-4)


def test_matching_numbers_outrank_a_closer_text_with_wrong_numbers(
        seeded: TranslationMemory) -> None:
    # FUND differs from the query in two digits, FUND_TODAY by a whole word, so FUND is the
    # closer text; but only FUND_TODAY has the right amount.
    query = "The Government will inject HK$45.1 billion into the Future Fund."
    closer = SequenceMatcher(None, normalise(query), normalise(FUND), autojunk=False).ratio()
    right = SequenceMatcher(None, normalise(query), normalise(FUND_TODAY), autojunk=False).ratio()
    assert closer > right
    matches = seeded.fuzzy(HK, query, limit=2)
    assert [m.target for m in matches] == [FUND_TODAY_ZH, FUND_ZH]
    assert [m.numbers_differ for m in matches] == [False, True]


def test_threshold_and_limit(seeded: TranslationMemory) -> None:
    query = "The Government will inject HK$45.1 billion into the Future Fund."
    assert len(seeded.fuzzy(HK, query, threshold=0.5, limit=10)) == 2
    assert seeded.fuzzy(HK, query, threshold=0.99) == []
    with pytest.raises(InputError):
        seeded.fuzzy(HK, query, threshold=0)
    with pytest.raises(InputError):
        seeded.fuzzy(HK, query, limit=0)


def test_only_an_exact_match_scores_one(memory: TranslationMemory) -> None:
    memory.add(HK, FUND, FUND_ZH)
    near = memory.fuzzy(HK, FUND.upper().replace(" ", "  "))[0]
    assert (near.exact, near.score, near.numbers_differ) == (False, MAX_INEXACT_SCORE, False)


def test_token_less_queries_still_match(memory: TranslationMemory) -> None:
    memory.add(HK, "2025", "2025年")
    assert memory.fuzzy(HK, "2025")[0].exact
    assert memory.fuzzy(HK, "2026", threshold=0.6)[0].numbers_differ


def test_cjk_sources_are_indexed(memory: TranslationMemory) -> None:
    memory.add(HK, "香港貿易發展局今日公布出口數字。", "The HKTDC announced export figures today.")
    match = memory.fuzzy(HK, "香港貿易發展局今日公布出口數據。")[0]
    assert match.target == "The HKTDC announced export figures today."


def test_fuzzy_finds_its_sentence_among_many(memory: TranslationMemory) -> None:
    """The token pre-filter must not lose the match in a memory of realistic size."""
    rng = random.Random(1966)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))
                  for _ in range(3000)]
    common = ["government", "hong", "kong", "council", "trade", "said", "today", "support"]

    def sentence() -> str:
        words = [rng.choice(common) if rng.random() < 0.3 else rng.choice(vocabulary)
                 for _ in range(rng.randint(8, 25))]
        return " ".join(words).capitalize() + "."

    sentences = list(dict.fromkeys(sentence() for _ in range(3000)))
    memory.add_many(TMEntry(HK, s, f"譯{i}") for i, s in enumerate(sentences))
    for index in range(0, len(sentences), 97):
        words = sentences[index].split()
        words[len(words) // 2] = "changed"
        query = " ".join(words)
        best = memory.fuzzy(HK, query, threshold=0.6)
        assert best and best[0].target == f"譯{index}", query


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(("left", "right", "same"), [
    ("2,292 visitors", "2292 visitors", True),
    ("HK$44.3 billion", "HK$44.3 million", False),
    ("HK$44.3bn", "HK$44.3mn", False),
    ("HK$44.3 billion", "HK$43.3 billion", False),
    ("five and seven", "seven and five", True),
    ("one-third", "two-thirds", False),
    ("1 September 2025", "1 September 2026", False),
    ("no numbers here", "none here either", True),
    ("２０２５", "2025", True),
])
def test_number_signature(left: str, right: str, same: bool) -> None:
    assert (number_signature(left) == number_signature(right)) is same


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40),
       st.floats(min_value=0.05, max_value=1.0))
def test_length_window_never_drops_a_reachable_match(a: str, b: str, threshold: float) -> None:
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    low, high = _length_window(len(a), threshold)
    if ratio >= threshold:
        assert low <= len(b) <= high


# -- importing catalogs ---------------------------------------------------------------


def test_import_keeps_only_approved_entries(memory: TranslationMemory, tmp_path: Path) -> None:
    root = sample_catalogs(tmp_path / "locales")
    stats = memory.import_catalogs([root])
    assert (stats.catalogs, stats.added, stats.updated, stats.unchanged) == (2, 4, 0, 0)
    assert stats.skipped == 4  # two fuzzy, one untranslated, one obsolete
    assert stats.imported == 4
    hit = memory.exact(HK, "Release", "verb")
    assert hit is not None and hit.exact
    assert hit.origin.endswith("zh_Hant_HK/LC_MESSAGES/release.po")
    cn = memory.exact(CN, FUND)
    assert cn is not None and cn.target == "政府将向未来基金注资443亿港元。"
    for source in ("Draft only.", "Not yet translated.", "Removed sentence.", "Machine draft."):
        assert memory.exact(HK, source) is None
        assert memory.exact(CN, source) is None


def test_reimport_is_idempotent_and_counts_updates(memory: TranslationMemory,
                                                   tmp_path: Path) -> None:
    root = sample_catalogs(tmp_path / "locales")
    memory.import_catalogs([root])
    again = memory.import_catalogs([root])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert len(memory) == 4

    path = root / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
    catalog = polib.pofile(str(path))
    catalog.find(FUND).msgstr = "政府會向未來基金注資443億港元。"
    catalog.save(str(path))
    changed = memory.import_catalogs([path])
    assert (changed.catalogs, changed.added, changed.updated, changed.unchanged) == (1, 0, 1, 2)
    hit = memory.exact(HK, FUND)
    assert hit is not None and hit.target == "政府會向未來基金注資443億港元。"


def test_malformed_catalog_names_file_and_line_and_imports_nothing(
        memory: TranslationMemory, tmp_path: Path) -> None:
    root = sample_catalogs(tmp_path / "locales")
    bad = root / "zz_bad.po"
    bad.write_bytes((DATA / "malformed.po").read_bytes())
    with pytest.raises(CatalogError) as caught:
        memory.import_catalogs([root])
    assert caught.value.path == str(bad)
    assert caught.value.line == 11
    assert str(caught.value).startswith(f"{bad}:11: ")
    assert len(memory) == 0


def test_catalog_without_language_header_is_refused(memory: TranslationMemory,
                                                    tmp_path: Path) -> None:
    path = write_po(tmp_path / "nolang.po", None, [polib.POEntry(msgid="A.", msgstr="甲。")])
    with pytest.raises(CatalogError, match="no Language header"):
        memory.import_catalogs([path])


def test_catalog_with_unsupported_language_is_refused(memory: TranslationMemory,
                                                      tmp_path: Path) -> None:
    path = write_po(tmp_path / "fr.po", "fr_FR", [polib.POEntry(msgid="A.", msgstr="Un.")])
    with pytest.raises(CatalogError, match="Language header"):
        memory.import_catalogs([path])


def test_missing_path_and_empty_folder_are_input_errors(memory: TranslationMemory,
                                                         tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        memory.import_catalogs([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .po files"):
        memory.import_catalogs([tmp_path / "empty"])


def test_bundled_fixture_imports(memory: TranslationMemory) -> None:
    stats = memory.import_catalogs([DATA / "approved.po"])
    assert (stats.added, stats.skipped) == (3, 3)


@pytest.mark.parametrize(("name", "line", "message"), [
    ("unterminated.po", 9, "malformed string"),
    ("duplicate.po", 12, "duplicate entry (first at line 9)"),
    ("garbage.po", 1, "unexpected text"),
])
def test_strict_reader_refuses_what_polib_lets_through(
        memory: TranslationMemory, name: str, line: int, message: str) -> None:
    memory.add(HK, ABOUT, ABOUT_ZH, origin="before.po")
    with pytest.raises(CatalogError) as caught:
        memory.import_catalogs([DATA / "approved.po", DATA / name])
    assert (caught.value.path, caught.value.line) == (str(DATA / name), line)
    assert message in caught.value.message
    assert len(memory) == 1  # the good catalog next to it was not imported either
    assert memory.exact(HK, "A good sentence.") is None


def test_load_catalogs_reads_everything_and_writes_nothing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    batch = load_catalogs([DATA / "approved.po"])
    assert batch.files == (DATA / "approved.po",)
    assert (len(batch.entries), batch.skipped) == (3, 3)
    assert all(entry.locale == HK for entry in batch.entries)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(CatalogError, match="no Language header"):
        load_catalogs([DATA / "approved.po", DATA / "nolanguage.po"])
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        stats = tm.import_batch(batch)
    assert (stats.catalogs, stats.added, stats.skipped) == (1, 3, 3)


# -- property -------------------------------------------------------------------------

_texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60).filter(
    str.strip)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(locale=st.sampled_from([HK, CN]), source=_texts, target=_texts,
       context=st.one_of(st.just(""), _texts))
def test_add_then_exact_returns_the_target(memory: TranslationMemory, locale: LocaleId,
                                           source: str, target: str, context: str) -> None:
    memory.add(locale, source, target, context=context)
    hit = memory.exact(locale, source, context)
    assert hit is not None
    assert (hit.target, hit.context, hit.exact, hit.score) == (target, context, True, 1.0)
    best = memory.fuzzy(locale, source, context=context)
    assert best and best[0].target == target and best[0].exact


def test_readers_are_not_blocked_by_an_open_write(tmp_path: Path) -> None:
    """WAL mode: the CLI can look things up while the nightly batch is mid-import."""
    path = tmp_path / "tm.sqlite"
    with TranslationMemory.open(path) as writer, TranslationMemory.open(path) as reader:
        writer.add(HK, ABOUT, ABOUT_ZH)
        with writer._transaction() as db:
            db.execute("UPDATE tm_segments SET target = 'uncommitted'")
            hit = reader.exact(HK, ABOUT)
            assert hit is not None and hit.target == ABOUT_ZH
        hit = reader.exact(HK, ABOUT)
        assert hit is not None and hit.target == "uncommitted"
