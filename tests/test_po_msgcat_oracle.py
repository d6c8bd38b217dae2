"""Our PO layout is GNU gettext's: ``msgcat`` re-saves every file we write unchanged.

An editor (Poedit, Weblate, ``msgcat``) writes gettext's layout; if ours differed, every
save would be reverted by our next write. Skipped when ``msgcat`` is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import catalog
from l10n.pofile import parse_po, read_po

ROOT = Path(__file__).resolve().parent.parent
MSGCAT = shutil.which("msgcat")
pytestmark = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")
COMMITTED = sorted((ROOT / "locales").rglob("*.po*"))
#: Text as our catalogs hold it (English and Chinese prose, full-width punctuation,
#: amounts, escapes, newlines), plus characters whose line-breaking class is unusual
#: (combining marks, no-break and soft hyphen, dashes, ellipses, quotes, brackets).
PIECES = (list("abcdefghij ABC    0123456789.,;:!?-/()[]{}\"'\\\t\n$%&*+<=>@#_|~")
          + list("香港特別行政區政府今日宣布創新科技發展局")
          + list("，。、：；！？「」『』（）《》【】…—“”‘’％＄・ー々〜")
          + ["HK$", "US$", "  ", ". ", ", ", "1.5", "3,000", "\u00a0", "é", "\u2013", "\u2014", "\u00ad",
             "\u0301"])
WIDTHS = (79, 60, 40, 0)  # gettext widens widths under 20 its own way; not modelled


def _msgcat(text: str, tmp: Path, width: int) -> str:
    src = tmp / "in.po"
    src.write_text(text, encoding="utf-8")
    flag = [f"--width={width}"] if width else ["--no-wrap"]
    assert MSGCAT is not None
    return subprocess.run([MSGCAT, *flag, str(src)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_committed_catalogs_are_msgcat_canonical(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _msgcat(text, tmp_path, 79) == text
    assert catalog.render(read_po(path)) == text


def _catalog(entries: list[tuple[str, str, bool, str | None]]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hant_HK"}
    seen: set[str] = set()
    for msgid, msgstr, obsolete, previous in entries:
        if msgid in seen:
            continue
        seen.add(msgid)
        obsolete = obsolete and bool(msgstr)  # gettext drops an untranslated obsolete entry
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, obsolete=obsolete,
                              occurrences=[] if obsolete else [(f"samples/release-{len(seen)}.md", str(len(seen)))])
        if previous is not None and msgstr:
            entry.flags, entry.previous_msgid = ["fuzzy"], previous
        po.append(entry)
    return po


_text = st.lists(st.sampled_from(PIECES), max_size=70).map("".join)
_entries = st.lists(st.tuples(_text.filter(bool), _text, st.booleans(), st.none() | _text.filter(bool)),
                    min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_entries, width=st.sampled_from(WIDTHS))
def test_generated_catalogs_are_msgcat_canonical(entries: list[tuple[str, str, bool, str | None]], width: int,
                                                 tmp_path: Path) -> None:
    text = catalog.render(_catalog(entries), width)
    assert _msgcat(text, tmp_path, width) == text


LONG_ZH = "香港特別行政區政府今日宣布，由二零二五年起推出新措施，以支援本地創新科技發展，預計涉及款項約港幣十億元。"
CASES = {
    "long Chinese": LONG_ZH,
    "mixed": "政府將撥款HK$1,000,000（約US$128,000）予「創新科技基金」，並於2025年3月31日前完成。" * 2,
    "escapes": 'He said "a\\b"\tthen left.\n' * 4,
    "newlines": "第一行\n第二行\n" + LONG_ZH,
    "english": "The Government announced today that the Innovation and Technology Fund will be extended. " * 2,
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_merged_shapes_are_msgcat_canonical(name: str, width: int, tmp_path: Path) -> None:
    text = CASES[name]
    po = _catalog([(text, text[::-1], False, text[1:]), (text + "x", text, True, None)])
    rendered = catalog.render(po, width)
    assert _msgcat(rendered, tmp_path, width) == rendered
    assert catalog.content(parse_po(rendered, "x.po")) == catalog.content(po_roundtrip(po))


def po_roundtrip(po: polib.POFile) -> polib.POFile:
    return parse_po(catalog.render(po), "x.po")


def test_an_editors_layout_is_left_alone(tmp_path: Path) -> None:
    """Same content in another layout (msgcat at width 60): save writes nothing."""
    po = _catalog([(CASES["english"], LONG_ZH, False, None), (CASES["mixed"], LONG_ZH, False, None)])
    path = tmp_path / "x.po"
    edited = _msgcat(catalog.render(po), tmp_path, 60)
    assert edited != catalog.render(po)
    path.write_text(edited, encoding="utf-8")
    assert not catalog.save(path, po_roundtrip(po), read_po(path))
    assert path.read_text(encoding="utf-8") == edited


#: One character of each line-breaking situation our text meets: ASCII letters, digits and
#: punctuation, CJK ideographs and full-width punctuation, quotes, dashes, ellipsis.
PAIR_CHARS = list("a1.,:;!?-/()[]{}'$%&*+<=>@#_|~\"") + list("日，。、：；！？「」『』（）《》【】…—“”‘’％＄・ー々〜") + [
    "\u2013", "é"]
PAIR_WIDTH = 40


def _pair_text(x: str, y: str, between: str) -> str:
    """``x`` ends exactly at the last column of a line, so whether the line may break
    between ``x`` and ``y`` decides the layout."""
    room = PAIR_WIDTH - 2 - len(between) - (2 if x in '"' else catalog.powrap.char_width(x))
    filler = "日" * (room // 2) + ("b" if room % 2 else "")
    return filler + x + between + y + "日" * 10


@pytest.mark.parametrize("between", ["", " "])
def test_every_character_pair_breaks_where_msgcat_breaks(between: str, tmp_path: Path) -> None:
    pairs = [(x, y) for x in PAIR_CHARS for y in PAIR_CHARS]
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for n, (x, y) in enumerate(pairs):
        po.append(polib.POEntry(msgctxt=str(n), msgid=_pair_text(x, y, between), msgstr=""))
    rendered = catalog.render(po, PAIR_WIDTH)
    assert len(pairs) == 63 * 63
    assert _msgcat(rendered, tmp_path, PAIR_WIDTH) == rendered


def test_no_wrap_flag_and_the_one_deliberate_difference(tmp_path: Path) -> None:
    """``#, no-wrap`` entries stay on one line as in gettext. msgcat drops flags it does
    not know; we keep ours (``ignore-<check>`` accepts a finding), so that line differs."""
    po = _catalog([(CASES["english"], LONG_ZH, False, None), ("x", "y", False, None)])
    po[0].flags = ["no-wrap"]
    po[1].flags = ["fuzzy", "ignore-numbers", "python-format"]
    rendered = catalog.render(po)
    assert f'msgid "{CASES["english"]}"' in rendered
    expected = rendered.replace("#, fuzzy, ignore-numbers, python-format", "#, fuzzy, python-format")
    assert _msgcat(rendered, tmp_path, 79) == expected
