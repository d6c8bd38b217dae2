from pathlib import Path

import pytest

from l10n.errors import InputError
from l10n.formats import HTML, MARKDOWN, TEXT, TextFormat, read_document
from l10n.formats.markdown import LinePrefix
from l10n.model import BlockKind
from l10n.segment import document_units


def units_of(path: Path) -> list[tuple[str, int]]:
    return [(u.text, u.refs[0].line) for u in document_units(read_document(path))]


def test_markdown_blocks(data_dir: Path) -> None:
    doc = read_document(data_dir / "foundation" / "release.md")
    kinds = [(b.kind, b.line) for b in doc.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1)
    assert (BlockKind.LIST_ITEM, 5) in kinds
    assert (BlockKind.QUOTE, 8) in kinds
    assert (BlockKind.TABLE_CELL, 15) in kinds
    heading = doc.blocks[0]
    assert heading.location == LinePrefix(prefix="# ") and heading.level == 1


def test_markdown_units(data_dir: Path) -> None:
    units = units_of(data_dir / "foundation" / "release.md")
    texts = [t for t, _ in units]
    assert texts[0] == "Harbour Lab Opens Its Doors"
    assert "<1>Hong Kong, 3 March 2026</1> - The Harbour Lab opened today with 40 new start-ups." in texts
    assert "Mr. Lee, the Lab's director, met Dr. Wong at No. 5 Science Park Road." in texts
    assert "The fund raised HK$1.2 billion (approx. US$154 million) in Sep. 2025." in texts
    assert '"We are proud.' in texts and 'The lab is full," said Ms. Ho.' in texts
    assert "Visit <1>our site</1> or <2/> for <3>more</3> details." in texts
    assert "Press photos are on <1/>." in texts
    assert "Opening ceremony" in texts and "Hall A" in texts
    # contact details and separators are not units
    assert not any("2123" in t or "press@" in t or "###" in t for t in texts)


def test_markdown_repeated_unit_lines(data_dir: Path) -> None:
    units = units_of(data_dir / "foundation" / "release.md")
    lines = [line for t, line in units if t == "The Harbour Lab opened today with 40 new start-ups."]
    assert lines == [18]


def test_html_units(data_dir: Path) -> None:
    units = units_of(data_dir / "foundation" / "release.html")
    texts = [t for t, _ in units]
    assert texts[0] == "Harbour Lab Opens"
    assert "Harbour Lab <1>Opens</1>" in texts
    assert "It offers desks to founders from 12 economies." in texts
    assert "Visit <1>our site</1> for more." in texts
    assert "Call us." in texts and "We answer quickly." in texts
    joined = " ".join(texts)
    assert "Do not translate" not in joined and "color" not in joined
    assert "ACME" not in joined and "editorial" not in joined and "press@" not in joined


def test_html_lines(data_dir: Path) -> None:
    units = dict(units_of(data_dir / "foundation" / "release.html"))
    assert units["Harbour Lab <1>Opens</1>"] == 8


def test_text_units(data_dir: Path) -> None:
    units = units_of(data_dir / "foundation" / "release.txt")
    assert units == [
        ("Harbour Lab Opens", 1),
        ("The Harbour Lab opened today with 40 new start-ups.", 3),
        ("It offers desks to founders from 12 economies.", 4),
        ("Tel: <1/>", 6),  # a contact line: its label is rendered by rule, the number kept
    ]


def test_broken_html_names_file_and_line(data_dir: Path) -> None:
    with pytest.raises(InputError) as err:
        read_document(data_dir / "foundation" / "broken.html")
    assert str(err.value).startswith(f"{data_dir / 'foundation' / 'broken.html'}:1: broken HTML")


def test_unsupported_extension(tmp_path: Path) -> None:
    p = tmp_path / "a.docx"
    p.write_text("x")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(p)


def test_markdown_empty_markup_skipped() -> None:
    doc = MARKDOWN.parse("** **\n\n[](#)\n\nReal text.\n", path="x.md")
    assert [u.text for u in document_units(doc)] == ["Real text."]


def test_sentence_lines_follow_soft_breaks() -> None:
    doc = MARKDOWN.parse("**Press Release**  \n**For Immediate Release**\n\nOne sentence here. Another\none there.\n", path="x.md")
    assert [(u.text, u.refs[0].line) for u in document_units(doc)] == [
        ("Press Release", 1), ("For Immediate Release", 2), ("One sentence here.", 4), ("Another one there.", 4)]


@pytest.mark.parametrize("fmt", [MARKDOWN, TEXT, HTML])
def test_literal_tag_like_text_is_not_markup(fmt: TextFormat) -> None:
    text = "<p>Rated &lt;5&gt; stars. Next.</p>" if fmt is HTML else "Rated <5> stars. Next.\n"
    units = document_units(fmt.parse(text, path="x"))
    assert [u.text for u in units] == ["Rated <1/> stars.", "Next."]
    assert units[0].markup[0].note == "text <5>"


def test_plain_text_contact_and_list_lines_stay_lines() -> None:
    text = "Maggie Hui\nSenior Manager\nTel: 3166 3993\n\n- item one\n- item two\n\nThe fund grew. It is\nbig and strong.\n"
    units = [(u.text, u.refs[0].line) for u in document_units(TEXT.parse(text, path="x.txt"))]
    assert units == [("Maggie Hui", 1), ("Senior Manager", 2), ("Tel: <1/>", 3), ("item one", 5), ("item two", 6),
                     ("The fund grew.", 8), ("It is big and strong.", 8)]


def test_hard_break_inside_a_tag_pair_does_not_split_the_pair() -> None:
    doc = HTML.parse("<p><b>one<br>two</b> three.</p>", path="x.html")
    assert [u.text for u in document_units(doc)] == ["<1>one<2/>two</1> three."]
