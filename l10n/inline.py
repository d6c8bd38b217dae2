"""Inline markup as numbered placeholder tags.

A block's inline content (bold, links, inline code, URLs) is flattened into plain text
where paired markup becomes ``<n>...</n>`` and untranslatable items become ``<n/>``.
Translators and the MT stage see only these tags; the build turns them back into the
exact source markup. The same tag syntax is used for Markdown and HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Markup
from .spans import TAG_RE


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class InlineBuilder:
    """Accumulates text and markup events for one block, numbering tags as they open.

    Source text that happens to look like a tag (``Rated <5> stars``) becomes a ``<n/>``
    item of its own, written back through ``literal`` (HTML-escaped by default, which
    reads the same in Markdown and HTML), so it can never be taken for markup.
    """

    parts: list[str] = field(default_factory=list)
    markup: dict[int, Markup] = field(default_factory=dict)
    literal: Callable[[str], str] = html_escape
    line_starts: list[int] = field(default_factory=list)
    _open: list[int] = field(default_factory=list)
    _next: int = 1
    _length: int = 0

    def _append(self, value: str) -> None:
        self.parts.append(value)
        self._length += len(value)

    def text(self, value: str) -> None:
        pos = 0
        for m in TAG_RE.finditer(value):
            self._append(value[pos:m.start()])
            self.void(self.literal(m.group(0)), note=f"text {m.group(0)}")
            pos = m.end()
        self._append(value[pos:])

    def new_line(self) -> None:
        """The next text starts a new source line (for sentence line numbers)."""
        self.line_starts.append(self._length)

    def open(self, opening: str, note: str = "") -> int:
        tag = self._next
        self._next += 1
        self.markup[tag] = Markup(tag, opening, "", note)
        self._open.append(tag)
        self._append(f"<{tag}>")
        return tag

    def close(self, closing: str) -> None:
        if not self._open:
            return
        tag = self._open.pop()
        old = self.markup[tag]
        self.markup[tag] = Markup(tag, old.opening, closing, old.note)
        self._append(f"</{tag}>")

    def void(self, opening: str, note: str = "") -> None:
        tag = self._next
        self._next += 1
        self.markup[tag] = Markup(tag, opening, None, note)
        self._append(f"<{tag}/>")

    def finish(self) -> tuple[str, dict[int, Markup]]:
        while self._open:
            self.close("")
        return "".join(self.parts), dict(self.markup)


def tags_in(text: str) -> list[str]:
    """The placeholder tags of a text, in order, e.g. ['<1>', '</1>', '<2/>']."""
    return [m.group(0) for m in TAG_RE.finditer(text)]


def tag_multiset(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for tag in tags_in(text):
        counts[tag] = counts.get(tag, 0) + 1
    return counts


def render(text: str, markup: dict[int, Markup], escape: Callable[[str], str]) -> str:
    """Turn tagged text back into source markup; plain text goes through ``escape``."""
    out: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        out.append(escape(text[pos:m.start()]))
        pos = m.end()
        item = markup.get(int(m.group(2)))
        if item is None:
            out.append(m.group(0))
        elif m.group(1):
            out.append(item.closing or "")
        else:
            out.append(item.opening)
    out.append(escape(text[pos:]))
    return "".join(out)


def strip_tags(text: str) -> str:
    return TAG_RE.sub("", text)
