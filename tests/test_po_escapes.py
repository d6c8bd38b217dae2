"""Escapes in PO strings are decoded exactly as GNU gettext decodes them (issue 9, item 2).

polib left ``\\a``, octal and hex escapes undecoded and wrote them back with a doubled
backslash, so a translation silently changed on the next save. Each row is checked
against gettext itself where msgfmt is installed: the MO file msgfmt compiles holds
the same text we decoded, and our rendering compiles to the same MO text again.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.catalog import render
from l10n.errors import CatalogError
from l10n.pofile import parse_po, scan_po

HEADER = 'msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
MSGFMT = shutil.which("msgfmt")

DECODED = [
    ("\\a", "\a"),
    ("\\b\\f\\v\\t\\r\\nx", "\b\f\v\t\r\nx"),
    ('\\\\ and \\"', '\\ and "'),
    ("\\101", "A"),
    ("\\1014", "A4"),  # at most three octal digits
    ("\\7", "\a"),
    ("\\60\\061", "01"),
    ("\\x41", "A"),
    ("\\x4142", "B"),  # every hex digit is read; the byte is the low eight bits
    ("\\x7e~", "~~"),
    ("\\xE4\\xBD\\xA0", "你"),  # bytes: escaped UTF-8 sequences make one character
    ("\\344\\275\\240", "你"),
    ("caf\\303\\251", "café"),
    ("\\\\a", "\\a"),  # an escaped backslash followed by a letter stays a backslash and the letter
    ("\\\\101", "\\101"),
    ("\\\\x41", "\\x41"),
    ("tab\\there", "tab\there"),
    ("\\x1b[31m", "\x1b[31m"),
    ("\\033", "\x1b"),
    ("\\177", "\x7f"),
]

REFUSED = [
    ("\\q", "invalid escape"),
    ("\\8", "invalid escape"),
    ("\\xg", "invalid escape"),
    ("\\u00e9", "invalid escape"),
    ("\\e", "invalid escape"),
    ("\\0", "NUL"),
    ("a\\000b", "NUL"),
    ("\\x00", "NUL"),
    ("\\x100", "NUL"),  # 0x100 & 0xff == 0: gettext would cut the text here
    ("\\377", "valid UTF-8"),
    ("\\xc3", "valid UTF-8"),
    ("\\303(", "valid UTF-8"),
    ("\\004", r"U\+0004"),
    ("\\x04", r"U\+0004"),
]


def _po(escaped: str) -> str:
    return HEADER + f'msgid "key"\nmsgstr "{escaped}"\n'


@pytest.mark.parametrize(("escaped", "text"), DECODED)
def test_escape_decoded_as_gettext_does(escaped: str, text: str) -> None:
    [entry] = parse_po(_po(escaped), "x.po")
    assert entry.msgstr == text
    [_, scanned] = scan_po(_po(escaped), "x.po").entries
    assert scanned.msgstr == text


@pytest.mark.parametrize(("escaped", "text"), DECODED)
def test_read_render_read_keeps_the_meaning(escaped: str, text: str) -> None:
    rendered = render(parse_po(_po(escaped), "x.po"))
    [entry] = parse_po(rendered, "x.po")
    assert entry.msgstr == text
    assert render(parse_po(rendered, "x.po")) == rendered  # stable after one save


@pytest.mark.parametrize(("escaped", "what"), REFUSED)
def test_escape_gettext_refuses_or_would_change_is_refused(escaped: str, what: str) -> None:
    with pytest.raises(CatalogError, match=what) as caught:
        parse_po(_po(escaped), "x.po")
    assert caught.value.line == 7


def _mo_text(po_text: str, tmp_path: Path) -> str:
    po, mo = tmp_path / "t.po", tmp_path / "t.mo"
    po.write_bytes(po_text.encode("utf-8"))
    subprocess.run([str(MSGFMT), "-o", str(mo), str(po)], check=True, capture_output=True)
    [entry] = polib.mofile(str(mo))
    return entry.msgstr


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize(("escaped", "text"), DECODED)
def test_gettext_oracle_agrees(escaped: str, text: str, tmp_path: Path) -> None:
    """msgfmt compiles the original and our re-rendered file to the text we decoded."""
    assert _mo_text(_po(escaped), tmp_path) == text
    assert _mo_text(render(parse_po(_po(escaped), "x.po")), tmp_path) == text
