"""Line-separator and control characters in a source survive the whole cycle (issue 9, item 3).

polib split PO lines with ``str.splitlines``, which also breaks at U+2028, U+2029,
U+0085 and U+001C-U+001E: every read after ``extract`` dropped a character from the
msgid, so an approved translation turned fuzzy on every run and never reached the
built document. U+0004 in a source gave a PO file ``msgfmt --check`` refuses.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.build import build
from l10n.catalog import render
from l10n.extract import extract, update
from l10n.locales import parse_locale
from l10n.pofile import read_po

HK = parse_locale("zh-Hant-HK")
MSGFMT = shutil.which("msgfmt")
SEPARATORS = {"U+2028": "\u2028", "U+2029": "\u2029", "U+0085": "\u0085",
              "U+001C": "\x1c", "U+001D": "\x1d", "U+001E": "\x1e"}
CONTROLS = {"U+0004": "\x04", "U+0000": "\x00", "U+0001": "\x01", "U+001B": "\x1b", "U+007F": "\x7f",
            "U+000B": "\x0b", "U+000C": "\x0c"}
TRANSLATION = "實驗室今日開幕。"
SOURCES = {"md": "Harbour Lab\n\nThe lab{}opened today.\n", "txt": "Harbour Lab\n\nThe lab{}opened today.\n",
           "html": "<!DOCTYPE html>\n<html><body><h1>Harbour Lab</h1>\n<p>The lab{}opened today.</p></body></html>\n"}


def _cycle(project: Path, name: str, source: str) -> tuple[Path, str]:
    """Extract and update; return the catalog and the msgid holding the odd character."""
    (project / name).write_text(source, encoding="utf-8", newline="")
    extract([name], project / "locales")
    update(project / "locales", [HK])
    po_file = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / f"{Path(name).stem}.po"
    [msgid] = [e.msgid for e in read_po(po_file) if "today" in e.msgid]
    return po_file, msgid


def _approve(po_file: Path, msgid: str) -> None:
    """A translator's save: the translation, no fuzzy flag."""
    po = read_po(po_file)
    [entry] = [e for e in po if e.msgid == msgid]
    entry.msgstr, entry.flags = TRANSLATION, []
    po_file.write_text(render(po), encoding="utf-8")


def _assert_approved_and_built(project: Path, name: str, po_file: Path, msgid: str) -> None:
    for _ in range(2):  # re-read and re-run: nothing turns fuzzy, nothing is lost
        update(project / "locales", [HK])
        [entry] = [e for e in read_po(po_file) if e.msgid == msgid]
        assert entry.msgstr == TRANSLATION and not entry.fuzzy
    res = build(name, HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.translated == 1
    assert TRANSLATION in res.output.read_text(encoding="utf-8")


@pytest.mark.parametrize("ext", sorted(SOURCES))
@pytest.mark.parametrize("name", sorted(SEPARATORS))
def test_separator_in_source_stays_approved_and_built(project: Path, name: str, ext: str) -> None:
    char = SEPARATORS[name]
    po_file, msgid = _cycle(project, f"sep.{ext}", SOURCES[ext].format(char))
    assert char in msgid
    _approve(po_file, msgid)
    _assert_approved_and_built(project, f"sep.{ext}", po_file, msgid)


@pytest.mark.parametrize("ext", sorted(SOURCES))
@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_control_character_in_source_gives_valid_catalogs(project: Path, name: str, ext: str) -> None:
    char = CONTROLS[name]
    po_file, msgid = _cycle(project, f"ctl.{ext}", SOURCES[ext].format(char + " "))
    assert "\x04" not in msgid and "\x00" not in msgid
    if MSGFMT is not None:
        for catalog in (po_file, project / "locales" / "ctl.pot"):
            done = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(catalog)], capture_output=True,
                                  text=True, check=False)
            assert done.returncode == 0, done.stderr
    _approve(po_file, msgid)
    _assert_approved_and_built(project, f"ctl.{ext}", po_file, msgid)
