"""Reading one catalog into a review page: its entries in reading order, each with its
marked texts, status, references and findings, plus the built preview.

The findings are given (the batch's, or ``l10n check``'s for ``l10n review``): this
module reads, it does not check again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .. import provenance
from ..catalog import catalog_locale
from ..locales import LocaleId
from ..model import Finding, Severity
from ..pofile import ScannedCatalog, ScannedEntry, is_joined, scan_po_file
from .marks import Memo, mark_entry, render
from .preview import Document, preview
from .status import STATUSES, Status, entry_status

_REF_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: Every prefix of a ``#.`` line the tool writes (provenance and hints).
_TOOL_PREFIXES = tuple(o.value for o in provenance.Origin)
#: The findings of the numbers check: only an entry with one needs the comparison again.
NUMBER_CHECKS = frozenset({"numbers", "currency"})


@dataclass(frozen=True)
class CatalogInput:
    """One catalog to review: its PO file, its findings, and (when known) the release
    source and built document; unknown ones are found from the ``#:`` references."""

    po: Path
    findings: tuple[Finding, ...] = ()
    source: Path | None = None
    built: Path | None = None
    #: Where built documents are (``out/``): the built one is found there when not given.
    out_dir: Path | None = None
    strip_suffix: bool = True
    #: What the run recorded of this page's inputs (its state's hashes of the release,
    #: catalog and built document, and of its findings): when given, the page is keyed on
    #: it and the files are not read again; ``findings`` may then be left empty and given
    #: by ``build_site(findings_for=...)`` for the pages it renders.
    facts: str = ""


@dataclass(frozen=True)
class Row:
    """One entry as the release page shows it."""

    number: int
    anchor: str
    source: Markup
    target: Markup
    missing: tuple[str, ...]
    status: Status
    refs: tuple[str, ...]
    po_line: int
    msgctxt: str | None
    fuzzy: bool
    findings: tuple[Finding, ...]
    #: The template's own ``#.`` lines (the unit's kind, what a placeholder tag stands for).
    notes: tuple[str, ...] = ()

    @property
    def checks(self) -> str:
        return " ".join(sorted({f.check for f in self.findings}))

    @property
    def severities(self) -> str:
        return " ".join(sorted({str(f.severity) for f in self.findings}))

    @property
    def severity(self) -> str:
        """The worst severity on the row, or "" for a row without findings."""
        found = {f.severity for f in self.findings}
        return next((str(s) for s in _SEVERITY_ORDER if s in found), "")


@dataclass(frozen=True)
class Summary:
    """What the overview shows of one page (small: forked workers send it back)."""

    file: str
    release: str
    locale: str
    po: str
    entries: int
    counts: dict[str, int]
    errors: int
    warnings: int
    updated: str

    def bar(self) -> list[tuple[str, str, int, float]]:
        """(status key, label, count, per cent of entries) for the stacked bar."""
        total = max(1, self.entries)
        return [(key, label, self.counts.get(key, 0), 100 * self.counts.get(key, 0) / total)
                for key, label in STATUSES.items()]


@dataclass
class Page:
    """One release in one locale."""

    file: str
    release: str
    domain: str
    locale: LocaleId
    po: str
    rows: list[Row]
    updated: str
    source_doc: Document
    built_doc: Document
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rows for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def entries(self) -> int:
        return len(self.rows)

    def bar(self) -> list[tuple[str, str, int, float]]:
        return self.summary().bar()

    def summary(self) -> Summary:
        return Summary(self.file, self.release, self.locale.tag, self.po, self.entries, dict(self.counts),
                       self.errors, self.warnings, self.updated)

    @property
    def checks(self) -> list[str]:
        return sorted({f.check for f in self.findings})


@dataclass(frozen=True)
class Located:
    """A catalog read, with the release and built document its page shows."""

    scanned: ScannedCatalog
    locale: LocaleId
    source: Path | None
    built: Path | None


def locate(item: CatalogInput) -> Located:
    """Read the catalog (an unreadable one raises its one-line InputError) and find its
    release (given, else from the ``#:`` references) and built document."""
    scanned = scan_po_file(item.po)
    locale = catalog_locale(scanned.metadata, str(item.po))
    source = item.source or _source_from_refs(e for e in scanned.entries if e.msgid and not e.obsolete)
    return Located(scanned, locale, source, item.built or _built(item, locale, source))


def read_page(item: CatalogInput, glossary: object | None, file: str, memo: Memo | None = None,
              located: Located | None = None) -> Page:
    """The page of one catalog (an unreadable catalog raises its one-line InputError).
    ``memo`` carries what the pages of one release share (see :class:`Memo`)."""
    memo = memo or Memo()
    found_at = located or locate(item)
    locale, source = found_at.locale, found_at.source
    live = [e for e in found_at.scanned.entries if e.msgid and not e.obsolete]
    by_line: dict[int, list[Finding]] = {}
    for f in item.findings:
        by_line.setdefault(f.line, []).append(f)
    rows: list[Row] = []
    previous: Status | None = None
    for number, e in enumerate(_reading_order(live, source), start=1):
        status = entry_status(e.msgstr, e.fuzzy, e.comments)
        if is_joined(e.flags, e.msgstr) and previous is not None:
            status = Status(previous.key, "joined: carried by the previous entry's translation")
        previous = status
        found = tuple(by_line.get(e.line, ()))
        checks = {f.check for f in found}
        marked = mark_entry(e.msgid, e.msgstr, locale, glossary, memo=memo, script="script" in checks,
                            compare=bool(checks & NUMBER_CHECKS))
        rows.append(Row(number, f"e{e.line}", render(e.msgid, marked.source), render(e.msgstr, marked.target),
                        tuple(marked.missing), status, e.references, e.line, e.msgctxt, e.fuzzy, found,
                        _template_notes(e.comments)))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status.key] = counts.get(r.status.key, 0) + 1
    return Page(file, str(source) if source else item.po.stem, item.po.stem, locale, str(item.po),
                rows, modified(item.po), memo.preview(source, "English source"),
                preview(found_at.built, "built document"), counts)


def _template_notes(comments: tuple[str, ...]) -> tuple[str, ...]:
    """The extracted comments that are neither provenance nor hints (the status and the
    marks already show those)."""
    return tuple(c for c in comments if c and not c.startswith(_TOOL_PREFIXES))


def _built(item: CatalogInput, locale: LocaleId, source: Path | None) -> Path | None:
    from ..build import output_path

    if item.out_dir is None or source is None:
        return None
    return output_path(item.out_dir, locale, source, strip_suffix=item.strip_suffix)


def _source_from_refs(entries: Iterable[ScannedEntry]) -> Path | None:
    """The release the catalog was extracted from: the path of its first ``#:`` reference."""
    for e in entries:
        for ref in e.references:
            found = _REF_RE.match(ref)
            if found:
                return Path(found["path"])
    return None


def _reading_order(entries: Sequence[ScannedEntry], source: Path | None) -> list[ScannedEntry]:
    """Entries by their first line in the release (a catalog may have been re-sorted);
    entries without a reference keep their place after the ones before them."""
    def line_of(item: tuple[int, ScannedEntry]) -> tuple[int, int]:
        index, e = item
        for ref in e.references:
            found = _REF_RE.match(ref)
            if found and (source is None or found["path"] == str(source)):
                return int(found["line"]), index
        return -1, index

    keyed = [line_of(item) for item in enumerate(entries)]
    if any(line < 0 for line, _ in keyed):
        return list(entries)
    return [entries[i] for _line, i in sorted(keyed)]


def modified(path: Path) -> str:
    """When the catalog was last written (by a run, an update or a translator), in UTC."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
