"""A PO file in a legal non-UTF-8 charset is read as gettext reads it, and converted."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.pofile import decode_po, read_po, scan_po_file

ENTRY = "數碼港初創企業共獲得443億港元投資。"
TEMPLATE = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset={charset}\\n"

msgid "Its start-ups raised HK$44.3 billion."
msgstr "{text}"
'''


@pytest.mark.parametrize(("charset", "lang", "text"), [
    ("Big5-HKSCS", "zh_Hant_HK", ENTRY),
    ("BIG5", "zh_Hant_HK", ENTRY),
    ("GB18030", "zh_Hans_CN", "数码港初创企业共获得443亿港元投资。"),
    ("GBK", "zh_Hans_CN", "数码港初创企业共获得443亿港元投资。"),
])
def test_a_declared_charset_is_read_and_converted(tmp_path: Path, charset: str, lang: str, text: str) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(TEMPLATE.format(lang=lang, charset=charset, text=text).encode(charset))
    po = read_po(path)
    assert [e.msgstr for e in po if e.msgid] == [text]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"  # what l10n writes back
    assert [e.msgstr for e in scan_po_file(path).entries if e.msgid] == [text]


def test_bytes_that_are_not_the_declared_charset_name_the_line_and_msgconv(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    raw = TEMPLATE.format(lang="zh_Hant_HK", charset="Big5-HKSCS", text="X").encode("ascii")
    path.write_bytes(raw.replace(b'"X"', b'"\xff\xff"'))
    with pytest.raises(CatalogError, match=r"not valid Big5-HKSCS") as info:
        read_po(path)
    assert info.value.line == 7 and "msgconv --to-code=UTF-8" in (info.value.hint or "")


@pytest.mark.parametrize("charset", ["UTF-8", "CHARSET"])
def test_bad_utf8_stays_an_error_with_its_line(tmp_path: Path, charset: str) -> None:
    raw = TEMPLATE.format(lang="zh_Hant_HK", charset=charset, text="X").encode().replace(b'"X"', b'"\xe4\xb8"')
    with pytest.raises(CatalogError, match="not valid UTF-8") as info:
        decode_po(raw, "x.po")
    assert info.value.line == 7


def test_an_unknown_charset_says_how_to_convert() -> None:
    raw = TEMPLATE.format(lang="zh_Hant_HK", charset="X-NOPE", text="X").encode().replace(b'"X"', b'"\xff"')
    with pytest.raises(CatalogError, match="unknown charset 'X-NOPE'") as info:
        decode_po(raw, "x.po")
    assert "msgconv" in (info.value.hint or "")


def test_update_converts_a_big5_catalog_to_utf8(project: Path, cli) -> None:
    assert cli("-q", "extract", "release.md").code == 0
    assert cli("-q", "update", "--locale", "zh-HK").code == 0
    po_file = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
    text = po_file.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=Big5-HKSCS")
    text = text.replace('msgid "Harbour Lab Opens Its Doors"\nmsgstr ""', 'msgid "Harbour Lab Opens Its Doors"\nmsgstr "港灣實驗室開幕"')
    po_file.write_bytes(text.encode("big5hkscs"))
    assert cli("-q", "update", "--locale", "zh-HK").code == 0
    converted = po_file.read_text(encoding="utf-8")
    assert "charset=UTF-8" in converted and 'msgstr "港灣實驗室開幕"' in converted
