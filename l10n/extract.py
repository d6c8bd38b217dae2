"""Extract and update: sources to POT templates, templates to per-locale PO files.

Both read and validate everything first and write afterwards, so bad input leaves
every file as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from . import catalog, guard
from .errors import InputError
from .formats import read_document
from .locales import LocaleId
from .model import Document
from .pofile import read_po
from .segment import document_units


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


def read_sources(sources: Sequence[str | Path]) -> list[Document]:
    docs = [read_document(s) for s in sources]
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.domain in seen:
            raise InputError(f"two sources share the name {doc.domain!r} ({seen[doc.domain]})",
                             path=doc.path, hint="each release needs a distinct file name")
        seen[doc.domain] = doc.path
    return docs


def template_for(doc: Document) -> polib.POFile:
    return catalog.build_pot(doc.domain, document_units(doc, ref_path=catalog.ref_path(doc.path)))


def extract(sources: Sequence[str | Path], locales_dir: Path) -> list[ExtractResult]:
    docs = read_sources(sources)
    plans = []
    for doc in docs:
        target = catalog.pot_path(locales_dir, doc.domain)
        previous = catalog.load_existing(target)
        pot = template_for(doc)
        plans.append((doc, target, pot, previous))
    results = []
    for doc, target, pot, previous in plans:
        written = catalog.save(target, pot, previous)
        units = sum(len(e.occurrences) for e in pot)
        results.append(ExtractResult(doc.domain, doc.path, target, units, len(pot), written))
    return results


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


def update(locales_dir: Path, locales: Sequence[LocaleId], *,
           domains: Sequence[str] | None = None,
           annotate: Callable[[LocaleId], Callable[[str], Sequence[str]] | None] | None = None,
           ) -> list[UpdateResult]:
    """Create or merge ``<locale>/LC_MESSAGES/<domain>.po`` from each template."""
    templates = [(p.stem, read_po(p)) for p in find_templates(locales_dir, domains)]
    plans = []
    for domain, pot in templates:
        for locale in locales:
            target = catalog.po_path(locales_dir, locale, domain)
            previous, snapshot = guard.read(target)
            hook = annotate(locale) if annotate else None
            merged = catalog.merge(pot, previous, locale, hook)
            plans.append((domain, locale, target, merged, previous, snapshot))
    results = []
    for domain, locale, target, merged, previous, snapshot in plans:
        saved = guard.save(snapshot, merged, previous)
        live = [e for e in merged if not e.obsolete]
        results.append(UpdateResult(
            domain, locale, target, len(live),
            sum(1 for e in live if e.msgstr and not e.fuzzy),
            sum(1 for e in live if e.fuzzy),
            len(merged.obsolete_entries()), saved.written, saved.kept_edits, saved.conflict))
    return results
