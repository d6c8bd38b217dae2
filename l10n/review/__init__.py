"""The reviewer's site: a static, self-contained bilingual review report.

``l10n review`` and ``l10n run --report FILE`` write ``index.html`` (every release and
locale, its entries by status, its findings) and one page per release and locale (the
entries in reading order, the evidence of each finding marked inside both texts, and the
built document next to the English one). The site needs no server and no network.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .collect import CatalogInput
from .site import FindingsFor, SiteResult, build_site

if TYPE_CHECKING:
    from ..model import Finding


class _LocaleRun(Protocol):
    @property
    def po(self) -> str: ...

    @property
    def output(self) -> str: ...


class _ReleaseRun(Protocol):
    @property
    def source(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def locales(self) -> Sequence[_LocaleRun]: ...


class RunLike(Protocol):
    """What the site needs of a run's report (``l10n.pipeline.RunReport``), named by shape
    so that the pipeline imports this package and not the other way round."""

    @property
    def releases(self) -> Sequence[_ReleaseRun]: ...

    @property
    def findings(self) -> Sequence[Finding]: ...


@runtime_checkable
class StatefulRun(Protocol):
    """A run whose facts are in its state (``l10n.pipeline.RunReport``): the site keys its
    pages on them and asks only for the findings of the pages it renders."""

    def page_facts(self) -> dict[str, str] | None: ...

    def findings_by_catalog(self, catalogs: Collection[str]) -> Mapping[str, Sequence[Finding]]: ...


__all__ = ["REVIEW_FOLDER", "CatalogInput", "SiteResult", "build_site", "write_beside_report"]

log = logging.getLogger(__name__)
#: The site's folder beside a run's JSON report (out/report.json -> out/review/).
REVIEW_FOLDER = "review"


def write_beside_report(report_path: Path, report: RunLike) -> SiteResult | None:
    """The run's review site, in ``review/`` beside its JSON report, from the run's own
    findings (nothing is checked again). A report written to a FIFO or a device has no
    folder beside it: no site. A catalog that cannot be read any more (a translator saving
    it meanwhile) costs the site, never the run: it is logged."""
    from ..errors import L10nError

    if not report_path.is_file():
        return None
    facts: dict[str, str] | None = None
    findings_for: FindingsFor | None = None
    if isinstance(report, StatefulRun):
        facts = report.page_facts()
        findings_for = report.findings_by_catalog if facts is not None else None
    by_po: dict[str, list[Finding]] = {}
    if facts is None:  # every finding given up front, every page keyed on its files
        facts = {}
        for f in report.findings:
            by_po.setdefault(f.path, []).append(f)
    items = []
    for r in report.releases:
        if r.status == "failed":
            continue
        source = Path(r.source)
        # a catalog with facts was read by this run (its hash is in them): no need to look
        items += [CatalogInput(Path(s.po), tuple(by_po.get(s.po, ())), source, Path(s.output),
                               facts=facts.get(s.po, "")) for s in r.locales if s.po in facts or os.path.isfile(s.po)]
    if not items:
        return None
    try:
        from ..annotate import load_default_glossary

        # the run's own term base when it says which ("" none), else the project's
        used = getattr(report, "glossary_path", None)
        if used is None:
            glossary = load_default_glossary(None, start=items[0].po)
        else:
            glossary = load_default_glossary(used) if used else None
        stamp = dt.datetime.fromtimestamp(report_path.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        return build_site(items, report_path.parent / REVIEW_FOLDER, glossary=glossary, last_run=stamp,
                          findings_for=findings_for)
    except L10nError as exc:
        log.warning("review site not written: %s", exc.format_message())
        return None
