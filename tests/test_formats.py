"""The format seam: a block's location is a typed value, formats are found through the
registry only, and the package's imports form no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import polib
import pytest

from l10n import formats
from l10n.build import CatalogLookup, build_document
from l10n.errors import InputError
from l10n.formats.base import NO_TRANSLATION
from l10n.formats.html import ElementPath, rebuild
from l10n.formats.markdown import HtmlBlockSpan, LinePrefix, TableCell
from l10n.formats.text import Indent
from l10n.locales import parse_locale
from l10n.model import Location

PACKAGE = Path(formats.__file__).parents[1]
FORMAT_MODULES = {"l10n.formats.markdown", "l10n.formats.html", "l10n.formats.text", "l10n.formats.base"}
MARKDOWN_SOURCE = """# Title here

> - Quoted item.

| Head | Other |
|------|-------|
| Cell | More |

<div>
<p>Raw paragraph.</p>
</div>
"""


def test_markdown_locations_say_where_each_block_goes() -> None:
    doc = formats.MARKDOWN.parse(MARKDOWN_SOURCE, path="x.md")
    places = {b.text: b.location for b in doc.blocks}
    assert places["Title here"] == LinePrefix(prefix="# ")
    assert places["Quoted item."] == LinePrefix(prefix="> - ")
    assert places["Quoted item."].continuation == "> - "
    assert places["More"] == TableCell(index=1)
    assert places["Raw paragraph."] == HtmlBlockSpan(8, 11, ElementPath("/html/body/div/p"))


def test_html_and_text_locations() -> None:
    html = formats.HTML.parse("<div>Lead text.<p>Inner.</p></div>", path="x.html")
    assert [b.location for b in html.blocks] == [ElementPath("/html/body/div", 0), ElementPath("/html/body/div/p")]
    assert str(html.blocks[0].location) == "/html/body/div#run0"
    text = formats.TEXT.parse("  Indented line.\n", path="x.txt")
    assert text.blocks[0].location == Indent("  ")


@pytest.mark.parametrize(("location", "written"), [
    (LinePrefix(prefix="- "), r"a \* b # \&amp; c"),
    (LinePrefix(escapes="#", prefix="- "), r"a \* b \# \&amp; c"),  # the source escaped its '#'
    (TableCell(index=0), r"a \* b # \&amp; c"),
    (ElementPath("/p"), "a * b # &amp;amp; c"),
    (HtmlBlockSpan(0, 1, ElementPath("/p")), "a * b # &amp;amp; c"),  # raw HTML in Markdown: HTML
    (Indent(""), "a * b # &amp; c"),
])
def test_a_location_escapes_text_as_its_format_reads_it(location: Location, written: str) -> None:
    assert location.escape("a * b # &amp; c") == written


def test_a_raw_html_block_is_written_for_the_target_language_given() -> None:
    """The HTML format marks a whole page with the lookup's language; Markdown's raw HTML
    blocks go through the same public function, with no locale of its own."""
    page = "<html><body><p>Hi.</p></body></html>"
    cn = CatalogLookup({"Hi.": "你好。"}, parse_locale("zh-Hans-CN"), "x.html")
    text, changed = rebuild(page, path="x.html", lookup=cn)
    assert changed and text == '<html lang="zh-Hans-CN"><body><p>你好。</p></body></html>'
    assert rebuild(page, path="x.html", lookup=NO_TRANSLATION) == (page, False)


def test_each_extension_names_one_format() -> None:
    assert {ext: formats.handler_for(f"a{ext}").name for h in formats.BUILT_IN for ext in h.extensions} == {
        ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
        ".txt": "text", ".text": "text"}


def _imports() -> dict[str, set[str]]:
    """Module -> the l10n modules it imports (at the top or inside a function)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                for alias in node.names:
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    if target in modules:
                        graph[name].add(target)
    return graph


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph[node])
    return seen


def test_the_package_has_no_import_cycle() -> None:
    """read/markdown imported the HTML builder, which imported read/: a cycle, now gone."""
    graph = _imports()
    assert [name for name in graph if name in _reaches(graph, name)] == []


def test_only_the_formats_package_imports_a_format_module() -> None:
    graph = _imports()
    outside = {name: sorted(deps & FORMAT_MODULES) for name, deps in graph.items()
               if not name.startswith("l10n.formats") and deps & FORMAT_MODULES}
    assert outside == {}


def test_a_raw_html_block_reports_the_markdown_file_and_its_line() -> None:
    """Was ``r.md:3.html:2``: the fragment's own name and line."""
    doc = formats.MARKDOWN.parse("# Title\n\n<div>\n<p>Hello world.</p>\n</div>\n", path="r.md")
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello world.", msgstr="你好\x07。"))
    with pytest.raises(InputError, match="control character") as caught:
        build_document(doc, po, parse_locale("zh-Hant-HK"))
    assert (caught.value.path, caught.value.line) == ("r.md", 4)
