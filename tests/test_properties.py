"""Property tests for the parsers: no crash on any input, and exact round trips."""

from __future__ import annotations

import contextlib

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import formats
from l10n.build import build_document
from l10n.catalog import render
from l10n.errors import CatalogError, InputError
from l10n.locales import parse_locale
from l10n.pofile import scan_po

HK = parse_locale("zh-Hant-HK")
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\\\""),
               max_size=60)
MARKDOWNISH = st.lists(st.sampled_from([
    "# Title", "## **Bold heading**", "Plain sentence. Another one.", "- item *one*", "1. first",
    "> quoted. text", "| a | b |\n|---|---|\n| c | d |", "[link](http://x.org) here", "`code` and <b>html</b>",
    "Tel: 2123 4567", "HK\\$44.3 billion.", "  \n", "", "***", "<div>\nblock\n</div>", "Rated <5> stars.",
    "line with hard break  \nnext line",
]), max_size=12).map("\n\n".join)


@given(st.lists(st.tuples(TEXT.filter(lambda s: s.strip()), TEXT), max_size=8, unique_by=lambda t: t[0]))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_po_render_then_scan_round_trips(pairs: list[tuple[str, str]]) -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "zh_Hant_HK", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, comment="note"))
    scanned = scan_po(render(po), "x.po")
    got = [(e.msgid, e.msgstr) for e in scanned.entries if e.msgid]
    assert got == pairs
    assert scanned.metadata["Language"] == "zh_Hant_HK"


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_po_scanner_never_crashes(text: str) -> None:
    try:
        scan_po(text, "x.po")
    except CatalogError as exc:
        assert exc.path == "x.po"


@given(MARKDOWNISH)
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
def test_markdown_empty_catalog_rebuilds_source(text: str) -> None:
    doc = formats.MARKDOWN.parse(text, path="x.md")
    data, _total, used = build_document(doc, polib.POFile(), HK)
    out = data.decode("utf-8")
    assert used == 0 and out == text


@given(TEXT)
@settings(max_examples=150)
def test_readers_never_crash(text: str) -> None:
    for fmt in (formats.MARKDOWN, formats.TEXT, formats.HTML):
        with contextlib.suppress(InputError):
            fmt.parse(text, path="x")
