"""The master scans' prefilters change their speed only, never what they find.

Each alternative of ``MASTER_EN`` and ``MASTER_ZH`` sits behind a lookahead that its
body implies, and a coarse union of them runs first (``common.master_source``): for
every text, the scan with the prefilters must give the same matches, position by
position and alternative by alternative, as the bodies alone. Texts come from the
numbers test tables and from hypothesis, built of the pieces the alternatives read
(months, number words, currency marks, Chinese numerals, clock and date forms).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.numbers import common, en, zh
from l10n.numbers.zh import normalise_zh

EXAMPLES = 400
HERE = Path(__file__).resolve().parent
#: The tables whose sentences are read (every string constant of these files).
TABLES = sorted(HERE.glob("test_numbers_*.py")) + [HERE / "test_check_numbers.py"]


def _table_texts() -> list[str]:
    texts: set[str] = set()
    for path in TABLES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                texts.add(node.value)
    return sorted(texts)


TABLE_TEXTS = _table_texts()


def _scans(module: ModuleType, *, any_case: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the module's scan, the same scan built from the bodies alone)."""
    reference = common.master_source(module._GUARD, module._ALTERNATIVES, "", prefilters=False)
    scan = module._SCAN
    if any_case:
        return scan.any_case(), re.compile(reference, re.IGNORECASE)
    return scan.lower_case(), re.compile(common.lower_source(reference))


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def _prepared(module: ModuleType, text: str) -> str:
    """The text as the extractor hands it to the lower-case scan."""
    return (normalise_zh(text) if module is zh else common.half_width(text)).lower()


def _assert_same(module: ModuleType, text: str) -> None:
    fast, reference = _scans(module, any_case=False)
    low = _prepared(module, text)
    assert _found(fast, low) == _found(reference, low), text
    fast_ci, reference_ci = _scans(module, any_case=True)
    assert _found(fast_ci, text) == _found(reference_ci, text), text


EN_PIECES = (
    list("0123456789,. :/-–%$¥€£()<>{}+\\&") + ["  ", "\n"]
    + ["HK$", "US$", "HK\\$", "RMB", "HKD", "usd", "CNY", "EUR", "GBP", "JPY", "hk", "us"]
    + [" billion", " million", " thousand", " trillion", " bn", " mn", " m", " b", " k", " dozen",
       " tn", "per cent", " percentage points", " percentage point", "%"]
    + ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
       "twelve", "fifteen", "twenty", "thirty", "forty", "ninety", "zero", "a", "a ", "an",
       "hundred", " hundred and ", "half", "halves", "third", "thirds", "quarter", "quarters",
       "fifth", "tenths", "first", "second", "twenty-first", "hundredth", "fourth"]
    + ["January", "Feb", "March", "march", "May", "may", "June", "Sept", "Sep.", "December",
       "in ", "of ", "mid-", "between ", "to ", " to ", " and ", " & ", "-to-", "st", "nd", "th"]
    + ["twice", "double", "doubled", "tripling", "treble", "quadruples", " times", "-fold",
       " as", " more", " the"]
    + ["noon", "midday", "midnight", "12 noon", "am", "pm", "a.m.", "p.m.", " hrs", " hours"]
    + ["2024", "2025", "1999", "19", "20", "-25", "/17-18", "852", "(852)", "+852 ", "2345 6789"]
    + ["1/9/2025", "12/3", "1/5", "5-7 March", "March 5-7", "5 to 7 March 2025", "3:2", "60 : 40",
       "1.5:1", "three-to-one", "2-to-1", "first three quarters", "last 2 quarters", "2024-25",
       "2024/25", "5 March", "March 5, 2025", "6.45pm", "18:45", "1 000 000", "1,234,567.89"]
    + [" parts per million", " parts per thousand", "out of", " in every ", " in "]
    + ["Phase ", "batch ", "Tier ", "ii", "iv", "viii", "x", "i", "v", "ix"]
    + ["two-way", "one-stop", "one-off", "one-on-one", "first-hand", "second-hand", "at first",
       "former half", "other half", "latter half", "five-year plan", "one country, two systems",
       "second to none", "first runner-up", "three-dimensional", "3D", "5G", "5g", "H1", "h2"]
    + ["%s", "%1$s", "{0}", "{}", "<1>", "</2>", "<3/>", "http://x.hk/1", "a1@b.hk", "www.x.hk"]
    + ["the ", "last ", "past ", "next ", "first ", "Some ", "about ", "over "]
)
ZH_PIECES = (
    list("0123456789,. :/-–—~%$¥€£()（）<>{}+\\、０１２，．") + ["  ", "\n"]
    + list("零〇○一二三四五六七八九兩两十百千萬万億亿兆點点多餘余半首雙双第分之比對对成厘釐折倍")
    + list("年月日號号時时分至到及和與上下午晚早中凌傍星週周禮礼拜期天末元圓圆個个季度")
    + ["港元", "港幣", "港币", "美元", "美金", "人民幣", "人民币", "元人民幣", "歐元", "日圓", "日元",
       "英鎊", "HK$", "US$", "RMB", "HKD", "USD", "hk", "us", "rmb", "gbp", "jpy"]
    + ["百分之", "百分百", "個百分點", "个百分点", "百分點", "分之", "一半", "成立", "折舊", "七折",
       "八五折"]
    + ["上午", "下午", "晚上", "凌晨", "中午", "正午", "午夜", "黃昏", "深夜", "香港時間", "半", "正",
       "一刻", "三刻", "am", "pm", "a.m.", "p.m."]
    + ["本月", "同月", "今年", "本年", "財政年度", "年度", "年代", "季度", "小時", "個半", "年半"]
    + ["2019冠狀病毒病", "新冠", "新型冠狀病毒", "一帶一路", "一國兩制", "第一時間", "一站式",
       "千萬", "萬一", "冠軍", "冠军", "翻倍", "倍增", "加倍", "雙倍", "十四五", "規劃", "時期"]
    + ["星期一", "週三", "周日", "禮拜六", "每周三次", "%s", "{0}", "<1>", "</2>", "5g", "5G"]
    + ["2024", "2025", "二〇二四", "二零二五", "-25", "/17-18", "852", "(852)", "+852 ",
       "2345 6789", "1/9/2025", "3/4", "24/7", "1:9", "1比9", "一對一", "2對3", "(政府)"]
    + ["2024年", "二〇二四年", "3月", "十二月", "5日", "二十一日", "1至8月", "2025年1-6月", "9月1日至3日",
       "本月19至21日", "2024-25年度", "二〇二一至二二年度", "下午6時45分", "18時45分", "10時半", "16:00",
       "300萬港元", "HK$2億", "港幣300萬元", "19.4億", "四十二億二千五百萬", "13億1,000萬", "2.48百萬",
       "百分之三點五", "0.2個百分點", "八成", "七至八成", "三分之一", "1/5", "第三", "第5/17-18號",
       "三季度", "兩個半", "三年半", "180 億", "三十多萬"]
    + ["http://x.hk/1", "a1@b.hk", "www.x.hk", "約", "逾", "超過", "以上", "左右"]
)


#: What goes between two pieces: mostly nothing or a space, so that pieces meet as the
#: alternatives read them (5 March, March 5-7, 2024-25, three-to-one, 1/9/2025).
SEPARATORS = ["", "", " ", " ", "-", ", ", "/", ":"]


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    pairs = st.lists(st.tuples(st.sampled_from(pieces), st.sampled_from(SEPARATORS)), max_size=24)
    return pairs.map(lambda items: "".join(piece + sep for piece, sep in items))


@pytest.mark.parametrize("module", [en, zh], ids=["en", "zh"])
def test_prefilters_keep_every_table_match(module: ModuleType) -> None:
    for text in TABLE_TEXTS:
        _assert_same(module, text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_texts(EN_PIECES))
def test_prefilters_keep_english_matches(text: str) -> None:
    _assert_same(en, text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_texts(ZH_PIECES))
def test_prefilters_keep_chinese_matches(text: str) -> None:
    _assert_same(zh, text)


@settings(max_examples=EXAMPLES // 2, deadline=None)
@given(_texts(EN_PIECES + ZH_PIECES))
def test_prefilters_keep_mixed_matches(text: str) -> None:
    _assert_same(en, text)
    _assert_same(zh, text)


def test_a_prefilter_that_is_not_implied_is_caught() -> None:
    """The comparison can fail: a prefilter stricter than its body (here: the English
    ordinal words only before a space) changes what the scan finds."""
    broken = tuple((f"(?:{pre})\\s" if body.startswith("(?P<ordw>") else pre, body)
                   for pre, body in en._ALTERNATIVES)
    fast = re.compile(common.lower_source(common.master_source(en._GUARD, broken, en._ANY_START)))
    reference = re.compile(common.lower_source(
        common.master_source(en._GUARD, en._ALTERNATIVES, "", prefilters=False)))
    text = "it came third."
    assert _found(fast, text) != _found(reference, text)
