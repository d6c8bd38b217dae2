"""Chinese extraction for zh-Hant and zh-Hans: digits, Chinese numerals and the mix.

Text is first mapped to half-width one character for one character (offsets survive),
then one compiled alternation is scanned like the English side. Chinese numerals are
read by ``cn_value`` (七百五十三億, 四十二億二千五百萬, 13億1,000萬, 2.48百萬).

A single Chinese numeral character (一, 兩, 五, 半, 首) is a *weak* hit: it is often
part of a word (一起, 九龍, 半導體, 首席), so it may satisfy a source quantity but is
never reported as an extra number.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from ..model import Quantity, QuantityKind
from .common import (
    CNY,
    EUR,
    GBP,
    HKD,
    JPY,
    K_COUNT,
    K_DATE,
    K_FRACTION,
    K_MONEY,
    K_ORDINAL,
    K_PERCENT,
    K_RATIO,
    K_TIME,
    K_YEAR,
    PAPER_ID_PATTERN,
    PHONE_PATTERN,
    SLASH_DATE_PATTERN,
    SLASH_PATTERN,
    USD,
    ZERO,
    Hit,
    Maker,
    MasterScan,
    clock_minutes,
    full_year,
    half_width,
    mark_labels,
    mask_addresses,
    master_source,
    paper_id_hit,
    parse_decimal,
    phone_hit,
    slash_date_hit,
    slash_hits,
    year_kind,
)
from .en import inherit_years, spread_ranges

__all__ = ["extract_zh", "extract_zh_hits", "cn_value", "MAYBE_NUMBER_ZH"]

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
#: Currency names and symbols written before or after an amount.
CURRENCY_NAMES: dict[str, str] = {
    "港元": HKD, "港幣": HKD, "港币": HKD, "港圓": HKD, "港圆": HKD, "美元": USD, "美金": USD,
    "人民幣": CNY, "人民币": CNY, "元人民幣": CNY, "元人民币": CNY, "歐元": EUR, "欧元": EUR,
    "日圓": JPY, "日圆": JPY, "日元": JPY, "日円": JPY, "英鎊": GBP, "英镑": GBP,
    "hk$": HKD, "us$": USD, "rmb": CNY, "hkd": HKD, "usd": USD, "cny": CNY, "eur": EUR,
    "gbp": GBP, "jpy": JPY, "¥": CNY, "€": EUR, "£": GBP,
}
#: A lone 元 or $ is Hong Kong dollars unless the sentence named another currency.
BARE_CURRENCY_MARKS = frozenset({"元", "圓", "圆", "$"})
#: Approximation words before a number (超過2,200) and after it (2,200多, 50%以上).
APPROX_BEFORE: tuple[str, ...] = ("超過", "超过", "逾", "約", "约", "近", "多於", "多于", "至少",
                                  "最少", "高達", "高达", "約為", "约为", "約有", "约有", "差不多",
                                  "接近", "將近", "将近", "大概")
APPROX_AFTER: tuple[str, ...] = ("多", "餘", "余", "以上", "左右")
APPROX_WINDOW = 4
#: Longer "numerals" are noise (a run of 一二三...), not amounts.
MAX_NUMERAL_CHARS = 40

_CN = "零〇○一二三四五六七八九兩两十百千"
_CN_D = "零〇○一二三四五六七八九"
#: Digits with , or space grouping; bounded so a freak digit run cannot make a giant int.
_DNUM = r"(?<![\d.])(?:\d{1,3}(?:,\d{3}){1,8}(?!\d)|\d{1,3}(?: \d{3}){1,8}(?!\d|,\d)|\d{1,24})(?:\.\d{1,12})?(?!\d)"
#: The last alternative needs its 多/餘 or space: a bare 萬 is the class before it, and
#: two ways to read one character made a failed match retry every split of a long run
#: (三億五千萬 × 10 took seconds, × 12 minutes).
_ZNUM = (rf"(?:{_DNUM}|[{_CN}])(?:{_DNUM}|[{_CN}萬万億亿兆]|(?:[多餘余]\s?|\s)[萬万億亿兆])*"
         rf"(?:[點点][{_CN_D}]+[萬万億亿兆]*)?")
_YEARZ = rf"(?:(?<!\d)(?:19|20)\d{{2}}(?!\d)|[{_CN_D}]{{4}})"
_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_CUR_PRE = (r"港幣|港币|港元|美元|美金|人民幣|人民币|歐元|欧元|日圓|日圆|日元|英鎊|英镑"
            r"|HK\\?\$|US\\?\$|RMB|HKD|USD|CNY|EUR|GBP|JPY|\\?\$|[¥€£]")
_CUR_SUF = (r"元人民幣|元人民币|港元|港幣|港币|港圓|港圆|美元|美金|人民幣|人民币|歐元|欧元"
            r"|日圓|日圆|日元|日円|英鎊|英镑|HKD|USD|RMB|CNY|EUR|GBP|JPY|元|圓|圆")
_AFTER_NUM = r"(?:多|餘|余)?"
#: Clock readings: 下午6時45分, 晚上7時, 上午10時半, 18時45分, 香港時間18時45分, 16:00,
#: 6:45pm. A bare hour needs Arabic digits or minutes (一時 is "for a while").
_PERIOD = r"上午|早上|清晨|凌晨|中午|正午|下午|晚上|傍晚|黃昏|黄昏|夜間|夜间|深夜|晚間|晚间|午夜|晚"
_HOUR = r"(?:2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[零〇○一二兩两三四五六七八九])"
_MINUTE = (r"(?:[0-5]?\d|[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?"
           r"|[零〇○][一二三四五六七八九]|[一二三四五六七八九])")
_CLOCK_TAIL = rf"(?:\s*{_MINUTE}\s*分|半|正|一刻|三刻)"
#: The tail, or nothing: an hour followed by a number that is no minute (13時60分) is no
#: clock reading at all, so that the bad minute is reported rather than dropped.
_CLOCK_TAIL_OPT = rf"(?:{_CLOCK_TAIL}|(?!\s*[\d〇零○一二三四五六七八九十分]))"
_TIME = "|".join([
    rf"(?:{_PERIOD})\s*{_HOUR}\s*(?:[時时點点]{_CLOCK_TAIL_OPT}|:\s*[0-5]\d(?!\d))"
    r"(?:\s*(?:a\.m\.|p\.m\.|am(?![a-z])|pm(?![a-z])))?",
    rf"(?<![\d.])(?:2[0-4]|[01]?\d)\s*[時时]{_CLOCK_TAIL_OPT}",
    rf"(?<![{_CN}]){_HOUR}\s*[時时]{_CLOCK_TAIL}",
    r"(?<![\d.])(?:[01]?\d|2[0-3])[:.][0-5]\d\s?(?:a\.m\.|p\.m\.|am(?![a-z])|pm(?![a-z]))",
    r"(?<![\d.])(?:1[0-2]|0?[1-9])\s?(?:a\.m\.|p\.m\.|am(?![a-z])|pm(?![a-z]))",
    r"(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:]|\.\d)",
    r"正午|午夜|中午",
    rf"(?<![{_CN}\d])[零〇○][時时](?![間间])",
])
#: Words that stand for date parts the text leaves out (本月19日: this month's 19th).
REL_MONTH = ("本月", "同月", "當月", "当月", "是月", "該月", "该月", "上月", "下月")
REL_YEAR = ("今年", "本年", "去年", "明年", "同年", "該年", "该年", "是年", "翌年", "上年", "前年")
_REL_MONTH = "|".join(REL_MONTH)
_SKIP = "|".join([
    r"</?\d+/?>",
    r"%\d*\$?[sdif]|\{\d*\}",
    # weekdays, but not 每周三次 (three times a week): a classifier after it makes a count
    r"(?:星期|[週周]|禮拜|礼拜)[一二三四五六日天末](?![次天日個个名宗項项小時时倍])",
    r"\d[d](?![a-z])",
    # (第一時間 is not here: the scan never tried this alternative at a 第, so it reads
    # as the ordinal 第一, and its findings stay as they were)
    r"一帶一路|一带一路|一國兩制|一国两制|一站式|一成不變|一成不变"
    r"|千[萬万](?![\d一二三四五六七八九港美元人歐欧日英])|[萬万]一",
])

#: Characters that can begin a quantity (or a skipped look-alike); every other position
#: fails this one class test instead of trying each alternative.
_GUARD = (rf"(?=[\dA-Za-z<%{{(+\\$¥€£上下晚早中凌傍新港美人歐欧日英第首半雙双萬万冠{_CN}"
          r"清正午黃黄夜深星週周禮礼翻倍加])")
#: Characters a Chinese numeral (``_ZNUM``) may hold, in a class: a prefilter reads a
#: numeral as one possessive run of them and tests the character after it.
_ZNUM_CHARS = rf"[\d,.\s{_CN}萬万億亿兆多餘余點点]"
#: The same without 百, for a numeral followed by 百分點 (the run stops at its 百).
_ZNUM_CHARS_NO_100 = rf"[\d,.\s{_CN.replace('百', '')}萬万億亿兆多餘余點点]"
#: Every alternative of the master scan as (prefilter, body), in the scan's order (the
#: first alternative that matches at a position wins); see ``common.master_source``. A
#: prefilter is a lookahead that every match of its body satisfies: a numeral followed
#: by 港元 passes that of money, one followed by 至 that of a month range, and most
#: fail after a character or two. ``tests/test_numbers_prefilters`` compares the scan
#: with and without them.
_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    (r"[<%{]|\dd|星期|[週周][一二三四五六日天末]|禮拜|礼拜|一[帶带國国站成]|千[萬万]|[萬万]一",
     rf"(?P<skip>{_SKIP})"),
    (r"2019冠|新[冠型]", r"(?P<covid>2019冠狀病毒病|2019冠状病毒病|新冠|新型冠狀病毒|新型冠状病毒)"),
    (r"[+(]|852|\d{4}[ -]\d", rf"(?P<phone>{PHONE_PATTERN})"),
    (r"\dg", r"(?P<gen>\d(?=g(?![a-z])))"),
    (r"\d\d?/\d\d?/", rf"(?P<sdate>{SLASH_DATE_PATTERN})"),
    (r"第?\s?\d{1,5}/\d\d-", rf"(?P<paper>第?\s?{PAPER_ID_PATTERN}\s?[號号]?)"),
    (rf"(?:{_PERIOD})|[\d零〇○一二兩两三四五六七八九十]{{1,3}}\s*[時时]|\d\d?(?:[:.]\d|\s?[ap])",
     rf"(?P<time>{_TIME})"),
    (r"(?<=月)[\d一二三四五六七八九十]",
     rf"(?P<dday>(?<={_REL_MONTH}){_DAY}\s*(?:[日號号]\s*)?(?:[至到\-–及和、]\s*{_DAY}\s*)?[日號号])"),
    (rf"[\d{_CN_D}]{{4}}\s*年|[\d十一二三四五六七八九]{{1,2}}\s*[至到\-–—~]",
     rf"(?P<mrange>(?:{_YEARZ}\s*年\s*)?{_MON}\s*[至到\-–—~]\s*{_MON}\s*月(?!\s*{_DAY}\s*[日號号]))"),
    (rf"[\d{_CN_D}]{{4}}\s*年|[\d十一二三四五六七八九]{{1,2}}\s*月",
     rf"(?P<date>(?:{_YEARZ}\s*年\s*)?{_MON}\s*月"
     rf"(?:\s*{_DAY}\s*(?:[日號号]|(?=\s*[至到\-–及和、]\s*{_DAY}\s*[日號号])))?"
     rf"(?:\s*[至到\-–及和、]\s*(?:{_MON}\s*月\s*)?{_DAY}\s*[日號号])?)"),
    (rf"[\d{_CN_D}]{{4}}\s*[/\-–至到]",
     rf"(?P<fy>{_YEARZ}\s*[/\-–至到]\s*(?:{_YEARZ}|\d{{2}}(?!\d)|[{_CN_D}]{{2}})"
     r"(?:\s*(?:財政|财政)?年度?)?)"),
    (rf"[\d{_CN_D}]{{4}}\s*年", rf"(?P<year>{_YEARZ}\s*年(?!代))"),
    (rf"(?:港[幣币元]|美[元金]|人民[幣币]|[歐欧]元|日[圓圆元]|英[鎊镑]|(?:hk|us)?\\?\$|rmb|hkd|usd|cny"
     rf"|eur|gbp|jpy|[¥€£])\s?[\d{_CN}]",
     rf"(?P<moneypre>(?:{_CUR_PRE})\s?{_ZNUM}{_AFTER_NUM}\s?(?:元|圓|圆)?)"),
    (rf"{_ZNUM_CHARS}*+[元圓圆港美人歐欧日英hurcegj]",
     rf"(?P<moneysuf>{_ZNUM}{_AFTER_NUM}\s?(?:{_CUR_SUF}))"),
    (rf"{_ZNUM_CHARS_NO_100}*+[%個个厘釐百]|[一二三四五六七八九十\d]成",
     rf"(?P<percent>百分之{_ZNUM}|百分百|{_ZNUM}\s?(?:%|[個个]?百分[點点]|[厘釐](?![米士清定訂订正]))"
     r"|[一二三四五六七八九十\d]成(?:半|[一二三四五六七八九])?(?![立功果本績绩為为長长就熟]))"),
    (rf"{_ZNUM_CHARS}*+[(:比對对]",
     rf"(?P<ratio>{_ZNUM}(?:\s?\([^()]{{1,8}}\))?\s?[:比對对]\s?{_ZNUM}(?:\s?\([^()]{{1,8}}\))?)"),
    (r"[\d一二三四五六七八九]{1,2}折",
     r"(?P<zhe>(?:[一二三四五六七八九]|\d)(?:[一二三四五六七八九]|\d)?折(?![舊旧射疊叠衷騰腾磨服返斷断]))"),
    (rf"{_ZNUM_CHARS}*+(?:[個个年天日]半|小[時时]半)",
     rf"(?P<half>{_ZNUM}\s?(?:[個个]半|(?:年|天|日|小時|小时)半))"),
    (r"\d{1,3}/", rf"(?P<slash>{SLASH_PATTERN})"),
    (rf"{_ZNUM_CHARS}*+分|一半",
     rf"(?P<frac>{_ZNUM}分之{_ZNUM}|[二三四五六七八九十]分[一二三四五六七八九]"
     r"(?![致般起直些定同樣样切體体系])|一半)"),
    (r"第", rf"(?P<ordinal>第\s?{_ZNUM})"),
    (r"十[一二三四五六七八九]五",
     r"(?P<plan>十[一二三四五六七八九]五(?=[规規计計時时期”」\"'])|十[一二三四五六七八九]五$)"),
    (r"[一二三四]季", r"(?P<quarter>[一二三四](?=季度))"),
    (r"冠", r"(?P<champ>冠[軍军])"),
    (r"首", r"(?P<shou>首)"),
    (r"半", r"(?P<ban>半)"),
    (r"翻倍|倍增|加倍|[雙双]倍", r"(?P<fold>翻倍|倍增|加倍|[雙双]倍)"),
    (r"[雙双]", r"(?P<shuang>[雙双])"),
    (rf"[\d{_CN}]", rf"(?P<num>{_ZNUM})"),
)
#: What every alternative's match starts with: a digit or numeral, a mark, or one of
#: these words (人 or 日 alone, the commonest guard characters, fail here once).
_ANY_START = (rf"[\d{_CN}<%{{(+\\$¥€£第首半雙双冠萬万週周]|{_PERIOD}|人民|日[圓圆元]|港[幣币元]|美[元金]"
              r"|[歐欧]元|英[鎊镑]|新[冠型]|翻倍|倍增|加倍|星期|禮拜|礼拜|hk|us|rmb|cny|eur|gbp|jpy")
_MASTER_SOURCE = master_source(_GUARD, _ALTERNATIVES, _ANY_START)
#: The scan for lower-cased text and its case-insensitive form, compiled on first use
#: (see ``MasterScan``); ``MASTER_ZH`` names the first.
_SCAN = MasterScan(_MASTER_SOURCE, module=__name__, constant="MASTER_ZH")
master_zh = _SCAN.lower_case
master_zh_ci = _SCAN.any_case
__getattr__ = _SCAN.module_getattr

MAYBE_NUMBER_ZH = re.compile(rf"[\d{_CN}萬万億亿兆首半雙双]")

_ZNUM_RE = re.compile(_ZNUM)
_CN_POINT_RE = re.compile(rf"(.+?)[點点]([{_CN_D}]+)([萬万億亿兆]*)")
_PLAIN_DECIMAL_RE = re.compile(r"\d[\d, ]*(?:\.\d+)?")
SUFFIX_MAGNITUDES: dict[str, int] = {
    "萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12, "百萬": 10**6,
    "百万": 10**6, "千萬": 10**7, "千万": 10**7, "十億": 10**9, "十亿": 10**9,
    "萬億": 10**12, "万亿": 10**12,
}
_DIGITS_MAG_RE = re.compile(
    r"(\d[\d, ]*(?:\.\d+)?)(" + "|".join(sorted(SUFFIX_MAGNITUDES, key=len, reverse=True)) + ")")
_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|.")
_OLD_ZERO_RE = re.compile(rf"[{_CN_D}Oo]*[{_CN_D}][Oo][{_CN_D}Oo]*|[Oo][{_CN_D}]{{2,}}")
_CUR_PRE_RE = re.compile(_CUR_PRE, re.IGNORECASE)
_CUR_SUF_RE = re.compile(rf"(?:{_CUR_SUF})$", re.IGNORECASE)
_MON_DAY_RE = re.compile(rf"({_YEARZ})\s*年|({_MON})\s*月|({_DAY})\s*(?:[日號号]|(?=\s*[至到\-–及和、]))")
_RANGE_GAP_RE = re.compile(r"\s*(?:至|到|-|–|—|~)\s*")
#: The makers' own patterns, compiled once (``re.split(pattern, ...)`` looks its pattern
#: up in the module cache at every call).
_RATIO_SPLIT_RE = re.compile(r"[:比對对]")
_MRANGE_YEAR_RE = re.compile(rf"({_YEARZ})\s*年")
_MON_RE = re.compile(_MON)
_DAY_RE = re.compile(_DAY)
_FY_SPLIT_RE = re.compile(r"\s*[/\-–至到]\s*")
_FY_TAIL_RE = re.compile(r"\s*(?:財政|财政)?年度?$")
_PAPER_ID_RE = re.compile(PAPER_ID_PATTERN)


#: Parsed numerals and dates are cached: a catalog repeats the same few thousand
#: (months, days, years, round amounts), and the values are immutable.
PARSE_CACHE_SIZE = 16_384


@functools.lru_cache(maxsize=PARSE_CACHE_SIZE)
def cn_value(text: str) -> Fraction | None:
    """Exact value of a Chinese or mixed numeral; None when it is not one number.

    A run of bare digit characters (二零一九, 一八) reads digit by digit, as years are
    written; otherwise units and magnitudes are applied (四十二億二千五百萬).
    """
    if len(text) > MAX_NUMERAL_CHARS:
        return None
    if text.isascii():
        return parse_decimal(text) if _PLAIN_DECIMAL_RE.fullmatch(text) else None
    simple = _DIGITS_MAG_RE.fullmatch(text)
    if simple:  # the common 19.4億 / 2,597萬 / 2.48百萬: one multiplication
        return parse_decimal(simple.group(1)) * SUFFIX_MAGNITUDES[simple.group(2)]
    point = _CN_POINT_RE.fullmatch(text)
    if point:  # 十二點五 = 12.5, 三點五億 = 3.5 × 10⁸
        whole = cn_value(point.group(1))
        if whole is None:
            return None
        digits = "".join(str(CN_DIGITS[ch]) for ch in point.group(2))
        mult = 1
        for ch in point.group(3):
            mult *= BIG_UNITS[ch]
        return (whole + Fraction(int(digits), 10 ** len(digits))) * mult
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return Fraction(int("".join(str(CN_DIGITS[ch]) for ch in text)))
    # Integers until a decimal appears: Fraction arithmetic is slow and rarely needed.
    total: Fraction | int = 0
    wan: Fraction | int = 0
    section: Fraction | int = 0
    num: Fraction | int | None = None
    for tok in _TOKEN_RE.findall(text):
        if tok[0].isdigit():
            if num is not None:
                return None
            num = parse_decimal(tok)
        elif tok in CN_DIGITS:
            digit = CN_DIGITS[tok]
            if digit == 0:
                num = None
                continue
            if num is not None:
                return None
            num = digit
        elif tok in SMALL_UNITS:
            section += (num if num is not None else 1) * SMALL_UNITS[tok]
            num = None
        elif tok in BIG_UNITS:
            unit = BIG_UNITS[tok]
            here = section + (num or 0)
            if unit == 10**4:
                wan += here * unit
            elif unit == 10**8:
                total += (wan + here) * unit
                wan = 0
            else:
                total = (total + wan + here) * unit
                wan = 0
            section = 0
            num = None
        else:
            return None
    value = total + wan + section + (num or 0)
    return value if isinstance(value, Fraction) else int(value)  # type: ignore[return-value]


def _trailing_mag(text: str) -> int:
    """Multiplier of the magnitude characters after the last Arabic digit (30億 → 10⁸)."""
    mag = 1
    i = len(text)
    while i > 0 and text[i - 1] in "萬万億亿兆百千十":
        i -= 1
    if i == len(text) or not text[i - 1].isdigit():
        return 1
    for ch in text[i:]:
        mag *= BIG_UNITS.get(ch, SMALL_UNITS.get(ch, 1))
    return mag


def _year(text: str) -> int:
    value = cn_value(text)
    return int(value) if value is not None else 0


#: In a fixed order (longest first, then by text): a set's order changes with the hash seed,
#: and the same pattern in another order missed the regex cache (``l10n.rxcache``) every run.
_APPROX_ANY_RE = re.compile("|".join(sorted({*APPROX_BEFORE, *APPROX_AFTER}, key=lambda w: (-len(w), w))))
#: 一對一 is a ratio only between two small Chinese numerals (not 2對情侶).
_CN_RATIO_RE = re.compile(r"[一二三四五六七八九十兩两]{1,2}[對对][一二三四五六七八九十兩两]{1,2}")
#: A note in brackets after a ratio term: 1(政府):2(機構).
_RATIO_NOTE_RE = re.compile(r"\s?\([^()]*\)")
_LOOSE_MAG_RE = re.compile(r"[多餘余]?\s+(?=[萬万億亿兆])|[多餘余](?=[萬万億亿兆])")
_LOOSE_HINT_RE = re.compile(r"[多餘余\s]")


def _number_hit(znum: str, kind: QuantityKind, start: int, end: int, text: str,
                currency: str | None = None, bare: bool = False) -> Hit | None:
    znum = znum.strip()
    # 180 億, 三十多萬; the pattern needs a space or 多/餘/余, which one quick
    # search of a class finds (the pattern itself is tried at every position)
    if len(znum) > 2 and _LOOSE_HINT_RE.search(znum) and _LOOSE_MAG_RE.search(znum):
        znum = _LOOSE_MAG_RE.sub("", znum)
    value = cn_value(znum)
    if value is None:
        return None
    weak = len(znum) == 1 and not znum.isdigit()
    if kind is K_COUNT:
        kind = year_kind(value, znum)
    return Hit(value, kind, start, end, text, currency, weak=weak, bare=bare,
               mag=_trailing_mag(znum))


def _money_hit(name: str, znum_m: re.Match[str] | None, start: int, end: int,
               text: str) -> list[Hit]:
    """An amount in the currency ``name``; a lone 元 or $ is HKD until the sentence names one."""
    if znum_m is None:
        return []
    bare = name in BARE_CURRENCY_MARKS
    currency = HKD if bare else CURRENCY_NAMES.get(name, CURRENCY_NAMES.get(name.lower()))
    hit = _number_hit(znum_m.group(), K_MONEY, start, end, text, currency, bare)
    if hit is None:
        return []
    hit.weak = False
    return [hit]


def _make_num(text: str, start: int, end: int) -> list[Hit]:
    """A numeral in digits, Chinese or both: a count, or a year when it is 1900-2099."""
    hit = _number_hit(text, K_COUNT, start, end, text)
    return [hit] if hit else []


def _make_moneypre(text: str, start: int, end: int) -> list[Hit]:
    """HK$2億, 港幣300萬元: the currency before the amount."""
    mark = _CUR_PRE_RE.match(text)
    if mark is None:
        return []
    return _money_hit(mark.group().replace("\\", ""), _ZNUM_RE.search(text, mark.end()),
                      start, end, text)


def _make_moneysuf(text: str, start: int, end: int) -> list[Hit]:
    """300萬港元, 2億元: the currency after the amount."""
    suf = _CUR_SUF_RE.search(text)
    if suf is None:
        return []
    return _money_hit(suf.group(), _ZNUM_RE.match(text), start, end, text)


def _make_percent(text: str, start: int, end: int) -> list[Hit]:
    """50%, 百分之五十, 3個百分點 (a difference in points), 七成 (70 %)."""
    if text == "百分百":
        return [Hit(Fraction(100), K_PERCENT, start, end, text)]
    if "成" in text:
        tens, _, units = text.partition("成")
        value = (cn_value(tens) or 0) * 10 + (
            5 if units == "半" else (cn_value(units) or 0) if units else 0)
        return [Hit(Fraction(value), K_PERCENT, start, end, text)]
    znum_m = _ZNUM_RE.search(text, 3 if text.startswith("百分之") else 0)
    if znum_m is None:
        return []
    hit = _number_hit(znum_m.group(), K_PERCENT, start, end, text)
    if hit is None:
        return []
    hit.weak = False
    hit.point = "百分" in text and not text.startswith("百分")
    return [hit]


def _make_ratio(text: str, start: int, end: int) -> list[Hit]:
    """1:9, 1比9, 一對一, 1(政府):2(機構)."""
    if ("對" in text or "对" in text) and not _CN_RATIO_RE.fullmatch(text):
        cut = max(text.find("對"), text.find("对"))  # 2對3 (a score): two numbers
        return (_make_num(text[:cut].strip(), start, start + cut)
                + _make_num(text[cut + 1:].strip(), start + cut + 1, end))
    plain = _RATIO_NOTE_RE.sub("", text)
    left, right = (cn_value(p.strip()) for p in _RATIO_SPLIT_RE.split(plain, maxsplit=1))
    if left is None or right is None:
        return []
    value = Fraction(left) / right if right else Fraction(0)
    return [Hit(value, K_RATIO, start, end, text, terms=(left, right))]


def _make_frac(text: str, start: int, end: int) -> list[Hit]:
    """三分之一, 一半."""
    if text == "一半":
        return [Hit(Fraction(1, 2), K_FRACTION, start, end, text)]
    den_t, _, num_t = text.partition("分")
    den, num = cn_value(den_t), cn_value(num_t.removeprefix("之"))
    if not den or num is None:
        return []
    return [Hit(Fraction(num) / den, K_FRACTION, start, end, text)]


def _make_ordinal(text: str, start: int, end: int) -> list[Hit]:
    """第三: an ordinal."""
    hit = _number_hit(text[1:].strip(), K_ORDINAL, start, end, text)
    if hit:
        hit.weak = False
        return [hit]
    return []


def _make_slash(text: str, start: int, end: int) -> list[Hit]:
    """1/5 (a fraction) or 24/7 (two numbers)."""
    return slash_hits(text, start, end)


def _make_plan(text: str, start: int, end: int) -> list[Hit]:
    """十四五 = the 14th Five-Year Plan."""
    return [Hit(Fraction(10 + CN_DIGITS[text[1]]), K_ORDINAL, start, end,
                text, weak=True)]


def _make_quarter(text: str, start: int, end: int) -> list[Hit]:
    """三季度 = the third quarter."""
    return [Hit(Fraction(CN_DIGITS[text]), K_ORDINAL, start, end, text)]


def _make_champ(text: str, start: int, end: int) -> list[Hit]:
    """冠軍 = first place."""
    return [Hit(Fraction(1), K_ORDINAL, start, end, text, weak=True)]


def _make_shou(text: str, start: int, end: int) -> list[Hit]:
    """首: first, but also part of words (首席), so weak."""
    return [Hit(Fraction(1), K_ORDINAL, start, end, text, weak=True)]


def _make_ban(text: str, start: int, end: int) -> list[Hit]:
    """半: a half, but also part of words (半導體), so weak."""
    return [Hit(Fraction(1, 2), K_FRACTION, start, end, text, weak=True)]


def _make_shuang(text: str, start: int, end: int) -> list[Hit]:
    """雙: two, but also part of words, so weak."""
    return [Hit(Fraction(2), K_COUNT, start, end, text, weak=True)]


def _make_date(text: str, start: int, end: int) -> list[Hit]:
    """One date, or two for a range (9月1日至3日)."""
    return [Hit(ZERO, K_DATE, start, end, text, date=date) for date in _date_parts(text)]


def _make_mrange(text: str, start: int, end: int) -> list[Hit]:
    """1至8月, 2025年1-6月: two months."""
    year_m = _MRANGE_YEAR_RE.match(text)
    year = _year(year_m.group(1)) if year_m else None
    months = _MON_RE.findall(text[year_m.end() if year_m else 0:])
    return [Hit(ZERO, K_DATE, start, end, text,
                date=(year, int(cn_value(mon) or 0), None)) for mon in months[:2]]


def _make_year(text: str, start: int, end: int) -> list[Hit]:
    """2025年, 二〇二五年: a year."""
    year = _year(text.rstrip("年 "))
    return [Hit(Fraction(year), K_YEAR, start, end, text)]


def _make_fy(text: str, start: int, end: int) -> list[Hit]:
    """2024-25年度, 二〇二一至二二年度: the financial year as its two calendar years."""
    parts = _FY_SPLIT_RE.split(_FY_TAIL_RE.sub("", text))
    first = _year(parts[0])
    last = _year(parts[1])
    if last < 100:
        last = full_year(first, last)
    return [Hit(Fraction(y), K_YEAR, start, end, text) for y in (first, last)]


def _make_time(text: str, start: int, end: int) -> list[Hit]:
    """A clock reading (下午6時45分, 18:45)."""
    return [_time_hit(text, start, end)]


def _make_gen(text: str, start: int, end: int) -> list[Hit]:
    """5G: the fifth generation, if the English says so (``_extract`` reads 5g as grams)."""
    return [Hit(Fraction(int(text)), K_ORDINAL, start, end, text, weak=True)]


def _make_sdate(text: str, start: int, end: int) -> list[Hit]:
    """1/9/2025, day first."""
    return [slash_date_hit(text, start, end)]


def _make_paper(text: str, start: int, end: int) -> list[Hit]:
    """A session-numbered paper (第5/17-18號), compared as a whole."""
    core = _PAPER_ID_RE.search(text)
    return [paper_id_hit(core.group(), start, end)] if core else []


def _make_dday(text: str, start: int, end: int) -> list[Hit]:
    """本月19至21日: days of a month the text gives as 本月."""
    days = _DAY_RE.findall(text)
    out = [Hit(ZERO, K_DATE, start, end, text,
               date=(None, None, int(cn_value(d) or 0))) for d in days[:2]]
    return out


def _make_zhe(text: str, start: int, end: int) -> list[Hit]:
    """七折: the price at 70 %, 30 % off; 八五折: 85 %, 15 % off."""
    digits = [CN_DIGITS.get(ch, int(ch) if ch.isdigit() else 0) for ch in text[:-1]]
    price = digits[0] * 10 + (digits[1] if len(digits) > 1 else 0)
    hit = Hit(Fraction(100 - price), K_PERCENT, start, end, text)
    hit.alt = Fraction(price)
    return [hit]


def _make_half(text: str, start: int, end: int) -> list[Hit]:
    """兩個半(小時), 三年半: N and a half."""
    znum_m = _ZNUM_RE.match(text)
    hit = _number_hit(znum_m.group(), K_COUNT, start, end, text) if znum_m else None
    if hit is None:
        return []
    hit.value, hit.weak = hit.value + Fraction(1, 2), False
    return [hit]


def _make_fold(text: str, start: int, end: int) -> list[Hit]:
    """翻倍, 倍增, 加倍: doubled."""
    hit = Hit(Fraction(2), K_COUNT, start, end, text, weak=True)
    hit.mult = True
    return [hit]


def _make_covid(text: str, start: int, end: int) -> list[Hit]:
    """2019冠狀病毒病: the 19 of COVID-19."""
    return [Hit(Fraction(19), K_COUNT, start, end, text)]


def _make_phone(text: str, start: int, end: int) -> list[Hit]:
    """A phone number, compared as a whole."""
    return [phone_hit(text, start, end)]




#: The handler of each named alternative of MASTER_ZH ("skip" makes no hit).
MAKERS_ZH: dict[str, Maker] = {
    "num": _make_num, "moneypre": _make_moneypre, "moneysuf": _make_moneysuf,
    "percent": _make_percent, "ratio": _make_ratio, "frac": _make_frac, "ordinal": _make_ordinal,
    "slash": _make_slash, "plan": _make_plan, "quarter": _make_quarter, "champ": _make_champ,
    "shou": _make_shou, "ban": _make_ban, "shuang": _make_shuang, "date": _make_date,
    "mrange": _make_mrange, "year": _make_year, "fy": _make_fy, "time": _make_time,
    "gen": _make_gen, "sdate": _make_sdate, "paper": _make_paper, "dday": _make_dday,
    "zhe": _make_zhe, "half": _make_half, "fold": _make_fold, "covid": _make_covid,
    "phone": _make_phone,
}


_PERIOD_RE = re.compile(_PERIOD)
_CLOCK_PARTS_RE = re.compile(rf"({_HOUR})\s*(?:[時时點点:.]\s*({_MINUTE}|半|正|一刻|三刻)?)?")
#: Periods of the day and the 12-hour half they put a clock hour in.
PERIOD_HALF: dict[str, str] = {
    "上午": "am", "早上": "am", "清晨": "am", "凌晨": "am", "中午": "noon", "正午": "noon",
    "下午": "pm", "晚上": "pm", "傍晚": "pm", "黃昏": "pm", "黄昏": "pm", "夜間": "pm",
    "夜间": "pm", "深夜": "pm", "晚間": "pm", "晚间": "pm", "晚": "pm", "午夜": "am",
}
MINUTE_WORDS: dict[str, int] = {"半": 30, "正": 0, "一刻": 15, "三刻": 45}


def _time_hit(text: str, start: int, end: int) -> Hit:
    """A clock reading as minutes after midnight. Without 上午/下午 an hour up to 12 is
    ambiguous (4時 may be 16:00), so the other half of the day is kept as ``alt``."""
    if text[0] in "零〇○":  # 零時: midnight
        return Hit(Fraction(0), K_TIME, start, end, text)
    if text in ("正午", "午夜", "中午"):  # a weak reading: 中午 is also "around midday"
        return Hit(Fraction(0 if text == "午夜" else 720), K_TIME, start, end, text,
                   weak=True)
    period_m = _PERIOD_RE.match(text)
    half = PERIOD_HALF[period_m.group()] if period_m else ""
    low = text.lower()
    if "a.m." in low or "am" in low:
        half = "am"
    elif "p.m." in low or "pm" in low:
        half = "pm"
    parts = _CLOCK_PARTS_RE.search(text, period_m.end() if period_m else 0)
    assert parts is not None
    hour = int(cn_value(parts.group(1)) or 0)
    tail = parts.group(2) or "0"
    minute = MINUTE_WORDS[tail] if tail in MINUTE_WORDS else int(cn_value(tail) or 0)
    if half == "noon":
        half = "pm" if hour < 6 else ""  # 中午12時, 中午1時 (13:00)
    if half == "pm" and hour == 12 and period_m and period_m.group() in ("晚上", "深夜", "晚"):
        hour, half = 0, ""  # 晚上12時 is midnight
    hit = Hit(Fraction(clock_minutes(hour, minute, half)), K_TIME, start, end, text)
    if not period_m and not half and hour <= 12:
        hit.alt = Fraction(clock_minutes(hour, minute, "am" if hour == 12 else "pm"))
    return hit


@functools.lru_cache(maxsize=PARSE_CACHE_SIZE)
def _date_parts(text: str) -> tuple[tuple[int | None, int | None, int | None], ...]:
    year: int | None = None
    month: int | None = None
    out: list[tuple[int | None, int | None, int | None]] = []
    for m in _MON_DAY_RE.finditer(text):
        if m.group(1):
            year = _year(m.group(1))
        elif m.group(2):
            month = int(cn_value(m.group(2)) or 0)
        else:
            out.append((year, month, int(cn_value(m.group(3)) or 0)))
    return tuple(out) if out else ((year, month, None),)


def _old_zero(m: re.Match[str]) -> str:
    return m.group().replace("O", "〇").replace("o", "〇")


def normalise_zh(text: str) -> str:
    """Half-width digits and punctuation; a Latin O among Chinese digits is a zero."""
    norm = half_width(text)
    if "O" in norm or "o" in norm:
        norm = _OLD_ZERO_RE.sub(_old_zero, norm)
    return norm


#: What may stand between Chinese date list or range members that share one year:
#: joints, weekdays (in brackets or not) and clock times (上午11時).
_DATE_LIST_GAP_ZH_RE = re.compile(
    r"(?:[\s,，、及和與与或至到~–—()（）-]|以及|[由從从]|星期[一二三四五六日天]|[週周][一二三四五六日]"
    rf"|(?:{_PERIOD})?\s*{_HOUR}\s*[時时點点](?:\s*{_MINUTE}\s*分|半|正)?)*")


def _spread_cheng(hits: list[Hit], norm: str) -> None:
    """七至八成 is 70 % to 80 %: the bare left end of a 成 range is tens of per cent."""
    for left, right in zip(hits, hits[1:], strict=False):
        if (right.kind is K_PERCENT and right.text.endswith("成")
                and left.kind is K_COUNT and left.value < 10
                and _RANGE_GAP_RE.fullmatch(norm, left.end, right.start)):
            left.kind, left.value, left.weak = K_PERCENT, left.value * 10, False


#: A space between two Chinese characters (or a Chinese numeral and 年/月/日) is a
#: PDF copy's artefact (二 零一二 年七 月): it is dropped before reading.
_CJK_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\u3000]+(?=[\u3400-\u9fff])")


def extract_zh_hits(text: str) -> list[Hit]:
    """All quantities of a Chinese text (either script) as internal hits, in order."""
    if " " in text or "\t" in text or "\u3000" in text:
        gap = _CJK_GAP_RE.search(text)
        if gap is not None:
            return _extract_squeezed(text)
    return _extract(text)


def _extract_squeezed(text: str) -> list[Hit]:
    """Read ``text`` with its spaces between Chinese characters removed, and give the
    hits offsets and spellings in ``text`` itself."""
    kept = [i for i, _ in enumerate(text)]
    for m in reversed(list(_CJK_GAP_RE.finditer(text))):
        del kept[m.start():m.end()]
    squeezed = "".join(text[i] for i in kept)
    hits = _extract(squeezed)
    for hit in hits:
        hit.start = kept[hit.start]
        hit.end = kept[hit.end - 1] + 1 if hit.end > 0 else 0
        hit.text = text[hit.start:hit.end]
    return hits


#: The groups whose dates may borrow parts from a relative word before them (本月19日).
_DATE_GROUPS = frozenset({"date", "dday", "mrange"})
#: REL_MONTH and REL_YEAR as one set: the two characters before a date are tested once.
_REL_WORDS = frozenset({*REL_MONTH, *REL_YEAR})


def _extract(text: str) -> list[Hit]:
    """The extraction proper, on text whose offsets the hits keep."""
    norm = normalise_zh(text)
    low, master = norm.lower(), master_zh()
    if len(low) != len(norm):
        low, master = norm, master_zh_ci()
    low = mask_addresses(low)
    hits: list[Hit] = []
    named: str | None = None
    # one search per text instead of a look around every number: most have no such word
    may_approx = _APPROX_ANY_RE.search(norm) is not None
    makers = MAKERS_ZH
    for m in master.finditer(low):
        kind = m.lastgroup
        if kind is None or kind == "skip":
            continue
        start, end = m.span()
        if kind == "gen" and norm[end] == "g":
            kind = "num"  # 5g in lower case is five grams, not 5G
        group = m.group()
        made = makers[kind](group, start, end)
        if not made:
            continue
        approx = may_approx and (
            norm[max(0, start - APPROX_WINDOW):start].rstrip().endswith(APPROX_BEFORE)
            or norm.startswith(APPROX_AFTER, end) or "多" in group or "餘" in group)
        rel = ""
        mult = False
        if kind in _DATE_GROUPS:
            rel = norm[max(0, start - 2):start]
            if rel not in _REL_WORDS:
                rel = ""
        elif kind == "num":
            mult = low.startswith("倍", end)
        # one pass over the hits: each step touches its own hit alone, and the named
        # currency travels in the same order as before
        for hit in made:
            hit.text = text[hit.start:hit.end]
            if rel:
                hit.rel = rel
            if mult:
                hit.mult, hit.weak = True, False
            hit.approx = approx
            if hit.kind is K_MONEY:
                if hit.bare and named is not None:
                    hit.currency, hit.bare = named, False
                elif not hit.bare:
                    named = hit.currency
        hits.extend(made)
    if "(" in norm:
        mark_labels(hits, norm)
    if len(hits) > 1:
        # a hit's text is the text's own characters, which normalise_zh leaves alone for
        # 成 and 百分之: a text without them has no 成 range and no 百分之 range to mend
        if "成" in norm:
            _spread_cheng(hits, norm)
        spread_ranges(hits, norm, _RANGE_GAP_RE)
        inherit_years(hits, norm, _DATE_LIST_GAP_ZH_RE, _RANGE_GAP_RE, step=1)
        for left, right in zip(hits, hits[1:], strict=False) if "百分之" in norm else ():
            if (left.kind is K_PERCENT and right.kind is K_COUNT
                    and left.text.startswith("百分之")
                    and _RANGE_GAP_RE.fullmatch(norm, left.end, right.start)):
                right.kind, right.point = K_PERCENT, False
    return hits


def extract_zh(text: str) -> list[Quantity]:
    """Quantities of a Chinese sentence, Traditional or Simplified; weak single-character
    readings (一, 半, 首) are left out, as they are only used to satisfy a source."""
    return [h.quantity() for h in extract_zh_hits(text) if not h.weak]
