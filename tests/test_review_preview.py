"""The Markdown preview (cmark-gfm): the same document structure the Markdown reader
sees, headings moved under the page's own, nothing from the document able to run or
load."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from l10n.review.preview import render_markdown


@pytest.mark.parametrize(("markdown", "xpath", "expected"), [
    ("# 創科資助\n", "string(//h3)", "創科資助"),
    ("## Two\n", "string(//h4)", "Two"),
    ("#### Four\n", "string(//h6)", "Four"),
    ("###### Six\n", "string(//h6)", "Six"),  # no h8: the lowest level stays h6
    ("| 項目 | 金額 |\n|---|---|\n| 基金 | 4.5億港元 |\n", "string(//table/tbody/tr/td[2])", "4.5億港元"),
    ("Write `<h1>` in code.\n", "string(//p/code)", "<h1>"),
    ("A *stressed* word.\n", "string(//p/em)", "stressed"),
])
def test_markdown_preview_structure(markdown: str, xpath: str, expected: str) -> None:
    tree = lxml_html.fromstring(f"<div>{render_markdown(markdown)}</div>")
    assert tree.xpath(xpath) == expected


@pytest.mark.parametrize("markdown", [
    "Text <script>alert(1)</script> here.\n",
    "<img src=x onerror=alert(1)>\n",
    "[link](javascript:alert(1))\n",
    '<iframe src="https://example.com"></iframe>\n',
])
def test_markdown_preview_runs_and_loads_nothing(markdown: str) -> None:
    html = str(render_markdown(markdown)).lower()
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<iframe" not in html and "<img" not in html


def test_markdown_preview_adds_no_links_the_reader_does_not_see() -> None:
    """The reader has no autolinks or strikethrough: the preview shows them as text."""
    html = str(render_markdown("See www.example.com and ~~old~~.\n"))
    assert "<a " not in html and "<del>" not in html
