"""Build the localised documents from PO files: the format-neutral part.

The translations of a catalog become a ``CatalogLookup``; the document's format (see
``l10n.formats``) writes the document with them. A block none of whose sentences has a
usable translation is copied from the source byte for byte, so an empty catalog rebuilds
the source exactly (HTML gets ``lang``). A translation whose placeholder tags do not match
its source is not used: the source sentence stands in and the ``placeholders`` check
reports it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from . import catalog, defaults
from .errors import InputError
from .formats import handler_named, read_document
from .formats.language import strip_language_suffix
from .fsio import write_if_changed
from .inline import tag_multiset
from .lang import profile_for
from .locales import LocaleId
from .model import Document
from .pofile import is_joined, read_po
from .segment import Sentence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    source: str
    output: Path
    locale: LocaleId
    sentences: int
    translated: int
    written: bool


def translations(po: polib.POFile, *, include_fuzzy: bool) -> dict[str, str]:
    return {
        e.msgid: e.msgstr
        for e in po
        if not e.obsolete and e.msgstr and (include_fuzzy or not e.fuzzy)
    }


def joins(po: polib.POFile, *, include_fuzzy: bool) -> dict[str, str]:
    """Joined msgid -> the msgid of the live entry right before it (whose translation
    carries both). A fuzzy joined entry counts only when fuzzy entries are built."""
    out: dict[str, str] = {}
    previous: str | None = None
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        if previous is not None and is_joined(e.flags, e.msgstr) and (include_fuzzy or not e.fuzzy):
            out[e.msgid] = previous
        previous = e.msgid
    return out


class CatalogLookup:
    """The translations of one catalog for one document, as a format's writer asks them
    (``l10n.formats.Lookup``, and ``JoinLookup`` for ``#, l10n-joined`` entries); counts
    the sentences asked and the translations given (a joined sentence carried by the
    previous translation counts as given)."""

    def __init__(self, table: Mapping[str, str], locale: LocaleId, path: str,
                 joined: Mapping[str, str] | None = None) -> None:
        self.table = table
        self.joined = joined or {}
        self.locale = locale
        self.path = path
        self.total = 0
        self.used = 0

    @property
    def language(self) -> str | None:
        return self.locale.tag

    def target(self, sentence: Sentence, line: int) -> str | None:
        """The translation, if its placeholder tags match the source's; else None (logged)."""
        if not sentence.translatable:
            return None
        self.total += 1
        target = self.table.get(sentence.text)
        if not target:
            return None
        if tag_multiset(target) != tag_multiset(sentence.text):
            log.warning("%s:%d: tags differ in translation of %r; source kept", self.path, line, sentence.text[:40])
            return None
        self.used += 1
        return target

    def joined_to(self, sentence: Sentence) -> str | None:
        """The msgid whose translation carries ``sentence`` (``#, l10n-joined``), or None."""
        anchor = self.joined.get(sentence.text)
        if anchor is not None:
            self.total += 1
            self.used += 1
        return anchor

    def join(self, texts: Sequence[str]) -> str:
        """Sentences of one stretch of text, joined as the target language does
        (Chinese and Japanese: no space next to a CJK character)."""
        return profile_for(self.locale).join(texts)


def build_document(doc: Document, po: polib.POFile, locale: LocaleId, *,
                   include_fuzzy: bool = False) -> tuple[bytes, int, int]:
    """The localised file's bytes and (sentences, translated) counts.

    With nothing translated, a Markdown or text file comes back byte for byte (CRLF, CR,
    mixed, with or without BOM).
    """
    lookup = CatalogLookup(translations(po, include_fuzzy=include_fuzzy), locale, doc.path,
                           joins(po, include_fuzzy=include_fuzzy))
    data = handler_named(doc.format).write(doc, lookup)
    return data, lookup.total, lookup.used


def output_name(source: str | Path, *, strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> str:
    """The file name the localised document of ``source`` gets (see ``output_path``)."""
    name = Path(source).name
    return strip_language_suffix(name) if strip_suffix else name


def output_clashes(sources: Sequence[str | Path], *,
                   strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> dict[str, str]:
    """Each source whose localised document would have another's output name, with why.

    Built documents go to ``out/<locale>/<file name>``; with the language suffix dropped,
    ``x.en.md`` and ``x.md`` (or ``x_en.html`` and ``x.html``) have different catalogs but
    one output file, and the second build would silently overwrite the first. Which one
    should win is not ours to guess, so both are named and neither is built."""
    by_name: dict[str, list[str]] = {}
    for source in sources:
        path = str(source)
        names = by_name.setdefault(output_name(source, strip_suffix=strip_suffix), [])
        if path not in names:
            names.append(path)
    clashes: dict[str, str] = {}
    for name, paths in by_name.items():
        if len(paths) < 2:
            continue
        message = output_clash_message(name, paths, strip_suffix=strip_suffix)
        for path in paths:
            clashes[path] = message
    return clashes


def output_clash_message(name: str, paths: Sequence[str], *, strip_suffix: bool) -> str:
    """One line naming the sources that share the output ``name`` and what to do."""
    listed = " and ".join(paths)
    fix = ("rename one of them, or keep the suffix: [output] strip_language_suffix = false "
           "(extract and build: --no-strip-language-suffix)" if strip_suffix else "rename one of them")
    return f"{listed} would {'both' if len(paths) == 2 else 'all'} be built as <locale>/{name}; {fix}"


def refuse_output_clash(sources: Sequence[str | Path], *,
                        strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> None:
    """Raise (exit 2, nothing written) when two sources would build to one output file."""
    clashes = output_clashes(sources, strip_suffix=strip_suffix)
    if clashes:
        raise InputError(next(iter(clashes.values())))  # the message names both files


def output_path(out_dir: Path, locale: LocaleId, source: str | Path, *,
                strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> Path:
    """Where the localised document of ``source`` goes: ``out/<locale>/<file name>``, the
    name without its source language suffix (``x.en.md`` → ``x.md``) unless told to keep it:
    the locale folder already says the language, and ``x.en.md`` holding Chinese misleads."""
    return out_dir / locale.posix / output_name(source, strip_suffix=strip_suffix)


def build_many(sources: Sequence[str | Path], locales: Sequence[LocaleId], *, locales_dir: Path, out_dir: Path,
               include_fuzzy: bool = False,
               strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> list[BuildResult]:
    """Read and validate every source and catalog first, then write: bad input (two sources
    building to one output name among them) writes nothing."""
    refuse_output_clash(sources, strip_suffix=strip_suffix)
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
        output = output_path(out_dir, locale, doc.path, strip_suffix=strip_suffix)
        written = write_if_changed(output, text, make_parents=True)  # out/ is ours to create
        results.append(BuildResult(doc.path, output, locale, total, used, written))
    return results


def build(source: str | Path, locale: LocaleId, *, locales_dir: Path, out_dir: Path,
          include_fuzzy: bool = False, strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> BuildResult:
    [result] = build_many([source], [locale], locales_dir=locales_dir, out_dir=out_dir, include_fuzzy=include_fuzzy,
                          strip_suffix=strip_suffix)
    return result
