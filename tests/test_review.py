"""The review site without a browser: what the pages say, that they are valid HTML, that
``l10n run`` writes them beside its report, and the pieces (marks, status, preview)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lhtml
from review_site import BUDGET_PAGE, OPEN_DAY_PAGE, WRONG_AMOUNT_LINE, build_site, copy_project

from l10n.cli import main
from l10n.locales import parse_locale
from l10n.review.marks import mark_entry, render
from l10n.review.preview import FRAME_POLICY, offline_html
from l10n.review.status import entry_status
from l10n.review.store import MANIFEST

HANT = parse_locale("zh-Hant-HK")
HANS = parse_locale("zh-Hans-CN")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return build_site(copy_project(tmp_path / "proj"), monkeypatch)


def _page(site: Path, name: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / name).read_bytes())


def test_site_files(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", BUDGET_PAGE, OPEN_DAY_PAGE, MANIFEST])


def test_pages_are_valid_html5(site: Path) -> None:
    """html5lib in strict mode raises on the first parse error of the HTML5 algorithm."""
    for page in site.glob("*.html"):
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.read_bytes())


def test_overview_rows(site: Path) -> None:
    doc = _page(site, "index.html")
    rows = doc.xpath("//table[@id='overview']/tbody/tr")
    assert [r.xpath("string(td[1]/a)") for r in rows] == ["samples/budget-note.md", "samples/open-day.html"]
    budget, open_day = rows
    assert "has-errors" in budget.get("class") and "errors" in budget.xpath("string(td[1])")
    assert [budget.xpath(f"string(td[{i}])").strip() for i in (3, 5, 6)] == ["6", "1", "1"]
    assert budget.xpath("string(td[4]//p)").split(" · ") == [
        "3 approved", "1 TM match", "1 machine draft", "1 untranslated"]
    assert "has-errors" not in (open_day.get("class") or "")
    assert budget.xpath("td[1]/a/@href") == [BUDGET_PAGE]


def test_wrong_amount_marked_in_both_texts(site: Path) -> None:
    row = _page(site, BUDGET_PAGE).get_element_by_id(f"e{WRONG_AMOUNT_LINE}")
    src_bad = row.xpath(".//div[contains(@class,'src')]//mark[contains(@class,'bad')]")
    tgt_bad = row.xpath(".//div[contains(@class,'tgt')]//mark[contains(@class,'bad')]")
    assert [m.text for m in src_bad] == ["HK$44.3 billion"]
    assert [m.text for m in tgt_bad] == ["44.3億港元"]
    assert src_bad[0].get("data-pair") == tgt_bad[0].get("data-pair")
    assert row.xpath("string(.//ins[@class='expected'])") == "expected 443億港元"
    # the quantity that survived is one pair, one colour, in both texts
    src_ok = row.xpath(".//div[contains(@class,'src')]//mark[contains(@class,'ok')]")
    tgt_ok = row.xpath(".//div[contains(@class,'tgt')]//mark[contains(@class,'ok')]")
    assert [(m.text, m.get("class")) for m in src_ok] == [(m.text, m.get("class")) for m in tgt_ok] == [
        ("28", src_ok[0].get("class"))]
    assert row.xpath("string(.//li[contains(@class,'sev-error')]/span[@class='check'])") == "numbers"
    assert f"locales/zh_Hant_HK/LC_MESSAGES/budget-note.po:{WRONG_AMOUNT_LINE}" in row.text_content()
    assert "samples/budget-note.md:3" in row.text_content()


def test_statuses_terms_tags_and_script(site: Path) -> None:
    doc = _page(site, BUDGET_PAGE)
    statuses = [s.text for s in doc.xpath("//li[contains(@class,'entry')]//span[contains(@class,'status')]")]
    assert statuses == ["TM match 100% (funding.po)", "approved", "approved",
                        "machine draft: argos en→zh 1.9 + OpenCC s2hk", "approved", "untranslated"]
    assert doc.xpath("//div[contains(@class,'tgt')]//mark[@class='wrong-script']/text()") == ["欢"]
    assert doc.xpath("//div[contains(@class,'src')]//code[@class='chip']/text()") == ["<1>", "</1>"]
    terms = doc.xpath("//div[contains(@class,'src')]//span[@class='term']")
    assert ("start-ups", "term base: start-ups = 初創企業") in [(t.text, t.get("title")) for t in terms]


def test_accessibility_structure(site: Path) -> None:
    """Landmarks, one h1, every form control labelled, the language of each text given."""
    for name in ("index.html", BUDGET_PAGE):
        doc = _page(site, name)
        assert doc.get("lang") == "en"
        for landmark in ("header", "nav", "main", "footer"):
            assert len(doc.xpath(f"//{landmark}")) == 1, (name, landmark)
        assert len(doc.xpath("//h1")) == 1
        for control in doc.xpath("//input|//select"):
            assert doc.xpath(f"//label[@for='{control.get('id')}']"), control.get("id")
    doc = _page(site, BUDGET_PAGE)
    assert {d.get("lang") for d in doc.xpath("//div[contains(@class,'text')]")} == {"en", "zh-Hant-HK"}
    assert all(f.get("title") for f in doc.xpath("//iframe"))


def test_no_network_and_script_allowed_by_hash(site: Path) -> None:
    """Every page forbids fetches; its one inline script is allowed by its hash."""
    import base64
    import hashlib

    for page in site.glob("*.html"):
        doc = _page(site, page.name)
        policy = doc.xpath("string(//meta[@http-equiv='Content-Security-Policy']/@content)")
        assert policy.startswith("default-src 'none'")
        script = doc.xpath("//script")[0].text
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
        assert not doc.xpath("//*[@src]|//link")  # nothing loaded from anywhere


def test_built_preview(site: Path) -> None:
    doc = _page(site, OPEN_DAY_PAGE)
    frames = doc.xpath("//section[contains(@class,'preview')]//iframe")
    assert [f.get("sandbox") for f in frames] == ["", ""]
    english, chinese = (f.get("srcdoc") for f in frames)
    assert "The lab welcomes 300 visitors" in english and "實驗室於星期六歡迎300名訪客" in chinese
    assert FRAME_POLICY in chinese and chinese.index(FRAME_POLICY) < chinese.index("example.org/site.css")
    doc = _page(site, BUDGET_PAGE)  # Markdown: rendered, not shown as source
    assert doc.xpath("string(//section[contains(@class,'preview')]//div[@lang='zh-Hant-HK']/h3)") == "初創企業資助"


def test_review_is_idempotent_and_bad_catalog_is_one_line(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in site.iterdir()}
    assert main(["review"]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in site.iterdir()} == before
    broken = Path("locales/zh_Hant_HK/LC_MESSAGES/open-day.po")
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgid "x"\nmsgstr "y\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["review", "-o", "elsewhere"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "open-day.po:" in err
    assert not Path("elsewhere").exists()


def test_run_writes_the_site_beside_its_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "proj")
    monkeypatch.chdir(project)
    Path("pipeline").mkdir()
    Path("pipeline/nightly.toml").write_text('[locales]\ntargets = ["zh-Hant-HK"]\n', encoding="utf-8")
    assert main(["run", "--no-mt", "--report", "out/report.json"]) == 1  # the wrong amount is an error
    site = project / "out" / "review"
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", BUDGET_PAGE, OPEN_DAY_PAGE, MANIFEST])
    [row] = _page(site, BUDGET_PAGE).xpath("//li[contains(@class,'entry') and contains(@class,'sev-error')]")  # the run added hints: new lines
    assert row.xpath(".//mark[contains(@class,'bad')]/text()") == ["HK$44.3 billion", "44.3億港元"]
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.iterdir()}
    assert main(["run", "--no-mt", "--report", "out/report.json"]) == 1  # nothing changed: same pages
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.iterdir()} == before


def _marks(html: str) -> list[tuple[str, str]]:
    doc = lhtml.fragment_fromstring(f"<p>{html}</p>")
    return [(m.text or "", m.get("class") or "") for m in doc.iter("mark", "code", "span")]


@pytest.mark.parametrize(("source", "target", "locale", "src_marks", "tgt_marks"), [
    # a magnitude slip: the error pair, both sides
    ("HK$44.3 billion", "44.3億港元", HANT, [("HK$44.3 billion", "qty bad")], [("44.3億港元", "qty bad")]),
    # a correct conversion: one colour in both texts
    ("US$248 million", "2.48億美元", HANT, [("US$248 million", "qty ok q1")], [("2.48億美元", "qty ok q1")]),
    ("HK$2.597 billion", "25.97亿港元", HANS, [("HK$2.597 billion", "qty ok q1")], [("25.97亿港元", "qty ok q1")]),
    # two pairs get two colours, in the source's order
    ("2,292 patents and 33 per cent", "2 292項專利及百分之三十三", HANT,
     [("2,292", "qty ok q1"), ("33 per cent", "qty ok q2")], [("2 292", "qty ok q1"), ("百分之三十三", "qty ok q2")]),
    # the currency changed, the value kept: one error pair
    ("HK$5 million", "500萬美元", HANT, [("HK$5 million", "qty bad")], [("500萬美元", "qty bad")]),
    # a figure the source does not have: a warning in the target only
    ("The plan works.", "計劃有3個好處。", HANT, [], [("3", "qty warn")]),
    # tags are chips in both texts; a Simplified character in Traditional text is marked
    ("Visit <1>our site</1>.", "請瀏覽<1>我们的網站</1>。", HANT,
     [("<1>", "chip"), ("</1>", "chip")], [("<1>", "chip"), ("们", "wrong-script"), ("</1>", "chip")]),
    # a Traditional character in Simplified text
    ("Our site.", "我們的网站。", HANS, [], [("們", "wrong-script")]),
])
def test_marks(source: str, target: str, locale: object, src_marks: list[tuple[str, str]],
               tgt_marks: list[tuple[str, str]]) -> None:
    marked = mark_entry(source, target, locale, None)  # type: ignore[arg-type]
    assert _marks(render(source, marked.source)) == src_marks
    assert _marks(render(target, marked.target)) == tgt_marks


def test_dropped_amount_is_listed_with_its_expected_rendering() -> None:
    marked = mark_entry("It raised HK$2.597 billion.", "籌得資金。", HANT, None)
    assert marked.missing == ["HK$2.597 billion: expected 25.97億港元"]
    assert _marks(render("It raised HK$2.597 billion.", marked.source)) == [("HK$2.597 billion", "qty bad")]


def test_render_escapes_text() -> None:
    assert str(render("<b>&</b>", [])) == "&lt;b&gt;&amp;&lt;/b&gt;"


@pytest.mark.parametrize(("msgstr", "fuzzy", "comments", "key", "label"), [
    ("", False, (), "untranslated", "untranslated"),
    ("譯文", False, (), "approved", "approved"),
    ("譯文", True, ("machine translation: argos en→zh 1.9",), "mt", "machine draft: argos en→zh 1.9"),
    ("譯文", True, ("translation memory: 87% (old.po)",), "tm", "TM match 87% (old.po)"),
    ("譯文", False, ("translation memory: 100%",), "tm", "TM match 100%"),
    ("譯文", False, ("rendered by rule: dateline (zh-Hant-HK release style)",), "rule",
     "by rule: dateline (zh-Hant-HK release style)"),
    ("譯文", False, ("machine translation: argos en→zh 1.9",), "approved",
     "approved (from machine draft: argos en→zh 1.9)"),
    ("譯文", True, ("paragraph",), "fuzzy", "fuzzy draft"),
])
def test_status(msgstr: str, fuzzy: bool, comments: tuple[str, ...], key: str, label: str) -> None:
    status = entry_status(msgstr, fuzzy, comments)
    assert (status.key, status.label) == (key, label)


@pytest.mark.parametrize(("document", "before"), [
    ("<!DOCTYPE html><html><head><title>x</title></head><body>y</body></html>", "<title>"),
    ("<!DOCTYPE html><html lang='en'><body>y</body></html>", "<body>"),
    ("<p>a fragment</p>", "<p>"),
])
def test_offline_html_policy_comes_first(document: str, before: str) -> None:
    out = offline_html(document)
    assert out.index(FRAME_POLICY) < out.index(before)
    assert out.replace(re.search(r"<meta http-equiv[^>]*>", out).group(), "") == document  # type: ignore[union-attr]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


#: (text, background) pairs of review.css: body text, muted text, links, findings, the
#: expected rendering, status badges (white on the status colour), the marks.
TEXT_PAIRS = [("#1a1a1a", "#ffffff"), ("#4a4a4a", "#ffffff"), ("#4a4a4a", "#f3f4f6"), ("#0b4fb3", "#ffffff"),
              ("#a4001d", "#ffffff"), ("#5c0010", "#fde4e6"), ("#4a2f00", "#fff1cc"), ("#ffffff", "#a4001d"),
              ("#ffffff", "#1e7b34"), ("#ffffff", "#2f6fb0"), ("#ffffff", "#7048a8"), ("#ffffff", "#b35300"),
              ("#ffffff", "#8a6d00"), ("#ffffff", "#6b6b6b"), ("#1a1a1a", "#cfe3ff"), ("#1a1a1a", "#d3f5dc"),
              ("#1a1a1a", "#f3dcff"), ("#1a1a1a", "#ffe2c7"), ("#1a1a1a", "#d4f1f7"), ("#1a1a1a", "#f5f0b8"),
              ("#1a1a1a", "#fde4e6"), ("#1a1a1a", "#fff1cc"), ("#4a4a4a", "#fff8f8")]


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_contrast_meets_wcag_aa(text: str, background: str) -> None:
    css = (Path(__file__).parent.parent / "l10n" / "review" / "static" / "review.css").read_text(encoding="utf-8")
    assert text in css and background in css
    assert _contrast(text, background) >= 4.5


def test_forked_workers_write_the_same_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big site is written by forked workers, one release each: the same bytes."""
    from l10n.review import site as site_module

    monkeypatch.setattr(site_module, "PARALLEL_MIN_RELEASES", 1)
    monkeypatch.setattr(site_module.os, "cpu_count", lambda: site_module.PARALLEL_MIN_CORES)
    assert main(["review", "-o", str(tmp_path / "forked")]) == 0
    assert sorted(p.name for p in (tmp_path / "forked").iterdir()) == sorted(p.name for p in site.iterdir())
    for page in site.iterdir():
        assert (tmp_path / "forked" / page.name).read_bytes() == page.read_bytes(), page.name


def test_forked_worker_error_is_raised_with_its_place(site: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.errors import L10nError
    from l10n.review import CatalogInput, build_site
    from l10n.review import site as site_module

    monkeypatch.setattr(site_module, "PARALLEL_MIN_RELEASES", 1)
    broken = Path("locales/zh_Hant_HK/LC_MESSAGES/open-day.po")
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgid "x"\n', encoding="utf-8")
    items = [CatalogInput(Path("locales/zh_Hant_HK/LC_MESSAGES/budget-note.po")), CatalogInput(broken)]
    with pytest.raises(L10nError) as raised:
        build_site(items, tmp_path / "out", workers=2)
    assert raised.value.path == str(broken) and raised.value.line


def test_pages_are_written_whole_and_readable_by_all(tmp_path: Path) -> None:
    from l10n.review.store import Staged

    def write_page(path: Path, text: str) -> bool:
        staged = Staged()
        try:
            staged.stage(path, text)
            return staged.commit() > 0
        finally:
            staged.discard()

    page = tmp_path / "p.html"
    assert write_page(page, "<p>一</p>") is True
    assert write_page(page, "<p>一</p>") is False
    assert write_page(page, "<p>二</p>") is True
    assert page.read_text(encoding="utf-8") == "<p>二</p>"
    assert page.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["p.html"]  # no temporary file left


def test_unchanged_pages_are_not_rendered_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose inputs are those of the last build is taken from the manifest; a
    catalog that changed renders its own page only."""
    from l10n.review import site as site_module

    rendered: list[str] = []
    real = site_module._render

    def counting(item: Any, *args: Any) -> Any:
        rendered.append(str(item.po))
        return real(item, *args)

    monkeypatch.setattr(site_module, "_render", counting)
    index = (site / "index.html").read_bytes()
    assert main(["review"]) == 0
    assert rendered == [] and (site / "index.html").read_bytes() == index
    po = Path("locales/zh_Hant_HK/LC_MESSAGES/open-day.po")
    po.write_text(po.read_text(encoding="utf-8").replace("於星期六歡迎", "於星期六熱烈歡迎"), encoding="utf-8")
    assert main(["review"]) == 0
    assert rendered == [str(po)]
    assert "熱烈歡迎" in (site / OPEN_DAY_PAGE).read_text(encoding="utf-8")


def test_a_changed_glossary_renders_every_page_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10n.review import site as site_module

    rendered: list[str] = []
    real = site_module._render
    monkeypatch.setattr(site_module, "_render", lambda item, *args: rendered.append(item.po.name) or real(item, *args))
    glossary = Path("glossary/terms.tbx")
    glossary.write_bytes(glossary.read_bytes() + b"\n")  # other bytes, the same terms
    assert main(["review"]) == 0
    assert sorted(rendered) == ["budget-note.po", "open-day.po"]


def test_pages_of_releases_gone_are_removed_and_nothing_else(site: Path) -> None:
    (site / "notes.html").write_text("a reviewer's own file", encoding="utf-8")
    Path("locales/zh_Hant_HK/LC_MESSAGES/open-day.po").unlink()
    assert main(["review"]) == 0
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", BUDGET_PAGE, MANIFEST, "notes.html"])
    assert OPEN_DAY_PAGE not in (site / "index.html").read_text(encoding="utf-8")


def test_stale_removal_touches_only_plain_pages_it_listed(tmp_path: Path) -> None:
    from l10n.review.store import remove_stale

    for name in ("gone.html", "kept.html", "other.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.html").write_text("x", encoding="utf-8")
    listed = ["gone.html", "kept.html", "other.txt", "sub/x.html", "../x.html", ".hidden.html", "absent.html"]
    assert remove_stale(tmp_path, listed, ["kept.html"]) == ["gone.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.html", "other.txt", "sub"]


def test_pages_are_synced_before_they_replace_the_old_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page goes temp file, fsync, rename: each rename finds its file synced, and the
    page never shows a partial state (the old bytes until the rename)."""
    import os

    from l10n.review import store

    synced: set[str] = set()
    replaced: list[str] = []
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace
    names: dict[int, str] = {}

    def opening(path: str, flags: int, *args: int) -> int:
        fd = real_open(path, flags, *args)
        names[fd] = str(path)
        return fd

    def syncing(fd: int) -> None:
        synced.add(names.get(fd, ""))
        real_fsync(fd)

    def replacing(src: str, dst: str) -> None:
        assert src in synced, "renamed before it was synced"
        assert Path(dst).read_text(encoding="utf-8") == "old"  # the old page until the rename
        replaced.append(Path(dst).name)
        real_replace(src, dst)

    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    monkeypatch.setattr(store.os, "open", opening)
    monkeypatch.setattr(store.os, "fsync", syncing)
    monkeypatch.setattr(store.os, "replace", replacing)
    staged = store.Staged()
    assert staged.stage(tmp_path / "a.html", "new a") and staged.stage(tmp_path / "b.html", "new b")
    assert not staged.stage(tmp_path / "a.html", "old")  # same bytes: nothing staged
    assert staged.commit() == 2 and sorted(replaced) == ["a.html", "b.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]  # no temporary file left
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == "new b"


def test_a_failed_rename_leaves_old_pages_and_no_temporary_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from l10n.errors import L10nError
    from l10n.review import store

    (tmp_path / "a.html").write_text("old", encoding="utf-8")

    def failing(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(store.os, "replace", failing)
    staged = store.Staged()
    staged.stage(tmp_path / "a.html", "new")
    staged.stage(tmp_path / "b.html", "new")
    with pytest.raises(L10nError):
        staged.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "old"
    assert os.replace is failing


@given(st.text())
def test_marks_escape_as_markupsafe_does(text: str) -> None:
    from markupsafe import escape

    from l10n.review.marks import escape_text

    assert escape_text(text) == str(escape(text))


def test_page_key_covers_every_field_of_a_finding() -> None:
    """A finding that changes in any field renders its page again."""
    import dataclasses

    from l10n.model import Finding, Severity
    from l10n.review.site import _findings_text

    base = Finding("a.po", 3, None, "HK$1", "numbers", Severity.ERROR, "m")
    changed = {"path": "b.po", "line": 4, "msgctxt": "c", "msgid": "HK$2", "check": "script",
               "severity": Severity.WARNING, "message": "n", "msgstr": "x", "fuzzy": True, "msgstr_line": 9}
    assert sorted(changed) == sorted(f.name for f in dataclasses.fields(Finding))
    for name, value in changed.items():
        assert _findings_text([dataclasses.replace(base, **{name: value})]) != _findings_text([base]), name
