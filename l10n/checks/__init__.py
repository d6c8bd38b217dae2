"""One registry of checks. Each check is registered once with a stable short name,
a default severity and a one-line description; it returns Findings and never raises.

Check modules register themselves on import; ``all_checks()`` imports the known ones.

Three things change a finding's severity after its check ran, in this order:

1. the project's ``[checks] severities`` table (``CheckEnv.severities``);
2. the fuzzy policy (``--fuzzy``): ``warning`` turns errors on fuzzy entries into warnings;
3. the entry's ``#, ignore-<check>`` flag (Weblate's naming): the check still runs and
   its findings for that entry become ``info``, saying which flag accepted them. A
   translator accepts one deliberate difference this way and a reviewer still sees it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

from ..errors import InputError
from ..lang import check_applies
from ..locales import LocaleId
from ..model import Entry, Finding, Severity


class FuzzyPolicy(StrEnum):
    """What ``l10n check --fuzzy`` does with entries marked ``#, fuzzy`` (unapproved drafts).

    ``error`` checks them like approved text (the default: a draft with a wrong figure
    should not pass); ``warning`` reports their findings as warnings, so CI gates only
    approved text while translators still see the problems; ``skip`` leaves them out.
    """

    SKIP = "skip"
    WARNING = "warning"
    ERROR = "error"


#: Flag prefix a translator uses to accept a check's findings on one entry (Weblate's).
IGNORE_FLAG_PREFIX = "ignore-"
#: Check names that are reported by another check's function (numbers reports currency).
EXTRA_CHECK_NAMES = frozenset({"currency"})


@dataclass(frozen=True)
class CheckEnv:
    """What checks may need besides the entry: the target locale and shared resources."""

    locale: LocaleId
    glossary: Any = None  # l10n.glossary.Glossary when one is loaded
    severities: dict[str, Severity] = field(default_factory=dict)
    fuzzy: FuzzyPolicy = FuzzyPolicy.ERROR


CheckFn = Callable[[Entry, CheckEnv], list[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    description: str
    run: CheckFn


_REGISTRY: dict[str, Check] = {}
CHECK_MODULES = ("numbers", "glossary", "placeholders", "untranslated", "script", "same",
                 "punctuation")


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


def check_names() -> frozenset[str]:
    """Every name a finding may carry: the registered checks and the extra names."""
    return frozenset(all_checks()) | EXTRA_CHECK_NAMES


def checks_help() -> str:
    """The ``--select`` help text, generated from the registry so it never goes stale."""
    checks = all_checks()
    parts = [f"{c.name} ({c.severity})" for c in checks.values()]
    parts.insert(sorted([*checks, "currency"]).index("currency"), "currency (error)")
    return "comma-separated checks to run, default all: " + ", ".join(parts)


def ignored_by_flags(entry: Entry) -> frozenset[str]:
    """The check names an entry's ``#, ignore-<check>`` flags accept."""
    if not entry.flags:
        return frozenset()
    return frozenset(f[len(IGNORE_FLAG_PREFIX):] for f in entry.flags if f.startswith(IGNORE_FLAG_PREFIX))


def finding(entry: Entry, check: str, severity: Severity, message: str) -> Finding:
    return Finding(entry.path, entry.line, entry.msgctxt, entry.msgid, check, severity, message,
                   entry.msgstr, entry.fuzzy, entry.msgstr_line)


#: The checks registered in this module itself (no module of their own to import).
BUILTIN_CHECK_NAMES = frozenset({"flags"})


def known_check_names() -> frozenset[str]:
    """Every name ``--select`` accepts, without importing a check module: the module
    names (each module registers the check of its name), the built-in and extra names,
    and any check registered from elsewhere."""
    return frozenset(CHECK_MODULES) | BUILTIN_CHECK_NAMES | EXTRA_CHECK_NAMES | frozenset(_REGISTRY)


def select_checks(select: Sequence[str] | None) -> list[Check]:
    """Resolve ``--select`` names; a check function may emit findings for several names
    (the numbers check reports ``numbers`` and ``currency``), so selection filters findings.

    Only the selected checks' modules are imported: ``--select numbers`` does not pay at
    start-up for the glossary matcher or the OpenCC converters it will not use.
    """
    if not select:
        return list(all_checks().values())
    known = known_check_names()
    unknown = [s for s in select if s not in known]
    if unknown:
        raise InputError(f"unknown check {', '.join(unknown)}",
                         hint=f"known checks: {', '.join(sorted(known))}")
    wanted = set(select)
    if "currency" in wanted:
        wanted.add("numbers")
    for name in sorted(wanted & set(CHECK_MODULES)):
        importlib.import_module(f"{__name__}.{name}")
    return [c for n, c in sorted(_REGISTRY.items()) if n in wanted]


def prepare_checks(select: Sequence[str] | None = None) -> None:
    """Let the selected checks load what they load lazily (a check module may define
    ``prepare()``), so that processes forked afterwards share it instead of each loading it."""
    import sys

    for check in select_checks(select):
        prepare = getattr(sys.modules[check.run.__module__], "prepare", None)
        if prepare is not None:
            prepare()


#: Checks whose findings are a function of the entry's msgid and msgstr and the CheckEnv
#: alone (each builds them with ``finding(entry, ...)``): ``run_checks`` runs them once
#: per distinct (msgid, msgstr) pair and gives a repeated pair's entries the same
#: findings. Not the glossary (it reads the catalog in order) nor ``flags`` (the entry's
#: flags), nor any check registered from elsewhere.
PAIR_CHECKS = frozenset({"numbers", "placeholders", "punctuation", "same", "script"})

#: What the pair checks found for one (msgid, msgstr) pair: (check, severity, message)
#: of each finding, one tuple per pair check in registry order.
_PairFindings = list[tuple[tuple[str, Severity, str], ...]]


def run_checks(entries: Iterable[Entry], env: CheckEnv,
               select: Sequence[str] | None = None, *, skip: Collection[str] = ()) -> list[Finding]:
    """Run the selected checks over entries; the fuzzy policy and ignore flags apply here,
    once, so no check has to know about them. A language-specific check runs only for the
    languages whose profile names it (``l10n.lang``: ``script`` is for Chinese).

    ``skip`` names selected checks not to run in this call: a parallel run gives the
    checks that read a catalog in order (the glossary) to one process and the others
    to all of them. The PAIR_CHECKS run once per distinct (msgid, msgstr) pair of the
    call (a catalog repeats boilerplate sentences); findings come out in the same order
    as when every check runs on every entry."""
    checks = [c for c in select_checks(select)
              if check_applies(c.name, env.locale) and c.name not in skip]
    names = set(select) if select else None
    untranslated = (names is None or "untranslated" in names) and "untranslated" not in skip
    runs = [(c.run, c.name in PAIR_CHECKS, c.name) for c in checks if c.name != "untranslated"]
    skip_fuzzy = env.fuzzy is FuzzyPolicy.SKIP
    known: dict[tuple[str, str], _PairFindings] = {}
    kept = _Kept.of(env, runs)
    out: list[Finding] = []
    for entry in entries:
        if entry.fuzzy and skip_fuzzy:
            continue
        if not entry.msgstr:
            if untranslated:
                out.extend(_REGISTRY["untranslated"].run(entry, env))
            continue
        found = _entry_findings(entry, env, runs, known, kept)
        if found:
            ignored = ignored_by_flags(entry)
            out.extend(_adjusted(f, entry, env, ignored) for f in found
                       if names is None or f.check in names)
    return out


def _entry_findings(entry: Entry, env: CheckEnv, runs: list[tuple[CheckFn, bool, str]],
                    known: dict[tuple[str, str], _PairFindings], kept: _Kept | None) -> list[Finding]:
    """The findings of one translated entry, check by check in ``runs`` order; a pair
    check's come from ``known`` when an earlier entry had the same msgid and msgstr
    (and are recorded there when none had), else from the results ``kept`` from earlier
    runs (``pair_store``), else from the check itself."""
    key = (entry.msgid, entry.msgstr)
    memo = known.get(key)
    if memo is not None:
        return _repeated(entry, env, runs, memo)
    memo = known[key] = []
    if kept is None:  # nothing kept between runs (``l10n check`` with the cache off, or
        # not ``l10n check``): every check runs, and the pair checks' results are noted
        found: list[Finding] = []
        for run, by_pair, _ in runs:
            got = run(entry, env)
            if by_pair:
                memo.append(tuple([(f.check, f.severity, f.message) for f in got]) if got else ())
            if got:
                found.extend(got)
        return found
    pair_key, stored_all = kept.lookup(entry)
    new: list[Any] = []  # (name, findings, name, findings...) for the store
    found = []
    for run, by_pair, name in runs:
        if not by_pair:
            if kept.glossary and name == GLOSSARY_CHECK:
                found.extend(_placed_glossary(entry, env, stored_all, new))
            else:
                found.extend(run(entry, env))
            continue
        stored = stored_all[len(memo)] if stored_all is not None else None
        if stored is None:
            got = run(entry, env)
            stored = tuple((f.check, f.severity, f.message) for f in got) if got else ()
            new.append(name)
            new.append(stored)
            found.extend(got)
        else:
            found.extend(finding(entry, check, severity, message) for check, severity, message in stored)
        memo.append(stored)
    if new:
        kept.store.keep(pair_key, new)
    return found


def _placed_glossary(entry: Entry, env: CheckEnv, stored_all: list[Any] | None, new: list[Any]) -> list[Finding]:
    """The glossary check of an entry whose pair the store knows or learns: a source an
    earlier run found naming no enforced term is not searched again, and one this run
    finds so is remembered (the stored fact is the last of ``stored_all``)."""
    known_free = stored_all is not None and stored_all[-1] == ()
    found, free = PLACED[GLOSSARY_CHECK](entry, env, known_free=known_free)
    if free and not known_free:
        new.append(GLOSSARY_CHECK)
        new.append(())
    return found


def _repeated(entry: Entry, env: CheckEnv, runs: list[tuple[CheckFn, bool, str]],
              memo: _PairFindings) -> list[Finding]:
    """The findings of an entry whose msgid and msgstr an earlier entry of the call had:
    the pair checks' from ``memo``, rebuilt on this entry, the others run."""
    found: list[Finding] = []
    pair = 0
    for run, by_pair, _ in runs:
        if not by_pair:
            got = run(entry, env)
            if got:
                found.extend(got)
        else:
            stored = memo[pair]
            if stored:  # most pairs: no findings
                found.extend([finding(entry, check, severity, message) for check, severity, message in stored])
            pair += 1
    return found


#: The check that reads a catalog in order; the store keeps one fact of it per pair (a
#: source naming no enforced term: no findings wherever the entry stands).
GLOSSARY_CHECK = "glossary"


class PlacedCheck(Protocol):
    """A check that reads a catalog in order, also saying whether what it found on an
    entry holds wherever the entry stands (``known_free``: an earlier run said so)."""

    def __call__(self, entry: Entry, env: CheckEnv, *, known_free: bool) -> tuple[list[Finding], bool]: ...


#: Such checks by name, filled by their modules (``checks/glossary.py``) as they register.
PLACED: dict[str, PlacedCheck] = {}


@dataclass(frozen=True)
class _Kept:
    """The pair checks' results kept between runs (``pair_store``) for one call of
    ``run_checks``: the command's store, the hasher seeded with this env, the pair
    checks' names in ``runs`` order, and whether the glossary check's fact is kept too
    (its name then comes last in what ``lookup`` asks for)."""

    store: Any  # pair_store.Store
    prefix: Any  # a seeded hashlib.blake2b
    names: tuple[str, ...]
    glossary: bool

    @classmethod
    def of(cls, env: CheckEnv, runs: list[tuple[CheckFn, bool, str]]) -> _Kept | None:
        """The store to use, or None outside ``l10n check`` (or with the cache off), or
        when neither a pair check nor the glossary check runs, or one of them is not this
        package's own function."""
        own = [(run, name) for run, by_pair, name in runs
               if by_pair or (name == GLOSSARY_CHECK and name in PLACED and env.glossary is not None)]
        if not own or any(run.__module__ != f"{__name__}.{name}" for run, name in own):
            return None
        from . import pair_store

        store = pair_store.current()
        if store is None:
            return None
        names = tuple(name for run, by_pair, name in runs if by_pair)
        glossary = len(own) > len(names)
        return cls(store, store.prefix(env), names + ((GLOSSARY_CHECK,) if glossary else ()), glossary)

    def lookup(self, entry: Entry) -> tuple[bytes, list[tuple[tuple[str, Severity, str], ...] | None] | None]:
        """The entry's pair key and what the store holds for each of ``names`` (None: a
        pair it has not seen)."""
        pair_key: bytes = self.store.pair_key(self.prefix, entry.msgid, entry.msgstr)
        found: list[tuple[tuple[str, Severity, str], ...] | None] | None = self.store.lookup(pair_key, self.names)
        return pair_key, found


def _adjusted(f: Finding, entry: Entry, env: CheckEnv, ignored: frozenset[str]) -> Finding:
    """Apply the project's severity, the fuzzy policy and the entry's ignore flag."""
    severity = f.severity
    registered = _REGISTRY.get(f.check)
    # the project's severity replaces the check's usual one; a finding the check itself
    # graded differently (a glossary short form before first mention: warning) keeps its grade
    if f.check in env.severities and (registered is None or f.severity is registered.severity):
        severity = env.severities[f.check]
    message = f.message
    if entry.fuzzy and env.fuzzy is FuzzyPolicy.WARNING and severity is Severity.ERROR:
        severity = Severity.WARNING
        message = f"{message} (fuzzy entry: reported as a warning)"
    if f.check in ignored:
        severity = Severity.INFO
        message = f"{message} (accepted by the entry's flag {IGNORE_FLAG_PREFIX}{f.check})"
    if severity is f.severity and message is f.message:
        return f
    return replace(f, severity=severity, message=message)


@register("flags", Severity.WARNING, "#, ignore-<check> flags that name no check (a typo accepts nothing)")
def check_flags(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Guard against a misspelt ``ignore-`` flag: it would silently accept nothing."""
    if not entry.flags:  # nearly every entry: no flag at all
        return []
    ignored = ignored_by_flags(entry)
    if not ignored:  # no registry look-up
        return []
    unknown = sorted(ignored - check_names())
    return [finding(entry, "flags", Severity.WARNING,
                    f"unknown flag {IGNORE_FLAG_PREFIX}{name}: no check is called {name!r} "
                    f"(known: {', '.join(sorted(check_names()))})") for name in unknown]
