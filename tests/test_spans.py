"""URLs, e-mail addresses, codes and placeholder tags have one home: ``l10n.spans``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from l10n import spans
from l10n.locales import parse_locale
from l10n.mt.protect import protect
from l10n.segment import split_sentences

L10N = Path(__file__).resolve().parents[1] / "l10n"
#: A URL, e-mail or tag pattern written as a regular expression.
SPAN_PATTERN = re.compile(r"https\?://|www\\\\?\.|@\[|</\?\\d\+|<\(/\?\)\(\\d\+\)")
#: Owned by the numbers helper (its address mask is tuned for speed; see spans' docstring).
ELSEWHERE = {"numbers"}


@pytest.mark.parametrize("path", sorted(p for p in L10N.rglob("*.py")
                                        if p.name != "spans.py" and not ELSEWHERE & set(p.parts)),
                         ids=lambda p: str(p.relative_to(L10N)))
def test_no_module_but_spans_writes_a_url_email_or_tag_pattern(path: Path) -> None:
    """Before: four URL/e-mail and five tag patterns in the glossary, the segmenter,
    machine translation, the inline markup and the punctuation check."""
    hits = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if SPAN_PATTERN.search(line) and not line.lstrip().startswith("#")]
    assert hits == []


def _m(span: str) -> str:
    return spans.MASK_CHAR * len(span)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("See www.cyberport.hk.", f"See {_m('www.cyberport.hk')}."),
        ("Mail info@cmf.gov.hk today", f"Mail {_m('info@cmf.gov.hk')} today"),
        ("Ref ITC/2025/0012, CMF/CCMF", f"Ref {_m('ITC/2025/0012')}, CMF/CCMF"),
        ("<1>Cyberport</1> and <2/>", f"{_m('<1>')}Cyberport{_m('</1>')} and {_m('<2/>')}"),
        ("no address at all", "no address at all"),
    ],
)
def test_mask_addresses_keeps_offsets(text: str, masked: str) -> None:
    assert spans.mask_addresses(text) == masked
    assert len(spans.mask_addresses(text)) == len(text)


@pytest.mark.parametrize("tag", ["<1>", "</1>", "<2/>", "<10>"])
def test_every_tag_reader_agrees(tag: str) -> None:
    assert spans.TAG_RE.fullmatch(tag)
    assert re.fullmatch(spans.TAG, tag)
    assert spans.mask_tags(tag) == spans.MASK_CHAR * len(tag)


def test_the_url_variants_differ_where_their_users_need_it() -> None:
    """MT protection keeps ``(www.x.hk)``'s closing parenthesis outside by trimming; the
    segmenter stops at it; the glossary mask covers any scheme."""
    assert spans.PROTECTED_URL_RE.search("(www.x.hk).").group() == "www.x.hk)."
    assert spans.SENTENCE_URL_RE.search("(www.x.hk).").group() == "www.x.hk"
    assert spans.mask_addresses("ftp://x.org/a") == spans.MASK_CHAR * 13
    assert spans.PROTECTED_URL_RE.search("ftp://x.org/a") is None


def test_protection_and_segmentation_still_use_them() -> None:
    protected = protect("Visit www.cyberport.hk. Mail a@b.hk now.", locale=parse_locale("zh-Hant-HK"))
    assert "www.cyberport.hk" not in protected.text and "a@b.hk" not in protected.text
    assert len(split_sentences("See www.cyberport.hk. Then apply.")) == 2
