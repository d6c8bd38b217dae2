"""Conventions of official Hong Kong Government translations (issue 10), each with the
corruptions that must still be caught.

Every row is written in our own words after a convention seen in official bilingual
releases (LegCo question replies, C&SD notices, gia releases, Policy Address, news.gov.hk);
the comment names the convention, not the sentence. A correct row must give no error;
each corrupted variant of it must give an error (wrong digit, wrong magnitude, wrong
currency, wrong date part, wrong year, wrong time, wrong percentage, dropped quantity).
Families (all months, both scripts, every zero character, full-width digits) are
generated, so the rules are tested on forms we did not happen to see.
"""

from __future__ import annotations

import pytest

from l10n.checks import CheckEnv, run_checks
from l10n.locales import parse_locale
from l10n.model import Entry, QuantityKind
from l10n.numbers import extract_en, extract_zh

HANT = parse_locale("zh-Hant-HK")
HANS = parse_locale("zh-Hans-CN")
CN_DIGIT = "〇一二三四五六七八九"
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAYS = [("Monday", "一"), ("Tuesday", "二"), ("Wednesday", "三"), ("Thursday", "四"),
            ("Friday", "五"), ("Saturday", "六"), ("Sunday", "日")]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def findings(english: str, chinese: str, *, traditional: bool = True) -> list[tuple[str, str]]:
    env = CheckEnv(HANT if traditional else HANS, None)
    found = run_checks([Entry(english, chinese, "t", 1)], env, ["numbers", "currency"])
    return [(str(f.severity), f.message) for f in found]


def errors(english: str, chinese: str, *, traditional: bool = True) -> list[str]:
    return [m for sev, m in findings(english, chinese, traditional=traditional) if sev == "error"]


def warnings(english: str, chinese: str) -> list[str]:
    return [m for sev, m in findings(english, chinese) if sev == "warning"]


def cn_small(n: int) -> str:
    """1..31 in Chinese numerals as dates write them (十一, 二十三)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGIT[tens] + "十")
    return head + (CN_DIGIT[units] if units else "")


def cn_year(year: int, zero: str = "〇") -> str:
    return "".join(CN_DIGIT[int(d)] for d in str(year)).replace("〇", zero)


# (English, correct Chinese, corrupted Chinese variants). Each convention is cited.
ROWS: list[tuple[str, str, list[str]]] = [
    # Release end line: weekday in brackets after the date, 24-hour 時/分 clock.
    ("Ends/Friday, March 7, 2025\nIssued at HKT 18:45",
     "2025年3月7日（星期五）\n香港時間18時45分",
     ["2025年3月8日（星期五）\n香港時間18時45分", "2024年3月7日（星期五）\n香港時間18時45分",
      "2025年3月7日（星期五）\n香港時間18時40分", "2025年3月7日（星期五）\n香港時間17時45分",
      "2025年7月3日（星期五）\n香港時間18時45分", "2025年3月7日（星期五）"]),
    ("Ends/Monday, November 3, 2025\nIssued at HKT 9:05",
     "2025年11月3日（星期一）\n香港時間9時05分",
     ["2025年11月3日（星期一）\n香港時間9時50分", "2025年11月3日（星期一）\n香港時間19時05分"]),
    # Clock times in running text: am/pm ↔ 上午/下午/晚上, 半, 正, noon.
    ("The ceremony starts at 6.45pm.", "典禮於下午6時45分開始。",
     ["典禮於上午6時45分開始。", "典禮於下午6時15分開始。", "典禮於下午7時45分開始。"]),
    ("The meeting opens at 6:45 p.m.", "會議於晚上6時45分開始。", ["會議於晚上8時45分開始。"]),
    ("The hotline runs until 7 pm.", "熱線服務至晚上7時。", ["熱線服務至晚上9時。", "熱線服務至上午7時。"]),
    ("Doors open at 10.30am.", "上午10時半開門。", ["上午11時半開門。", "下午10時半開門。"]),
    ("Registration closes at 12 noon.", "登記於中午12時截止。", ["登記於中午11時截止。"]),
    ("The counter opens from 10am to noon.", "櫃位於上午10時至中午開放。", ["櫃位於上午11時至中午開放。"]),
    ("The session begins at 16:00.", "會議於下午4時開始。", ["會議於下午5時開始。", "會議於上午4時開始。"]),
    ("The session begins at 16:00.", "會議於16時開始。", ["會議於15時開始。"]),
    ("The office is open from 9am to 5pm.", "辦事處由上午9時至下午5時開放。",
     ["辦事處由上午9時至下午6時開放。", "辦事處由上午8時至下午5時開放。"]),
    # Year written once for a range: EN after the last month, ZH before the first.
    ("Figures for January - March 2015 are provisional.", "二〇一五年一月至三月的數字屬臨時數字。",
     ["二〇一五年一月至四月的數字屬臨時數字。", "二〇一六年一月至三月的數字屬臨時數字。",
      "二〇一五年二月至三月的數字屬臨時數字。"]),
    ("The rate in December 2024 - February 2025 was 3.1%.",
     "二〇二四年十二月至二〇二五年二月的比率為3.1%。",
     ["二〇二四年十二月至二〇二五年二月的比率為3.7%。",
      "二〇二三年十二月至二〇二四年二月的比率為3.1%。"]),
    ("between November 2024 and February 2025", "二〇二四年十一月至二月",
     ["二〇二四年十一月至三月"]),
    ("on 8 November, 9 November and 10 November 2017", "於2017年11月8日、11月9日及11月10日",
     ["於2017年11月8日、11月9日及11月11日", "於2016年11月8日、11月9日及11月10日"]),
    # Weekday glued to a following numeral (星期五兩天) is no number.
    ("on Thursday 9 November and Friday 10 November 2017 at 9:00 am on both days",
     "2017年11月9日星期四及11月10日星期五兩天均上午9時",
     ["2017年11月9日星期四及11月10日星期五兩天均上午10時",
      "2017年11月9日星期四及11月12日星期五兩天均上午9時"]),
    # Lead line of a LegCo reply: today (month day) in Chinese numerals.
    ("Following is a reply in the Legislative Council today (May 7):",
     "以下為今日（五月七日）在立法會會議上的答覆：", ["以下為今日（五月八日）在立法會會議上的答覆：",
                                        "以下為今日（七月五日）在立法會會議上的答覆："]),
    # Space-grouped thousands (C&SD style) kept or regrouped, and 萬 for a round sum.
    ("The labour force was 3 928 400.", "勞動人口為3 928 400人。",
     ["勞動人口為3 928 500人。", "勞動人口為392 840人。"]),
    ("The average grant was about $130 000.", "平均資助額約為13萬元。",
     ["平均資助額約為130萬元。", "平均資助額約為13萬美元。", "平均資助額約為1.3萬元。"]),
    # Stray space before 億 in a copied page; 億 amounts with digits.
    ("The Government has invested $18 billion.", "政府已投放180 億元。",
     ["政府已投放18 億元。", "政府已投放180 萬元。", "政府已投放180 億美元。"]),
    # "over N" = N多萬 in Chinese numerals.
    ("over 300 000 units", "三十多萬個單位", ["三多萬個單位", "三十多個單位", "三百多萬個單位"]),
    # LegCo paper numbers: an identifier, compared whole.
    ("Report No. 5/17-18 of the House Committee", "內務委員會第5/17-18號報告",
     ["內務委員會第6/17-18號報告", "內務委員會第5/16-17號報告"]),
    # Percentage range with the unit once, as 成.
    ("almost 70 per cent to 80 per cent of the demand", "差不多七至八成的需求",
     ["差不多六至八成的需求", "差不多七至九成的需求", "差不多八成的需求"]),
    ("around 70% to 80%", "約七成至八成", ["約七成至九成"]),
    # "X out of Y" stated as two counts (Y…中有X).
    ("eight out of 12 samples", "12個樣本中有8個", ["12個樣本中有7個", "13個樣本中有8個"]),
    ("eight out of 12 samples", "三分之二的樣本", ["四分之三的樣本"]),
    # Day-first slash dates in Hong Kong English.
    ("The scheme opens on 1/9/2025.", "計劃於2025年9月1日推出。",
     ["計劃於2025年1月9日推出。", "計劃於2025年9月2日推出。"]),
    # Dates given as a day of 本月 (this month).
    ("from April 19 to 21", "本月19至21日", ["本月19至22日", "本月18至21日"]),
    ("on the 26th of last month", "於上月26日", ["於上月25日"]),
    # Number words inside names and terms: a building kept in English, 3D, 5G.
    ("Address: 8/F, Two Landmark East, 100 How Ming Street",
     "地址：巧明街100號Two Landmark East 8樓", ["地址：巧明街101號Two Landmark East 8樓"]),
    ("3D scanning of 12 buildings", "立體掃描十二幢建築物", ["立體掃描十三幢建築物"]),
    ("5G coverage reached 99 per cent", "5G網絡覆蓋率達99%", ["5G網絡覆蓋率達90%"]),
    ("the fifth-generation (5G) network", "5G網絡", ["6G網絡"]),
    ("Each serving contains 5g of fat.", "每份含5g脂肪。", ["每份含6g脂肪。", "每份含6克脂肪。"]),
    # 每周三次 is three times a week, not Wednesday; 零時 is midnight.
    ("Inspections are held three times a week.", "每周三次巡查。", ["每周兩次巡查。"]),
    ("The road reopens at midnight.", "道路於零時重開。", ["道路於一時重開。"]),
    # Twice / double: 兩倍, 兩次, and 增加一倍 (an increase of one times) for doubled.
    ("The number of visitors doubled.", "訪客人數增加一倍。", ["訪客人數增加三倍。"]),
    ("It is twice the size of the old one.", "面積是舊場的兩倍。", ["面積是舊場的三倍。"]),
    ("Inspections are held twice a year.", "每年巡查兩次。", ["每年巡查三次。"]),
    # Dropped figures: an ordinal past "second", a repeated count beside an item label,
    # a year beside 同期 when other dates were kept, the minutes of an end line.
    ("Fourth Quarter 2019", "2019年第4季", ["2019年第 季", "2019年第3季"]),
    ("(c) the spending in the past three years and in the three years before",
     "(三) 過去3年及之前3年的開支", ["(三) 過去年及之前3年的開支", "(三) 過去3年及之前年的開支"]),
    ("Jobs rose 29.2% from 2002 to 2010; in Singapore, over the same period, they rose 87.9%.",
     "2002年至2010年期間職位上升29.2%；同期新加坡上升87.9%。",
     ["年至2010年期間職位上升29.2%；同期新加坡上升87.9%。"]),
    ("Issued at HKT 16:00", "香港時間16時00分", ["香港時間16時分", "香港時間16時10分"]),
    ("three times as many applications", "申請數目是三倍", ["申請數目是四倍"]),
    # Multi-part spelled numbers.
    ("two hundred and fifty thousand residents", "二十五萬名居民", ["二十萬名居民", "二十六萬名居民"]),
    ("one million three hundred thousand visitors", "130萬名訪客", ["103萬名訪客"]),
    # Enquiry lines: a phone number with its country code; a matching ratio with notes.
    ("Tel: (852) 2716 8345", "電話：(852) 2716 8345", ["電話：(892) 2716 8345", "電話：(852) 2716 8346"]),
    ("a one-to-two matching ratio", "以1(政府):2(機構)的配對比例", ["以1(政府):3(機構)的配對比例"]),
    ("one-to-one tutoring", "一對一輔導", ["一對二輔導"]),
    # A day range with 日 written once; H1 (the first half-year) is a label.
    ("The fair runs from 2 to 4 September 2025.", "展覽會於2025年9月2至4日舉行。",
     ["展覽會於2025年9月2至5日舉行。", "展覽會於2025年9月3至4日舉行。"]),
    ("GDP grew 3.1% in H1 2025.", "2025年上半年本地生產總值增長3.1%。", ["2025年上半年本地生產總值增長3.7%。"]),
    # Parts per million as 百萬分之; a discount as 折 (七折 = 30 % off = 70 % of the price).
    ("The level was 0.05 parts per million.", "含量為百萬分之0.05。", ["含量為百萬分之0.5。", "含量為千分之0.05。"]),
    ("Members enjoy a 30 per cent discount.", "會員可享七折優惠。", ["會員可享八折優惠。"]),
    # Two dates each with a clock time: "March 7 to 7 am" is no date range.
    ("from 7 pm on March 7 to 7 am on March 8", "由3月7日晚上7時至3月8日上午7時",
     ["由3月7日晚上7時至3月9日上午7時", "由3月7日晚上7時至3月8日上午8時"]),
    # A Roman numeral numbering a part: Batch III = 第三期.
    ("Batch III of the programme", "第三期計劃", ["第二期計劃"]),
    ("Phase II development", "第二期發展", ["第三期發展"]),
    # Council agenda heading: weekday after the date, 時正 for o'clock, a second day.
    ("Wednesday 22 April 2009 at 11:00 am and Thursday 23 April 2009 at 2:30 pm",
     "2009年4月22日星期三上午11時正及2009年4月23日星期四下午2時30分",
     ["2009年4月22日星期三上午11時正及2009年4月23日星期四下午3時30分",
      "2009年4月22日星期三上午10時正及2009年4月23日星期四下午2時30分"]),
    # Midnight, half past, 成半 and "N and a half" (兩個半小時, 三年半).
    ("The service runs until 12 midnight.", "服務至午夜十二時。", ["服務至午夜十一時。"]),
    ("Some 35 per cent of them agreed.", "約三成半人同意。", ["約四成半人同意。", "約三成人同意。"]),
    ("The journey takes 2.5 hours.", "車程需時兩個半小時。", ["車程需時三個半小時。"]),
    ("The works will take 3.5 years.", "工程需時三年半。", ["工程需時兩年半。"]),
    ("reserves of $1.6 trillion", "1.6萬億元的儲備", ["1.6億元的儲備", "16萬億元的儲備"]),
    # Financial years and 億 in Chinese numerals (budget-style, written by us).
    ("In 2024-25, spending will be $12.3 billion.", "二〇二四至二五年度的開支為一百二十三億元。",
     ["二〇二四至二五年度的開支為十二億三千萬元。", "二〇二三至二四年度的開支為一百二十三億元。"]),
]

CORRUPTED = [(en, bad) for en, _good, bads in ROWS for bad in bads]


@pytest.mark.parametrize(("english", "chinese"), [(en, zh) for en, zh, _ in ROWS])
def test_official_convention_passes(english: str, chinese: str) -> None:
    assert errors(english, chinese) == []


@pytest.mark.parametrize(("english", "corrupted"), CORRUPTED)
def test_corruption_is_caught(english: str, corrupted: str) -> None:
    assert errors(english, corrupted), corrupted


# ---- generated families -------------------------------------------------------------

def end_line_forms(month: int, day: int, year: int, minute: int, zero: str) -> list[str]:
    """The Chinese end line in Arabic digits, Chinese numerals and full-width digits."""
    weekday_zh = WEEKDAYS[month % 7][1]
    arabic = f"{year}年{month}月{day}日（星期{weekday_zh}）\n香港時間18時{minute:02d}分"
    spelled = (f"{cn_year(year, zero)}年{cn_small(month)}月{cn_small(day)}日（星期{weekday_zh}）\n"
               f"香港時間十八時{cn_small(minute)}分")
    return [arabic, spelled, arabic.translate(FULL_WIDTH)]


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("zero", ["〇", "○", "零", "O"])
def test_end_line_every_month_and_zero(month: int, zero: str) -> None:
    day = 3 + month * 2
    english = (f"Ends/{WEEKDAYS[month % 7][0]}, {MONTH_NAMES[month - 1]} {day}, 2025\n"
               f"Issued at HKT 18:{month:02d}")
    for chinese in end_line_forms(month, day, 2025, month, zero):
        assert errors(english, chinese) == [], chinese
    wrong = [*end_line_forms(month, day + 1, 2025, month, zero),
             *end_line_forms(month, day, 2024, month, zero),
             *end_line_forms(month, day, 2025, month + 20, zero),
             *end_line_forms(month % 12 + 1, day, 2025, month, zero)]
    for chinese in wrong:
        assert errors(english, chinese), chinese


@pytest.mark.parametrize("first", range(1, 12))
def test_month_range_year_once_every_month(first: int) -> None:
    last = first + 1
    english = f"in {MONTH_NAMES[first - 1]} - {MONTH_NAMES[last - 1]} 2021"
    chinese = f"二○二一年{cn_small(first)}月至{cn_small(last)}月"
    assert errors(english, chinese) == []
    assert errors(english, chinese.replace("二○二一", "二○二二"))
    other = last % 12 + 1
    assert errors(english, f"二○二一年{cn_small(first)}月至{cn_small(other)}月")


@pytest.mark.parametrize(("hour", "period"), [(h, p) for h in range(1, 12) for p in ("am", "pm")])
def test_clock_hours_both_halves(hour: int, period: str) -> None:
    english = f"at {hour}:30 {period[0]}.m."
    zh_period = "上午" if period == "am" else "下午"
    assert errors(english, f"於{zh_period}{hour}時30分") == []
    assert errors(english, f"於{zh_period}{cn_small(hour)}時半") == []
    assert errors(english, f"於{zh_period}{hour}時40分")
    other = "下午" if period == "am" else "上午"
    assert errors(english, f"於{other}{hour}時30分")
    h24 = hour + (12 if period == "pm" else 0)
    assert errors(f"Issued at HKT {h24}:30", f"香港時間{h24}時30分") == []
    assert errors(f"Issued at HKT {h24}:30", f"香港時間{h24}時35分")


@pytest.mark.parametrize("traditional", [True, False])
@pytest.mark.parametrize(("amount", "wan"), [("$130 000", "13萬元"), ("$2 500 000", "250萬元"),
                                             ("$45 600", "4.56萬元"), ("$1 234 567", "1,234,567元")])
def test_space_grouped_amounts(amount: str, wan: str, traditional: bool) -> None:
    chinese = wan if traditional else wan.replace("萬", "万")
    assert errors(f"a grant of {amount}", f"資助{chinese}", traditional=traditional) == []
    wrong = chinese.replace("萬", "億").replace("万", "亿") if "萬" in wan else chinese.replace("4", "5")
    assert errors(f"a grant of {amount}", f"資助{wrong}", traditional=traditional)


# ---- what is read, and how -----------------------------------------------------------

@pytest.mark.parametrize(("english", "minutes"), [
    ("at 3pm", 15 * 60), ("10:30 a.m.", 10 * 60 + 30), ("18:45", 18 * 60 + 45),
    ("noon", 12 * 60), ("midnight", 0), ("12 am", 0), ("12 pm", 12 * 60), ("6.45pm", 18 * 60 + 45),
])
def test_english_clock_times(english: str, minutes: int) -> None:
    times = [q for q in extract_en(english) if q.kind is QuantityKind.TIME]
    assert [int(q.value) for q in times] == [minutes]


@pytest.mark.parametrize(("chinese", "minutes"), [
    ("下午3時30分舉行", 15 * 60 + 30), ("上午10時半", 10 * 60 + 30), ("晚上7時", 19 * 60),
    ("18時45分", 18 * 60 + 45), ("香港时间17时00分", 17 * 60), ("中午12時", 12 * 60),
    ("下午六時四十五分", 18 * 60 + 45), ("凌晨零時", 0), ("晚上12時", 0),
])
def test_chinese_clock_times(chinese: str, minutes: int) -> None:
    times = [q for q in extract_zh(chinese) if q.kind is QuantityKind.TIME]
    assert [int(q.value) for q in times] == [minutes]


@pytest.mark.parametrize("text", ["一時之間", "同時", "第3點建議", "星期五兩天", "週三", "3D打印", "5G網絡"])
def test_chinese_not_clock_or_number(text: str) -> None:
    """No clock time, and no number but the weekday-free 兩 / the ordinal 第3."""
    found = extract_zh(text)
    assert not [q for q in found if q.kind is QuantityKind.TIME]
    assert [q.text for q in found] in ([], ["第3"])


# ---- severity policy: restatements are warnings with their reason ---------------------

@pytest.mark.parametrize(("english", "chinese", "reason"), [
    ("Over the same period, underemployment fell from 57 300 in December 2014 - "
     "February 2015 to 53 500 in January - March 2015.", "同期的就業不足人數由57 300人下跌至53 500人。",
     "relative to the text (同期)"),
    ("The delegation visits Shenzhen from April 19 to 21.", "代表團本月19至21日訪問深圳。", "本月"),
    ("The figure was 32,400.", "數字約為3.2萬。", "rounded"),
    ("The grant is $1.26 million.", "資助額約為130萬元。", "rounded"),
    ("Sales doubled over the period.", "期內銷售額大幅上升。", "multiplier"),
    ("Third, we will review the fees.", "再者，我們會檢討收費。", "ordinal"),
    ("The Secretary visited the site yesterday (March 6).", "局長昨日視察工地。", "(昨日)"),
    ("Employment fell from 3 807 500 in January - March 2015 to 3 801 100 in "
     "April - June 2015, while in January - March 2015 wages rose.",
     "二〇一五年一月至三月的就業人數為3 807 500人，至二〇一五年四月至六月為3 801 100人，工資上升。",
     "repeats this date"),
])
def test_restatement_is_a_warning_with_reason(english: str, chinese: str, reason: str) -> None:
    assert errors(english, chinese) == []
    assert any(reason in m for m in warnings(english, chinese)), warnings(english, chinese)


@pytest.mark.parametrize(("english", "chinese"), [
    ("The figure was about 3,240.", "數字約為3,300。"),          # rounded the wrong way
    ("The figure was about 3,240.", "數字約為3,200。"),          # same form, a digit changed
    ("The figure was 32,400.", "數字約為3.3萬。"),
    ("The plan provides 105 000 flats.", "計劃提供約100 000個單位。"),
    ("The scheme ends on August 31 this year.", "計劃將於本年8月61日結束。"),  # 本年 is no day
    ("The figure was about 3,240.", "數字約為32,000。"),         # magnitude
    ("The grant is $1.26 million.", "資助額約為140萬元。"),
    ("The grant is $1.26 million.", "資助額約為130萬美元。"),
    ("The delegation visits Shenzhen from April 19 to 21.", "代表團本月19至23日訪問深圳。"),
    ("Over the same period, the rate was 3.3% in January - March 2015.",
     "同期二〇一五年二月至三月的比率為3.3%。"),                     # a changed date is no restatement
    ("Sales doubled over the period.", "期內銷售額增加三倍。"),
    # 今日 excuses only the date given in brackets after "today", never another one
    ("The fund, set up on March 3, was reviewed today (May 7).", "基金今日（五月七日）進行檢討。"),
    ("The Secretary visited the site yesterday (March 6).", "局長昨日（三月七日）視察工地。"),
])
def test_changed_value_beside_a_restatement_stays_an_error(english: str, chinese: str) -> None:
    assert errors(english, chinese)


@pytest.mark.parametrize(("english", "chinese", "corrupted"), [
    ("Ends/Thursday, April 22, 2021\nIssued at HKT 17:00", "2021年4月22日(星期四)\n香港时间17时00分",
     "2021年4月22日(星期四)\n香港时间17时30分"),
    ("The meeting starts at 2.30pm.", "会议于下午2时30分开始。", "会议于上午2时30分开始。"),
    ("The meeting starts at 2.30pm.", "会议于下午两点半开始。", "会议于下午三点半开始。"),
    ("The Government has invested $18 billion.", "政府共投放180 亿元。", "政府共投放18 亿元。"),
    ("over 300 000 units in the ten years ahead", "未来十年三十多万个单位", "未来十年三十多个单位"),
    ("in January - March 2021", "二○二一年一月至三月", "二○二○年一月至三月"),
])
def test_simplified_script_forms(english: str, chinese: str, corrupted: str) -> None:
    assert errors(english, chinese, traditional=False) == []
    assert errors(english, corrupted, traditional=False)


def test_changed_repeat_is_not_hidden_by_an_item_label() -> None:
    """(三) is an item label; the second "three years" changed to 9年 is an error."""
    english = "(c) the spending in the past three years, compared with the three years before that"
    assert errors(english, "(三) 過去3年的開支，與之前3年比較") == []
    assert errors(english, "(三) 過去3年的開支，與之前9年比較")


@pytest.mark.parametrize(("english", "hant", "hans"), [
    ("at 3pm", "下午3時", "下午3时"), ("6.45pm", "晚上6時45分", "晚上6时45分"),
    ("10:30 a.m.", "上午10時30分", "上午10时30分"), ("noon", "中午12時", "中午12时"),
    ("midnight", "午夜12時", "午夜12时"), ("12.15am", "凌晨12時15分", "凌晨12时15分"),
    ("Issued at HKT 18:45", "18時45分", "18时45分"),
])
def test_clock_rendering_for_machine_translation(english: str, hant: str, hans: str) -> None:
    """The MT stage puts render_zh's form in place of a clock time; it reads back as
    the same time, in the form releases use (12-hour with 上午/下午, or 24-hour)."""
    from l10n.numbers import compare, render_zh

    quantity = next(q for q in extract_en(english) if q.kind is QuantityKind.TIME)
    assert render_zh(quantity, traditional=True) == hant
    assert render_zh(quantity, traditional=False) == hans
    assert compare(english, hant, traditional=True) == []
