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
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from .collect import CatalogInput
from .site import FactsRow, FindingsFor, SiteResult, build_from_facts, build_site

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
    items: list[CatalogInput] | list[FactsRow]
    if facts is not None:  # plain strings: a catalog becomes a CatalogInput when its page is rendered
        # a catalog with facts was read by this run (its hash is in them): no need to look
        items = [FactsRow(s.po, r.source, s.output, facts.get(s.po, "")) for r in report.releases
                 if r.status != "failed" for s in r.locales if s.po in facts or os.path.isfile(s.po)]
    else:  # every finding given up front, every page keyed on its files
        by_po: dict[str, list[Finding]] = {}
        for f in report.findings:
            by_po.setdefault(f.path, []).append(f)
        items = [CatalogInput(Path(s.po), tuple(by_po.get(s.po, ())), Path(r.source), Path(s.output))
                 for r in report.releases if r.status != "failed" for s in r.locales if os.path.isfile(s.po)]
    if not items:
        return None
    try:
        from ..annotate import load_default_glossary

        # the run's own term base when it says which ("" none), as it loaded it if it says;
        # else the project's
        used = getattr(report, "glossary_path", None)
        loaded = getattr(report, "glossary", None)
        if used and loaded is not None:
            glossary = loaded
        elif used is None:
            glossary = load_default_glossary(None, start=Path(items[0].po))
        else:
            glossary = load_default_glossary(used) if used else None
        stamp = dt.datetime.fromtimestamp(report_path.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        folder = report_path.parent / REVIEW_FOLDER
        if findings_for is not None:
            return build_from_facts(cast(list[FactsRow], items), folder, findings_for, glossary=glossary,
                                    last_run=stamp)
        return build_site(cast(list[CatalogInput], items), folder, glossary=glossary, last_run=stamp)
    except L10nError as exc:
        log.warning("review site not written: %s", exc.format_message())
        return None
