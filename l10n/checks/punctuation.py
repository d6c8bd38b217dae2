"""The ``punctuation`` check: Chinese punctuation as Hong Kong and Mainland releases write it.

Three things, each a **warning** (punctuation states no different fact, but a reviewer
corrects every one of them before publication):

- half-width ``, ; : ? ! ( ) .`` touching Chinese text, where both Hong Kong and
  Mainland style write full-width ``，；：？！（）。``. Half-width stays right between
  digits (1,000  3.5  1:9  18:45), after a paragraph number (``78. ``), inside URLs,
  e-mail addresses, codes and placeholder tags (masked first), and inside English kept
  in the target (neither neighbour is Chinese);
- paired marks 「」『』《》〈〉（）【】“”‘’ left unbalanced, unless the source's own quotes or
  brackets are unbalanced too (a quotation that runs across several sentences opens in
  one entry and closes in a later one);
- a sentence-final mark missing (the source ends with . ! ? and the target with none of
  。！？…, before any closing quote or bracket) or doubled (。。 ，，). A source without
  final punctuation (a heading, a title, the ``Ends/...`` line) asks for none.
"""

from __future__ import annotations

import re

from ..model import Entry, Finding, Severity
from ..spans import TAG, TAG_RE, mask_addresses
from . import CheckEnv, finding, register

__all__ = ["check_punctuation", "half_width_marks", "unbalanced_pairs"]

#: Half-width marks a Chinese sentence writes full-width, and their full-width forms.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
HALF_RE = re.compile(r"[,;:?!().]")
#: Chinese ideographs and full-width punctuation: the neighbours that make a mark "in Chinese".
CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
#: A half-width mark followed by a character at or past U+3000 (every character CJK_RE
#: takes for Chinese is one), spaces and tabs between them skipped (as ``_neighbours``
#: skips them). A mark with a Chinese neighbour is found by it in the text or in the text
#: reversed; a text with neither has no mark ``_touching_chinese`` finds. (It starts with
#: the mark, so the regex engine skips to the marks: one pattern for both sides, starting
#: with the Chinese character, took twice as long on Chinese text; and its one range
#: compiles in half the time CJK_RE's do.)
MARK_THEN_CJK_RE = re.compile(rf"{HALF_RE.pattern}[ \t]*[^\x00-\u2fff]")
#: Marks that stay half-width between two digits: thousands, decimals, ratios, clock times.
BETWEEN_DIGITS = frozenset(",.:")
#: A paragraph or list number at the start of a target, kept as the source writes it:
#: "78. ", "V. ", "(a) ", "(ii) " followed by a space.
NUMBERING_RE = re.compile(r"\s*(?:(?:\d+|[A-Za-z]|[IVXLC]+)\.|\((?:\d+|[a-z]|[ivxlc]+)\))(?=\s)")
PAIRS = {"「": "」", "『": "』", "《": "》", "〈": "〉", "（": "）", "【": "】", "“": "”", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
#: A right single quote between letters is an apostrophe in English kept in the target.
APOSTROPHE_RE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")
#: Cheap pre-test for the pair check: any paired mark at all.
ANY_PAIR_RE = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
SOURCE_FINAL_RE = re.compile(rf"[.!?](?:[\"'”’)\]]|{TAG})*\s*$")
#: An English sentence ending in an abbreviation's dot (etc., Ltd., U.S.) may be a title.
ABBREVIATION_END_RE = re.compile(r"(?:\b(?:etc|Ltd|Co|Inc|Corp|No|Jr|Sr|St)|(?:[A-Za-z]\.){2,}|\b[A-Z])\.\s*$")
TARGET_FINAL = frozenset("。！？…!?．.")
TRAILING_CLOSERS = "」』”’）》〉】)\"' \t\n"
#: A mark doubled (。。 ，，) or a full stop after a final mark (。. ！。): the two marks. It
#: starts with the mark (the second case's first mark is one of the first case's), so
#: the regex engine skips to the marks instead of trying two branches at every character.
DOUBLED_RE = re.compile(r"([。，、；：？！])(?:\1|(?<=[。！？])[。.])")


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The nearest non-space characters before and after position ``i``."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def _touching_chinese(text: str, start: int) -> list[str]:
    found: list[str] = []
    for m in HALF_RE.finditer(text, start):
        mark = m.group()
        before, after = _neighbours(text, m.start())
        if mark in BETWEEN_DIGITS and before.isdigit() and after.isdigit():
            continue
        if CJK_RE.match(before) or CJK_RE.match(after):
            found.append(mark)
    return found


def half_width_marks(target: str) -> list[str]:
    """The half-width marks of ``target`` that touch Chinese text (see the module).

    Most targets have none even before URLs and codes are masked (1,000 and 3.5 are
    between digits), so the masking, the costly part, runs only when some mark touches
    Chinese in the raw text; most have no mark next to Chinese at all, which two regex
    searches tell without the walk over the marks."""
    if (MARK_THEN_CJK_RE.search(target) is None and MARK_THEN_CJK_RE.search(target[::-1]) is None
            or not _touching_chinese(target, 0)):
        return []
    masked = mask_addresses(target)
    numbering = NUMBERING_RE.match(masked)
    return _touching_chinese(masked, numbering.end() if numbering else 0)


def unbalanced_pairs(text: str) -> list[str]:
    """Paired marks that do not open and close in order: the unmatched marks."""
    marks = ANY_PAIR_RE.findall(text)  # the only characters the walk below looks at
    if not marks:
        return []
    if "’" in marks:
        marks = ANY_PAIR_RE.findall(APOSTROPHE_RE.sub("", text))
    stack: list[str] = []
    stray: list[str] = []
    for char in marks:
        if char in PAIRS:
            stack.append(char)
        elif char in CLOSERS:
            if stack and stack[-1] == CLOSERS[char]:
                stack.pop()
            else:
                stray.append(char)
    return stray + stack


def _source_unbalanced(source: str) -> bool:
    """True when the source's own quotes or brackets do not pair up (a split quotation)."""
    plain = APOSTROPHE_RE.sub("", source.replace("'", "’"))
    return (source.count('"') % 2 == 1 or plain.count("“") != plain.count("”")
            or plain.count("‘") != plain.count("’") or source.count("(") != source.count(")"))


def final_mark_problem(source: str, target: str) -> str | None:
    """Why the target's sentence-final mark does not fit the source's, or None."""
    doubled = DOUBLED_RE.search(target)
    if doubled:
        return f"doubled punctuation {doubled.group()!r}"
    end = target.rstrip(TRAILING_CLOSERS)
    if end and end[-1] in TARGET_FINAL:  # the common case, decided without the source
        return None
    if SOURCE_FINAL_RE.search(source) is None or ABBREVIATION_END_RE.search(source):
        return None
    if "<" in end:
        end = TAG_RE.sub("", end).rstrip(TRAILING_CLOSERS)
    if end and end[-1] not in TARGET_FINAL:
        return "the source ends a sentence but the translation has no final 。！？"
    return None


@register("punctuation", Severity.WARNING,
          "full-width punctuation in Chinese, paired marks balanced, sentence-final mark kept")
def check_punctuation(entry: Entry, env: CheckEnv) -> list[Finding]:
    """Report half-width marks in Chinese, unbalanced pairs and final-mark problems."""
    source, target = entry.msgid, entry.msgstr
    if not target or CJK_RE.search(target) is None:
        return []
    out: list[Finding] = []
    half = half_width_marks(target)
    if half:
        marks = "".join(dict.fromkeys(half))
        wanted = "".join(FULL_WIDTH[m] for m in marks)
        out.append(finding(entry, "punctuation", Severity.WARNING,
                           f"half-width {' '.join(marks)} in Chinese text: write {' '.join(wanted)}"))
    stray = unbalanced_pairs(target)
    if stray and not _source_unbalanced(source):
        out.append(finding(entry, "punctuation", Severity.WARNING,
                           f"unbalanced {' '.join(stray)} in the translation"))
    problem = final_mark_problem(source, target)
    if problem:
        out.append(finding(entry, "punctuation", Severity.WARNING, problem))
    return out
