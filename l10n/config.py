"""Settings in one place: defaults, then the TOML file, then ``L10N_*`` variables, then flags.

Nothing happens at import; folders are created when first written to.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError, L10nError
from .locales import LocaleId, parse_locale
from .model import Severity

DEFAULT_CONFIG = Path("pipeline/nightly.toml")
SOURCE_PATTERNS = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs; every key has a default (see README, "Configuration")."""

    sources: tuple[Path, ...] = (Path("samples"),)
    patterns: tuple[str, ...] = SOURCE_PATTERNS
    locales: tuple[LocaleId, ...] = (parse_locale("zh-Hant-HK"), parse_locale("zh-Hans-CN"))
    locales_dir: Path = Path("locales")
    out_dir: Path = Path("out")
    report: Path | None = None
    state_dir: Path = Path(".l10n")
    glossary: Path | None = Path("glossary/terms.tbx")
    tm_path: Path = Path(".l10n/tm.sqlite")
    tm_fuzzy_threshold: float = 0.75
    mt_enabled: bool = True
    mt_beam_size: int = 4
    hant_route: str = "auto"  # auto: en→zt when installed, else en→zh + OpenCC s2hk
    checks: tuple[str, ...] = ("numbers", "currency", "glossary", "placeholders")
    severities: Mapping[str, Severity] = field(default_factory=dict)
    include_fuzzy: bool = False
    workers: int = 0  # check processes; 0 = one per core when it pays
    notes: tuple[str, ...] = ()  # things the run should tell people (e.g. no glossary found)

    @property
    def lock_path(self) -> Path:
        return self.state_dir / "run.lock"

    @property
    def state_path(self) -> Path:
        return self.state_dir / "state.json"


def _paths(value: Any, key: str) -> tuple[Path, ...]:
    if isinstance(value, str):
        return (Path(value),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(Path(v) for v in value)
    raise ConfigError(f"{key} must be a path or a list of paths")


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings, e.g. [\"a\", \"b\"]")
    return tuple(value)


def _typed(value: Any, kind: type, key: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{key} must be {kind.__name__}, got {type(value).__name__}")
    return value


def settings_from_mapping(data: Mapping[str, Any], base: Settings | None = None, *,
                          source: str = "config") -> Settings:
    """Apply a parsed TOML document onto ``base``; unknown keys are errors, not ignored."""
    s = base or Settings()
    known = {
        "sources": {"paths", "patterns"},
        "output": {"locales_dir", "out_dir", "report", "state_dir"},
        "locales": {"targets"},
        "glossary": {"path"},
        "tm": {"path", "fuzzy_threshold"},
        "mt": {"enabled", "beam_size", "hant_route"},
        "checks": {"select", "severities"},
        "build": {"include_fuzzy"},
        "batch": {"workers"},
    }
    try:
        for section, table in data.items():
            if section not in known or not isinstance(table, dict):
                raise ConfigError(f"unknown section [{section}]", path=source,
                                  hint=f"known sections: {', '.join(sorted(known))}")
            for key in table:
                if key not in known[section]:
                    raise ConfigError(f"unknown key {section}.{key}", path=source,
                                      hint=f"known keys: {', '.join(sorted(known[section]))}")
        src = data.get("sources", {})
        if "paths" in src:
            s = replace(s, sources=_paths(src["paths"], "sources.paths"))
        if "patterns" in src:
            s = replace(s, patterns=_strings(src["patterns"], "sources.patterns"))
        out = data.get("output", {})
        for key in ("locales_dir", "out_dir", "state_dir"):
            if key in out:
                s = replace(s, **{key: Path(_typed(out[key], str, f"output.{key}"))})
        if "report" in out:
            report = _typed(out["report"], str, "output.report")
            s = replace(s, report=Path(report) if report else None)
        if "targets" in data.get("locales", {}):
            targets = _strings(data["locales"]["targets"], "locales.targets")
            s = replace(s, locales=tuple(parse_locale(v) for v in targets))
        if "path" in data.get("glossary", {}):
            value = _typed(data["glossary"]["path"], str, "glossary.path")
            s = replace(s, glossary=Path(value) if value else None)
        tm = data.get("tm", {})
        if "path" in tm:
            s = replace(s, tm_path=Path(_typed(tm["path"], str, "tm.path")))
        if "fuzzy_threshold" in tm:
            threshold = _typed(tm["fuzzy_threshold"], float, "tm.fuzzy_threshold")
            if not 0.0 < threshold <= 1.0:
                raise ConfigError("tm.fuzzy_threshold must be between 0 and 1", path=source)
            s = replace(s, tm_fuzzy_threshold=threshold)
        mt = data.get("mt", {})
        if "enabled" in mt:
            s = replace(s, mt_enabled=_typed(mt["enabled"], bool, "mt.enabled"))
        if "beam_size" in mt:
            s = replace(s, mt_beam_size=_typed(mt["beam_size"], int, "mt.beam_size"))
        if "hant_route" in mt:
            route = _typed(mt["hant_route"], str, "mt.hant_route")
            if route not in ("auto", "zt", "s2hk"):
                raise ConfigError("mt.hant_route must be auto, zt or s2hk", path=source)
            s = replace(s, hant_route=route)
        checks = data.get("checks", {})
        if "select" in checks:
            from .checks import select_checks

            names = _strings(checks["select"], "checks.select")
            select_checks(names)
            s = replace(s, checks=names)
        if "severities" in checks:
            table = checks["severities"]
            if not isinstance(table, dict):
                raise ConfigError('checks.severities must be a table, e.g. { glossary = "warning" }')
            try:
                sev = {str(k): Severity(str(v)) for k, v in table.items()}
            except ValueError:
                raise ConfigError("checks.severities values must be error, warning or info") from None
            s = replace(s, severities=sev)
        if "include_fuzzy" in data.get("build", {}):
            s = replace(s, include_fuzzy=_typed(data["build"]["include_fuzzy"], bool, "build.include_fuzzy"))
        if "workers" in data.get("batch", {}):
            s = replace(s, workers=_typed(data["batch"]["workers"], int, "batch.workers"))
    except L10nError as exc:  # a bad locale or check name is a configuration error here
        raise ConfigError(exc.message, path=source, hint=exc.hint) from None
    except ValueError as exc:
        raise ConfigError(str(exc), path=source) from None
    return s


def load_settings(config: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (when given or when pipeline/nightly.toml exists), then env."""
    env = os.environ if environ is None else environ
    settings = Settings()
    path = config if config is not None else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    file_names_glossary = False
    if path is not None:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise ConfigError("configuration file not found", path=str(path)) from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from None
        settings = settings_from_mapping(data, settings, source=str(path))
        file_names_glossary = "path" in data.get("glossary", {})
    overrides = {
        "L10N_LOCALES_DIR": ("locales_dir", Path),
        "L10N_OUT_DIR": ("out_dir", Path),
        "L10N_TM": ("tm_path", Path),
        "L10N_GLOSSARY": ("glossary", Path),
        "L10N_STATE_DIR": ("state_dir", Path),
    }
    for var, (attr, conv) in overrides.items():
        if env.get(var):
            settings = replace(settings, **{attr: conv(env[var])})
    explicit = bool(env.get("L10N_GLOSSARY")) or file_names_glossary
    if settings.glossary is not None and not settings.glossary.exists():
        if explicit:
            where = "L10N_GLOSSARY" if env.get("L10N_GLOSSARY") else f"glossary.path in {path}"
            raise ConfigError("glossary file not found", path=str(settings.glossary),
                              hint=f'fix {where}, or set it to "" to run without a glossary')
        settings = replace(settings, glossary=None,  # the default path, absent: no glossary, and say so
                           notes=(*settings.notes, f"no glossary ({settings.glossary} not found): "
                                                   "the glossary check is off"))
    if env.get("L10N_LOCALES"):
        settings = replace(settings, locales=tuple(parse_locale(v) for v in env["L10N_LOCALES"].split(",")))
    if env.get("L10N_MT") in ("0", "false", "no", "off"):
        settings = replace(settings, mt_enabled=False)
    return settings


def describe(settings: Settings) -> dict[str, str]:
    return {f.name: str(getattr(settings, f.name)) for f in fields(settings)}
