"""One registry of checks. Each check is registered once with a stable short name,
a default severity and a one-line description; it returns Findings and never raises.

Check modules register themselves on import; ``all_checks()`` imports the known ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..locales import LocaleId
from ..model import Entry, Finding, Severity


@dataclass(frozen=True)
class CheckEnv:
    """What checks may need besides the entry: the target locale and shared resources."""

    locale: LocaleId
    glossary: Any = None  # l10n.glossary.Glossary when one is loaded
    severities: dict[str, Severity] = field(default_factory=dict)


CheckFn = Callable[[Entry, CheckEnv], list[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    description: str
    run: CheckFn


_REGISTRY: dict[str, Check] = {}
CHECK_MODULES = ("numbers", "glossary", "placeholders", "untranslated")


def register(name: str, severity: Severity, description: str) -> Callable[[CheckFn], CheckFn]:
    def decorate(fn: CheckFn) -> CheckFn:
        if name in _REGISTRY and _REGISTRY[name].run is not fn:
            raise RuntimeError(f"check {name!r} registered twice")
        _REGISTRY[name] = Check(name, severity, description, fn)
        return fn

    return decorate


def all_checks() -> dict[str, Check]:
    for module in CHECK_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return dict(sorted(_REGISTRY.items()))


def finding(entry: Entry, check: str, severity: Severity, message: str) -> Finding:
    return Finding(entry.path, entry.line, entry.msgctxt, entry.msgid, check, severity, message)


def select_checks(select: Sequence[str] | None) -> list[Check]:
    """Resolve ``--select`` names; a check function may emit findings for several names
    (the numbers check reports ``numbers`` and ``currency``), so selection filters findings."""
    checks = all_checks()
    known = set(checks) | {"currency"}
    if not select:
        return list(checks.values())
    unknown = [s for s in select if s not in known]
    if unknown:
        raise InputError(f"unknown check {', '.join(unknown)}",
                         hint=f"known checks: {', '.join(sorted(known))}")
    wanted = set(select)
    if "currency" in wanted:
        wanted.add("numbers")
    return [c for n, c in checks.items() if n in wanted]


def run_checks(entries: Iterable[Entry], env: CheckEnv,
               select: Sequence[str] | None = None) -> list[Finding]:
    checks = select_checks(select)
    names = set(select) if select else None
    out: list[Finding] = []
    for entry in entries:
        if not entry.msgstr:
            if names is None or "untranslated" in names:
                out.extend(_REGISTRY["untranslated"].run(entry, env))
            continue
        for check in checks:
            if check.name == "untranslated":
                continue
            for f in check.run(entry, env):
                if names is not None and f.check not in names:
                    continue
                sev = env.severities.get(f.check)
                out.append(f if sev is None else Finding(
                    f.path, f.line, f.msgctxt, f.msgid, f.check, sev, f.message))
    return out
