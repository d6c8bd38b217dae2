"""The ``script`` check: Simplified characters in a Traditional target, Traditional ones
in a Simplified target, and Mainland wording OpenCC's Hong Kong phrases replace.

What counts as "the wrong script" comes from OpenCC, not from a hand list:

- in a Traditional target a character is Simplified when ``t2s`` leaves it alone and
  converting it to Traditional changes it in both OpenCC's Hong Kong form (``s2hkp``)
  and its Taiwan form (软 → 軟); 群 is kept in Taiwan form, so it is Traditional even
  though OpenCC's Hong Kong form is 羣 (official Hong Kong text writes 群);
- in a Simplified target a character is Traditional when ``t2s`` changes it (軟 → 软);
- a character OpenCC's own dictionary lists as valid in *both* scripts is never
  reported: STCharacters gives 于 → 於 or 于 (the surname), 台 → 臺 or 台 (平台 in Hong
  Kong), 后 → 後 or 后; TSCharacters gives 於 → 于 or 於, 乾 → 干 or 乾. Those sets
  are below, generated from OpenCC 1.4.2's dictionaries (entries whose own character is
  one of its non-default candidates); ``tests/test_check_script.py`` regenerates them
  from the installed dictionaries when OpenCC's ``opencc_dict`` tool is there.

Severity, as a reviewer would judge it: a target written mostly in the wrong script
(two or more wrong-script characters, and more of them than characters only the right
script has: a machine draft that was never converted) is an **error**. An isolated
wrong-script character in otherwise right text is a **warning**: it is usually a slip, but official
Hong Kong text keeps a Mainland body's name in its own form (中山大學粤港澳發展研究院),
which no checker can tell from a slip. Mainland vocabulary in Hong Kong text (OpenCC's
HKPhrases: 隱私權 → 私隱權, 寬帶 → 寬頻) is a **warning**: a wording choice, not a fact.

Cost: most Hong Kong text needs no OpenCC call at all. OpenCC changes a text only where
one of its dictionary keys occurs, and ``l10n/data/opencc_hk/`` (generated from the
installed OpenCC by ``scripts/gen_opencc_hk.py``) lists the characters and the few
thousand phrases that ``s2hkp`` changes: a text with none of them is its own conversion.
A text with such a phrase but none of those characters is converted by ``s2hkp`` cut
down to the phrases that can occur in it (a tenth of the loading time); only a text with
such a character (a Simplified one, say) loads the full ``s2hkp``, whose 49,000 phrases
take 0.1–0.8 s to load. The same results either way (``tests/test_check_script_data.py``).
Converters load once per process, without OpenCC's optional rare-character ("tofu risk")
dictionaries (``prepare()`` loads the small ones before workers fork).
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import Protocol

from ..locales import LocaleId
from ..model import Entry, Finding, Severity
from . import CheckEnv, finding, register, script_store

__all__ = ["check_script", "wrong_script_chars"]

#: Simplified characters OpenCC's STCharacters also lists as Traditional candidates.
ST_AMBIGUOUS = frozenset(
    "熏淀郁适雇采里辟荐胜苹虫跖腊腌范蚝蝎蜡膻准几凶厂厘划占台叶吁吃后帘岩岳党夸咨咸尸唇干广征"
    "确种筑皂挂涂涌杠杰极游据斗愿朴柜万丑丰伙于云亘仆价余佣㐹")
#: Traditional characters OpenCC's TSCharacters also lists as Simplified candidates.
TS_AMBIGUOUS = frozenset("谿扞昇釐麽陞薹脩蒐袷祕於氾剋劄徵夥吒乾")
#: Regions whose Traditional usage OpenCC's Hong Kong phrase table describes.
HK_REGIONS = frozenset({"HK", "MO"})
#: Below this code point nothing is a CJK ideograph (a cheap skip for ASCII and punctuation).
CJK_START = 0x3400
#: Fewest other-script characters that make a whole text "in the wrong script" (an
#: error); a single one is a slip or a name (a warning), however short the text.
MIN_WRONG_FOR_ERROR = 2
#: How many example characters a finding lists.
EXAMPLES = 8
#: Distinct (target, locale) results remembered per process.
SCRIPT_CACHE_SIZE = 8192


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def _converter(config: str) -> _Converter:
    """One OpenCC converter per configuration, built on first use (a few milliseconds)."""
    import opencc

    # OpenCC's "tofu risk" dictionaries add rare characters that fonts often lack; our
    # checks need none of them, and leaving them out makes loading ~25 times faster.
    converter: _Converter = opencc.OpenCC(config, include_tofu_risk_dictionaries=False)
    return converter


#: The one phrase-aware converter the check needs: Hong Kong forms and phrases. It and
#: t2s and t2tw, the others it uses, load once per process.
HK_CONFIG = "s2hkp"
#: The generated prefilter and cut-down ``s2hkp`` (see the module docstring).
HK_DATA = Path(__file__).resolve().parent.parent / "data" / "opencc_hk"
#: The cut-down ``s2hkp`` configuration (a string: built once, not per text).
HK_CUT_CONFIG = str(HK_DATA / "s2hkp.json")


#: Texts the Python phrase scan may spare OpenCC (about 25 µs each) before the cut-down
#: converter (about 35 ms to load, then 8 µs a text) is loaded anyway: a small catalog
#: never loads it, a big one pays no more than a few hundred texts' scans.
PHRASE_SCANS = 500
_scans_left = [PHRASE_SCANS]


@functools.cache
def _hk_prefilter() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """(characters a one-character ``s2hkp`` key changes; the longer changing keys free of
    them, by first character)."""
    lines = (HK_DATA / "prefilter.txt").read_text(encoding="utf-8").splitlines()
    by_first: dict[str, list[str]] = {}
    for key in lines[1:]:
        by_first.setdefault(key[0], []).append(key)
    return frozenset(lines[0]), {c: tuple(keys) for c, keys in by_first.items()}


def _has_changing_phrase(text: str, keys: dict[str, tuple[str, ...]]) -> bool:
    """Whether one of the longer keys ``s2hkp`` changes occurs in ``text``."""
    if keys.keys().isdisjoint(text):
        return False
    for i, char in enumerate(text):
        found = keys.get(char)
        if found is not None and any(text.startswith(key, i) for key in found):
            return True
    return False


#: The last text ``_hk_unchanged`` found free of the characters ``s2hkp`` changes: the
#: text ``_hk_opencc`` is then most often given (a text the prefilter could not clear),
#: which need not be read for them a second time.
_plain: list[str | None] = [None]


def _hk_unchanged(text: str) -> bool:
    """True when ``s2hkp`` provably leaves ``text`` as it is, decided without OpenCC: no
    character it changes and (while scans are left) no phrase it changes."""
    changing, keys = _hk_prefilter()
    if not changing.isdisjoint(text):
        return False
    _plain[0] = text
    if _scans_left[0] > 0:
        _scans_left[0] -= 1
        return not _has_changing_phrase(text, keys)
    return False


def _hk_opencc(text: str) -> str:
    """``s2hkp``'s conversion by OpenCC: the full dictionaries only for a text holding a
    character one of them changes, else the cut-down ones (see the module docstring)."""
    if text is not _plain[0] and not _hk_prefilter()[0].isdisjoint(text):
        return _converter(HK_CONFIG).convert(text)
    _scans_left[0] = 0  # the cut-down converter is loaded now: it is faster than a scan
    return _converter(HK_CUT_CONFIG).convert(text)


def _hk_convert(text: str) -> str:
    """``s2hkp``'s conversion of ``text``, with OpenCC only where it may change something."""
    return text if _hk_unchanged(text) else _hk_opencc(text)


#: Characters either side of a wording difference shown in a finding, for context.
CONTEXT = 2


@functools.lru_cache(maxsize=8192)
def _simplified_only(char: str) -> bool:
    """True for a character only Simplified text uses: converting it to Traditional changes
    it in both the Hong Kong and the Taiwan standard (群 stays 群 in Taiwan form, so it is
    Traditional), ``t2s`` keeps it, and OpenCC does not list it as Traditional too."""
    if char in ST_AMBIGUOUS or _converter("t2s").convert(char) != char:
        return False
    hong_kong = _hk_convert(char)
    return hong_kong != char and _converter("t2tw").convert(hong_kong) != char


@functools.lru_cache(maxsize=8192)
def _traditional_only(char: str) -> bool:
    """True for a character only Traditional text uses (OpenCC's t2s changes it)."""
    return char not in TS_AMBIGUOUS and _converter("t2s").convert(char) != char


def wrong_script_chars(text: str, *, traditional: bool, converted: str | None = None) -> tuple[list[str], int]:
    """(the characters of the other script, in order; how many characters only the
    expected script has). One whole-text conversion clears most texts cheaply: a text
    that converting to its own script leaves unchanged holds no other-script character.
    ``converted`` is that conversion when the caller has it already."""
    if converted is None:
        converted = _hk_convert(text) if traditional else _converter("t2s").convert(text)
    if converted == text:
        return [], 0
    wrong: list[str] = []
    right = 0
    for char in text:
        if ord(char) < CJK_START:
            continue
        if _simplified_only(char) if traditional else _traditional_only(char):
            wrong.append(char)
        elif _traditional_only(char) if traditional else _simplified_only(char):
            right += 1
    return wrong, right


def mainland_phrases(text: str, converted: str | None = None) -> list[tuple[str, str]]:
    """(wording found, Hong Kong wording) pairs that OpenCC's HKPhrases would change.

    ``s2hkp`` also rewrites characters (公布 → 公佈, 群 → 羣); a difference counts as
    wording only when the two sides differ in Simplified too (隱私權 → 私隱權 is 隐私权 →
    私隐权; 公布 → 公佈 is 公布 both ways), so a character form is never called wording.
    """
    if converted is None:
        converted = _hk_convert(text)
    if converted == text:
        return []  # nothing to replace (t2s is then not even loaded)
    simplify = _converter("t2s").convert
    if simplify(converted) == simplify(text):
        return []  # the same words, at most other character forms: no diff needed
    spans: list[list[int]] = []  # merged [i1, i2, j1, j2] of text / converted
    matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] <= CONTEXT:  # one phrase, several edits (隱私 → 私隱)
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    out: list[tuple[str, str]] = []
    for i1, i2, j1, j2 in spans:
        if simplify(text[i1:i2]) == simplify(converted[j1:j2]):
            continue  # a character form, not a word
        lo, hi = max(0, i1 - CONTEXT), i2 + CONTEXT
        out.append((text[lo:hi], text[lo:i1] + converted[j1:j2] + text[i2:hi]))
    return out


def prepare() -> None:
    """Load the small converters now: before a fork, so worker processes share them (the
    full ``s2hkp``, needed only for text with a character it changes, is left to them)."""
    _hk_prefilter()
    for config in (HK_CUT_CONFIG, "t2s", "t2tw"):
        _converter(config)
    _scans_left[0] = 0  # loaded: no text needs the phrase scan


def _script_name(traditional: bool) -> str:
    return "Traditional" if traditional else "Simplified"


@register("script", Severity.ERROR,
          "Simplified characters in zh-Hant, Traditional in zh-Hans, Mainland wording in Hong Kong text")
def check_script(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Report characters of the other script (OpenCC round trip) and HK vocabulary."""
    target = entry.msgstr
    if not target:
        return []
    return [finding(entry, "script", severity, message)
            for severity, message in _script_problems(target, env.locale)]


@functools.lru_cache(maxsize=SCRIPT_CACHE_SIZE)
def _script_problems(target: str, locale: LocaleId) -> tuple[tuple[Severity, str], ...]:
    """(severity, message) of every script problem of one target text: a function of the
    text and the locale alone, so a target repeated in a catalog is converted once, and
    ``l10n check`` keeps the results of targets that needed OpenCC for its next run
    (``script_store``)."""
    if locale.traditional and _hk_unchanged(target):
        return ()  # its own Hong Kong conversion: no other-script character, no Mainland wording
    store = script_store.current()
    found = store.get(locale.tag, target) if store is not None else None
    if found is None:
        found, changed = _opencc_problems(target, locale)
        # kept: what a later run could only learn from OpenCC (a Hong Kong text it leaves
        # as it is is cleared by the prefilter, unless a big catalog used up the scans)
        if store is not None and (changed or not locale.traditional):
            store.put(locale.tag, target, found)
    return found


def _opencc_problems(target: str, locale: LocaleId) -> tuple[tuple[tuple[Severity, str], ...], bool]:
    """``_script_problems`` of a target OpenCC has to convert, and whether the conversion
    to its own script changed it."""
    traditional = locale.traditional
    out: list[tuple[Severity, str]] = []
    converted = _hk_opencc(target) if traditional else _converter("t2s").convert(target)
    if converted == target:  # nearly every text: no other-script character, no Mainland wording
        return (), False
    wrong, right = wrong_script_chars(target, traditional=traditional, converted=converted)
    if wrong:
        want, other = _script_name(traditional), _script_name(not traditional)
        shown = "".join(dict.fromkeys(wrong))[:EXAMPLES]
        if len(wrong) >= MIN_WRONG_FOR_ERROR and len(wrong) > right:
            out.append((Severity.ERROR,
                        f"the translation is written in {other} characters ({shown}); "
                        f"{locale.tag} needs {want}"))
        else:
            out.append((Severity.WARNING,
                        f"{other} character {shown} in {want} text: a slip, unless a name "
                        f"is written in its own form"))
    if traditional and locale.region in HK_REGIONS:
        for found, usual in mainland_phrases(target, converted):
            out.append((Severity.WARNING,
                        f"Mainland wording …{found}…: Hong Kong usage …{usual}… (OpenCC HKPhrases)"))
    return tuple(out), converted != target
