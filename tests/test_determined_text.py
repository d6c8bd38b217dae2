"""Determined text (issue 13, item 2): datelines, end lines, issue times and contact labels
are rendered by rule in Hong Kong Government release style, approved, noted, checked,
and a translator's override survives later runs."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n import determined, provenance
from l10n.integrity import check_draft
from l10n.locales import parse_locale

HANT = parse_locale("zh-Hant-HK")
HANS = parse_locale("zh-Hans-CN")

#: (English unit, zh-Hant-HK, zh-Hans-CN)
FORMS = [
    ("HONG KONG, March 3, 2025", "香港，2025年3月3日", "香港，2025年3月3日"),
    ("Hong Kong, 3 March 2025", "香港，2025年3月3日", "香港，2025年3月3日"),
    ("HONG KONG, Sept. 1, 2025 -", "香港，2025年9月1日", "香港，2025年9月1日"),
    ("3 Mar 2025", "2025年3月3日", "2025年3月3日"),
    ("March 3, 2025", "2025年3月3日", "2025年3月3日"),
    ("Friday, 7 March 2025", "2025年3月7日（星期五）", "2025年3月7日（星期五）"),
    ("Sunday, December 31, 2028", "2028年12月31日（星期日）", "2028年12月31日（星期日）"),
    ("Ends/Friday, March 7, 2025", "完／2025年3月7日（星期五）", "完／2025年3月7日（星期五）"),
    ("Ends / Monday, 3 March 2025", "完／2025年3月3日（星期一）", "完／2025年3月3日（星期一）"),
    ("Ends", "完", "完"),
    ("Issued at HKT 18:45", "香港時間18時45分", "香港时间18时45分"),
    ("Issued at HKT 9:05", "香港時間9時05分", "香港时间9时05分"),
    ("Tel:", "電話：", "电话："),
    ("Fax: <1/> / <2/>", "傳真：<1/> / <2/>", "传真：<1/> / <2/>"),
    ("Email: <1/>", "電郵：<1/>", "电邮：<1/>"),
    ("E-mail: <1><2/></1>", "電郵：<1><2/></1>", "电邮：<1><2/></1>"),
    ("Enquiries:", "查詢：", "查询："),
    ("Media enquiries:", "傳媒查詢：", "媒体查询："),
    ("Tel: <1/> Fax: <2/>", "電話：<1/> 傳真：<2/>", "电话：<1/> 传真：<2/>"),
    ("Tel. <1/> or <2/>", "電話：<1/>或<2/>", "电话：<1/>或<2/>"),
    ("Mobile: <1/>", "手提電話：<1/>", "手机：<1/>"),
    ("Website: <1/>", "網站：<1/>", "网站：<1/>"),
    ("Hotline: 1823", "熱線：1823", "热线：1823"),
    ("Call <1/>", "致電<1/>", "致电<1/>"),
    ("Fax: <1/>.", "傳真：<1/>。", "传真：<1/>。"),
]

def test_a_full_stop_after_ends_is_dropped_as_in_hk_releases() -> None:
    assert determined.render("Ends.", HANT) == determined.render("Ends.", HANS) == "完"


NOT_DETERMINED = [
    "Ends/Thursday, March 7, 2025",  # wrong weekday: a person decides
    "LONDON, March 3, 2025",  # a city the table does not know
    "February 30, 2025",
    "Issued at HKT 25:10",
    "Tel: call Ms Chan",
    "Enquiries: Ms Chan, <1/>",  # a name: a translator writes it (陳女士)
    "Tel: <1/> ext. 12",
    "Office: <1/>",  # not a contact label of the table
    "Enquiries",  # a heading without a colon or values is ordinary text

    "The festival ends on March 7, 2025.",
    "Ends today",
]


@pytest.mark.parametrize(("source", "hant", "hans"), FORMS)
def test_common_forms_render_by_rule(source: str, hant: str, hans: str) -> None:
    assert determined.render(source, HANT) == hant
    assert determined.render(source, HANS) == hans


@pytest.mark.parametrize(("source", "hant", "hans"), FORMS)
def test_renderings_pass_the_draft_checks(source: str, hant: str, hans: str) -> None:
    for locale, target in ((HANT, hant), (HANS, hans)):
        assert check_draft(source, target, locale, select=None) == []


@pytest.mark.parametrize("source", NOT_DETERMINED)
def test_other_text_is_not_determined(source: str) -> None:
    assert determined.render(source, HANT) is None


def test_a_language_without_rules_gets_none() -> None:
    assert determined.render("Ends", parse_locale("ja-JP")) is None


RELEASE = """# Harbour festival opens

HONG KONG, March 3, 2025

The harbour festival opens today with 40 events.

Ends/Friday, March 7, 2025

Issued at HKT 18:45

Media enquiries:

Tel: ( 852 ) 3166 3993
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "notice.md").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _po(root: Path, posix: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / posix / "LC_MESSAGES" / "notice.po"))


def test_run_without_mt_localises_determined_text(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("run", "--no-mt").code == 0
    for posix, time in (("zh_Hant_HK", "香港時間18時45分"), ("zh_Hans_CN", "香港时间18时45分")):
        built = (project / "out" / posix / "notice.md").read_text(encoding="utf-8")
        for expected in ("香港，2025年3月3日", "完／2025年3月7日（星期五）", time):
            assert f"\n{expected}\n" in built
        assert ("傳媒查詢：" if posix == "zh_Hant_HK" else "媒体查询：") in built
        tel = "電話" if posix == "zh_Hant_HK" else "电话"
        assert f"\n{tel}：( 852 ) 3166 3993\n" in built  # the label localised, the value kept
        ruled = [e for e in _po(project, posix) if provenance.has(e.comment, provenance.Origin.RULE)]
        assert len(ruled) == 5  # dateline, end line, issue time, "Media enquiries:", "Tel: <1/>"
        assert all(e.msgstr and not e.fuzzy for e in ruled)
    assert cli("check", "locales").code == 0


def test_a_translators_override_survives_the_next_run(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("run", "--no-mt").code == 0
    path = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "notice.po"
    po = polib.pofile(str(path))
    po.find("Issued at HKT 18:45").msgstr = "香港時間下午6時45分"
    po.save(str(path))
    release = project / "releases" / "notice.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    assert cli("run", "--no-mt").code == 0
    assert _po(project, "zh_Hant_HK").find("Issued at HKT 18:45").msgstr == "香港時間下午6時45分"
    assert "香港時間下午6時45分" in (project / "out" / "zh_Hant_HK" / "notice.md").read_text(encoding="utf-8")
    assert cli("check", "locales").code == 0


def test_a_changed_date_is_rendered_again(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """update carries the old rendering over, fuzzy; since it is our rule's text for
    another source, translate renders the new date instead of leaving it stale."""
    assert cli("run", "--no-mt").code == 0
    release = project / "releases" / "notice.md"
    release.write_text(release.read_text(encoding="utf-8").replace("March 3, 2025", "March 4, 2025"),
                       encoding="utf-8")
    assert cli("run", "--no-mt").code == 0
    entry = _po(project, "zh_Hans_CN").find("HONG KONG, March 4, 2025")
    assert entry.msgstr == "香港，2025年3月4日" and not entry.fuzzy
