"""The word-filtered matcher (issue 16) finds exactly what the first-word index found
before it, including on text with characters Python's case-insensitive matching takes
for ASCII letters; its per-text memo is bounded and never leaks a caller's change."""

from __future__ import annotations

import random

import pytest

from l10n.glossary import Glossary, Hit, load_glossary
from l10n.glossary import match as match_module
from l10n.glossary.match import _form_key, _text_keys, form_pattern
from l10n.spans import mask_addresses
from tests.glossary_golden import TERMS


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(TERMS)


def _first_word_index(g: Glossary, text: str) -> list[tuple[str, int, int, str]]:
    """Reference: the matcher before issue 16 (forms whose first word occurs, each
    scanned with its own pattern, longest first where hits overlap)."""
    masked = mask_addresses(text)
    keys = _text_keys(masked)
    found = [Hit(t, m.start(), m.end(), m.group(), f)
             for t in g.terms for f in t.forms if f.text.strip() and _form_key(f) in keys
             for m in form_pattern(f).finditer(masked)]
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    for hit in found:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    return sorted((h.term.concept_id, h.start, h.end, h.text) for h in taken)


def _texts(g: Glossary, count: int, seed: int) -> list[str]:
    """Sentences of glossary forms, bent: other case, plural, hyphens, folded letters."""
    rng = random.Random(seed)
    forms = [f.text for t in g.terms for f in t.forms if f.text.strip()]
    fillers = ["the", "and", "of", "in", "Hong", "Kong", "s", "ies", "-", "&", "'s",
               "www.cyberport.hk", "ITC/2025/0012", "2025", "\u017f", "\u212a", "\u0131",
               "\u0130", "start", "up", "ups"]
    texts = []
    for _ in range(count):
        words: list[str] = []
        for _ in range(rng.randrange(1, 8)):
            piece = rng.choice(forms) if rng.random() < 0.6 else rng.choice(fillers)
            bend = rng.randrange(8)
            if bend == 0:
                piece = piece.upper()
            elif bend == 1:
                piece = piece.lower() + "s"
            elif bend == 2:
                piece = piece.replace("-", "\u2010").replace(" and ", " & ")
            elif bend == 3:
                piece = piece.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131")
            words.append(piece)
        texts.append(rng.choice([" ", "-", ""]).join(words))
    return texts


def test_same_hits_as_the_first_word_index(glossary: Glossary) -> None:
    texts = _texts(glossary, 1500, seed=16)
    assert sum(1 for t in texts if glossary.match(t)) > 500  # the texts do mention terms
    for text in texts:
        got = sorted((h.term.concept_id, h.start, h.end, h.text) for h in glossary.match(text))
        assert got == _first_word_index(glossary, text), text


def test_folded_letters_take_the_slow_path(glossary: Glossary) -> None:
    """"\u017ftart-ups" is found only where the form's first word occurs elsewhere, as before."""
    alone = "\u017ftart-ups grow."
    assert glossary.match(alone) == []
    both = "\u017ftart-ups and start-ups grow."
    assert [h.start for h in glossary.match(both)] == [0, 14]


def test_memo_is_bounded_and_match_returns_a_fresh_list(
        glossary: Glossary, monkeypatch: pytest.MonkeyPatch) -> None:
    g = load_glossary(TERMS)
    monkeypatch.setattr(match_module, "MATCH_CACHE_SIZE", 5)
    for n in range(20):
        g.match(f"Cyberport hosts {n} start-ups.")
    assert len(g._hits) == 5
    first = g.match("Cyberport hosts 19 start-ups.")
    first.clear()
    assert len(g.match("Cyberport hosts 19 start-ups.")) == 2
