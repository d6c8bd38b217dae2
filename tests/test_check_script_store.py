"""The script check's results kept between ``l10n check`` runs (issue 16, the pre-commit
case): the same findings as computing them, OpenCC not loaded for a stored target, and a
file the store cannot vouch for ignored. Nothing here is timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.checks import script, script_store
from l10n.locales import parse_locale
from l10n.usercache import CACHE_ENV

#: Targets of every kind: a phrase OpenCC rewrites in form only (公布), Mainland wording,
#: Simplified characters in Hong Kong text, Traditional ones in Mainland text, plain text.
TARGETS = [
    ("zh-Hant-HK", "主席歡迎有關公布。"),
    ("zh-Hant-HK", "我們會保障用戶的隱私權，並推廣寬帶服務。"),
    ("zh-Hant-HK", "政府推出新的软件平台，支持数码港的初创企业。"),
    ("zh-Hant-HK", "數碼港將繼續培育人才。"),
    ("zh-Hans-CN", "数码港将继续培育人才，軟件平台已經推出。"),
    ("zh-Hans-CN", "数码港将继续培育人才。"),
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    script._script_problems.cache_clear()
    yield tmp_path
    script._script_problems.cache_clear()


def _results() -> list[object]:
    script._script_problems.cache_clear()
    return [script._script_problems(text, parse_locale(tag)) for tag, text in TARGETS]


def test_stored_results_are_the_computed_ones(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _results()  # no session: computed, nothing written
    assert not (folder / script_store.FILE_NAME).exists()
    assert any(plain)  # the targets do have findings
    with script_store.session():
        assert _results() == plain
    assert (folder / script_store.FILE_NAME).exists()
    computed: list[str] = []
    real = script._opencc_problems
    monkeypatch.setattr(script, "_opencc_problems", lambda t, loc: computed.append(t) or real(t, loc))
    monkeypatch.setattr(script, "_scans_left", [script.PHRASE_SCANS])  # as a new process starts
    with script_store.session():
        assert _results() == plain
    assert computed == []  # every target that needed OpenCC came from the file


def test_outside_a_session_nothing_is_kept(folder: Path) -> None:
    assert script_store.current() is None
    _results()
    assert list(folder.iterdir()) == []


def _written(folder: Path) -> tuple[dict[str, object], bytes]:
    with script_store.session():
        _results()
    head, _, content = (folder / script_store.FILE_NAME).read_bytes().partition(b"\n")
    return json.loads(head), content


def test_a_damaged_or_stale_file_is_ignored(folder: Path) -> None:
    head, content = _written(folder)
    stamp = script_store.stamp()
    assert stamp is not None and script_store.decode(json.dumps(head).encode() + b"\n" + content, stamp)
    data = json.loads(content)
    first = next(iter(data))
    forged = dict(data, **{first: [["error", "made up"]]})
    forged_bytes = json.dumps(forged, ensure_ascii=False).encode()
    bad_severity = json.dumps(dict(data, **{first: [["fatal", "x"]]}), ensure_ascii=False).encode()
    import hashlib

    def signed(body: bytes, **changes: object) -> bytes:
        fields = {**head, "checksum": hashlib.sha256(body).hexdigest(), **changes}
        return json.dumps(fields).encode() + b"\n" + body

    for raw in (b"", content, json.dumps(head).encode() + b"\n" + forged_bytes,  # checksum off
                signed(forged_bytes, stamp="another OpenCC"), signed(bad_severity),
                signed(b"[1, 2]"), signed(content)[: -10]):
        assert script_store.decode(raw, stamp) == {}


def test_the_stamp_follows_opencc_and_the_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = script_store.stamp()
    assert before is not None
    own = tmp_path / "l10n"
    for name in script_store.OWN_FILES:
        (own / name).parent.mkdir(parents=True, exist_ok=True)
        (own / name).write_text("x")
    monkeypatch.setattr(script_store, "PACKAGE_DIR", own)
    moved = script_store.stamp()
    assert moved not in (None, before)
    (own / "checks" / "script.py").write_text("edited")
    assert script_store.stamp() not in (None, moved)


def test_a_warm_check_loads_no_opencc(tmp_path: Path) -> None:
    """The command line: the same output cold, filling and warm; the warm run imports no OpenCC."""
    catalog = tmp_path / "zh_Hant_HK.po"
    catalog.write_text('msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n'
                       '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "The Chairman welcomed the announcement."\nmsgstr "主席歡迎有關公布。"\n\n'
                       'msgid "We will promote broadband."\nmsgstr "我們會推廣寬帶服務。"\n', encoding="utf-8")
    code = ("import runpy, sys\nsys.argv = ['l10n', 'check', 'zh_Hant_HK.po', '--select', 'script']\n"
            "try:\n    runpy.run_module('l10n', run_name='__main__')\nexcept SystemExit as exc:\n"
            "    print('exit', exc.code, 'opencc' in sys.modules)\n")
    runs = []
    for cache in ("", str(tmp_path / "cache"), str(tmp_path / "cache")):
        env = {**os.environ, CACHE_ENV: cache}
        run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                             text=True, check=True)
        runs.append(run.stdout)
    assert "Mainland wording" in runs[0]
    assert runs[0] == runs[1]
    assert runs[0].replace("True", "False") == runs[2]  # the same findings, and no OpenCC
    assert runs[0].rstrip().endswith("True") and runs[2].rstrip().endswith("False")
