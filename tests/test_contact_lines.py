"""Contact lines (issue 13, item 2): a contact label with its values is one unit whose
values are placeholders (``Tel: <1/>``); the label is localised by rule and the build
writes the original values back. Values alone are not units; a label with a name is an
ordinary unit for a translator, its phone number protected.

Each table below goes through ``l10n run --no-mt`` once (Markdown and HTML), so what is
checked is the built document, not only the renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from l10n import determined, provenance
from l10n.cli import main
from l10n.lang import zh
from l10n.locales import parse_locale
from l10n.segment import CONTACT_LABEL_WORDS, is_translatable

HANT, HANS = "zh_Hant_HK", "zh_Hans_CN"

#: (English line in Markdown, its msgid, zh-Hant-HK built line, zh-Hans-CN built line)
MARKDOWN_LINES = [
    ("Tel: 2810 2345", "Tel: <1/>", "電話：2810 2345", "电话：2810 2345"),
    ("Telephone: +852 2810 2346", "Telephone: <1/>", "電話：+852 2810 2346", "电话：+852 2810 2346"),
    ("Tel.: (852) 2123 4567", "Tel.: <1/>", "電話：(852) 2123 4567", "电话：(852) 2123 4567"),
    ("TEL: 2810 2347", "TEL: <1/>", "電話：2810 2347", "电话：2810 2347"),
    ("Fax: 2123 4568 / 2123 4569", "Fax: <1/> / <2/>", "傳真：2123 4568 / 2123 4569",
     "传真：2123 4568 / 2123 4569"),
    ("Email: press@harbour.example", "Email: <1/>", "電郵：press@harbour.example",
     "电邮：press@harbour.example"),
    ("E-mail: [media@harbour.example](mailto:media@harbour.example)", "E-mail: <1><2/></1>",
     "電郵：[media@harbour.example](mailto:media@harbour.example)",
     "电邮：[media@harbour.example](mailto:media@harbour.example)"),
    ("Website: https://www.harbour.example/press", "Website: <1/>",
     "網站：https://www.harbour.example/press", "网站：https://www.harbour.example/press"),
    ("Mobile: 9123 4567", "Mobile: <1/>", "手提電話：9123 4567", "手机：9123 4567"),
    ("Tel: 2810 2348 or 2810 2349", "Tel: <1/> or <2/>", "電話：2810 2348或2810 2349",
     "电话：2810 2348或2810 2349"),
    ("Tel: 2810 2350 Fax: 2810 2351", "Tel: <1/> Fax: <2/>", "電話：2810 2350 傳真：2810 2351",
     "电话：2810 2350 传真：2810 2351"),
    ("Enquiries: 2345 6789", "Enquiries: <1/>", "查詢：2345 6789", "查询：2345 6789"),
    ("Media enquiries: media@harbour.example", "Media enquiries: <1/>",
     "傳媒查詢：media@harbour.example", "媒体查询：media@harbour.example"),
    ("WhatsApp: +852 9123 4568", "WhatsApp: <1/>", "WhatsApp：+852 9123 4568", "WhatsApp：+852 9123 4568"),
]

#: Lines of values alone: no unit, copied to the built document as they are.
VALUE_LINES = ["+852 2810 2352", "press-office@harbour.example", "https://www.harbour.example/photos",
               "(852) 2810 2353 / 2810 2354"]

#: A label before a name: a unit for a translator (no rule), the phone still a placeholder.
NAMED = "Enquiries: Ms Chan, 2345 6790"
NAMED_MSGID = "Enquiries: Ms Chan, <1/>"
NAMED_TARGETS = {HANT: "查詢：陳女士，<1/>", HANS: "查询：陈女士，<1/>"}
NAMED_BUILT = {HANT: "查詢：陳女士，2345 6790", HANS: "查询：陈女士，2345 6790"}

#: (English HTML paragraph content, msgid, zh-Hant-HK content, zh-Hans-CN content)
HTML_LINES = [
    ('Tel: <a href="tel:+85228102345">2810 2345</a>', "Tel: <1><2/></1>",
     '電話：<a href="tel:+85228102345">2810 2345</a>', '电话：<a href="tel:+85228102345">2810 2345</a>'),
    ('Email: <a href="mailto:press@harbour.example">press@harbour.example</a>', "Email: <1><2/></1>",
     '電郵：<a href="mailto:press@harbour.example">press@harbour.example</a>',
     '电邮：<a href="mailto:press@harbour.example">press@harbour.example</a>'),
    ("Fax: 2123 4568 / 2123 4569", "Fax: <1/> / <2/>", "傳真：2123 4568 / 2123 4569",
     "传真：2123 4568 / 2123 4569"),
    ("Tel: 2810 2350<br>Fax: 2810 2351", "Fax: <1/>", "電話：2810 2350<br>傳真：2810 2351",
     "电话：2810 2350<br>传真：2810 2351"),
]

CONFIG = '[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[tm]\npath = ".l10n/tm.sqlite"\n'


@dataclass(frozen=True)
class Built:
    """One project after ``l10n run --no-mt``: its folder and the built documents."""

    root: Path
    docs: dict[str, str]  # locale -> built document text

    def po(self, posix: str) -> polib.POFile:
        stem = next((self.root / "releases").iterdir()).name.split(".")[0]
        return polib.pofile(str(self.root / "locales" / posix / "LC_MESSAGES" / f"{stem}.po"))


def _run(root: Path, name: str, text: str) -> Built:
    (root / "releases").mkdir()
    (root / "releases" / name).write_text(text, encoding="utf-8")
    (root / "pipeline").mkdir()
    (root / "pipeline" / "nightly.toml").write_text(CONFIG, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["run", "--no-mt"]) == 0
    return Built(root, {p: (root / "out" / p / name).read_text(encoding="utf-8") for p in (HANT, HANS)})


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    lines = [line for line, *_ in MARKDOWN_LINES] + VALUE_LINES + [NAMED]
    yield _run(tmp_path_factory.mktemp("md"), "contacts.md",
               "# Harbour festival\n\nThe festival opens today.\n\n" + "\n\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    paragraphs = "".join(f"<p>{body}</p>\n" for body, *_ in HTML_LINES)
    yield _run(tmp_path_factory.mktemp("html"), "contacts.html",
               '<!DOCTYPE html>\n<html lang="en"><head><title>Harbour festival</title></head>\n'
               f"<body><main>\n<p>The festival opens today.</p>\n{paragraphs}</main></body></html>\n")


@pytest.mark.parametrize("word", CONTACT_LABEL_WORDS)
def test_every_label_that_segment_knows_has_a_chinese_form(word: str) -> None:
    """segment's labels and zh's table are one list: a unit ``Label: <1/>`` never reaches MT."""
    assert word in zh.CONTACT_LABELS
    for tag in ("zh-Hant-HK", "zh-Hans-CN"):
        rendered = determined.render(f"{word.capitalize()}: <1/>", parse_locale(tag))
        assert rendered is not None and rendered.endswith("<1/>")


@pytest.mark.parametrize(("line", "msgid", "hant", "hans"), MARKDOWN_LINES)
def test_markdown_contact_line_is_a_rule_entry_and_built_with_its_values(
        markdown: Built, line: str, msgid: str, hant: str, hans: str) -> None:
    for posix, expected in ((HANT, hant), (HANS, hans)):
        entry = markdown.po(posix).find(msgid)
        assert entry is not None and entry.msgstr and not entry.fuzzy
        assert provenance.has(entry.comment, provenance.Origin.RULE)
        assert f"\n{expected}\n" in markdown.docs[posix]
        assert f"\n{line}\n" not in markdown.docs[posix]


@pytest.mark.parametrize("line", VALUE_LINES)
def test_values_alone_are_copied_and_not_units(markdown: Built, line: str) -> None:
    assert not is_translatable(line)
    msgids = [e.msgid for e in markdown.po(HANT)]
    assert not any(line in m for m in msgids)
    for posix in (HANT, HANS):
        assert f"\n{line}\n" in markdown.docs[posix]


def test_a_label_with_a_name_is_left_to_a_translator(markdown: Built) -> None:
    """No rule can write 陳女士 for "Ms Chan": the entry stays empty (English in the build)
    until a translator writes it; the phone is a placeholder, so their number is exact."""
    for posix in (HANT, HANS):
        entry = markdown.po(posix).find(NAMED_MSGID)
        assert entry is not None and entry.msgstr == ""
        assert any("phone 2345 6790" in c for c in entry.comment.splitlines())
        assert f"\n{NAMED}\n" in markdown.docs[posix]


@pytest.mark.parametrize(("body", "msgid", "hant", "hans"), HTML_LINES)
def test_html_contact_paragraph_round_trip(page: Built, body: str, msgid: str, hant: str, hans: str) -> None:
    for posix, expected in ((HANT, hant), (HANS, hans)):
        entry = page.po(posix).find(msgid)
        assert entry is not None and entry.msgstr and not entry.fuzzy
        assert f"<p>{expected}</p>" in page.docs[posix]


def test_check_passes_on_rule_entries_and_on_a_translated_name(tmp_path: Path) -> None:
    """``l10n check`` finds nothing in the rule entries (values are placeholders, so every
    number is kept), and a translator's rendering of the named line builds with the number."""
    lines = [line for line, *_ in MARKDOWN_LINES] + [NAMED]
    built = _run(tmp_path, "contacts.md", "# Harbour festival\n\n" + "\n\n".join(lines) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        for posix, target in NAMED_TARGETS.items():
            path = tmp_path / "locales" / posix / "LC_MESSAGES" / "contacts.po"
            po = polib.pofile(str(path), wrapwidth=79)
            po.find(NAMED_MSGID).msgstr = target
            po.save(str(path))
        assert main(["check", "locales"]) == 0
        assert main(["build", "releases/contacts.md", "--locales-dir", "locales", "--out", "out"]) == 0
    for posix, text in NAMED_BUILT.items():
        assert f"\n{text}\n" in (built.root / "out" / posix / "contacts.md").read_text(encoding="utf-8")
