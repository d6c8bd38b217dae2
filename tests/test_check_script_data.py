"""The ``script`` check's shortcut around OpenCC's full ``s2hkp``: the generated prefilter and
cut-down dictionaries (``l10n/data/opencc_hk/``) give the very conversion ``s2hkp`` gives,
and they are what ``scripts/gen_opencc_hk.py`` writes from the installed OpenCC."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks import script
from l10n.checks.script import HK_CONFIG, HK_DATA, _converter, _hk_convert, _hk_prefilter

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_opencc_hk.py"

#: Our own Hong Kong sentences: plain Traditional text (no OpenCC call), text with a
#: phrase s2hkp rewrites (公布 → 公佈, 隱私權 → 私隱權, 寬帶 → 寬頻: the cut-down
#: converter), and text with a Simplified or variant character (the full converter).
SENTENCES = [
    "數碼港將繼續培育人才。",
    "政府今日公布新一輪資助計劃。",
    "當局會加強保障個人隱私權。",
    "推出更快的寬帶服務，系統的服務器已更新。",
    "平台於明年推出，若干措施已落實。",
    "演講廳裏有三百個座位，立法會裡的議員。",
    "數碼港社群不斷擴大。",
    "政府推出新的软件平台。",
    "他會到訪中山大學粤港澳研究院。",
    "皇后大道中的行人路線會改善，鄉郊地區的綫路。",
    "InnoHK 研發平台 <1>今日</1> 開幕。",
    "初創企業合共籌得934.5億港元。",
    "",
]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("gen_opencc_hk", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_opencc_hk"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scans", [0, 1])
@pytest.mark.parametrize("text", SENTENCES)
def test_shortcut_converts_as_s2hkp(monkeypatch: pytest.MonkeyPatch, text: str, scans: int) -> None:
    """With the phrase scan (a small catalog) and without it (the cut-down converter)."""
    monkeypatch.setattr(script, "_scans_left", [scans])
    assert _hk_convert(text) == _converter(HK_CONFIG).convert(text)


@pytest.mark.parametrize(("text", "converter"), [
    ("數碼港將繼續培育人才。", None),  # nothing to change: no OpenCC call while scans are left
    ("政府今日公布新一輪資助計劃。", "cut"),  # a phrase, no changing character
    ("政府推出新的软件平台。", "full"),  # 软 is a character s2hkp changes
])
def test_each_path_is_taken(monkeypatch: pytest.MonkeyPatch, text: str, converter: str | None) -> None:
    """The three paths are real: the test above would pass if every text went to s2hkp."""
    used: list[str] = []
    real = script._converter

    def spy(config: str) -> object:
        used.append("full" if config == HK_CONFIG else "cut")
        return real(config)

    monkeypatch.setattr(script, "_converter", spy)
    monkeypatch.setattr(script, "_scans_left", [1])
    script._hk_convert(text)
    assert used == ([converter] if converter else [])


def _both_paths(text: str) -> tuple[str, str]:
    """``_hk_convert(text)`` with the phrase scan and with the cut-down converter."""
    saved = script._scans_left
    try:
        script._scans_left = [1]
        scanned = _hk_convert(text)
        script._scans_left = [0]
        return scanned, _hk_convert(text)
    finally:
        script._scans_left = saved


def _alphabet() -> list[str]:
    """Characters of the changing keys free of changing characters, a few changing
    characters and common ones: random texts then hit every path of the shortcut."""
    changing, keys = _hk_prefilter()
    chars = {c for found in keys.values() for key in found[:3] for c in key}
    chars |= set("软件粤发于后里台干范准了公布隱私權寬帶服務器數碼港平台")
    chars |= {c for text in SENTENCES for c in text}
    return sorted(chars)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_alphabet(), max_size=40))
def test_random_text_converts_as_s2hkp(text: str) -> None:
    full = _converter(HK_CONFIG).convert(text)
    assert _both_paths(text) == (full, full)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted({k for ks in _hk_prefilter()[1].values() for k in ks})),
                min_size=1, max_size=6),
       st.text(alphabet=_alphabet(), max_size=6))
def test_phrases_run_together_convert_as_s2hkp(keys: list[str], glue: str) -> None:
    """Changing phrases back to back and overlapping: segmentation must agree too."""
    text = glue.join(keys)
    full = _converter(HK_CONFIG).convert(text)
    assert _both_paths(text) == (full, full)


def test_data_matches_the_installed_opencc(tmp_path: Path) -> None:
    """The shipped files are what the generator writes from this OpenCC: regenerate, compare."""
    import opencc

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("OpenCC's opencc_dict tool is not in this OpenCC install")
    gen = _generator()
    gen.generate(tmp_path)  # type: ignore[attr-defined]
    shipped = sorted(p.name for p in HK_DATA.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (HK_DATA / name).read_bytes(), name
