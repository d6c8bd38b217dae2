"""The ``script`` check: other-script characters (OpenCC round trip) and Hong Kong wording.

Sentences are our own; the conventions they exercise are cited per row. Official Hong
Kong text writes 平台, 公布, 若干, 裏 and 綫 and keeps 群 (a Taiwan-standard form); a
Mainland body's name may keep its own Simplified character (粤) inside Traditional text.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import CheckEnv, run_checks
from l10n.checks.script import ST_AMBIGUOUS, TS_AMBIGUOUS, check_script, wrong_script_chars
from l10n.locales import parse_locale
from l10n.model import Entry, Severity


def script_findings(target: str, locale: str) -> list[tuple[Severity, str]]:
    entry = Entry("The source sentence.", target, "t.po", 1)
    return [(f.severity, f.message) for f in run_checks([entry], CheckEnv(parse_locale(locale)), ["script"])]


CLEAN = [
    # characters OpenCC lists as valid in both scripts: 台 (平台), 於, 干 (若干)
    ("zh-Hant-HK", "平台於明年推出，若干措施已落實。"),
    ("zh-Hant-HK", "政府今日公布新一輪資助計劃。"),  # 公布, as Government releases write it
    ("zh-Hant-HK", "皇后大道中的行人路線會改善。"),  # 后 in a place name
    ("zh-Hant-HK", "數碼港社群不斷擴大。"),  # 群 (Taiwan standard keeps it; OpenCC's HK form is 羣)
    ("zh-Hant-HK", "演講廳裏有三百個座位，立法會裡的議員。"),  # 裏 and 裡 are both Traditional
    ("zh-Hant-HK", "鄉郊地區的綫路。"),  # 綫: the Hong Kong form
    ("zh-Hant-HK", "他着重推動科研，成績著名。"),
    ("zh-Hant-HK", "余先生和于女士出席。"),  # surnames 余 and 于
    ("zh-Hant-HK", "臺灣與台灣的代表會面。"),
    ("zh-Hant-HK", "InnoHK 研發平台 <1>今日</1> 開幕。"),
    ("zh-Hant-TW", "推出更快的寬帶服務。"),  # Hong Kong wording is not asked of Taiwan text
    ("zh-Hans-CN", "政府今日发布新一轮资助计划。"),
    ("zh-Hans-CN", "上升主要见於建造业。"),  # 於: OpenCC lists it as Simplified too (surname)
    ("zh-Hans-CN", "乾隆年间的著名学者。"),  # 乾 in a reign name, 著 in 著名
    ("zh-Hans-CN", "他着重推动科研。"),
    ("zh-Hans-CN", "Hello world 2025"),
]


@pytest.mark.parametrize(("locale", "target"), CLEAN)
def test_right_script_passes(locale: str, target: str) -> None:
    assert script_findings(target, locale) == []


WRONG = [
    # a whole text in the other script: an error
    ("zh-Hant-HK", "政府今日发布新一轮资助计划。", Severity.ERROR, "written in Simplified"),
    ("zh-Hant-MO", "政府今日发布新一轮资助计划。", Severity.ERROR, "written in Simplified"),
    ("zh-Hans-CN", "政府今日發佈新一輪資助計劃。", Severity.ERROR, "written in Traditional"),
    ("zh-Hans-CN", "香港的後續工作。", Severity.ERROR, "written in Traditional"),
    # one character in otherwise right text: a warning (a slip, or a name in its own form)
    ("zh-Hant-HK", "政府推出新的软件平台。", Severity.WARNING, "Simplified character 软"),
    ("zh-Hant-HK", "他會到訪中山大學粤港澳研究院。", Severity.WARNING, "Simplified character 粤"),
    ("zh-Hans-CN", "政府今日发布新一轮資助计划。", Severity.WARNING, "Traditional character 資"),
    # Mainland wording that OpenCC's Hong Kong phrases replace
    ("zh-Hant-HK", "當局會加強保障個人隱私權。", Severity.WARNING, "私隱權"),
    ("zh-Hant-HK", "推出更快的寬帶服務。", Severity.WARNING, "寬頻"),
    ("zh-Hant-MO", "系統的服務器已更新。", Severity.WARNING, "伺服器"),
]


@pytest.mark.parametrize(("locale", "target", "severity", "words"), WRONG)
def test_wrong_script_is_reported(locale: str, target: str, severity: Severity, words: str) -> None:
    found = script_findings(target, locale)
    assert len(found) == 1, found
    assert found[0][0] is severity
    assert words in found[0][1]


def test_wrong_characters_listed_in_order() -> None:
    wrong, right = wrong_script_chars("联系软件發展", traditional=True)
    assert wrong == ["联", "软"]  # 系 is Traditional too (系統), so not listed
    assert right == 1  # 發


def test_empty_target_is_left_to_untranslated() -> None:
    assert check_script(Entry("x", "", "t.po", 1), CheckEnv(parse_locale("zh-Hant-HK"))) == []


def _opencc_dict_tool() -> tuple[Path, dict[str, str]] | None:
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        return None
    env = dict(os.environ, LD_LIBRARY_PATH=str(clib / "lib64"))
    return tool, env


def _self_candidates(dump: str) -> set[str]:
    """Keys whose own character is a non-default candidate (valid in both scripts)."""
    out = set()
    for line in dump.splitlines():
        key, _, values = line.partition("\t")
        candidates = values.split(" ")
        if candidates[0] != key and key in candidates[1:]:
            out.add(key)
    return out


@pytest.mark.parametrize(("name", "expected"), [("STCharacters", ST_AMBIGUOUS), ("TSCharacters", TS_AMBIGUOUS)])
def test_ambiguous_sets_match_the_installed_opencc(tmp_path: Path, name: str, expected: frozenset[str]) -> None:
    """The embedded sets are generated, not hand-picked: regenerate and compare."""
    found = _opencc_dict_tool()
    if found is None:
        pytest.skip("OpenCC's opencc_dict tool is not in this OpenCC install")
    tool, env = found
    share = tool.parent.parent / "share" / "opencc"
    out = tmp_path / f"{name}.txt"
    subprocess.run([str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2", "-t", "text"],
                   check=True, env=env, capture_output=True)
    assert _self_candidates(out.read_text(encoding="utf-8")) == set(expected)


#: Characters of our own sentences above, in both scripts, for generated texts.
ALPHABET = sorted({c for _loc, text in CLEAN for c in text if ord(c) >= 0x3400}
                  | {c for _loc, text, _sev, _w in WRONG for c in text if ord(c) >= 0x3400})


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
def test_opencc_output_is_never_the_wrong_script(text: str) -> None:
    """Whatever OpenCC writes for a script is accepted in that script: no error for its
    Hong Kong conversion, no finding at all for its Simplified conversion."""
    from l10n.checks.script import _converter

    hong_kong = _converter("s2hkp").convert(text)
    assert all(sev is not Severity.ERROR for sev, _m in script_findings(hong_kong, "zh-Hant-HK"))
    simplified = _converter("t2s").convert(text)
    assert script_findings(simplified, "zh-Hans-CN") == []
