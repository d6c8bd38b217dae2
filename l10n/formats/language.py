"""Which sources (and which blocks of them) are not English, and the rule for output names.

The pipeline translates English. A Chinese version of a release lying in the same folder,
or a Chinese index page, must not be extracted as if it were English: it is recognised by
its declared language (HTML ``lang``/``xml:lang`` on the root) or, failing that, by the
script of its text (mostly CJK characters). A block whose text is mostly CJK is likewise
left out of extraction; the build then keeps it as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePath

from ..inline import InlineBuilder, strip_tags

#: A text is foreign when at least this share of its letters are CJK (Han, kana, Hangul).
#: A half keeps an English sentence that quotes a Chinese name English.
FOREIGN_SHARE = 0.5
#: Tags of the source language; anything else declared on a document or element is foreign.
SOURCE_LANGUAGE = "en"
#: Language suffixes of a file stem (``x.en``, ``x_en``, ``x-en``, ``x.en-GB``) that
#: ``[output] strip_language_suffix`` drops from output names.
LANGUAGE_SUFFIX = re.compile(r"(?i)[._-]en(?:[-_][a-z]{2})?$")
_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
#: CJK letters (Han, kana, Hangul) and the punctuation written between them (ideographic
#: space and marks, fullwidth forms, the katakana middle dot).
_CJK_LETTER = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
               "\u3040-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af")
_CJK_MARK = "\u3000-\u303f\uff00-\uffef\u30fb"
#: One stretch of CJK text inside other text: at least one letter, with the marks around
#: and between its letters (``「創科基金」``), single spaces allowed between two letters.
CJK_RUN = re.compile(rf"[{_CJK_MARK}]*[{_CJK_LETTER}](?:[{_CJK_MARK} ]*[{_CJK_LETTER}])*[{_CJK_MARK}]*")
_ROOT_LANG = re.compile(r"(?is)<html\b[^>]*?\s(?:xml:)?lang\s*=\s*[\"']?([A-Za-z0-9-]+)")
#: An HTML start tag as written in source (Markdown's inline HTML): its name, its
#: attributes, and whether it closes itself (``<br/>``).
START_TAG = re.compile(r"(?s)\A<([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*?)?)(/?)>\Z")
#: An HTML end tag as written in source: its name.
END_TAG = re.compile(r"\A</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_TAG_LANG = re.compile(r"""(?is)(?:^|\s)(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def is_cjk(char: str) -> bool:
    """A Han, kana or Hangul letter (what a Chinese, Japanese or Korean text is made of)."""
    return char.isalpha() and unicodedata.name(char, "").startswith(_CJK_NAMES)


def cjk_share(text: str) -> float:
    """The share of the letters of ``text`` that are CJK (0 when it has no letters)."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if is_cjk(c)) / len(letters) if letters else 0.0


def is_foreign_text(text: str) -> bool:
    """True when ``text`` is written mostly in CJK script, so it is not an English source."""
    return cjk_share(text) >= FOREIGN_SHARE


def cjk_runs(text: str) -> list[tuple[int, int]]:
    """Where stretches of CJK text lie in ``text`` (start, end). An English sentence that
    quotes a Chinese name holds one: the name is not English, so it is not translated."""
    return [m.span() for m in CJK_RUN.finditer(text)]


def is_english_tag(tag: str | None) -> bool:
    """True for a declared English tag (``en``, ``en-GB``); False for none or another."""
    return bool(tag and tag.strip()) and not is_foreign_tag(tag)


def is_foreign_tag(tag: str | None) -> bool:
    """True for a declared language other than English (``zh-Hans``); no tag is not foreign."""
    if not tag or not tag.strip():
        return False
    return tag.strip().replace("_", "-").split("-")[0].lower() != SOURCE_LANGUAGE


def start_tag_language(tag: str) -> str | None:
    """The language an HTML start tag written as source (``<span lang="zh-Hant">``, also
    ``xml:lang``) declares on its element, or None (no such attribute, or not a start tag)."""
    match = START_TAG.match(tag.strip())
    if match is None:
        return None
    found = _TAG_LANG.search(match.group(2))
    return next((g for g in found.groups() if g is not None), None) if found else None


def foreign_note(language: str, content: str) -> str:
    """What a translator is told of text kept out of translation because it is in another
    language: which language (``zh-Hant``, or ``CJK script`` when undeclared) and the text."""
    return f"text in {language}: {content}"


def protects_cjk(flat: str) -> bool:
    """Whether a block's CJK stretches are to be kept out of translation: it holds some,
    but is not mostly CJK (such a block is not a unit at all; see ``extract.english_blocks``)."""
    text = strip_tags(flat)
    return bool(cjk_runs(text)) and not is_foreign_text(text)


def add_text_keeping_cjk(b: InlineBuilder, value: str, protect_cjk: bool, escape: Callable[[str], str]) -> None:
    """Text into the builder; with ``protect_cjk`` its CJK stretches as placeholders, whose
    markup is the text itself (``escape``d as the place it is written back to needs), so
    machine translation never sees them and the build writes them back as they were."""
    pos = 0
    for start, end in cjk_runs(value) if protect_cjk else ():
        b.text(value[pos:start])
        b.void(escape(value[start:end]), note=foreign_note("CJK script", value[start:end]))
        pos = end
    b.text(value[pos:])


def declared_language(source: str) -> str | None:
    """The language an HTML page declares on its root element, if any."""
    match = _ROOT_LANG.search(source[:4096])
    return match.group(1) if match else None


def foreign_reason(source: str, texts: Iterable[str]) -> str | None:
    """Why a whole document is not English (its declared tag or its script), or None."""
    tag = declared_language(source)
    if is_foreign_tag(tag):
        return f"declared lang={tag!r}"
    joined = " ".join(texts)
    if joined.strip() and is_foreign_text(joined):
        return f"{cjk_share(joined):.0%} of its letters are CJK"
    return None


def strip_language_suffix(name: str) -> str:
    """``x.en.md`` → ``x.md`` (also ``x_en.html``, ``x-en.html``, ``x.en-GB.md``); other names as given."""
    path = PurePath(name)
    stem = LANGUAGE_SUFFIX.sub("", path.stem)
    return stem + path.suffix if stem else name
