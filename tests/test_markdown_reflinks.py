"""Issue 13, item 5: Markdown reference links stay reference links.

Before, a translated paragraph rebuilt ``[text][ref]`` (and ``[ref]``) as inline links
``[譯文](https://...)``: the definitions were left unused and the paragraph carried the URL.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from markdown_it import MarkdownIt

from l10n.build import build_document
from l10n.extract import template_for
from l10n.formats import read_document
from l10n.formats.markdown import reference_label
from l10n.locales import parse_locale

HANT = parse_locale("zh-Hant-HK")

RELEASE = """# Harbour report published

The [full report][report] and its [Annex] are online; see also [the press office](https://www.info.gov.hk/).

Read the [summary][] first.

[report]: https://www.gov.hk/report.pdf "Full report"
[annex]: <https://www.gov.hk/annex (2025).pdf>
[summary]: https://www.gov.hk/summary.html
"""
TRANSLATIONS = {
    "Harbour report published": "海港報告發表",
    "The <1>full report</1> and its <2>Annex</2> are online; see also <3>the press office</3>.":
        "<1>報告全文</1>及其<2>附件</2>已上載；另見<3>新聞處</3>。",
    "Read the <1>summary</1> first.": "請先閱讀<1>摘要</1>。",
}


def _catalog(table: dict[str, str]) -> polib.POFile:
    po = polib.POFile()
    for msgid, msgstr in table.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def _links(markdown: str) -> list[tuple[str, str]]:
    """(text, href) of every link as CommonMark reads the document."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    found = []
    for tok in tokens:
        children = tok.children or []
        for i, child in enumerate(children):
            if child.type == "link_open":
                found.append((children[i + 1].content, str(child.attrs["href"])))
    return found


@pytest.fixture
def release(tmp_path: Path) -> Path:
    path = tmp_path / "report.md"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def test_reference_links_extract_as_links(release: Path) -> None:
    assert [e.msgid for e in template_for(read_document(release))] == list(TRANSLATIONS)


def test_translated_paragraph_keeps_reference_links(release: Path) -> None:
    out = build_document(read_document(release), _catalog(TRANSLATIONS), HANT)[0].decode("utf-8")
    assert "[報告全文][report]及其[附件][Annex]已上載；另見[新聞處](https://www.info.gov.hk/)。" in out
    assert "請先閱讀[摘要][summary]。" in out
    assert out.endswith(RELEASE.split("\n\n", 3)[3])  # the definitions, byte for byte
    assert "https://www.gov.hk/report.pdf" not in out.split("\n\n")[1]  # no URL in the paragraph
    assert _links(out) == [("報告全文", "https://www.gov.hk/report.pdf"),
                           ("附件", "https://www.gov.hk/annex%20(2025).pdf"),
                           ("新聞處", "https://www.info.gov.hk/"),
                           ("摘要", "https://www.gov.hk/summary.html")]


def test_round_trip_without_translation_is_byte_for_byte(release: Path) -> None:
    assert build_document(read_document(release), polib.POFile(), HANT)[0] == RELEASE.encode("utf-8")


REFS = {"REPORT": {"href": "https://x/r", "title": ""}, "ANNEX": {"href": "https://x/a", "title": ""}}


@pytest.mark.parametrize(("href", "raw", "label"), [
    ("https://x/r", "the [text][report] here", "report"),
    ("https://x/r", "the [Report][] here", "Report"),
    ("https://x/a", "the [annex] here", "annex"),
    ("https://x/r", "the [text](https://x/r) here", None),  # written inline: stays inline
    ("https://x/other", "the [text][report] here", None),
    ("https://x/r", "no refs", None),
])
def test_reference_label_table(href: str, raw: str, label: str | None) -> None:
    assert reference_label(href, raw, REFS) == label
