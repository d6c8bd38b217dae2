"""XLIFF export and import of one catalog: what ``l10n xliff`` calls.

``export_catalog`` renders one PO (one document, one locale) as XLIFF 2.0 or 1.2;
``read_xliff`` parses a returned file safely and tells the versions apart by namespace;
``import_into`` merges one file's units into its PO under the project's rules (see
:mod:`l10n.exchange.merge`) and checks every entry it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import guard
from ..catalog import catalog_locale
from ..errors import CatalogError, InputError
from ..locales import LocaleId, parse_locale
from ..model import Finding
from ..pofile import parse_po
from . import xliff2, xliff12
from .common import ImportedFile
from .export import build_export
from .merge import MergeSummary, merge_units
from .xmlio import local, parse_xml

VERSIONS = ("2.0", "1.2")
DEFAULT_VERSION = "2.0"


def export_catalog(po_path: Path, *, version: str = DEFAULT_VERSION, roots: Sequence[Path] = (),
                   glossary: Any = None, locale: LocaleId | None = None) -> bytes:
    """The XLIFF file of one PO catalog (strictly read: CatalogError names file and line).

    ``glossary`` (a loaded term base) adds its renderings to the glossary notes; ``locale``,
    when given, must be the catalog's."""
    po, _ = guard.read(po_path)
    if po is None:
        raise InputError("no such file", path=str(po_path))
    po_locale = catalog_locale(po, str(po_path))
    if locale is not None and locale != po_locale:
        raise InputError(f"the catalog is for {po_locale.tag}, not {locale.tag}", path=str(po_path))
    doc = build_export(po, po_path, po_path.stem, po_locale.tag, roots, _hints(glossary, po_locale))
    if version == "1.2":
        return xliff12.write(doc, str(po_path))
    return xliff2.write(doc)


def _hints(glossary: Any, locale: LocaleId) -> Callable[[str], list[str]] | None:
    if glossary is None:
        return None
    from ..glossary import glossary_comments

    return lambda msgid: glossary_comments(msgid, glossary, locale)


def read_xliff(data: bytes, path: str) -> ImportedFile:
    """The one ``<file>`` of an XLIFF 2.x or 1.x document; anything else is an InputError."""
    root = parse_xml(data, path)
    namespace = root.tag.split("}")[0].lstrip("{") if isinstance(root.tag, str) and "}" in root.tag else ""
    if local(root) != "xliff":
        raise InputError(f"not an XLIFF file: the root element is <{local(root)}>", path=path,
                         line=root.sourceline)
    if namespace == xliff2.NS:
        files = xliff2.read(root, path)
    elif namespace in xliff12.READ_NAMESPACES:
        files = xliff12.read(root, path)
    else:
        raise InputError(f"unknown XLIFF namespace {namespace or '(none)'!r}", path=path, line=root.sourceline,
                         hint=f"expected {xliff2.NS} or {xliff12.NS}")
    if len(files) != 1:
        raise InputError(f"expected one <file> (one document and locale), found {len(files)}", path=path,
                         line=root.sourceline, hint="export and import one document at a time")
    return files[0]


def file_locale(imported: ImportedFile, given: LocaleId | None) -> LocaleId:
    """The target locale the file declares, which must agree with ``--locale`` if given."""
    if not imported.locale_tag:
        if given is None:
            raise InputError("the file declares no target language", path=imported.path,
                             hint="pass --locale")
        return given
    try:
        declared = parse_locale(imported.locale_tag)
    except InputError as exc:
        raise InputError(f"target language: {exc.message}", path=imported.path, hint=exc.hint) from None
    if given is not None and given != declared:
        raise InputError(f"the file is for {declared.tag}, not {given.tag}", path=imported.path)
    return declared


def domain_of(imported: ImportedFile) -> str:
    """The document (PO domain) the file was exported from: its ``original`` name's stem."""
    name = Path(imported.domain.replace("\\", "/")).name
    stem = name[:-3] if name.endswith(".po") else Path(name).stem
    if not stem:
        raise InputError("the file names no original document", path=imported.path,
                         hint="pass --po to say which catalog it belongs to")
    return stem


@dataclass
class ImportResult:
    po_path: Path
    summary: MergeSummary
    written: bool = False
    conflict: str = ""
    kept_edits: int = 0
    findings: list[Finding] = field(default_factory=list)


def import_into(imported: ImportedFile, po_path: Path, locale: LocaleId, *, glossary: Any = None,
                dry_run: bool = False) -> ImportResult:
    """Merge the file's units into the PO and check the entries that changed.

    The caller holds the folder lock; the write goes through :func:`l10n.guard.save`."""
    po, snapshot = guard.read(po_path)
    if po is None:
        raise InputError("no such catalog", path=str(po_path), hint="pass --po or --locales-dir")
    po_locale = catalog_locale(po, str(po_path))
    if po_locale != locale:
        raise CatalogError(f"the catalog is for {po_locale.tag}, the XLIFF file for {locale.tag}",
                           path=str(po_path))
    previous = parse_po(snapshot.text, str(po_path)) if snapshot.text is not None else None
    summary = merge_units(po, imported.units)
    result = ImportResult(po_path, summary)
    if dry_run or not summary.updated_keys:
        return result
    saved = guard.save(snapshot, po, previous)
    result.written, result.conflict, result.kept_edits = saved.written, saved.conflict, saved.kept_edits
    if not saved.conflict:
        result.findings = check_updated(po_path, locale, summary, glossary)
    return result


def check_updated(po_path: Path, locale: LocaleId, summary: MergeSummary, glossary: Any) -> list[Finding]:
    """The project's checks, as ``l10n check`` runs them, reported for the entries the
    import changed. The whole catalog is checked: the glossary check reads it in order (a
    short form is fine once the full name came earlier), so an entry alone could be
    reported wrongly."""
    from ..checks import CheckEnv
    from ..integrity import run_checks_parallel
    from ..pofile import scan_po_file

    keys = summary.updated_keys
    scanned = scan_po_file(po_path)
    # ``checkable`` folds a joined sentence's msgid into its carrier's: match by the entry's own
    lines = {e.line for e in scanned.entries if (e.msgctxt, e.msgid) in keys and not e.obsolete}
    findings = run_checks_parallel(scanned.checkable(str(po_path)), CheckEnv(locale, glossary), None)
    return [f for f in findings if f.line in lines]
