"""The result of checking catalogs, which every report format writes (``report`` for text
and JSON, ``report_junit``, ``report_github``); a module of its own so that the format
modules need not import ``report``, which imports them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Finding, Severity


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    entries: int
    checked: int
    #: Wall-clock seconds spent checking each file (``check_catalogs`` measures them; a
    #: report assembled from a batch's stored findings has none, and JUnit then says 0).
    #: Not part of a report's identity: the same findings checked twice are equal reports.
    seconds: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def summary(self) -> dict[str, object]:
        by_check = Counter(f.check for f in self.findings if f.severity is not Severity.INFO)
        return {
            "files": len(self.files),
            "entries": self.entries,
            "checked": self.checked,
            "errors": self.errors,
            "warnings": self.warnings,
            "untranslated": sum(1 for f in self.findings if f.check == "untranslated"),
            "by_check": dict(sorted(by_check.items())),
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0
