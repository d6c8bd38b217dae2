"""The evidence marked inside an entry's two texts: quantities, glossary terms,
placeholder tags and wrong-script characters.

A reviewer should see *where* a finding is, not only a line number. Quantities come from
the numbers check's own readers and comparison (``l10n.numbers``): a pair the checker
matched gets one colour in both texts; a quantity the checker reports is marked as the
problem, with the rendering it expected. The marks never overlap: where two would, the
more important one wins (a tag, then a quantity, a wrong-script character, a term).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..lang import check_applies, profile_for
from ..locales import LocaleId
from ..model import Quantity, QuantityKind, Severity
from ..spans import TAG_RE

#: How many distinct colours matched quantity pairs cycle through (see review.css).
PAIR_COLOURS = 6
#: Which mark wins where two overlap: lower first.
PRIORITY = {"tag": 0, "qty": 1, "script": 2, "term": 3}
_AMOUNT_KINDS = (QuantityKind.MONEY, QuantityKind.COUNT)


@dataclass(frozen=True)
class Mark:
    """One marked span of a text: ``kind`` is tag, qty, script or term; ``css`` its
    classes; ``title`` what hovering tells; ``pair`` the quantity pair number (0: none);
    ``after`` a visible note written right after the span (the expected rendering)."""

    start: int
    end: int
    kind: str
    css: str
    title: str
    pair: int = 0
    after: str = ""


@dataclass
class Marked:
    """The marks of one entry, and what the target lacks (a quantity dropped)."""

    source: list[Mark] = field(default_factory=list)
    target: list[Mark] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


class Memo:
    """What one site build would otherwise compute again: the English quantities and
    glossary hits of a source (every locale of a release shares them) and the marks of an
    entry repeated across releases (boilerplate such as an "About" paragraph)."""

    def __init__(self) -> None:
        self.en: dict[str, list[Any]] = {}
        self.terms: dict[str, list[Any]] = {}
        self.entries: dict[tuple[str, str, str, bool, bool], Marked] = {}
        self.previews: dict[tuple[str, str], Any] = {}
        self.accepted: dict[tuple[int, int, str], tuple[str, ...]] = {}

    def preview(self, path: Any, what: str) -> Any:
        """The preview of a release's source, shown on the page of each of its locales."""
        from .preview import preview

        key = (str(path), what)
        if key not in self.previews:
            self.previews[key] = preview(path, what)
        return self.previews[key]

    def en_hits(self, text: str) -> list[Any]:
        from ..numbers.en import extract_en_hits

        found = self.en.get(text)
        if found is None:
            found = self.en[text] = extract_en_hits(text)
        return found

    def term_hits(self, text: str, glossary: Any) -> list[Any]:
        found = self.terms.get(text)
        if found is None:
            found = self.terms[text] = [h for h in glossary.match(text) if not h.ambiguous]
        return found


def mark_entry(source: str, target: str, locale: LocaleId, glossary: object | None, *,
               script: bool = True, compare: bool = True, memo: Memo | None = None) -> Marked:
    """Every mark of one entry (the target empty: the source's tags and terms only).

    The caller that has the checks' findings says what they found: ``script=False`` skips
    the wrong-script test and ``compare=False`` the numbers comparison (no number finding:
    every quantity found its match, and only the pairs are marked)."""
    memo = memo or Memo()
    key = (source, target, locale.tag, script, compare)
    cached = memo.entries.get(key)
    if cached is not None:
        return cached
    marked = Marked()
    marked.source += tag_marks(source)
    marked.target += tag_marks(target)
    if target:
        _quantities(source, target, locale, marked, memo, compare)
        if script and check_applies("script", locale) and locale.language == "zh":
            marked.target += script_marks(target, locale)
    if glossary is not None:
        _terms(source, target, locale, glossary, marked, memo)
    memo.entries[key] = marked
    return marked


def tag_marks(text: str) -> list[Mark]:
    """``<1>``, ``</1>`` and ``<2/>`` placeholder tags, shown as chips."""
    return [Mark(m.start(), m.end(), "tag", "chip", "placeholder tag: the build puts the source's markup here")
            for m in TAG_RE.finditer(text)]


def script_marks(target: str, locale: LocaleId) -> list[Mark]:
    """Characters of the other Chinese script (the ``script`` check's own test)."""
    from ..checks.script import wrong_script_chars

    wrong, _right = wrong_script_chars(target, traditional=locale.traditional)
    if not wrong:
        return []
    expected = "Traditional" if locale.traditional else "Simplified"
    chars = re.compile("[" + re.escape("".join(sorted(set(wrong)))) + "]")
    return [Mark(m.start(), m.end(), "script", "wrong-script",
                 f"not a {expected} character ({locale.tag} text)") for m in chars.finditer(target)]


def _terms(source: str, target: str, locale: LocaleId, glossary: object, marked: Marked, memo: Memo) -> None:
    from ..glossary import Glossary

    if not isinstance(glossary, Glossary):
        return
    tag = locale.tag
    for hit in memo.term_hits(source, glossary):
        key = (id(hit.term), id(hit.form), tag)  # the glossary outlives the memo: ids stay unique
        accepted = memo.accepted.get(key)
        if accepted is None:
            accepted = memo.accepted[key] = glossary.accepted(hit, locale)
        approved = accepted[0] if accepted else "(no rendering for this locale)"
        title = f"term base: {hit.text} = {approved}"
        marked.source.append(Mark(hit.start, hit.end, "term", "term", title))
        for rendering in accepted:
            at = target.find(rendering) if rendering else -1
            if at >= 0:
                marked.target.append(Mark(at, at + len(rendering), "term", "term", title))
                break


def _quantities(source: str, target: str, locale: LocaleId, marked: Marked, memo: Memo,
                compare: bool) -> None:
    """Pairs as the numbers check makes them: its mismatches are the problems, and the
    quantities it accepted are paired again with its own exact, then lenient, tests."""
    from ..numbers.compare import _exact, _lenient, compare_hits
    from ..numbers.en import may_hold_number

    profile = profile_for(locale)
    if not may_hold_number(source) and not profile.may_hold_number(target):
        return
    src = memo.en_hits(source)
    tgt = profile.number_hits(target)
    if not src and not tgt:
        return
    problems = compare_hits(src, tgt, traditional=locale.traditional, source_text=source,
                            target_text=target) if compare else []
    src_at = {(h.start, h.end): i for i, h in enumerate(src)}
    tgt_at = {(h.start, h.end): j for j, h in enumerate(tgt)}
    src_done: set[int] = set()
    tgt_done: set[int] = set()
    pair = 0
    for m in problems:
        css = "qty bad" if m.severity is Severity.ERROR else "qty warn"
        i = src_at.get((m.source.start, m.source.end)) if m.source is not None else None
        j = tgt_at.get((m.target.start, m.target.end)) if m.target is not None else None
        if i in src_done:
            i = None
        if j in tgt_done:
            j = None
        if i is None and j is None:
            continue
        pair += 1
        expected = _expected(m.source, m.message, locale) if m.source is not None else ""
        if i is not None:
            src_done.add(i)
            marked.source.append(_qty_mark(src[i].start, src[i].end, css, m.message, pair))
        if j is not None:
            tgt_done.add(j)
            after = f"expected {expected}" if expected and m.target is not None and expected != m.target.text else ""
            marked.target.append(_qty_mark(tgt[j].start, tgt[j].end, css, m.message, pair, after))
        elif m.source is not None and m.severity is Severity.ERROR:
            marked.missing.append(f"{m.source.text}: expected {expected}" if expected else m.source.text)
    for test in (_exact, _lenient):
        for i, s in enumerate(src):
            if i in src_done:
                continue
            for j, t in enumerate(tgt):
                if j in tgt_done or not test(s, t):
                    continue
                pair += 1
                src_done.add(i)
                tgt_done.add(j)
                css = f"qty ok q{(pair - 1) % PAIR_COLOURS + 1}"
                marked.source.append(_qty_mark(s.start, s.end, css, f"matches {t.text}", pair))
                marked.target.append(_qty_mark(t.start, t.end, css, f"matches {s.text}", pair))
                break


def _qty_mark(start: int, end: int, css: str, title: str, pair: int, after: str = "") -> Mark:
    return Mark(start, end, "qty", css, title, pair, after)


def _expected(q: Quantity, message: str, locale: LocaleId) -> str:
    """The rendering the checker expected: the one its message names, else the renderer's
    form of an amount (the MT stage's rendering of the source quantity)."""
    if "; expected " in message:
        return message.rsplit("; expected ", 1)[1].strip()
    if q.kind not in _AMOUNT_KINDS or locale.language != "zh":
        return ""
    from ..numbers.render import render_zh

    try:
        return render_zh(q, traditional=locale.traditional)
    except (ValueError, KeyError, ArithmeticError):
        return ""


def escape_text(text: str) -> str:
    """markupsafe's escaping (the same entities), without a Markup object per piece: a big
    site escapes a few hundred thousand short pieces."""
    if not _SPECIAL_RE.search(text):
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


_SPECIAL_RE = re.compile("[&<>'\"]")


def render(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` as HTML with its marks; overlapping marks give way to the stronger one."""
    if not marks:
        return Markup(escape_text(text))
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (PRIORITY[m.kind], m.start)):
        if m.end > m.start and all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    out: list[str] = []
    pos = 0
    for m in chosen:
        out.append(escape_text(text[pos:m.start]))
        out.append(_element(m, text[m.start:m.end]))
        pos = m.end
    out.append(escape_text(text[pos:]))
    return Markup("".join(out))


def _element(m: Mark, inner: str) -> str:
    if m.kind == "tag":
        return f'<code class="{m.css}" title="{escape_text(m.title)}">{escape_text(inner)}</code>'
    if m.kind == "term":
        return f'<span class="{m.css}" title="{escape_text(m.title)}">{escape_text(inner)}</span>'
    pair = f' data-pair="{m.pair}"' if m.pair else ""
    html = f'<mark class="{m.css}"{pair} title="{escape_text(m.title)}">{escape_text(inner)}</mark>'
    if m.after:
        html += f' <ins class="expected">{escape_text(m.after)}</ins>'
    return html
