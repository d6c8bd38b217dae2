"""Settings in one place: defaults, then the TOML file, then ``L10N_*`` variables, then flags.

Nothing happens at import; folders are created when first written to.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import defaults
from .errors import ConfigError, L10nError
from .fsio import check_output_dir, check_output_file
from .locales import LocaleId, parse_locale
from .model import Severity

if TYPE_CHECKING:
    from .mt.threads import ThreadLayout

SOURCE_PATTERNS = defaults.SOURCE_PATTERNS
#: Linux limits: one path component (NAME_MAX) and a whole path (PATH_MAX), in bytes.
NAME_MAX = 255
PATH_MAX = 4096
MIN_BEAM_SIZE = 1
#: ``[mt] inter_threads``/``intra_threads`` value: derive it from the core count.
AUTO_THREADS = "auto"

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs; every key has a default (see README, "Configuration")."""

    sources: tuple[Path, ...] = defaults.SOURCES
    patterns: tuple[str, ...] = defaults.SOURCE_PATTERNS
    segmentation: str = defaults.SEGMENTATION  # sentence | paragraph (segment.SEGMENTATIONS)
    content_roots: tuple[tuple[str, str], ...] = (("", defaults.CONTENT_ROOT),)  # (folder, selector); "" = all
    locales: tuple[LocaleId, ...] = tuple(parse_locale(tag) for tag in defaults.TARGET_LOCALES)
    locales_dir: Path = defaults.LOCALES_DIR
    po_width: int = defaults.PO_WIDTH  # 0: no wrapping (msgcat --no-wrap)
    strip_language_suffix: bool = defaults.STRIP_LANGUAGE_SUFFIX  # x.en.md -> out/<locale>/x.md
    out_dir: Path = defaults.OUT_DIR
    report: Path | None = None
    state_dir: Path = defaults.STATE_DIR
    glossary: Path | None = defaults.GLOSSARY
    tm_path: Path = defaults.TM_PATH
    tm_fuzzy_threshold: float = defaults.FUZZY_THRESHOLD
    merge_fuzzy_matching: bool = defaults.MERGE_FUZZY_MATCHING  # as `l10n update -N`
    merge_fuzzy_threshold: float = defaults.MERGE_FUZZY_THRESHOLD  # as `l10n update --fuzzy-threshold`
    mt_enabled: bool = True
    mt_beam_size: int = defaults.BEAM_SIZE
    mt_engine: str = defaults.MT_ENGINE  # a name in l10n.mt.registry.ENGINES
    hant_route: str = defaults.HANT_ROUTE  # auto: en→zt when installed, else en→zh + OpenCC s2hk
    mt_inter_threads: int | None = None  # model replicas; None: one per usable core
    mt_intra_threads: int | None = None  # threads per replica; None: the cores left per replica
    mt_batch_size: int = defaults.MT_BATCH_SIZE  # sentences per CTranslate2 batch
    checks: tuple[str, ...] = defaults.CHECKS
    severities: Mapping[str, Severity] = field(default_factory=dict)
    include_fuzzy: bool = False
    fuzzy_checks: str = defaults.FUZZY_CHECKS  # as `l10n check --fuzzy`
    workers: int = 0  # check processes; 0 = one per core when it pays
    notes: tuple[str, ...] = ()  # things the run should tell people (e.g. no glossary found)

    @property
    def state_path(self) -> Path:
        return self.state_dir / "state.json"

    def mt_threads(self) -> ThreadLayout:
        """The CTranslate2 thread layout: ``[mt]`` values, the rest from the core count."""
        from .mt.threads import choose_layout

        return choose_layout(self.mt_inter_threads, self.mt_intra_threads, self.mt_batch_size)


def _path(value: str, key: str) -> Path:
    """A path setting the OS could ever open: no NUL, no component or whole path too long."""
    if "\0" in value:
        raise ConfigError(f"{key} contains a NUL character")
    if len(value.encode("utf-8", "surrogateescape")) > PATH_MAX:
        raise ConfigError(f"{key} is longer than {PATH_MAX} bytes")
    if any(len(part.encode("utf-8", "surrogateescape")) > NAME_MAX for part in value.split("/")):
        raise ConfigError(f"{key} has a file or folder name longer than {NAME_MAX} bytes")
    return Path(value)


def _paths(value: Any, key: str) -> tuple[Path, ...]:
    if isinstance(value, str):
        return (_path(value, key),)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(_path(v, key) for v in value)
    raise ConfigError(f"{key} must be a path or a non-empty list of paths")


def _patterns(value: Any, key: str) -> tuple[str, ...]:
    """Glob patterns are matched inside each source folder: relative, non-empty, no ``..``."""
    patterns = _strings(value, key)
    for pattern in patterns:
        _path(pattern, key)
        if not pattern or pattern.startswith(("/", "\\")) or ".." in Path(pattern).parts:
            raise ConfigError(f"{key}: {pattern!r} is not a relative file pattern",
                              hint='patterns match inside [sources] paths, e.g. "*.md"')
    return patterns


def _severities(table: Any) -> dict[str, Severity]:
    """``{check = "warning"}``: a known check name and a known severity, or an error."""
    from .checks import all_checks

    if not isinstance(table, dict):
        raise ConfigError('checks.severities must be a table, e.g. { glossary = "warning" }')
    known = {*all_checks(), "currency"}
    unknown = sorted(str(k) for k in table if k not in known)
    if unknown:
        raise ConfigError(f"checks.severities names unknown check {', '.join(unknown)}",
                          hint=f"known checks: {', '.join(sorted(known))}")
    try:
        return {str(k): Severity(str(v)) for k, v in table.items()}
    except ValueError:
        raise ConfigError("checks.severities values must be error, warning or info") from None


def _engine(name: str) -> str:
    """A machine translation engine the registry knows (``argos`` unless one is added)."""
    from .mt.registry import ENGINES, engine_names

    if name not in ENGINES:
        raise ConfigError(f"mt.engine: unknown engine {name!r}", hint=f"known engines: {', '.join(engine_names())}")
    return name


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings, e.g. [\"a\", \"b\"]")
    return tuple(value)


def _typed(value: Any, kind: type[T], key: str) -> T:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{key} must be {kind.__name__}, got {type(value).__name__}")
    return value


def _text_path(value: Any, key: str) -> Path:
    return _path(_typed(value, str, key), key)


def _optional_path(value: Any, key: str) -> Path | None:
    """A path, or ``""`` for none (``report = ""``, a run without a glossary)."""
    text = _typed(value, str, key)
    return _path(text, key) if text else None


def _targets(value: Any, key: str) -> tuple[LocaleId, ...]:
    targets = _strings(value, key)
    if not targets:
        raise ConfigError(f"{key} is empty", hint='name at least one, e.g. ["zh-Hant-HK"]')
    return tuple(parse_locale(v) for v in targets)


def _threshold(value: Any, key: str) -> float:
    threshold = _typed(value, float, key)
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f"{key} must be between 0 and 1")
    return threshold


def _beam_size(value: Any, key: str) -> int:
    beam = _typed(value, int, key)
    if beam < MIN_BEAM_SIZE:
        raise ConfigError(f"{key} must be {MIN_BEAM_SIZE} or more, got {beam}")
    return beam


def _count(value: Any, key: str) -> int:
    """A thread or batch count: a whole number, 1 or more (0 and booleans are refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{key} must be a whole number, 1 or more, got {value!r}")
    return int(value)


def _threads(value: Any, key: str) -> int | None:
    """A thread count, or ``"auto"`` (None): derived from the cores this process may use."""
    if value == AUTO_THREADS:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f'{key} must be a whole number, 1 or more, or "{AUTO_THREADS}", got {value!r}')
    return int(value)


def _engine_name(value: Any, key: str) -> str:
    return _engine(_typed(value, str, key))


def _content_roots(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    """``"main"`` for every page, or ``{ "folder" = "selector" }`` per source folder; each
    selector is checked now, so a typo fails the run before anything is read."""
    table = {"": value} if isinstance(value, str) else value
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError(f'{key} must be a selector or a table of them, e.g. "main" or {{ "site" = "#content" }}')
    for selector in table.values():
        if selector != defaults.AUTO_CONTENT_ROOT:  # the automatic choice needs no HTML reader
            from .formats import css_to_xpath

            css_to_xpath(selector)
    roots = {"": defaults.CONTENT_ROOT, **{str(k).strip("/"): v for k, v in table.items()}}
    return tuple(sorted(roots.items()))


def _segmentation(value: Any, key: str) -> str:
    mode = _typed(value, str, key)
    if mode not in defaults.SEGMENTATIONS:  # the segmenter's own (l10n.segment.SEGMENTATIONS)
        raise ConfigError(f"{key} must be one of: {', '.join(defaults.SEGMENTATIONS)}")
    return mode


def _hant_route(value: Any, key: str) -> str:
    from .lang.zh import HANT_ROUTES  # l10n.mt.routes's, without importing the MT package

    route = _typed(value, str, key)
    if route not in HANT_ROUTES:
        raise ConfigError(f"{key} must be auto, zt or s2hk")
    return route


def _check_names(value: Any, key: str) -> tuple[str, ...]:
    from .checks import select_checks

    names = _strings(value, key)
    select_checks(names)  # an unknown name raises, with the known ones as a hint
    return names


def _fuzzy_policy(value: Any, key: str) -> str:
    from .checks import FuzzyPolicy

    policy = _typed(value, str, key)
    if policy not in {p.value for p in FuzzyPolicy}:
        raise ConfigError(f"{key} must be one of {', '.join(p.value for p in FuzzyPolicy)}, got {policy!r}")
    return policy


def _workers(value: Any, key: str) -> int:
    workers = _typed(value, int, key)
    if workers < 0:
        raise ConfigError(f"{key} must be 0 (automatic) or more, got {workers}")
    return workers


def _flag(value: Any, key: str) -> bool:
    return bool(_typed(value, bool, key))


@dataclass(frozen=True)
class ConfigKey:
    """One TOML key: where it is, how its value is read and checked, which field it sets."""

    section: str
    name: str
    field: str
    parse: Callable[[Any, str], Any]  # (value, "section.name") -> the field's value; raises

    @property
    def dotted(self) -> str:
        return f"{self.section}.{self.name}"


#: Every key a configuration file may set, applied in this order.
def _po_width(value: Any, key: str) -> int:
    """A wrap width: a whole number, 0 for no wrapping (bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key} must be a whole number, 0 (no wrapping) or more")
    return int(value)


CONFIG_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey("sources", "paths", "sources", _paths),
    ConfigKey("sources", "patterns", "patterns", _patterns),
    ConfigKey("sources", "segmentation", "segmentation", _segmentation),
    ConfigKey("sources", "content_root", "content_roots", _content_roots),
    ConfigKey("output", "locales_dir", "locales_dir", _text_path),
    ConfigKey("output", "out_dir", "out_dir", _text_path),
    ConfigKey("output", "state_dir", "state_dir", _text_path),
    ConfigKey("output", "report", "report", _optional_path),
    ConfigKey("output", "po_width", "po_width", _po_width),
    ConfigKey("output", "strip_language_suffix", "strip_language_suffix", _flag),
    ConfigKey("locales", "targets", "locales", _targets),
    ConfigKey("glossary", "path", "glossary", _optional_path),
    ConfigKey("tm", "path", "tm_path", _text_path),
    ConfigKey("tm", "fuzzy_threshold", "tm_fuzzy_threshold", _threshold),
    ConfigKey("update", "fuzzy_matching", "merge_fuzzy_matching", _flag),
    ConfigKey("update", "fuzzy_threshold", "merge_fuzzy_threshold", _threshold),
    ConfigKey("mt", "enabled", "mt_enabled", _flag),
    ConfigKey("mt", "beam_size", "mt_beam_size", _beam_size),
    ConfigKey("mt", "engine", "mt_engine", _engine_name),
    ConfigKey("mt", "hant_route", "hant_route", _hant_route),
    ConfigKey("mt", "inter_threads", "mt_inter_threads", _threads),
    ConfigKey("mt", "intra_threads", "mt_intra_threads", _threads),
    ConfigKey("mt", "batch_size", "mt_batch_size", _count),
    ConfigKey("checks", "select", "checks", _check_names),
    ConfigKey("checks", "severities", "severities", lambda value, _key: _severities(value)),
    ConfigKey("checks", "fuzzy", "fuzzy_checks", _fuzzy_policy),
    ConfigKey("build", "include_fuzzy", "include_fuzzy", _flag),
    ConfigKey("batch", "workers", "workers", _workers),
)


def _known_keys() -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for key in CONFIG_KEYS:
        known.setdefault(key.section, set()).add(key.name)
    return known


def _check_names_known(data: Mapping[str, Any], source: str) -> None:
    """Unknown sections and keys are errors, not ignored: a typo must not pass silently."""
    known = _known_keys()
    for section, table in data.items():
        if section not in known or not isinstance(table, dict):
            raise ConfigError(f"unknown section [{section}]", path=source,
                              hint=f"known sections: {', '.join(sorted(known))}")
        for key in table:
            if key not in known[section]:
                raise ConfigError(f"unknown key {section}.{key}", path=source,
                                  hint=f"known keys: {', '.join(sorted(known[section]))}")


def settings_from_mapping(data: Mapping[str, Any], base: Settings | None = None, *,
                          source: str = "config") -> Settings:
    """Apply a parsed TOML document onto ``base``; unknown keys are errors, not ignored."""
    s = base or Settings()
    _check_names_known(data, source)
    try:
        for key in CONFIG_KEYS:
            table = data.get(key.section, {})
            if key.name in table:
                s = replace(s, **{key.field: key.parse(table[key.name], key.dotted)})
    except L10nError as exc:  # a bad locale or check name is a configuration error here
        raise ConfigError(exc.message, path=source, hint=exc.hint) from None
    except ValueError as exc:
        raise ConfigError(str(exc), path=source) from None
    return s


#: ``L10N_*`` variables that name a path, and the setting each one replaces.
PATH_VARIABLES: dict[str, str] = {
    "L10N_LOCALES_DIR": "locales_dir",
    "L10N_OUT_DIR": "out_dir",
    "L10N_TM": "tm_path",
    "L10N_GLOSSARY": "glossary",
    "L10N_STATE_DIR": "state_dir",
}
#: ``L10N_MT`` values that turn machine translation off.
FALSE_WORDS = ("0", "false", "no", "off")


def _with_paths_from_env(settings: Settings, env: Mapping[str, str]) -> Settings:
    for var, attr in PATH_VARIABLES.items():
        if env.get(var):
            changes: dict[str, Any] = {attr: Path(env[var])}
            settings = replace(settings, **changes)
    return settings


def _with_glossary_found(settings: Settings, env: Mapping[str, str], path: Path | None,
                         data: Mapping[str, Any]) -> Settings:
    """A glossary named explicitly must exist; the default one is searched for in the project."""
    if settings.glossary is None or settings.glossary.exists():
        return settings
    if env.get("L10N_GLOSSARY") or "path" in data.get("glossary", {}):
        where = "L10N_GLOSSARY" if env.get("L10N_GLOSSARY") else f"glossary.path in {path}"
        raise ConfigError("glossary file not found", path=str(settings.glossary),
                          hint=f'fix {where}, or set it to "" to run without a glossary')
    selects_glossary = "glossary" in data.get("checks", {}).get("select", [])
    return _project_glossary(settings, path, required=selects_glossary)


def _with_run_switches_from_env(settings: Settings, env: Mapping[str, str]) -> Settings:
    if env.get("L10N_LOCALES"):
        settings = replace(settings, locales=tuple(parse_locale(v) for v in env["L10N_LOCALES"].split(",")))
    if env.get("L10N_MT") in FALSE_WORDS:
        settings = replace(settings, mt_enabled=False)
    return settings


def _rebased(project: Path, path: Path) -> Path:
    if path.is_absolute() or project == Path("."):
        return path
    return Path(os.path.normpath(project / path))


def rebase(settings: Settings, project: Path) -> Settings:
    """Every path setting read against ``project`` rather than the working folder.

    The result is normalised (``pipeline/../locales`` is ``locales``), so a configuration
    in the working folder gives exactly the paths it gave before. Content-root folders are
    rebased too: they are compared with the (rebased) source paths.
    """
    if project == Path("."):
        return settings

    def move(path: Path | None) -> Path | None:
        return None if path is None else _rebased(project, path)

    roots = tuple((str(_rebased(project, Path(folder))) if folder else "", selector)
                  for folder, selector in settings.content_roots)
    return replace(settings, sources=tuple(_rebased(project, p) for p in settings.sources),
                   locales_dir=_rebased(project, settings.locales_dir), out_dir=_rebased(project, settings.out_dir),
                   state_dir=_rebased(project, settings.state_dir), tm_path=_rebased(project, settings.tm_path),
                   report=move(settings.report), glossary=move(settings.glossary), content_roots=roots)


def load_settings(config: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the configuration (``config``, else the one found from the working
    folder upwards: see ``l10n.configfile``) with its paths read against its project
    folder, then the environment (whose paths, like flags, are the working folder's)."""
    from .configfile import find_config, open_config

    env = os.environ if environ is None else environ
    found = open_config(config) if config is not None else find_config()
    path = found.path if found is not None else None
    data: dict[str, Any] = found.data if found is not None else {}
    settings = settings_from_mapping(data, Settings(), source=str(path)) if found is not None else Settings()
    if found is not None:
        settings = rebase(settings, found.project)
    settings = _with_paths_from_env(settings, env)
    settings = _with_glossary_found(settings, env, path, data)
    settings = _with_run_switches_from_env(settings, env)
    check_layout(settings)
    return settings


def _project_glossary(settings: Settings, config: Path | None, *, required: bool) -> Settings:
    """The default term base, found from the configuration's project rather than the
    working folder. A glossary check the configuration selects by name with no term base
    anywhere is a configuration error; the default selection says so in a note."""
    from .annotate import find_project_glossary

    found = find_project_glossary(Path(config).parent if config is not None else None)
    if found is not None:
        return replace(settings, glossary=found)
    if required:
        raise ConfigError(f"no glossary found ({settings.glossary} is missing and there is no glossary/terms.tbx "
                          "in the project)", path=str(config) if config else None,
                          hint='set [glossary] path, or path = "" and leave "glossary" out of [checks] select')
    return replace(settings, glossary=None,
                   notes=(*settings.notes, f"no glossary ({settings.glossary} not found in the project): "
                                           "the glossary check is off"))


def project_trees(settings: Settings) -> tuple[Path, ...]:
    """The folders the project owns and may create (with their parents) when writing."""
    return settings.locales_dir, settings.out_dir, settings.state_dir


def may_create_parent(settings: Settings, path: Path) -> bool:
    """True when ``path`` lies inside one of the project's own trees (``out/report.json``):
    its folder may be created. A user-named file elsewhere needs an existing folder."""
    where = Path(os.path.abspath(path))
    return any(where.is_relative_to(os.path.abspath(tree)) for tree in project_trees(settings))


def check_layout(settings: Settings) -> None:
    """Refuse, before any work, folders that name files and files that name folders, so a
    run does not spend minutes in MT to fail at its first write."""
    folders = {"output.locales_dir": settings.locales_dir, "output.out_dir": settings.out_dir,
               "output.state_dir": settings.state_dir}
    files = {"tm.path": settings.tm_path, "output.report": settings.report}
    for key, folder in folders.items():
        _path(str(folder), key)
        _as_config_error(key, functools.partial(check_output_dir, folder))
    for key, file in files.items():
        if file is not None:
            _path(str(file), key)
            creatable = key == "tm.path" or may_create_parent(settings, file)
            _as_config_error(key, functools.partial(check_output_file, file, make_parents=creatable))
    if settings.glossary is not None:
        _path(str(settings.glossary), "glossary.path")
        if settings.glossary.is_dir():
            raise ConfigError("glossary.path is a folder, expected a TBX file", path=str(settings.glossary))


def _as_config_error(key: str, check: Callable[[], None]) -> None:
    try:
        check()
    except L10nError as exc:
        raise ConfigError(f"{key}: {exc.message}", path=exc.path, hint=exc.hint) from None
