"""The translate stage: TM, glossary and MT drafts; what is never touched; flags."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.catalog import build_pot, merge
from l10n.drafts import DraftStore
from l10n.locales import parse_locale
from l10n.model import BlockKind, SourceRef, Unit
from l10n.tm import TranslationMemory
from l10n.translate import Job, pretranslate
from tests.fakes import TOKEN, FakeTranslator, fake_engines

HK = parse_locale("zh-Hant-HK")
CN = parse_locale("zh-Hans-CN")
SOURCES = [
    "The fund raised HK$44.3 billion in total.",
    "About Harbour Lab",
    "Harbour Lab is a start-up hub owned by the Government.",
    "Visit <1>our site</1> for more.",
]


def _catalog(locale, sources=SOURCES) -> polib.POFile:
    units = [Unit(s, (SourceRef("r.md", i + 1),), BlockKind.PARAGRAPH) for i, s in enumerate(sources)]
    return merge(build_pot("r", units), None, locale)


def test_mt_drafts_are_fuzzy_with_route_and_amounts_restored() -> None:
    zh = FakeTranslator()
    hk, cn = _catalog(HK), _catalog(CN)
    out = pretranslate([Job("hk.po", hk, HK), Job("cn.po", cn, CN)], engines=fake_engines({"zh": zh}))
    # one model, one batch for both locales: the zh-Hant draft is the zh-Hans one converted by OpenCC
    assert len(zh.calls) == 1 and len(zh.calls[0]) == len(SOURCES)
    e_hk = hk.find(SOURCES[0])
    e_cn = cn.find(SOURCES[0])
    assert e_hk.fuzzy and "443億港元" in e_hk.msgstr and "譯文" in e_hk.msgstr
    assert e_cn.fuzzy and "443亿港元" in e_cn.msgstr and "译文" in e_cn.msgstr
    assert "machine translation: fake en→zh 0.0 + OpenCC s2hk" in e_hk.comment
    assert "machine translation: fake en→zh 0.0" in e_cn.comment and "s2hk" not in e_cn.comment
    tags = hk.find(SOURCES[3])
    assert "<1>" in tags.msgstr and "</1>" in tags.msgstr
    assert out.stats[0].mt == len(SOURCES) and out.missing_models == []


def test_zt_model_preferred_for_hant() -> None:
    zh, zt = FakeTranslator("zh"), FakeTranslator("zt")
    hk = _catalog(HK)
    pretranslate([Job("hk.po", hk, HK)], engines=fake_engines({"zh": zh, "zt": zt}))
    assert zh.calls == [] and len(zt.calls) == 1
    assert "machine translation: fake en→zt 0.0" in hk.find(SOURCES[1]).comment


def test_dropped_placeholder_is_flagged_not_silent() -> None:
    zh = FakeTranslator(drop_tokens=True)
    cn = _catalog(CN)
    out = pretranslate([Job("cn.po", cn, CN)], engines=fake_engines({"zh": zh}))
    e = cn.find(SOURCES[0])
    assert e.fuzzy
    assert any(c.startswith("l10n-check:") and "HK$44.3 billion" in c for c in e.comment.split("\n"))
    assert out.stats[0].flagged >= 1


def test_human_entry_untouched_and_rerun_translates_nothing() -> None:
    hk = _catalog(HK)
    human = hk.find(SOURCES[1])
    human.msgstr = "關於海港實驗室"
    zh = FakeTranslator()
    pretranslate([Job("hk.po", hk, HK)], engines=fake_engines({"zh": zh}))
    assert hk.find(SOURCES[1]).msgstr == "關於海港實驗室" and not hk.find(SOURCES[1]).fuzzy
    assert SOURCES[1] not in zh.calls[0]
    again = FakeTranslator()
    out = pretranslate([Job("hk.po", hk, HK)], engines=fake_engines({"zh": again}))
    assert again.calls == [] and out.stats[0].pending == 0


def test_changed_source_of_machine_draft_is_redrafted() -> None:
    drafts = DraftStore()  # the project's record of its drafts (in memory here)
    hk = _catalog(HK)
    pretranslate([Job("hk.po", hk, HK)], drafts=drafts, engines=fake_engines({"zh": FakeTranslator()}))
    units = [Unit(s.replace("in total", "so far"), (SourceRef("r.md", 1),), BlockKind.PARAGRAPH) for s in SOURCES]
    hk2 = merge(build_pot("r", units), hk, HK)
    changed = hk2.find("The fund raised HK$44.3 billion so far.")
    assert changed.fuzzy and changed.previous_msgid
    zh = FakeTranslator()
    pretranslate([Job("hk.po", hk2, HK)], drafts=drafts, engines=fake_engines({"zh": zh}))
    assert zh.calls == [["The fund raised QXZAA so far."]]


def test_translation_memory_exact_and_fuzzy(tmp_path: Path) -> None:
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        tm.add(HK, "About Harbour Lab", "關於海港實驗室", origin="old.po")
        tm.add(HK, "Harbour Lab is a start-up hub owned by the Government of Hong Kong.",
               "海港實驗室是香港政府擁有的初創企業樞紐。", origin="old.po")
        hk = _catalog(HK)
        zh = FakeTranslator()
        out = pretranslate([Job("hk.po", hk, HK)], tm=tm, engines=fake_engines({"zh": zh}), fuzzy_threshold=0.7)
    exact = hk.find("About Harbour Lab")
    assert exact.msgstr == "關於海港實驗室" and not exact.fuzzy
    assert "translation memory: 100% (old.po)" in exact.comment
    fuzzy = hk.find(SOURCES[2])
    assert fuzzy.fuzzy and fuzzy.msgstr == "海港實驗室是香港政府擁有的初創企業樞紐。"
    assert any(c.startswith("translation memory: ") and c.endswith("(old.po)") for c in fuzzy.comment.split("\n"))
    assert all("About Harbour Lab" not in t and SOURCES[2] not in t for call in zh.calls for t in call)
    assert out.stats[0].tm_exact == 1 and out.stats[0].tm_fuzzy == 1


def test_fuzzy_tm_with_other_amount_is_flagged(tmp_path: Path) -> None:
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        tm.add(HK, "The fund raised HK$41.3 billion in total.", "基金合共籌得413億港元。")
        hk = _catalog(HK, [SOURCES[0]])
        pretranslate([Job("hk.po", hk, HK)], tm=tm, engines=None, fuzzy_threshold=0.7)
    e = hk.find(SOURCES[0])
    assert e.fuzzy and e.msgstr == "基金合共籌得413億港元。"
    assert any(c.startswith("l10n-check:") for c in e.comment.split("\n"))


def test_no_model_leaves_units_and_names_the_pair() -> None:
    hk = _catalog(HK)
    out = pretranslate([Job("hk.po", hk, HK)], engines=fake_engines({}))
    assert out.missing_models == ["en→zh"]
    assert all(not e.msgstr for e in hk if e.msgid)
    assert out.stats[0].left == len(SOURCES)


def test_glossary_whole_unit_and_protected_terms() -> None:
    from l10n.glossary import load_glossary

    glossary = load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx")
    hk = _catalog(HK, ["Cyberport", "Cyberport welcomed the GBA plan."])
    zh = FakeTranslator()
    pretranslate([Job("hk.po", hk, HK)], glossary=glossary, engines=fake_engines({"zh": zh}))
    whole = hk.find("Cyberport")
    assert whole.msgstr == "數碼港" and whole.fuzzy
    draft = hk.find("Cyberport welcomed the GBA plan.")
    assert "數碼港" in draft.msgstr and "大灣區" in draft.msgstr


@pytest.mark.parametrize("locale", [HK, CN])
def test_cli_translate_without_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, data_dir: Path,
                                     locale) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))
    shutil.copy(data_dir / "foundation" / "release.md", tmp_path / "release.md")
    assert cli("extract", "release.md").code == 0
    assert cli("update", "--locale", locale.tag).code == 0
    r = cli("translate", "--locale", locale.tag)
    assert r.code == 0
    assert "no en→zh translation model installed" in r.out
    assert "l10n models install en zh" in r.out


def test_approved_machine_draft_is_not_redrafted_after_source_change() -> None:
    drafts = DraftStore()  # the project's record of its drafts (in memory here)
    hk = _catalog(HK)
    pretranslate([Job("hk.po", hk, HK)], drafts=drafts, engines=fake_engines({"zh": FakeTranslator()}))
    approved = hk.find(SOURCES[0])
    approved.msgstr = "基金合共籌得443億港元。"
    approved.flags = []  # the translator approved it; the machine comment stays, as Poedit keeps it
    assert "machine translation:" in approved.comment
    units = [Unit(s.replace("in total", "so far"), (SourceRef("r.md", 1),), BlockKind.PARAGRAPH) for s in SOURCES]
    hk2 = merge(build_pot("r", units), hk, HK)
    changed = hk2.find("The fund raised HK$44.3 billion so far.")
    assert changed.fuzzy and changed.msgstr == "基金合共籌得443億港元。"
    zh = FakeTranslator()
    pretranslate([Job("hk.po", hk2, HK)], drafts=drafts, engines=fake_engines({"zh": zh}))
    assert zh.calls == []
    assert hk2.find("The fund raised HK$44.3 billion so far.").msgstr == "基金合共籌得443億港元。"


def _changed_source(po, locale):
    units = [Unit(s.replace("in total", "so far"), (SourceRef("r.md", 1),), BlockKind.PARAGRAPH) for s in SOURCES]
    return merge(build_pot("r", units), po, locale)


def test_translator_edit_of_a_fuzzy_draft_is_never_redrafted() -> None:
    drafts = DraftStore()  # the project's record of its drafts (in memory here)
    hk = _catalog(HK)
    pretranslate([Job("hk.po", hk, HK)], drafts=drafts, engines=fake_engines({"zh": FakeTranslator()}))
    hk2 = _changed_source(hk, HK)
    entry = hk2.find("The fund raised HK$44.3 billion so far.")
    entry.msgstr = "基金至今籌得443億港元。"  # edited, still fuzzy, as editors often leave it
    zh = FakeTranslator()
    pretranslate([Job("hk.po", hk2, HK)], drafts=drafts, engines=fake_engines({"zh": zh}))
    assert zh.calls == [] and entry.msgstr == "基金至今籌得443億港元。"


def test_redrafted_entry_settles() -> None:
    drafts = DraftStore()  # the project's record of its drafts (in memory here)
    hk = _catalog(HK)
    pretranslate([Job("hk.po", hk, HK)], drafts=drafts, engines=fake_engines({"zh": FakeTranslator()}))
    hk2 = _changed_source(hk, HK)
    pretranslate([Job("hk.po", hk2, HK)], drafts=drafts, engines=fake_engines({"zh": FakeTranslator()}))
    entry = hk2.find("The fund raised HK$44.3 billion so far.")
    assert entry.fuzzy and entry.previous_msgid is None
    again = FakeTranslator()
    out = pretranslate([Job("hk.po", hk2, HK)], drafts=drafts, engines=fake_engines({"zh": again}))
    assert again.calls == [] and out.stats[0].pending == 0


def test_exact_memory_match_that_fails_a_check_is_fuzzy(tmp_path: Path) -> None:
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        tm.add(HK, SOURCES[0], "基金合共籌得44.3億港元。", origin="old.po")
        hk = _catalog(HK, [SOURCES[0]])
        out = pretranslate([Job("hk.po", hk, HK)], tm=tm, engines=None)
    e = hk.find(SOURCES[0])
    assert e.fuzzy and e.msgstr == "基金合共籌得44.3億港元。"
    assert any(c.startswith("l10n-check:") and "443億港元" in c for c in e.comment.split("\n"))
    assert out.stats[0].flagged == 1


def _glossary():
    from l10n.glossary import load_glossary

    return load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "terms.tbx")


def test_whole_term_keeps_do_not_translate_forms_and_beats_fuzzy_memory(tmp_path: Path) -> None:
    with TranslationMemory.open(tmp_path / "tm.sqlite") as tm:
        tm.add(HK, "About Cyberport", "關於數碼港")
        hk = _catalog(HK, ["CMF", "Cyberport"])
        pretranslate([Job("hk.po", hk, HK)], tm=tm, glossary=_glossary(), engines=None, fuzzy_threshold=0.5)
    assert hk.find("CMF").msgstr == "CMF"
    assert hk.find("Cyberport").msgstr == "數碼港"


class CurrencyAdder(FakeTranslator):
    def translate_batch(self, texts):
        from l10n.mt import Hypothesis

        self.calls.append(list(texts))
        return [Hypothesis(" ".join(TOKEN.findall(t)) + "美元。", 0.0) for t in texts]


def test_second_currency_after_a_restored_amount_is_flagged() -> None:
    cn = _catalog(CN, [SOURCES[0]])
    pretranslate([Job("cn.po", cn, CN)], engines=fake_engines({"zh": CurrencyAdder()}))
    e = cn.find(SOURCES[0])
    assert "443亿港元美元" in e.msgstr
    assert any("second currency" in c for c in e.comment.split("\n"))


def test_taiwan_route_uses_taiwan_conversion() -> None:
    tw = _catalog(parse_locale("zh-TW"), ["Harbour Lab is a start-up hub owned by the Government."])
    pretranslate([Job("tw.po", tw, parse_locale("zh-TW"))], engines=fake_engines({"zh": FakeTranslator()}))
    e = tw.find("Harbour Lab is a start-up hub owned by the Government.")
    assert "OpenCC s2twp" in e.comment and "譯文" in e.msgstr


def test_unprotectable_text_is_left_untranslated_not_crashed() -> None:
    hk = _catalog(HK, ["Codes QXZ, ZQX and XZQ are reserved."])
    out = pretranslate([Job("hk.po", hk, HK)], engines=fake_engines({"zh": FakeTranslator()}))
    assert out.stats[0].left == 1 and not hk.find("Codes QXZ, ZQX and XZQ are reserved.").msgstr


class Truncating(FakeTranslator):
    def translate_batch(self, texts):
        from l10n.mt import Hypothesis

        self.calls.append(list(texts))
        return [Hypothesis("譯文", 0.0, truncated=True) for _ in texts]


def test_truncated_output_is_flagged() -> None:
    cn = _catalog(CN, [SOURCES[1]])
    pretranslate([Job("cn.po", cn, CN)], engines=fake_engines({"zh": Truncating()}))
    assert any("length limit" in c for c in cn.find(SOURCES[1]).comment.split("\n"))


def test_ambiguous_form_gets_no_whole_term_draft() -> None:
    hk = _catalog(HK, ["IP"])
    pretranslate([Job("hk.po", hk, HK)], glossary=_glossary(), engines=None)
    assert hk.find("IP").msgstr == ""


@pytest.mark.parametrize("forms", [{0: ""}, {0: "%d 間公司"}])
def test_plural_entries_are_left_to_people(forms: dict[int, str]) -> None:
    """MT writes one msgstr; a plural entry (msgstr[n]) must not be drafted or re-flagged."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "zh_Hant_HK", "Plural-Forms": "nplurals=1; plural=0;"}
    entry = polib.POEntry(msgid="%d company", msgid_plural="%d companies", msgstr_plural=dict(forms))
    po.append(entry)
    zh = FakeTranslator()
    outcome = pretranslate([Job("x.po", po, parse_locale("zh-HK"))], engines=fake_engines({"zh": zh}))
    assert zh.calls == [] and outcome.stats[0].pending == 0
    assert entry.msgstr_plural == forms and not entry.fuzzy and not entry.comment
