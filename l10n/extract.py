"""Extract and update: sources to POT templates, templates to per-locale PO files.

Both read and validate everything first and write afterwards, so bad input leaves
every file as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from . import catalog, defaults, guard
from .build import refuse_output_clash
from .errors import InputError
from .formats import read_document
from .formats.language import foreign_reason, is_foreign_text
from .inline import strip_tags
from .locales import LocaleId
from .model import BlockKind, Document
from .pofile import read_po
from .segment import Sentence, document_units, segment_document

log = logging.getLogger(__name__)

#: A unit of at most this many words, followed by one that starts in lower case, is a
#: sentence cut by a stray line break ("In" / "the year ..."): extract warns.
SHORT_UNIT_WORDS = 2
_TERMINAL = tuple(".!?:;。！？：；\"”)")


@dataclass(frozen=True)
class ExtractResult:
    domain: str
    source: str
    pot: Path
    units: int
    entries: int
    written: bool


@dataclass(frozen=True)
class UpdateResult:
    domain: str
    locale: LocaleId
    po: Path
    entries: int
    translated: int
    fuzzy: int
    obsolete: int
    written: bool
    kept_edits: int = 0  # changes a person saved while the update ran, kept (see l10n.guard)
    conflict: str = ""  # non-empty: the file changed and cannot be read; it was left as saved


def name_clash(domain: str, path: str, owners: dict[str, str]) -> str | None:
    """The one rule for release names: a domain (file stem) has one catalog, so a second
    source of that name would overwrite the first one's. Records ``path`` as the owner."""
    owner = owners.setdefault(domain, path)
    if owner == path:
        return None
    return (f"two sources share the name {domain!r} ({owner}); one catalog would overwrite the other's "
            "(rename one of them)")


def not_english(doc: Document) -> str | None:
    """Why a whole source is not an English release (a Chinese version lying next to the
    English one, a Chinese index page), or None: such a file is skipped, not extracted."""
    return foreign_reason(doc.source, (b.text for b in doc.blocks))


def english_sources(docs: Sequence[Document]) -> list[Document]:
    """``docs`` without the ones that are not English, each skipped with one warning line."""
    kept = []
    for doc in docs:
        reason = not_english(doc)
        if reason:
            log.warning("%s: skipped: not an English source (%s)", doc.path, reason)
        else:
            kept.append(doc)
    return kept


def read_sources(sources: Sequence[str | Path], *,
                 strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> list[Document]:
    """The English sources among ``sources`` (others skipped with a warning), names checked:
    one catalog per name, and one output file per source (``strip_suffix``: the build's
    ``[output] strip_language_suffix``, so a clash is found at extract, not at build)."""
    docs = english_sources([read_document(s) for s in sources])
    owners: dict[str, str] = {}
    for doc in docs:
        clash = name_clash(doc.domain, doc.path, owners)
        if clash:
            raise InputError(clash, path=doc.path, hint="each release needs a distinct file name")
    refuse_output_clash([doc.path for doc in docs], strip_suffix=strip_suffix)
    return docs


def english_blocks(doc: Document) -> Document:
    """The document without its blocks written mostly in CJK script: they are not English,
    so they are not units; the build finds no translation for them and keeps them as they are."""
    blocks = tuple(b for b in doc.blocks if not is_foreign_text(b.text))
    return doc if len(blocks) == len(doc.blocks) else replace(doc, blocks=blocks)


def _words(text: str) -> list[str]:
    return strip_tags(text).split()


def _starts_lower(text: str) -> bool:
    first = next((c for c in strip_tags(text) if c.isalpha()), "")
    return first.islower()


def _cut_sentence(unit: Sentence, following: Sentence) -> bool:
    """``unit`` is one or two words without a sentence end, and the next one goes on in lower case."""
    words = _words(unit.text)
    return (0 < len(words) <= SHORT_UNIT_WORDS and not unit.text.rstrip().endswith(_TERMINAL)
            and _starts_lower(following.text))


#: Formats whose blocks are elements, not lines: a block ends where an element does, never
#: at a stray line break, so only units of one block are compared there.
ELEMENT_FORMATS = frozenset({"html"})


#: Blocks a stray blank line can cut a sentence across; a table cell, a heading or a list
#: item ends where the document's structure says, so the next block is no continuation.
FLOWING_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE})


def _translatable_sentences(doc: Document) -> Iterator[tuple[Sentence, int, int, bool]]:
    """Each translatable sentence with its line, the index of its block and whether the
    block is flowing text."""
    for index, seg in enumerate(segment_document(doc)):
        flowing = seg.block.kind in FLOWING_KINDS
        for piece in seg.pieces:
            for s in piece:
                if s.translatable:
                    yield s, s.line or seg.block.line, index, flowing


def short_units(doc: Document) -> list[tuple[int, str]]:
    """(line, text) of each unit of one or two words that a line break cut from its sentence
    (in a text or Markdown file the break may be a blank line between two blocks)."""
    sentences = list(_translatable_sentences(doc))
    across_blocks = doc.format not in ELEMENT_FORMATS
    return [(line, s.text)
            for (s, line, block, flowing), (nxt, _, nxt_block, nxt_flowing)
            in zip(sentences, sentences[1:], strict=False)
            if (block == nxt_block or (across_blocks and flowing and nxt_flowing)) and _cut_sentence(s, nxt)]


def warn_short_units(doc: Document) -> None:
    """One warning line per unit cut from its sentence by a stray line break (not an error)."""
    for line, text in short_units(doc):
        log.warning("%s:%d: unit %r is one or two words cut from its sentence by a line break; "
                    "join the lines in the source", doc.path, line, text)


def template_for(doc: Document) -> polib.POFile:
    doc = english_blocks(doc)
    warn_short_units(doc)
    return catalog.build_pot(doc.domain, document_units(doc, ref_path=catalog.ref_path(doc.path)))


@dataclass(frozen=True)
class TemplatePlan:
    """A document's template, made in memory, and the one on disk it replaces."""

    doc: Document
    pot_file: Path
    pot: polib.POFile
    previous: polib.POFile | None


def _entries_signature(pot: polib.POFile) -> list[tuple[object, ...]]:
    """What a template says, dates left out: its header comment and fields, and each entry."""
    fields = sorted((k, v) for k, v in pot.metadata.items() if k not in catalog.DATE_KEYS)
    return [(pot.header, tuple(fields))] + [
        (e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences), e.comment, e.tcomment, tuple(e.flags),
         e.obsolete) for e in pot]


def _keep_saved_date(pot: polib.POFile, previous: polib.POFile | None) -> None:
    """A template whose entries did not change keeps the creation date on disk.

    The merge that follows copies the template's date into every PO file (as msgmerge
    does): a fresh date on an unchanged template would rewrite every catalog of the
    release (``l10n run`` after a glossary edit did exactly that)."""
    if previous is None or "POT-Creation-Date" not in previous.metadata:
        return
    if _entries_signature(pot) == _entries_signature(previous):
        pot.metadata["POT-Creation-Date"] = previous.metadata["POT-Creation-Date"]


def plan_template(doc: Document, locales_dir: Path) -> TemplatePlan:
    """The extract stage for one document: segment it into a template (nothing written).
    Its creation date is the saved one while its entries stay the same."""
    pot_file = catalog.pot_path(locales_dir, doc.domain)
    pot, previous = template_for(doc), catalog.load_existing(pot_file)
    _keep_saved_date(pot, previous)
    return TemplatePlan(doc, pot_file, pot, previous)


def write_template(plan: TemplatePlan) -> ExtractResult:
    written = catalog.save(plan.pot_file, plan.pot, plan.previous)
    units = sum(len(e.occurrences) for e in plan.pot)
    return ExtractResult(plan.doc.domain, plan.doc.path, plan.pot_file, units, len(plan.pot), written)


def extract(sources: Sequence[str | Path], locales_dir: Path, *,
            strip_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX) -> list[ExtractResult]:
    plans = [plan_template(doc, locales_dir) for doc in read_sources(sources, strip_suffix=strip_suffix)]
    return [write_template(plan) for plan in plans]


def find_templates(locales_dir: Path, domains: Sequence[str] | None = None) -> list[Path]:
    if domains:
        paths = [catalog.pot_path(locales_dir, d) for d in domains]
        for p in paths:
            if not p.exists():
                raise InputError("template not found", path=str(p),
                                 hint="run `l10n extract SOURCE` first")
        return paths
    paths = sorted(locales_dir.glob("*.pot"))
    if not paths:
        raise InputError("no templates (*.pot) found", path=str(locales_dir),
                         hint="run `l10n extract SOURCE -o DIR` first")
    return paths


@dataclass(frozen=True)
class MergePlan:
    """One catalog merged in memory with its template, not yet written (see ``write_merged``)."""

    locale: LocaleId
    po_file: Path
    po: polib.POFile
    previous: polib.POFile | None
    snapshot: guard.Snapshot


def merge_catalog(pot: polib.POFile, locales_dir: Path, locale: LocaleId, domain: str,
                  annotate: Callable[[str], Sequence[str]] | None = None,
                  options: catalog.MergeOptions = catalog.DEFAULT_MERGE) -> MergePlan:
    """The update stage for one catalog: read it (remembering what was read) and merge."""
    po_file = catalog.po_path(locales_dir, locale, domain)
    previous, snapshot = guard.read(po_file)
    merged = catalog.merge(pot, previous, locale, annotate, options)
    return MergePlan(locale, po_file, merged, previous, snapshot)


def write_merged(plan: MergePlan) -> guard.SaveResult:
    """Write a merged (and perhaps pre-translated) catalog; a save made meanwhile wins."""
    return guard.save(plan.snapshot, plan.po, plan.previous)


def update(locales_dir: Path, locales: Sequence[LocaleId], *,
           domains: Sequence[str] | None = None,
           annotate: Callable[[LocaleId], Callable[[str], Sequence[str]] | None] | None = None,
           options: catalog.MergeOptions = catalog.DEFAULT_MERGE,
           refresh: Callable[[Sequence[MergePlan]], object] | None = None,
           ) -> list[UpdateResult]:
    """Create or merge ``<locale>/LC_MESSAGES/<domain>.po`` from each template.

    ``refresh`` sees every merged catalog before anything is written: the command uses it
    to write the notes for people again from the drafts state (``translate.refresh_notes``)
    and to save that state before the catalogs it describes.
    """
    templates = [(p.stem, read_po(p)) for p in find_templates(locales_dir, domains)]
    plans = [(domain, merge_catalog(pot, locales_dir, locale, domain, annotate(locale) if annotate else None,
                                    options))
             for domain, pot in templates for locale in locales]
    if refresh is not None:
        refresh([plan for _domain, plan in plans])
    results = []
    for domain, plan in plans:
        saved = write_merged(plan)
        live = [e for e in plan.po if not e.obsolete]
        results.append(UpdateResult(
            domain, plan.locale, plan.po_file, len(live),
            sum(1 for e in live if e.msgstr and not e.fuzzy),
            sum(1 for e in live if e.fuzzy),
            len(plan.po.obsolete_entries()), saved.written, saved.kept_edits, saved.conflict))
    return results
