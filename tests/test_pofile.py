from pathlib import Path

import pytest

from l10n.errors import CatalogError
from l10n.pofile import parse_po, read_po

HEADER = 'msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ('msgid "a"\nmsgstr "b\n', 6, "malformed string"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate entry"),
        ('msgid "a"\nmsgstr "b"\nnot po at all\n', 7, "unexpected text"),
        ('msgid "a"\n"unterminated\nmsgstr "b"\n', 6, "malformed string"),
        ('msgid "a"\n', 5, "msgid without msgstr"),
        ('msgstr "b"\n', 5, "msgstr without msgid"),
        ('msgid "a"\nmsgstr "b\\q"\n', 6, "invalid escape"),
    ],
)
def test_malformed_po(body: str, line: int, what: str) -> None:
    with pytest.raises(CatalogError) as err:
        parse_po(HEADER + body, "x.po")
    assert err.value.line == line
    assert what in str(err.value)
    assert str(err.value).startswith(f"x.po:{line}: ")


def test_valid_po_with_obsolete_and_previous() -> None:
    po = parse_po(HEADER + '#, fuzzy\n#| msgid "old"\nmsgid "a \\"q\\""\nmsgstr "b"\n\n'
                  '#~ msgid "z"\n#~ msgstr "y"\n', "x.po")
    [entry] = [e for e in po if not e.obsolete]
    assert entry.msgid == 'a "q"' and entry.linenum == 7 and entry.previous_msgid == "old"
    assert [e.msgid for e in po.obsolete_entries()] == ["z"]


def test_read_po_files(data_dir: Path) -> None:
    with pytest.raises(CatalogError, match="broken-string.po:6"):
        read_po(data_dir / "foundation" / "broken-string.po")
    with pytest.raises(CatalogError, match="duplicate.po:8"):
        read_po(data_dir / "foundation" / "duplicate.po")
