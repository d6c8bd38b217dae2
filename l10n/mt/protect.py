"""Keep spans that must survive MT verbatim out of the model's reach.

Before MT, markup tags, URLs, e-mail addresses, amounts and glossary terms are
replaced by placeholder tokens; after MT the tokens are replaced by the target
form of each span (``HK$44.3 billion`` comes back as ``443億港元``).

Token form: ``QXZ`` plus two capital letters (``QXZAA``, ``QXZAB``, ...). Why:
SentencePiece/Marian vocabularies split a rare all-capital Latin string into a
few Latin pieces that these models copy like a product code or an acronym; it
contains no digits (a model may rewrite digits as Chinese numerals), no
punctuation (which SentencePiece normalisation and the model both rewrite), and
no characters outside the vocabulary (which would become ``<unk>``). The suffix
has a fixed width, so a token glued to following Latin text still parses.

Restoration tolerates spaces added or removed around and inside a token and a
changed letter case. A token the model dropped, repeated or invented is
reported in :class:`Restored` so the caller flags the entry: never silently wrong.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ..lang import profile_for
from ..locales import LocaleId
from ..spans import EMAIL_RE, PROTECTED_URL_RE, TAG_RE, URL_TRAILING

if TYPE_CHECKING:
    from ..glossary import Glossary

TOKEN_PREFIXES = ("QXZ", "ZQX", "XZQ")
TOKEN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TOKEN_SUFFIX_WIDTH = 2
MAX_SLOTS = len(TOKEN_LETTERS) ** TOKEN_SUFFIX_WIDTH

#: Any token of any prefix, tolerating one space between its letters and any case.
ANY_TOKEN_PATTERN = re.compile(
    "(?:" + "|".join(r"\s?".join(p) for p in TOKEN_PREFIXES) + r")\s?[A-Z]\s?[A-Z]",
    re.IGNORECASE,
)


class PlaceholderStyle(StrEnum):
    """The token form an engine keeps intact; each engine declares its own.

    ``latin-caps`` is the ``QXZAA`` form described above, for SentencePiece/Marian
    models (Argos, NLLB). An engine that needs another form (XML-like tags for an
    LLM, say) adds a member here and its prefixes to :data:`STYLE_PREFIXES`.
    """

    LATIN_CAPS = "latin-caps"


#: The token prefixes of each style, tried in order until one is absent from the text.
STYLE_PREFIXES: Mapping[PlaceholderStyle, tuple[str, ...]] = {PlaceholderStyle.LATIN_CAPS: TOKEN_PREFIXES}


class SpanKind(StrEnum):
    TAG = "tag"
    URL = "url"
    EMAIL = "email"
    GLOSSARY = "glossary"
    NUMBER = "number"


#: When spans overlap the longer wins; on equal length, the earlier kind here.
KIND_PRIORITY = (SpanKind.TAG, SpanKind.URL, SpanKind.EMAIL, SpanKind.GLOSSARY, SpanKind.NUMBER)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: SpanKind
    target: str


@dataclass(frozen=True)
class Protected:
    """Text ready for MT: ``slots`` maps each token to the string it restores to."""

    text: str
    slots: Mapping[str, str] = field(default_factory=dict, hash=False)
    sources: Mapping[str, str] = field(default_factory=dict, hash=False)
    kinds: Mapping[str, SpanKind] = field(default_factory=dict, hash=False)
    prefix: str = TOKEN_PREFIXES[0]
    #: Whether the source had whitespace before / after each span; restore reuses it
    #: next to Latin text and drops it next to Chinese.
    spacing: Mapping[str, tuple[bool, bool]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Restored:
    """MT output with tokens restored, and what went wrong with them.

    ``missing``: sources of slots the model dropped or mangled; ``duplicated``:
    sources of slots that came back more than once; ``spurious``: token-like
    strings in the output that belong to no slot (left as they are).
    """

    text: str
    missing: tuple[str, ...] = ()
    duplicated: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicated or self.spurious)


def make_token(prefix: str, index: int) -> str:
    """The placeholder for slot ``index``: prefix plus a fixed-width base-26 suffix."""
    if not 0 <= index < MAX_SLOTS:
        raise ValueError(f"at most {MAX_SLOTS} protected spans per text")
    high, low = divmod(index, len(TOKEN_LETTERS))
    return f"{prefix}{TOKEN_LETTERS[high]}{TOKEN_LETTERS[low]}"


def _choose_prefix(text: str, style: PlaceholderStyle = PlaceholderStyle.LATIN_CAPS) -> str:
    """A prefix of the style that does not already occur in the text (compared without case)."""
    folded = text.casefold()
    for prefix in STYLE_PREFIXES[style]:
        if prefix.casefold() not in folded:
            return prefix
    raise ValueError("text contains every placeholder prefix; cannot protect it")


def _regex_spans(pattern: re.Pattern[str], text: str, kind: SpanKind) -> Iterator[_Span]:
    for match in pattern.finditer(text):
        start, end = match.span()
        if kind is SpanKind.URL:
            while end > start and text[end - 1] in URL_TRAILING:
                end -= 1
        if end > start:
            yield _Span(start, end, kind, text[start:end])


GROUPED_DIGITS = re.compile(r"\d[,，]\d{3}")


def _number_spans(text: str, locale: LocaleId) -> Iterator[_Span]:
    numbers = importlib.import_module("l10n.numbers")
    render = profile_for(locale).render_number
    for quantity in numbers.extract_en(text):
        try:
            target = render(quantity, locale)
        except (ValueError, NotImplementedError):
            continue  # no target form we can vouch for: leave it to MT and the checker
        if target and not GROUPED_DIGITS.search(quantity.text):
            # written without thousands separators in the source (a hotline, a room, a
            # standard, an ordinance chapter): keep it that way
            target = target.replace(",", "")
        if target:
            yield _Span(quantity.start, quantity.end, SpanKind.NUMBER, target)


def _glossary_spans(text: str, glossary: Glossary, locale: LocaleId) -> Iterator[_Span]:
    glossary_module = importlib.import_module("l10n.glossary")
    for span in glossary_module.protected_spans(text, glossary, locale):
        yield _Span(span.start, span.end, SpanKind.GLOSSARY, span.rendering)


def _select(spans: list[_Span]) -> list[_Span]:
    """Non-overlapping spans, preferring longer ones, then the kind priority."""
    rank = {kind: i for i, kind in enumerate(KIND_PRIORITY)}
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), rank[s.kind], s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def protect(text: str, *, locale: LocaleId, glossary: Glossary | None = None,
            style: PlaceholderStyle = PlaceholderStyle.LATIN_CAPS) -> Protected:
    """Replace protected spans by tokens of the engine's style, each separated from its
    neighbours by spaces.

    Spaces around a token help SentencePiece cut it as a word of its own; restore
    removes them again where Chinese text has no spaces.
    """
    prefix = _choose_prefix(text, style)
    spans = [
        *_regex_spans(TAG_RE, text, SpanKind.TAG),
        *_regex_spans(PROTECTED_URL_RE, text, SpanKind.URL),
        *_regex_spans(EMAIL_RE, text, SpanKind.EMAIL),
        *_number_spans(text, locale),
    ]
    if glossary is not None:
        spans.extend(_glossary_spans(text, glossary, locale))
    pieces: list[str] = []
    slots: dict[str, str] = {}
    sources: dict[str, str] = {}
    kinds: dict[str, SpanKind] = {}
    spacing: dict[str, tuple[bool, bool]] = {}
    cursor = 0
    for index, span in enumerate(_select(spans)):
        token = make_token(prefix, index)
        pieces.append(text[cursor:span.start])
        pieces.append(f" {token} ")
        slots[token] = span.target
        sources[token] = text[span.start:span.end]
        kinds[token] = span.kind
        spacing[token] = (text[span.start - 1:span.start].isspace(),
                          text[span.end:span.end + 1].isspace())
        cursor = span.end
    pieces.append(text[cursor:])
    protected_text = re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip() if slots else text
    return Protected(protected_text, slots, sources, kinds, prefix, spacing)


def _token_regex(prefix: str) -> re.Pattern[str]:
    letters = r"\s?".join(prefix)
    return re.compile(rf"[ \t\u3000]*({letters}\s?[A-Z]\s?[A-Z])[ \t\u3000]*", re.IGNORECASE)


def _latin_neighbour(char: str) -> bool:
    """Latin text (as opposed to Chinese, punctuation or nothing) next to a token."""
    return bool(char) and char.isascii() and not char.isspace()


def restore(protected: Protected, mt_output: str) -> Restored:
    """Put each span's target form back where the model left its token.

    Whitespace around a token is dropped where the neighbour is Chinese (or the
    edge of the text); next to Latin text the source's own spacing is kept, so
    ``Visit QXZAA now`` becomes ``Visit www.info.gov.hk now`` again.
    """
    if not protected.slots:
        return Restored(mt_output, spurious=tuple(m.group(0).strip() for m in ANY_TOKEN_PATTERN.finditer(mt_output)))
    pattern = _token_regex(protected.prefix)
    counts: dict[str, int] = dict.fromkeys(protected.slots, 0)
    spurious: list[str] = []
    out: list[str] = []
    last = ""  # the last character written to ``out``
    cursor = 0
    for match in pattern.finditer(mt_output):
        token = re.sub(r"\s", "", match.group(1)).upper()
        if token not in protected.slots:
            spurious.append(match.group(1))
            continue
        counts[token] += 1
        target = protected.slots[token]
        before = mt_output[cursor:match.start()]
        out.append(before)
        left = before[-1:] or last
        right = mt_output[match.end():match.end() + 1]
        space_before, space_after = protected.spacing.get(token, (False, False))
        if space_before and _latin_neighbour(left):
            out.append(" ")
        out.append(target)
        if space_after and _latin_neighbour(right):
            out.append(" ")
        last = out[-1][-1:] or left
        cursor = match.end()
    out.append(mt_output[cursor:])
    missing = tuple(protected.sources[t] for t, n in counts.items() if n == 0)
    duplicated = tuple(protected.sources[t] for t, n in counts.items() if n > 1)
    return Restored("".join(out), missing, duplicated, tuple(spurious))
