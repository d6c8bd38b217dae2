"""A translation HTML cannot hold is one line and exit 2, with nothing written."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.conftest import snapshot


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x0b"])
def test_control_character_in_an_html_translation_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             cli, char: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.html").write_text("<html><body><p>Hello world.</p></body></html>\n", encoding="utf-8")
    assert cli("-q", "extract", "r.html").code == 0
    assert cli("-q", "update", "--locale", "zh-HK").code == 0
    po_file = Path("locales/zh_Hant_HK/LC_MESSAGES/r.po")
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = f"你好{char}世界。"
    po.save(str(po_file))
    before = snapshot(tmp_path)
    r = cli("build", "r.html", "--locale", "zh-HK")
    assert r.code == 2
    assert r.err.startswith("l10n: error: r.html:1: a translation of this block holds a control character")
    assert len(r.err.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before
