"""Machine translation: engines by name, routes per locale, span protection, script.

``registry`` names the engines (``argos``: Argos packages run with CTranslate2),
``compose`` wraps one engine in another (OpenCC conversion, a per-run cache), and
``routes`` says which composed engine serves a locale.

Heavy libraries (CTranslate2, SentencePiece, OpenCC) are imported on first use,
so importing this package is cheap and works without them.
"""

from .compose import Cached, Converted
from .engine import (
    BEAM_SIZE,
    CTranslate2Translator,
    Hypothesis,
    Translator,
    load_translator,
)
from .packages import (
    ArgosSettings,
    PackageInfo,
    argos_settings,
    find_package,
    install_file,
    install_from_index,
    list_packages,
    remove_package,
)
from .protect import PlaceholderStyle, Protected, Restored, SpanKind, protect, restore
from .registry import DEFAULT_ENGINE, ENGINES, EngineFactory, engine_factory, engine_names
from .routes import Engines, Route, default_engines, routes_for
from .script import conversion_for, convert_script, to_hong_kong

__all__ = [
    "BEAM_SIZE",
    "DEFAULT_ENGINE",
    "ENGINES",
    "ArgosSettings",
    "CTranslate2Translator",
    "Cached",
    "Converted",
    "EngineFactory",
    "Engines",
    "Hypothesis",
    "PackageInfo",
    "PlaceholderStyle",
    "Protected",
    "Restored",
    "Route",
    "SpanKind",
    "Translator",
    "argos_settings",
    "conversion_for",
    "convert_script",
    "default_engines",
    "engine_factory",
    "engine_names",
    "find_package",
    "install_file",
    "install_from_index",
    "list_packages",
    "load_translator",
    "protect",
    "remove_package",
    "restore",
    "routes_for",
    "to_hong_kong",
]
