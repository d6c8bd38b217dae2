"""``l10n update`` against GNU ``msgmerge --previous`` on the same old PO and new POT.

Each scenario is merged by both tools; the resulting entries are compared field by
field (translation, fuzzy, ``#|`` context/msgid/msgid_plural, obsolete, gettext flags).
Where we match, equality is asserted; each deliberate difference is listed in the
scenario with its reason, and our own behaviour is asserted there instead. The table
(``pytest -s``) is the one in the README.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

from l10n import catalog
from l10n.locales import parse_locale
from l10n.pofile import parse_po

MSGMERGE = shutil.which("msgmerge")
pytestmark = pytest.mark.skipif(MSGMERGE is None, reason="GNU gettext's msgmerge is not installed")
LOCALE = parse_locale("zh-Hant-HK")
PO_HEADER = '''# Translation of the release.
msgid ""
msgstr ""
"Project-Id-Version: release 1\\n"
"Report-Msgid-Bugs-To: old@example.org\\n"
"POT-Creation-Date: 2025-01-01 00:00+0000\\n"
"PO-Revision-Date: 2025-02-01 00:00+0000\\n"
"Last-Translator: A Translator <t@example.org>\\n"
"Language-Team: Chinese (Hong Kong)\\n"
"Language: zh_Hant_HK\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: Poedit 3.4\\n"
"X-Poedit-Basepath: ..\\n"

'''
POT_HEADER = '''msgid ""
msgstr ""
"Project-Id-Version: release 2\\n"
"Report-Msgid-Bugs-To: new@example.org\\n"
"POT-Creation-Date: 2026-03-01 00:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Generator: xgettext\\n"

'''
Key = tuple[str | None, str, bool]  # msgctxt, msgid, obsolete


@dataclass(frozen=True)
class Scenario:
    name: str
    old: str  # entries of the old PO (its header is PO_HEADER)
    pot: str  # entries of the new template (its header is POT_HEADER)
    #: entries where we differ on purpose: key -> (why, our expected result)
    differs: dict[Key, tuple[str, tuple[object, ...] | None]] = field(default_factory=dict)


SPLIT_OLD = "The Secretary announced new measures to support small businesses in the districts."
SCENARIOS = [
    Scenario("unchanged", 'msgid "Hello."\nmsgstr "你好。"\n', 'msgid "Hello."\nmsgstr ""\n'),
    Scenario("typo fix", 'msgid "The governmnet said."\nmsgstr "政府表示。"\n',
             'msgid "The government said."\nmsgstr ""\n'),
    Scenario("sentence split", f'msgid "{SPLIT_OLD}"\nmsgstr "司長宣布支援地區小企業的新措施。"\n',
             'msgid "The Secretary announced new measures."\nmsgstr ""\n\n'
             f'msgid "{SPLIT_OLD[:-1]}!"\nmsgstr ""\n'),
    Scenario("sentence joined", 'msgid "Prices rose in March."\nmsgstr "三月物價上升。"\n\n'
             'msgid "Wages did not."\nmsgstr "工資沒有。"\n',
             'msgid "Prices rose in March; wages did not."\nmsgstr ""\n'),
    Scenario("reordered", 'msgid "First."\nmsgstr "第一。"\n\nmsgid "Second."\nmsgstr "第二。"\n',
             'msgid "Second."\nmsgstr ""\n\nmsgid "First."\nmsgstr ""\n'),
    Scenario("context added", 'msgid "Open file"\nmsgstr "開啟檔案"\n',
             'msgctxt "menu"\nmsgid "Open file"\nmsgstr ""\n'),
    Scenario("context changed", 'msgctxt "menu"\nmsgid "Open file"\nmsgstr "開啟檔案"\n',
             'msgctxt "dialog"\nmsgid "Open file"\nmsgstr ""\n'),
    Scenario("empty context is a context", 'msgctxt ""\nmsgid "Close"\nmsgstr "關閉"\n',
             'msgid "Close"\nmsgstr ""\n\nmsgctxt ""\nmsgid "Close"\nmsgstr ""\n'),
    Scenario("plural kept", 'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 個檔案"\n',
             '#, c-format\nmsgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    Scenario("plural changed", 'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "%d 個檔案"\n',
             'msgid "One file"\nmsgid_plural "%d files found"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    Scenario("singular became plural", 'msgid "One report"\nmsgstr "一份報告"\n',
             'msgid "One report"\nmsgid_plural "%d reports"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    Scenario("obsolete then revived", '#~ msgid "Back again."\n#~ msgstr "又回來了。"\n',
             'msgid "Back again."\nmsgstr ""\n'),
    Scenario("obsolete stays, with #~|",
             '#~| msgid "Old budget text."\n#~ msgid "The budget text."\n#~ msgstr "預算文字。"\n',
             'msgid "Unrelated."\nmsgstr ""\n'),
    Scenario("gone becomes obsolete", 'msgid "Removed sentence."\nmsgstr "已刪除的句子。"\n',
             'msgid "Something else entirely."\nmsgstr ""\n'),
    Scenario("chain of two edits",
             '#, fuzzy\n#| msgid "The cat sat on the mat."\nmsgid "The cat sat on a mat."\nmsgstr "貓坐在墊上。"\n',
             'msgid "The cat sat on the red mat."\nmsgstr ""\n'),
    Scenario("exact kept, near copy seeded", 'msgid "Hello world, how are you"\nmsgstr "你好世界"\n',
             'msgid "Hello world, how are you"\nmsgstr ""\n\nmsgid "Hello world, how are you?"\nmsgstr ""\n'),
    Scenario("template flags copied", '#, c-format\nmsgid "Hello %s"\nmsgstr "你好 %s"\n',
             '#, python-format, no-wrap\nmsgid "Hello %s!"\nmsgstr ""\n'),
    Scenario("our own flags kept",
             '#, l10n-ignore-numbers\nmsgid "Call 2 3 4."\nmsgstr "致電 2 3 4。"\n',
             'msgid "Call 2 3 4."\nmsgstr ""\n',
             {(None, "Call 2 3 4.", False): (
                 "msgmerge drops flags it does not know; a translator's l10n-ignore-* flag is kept",
                 ("致電 2 3 4。", False, None, None, None, ("l10n-ignore-numbers",)))}),
    Scenario("fuzzy draft, same msgid", '#, fuzzy\nmsgid "Draft."\nmsgstr "草稿。"\n',
             'msgid "Draft."\nmsgstr ""\n'),
    Scenario("untranslated dropped", 'msgid "Never translated."\nmsgstr ""\n',
             'msgid "Never translated!"\nmsgstr ""\n'),
]
GETTEXT_FLAG_SUFFIX = "-format"


def _state(e: polib.POEntry, keep_all_flags: bool = False) -> tuple[object, ...]:
    translation: object = tuple(sorted(e.msgstr_plural.items())) if e.msgstr_plural else e.msgstr
    flags = tuple(f for f in e.flags if f != "fuzzy"
                  and (keep_all_flags or f.endswith(GETTEXT_FLAG_SUFFIX) or f in ("wrap", "no-wrap")))
    return (translation, e.fuzzy, e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural or None, flags)


def _entries(po: polib.POFile, keep_all_flags: bool = False) -> dict[Key, tuple[object, ...]]:
    return {(e.msgctxt, e.msgid, bool(e.obsolete)): _state(e, keep_all_flags) for e in po}


def _ours(old_text: str, pot_text: str) -> polib.POFile:
    return catalog.merge(parse_po(pot_text, "new.pot"), parse_po(old_text, "old.po"), LOCALE)


def _msgmerge(tmp: Path, old_text: str, pot_text: str) -> polib.POFile:
    (tmp / "old.po").write_text(old_text, encoding="utf-8")
    (tmp / "new.pot").write_text(pot_text, encoding="utf-8")
    assert MSGMERGE is not None
    subprocess.run([MSGMERGE, "--previous", "-q", "-o", str(tmp / "out.po"), str(tmp / "old.po"),
                    str(tmp / "new.pot")], check=True)
    return parse_po((tmp / "out.po").read_text(encoding="utf-8"), "out.po")


TABLE: list[str] = []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_entries_as_msgmerge(tmp_path: Path, scenario: Scenario) -> None:
    old_text, pot_text = PO_HEADER + scenario.old, POT_HEADER + scenario.pot
    theirs = _entries(_msgmerge(tmp_path, old_text, pot_text))
    ours_po = _ours(old_text, pot_text)
    ours, ours_all_flags = _entries(ours_po), _entries(ours_po, keep_all_flags=True)
    assert set(ours) == set(theirs)
    # what is merged is what is written: plurals, #| and #~| lines survive the writer
    assert _entries(parse_po(catalog.render(ours_po), "written.po"), keep_all_flags=True) == ours_all_flags
    for key, (why, expected) in scenario.differs.items():
        assert ours_all_flags[key] == expected, why
    same = {k: v for k, v in ours.items() if k not in scenario.differs}
    assert same == {k: v for k, v in theirs.items() if k not in scenario.differs}
    TABLE.append(f"| {scenario.name} | {len(theirs)} | "
                 f"{'same' if not scenario.differs else 'differs: ' + '; '.join(w for w, _ in scenario.differs.values())} |")


def test_header_as_msgmerge(tmp_path: Path) -> None:
    """Every field of the PO kept (X-Poedit-*, X-Generator, Project-Id-Version, the
    header's fuzzy flag and comment); Report-Msgid-Bugs-To and POT-Creation-Date from the
    template."""
    old_text = PO_HEADER.replace('msgid ""', '#, fuzzy\nmsgid ""', 1) + 'msgid "A."\nmsgstr "甲。"\n'
    pot_text = POT_HEADER + 'msgid "A."\nmsgstr ""\n'
    theirs, ours = _msgmerge(tmp_path, old_text, pot_text), _ours(old_text, pot_text)
    assert ours.metadata == theirs.metadata
    assert (ours.metadata["Project-Id-Version"], ours.metadata["Report-Msgid-Bugs-To"]) == (
        "release 1", "new@example.org")
    assert ours.metadata["X-Poedit-Basepath"] == ".." and ours.metadata["X-Generator"] == "Poedit 3.4"
    assert bool(ours.metadata_is_fuzzy) == bool(theirs.metadata_is_fuzzy) is True
    assert ours.header == theirs.header == "Translation of the release."
    assert parse_po(catalog.render(ours), "written.po").metadata_is_fuzzy
    TABLE.append("| header fields | - | same |")


def test_header_fields_the_tool_needs_are_added(tmp_path: Path) -> None:
    """Deliberate difference: msgmerge adds no field; a PO without Plural-Forms (or
    Language...) gets the locale's, since checks and plural entries need them. Nothing
    else is added (no X-Generator of ours in a Poedit file)."""
    old_text = PO_HEADER.replace('"Plural-Forms: nplurals=1; plural=0;\\n"\n', "").replace(
        '"X-Generator: Poedit 3.4\\n"\n', "") + 'msgid "A."\nmsgstr "甲。"\n'
    pot_text = POT_HEADER + 'msgid "A."\nmsgstr ""\n'
    theirs, ours = _msgmerge(tmp_path, old_text, pot_text), _ours(old_text, pot_text)
    assert set(ours.metadata) - set(theirs.metadata) == {"Plural-Forms"}
    assert "nplurals=1" in ours.metadata["Plural-Forms"]
    assert {k: v for k, v in ours.metadata.items() if k != "Plural-Forms"} == theirs.metadata
    TABLE.append("| header lacks Plural-Forms | - | differs: we add the locale's (the tool needs it); "
                 "msgmerge adds nothing |")


def test_no_fuzzy_matching_as_msgmerge_N(tmp_path: Path) -> None:
    old_text = PO_HEADER + 'msgid "The governmnet said."\nmsgstr "政府表示。"\n'
    pot_text = POT_HEADER + 'msgid "The government said."\nmsgstr ""\n'
    (tmp_path / "old.po").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.pot").write_text(pot_text, encoding="utf-8")
    assert MSGMERGE is not None
    subprocess.run([MSGMERGE, "-N", "--previous", "-q", "-o", str(tmp_path / "out.po"), str(tmp_path / "old.po"),
                    str(tmp_path / "new.pot")], check=True)
    theirs = _entries(parse_po((tmp_path / "out.po").read_text(encoding="utf-8"), "out.po"))
    ours = _entries(catalog.merge(parse_po(pot_text, "p"), parse_po(old_text, "o"), LOCALE,
                                  options=catalog.MergeOptions(fuzzy_matching=False)))
    assert ours == theirs
    assert ours[(None, "The governmnet said.", True)][0] == "政府表示。"
    TABLE.append("| -N (no fuzzy matching) | 2 | same |")


#: (old msgid, new msgid): reordered words, insertions, a digit changed, a few near the
#: 0.6 threshold (difflib ratios 0.605, 0.638, 0.643), some far below it.
THRESHOLD_PAIRS = [
    ("The fund raised money.", "The fund raised more money in 2025 than before."),
    ("Mr. Lee met Dr. Wong.", "Dr. Wong met Mr. Lee."),
    ("Press photos are online.", "Photos for the press are online."),
    ("Visit our site for details.", "Details are on our site."),
    ("The lab is full.", "The lab is not full yet."),
    ("Tel: 2123 4567", "Tel: 2123 9999"),
    ("abcdefghij", "jihgfedcba"),
    ("The Harbour Lab opened today.", "Today the Harbour Lab opened."),
    ("It offers desks to founders.", "It offers desks to founders from 12 economies."),
    ("We are proud.", "We are very proud of the team."),
]


def test_same_fuzzy_decisions_near_the_threshold(tmp_path: Path) -> None:
    """Our similarity is difflib's ratio, msgmerge's is gettext's fstrcmp: both
    2*matches/total, counted differently. At the shared 0.6 threshold they accept and
    refuse the same pairs here."""
    decisions = []
    for old_id, new_id in THRESHOLD_PAIRS:
        old_text = PO_HEADER + f'msgid "{old_id}"\nmsgstr "譯文"\n'
        pot_text = POT_HEADER + f'msgid "{new_id}"\nmsgstr ""\n'
        theirs = _entries(_msgmerge(tmp_path, old_text, pot_text))
        ours = _entries(_ours(old_text, pot_text))
        assert ours == theirs, (old_id, new_id)
        decisions.append(ours[(None, new_id, False)][1])
    assert decisions.count(True) == 7
    TABLE.append(f"| near the 0.6 threshold ({len(THRESHOLD_PAIRS)} pairs) | - | same "
                 f"({decisions.count(True)} carried fuzzy, {decisions.count(False)} not) |")


def test_zz_print_table() -> None:
    """The README table (run with -s to see it)."""
    print("\n| scenario | entries | vs msgmerge --previous |\n| --- | --- | --- |\n" + "\n".join(TABLE))
