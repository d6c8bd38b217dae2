"""Worked example: a new source format is one module plus a registry line.

The class below is all a ``.properties`` file (``key = value`` lines, ``#`` comments)
needs: a location type, a reader and a writer. Registered, it goes through the same
public extract -> update -> build functions as Markdown, HTML and text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n import formats
from l10n.build import build
from l10n.errors import InputError
from l10n.extract import extract, update
from l10n.formats.base import Lookup, TextFormat, fill_block, replace_lines
from l10n.inline import InlineBuilder
from l10n.locales import parse_locale
from l10n.model import Block, BlockKind, Document, Location
from l10n.segment import segment_block
from tests.conftest import translate_po

HK = parse_locale("zh-Hant-HK")
ENTRY = re.compile(r"^(?P<key>\s*[^#!\s][^=:]*?\s*[=:]\s*)(?P<value>\S.*)$")


@dataclass(frozen=True)
class KeyPrefix(Location):
    """A value's place: everything on its line before it (``title = ``)."""

    prefix: str


class PropertiesFormat(TextFormat):
    name = "properties"
    extensions = (".properties",)

    def blocks(self, text: str, path: str) -> list[Block]:
        found = []
        for number, line in enumerate(text.split("\n"), start=1):
            m = ENTRY.match(line)
            if m:
                b = InlineBuilder(literal=str)
                b.text(m.group("value"))
                value, markup = b.finish()
                found.append(Block(BlockKind.PARAGRAPH, value, tuple(markup.values()), number, number,
                                   location=KeyPrefix(m.group("key"))))
        return found

    def render(self, doc: Document, lookup: Lookup) -> str | None:
        new = {}
        for block in doc.blocks:
            pieces = fill_block(segment_block(block), lookup)
            if pieces is not None and isinstance(block.location, KeyPrefix):
                new[block.line - 1] = (block.line, block.location.prefix + " ".join(pieces))
        return replace_lines(doc.source.split("\n"), new) if new else None


PROPERTIES = PropertiesFormat()
SOURCE = "# labels\ntitle = Harbour Lab opens. It has 40 desks.\nbutton: Apply now\n\nurl = https://harbour.example\n"


@pytest.fixture
def properties() -> Iterator[formats.FormatHandler]:
    with formats.registered(PROPERTIES) as handler:  # the registry line; BUILT_IN for a built-in format
        yield handler


@pytest.mark.usefixtures("properties")
def test_a_registered_format_goes_through_extract_update_build(project: Path) -> None:
    Path("labels.properties").write_text(SOURCE, encoding="utf-8")
    [extracted] = extract(["labels.properties"], project / "locales")
    update(project / "locales", [HK])
    assert extracted.entries == 3  # the URL alone is not a unit
    po_file = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "labels.po"
    translate_po(po_file, {"Harbour Lab opens.": ("海港實驗室開幕。", False), "Apply now": ("立即申請", False)})
    res = build("labels.properties", HK, locales_dir=project / "locales", out_dir=project / "out")
    assert res.output.read_text(encoding="utf-8") == (
        "# labels\ntitle = 海港實驗室開幕。It has 40 desks.\nbutton: 立即申請\n\nurl = https://harbour.example\n")
    assert (res.sentences, res.translated) == (3, 2)


def test_an_unregistered_extension_is_refused_and_registration_is_undone(project: Path) -> None:
    with formats.registered(PROPERTIES):
        assert formats.handler_for("x.PROPERTIES") is PROPERTIES
    with pytest.raises(InputError, match="unsupported file type '.properties'"):
        formats.handler_for("x.properties")


def test_two_formats_cannot_claim_one_extension() -> None:
    class Impostor(PropertiesFormat):
        name = "impostor"
        extensions = (".md",)

    with pytest.raises(ValueError, match="already registered"):
        formats.register(Impostor())
    assert formats.handler_for("release.md") is formats.MARKDOWN
