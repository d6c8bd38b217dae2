"""The review fixture project (tests/data/review/) built into a site, shared by the review
tests: a Markdown release whose catalog has a wrong magnitude (HK$44.3 billion written
44.3億港元), a Simplified character in Traditional text, a machine draft, a memory match
and an untranslated entry; and an HTML release whose page links a stylesheet on the web."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.cli import main

DATA = Path(__file__).parent / "data" / "review"
GLOSSARY = Path(__file__).parent.parent / "glossary" / "terms.tbx"
RELEASES = ("samples/budget-note.md", "samples/open-day.html")
BUDGET_PAGE = "budget-note.zh-Hant-HK.html"
OPEN_DAY_PAGE = "open-day.zh-Hant-HK.html"
#: The PO line of the entry with the wrong magnitude (its anchor on the page is e<line>).
WRONG_AMOUNT_LINE = 26


def copy_project(dest: Path) -> Path:
    """A copy of the fixture project with the project's term base, to run commands in."""
    shutil.copytree(DATA, dest)
    (dest / "glossary").mkdir()
    shutil.copy(GLOSSARY, dest / "glossary" / "terms.tbx")
    return dest


def build_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Build the releases, then write the review site with ``l10n review``; its folder."""
    monkeypatch.chdir(project)
    assert main(["build", *RELEASES, "--locale", "zh-Hant-HK"]) == 0
    assert main(["review"]) == 0
    return project / "out" / "review"
