"""Benchmark on a dense catalog of Government-style entries (issue 10, speed).

Where ``bench_check.py`` mixes plain sentences with a few amounts, this catalog is the
hard case: nearly every entry holds several quantities in the forms official Hong Kong
releases use — 億/萬 amounts in Arabic digits and in Chinese numerals (一百二十三億元),
financial years (二〇二四至二五年度, 2024-25年度), dates with Chinese-numeral years,
month ranges with the year written once, clock times (下午3時, 香港時間18時45分), the
release end line, percentages as % / 百分之 / 成, and space-grouped thousands. The
sentences are generated from our own templates (no official text is copied).

    python bench/bench_check_gov.py --write gov.po [--entries N] [--seed S]
    python bench/bench_check_gov.py [--repeat R]     # times both tools, prints a table
    python bench/bench_check_gov.py --default-check --pairs 5   # every check vs pofilter, paired
    python bench/bench_check_gov.py --default-check --cold-pairs   # pair results not kept yet

``--write`` only writes the catalog, for timing the two commands with an outside timer.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import compare_main, write_catalog  # noqa: E402

ENTRIES = 20_000
CORRUPTED = 100
SEED = 2026
REPEAT = 3
LOCALE = "zh_Hant_HK"
#: Share of entries with no number: low on purpose, this is the dense case.
PLAIN_SHARE = 0.10

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = [("Monday", "一"), ("Tuesday", "二"), ("Wednesday", "三"), ("Thursday", "四"),
            ("Friday", "五"), ("Saturday", "六"), ("Sunday", "日")]
DIGITS = "〇一二三四五六七八九"
PLAIN = [
    ("The Secretary thanked the committee for its advice.", "局長感謝委員會的意見。"),
    ("The scheme will be reviewed in due course.", "當局會適時檢討計劃。"),
    ("Members of the public are welcome to attend.", "歡迎市民參加。"),
    ("The department will continue to monitor the situation.", "部門會繼續留意情況。"),
]

Pair = tuple[str, str]


def cn_int(n: int) -> str:
    """An integer below 10¹² in Chinese numerals (一百二十三億四千萬), written here
    independently of the library so that the benchmark checks it."""
    if n == 0:
        return "零"
    out = ""
    for unit_value, unit in ((10**8, "億"), (10**4, "萬"), (1, "")):
        part, n = divmod(n, unit_value)
        if part:
            if out and part < 1000:
                out += "零"
            out += _cn_below_10000(part) + unit
    return out[1:] if out.startswith("一十") else out  # 十二, not 一十二


def _cn_below_10000(n: int) -> str:
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def cn_year(year: int) -> str:
    return "".join(DIGITS[int(d)] for d in str(year))


def cn_small(n: int) -> str:
    return cn_int(n)


def _amount_billion(rng: random.Random) -> Pair:
    tenths = rng.randrange(11, 9999)  # $1.1 billion .. $999.9 billion
    value = Decimal(tenths) / 10
    yi = tenths  # ×10 億 per billion, in tenths of a billion = 億
    zh = f"{cn_int(yi)}億元" if rng.random() < 0.5 else f"{yi:,}億元"
    return (f"The Government will earmark ${value} billion for the new measures.",
            f"政府會預留{zh}推行新措施。")


def _amount_million(rng: random.Random) -> Pair:
    millions = rng.randrange(2, 990)
    wan = millions * 100
    zh = f"{wan:,}萬元" if rng.random() < 0.5 else f"{cn_int(wan * 10_000)}元"
    return (f"A further ${millions} million will be provided in {rng.randrange(2019, 2030)}.",
            "{year}年會再提供" + zh + "。")


def _financial_year(rng: random.Random) -> Pair:
    year = rng.randrange(2015, 2030)
    pct = Decimal(rng.randrange(1, 200)) / 10
    if rng.random() < 0.5:
        fy = f"{cn_year(year)}至{cn_year(year + 1)[2:]}年度"
    else:
        fy = f"{year}-{str(year + 1)[2:]}年度"
    return (f"Recurrent expenditure in {year}-{str(year + 1)[2:]} will rise by {pct} per cent.",
            f"{fy}的經常開支將增加{pct}%。")


def _date_release(rng: random.Random) -> Pair:
    month, day, year = rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(2016, 2027)
    wd_en, wd_zh = WEEKDAYS[(month + day) % 7]
    hour, minute = rng.randrange(9, 23), rng.randrange(0, 60)
    if rng.random() < 0.5:
        date = f"{year}年{month}月{day}日"
    else:
        date = f"{cn_year(year)}年{cn_small(month)}月{cn_small(day)}日"
    return (f"Ends/{wd_en}, {MONTHS[month - 1]} {day}, {year}\nIssued at HKT {hour}:{minute:02d}",
            f"{date}（星期{wd_zh}）\n香港時間{hour}時{minute:02d}分")


def _lead_today(rng: random.Random) -> Pair:
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    return (f"Following is a question by a Member and a reply in the Legislative Council "
            f"today ({MONTHS[month - 1]} {day}):",
            f"以下是今日（{cn_small(month)}月{cn_small(day)}日）在立法會會議上議員的提問和答覆：")


def _month_range(rng: random.Random) -> Pair:
    first, year = rng.randrange(1, 11), rng.randrange(2015, 2026)
    last = first + 2
    rate = Decimal(rng.randrange(20, 80)) / 10
    return (f"The unemployment rate for {MONTHS[first - 1]} - {MONTHS[last - 1]} {year} was {rate}%.",
            f"{cn_year(year)}年{cn_small(first)}月至{cn_small(last)}月的失業率為{rate}%。")


def _clock(rng: random.Random) -> Pair:
    hour = rng.randrange(1, 12)
    half = rng.choice(["am", "pm"])
    minute = rng.choice([0, 15, 30, 45])
    zh_period = "上午" if half == "am" else "下午"
    zh_minute = "" if minute == 0 else ("半" if minute == 30 else f"{minute}分")
    en_time = f"{hour}{half}" if minute == 0 else f"{hour}.{minute:02d}{half}"
    return (f"The ceremony will start at {en_time} on {rng.randrange(1, 29)} {rng.choice(MONTHS)}.",
            "典禮於{date}" + f"{zh_period}{hour}時{zh_minute}開始。")


def _people(rng: random.Random) -> Pair:
    thousands = rng.randrange(11, 990)
    count = thousands * 1000
    zh = f"{cn_int(count)}人" if rng.random() < 0.5 else f"{count // 10000}萬{(count % 10000):,}人"
    if count % 10000 == 0:
        zh = f"{count // 10000}萬人"
    return (f"Some {count:,} people benefited, {rng.randrange(2, 9) * 10} per cent more than before.",
            "約{zh}受惠，較以往多{pct}。".replace("{zh}", zh))


def _space_grouped(rng: random.Random) -> Pair:
    value = rng.randrange(100_000, 9_999_999)
    grouped = f"{value:,}".replace(",", " ")
    return (f"The labour force was {grouped}, up {rng.randrange(2, 90) * 100:,} on the quarter.",
            f"勞動人口為{grouped}人，按季增加" + "{up}人。")


def _percent_cheng(rng: random.Random) -> Pair:
    low = rng.randrange(2, 8)
    return (f"About {low * 10} per cent to {low * 10 + 10} per cent of the water is recycled.",
            f"約{cn_small(low)}至{cn_small(low + 1)}成的用水會循環再用。")


TEMPLATES: list[Callable[[random.Random], Pair]] = [
    _amount_billion, _amount_million, _financial_year, _date_release, _lead_today,
    _month_range, _clock, _people, _space_grouped, _percent_cheng,
]


def _fill(rng: random.Random, english: str, chinese: str) -> Pair:
    """Fill the Chinese slots that repeat a number of the English."""
    import re

    if "{year}" in chinese:
        chinese = chinese.replace("{year}", re.findall(r"\b(20\d\d)\b", english)[-1])
    if "{date}" in chinese:
        m = re.search(r"on (\d+) (\w+)\.", english)
        assert m is not None
        chinese = chinese.replace("{date}", f"{MONTHS.index(m.group(2)) + 1}月{m.group(1)}日")
    if "{pct}" in chinese:
        pct = re.findall(r"(\d+) per cent", english)[-1]
        chinese = chinese.replace("{pct}", f"{cn_small(int(pct) // 10)}成" if rng.random() < 0.5
                                  else f"百分之{cn_small(int(pct))}")
    if "{up}" in chinese:
        up = re.findall(r"up ([\d,]+)", english)[-1]
        chinese = chinese.replace("{up}", up)
    return english, chinese


def make_pair(rng: random.Random) -> Pair:
    if rng.random() < PLAIN_SHARE:
        return rng.choice(PLAIN)
    first = _fill(rng, *rng.choice(TEMPLATES)(rng))
    if rng.random() < 0.5:
        return first
    second = _fill(rng, *rng.choice(TEMPLATES)(rng))
    return f"{first[0]} {second[0]}", f"{first[1]}{second[1]}"


#: Corruptions: each changes one fact of a correct pair (digit, magnitude, year, month,
#: clock, currency) the way a careless translation would.
def corrupt(rng: random.Random, n: int) -> Pair:
    while True:
        english, chinese = _fill(rng, *TEMPLATES[n % len(TEMPLATES)](rng))
        bad = _corrupt_text(chinese, n)
        if bad != chinese:
            return english, bad


def _corrupt_text(chinese: str, n: int) -> str:
    import re

    kind = n % 3
    if kind == 0 and "億" in chinese:
        return chinese.replace("億", "萬", 1)
    if kind == 1 and "元" in chinese:
        return chinese.replace("元", "美元", 1)
    digits = list(re.finditer(r"[1-8]", chinese))
    if digits:
        m = digits[len(digits) // 2]
        return chinese[:m.start()] + str(int(m.group()) + 1) + chinese[m.end():]
    for a, b in (("三", "四"), ("五", "六"), ("七", "八"), ("二", "三"), ("一", "二")):
        if a in chinese:
            return chinese.replace(a, b, 1)
    return chinese


def build_catalog(path: Path, entries: int, seed: int) -> set[str]:
    """Write the catalog; return the msgctxt of every corrupted entry."""
    return write_catalog(path, entries, seed, corrupted=CORRUPTED, prefix="g", make_pair=make_pair,
                         corrupt=corrupt)


def main(argv: list[str] | None = None) -> int:
    return compare_main(argv, description=__doc__.splitlines()[0], build=build_catalog, entries=ENTRIES,
                        seed=SEED, repeat=REPEAT, label="gov catalog",
                        write_help="only write the catalog to this path")


if __name__ == "__main__":
    raise SystemExit(main())
