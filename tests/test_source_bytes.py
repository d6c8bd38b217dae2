"""An empty catalog rebuilds a source byte for byte, BOM and line ends included (issue 9, item 15).

The reader used to drop the UTF-8 BOM and turn CRLF/CR into LF, so a Windows-saved
release came back different from its source although nothing was translated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.build import build
from l10n.catalog import render
from l10n.extract import extract, update
from l10n.formats import read_document
from l10n.formats.base import line_ending_style
from l10n.locales import parse_locale
from l10n.model import CR, CRLF, LF
from l10n.pofile import read_po

HK = parse_locale("zh-Hant-HK")
BOM = b"\xef\xbb\xbf"
MARKDOWN = "# Harbour Lab Opens\n\nThe lab opened today.\nIt has 40 desks.\n\n- First item\n- Second item\n"
TEXT = "Harbour Lab Opens\n\nThe lab opened today.\nIt has 40 desks.\n\nTel: 2123 4567\n"
HTML = "<!DOCTYPE html>\n<html>\n<body>\n<p>The lab opened today.</p>\n</body>\n</html>\n"
SOURCES = {"md": MARKDOWN, "txt": TEXT}
NEWLINES = {"lf": LF, "crlf": CRLF, "cr": CR}


def _source_bytes(text: str, newline: str, bom: bool) -> bytes:
    return (BOM if bom else b"") + text.replace(LF, newline).encode("utf-8")


def _prepare(project: Path, name: str, data: bytes) -> Path:
    (project / name).write_bytes(data)
    extract([name], project / "locales")
    update(project / "locales", [HK])
    return project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / f"{Path(name).stem}.po"


def _approve(po_file: Path, msgid: str, msgstr: str) -> None:
    po = read_po(po_file)
    [entry] = [e for e in po if e.msgid == msgid]
    entry.msgstr, entry.flags = msgstr, []
    po_file.write_text(render(po), encoding="utf-8")


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", sorted(NEWLINES))
@pytest.mark.parametrize("ext", sorted(SOURCES))
def test_empty_catalog_rebuilds_byte_for_byte(project: Path, ext: str, newline: str, bom: bool) -> None:
    data = _source_bytes(SOURCES[ext], NEWLINES[newline], bom)
    _prepare(project, f"bytes.{ext}", data)
    res = build(f"bytes.{ext}", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_bytes() == data
    assert res.sentences > 0 and res.translated == 0


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("ext", sorted(SOURCES))
def test_empty_catalog_rebuilds_mixed_line_ends(project: Path, ext: str, bom: bool) -> None:
    lines = SOURCES[ext].split(LF)
    ends = [CRLF, LF, CR]
    text = "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    data = (BOM if bom else b"") + text.encode("utf-8")
    _prepare(project, f"mixed.{ext}", data)
    res = build(f"mixed.{ext}", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_bytes() == data


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["crlf", "cr"])
@pytest.mark.parametrize("ext", sorted(SOURCES))
def test_translated_build_keeps_line_ends_and_bom(project: Path, ext: str, newline: str, bom: bool) -> None:
    """The same translation built from an LF copy, in the source's line ends and BOM."""
    outputs = {}
    for name, data in ((f"bytes.{ext}", _source_bytes(SOURCES[ext], NEWLINES[newline], bom)),
                       (f"plain.{ext}", SOURCES[ext].encode())):
        po_file = _prepare(project, name, data)
        _approve(po_file, "The lab opened today.", "實驗室今日開幕。")
        res = build(name, HK, locales_dir=project / "locales", out_dir=project / "out")
        assert res.translated == 1
        outputs[name] = res.output.read_bytes()
    out, plain = outputs[f"bytes.{ext}"], outputs[f"plain.{ext}"]
    assert "實驗室今日開幕。".encode() in out
    assert out.startswith(BOM) == bom
    assert line_ending_style(out) == NEWLINES[newline]
    assert out == (BOM if bom else b"") + plain.replace(b"\n", NEWLINES[newline].encode())


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", sorted(NEWLINES))
def test_html_keeps_line_ends_and_bom(project: Path, newline: str, bom: bool) -> None:
    data = _source_bytes(HTML, NEWLINES[newline], bom)
    _prepare(project, "page.html", data)
    res = build("page.html", HK, locales_dir=project / "locales", out_dir=project / "out")
    out = res.output.read_bytes()
    assert out.startswith(BOM) == bom
    assert line_ending_style(out) == NEWLINES[newline]
    assert b'lang="zh-Hant-HK"' in out


@pytest.mark.parametrize(("data", "style"), [
    (b"a\nb\n", LF), (b"a\r\nb\r\n", CRLF), (b"a\rb\r", CR), (b"a\r\nb\n", LF), (b"a\rb\n", LF), (b"ab", LF),
])
def test_line_ending_style(data: bytes, style: str) -> None:
    assert line_ending_style(data) == style


def test_reader_text_is_lf_without_bom(tmp_path: Path) -> None:
    src = tmp_path / "r.md"
    src.write_bytes(BOM + b"# Title\r\n\r\nBody text.\r\n")
    doc = read_document(src)
    assert doc.source == "# Title\n\nBody text.\n"
    assert (doc.newline, doc.bom) == (CRLF, True)
    assert [b.text for b in doc.blocks] == ["Title", "Body text."]
