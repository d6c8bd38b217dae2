"""Per-locale context for translators: glossary hits and number hints as ``#.`` comments.

Also where the default term base is found: from the project, not only the working
folder, so that ``l10n check`` run in ``locales/`` or ``l10n run --config
pipeline/nightly.toml`` run from elsewhere still enforce the project's glossary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GlossaryError
from .locales import LocaleId

if TYPE_CHECKING:
    from .glossary import Glossary

Annotator = Callable[[str], Sequence[str]]

#: A folder holding one of these is a project root: the search for the glossary stops
#: there, so a term base of an unrelated folder further up is never picked up.
PROJECT_MARKERS: tuple[str, ...] = ("pyproject.toml", ".git")
#: How the glossary is passed explicitly, for the "no glossary found" error.
GLOSSARY_HINT = "pass --glossary PATH/terms.tbx (or create glossary/terms.tbx in the project)"


def find_project_glossary(start: str | Path | None = None) -> Path | None:
    """The nearest ``glossary/terms.tbx`` from ``start`` (default: the working folder)
    upwards, or None.

    The search checks ``start`` and each parent in turn and stops after the first folder
    that is a project root (holds ``pyproject.toml`` or ``.git``): a configuration in
    ``pipeline/`` finds ``../glossary/terms.tbx``; a catalog folder deep inside the
    project finds the project's term base; nothing outside the project is used.
    """
    from .defaults import GLOSSARY as DEFAULT_GLOSSARY

    folder = Path(start) if start is not None else Path.cwd()
    folder = folder.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        tbx = candidate / DEFAULT_GLOSSARY
        if tbx.is_file():
            return tbx
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return None
    return None


def load_default_glossary(path: str | Path | None, *, start: str | Path | None = None,
                          required: bool = False) -> Glossary | None:
    """The given term base, or the project's ``glossary/terms.tbx`` (see
    ``find_project_glossary``); None when there is none and it is not ``required``.

    ``required=True`` is for a glossary check the user selected: running it without a
    glossary would pass every entry silently, so it is a GlossaryError (exit 2) that
    says how to pass one.

    The term base is read through the glossary cache (``l10n.glossary.cache``): the
    same bytes parse to the same concepts, so a run after the first reads them back
    instead of parsing the TBX file again.
    """
    from .defaults import GLOSSARY as DEFAULT_GLOSSARY
    from .glossary.cache import load_glossary_cached

    if path is not None:
        return load_glossary_cached(path)
    found = find_project_glossary(start)
    if found is not None:
        return load_glossary_cached(found)
    if required:
        where = Path(start) if start is not None else Path.cwd()
        raise GlossaryError(f"no glossary found: no {DEFAULT_GLOSSARY} in {where} or its "
                            "parent folders up to the project root", hint=GLOSSARY_HINT)
    return None


def annotator(glossary_path: str | Path | None, *, use_default: bool = True) -> Callable[[LocaleId], Annotator]:
    """Comments per locale; ``use_default=False`` means "no path, no glossary" (the batch
    decides itself whether a glossary is configured)."""
    from .glossary import glossary_comments
    from .lang import profile_for
    from .provenance import numbers_hint

    glossary = load_default_glossary(glossary_path) if (glossary_path or use_default) else None

    def for_locale(locale: LocaleId) -> Annotator:
        hints = profile_for(locale).number_hints  # the target language renders the amounts

        def notes(msgid: str) -> list[str]:
            out = list(glossary_comments(msgid, glossary, locale)) if glossary is not None else []
            out += [numbers_hint(h) for h in hints(msgid, locale)]
            return out

        return notes

    return for_locale
