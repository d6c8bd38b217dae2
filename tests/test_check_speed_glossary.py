"""The glossary matcher's word look-up (``Glossary._word_index``) tries exactly the forms
that the keys of every text word and its singulars tried before: the same hits on any
text, including words the index knows only through a plural ("cities" for "city"),
folded letters and masked addresses that cut a word in two."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.glossary import Glossary, Hit, load_glossary
from l10n.glossary.match import _FOLDS_TO_ASCII_RE, _longest_first, _text_keys, form_pattern
from l10n.spans import mask_addresses
from tests.glossary_golden import TERMS

_GLOSSARY = load_glossary(TERMS)


def _reference(g: Glossary, text: str) -> tuple[Hit, ...]:
    """The matcher as it was: every key of the text (all its words and their
    singulars) looked up in the first-word index, then the forms' word filter."""
    masked = mask_addresses(text)
    keys = _text_keys(masked)
    tried = sorted(i for key in keys for i in g._index.get(key, ()))
    if _FOLDS_TO_ASCII_RE.search(masked) is None:
        tried = [i for i in tried if g._forms[i].words <= keys]
    candidates = [Hit(g._forms[i].term, m.start(), m.end(), m.group(), g._forms[i].form)
                  for i in tried for m in form_pattern(g._forms[i].form).finditer(masked)]
    return _longest_first(candidates)


def _pieces(g: Glossary) -> list[str]:
    """Glossary words, their plurals and near misses, and text that masking cuts."""
    words = sorted({w for f in g._forms for w in f.words} | set(g._index))
    out: list[str] = []
    for w in words:
        out += [w, w.upper(), w.title(), w + "s", w + "es", w[:-1] + "ies", w[:-1], "x" + w]
    out += [f.form.text for f in g._forms]
    out += ["1http://www.cyberport.hk/a", "startwww.x.hk", "ITC/2025/0012", "a@b.hk", "<1>", "</1>",
            "\u017f", "\u212a", "\u0130", "\u0131", "&", "-", "'s", "\u2010", ".", ",", "2025"]
    return out


_PIECES = _pieces(_GLOSSARY)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8),
       st.lists(st.sampled_from([" ", "", "-", "/", ".", "\u00a0"]), min_size=8, max_size=8))
def test_same_hits_as_every_key(pieces: list[str], seps: list[str]) -> None:
    text = "".join(p + s for p, s in zip(pieces, seps, strict=False))
    assert _GLOSSARY._match(text) == _reference(_GLOSSARY, text), text


@given(st.text(alphabet=st.sampled_from("aeiouyscitzhx -/.&'\u017f\u212aIYS0"), max_size=40))
@settings(max_examples=2000, deadline=None)
def test_same_hits_on_letter_soup(text: str) -> None:
    assert _GLOSSARY._match(text) == _reference(_GLOSSARY, text), text


@pytest.mark.parametrize("word", ["cities", "cityes", "citys", "ies", "es", "s", "y"])
def test_plural_preimages(word: str) -> None:
    """Every text word is looked up by what ``_text_keys`` makes of it, no more."""
    wanted = set(_GLOSSARY._index).union(*(f.words for f in _GLOSSARY._forms))
    assert set(_GLOSSARY._word_index.get(word, ())) == _text_keys(word) & wanted - {""}
