"""PO catalogs as a source of approved translations for the memory: found, read strictly,
and validated in full before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import CatalogError, InputError, L10nError
from ..locales import parse_locale
from ..pofile import read_po
from .records import CatalogBatch, TMEntry


def _collect_catalogs(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their ``*.po`` files (sorted, so imports are reproducible)."""
    files: list[Path] = []
    given = list(paths)
    for path in given:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.po") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("file not found", path=str(path), hint="check the path")
    if given and not files:
        raise InputError("no .po files found in " + ", ".join(str(p) for p in given))
    return list(dict.fromkeys(files))


def load_catalogs(paths: Iterable[Path]) -> CatalogBatch:
    """Find and strictly read every catalog; raise on the first bad one, having written nothing.

    Missing paths and folders without ``*.po`` files are InputErrors; a syntax error, a
    duplicate entry, a missing or unsupported ``Language`` header is a CatalogError with
    the file (and line). Only when every catalog is valid are their entries returned.
    """
    files = _collect_catalogs(paths)
    entries: list[TMEntry] = []
    skipped = 0
    for file in files:
        approved, rejected = read_catalog(file)
        entries.extend(approved)
        skipped += rejected
    return CatalogBatch(tuple(files), tuple(entries), skipped)


def read_catalog(path: Path) -> tuple[list[TMEntry], int]:
    """The approved translations of one PO file and how many entries were passed over.

    Approved means translated, not fuzzy and not obsolete: drafts a person has not
    signed off must never come back as memory matches. Plural entries are passed over
    (press releases do not use them). The target locale comes from the ``Language``
    header, as everywhere in l10n.

    The file is read with :func:`l10n.pofile.read_po`, which polib alone is not: an
    unterminated string or a duplicated msgid is a CatalogError with file and line,
    never an entry silently imported or dropped.
    """
    catalog = read_po(path)
    language = catalog.metadata.get("Language", "").strip()
    if not language:
        raise CatalogError("PO file has no Language header", path=str(path),
                           hint="the target locale of a catalog comes from its Language header")
    try:
        locale = parse_locale(language)
    except L10nError as exc:
        raise CatalogError(f"Language header: {exc.message}", path=str(path),
                           hint=exc.hint) from None
    approved: list[TMEntry] = []
    skipped = 0
    for entry in catalog:
        if (entry.obsolete or entry.fuzzy or entry.msgid_plural or not entry.msgid.strip()
                or not entry.msgstr.strip()):
            skipped += 1
            continue
        approved.append(TMEntry(locale, entry.msgid, entry.msgstr, entry.msgctxt or "",
                                str(path)))
    return approved, skipped
