"""Machine translation: Argos packages, the CTranslate2 engine, span protection, script.

Heavy libraries (CTranslate2, SentencePiece, OpenCC) are imported on first use,
so importing this package is cheap and works without them.
"""

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
from .protect import Protected, Restored, SpanKind, protect, restore
from .script import conversion_for, convert_script, to_hong_kong

__all__ = [
    "BEAM_SIZE",
    "ArgosSettings",
    "CTranslate2Translator",
    "Hypothesis",
    "PackageInfo",
    "Protected",
    "Restored",
    "SpanKind",
    "Translator",
    "argos_settings",
    "conversion_for",
    "convert_script",
    "find_package",
    "install_file",
    "install_from_index",
    "list_packages",
    "load_translator",
    "protect",
    "remove_package",
    "restore",
    "to_hong_kong",
]
