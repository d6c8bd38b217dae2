"""Number and currency integrity: extract quantities from English and Chinese text,
compare them by value, and render English amounts the Chinese way.

A number is preserved when its value survives, not its spelling: HK$44.3 billion and
443億港元 are the same quantity; 44.3億港元 is not.
"""

from __future__ import annotations

from .compare import Mismatch, compare
from .en import extract_en
from .render import number_hint, render_zh
from .zh import extract_zh

__all__ = ["Mismatch", "compare", "extract_en", "extract_zh", "number_hint", "render_zh"]
