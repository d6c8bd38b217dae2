"""Build the localised document back from a PO file, keeping the source's structure.

A block none of whose sentences has a usable translation is copied from the source
byte for byte, so an empty catalog rebuilds the source exactly (HTML gets ``lang``).
A translation whose placeholder tags do not match its source is not used: the
source sentence stands in and the ``placeholders`` check reports it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from . import catalog
from .errors import InputError
from .fsio import write_if_changed
from .inline import TAG_RE, render, tag_multiset
from .locales import LocaleId
from .model import BlockKind, Markup
from .pofile import read_po
from .read import Document, Format, read_document
from .read.markdown import parse_html_block_anchor
from .segment import SegmentedBlock, Sentence, escaper, segment_block

log = logging.getLogger(__name__)
CJK_END = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")
CJK_START = re.compile(r"^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class BuildResult:
    source: str
    output: Path
    locale: LocaleId
    sentences: int
    translated: int
    written: bool


EMPHASIS_AS_HTML = {"**": ("<strong>", "</strong>"), "__": ("<strong>", "</strong>"),
                    "*": ("<em>", "</em>"), "_": ("<em>", "</em>"), "~~": ("<del>", "</del>")}


def _kind(char: str) -> str:
    """'space', 'punct' or 'other', as CommonMark's flanking rules see a character."""
    if not char or char.isspace():
        return "space"
    return "punct" if unicodedata.category(char)[0] in "PS" else "other"


def flanking_safe(text: str, markup: dict[int, Markup]) -> dict[int, Markup]:
    """Emphasis that CommonMark would not read back (``**數碼港（主席）**表示``) becomes HTML.

    A ``**`` closes only when it is right-flanking: no space before it, and if punctuation
    precedes it, space or punctuation follows. Chinese text without spaces breaks this
    often, so such pairs are written as ``<strong>`` / ``<em>`` instead.
    """
    plain_positions = {}
    plain: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        plain.append(text[pos:m.start()])
        plain_positions[m.group(0)] = sum(len(p) for p in plain)
        pos = m.end()
    plain.append(text[pos:])
    flat = "".join(plain)
    out = dict(markup)
    for tag, item in markup.items():
        if not item.paired or item.opening not in EMPHASIS_AS_HTML:
            continue
        start, end = plain_positions.get(f"<{tag}>"), plain_positions.get(f"</{tag}>")
        if start is None or end is None or end <= start:
            continue
        before, first = flat[start - 1:start], flat[start:start + 1]
        last, after = flat[end - 1:end], flat[end:end + 1]
        opens = _kind(first) != "space" and (_kind(first) != "punct" or _kind(before) != "other")
        closes = _kind(last) != "space" and (_kind(last) != "punct" or _kind(after) != "other")
        if not (opens and closes):
            html_open, html_close = EMPHASIS_AS_HTML[item.opening]
            out[tag] = Markup(tag, html_open, html_close, item.note)
    return out


def translations(po: polib.POFile, *, include_fuzzy: bool) -> dict[str, str]:
    return {
        e.msgid: e.msgstr
        for e in po
        if not e.obsolete and e.msgstr and (include_fuzzy or not e.fuzzy)
    }


def _usable(sentence: Sentence, target: str | None) -> bool:
    return bool(target) and tag_multiset(target or "") == tag_multiset(sentence.text)


class _Renderer:
    def __init__(self, doc: Document, table: Mapping[str, str], locale: LocaleId | None = None) -> None:
        self.doc = doc
        self.table = table
        self.locale = locale
        self.total = 0
        self.used = 0

    def block(self, seg: SegmentedBlock) -> str | None:
        """The block's new inline content, or None when nothing in it is translated."""
        escape = escaper(seg.block, self.doc.format)
        any_used = False
        pieces: list[str] = []
        for piece in seg.pieces:
            out = ""
            for s in piece:
                target = self.table.get(s.text) if s.translatable else None
                if s.translatable:
                    self.total += 1
                if _usable(s, target):
                    self.used += 1
                    any_used = True
                    markup = s.markup_map
                    if self.doc.format is Format.MARKDOWN:
                        markup = flanking_safe(target or "", markup)
                    text = render(target or "", markup, escape)
                else:
                    if target:
                        log.warning("%s:%d: tags differ in translation of %r; source kept",
                                    self.doc.path, seg.block.line, s.text[:40])
                    text = render(s.text, s.markup_map, escape)
                text = f"{s.wrap[0]}{text}{s.wrap[1]}"
                if out and not (CJK_END.search(out) or CJK_START.search(text)):
                    out += " "
                out += text
            pieces.append(out)
        if not any_used:
            return None
        brk = seg.block.hard_break
        if self.doc.format is Format.MARKDOWN and seg.block.anchor.strip():
            cont = seg.block.anchor if ">" in seg.block.anchor else " " * len(seg.block.anchor)
            brk = brk + cont
        return brk.join(pieces)


def _build_lines(doc: Document, renderer: _Renderer) -> str:
    lines = doc.source.split("\n")
    replace: dict[int, tuple[int, str]] = {}
    rows: dict[int, dict[int, str]] = {}
    html_blocks: set[tuple[int, int]] = set()
    for block in doc.blocks:
        span = parse_html_block_anchor(block.anchor) if doc.format is Format.MARKDOWN else None
        if span is not None:
            html_blocks.add(span)
            continue
        seg = segment_block(block, doc.format)
        new = renderer.block(seg)
        if new is None:
            continue
        if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
            rows.setdefault(block.line - 1, {})[block.cell] = new
            continue
        replace[block.line - 1] = (block.end_line, block.anchor + new)
    for row, cells in rows.items():
        from .read.markdown import _split_cells

        current = _split_cells(lines[row])
        for idx, value in cells.items():
            if idx < len(current):
                current[idx] = value
        indent = lines[row][: len(lines[row]) - len(lines[row].lstrip())]
        replace[row] = (row + 1, indent + "| " + " | ".join(current) + " |")
    for start, end in sorted(html_blocks):
        rebuilt = _build_html_block(doc, renderer, lines, start, end)
        if rebuilt is not None:
            replace[start] = (end, rebuilt)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replace:
            end, text = replace[i]
            out.append(text)
            i = max(end, i + 1)
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _build_html_block(doc: Document, renderer: _Renderer, lines: list[str], start: int, end: int) -> str | None:
    """A raw HTML block inside Markdown, rebuilt by the HTML builder (HTML escaping)."""
    from .build_html import build_html

    fragment = Document(f"{doc.path}:{start + 1}.html", Format.HTML, "\n".join(lines[start:end]), ())
    inner = _Renderer(fragment, renderer.table)
    text = build_html(fragment, inner.block, renderer.locale)
    renderer.total += inner.total
    renderer.used += inner.used
    return text.rstrip("\n") if inner.used else None


def build_document(doc: Document, po: polib.POFile, locale: LocaleId, *,
                   include_fuzzy: bool = False) -> tuple[str, int, int]:
    """Return the localised text and (sentences, translated) counts.

    The text has the source file's line ends and BOM, so an empty catalog rebuilds a
    Markdown or text file byte for byte (CRLF, CR, mixed, with or without BOM).
    """
    renderer = _Renderer(doc, translations(po, include_fuzzy=include_fuzzy), locale)
    if doc.format is Format.HTML:
        from .build_html import build_html

        text = build_html(doc, renderer.block, locale)
    else:
        text = _build_lines(doc, renderer)
        if renderer.used == 0 and doc.mixed_source is not None:
            text = doc.mixed_source  # nothing translated: the source as it was, mixed line ends and all
    return doc.encode_like_source(text), renderer.total, renderer.used


def build_many(sources: Sequence[str | Path], locales: Sequence[LocaleId], *, locales_dir: Path, out_dir: Path,
               include_fuzzy: bool = False) -> list[BuildResult]:
    """Read and validate every source and catalog first, then write: bad input writes nothing."""
    plans = []
    for source in sources:
        doc = read_document(source)
        for locale in locales:
            po_file = catalog.po_path(locales_dir, locale, doc.domain)
            if not po_file.exists():
                raise InputError("no catalog for this document and locale", path=str(po_file),
                                 hint=f"run `l10n extract {source}` and `l10n update --locale {locale.tag}`")
            plans.append((doc, locale, read_po(po_file)))
    rendered = []
    for doc, locale, po in plans:
        text, total, used = build_document(doc, po, locale, include_fuzzy=include_fuzzy)
        rendered.append((doc, locale, text, total, used))
    results = []
    for doc, locale, text, total, used in rendered:
        output = out_dir / locale.posix / Path(doc.path).name
        written = write_if_changed(output, text, make_parents=True)  # out/ is ours to create
        results.append(BuildResult(doc.path, output, locale, total, used, written))
    return results


def build(source: str | Path, locale: LocaleId, *, locales_dir: Path, out_dir: Path,
          include_fuzzy: bool = False) -> BuildResult:
    [result] = build_many([source], [locale], locales_dir=locales_dir, out_dir=out_dir, include_fuzzy=include_fuzzy)
    return result
