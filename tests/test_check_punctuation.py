"""The ``punctuation`` check: full-width marks in Chinese, balanced pairs, final marks.

Conventions (Hong Kong and Mainland official style): ，。：；？！（） are full-width in
Chinese prose; digits keep half-width separators (1,000  3.5  1:9  18:45); a numbered
paragraph starts "78. "; quotations are 「」 in Hong Kong and “” on the Mainland; a
quotation may open in one sentence and close in a later one; headings and the end-of-
release line carry no final mark. Sentences are our own.
"""

from __future__ import annotations

import pytest

from l10n.checks import CheckEnv, run_checks
from l10n.checks.punctuation import half_width_marks, unbalanced_pairs
from l10n.locales import parse_locale
from l10n.model import Entry, Severity


def punct_findings(source: str, target: str, locale: str) -> list[tuple[Severity, str]]:
    entry = Entry(source, target, "t.po", 1)
    return [(f.severity, f.message) for f in run_checks([entry], CheckEnv(parse_locale(locale)), ["punctuation"])]


PASSING = [
    ("The plan was announced today and opens on 1 March 2025.", "政府今日公布，計劃於2025年3月1日推出。"),
    ("The amount is $1,000, up 3.5%.", "金額為1,000元，增長3.5%。"),
    ("The ratio is 1:9.", "比例為1:9。"),
    ("The meeting starts at 6.45pm.", "會議於18:45開始。"),
    ("78. The Government will launch the scheme.", "78. 政府會推出計劃。"),
    ("(a) the scheme will open;", "(a) 計劃會開放；"),  # a list marker as the source writes it
    ("See https://www.example.gov.hk/index.html?lang=en.", "請瀏覽 https://www.example.gov.hk/index.html?lang=tc 。"),
    ("The <1>scheme</1> opens today.", "<1>計劃</1>今日開放。"),
    ("Dr Smith, the chairman, spoke.", "主席 Dr Smith, MH 致辭。"),  # half-width inside English kept
    ('He said, "The market remained stable.', "他表示：「市場保持穩定。"),  # quotation continues
    ("Increase Research Funding", "擴大研究資助"),  # a heading: no final mark asked
    ("Ends/Monday, May 27, 2019", "2019年5月27日（星期一）"),
    ('He said: "We will act."', "他說：「我們會行動。」"),
    ("Will it open?", "會開放嗎？"),
    ("Items include books, pens, etc.", "項目包括書本、筆等"),  # an abbreviation's dot
    ("The report (2024) is out.", "《報告》（2024年）已發表。"),
]


@pytest.mark.parametrize(("source", "target"), PASSING)
@pytest.mark.parametrize("locale", ["zh-Hant-HK", "zh-Hans-CN"])
def test_official_style_passes(source: str, target: str, locale: str) -> None:
    assert punct_findings(source, target, locale) == []


def test_mainland_quotation_marks_pass() -> None:
    assert punct_findings('He said: "We will act."', "他说：“我们会行动。”", "zh-Hans-CN") == []


FAILING = [
    ("The plan was announced, and opens today.", "政府今日公布,計劃推出。", "half-width ,"),
    ("The first meeting was held today.", "會議(第一次)今日舉行。", "half-width ( )"),
    ("He asked: will it open?", "他問:是否推出?", "half-width : ?"),
    ("The scheme opens.", "計劃推出.", "half-width ."),
    ('The "scheme" opens.', "「計劃開放。", "unbalanced 「"),
    ('The "scheme" opens.', "」計劃「開放。", "unbalanced"),
    ("The report is out.", "《報告》書》已發表。", "unbalanced 》"),
    ("The scheme opens today.", "計劃今日開放", "no final"),
    ('He said: "We will act."', "他說：「我們會行動」", "no final"),
    ("The scheme opens today.", "計劃今日開放。。", "doubled"),
    ("Books, pens and paper.", "書本，，筆和紙。", "doubled"),
]


@pytest.mark.parametrize(("source", "target", "words"), FAILING)
@pytest.mark.parametrize("locale", ["zh-Hant-HK", "zh-Hans-CN"])
def test_punctuation_problems_are_warnings(source: str, target: str, words: str, locale: str) -> None:
    found = punct_findings(source, target, locale)
    assert len(found) == 1, found
    assert found[0][0] is Severity.WARNING
    assert words in found[0][1]


@pytest.mark.parametrize(("text", "marks"), [
    ("一,二", [","]), ("1,000", []), ("A, B", []), ("甲 (乙)", ["(", ")"]), ("<1/>:甲", [":"]),
    ("電郵 info@example.org。", []),
])
def test_half_width_marks(text: str, marks: list[str]) -> None:
    assert half_width_marks(text) == marks


@pytest.mark.parametrize(("text", "stray"), [
    ("「甲『乙』」", []), ("「甲", ["「"]), ("甲」", ["」"]), ("「甲（乙」）", ["」", "「"]),
    ("Leung’s 計劃", []),  # an apostrophe in a kept English name is not a quote
])
def test_unbalanced_pairs(text: str, stray: list[str]) -> None:
    assert unbalanced_pairs(text) == stray
