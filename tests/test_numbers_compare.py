"""The number-integrity table: invented press-release sentences with correct and
corrupted Chinese translations, in zh-Hant; the zh-Hans target is either written
out or derived with OpenCC (t2s), so every row is checked in both scripts.

``expect`` is the set of mismatch kinds the comparison must report; empty means the
translation is correct and must produce no finding at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import opencc
import pytest

from l10n.numbers import compare, extract_en, render_zh

OK: frozenset[str] = frozenset()
NUM = frozenset({"numbers"})
CUR = frozenset({"currency"})
ORD = frozenset({"ordinal"})
EXTRA = frozenset({"extra"})


@dataclass(frozen=True)
class Row:
    source: str
    hant: str
    expect: frozenset[str] = OK
    hans: str | None = None


ROWS: list[Row] = [
    # --- money with magnitudes -------------------------------------------------------
    Row("The Authority approved HK$12.8 billion for the new hospital.",
        "管理局批出128億港元興建新醫院。"),
    Row("The scheme has a budget of US$36 million.", "計劃預算為3,600萬美元。"),
    Row("Total spending reached HK$3.415 billion last year.", "去年總開支達34.15億港元。"),
    Row("The dual listing raised HK$1.56 billion (US$200 million).",
        "是次雙重上市集資15.6億港元（2億美元）。"),
    Row("The operator will invest HK$8.9 billion in the new line.",
        "營運商將投資港幣89億元興建新線。"),
    Row("A further HK\\$120 million will go to training.", "另有1.2億港元用於培訓。"),
    Row("The loan facility of RMB 800 million was signed today.",
        "人民幣8億元的貸款安排今日簽署。", hans="8亿元人民币的贷款安排今日签署。"),
    Row("The partner fund holds €45 million.", "合作基金持有4,500萬歐元。"),
    Row("The university received a gift of £2.5 million.", "大學獲捐贈250萬英鎊。"),
    Row("The Japanese investor committed ¥3 billion.", "日本投資者承諾投資30億日圓。"),
    Row("Reserves stood at HKD 600 million.", "儲備為6億港元。"),
    Row("Global trade in the sector reached US$1.1 trillion.", "該行業全球貿易額達1.1萬億美元。"),
    Row("The Government has earmarked $56.2 billion for the plan.",
        "政府已為計劃預留五百六十二億元。", hans="政府已为计划预留562亿元。"),
    Row("The project costs $3.125 billion.", "項目成本為三十一億二千五百萬元。",
        hans="项目成本为31亿2,500万元。"),
    Row("The grant totals $1.73 billion.", "撥款總額為17億3,000萬元。", hans="拨款总额为17.3亿元。"),
    Row("Each voucher is worth $450 million in total.", "消費券總值4億5,000萬元。",
        hans="消费券总值4.5亿元。"),
    Row("Tickets cost HK$500 each.", "門票每張港幣500元。", hans="门票每张500港元。"),
    Row("The subsidy is $1,200 per month.", "津貼為每月1,200元。"),
    Row("The fee is US$5 per visit.", "每次收費5美元。"),
    Row("Funding of HK$2 to 3 billion is expected.", "預計資金為20億至30億港元。",
        hans="预计资金为20至30亿港元。"),
    Row("<1>HK$3 billion</1> was raised.", "籌得<1>30億港元</1>。"),
    Row("Start-ups have raised more than HK$9.75 billion.", "初創企業籌得逾97.5億港元。"),
    # --- plain counts and separators ---------------------------------------------------
    Row("Visitors rose to 4,518 last month.", "上月訪客增至4,518人。", hans="上月访客增至4518人。"),
    Row("The library lent 3,087 books.", "圖書館借出３，０８７本書。", hans="图书馆借出3 087本书。"),
    Row("The park hosts over 1,500 companies.", "園區匯聚超過1,500家公司。"),
    Row("More than 3 400 students joined.", "逾3 400名學生參加。", hans="超过3,400名学生参加。"),
    Row("The site covers 17 000 square metres.", "場地佔地17 000平方米。",
        hans="场地占地1.7万平方米。"),
    Row("The scheme will reach 700 000 households.", "計劃將惠及70萬戶家庭。"),
    Row("The city welcomed 1.2 million visitors.", "該市迎來120萬名旅客。"),
    Row("About 2,500 project leads were generated.", "共產生約2,500個項目線索。",
        hans="共产生2,500多个项目线索。"),
    Row("Over 280 accelerators in 35 markets took part.", "逾280個加速器參與，遍及35個市場。"),
    Row("The survey covered 10,250 residents in 18 districts.",
        "調查涵蓋18區共10,250名居民。"),
    Row("Sales rose to 12.5 thousand units.", "銷量升至12,500台。"),
    # --- spelled-out numbers ------------------------------------------------------------
    Row("The panel has five judges and seven advisers.", "評審團有五名評審及七名顧問。",
        hans="评审团有5名评审及7名顾问。"),
    Row("The firm opened one hundred and five stores.", "該公司開設了一百零五間分店。",
        hans="该公司开设了105间分店。"),
    Row("Delegates came from twenty-six countries.", "代表來自二十六個國家。",
        hans="代表来自26个国家。"),
    Row("The group signed deals with a dozen partners.", "集團與十二個夥伴簽署協議。"),
    Row("The hub will open two new campuses.", "樞紐將開設兩個新園區。"),
    Row("It is one of the ten largest parks in the region.", "這是區內十大園區之一。"),
    Row("One of the speakers said the event was a success.", "其中一位講者表示活動非常成功。"),
    Row("Construction takes five to seven months.", "工程需時五至七個月。",
        hans="工程需时5至7个月。"),
    Row("The centre offers a one-stop service.", "中心提供一站式服務。"),
    Row("The corridor will be a two-way springboard.", "走廊將成為雙向跳板。"),
    Row("Nine out of ten residents support it.", "十分之九居民表示支持。"),
    # --- fractions and percentages ------------------------------------------------------
    Row("Two-thirds of respondents agreed.", "三分之二受訪者表示同意。",
        hans="三分之二受访者表示同意。"),
    Row("One-tenth of the land is reserved for parks.", "十分一土地預留作公園。",
        hans="十分之一土地预留作公园。"),
    Row("One-third of founders come from overseas.", "三分之一創辦人來自海外。"),
    Row("Half of the funding goes to research.", "一半資金撥作研究用途。"),
    Row("Exports grew 12 per cent.", "出口增長12%。", hans="出口增长百分之十二。"),
    Row("Occupancy reached 100 per cent.", "入住率達百分之百。", hans="入住率达100%。"),
    Row("About 80 per cent of firms are SMEs.", "約八成企業為中小企。",
        hans="约80%企业为中小企。"),
    Row("Prices rose 33% year on year.", "價格按年上升百分之三十三。", hans="价格同比上升33%。"),
    Row("Unemployment fell 0.2 percentage points.", "失業率下跌0.2個百分點。"),
    Row("Returns of 10-15 per cent are expected.", "預期回報為10%至15%。",
        hans="预期回报为10至15%。"),
    Row("Sixty per cent of staff work remotely.", "六成員工遙距工作。",
        hans="60%员工远程工作。"),
    Row("Prices rose 12.5% in the quarter.", "本季價格上升百分之十二點五。", hans="本季价格上升12.5%。"),
    Row("Each household receives a HK$10,000 payout.", "每戶獲發一萬元。",
        hans="每户获发10,000港元。"),
    Row("The office is at Room 1001, 10/F, Cyberport 1.", "辦事處位於數碼港1座10樓1001室。"),
    Row("Over the past 10 years, exports doubled.", "過去十年，出口翻倍。"),
    # --- ratios ---------------------------------------------------------------------------
    Row("The matching ratio is 1:4.", "配對比例為1比4。", hans="配对比例为1:4。"),
    Row("The fund achieved a leverage ratio of 1:9.", "基金的槓桿比率達一比九。",
        hans="基金的杠杆比率达1：9。"),
    # --- dates and years ----------------------------------------------------------------
    Row("The exhibition opens on 12 March 2026.", "展覽於2026年3月12日開幕。"),
    Row("Registration closes on 30 Nov.", "登記於11月30日截止。"),
    Row("The forum will be held on October 8, 2025.", "論壇將於2025年10月8日舉行。"),
    Row("Hong Kong, 4 June 2025 – The council met today (4 Jun).",
        "香港，2025年6月4日 – 理事會今日（6月4日）舉行會議。"),
    Row("The fair runs from 3-5 December 2025.", "展覽會於2025年12月3日至5日舉行。"),
    Row("Open days are on 5 and 6 October.", "開放日於10月5日及6日舉行。"),
    Row("The talks run from 30 June to 2 July 2026.", "會談於2026年6月30日至7月2日舉行。"),
    Row("The index was published in September 2025.", "指數於2025年9月公布。"),
    Row("The Global Innovation Index 2025 was released.", "《2025年全球創新指數》已經公布。"),
    Row("The 2023-24 Budget was announced.", "二零二三/二四年度財政預算案已公布。",
        hans="2023-24年度财政预算案已公布。"),
    Row("In 2021-22, revenue rose.", "二〇二一／二二年度收入上升。", hans="2021/22年度收入上升。"),
    Row("Figures for 2019-20 are final.", "二O一九/二O年度的數字為最終數字。"),
    Row("Output grew every year from 2015 to 2018.", "二零一五至一八年產量每年均有增長。",
        hans="2015年至2018年产量每年均有增长。"),
    Row("Sales doubled in the first half of 2025.", "2025年上半年銷售額翻倍。"),
    Row("The plan covers 2026-2030.", "計劃涵蓋2026至2030年。"),
    # --- ordinals -------------------------------------------------------------------------
    Row("The cluster ranked first in Asia.", "該集群在亞洲排名第一。"),
    Row("It is the first centre of its kind.", "這是首個同類中心。"),
    Row("This is the 12th edition of the fair.", "這是第12屆展覽會。", hans="这是第十二届展览会。"),
    Row("It held the second position for five consecutive years.",
        "該集群連續五年位列第二。"),
    Row("The museum celebrates its 26th anniversary.", "博物館慶祝成立二十六周年。"),
    Row("Phase 2 will start soon.", "第二期即將展開。"),
    # --- things that are not quantities ---------------------------------------------------
    Row("For enquiries, please call 2588 1234.", "查詢請致電2588 1234。"),
    Row("Media enquiries: ( 852 ) 3166 3993.", "傳媒查詢：（852）3166 3993。"),
    Row("The ceremony starts at 3pm.", "典禮於下午3時開始。"),
    Row("The COVID-19 measures ended.", "2019冠狀病毒病防疫措施已經結束。",
        hans="新冠疫情防控措施已经结束。"),
    Row("The talks were held in Kowloon.", "會談在九龍舉行。"),
    Row("Semiconductor firms joined together.", "半導體企業一起參與。"),

    # --- written after the table was first green, kept as regression cases -----------
    Row("The Government will inject HK$5 billion into the fund in 2026-27.",
        "政府將於二零二六/二七年度向基金注資50億元。"),
    Row("More than 60 per cent of the 1,200 respondents were aged between 18 and 35.",
        "1,200名受訪者中逾六成年齡介乎18至35歲。"),
    Row("The new terminal can handle 30 million passengers a year.",
        "新客運大樓每年可處理3,000萬人次旅客。"),
    Row("The first phase, costing about US$1.2 billion, will be completed by the end of 2027.",
        "第一期工程耗資約12億美元，將於2027年年底前完成。"),
    Row("Three of the 12 finalists are from Hong Kong.", "12名決賽入圍者中有三名來自香港。"),
    Row("A quarter of the budget, or RMB 250 million, goes to education.",
        "四分之一預算，即人民幣2.5億元，將撥作教育用途。"),
    Row("Seven in ten firms plan to hire.", "七成企業計劃招聘。"),
    Row("The park will open in the third quarter of 2026.", "園區將於2026年第三季開幕。"),
    Row("Revenue reached €1.35 billion, up 9% on 2024.", "收入達13.5億歐元，較2024年上升9%。"),
    Row("The Greater Bay Area has a population of over 86 million.", "大灣區人口超過8,600萬。",
        hans="大湾区人口超过8,600万。"),
    Row("Two of the five new routes will start on 1 March.", "五條新航線中有兩條將於3月1日開通。"),
    Row("HK$2.5 billion (about US$320 million) has been set aside.",
        "已預留25億港元（約3.2億美元）。"),
    Row("The talks on 15-16 May 2025 were productive.", "2025年5月15日至16日的會談富有成效。"),
    Row("In 2018-19, the deficit was $10.2 billion.", "二零一八/一九年度的赤字為102億元。"),

    # ===== corrupted translations ==========================================================
    Row("The Authority approved HK$12.8 billion for the new hospital.",
        "管理局批出12.8億港元興建新醫院。", NUM),
    Row("The scheme has a budget of US$36 million.", "計劃預算為3,600萬港元。", CUR),
    Row("The fee is US$5 per visit.", "每次收費5港元。", CUR),
    Row("The fee is US$5 per visit.", "每次收費5元。", CUR),
    Row("The fee is US$5 per visit.", "每次收費5。", CUR),
    Row("The loan facility of RMB 800 million was signed today.", "8億港元的貸款安排今日簽署。",
        CUR),
    Row("The partner fund holds €45 million.", "合作基金持有4,500萬日圓。", CUR),
    Row("Total spending reached HK$3.415 billion last year.", "去年總開支達34.51億港元。", NUM),
    Row("The dual listing raised HK$1.56 billion (US$200 million).",
        "是次雙重上市集資156億港元（2億美元）。", NUM),
    Row("The dual listing raised HK$1.56 billion (US$200 million).",
        "是次雙重上市集資15.6億港元（200億美元）。", NUM),
    Row("Global trade in the sector reached US$1.1 trillion.", "該行業全球貿易額達1.1億美元。",
        NUM),
    Row("The Government has earmarked $56.2 billion for the plan.",
        "政府已為計劃預留五百二十六億元。", NUM),
    Row("The project costs $3.125 billion.", "項目成本為三十一億五千二百萬元。", NUM),
    Row("The grant totals $1.73 billion.", "撥款總額為17億3,000元。", NUM),
    Row("Start-ups have raised more than HK$9.75 billion.", "初創企業籌得逾9.75億港元。", NUM),
    Row("Visitors rose to 4,518 last month.", "上月訪客增至4,519人。", NUM),
    Row("The library lent 3,087 books.", "圖書館借出３，０７８本書。", NUM),
    Row("The park hosts over 1,500 companies.", "園區匯聚超過1,600家公司。", NUM),
    Row("The scheme will reach 700 000 households.", "計劃將惠及7萬戶家庭。", NUM),
    Row("The city welcomed 1.2 million visitors.", "該市迎來1.2萬名旅客。", NUM),
    Row("The survey covered 10,250 residents in 18 districts.",
        "調查涵蓋十八區居民。", NUM),
    Row("The panel has five judges and seven advisers.", "評審團有評審及顧問。", NUM),
    Row("The panel has five judges and seven advisers.", "評審團有五名評審及八名顧問。", NUM),
    Row("The firm opened one hundred and five stores.", "該公司開設了一百五十間分店。", NUM),
    Row("Delegates came from twenty-six countries.", "代表來自二十七個國家。", NUM),
    Row("The group signed deals with a dozen partners.", "集團與十一個夥伴簽署協議。", NUM),
    Row("Construction takes five to seven months.", "工程需時五至八個月。", NUM),
    Row("Two-thirds of respondents agreed.", "三分之一受訪者表示同意。", NUM),
    Row("One-third of founders come from overseas.", "四分之一創辦人來自海外。", NUM),
    Row("One-tenth of the land is reserved for parks.", "十分三土地預留作公園。", NUM),
    Row("Half of the funding goes to research.", "三分之一資金撥作研究用途。", NUM),
    Row("Exports grew 12 per cent.", "出口增長21%。", NUM),
    Row("Occupancy reached 100 per cent.", "入住率達百分之十。", NUM),
    Row("About 80 per cent of firms are SMEs.", "約七成企業為中小企。", NUM),
    Row("Unemployment fell 0.2 percentage points.", "失業率下跌2個百分點。", NUM),
    Row("The matching ratio is 1:4.", "配對比例為1比5。", NUM),
    Row("The fund achieved a leverage ratio of 1:9.", "基金的槓桿比率達九比一。", NUM),
    Row("The exhibition opens on 12 March 2026.", "展覽於2026年3月21日開幕。", NUM),
    Row("Registration closes on 30 Nov.", "登記於10月30日截止。", NUM),
    Row("The forum will be held on October 8, 2025.", "論壇將於2024年10月8日舉行。", NUM),
    Row("The fair runs from 3-5 December 2025.", "展覽會於2025年12月3日至6日舉行。", NUM),
    Row("The Global Innovation Index 2025 was released.", "《2024年全球創新指數》已經公布。",
        NUM),
    Row("The 2023-24 Budget was announced.", "二零二二/二三年度財政預算案已公布。", NUM),
    Row("Output grew every year from 2015 to 2018.", "二零一五至一九年產量每年均有增長。", NUM),
    Row("Open days are on 5 and 6 October.", "開放日於10月5日及7日舉行。", NUM),
    Row("Prices rose 12.5% in the quarter.", "本季價格上升百分之十二點六。", NUM),
    Row("Each household receives a HK$10,000 payout.", "每戶獲發一千元。", NUM),
    Row("The new terminal can handle 30 million passengers a year.",
        "新客運大樓每年可處理300萬人次旅客。", NUM),
    Row("Revenue reached €1.35 billion, up 9% on 2024.", "收入達13.5億美元，較2024年上升9%。", CUR),
    Row("HK$2.5 billion (about US$320 million) has been set aside.",
        "已預留25億港元（約32億美元）。", NUM),
    Row("In 2018-19, the deficit was $10.2 billion.", "二零一九/二零年度的赤字為102億元。", NUM),
    Row("Admission is HK$20 for adults and HK$10 for children.",
        "成人入場費為20美元，兒童為10港元。", CUR),
    Row("The cluster ranked first in Asia.", "該集群在亞洲名列前茅。", ORD),
    Row("This is the 12th edition of the fair.", "這是第13屆展覽會。", NUM),
    Row("The park hosts many companies.", "園區匯聚1,500家公司。", EXTRA),
    Row("For enquiries, please call 2588 1234.", "查詢請致電2588 1243。", NUM),
    Row("Returns of 10-15 per cent are expected.", "預期回報為10%至16%。", NUM),
    Row("Funding of HK$2 to 3 billion is expected.", "預計資金為2億至3億港元。", NUM),
    Row("The operator will invest HK$8.9 billion in the new line.",
        "營運商將投資美元89億元興建新線。", CUR),
    Row("The site covers 17 000 square metres.", "場地佔地1,700平方米。", NUM),
]


def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def cases() -> list[tuple[str, str, str, bool, frozenset[str]]]:
    """Every row twice, as (id, source, target, traditional, expected kinds)."""
    convert = _t2s()
    out: list[tuple[str, str, str, bool, frozenset[str]]] = []
    for n, row in enumerate(ROWS):
        tag = "ok" if not row.expect else "bad"
        out.append((f"{n:03d}-{tag}-hant", row.source, row.hant, True, row.expect))
        hans = row.hans if row.hans is not None else convert.convert(row.hant)
        out.append((f"{n:03d}-{tag}-hans", row.source, hans, False, row.expect))
    return out


CASES = cases()


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert any(c[4] for c in CASES) and any(not c[4] for c in CASES)


@pytest.mark.parametrize(("source", "target", "traditional", "expect"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_table(source: str, target: str, traditional: bool, expect: frozenset[str]) -> None:
    found = compare(source, target, traditional=traditional)
    kinds = {m.kind for m in found}
    if not expect:
        assert found == [], [m.message for m in found]
    else:
        assert expect <= kinds, [m.message for m in found]


def table_metrics() -> tuple[int, float, float]:
    """(cases, false-positive rate, recall) of the table: a correct pair is a false
    positive when anything at all is reported; a corrupted pair is caught when any
    mismatch is reported."""
    good = [c for c in CASES if not c[4]]
    bad = [c for c in CASES if c[4]]
    flagged = sum(1 for c in good if compare(c[1], c[2], traditional=c[3]))
    caught = sum(1 for c in bad if compare(c[1], c[2], traditional=c[3]))
    return len(CASES), flagged / len(good), caught / len(bad)


def test_metrics() -> None:
    _, fp_rate, recall = table_metrics()
    assert fp_rate == 0.0
    assert recall == 1.0


@pytest.mark.parametrize(("english", "hant", "hans"), [
    ("HK$44.3 billion", "443億港元", "443亿港元"),
    ("US$248 million", "2.48億美元", "2.48亿美元"),
    ("HK$2.597 billion", "25.97億港元", "25.97亿港元"),
    ("HK$5 million", "500萬港元", "500万港元"),
    ("RMB 5 billion", "50億元人民幣", "50亿元人民币"),
    ("US$1.1 trillion", "1.1萬億美元", "1.1万亿美元"),
    ("2,292", "2,292", "2,292"),
    ("700 000", "70萬", "70万"),
    ("1.7 million", "170萬", "170万"),
    ("33 per cent", "33%", "33%"),
    ("1 September 2025", "2025年9月1日", "2025年9月1日"),
    ("1 Sep", "9月1日", "9月1日"),
    ("1:9", "1:9", "1:9"),
    ("one-third", "三分之一", "三分之一"),
    ("two-thirds", "三分之二", "三分之二"),
    ("five", "五", "五"),
    ("one hundred and five", "一百零五", "一百零五"),
    ("first", "第一", "第一"),
    ("26th", "第26", "第26"),
    ("2019-20", "2019-20", "2019-20"),
    ("2015 to 2018", "2015", "2015"),
    ("3-5 December 2025", "2025年12月3日至5日", "2025年12月3日至5日"),
    ("30 June to 2 July 2026", "6月30日", "6月30日"),
    ("( 852 ) 3166 3993", "( 852 ) 3166 3993", "( 852 ) 3166 3993"),
])
def test_render_zh(english: str, hant: str, hans: str) -> None:
    q = extract_en(english)[0]
    assert render_zh(q, traditional=True) == hant
    assert render_zh(q, traditional=False) == hans


def _substituted(source: str, traditional: bool) -> str:
    """The source with every quantity replaced by its rendering, as the MT stage does."""
    out, pos = [], 0
    for q in extract_en(source):
        if q.start < pos:
            continue  # the second quantity of a span renders with the first
        out += [source[pos:q.start], " ", render_zh(q, traditional=traditional), " "]
        pos = q.end
    return "".join([*out, source[pos:]])


@pytest.mark.parametrize("source", sorted({row.source for row in ROWS}))
def test_rendered_substitution_always_matches(source: str) -> None:
    for traditional in (True, False):
        target = _substituted(source, traditional)
        assert compare(source, target, traditional=traditional) == [], target
