"""The languages of a built HTML page: which ``lang`` each part of it declares.

A page built into Chinese says so on its root; an English ``lang`` around or inside
translated text now holds Chinese and says so too; text in another language was never
translated and keeps its own tag; English left for want of a translation (an entry not
yet translated, the site's chrome around the release) is declared English, so a screen
reader does not read it with Chinese rules. The reader (``html``) says what was
translated and what was kept; this module only sets attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..inline import render, strip_tags, tags_in
from ..segment import Sentence
from .base import JoinLookup, Lookup
from .language import SOURCE_LANGUAGE, cjk_runs, is_english_tag, is_foreign_tag, is_foreign_text

#: The attributes that declare an element's language (HTML and XHTML).
LANG_ATTRIBUTES = ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang")


def is_foreign_element(el: etree._Element) -> bool:
    """An element declared in a language other than English (``<p lang="zh-Hans">``): it
    and its content are not source text, so they are neither extracted nor rewritten."""
    return isinstance(el.tag, str) and any(is_foreign_tag(el.get(a)) for a in LANG_ATTRIBUTES)


def mark_translated_language(elements: Iterable[etree._Element], language: str | None) -> None:
    """Give every English ``lang`` on or around a translated element the target tag
    (a ``<p lang="en">`` now holds Chinese); foreign ones were not translated and stay."""
    if not language:
        return
    for el in elements:
        for node in (el, *el.iterancestors()):
            for attr in LANG_ATTRIBUTES:
                if node.get(attr) is not None and not is_foreign_tag(node.get(attr)):
                    node.set(attr, language)


#: Marks a span the build put around an English sentence of a translated block, until
#: ``fix_languages`` has seen it (then removed: it is never written out).
KEPT_MARK = "data-l10n-kept"


@dataclass(eq=False)
class RecordingLookup:
    """The build's lookup, unchanged (each question asked of it once, so its counts hold),
    noting the sentences it had no translation for: a translated block writes them in
    English, and ``mark_fallbacks`` declares them so."""

    inner: Lookup
    missing: list[Sentence] = field(default_factory=list)

    @property
    def language(self) -> str | None:
        return self.inner.language

    def target(self, sentence: Sentence, line: int) -> str | None:
        found = self.inner.target(sentence, line)
        if found is None:
            self.missing.append(sentence)
        return found

    def join(self, texts: Sequence[str]) -> str:
        return self.inner.join(texts)

    def joined_to(self, sentence: Sentence) -> str | None:
        return self.inner.joined_to(sentence) if isinstance(self.inner, JoinLookup) else None


def mark_fallbacks(written: str, missing: Sequence[Sentence], escape: Callable[[str], str]) -> str:
    """``written`` (a translated block's new markup) with each English sentence of
    ``missing`` in a ``<span lang="en">``, found in order as the writer rendered it. A
    sentence whose markup opens or closes outside it (``First <em>part one.``) is left as
    it is: a span around it would break the markup."""
    pos = 0
    for sentence in missing:
        if not _reads_english(strip_tags(sentence.text)) or not _balanced(sentence.text):
            continue
        rendered = render(sentence.text, sentence.markup_map, escape)
        at = written.find(rendered, pos)
        if at < 0 or not rendered.strip():
            continue
        span = f'<span lang="{SOURCE_LANGUAGE}" {KEPT_MARK}="">{rendered}</span>'
        written = written[:at] + span + written[at + len(rendered):]
        pos = at + len(span)
    return written


def _balanced(text: str) -> bool:
    """Each placeholder tag opened in ``text`` is closed in it, and none closed is opened outside."""
    depth: list[str] = []
    for tag in tags_in(text):
        if tag.endswith("/>"):
            continue
        if not tag.startswith("</"):
            depth.append(tag[1:-1])
        elif not depth or depth.pop() != tag[2:-1]:
            return False
    return not depth


@dataclass(frozen=True, eq=False)
class Kept:
    """A region of a page left in English: its element and text; for a run of inline
    content beside block children, the block child it follows (``after``, None: the
    element's start) and its inline ``items``. ``alone``: the region is all its element
    holds; ``attribute``: the text is an attribute's."""

    element: etree._Element
    text: str
    after: etree._Element | None = None
    items: tuple[etree._Element, ...] = ()
    alone: bool = False
    attribute: bool = False


@dataclass(eq=False)
class Written:
    """What a build did to a page, for its ``lang`` attributes: the elements whose text or
    attribute now holds the translation, the inline elements it re-inserted, and the
    regions (text or attribute) left in English for want of a translation."""

    translated: list[etree._Element] = field(default_factory=list)
    inserted: list[etree._Element] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    chrome: list[etree._Element] = field(default_factory=list)


def fix_languages(tree: etree._ElementTree, written: Written, language: str, *, page: bool,
                  as_is: Callable[[etree._Element], bool]) -> None:
    """Make every ``lang`` of a built page say what its text now is.

    The root gets the target tag; an English ``lang`` on, around or inside a translated
    region gets it too (a ``<p lang="en">`` now holds Chinese), except inside an item kept
    as is (``<code>``, ``translate="no"``); elements in another language were not
    translated and keep theirs. On a whole page, English left for want of a translation is
    marked ``lang="en"`` where the target tag would otherwise claim it, so a screen reader
    reads it as English (not in a fragment, a raw HTML block in Markdown: the language of
    the page it ends up in is not known here). ``as_is`` tells the elements written back as
    they were (code, ``translate="no"``): their ``lang`` is still true."""
    mark_translated_language(written.translated, language)
    for item in written.inserted:
        for node in item.iter():
            if isinstance(node.tag, str) and not _inside_verbatim(node, item, as_is):
                _retag_english(node, language)
        for node in item.iter():
            if isinstance(node.tag, str) and node.get(KEPT_MARK) is not None:
                del node.attrib[KEPT_MARK]
    root = tree.getroot()
    if root.tag != "html":
        return
    root.set("lang", language)
    for attr in LANG_ATTRIBUTES[1:]:
        if root.get(attr) is not None:
            root.set(attr, language)
    if not page:
        return
    for kept in written.kept:
        if _reads_english(strip_tags(kept.text)) and not _declared_english(kept.element):
            _mark_english(kept)
    for el in written.chrome:
        _mark_english_chrome(el, as_is)


def _mark_english_chrome(el: etree._Element, as_is: Callable[[etree._Element], bool]) -> None:
    """Declare English site chrome English: the element when all its text is English, else
    (a header holding a ``繁 | 简`` switcher) each child that is, so no CJK is claimed for
    English. An element that declares its own language keeps it."""
    if any(el.get(a) is not None for a in LANG_ATTRIBUTES):
        return
    text = "".join(el.itertext())
    if not _reads_english(text):
        return
    if not cjk_runs(text):
        if not _declared_english(el):
            el.set("lang", SOURCE_LANGUAGE)
        return
    for child in el:
        if isinstance(child.tag, str) and not as_is(child):
            _mark_english_chrome(child, as_is)


def _retag_english(node: etree._Element, language: str) -> None:
    for attr in LANG_ATTRIBUTES:
        if is_english_tag(node.get(attr)):
            node.set(attr, language)


def _inside_verbatim(node: etree._Element, top: etree._Element, as_is: Callable[[etree._Element], bool]) -> bool:
    """Whether ``node`` (inside ``top``, an inserted item) is or sits in an item written back
    as it was: its text is still the source's, so an English ``lang`` there is still true."""
    current: etree._Element | None = node
    while current is not None:
        if as_is(current):
            return True
        if current is top:
            return False
        current = current.getparent()
    return False


def _reads_english(text: str) -> bool:
    """Text a reader would take for English: Latin letters, not mostly CJK."""
    return any(c.isascii() and c.isalpha() for c in text) and not is_foreign_text(text)


def _declared_english(el: etree._Element) -> bool:
    """Whether the nearest ``lang`` on ``el`` or its ancestors is English."""
    for node in (el, *el.iterancestors()):
        for attr in LANG_ATTRIBUTES:
            if node.get(attr) is not None:
                return is_english_tag(node.get(attr))
    return False


def _mark_english(kept: Kept) -> None:
    """Declare a region left in English: on its element when the region is all the element
    holds (for an attribute: an element without text, such as ``<img>``), else (a run of
    inline content beside block children) on a ``<span>`` around the run."""
    el = kept.element
    if kept.attribute:
        if not "".join(el.itertext()).strip():
            el.set("lang", SOURCE_LANGUAGE)
        return
    if kept.alone:
        el.set("lang", SOURCE_LANGUAGE)
        return
    start = (el.text if kept.after is None else kept.after.tail) or ""
    lead = start[: len(start) - len(start.lstrip())]
    span = etree.Element("span", lang=SOURCE_LANGUAGE)
    span.text = start[len(lead):]
    if kept.after is None:
        el.text, pos = lead, 0
    else:
        kept.after.tail, pos = lead, el.index(kept.after) + 1
    el.insert(pos, span)
    for item in kept.items:
        span.append(item)  # its tail goes with it
    last = kept.items[-1] if kept.items else None
    content = (span.text if last is None else last.tail) or ""
    if last is None:
        span.text = content.rstrip()
    else:
        last.tail = content.rstrip()
    span.tail = content[len(content.rstrip()):]
