"""End to end on the real engine: a small Argos package the suite builds and installs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mt_fixtures import session_package

from l10n import provenance
from l10n.pofile import read_po


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
              cli) -> Path:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.chdir(tmp_path)
    r = cli("models", "install", "--file", str(session_package(tmp_path_factory)))
    assert r.code == 0, r.err
    return tmp_path


def test_translate_with_real_engine(installed: Path, cli, data_dir: Path) -> None:
    shutil.copy(data_dir / "foundation" / "release.md", installed / "release.md")
    assert cli("extract", "release.md").code == 0
    assert cli("update").code == 0
    r = cli("translate")
    assert r.code == 0, r.err
    assert "no en→zh" not in r.out
    hk = read_po(installed / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po")
    cn = read_po(installed / "locales" / "zh_Hans_CN" / "LC_MESSAGES" / "release.po")
    for po, route in ((hk, "machine translation: argos en→zh 0.0.1 + OpenCC s2hk"),
                      (cn, "machine translation: argos en→zh 0.0.1")):
        # every entry but the contact labels (rendered by rule, approved) is a machine draft
        live = [e for e in po if not e.obsolete and e.msgid and not provenance.has(e.comment, provenance.Origin.RULE)]
        assert live and all(e.msgstr and e.fuzzy for e in live)
        assert all(route in e.comment.split("\n") for e in live)
    # a random-weight model mangles placeholders: the entry says so instead of being silently wrong
    amount = cn.find("The fund raised HK$1.2 billion (approx. US$154 million) in Sep. 2025.")
    assert amount is not None
    lines = amount.comment.split("\n")
    assert any(c.startswith("l10n-check:") for c in lines) or (
        "12亿港元" in amount.msgstr and "1.54亿美元" in amount.msgstr)
    # a second run translates nothing new
    r = cli("translate")
    assert "0 MT" in r.out and " MT," in r.out
    assert r.out.count("0 pending") == 2
