"""Per-locale context for translators: glossary hits and number hints as ``#.`` comments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .locales import LocaleId

Annotator = Callable[[str], Sequence[str]]


def load_default_glossary(path: str | Path | None):  # -> Glossary | None
    """The given term base, or glossary/terms.tbx when it exists; None when there is none."""
    from .glossary import DEFAULT_GLOSSARY, load_glossary

    if path is not None:
        return load_glossary(path)
    return load_glossary(DEFAULT_GLOSSARY) if Path(DEFAULT_GLOSSARY).exists() else None


def annotator(glossary_path: str | Path | None, *, use_default: bool = True) -> Callable[[LocaleId], Annotator]:
    """Comments per locale; ``use_default=False`` means "no path, no glossary" (the batch
    decides itself whether a glossary is configured)."""
    from .glossary import glossary_comments
    from .numbers import number_hint

    glossary = load_default_glossary(glossary_path) if (glossary_path or use_default) else None

    def for_locale(locale: LocaleId) -> Annotator:
        def notes(msgid: str) -> list[str]:
            out = list(glossary_comments(msgid, glossary, locale)) if glossary is not None else []
            out += [f"numbers: {h}" for h in number_hint(msgid, traditional=locale.traditional)]
            return out

        return notes

    return for_locale
