"""Simplified to Hong Kong Traditional Chinese, leaving placeholder tokens alone.

OpenCC's ``s2hk`` applies Hong Kong character standards and phrases (``发布`` →
``發佈``). The converter loads its dictionaries once, on first use, because
building it costs far more than converting a sentence.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

from ..lang.zh import conversion_for
from ..spans import TAG
from .protect import ANY_TOKEN_PATTERN

__all__ = ["OPENCC_CONFIG", "conversion_for", "convert_script", "to_hong_kong"]

OPENCC_CONFIG = "s2hk"
#: Text OpenCC must not touch: our placeholder tokens and inline markup tags.
KEEP_PATTERN = re.compile(f"(?:{ANY_TOKEN_PATTERN.pattern})|(?:{TAG})",
                          re.IGNORECASE)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def _converter(config: str = OPENCC_CONFIG) -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC(config)
    return converter


def to_hong_kong(text: str) -> str:
    """Convert Simplified Chinese to Hong Kong Traditional; tokens and tags pass unchanged."""
    return convert_script(text, OPENCC_CONFIG)


def convert_script(text: str, config: str) -> str:
    """Convert with an OpenCC configuration; tokens and tags pass unchanged."""
    if not text:
        return text
    convert = _converter(config).convert
    parts: list[str] = []
    cursor = 0
    for match in KEEP_PATTERN.finditer(text):
        parts.append(convert(text[cursor:match.start()]) if match.start() > cursor else "")
        parts.append(match.group(0))
        cursor = match.end()
    parts.append(convert(text[cursor:]) if cursor < len(text) else "")
    return "".join(parts)
