"""``l10n update -N / --fuzzy-threshold`` and ``[update]`` in the configuration: how a
changed msgid looks for an old translation (msgmerge's -N; its threshold, 0.6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from l10n import defaults
from l10n.config import Settings, settings_from_mapping
from l10n.errors import ConfigError
from l10n.pipeline import _merge_options
from l10n.pofile import read_po
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
POT = '''msgid ""
msgstr ""
"Project-Id-Version: release\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The government said today."
msgstr ""
'''
PO = '''msgid ""
msgstr ""
"Project-Id-Version: release\\n"
"Language: zh_Hant_HK\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "The governmnet said today."
msgstr "政府今日表示。"
'''
#: difflib ratio of the two msgids above: 2 * 25 / 52
RATIO = 50 / 52


def _setup(project: Path) -> Path:
    (project / "locales" / "zh_Hant_HK" / "LC_MESSAGES").mkdir(parents=True)
    (project / "locales" / "release.pot").write_text(POT, encoding="utf-8")
    po = project / "locales" / "zh_Hant_HK" / "LC_MESSAGES" / "release.po"
    po.write_text(PO, encoding="utf-8")
    return po


@pytest.mark.parametrize(("flags", "carried"), [
    ((), True),
    (("-N",), False),
    (("--no-fuzzy-matching",), False),
    (("--fuzzy-threshold", "0.99"), False),
    (("--fuzzy-threshold", f"{RATIO:.4f}"), True),
])
def test_fuzzy_options(project: Path, cli: Cli, flags: tuple[str, ...], carried: bool) -> None:
    po_file = _setup(project)
    r = cli("update", "--locale", "zh-HK", *flags)
    assert r.code == 0, r.err
    live = {e.msgid: e for e in read_po(po_file) if not e.obsolete}
    entry = live["The government said today."]
    assert (entry.msgstr == "政府今日表示。", entry.fuzzy) == (carried, carried)
    assert (entry.previous_msgid == "The governmnet said today.") is carried


@pytest.mark.parametrize("value", ["0", "1.5", "x"])
def test_bad_threshold_is_a_usage_error(project: Path, cli: Cli, value: str) -> None:
    _setup(project)
    r = cli("update", "--locale", "zh-HK", "--fuzzy-threshold", value)
    assert r.code == 2 and "--fuzzy-threshold" in r.err


def test_update_section_of_the_configuration() -> None:
    s = settings_from_mapping({"update": {"fuzzy_matching": False, "fuzzy_threshold": 0.8}})
    options = _merge_options(s)
    assert (options.fuzzy_matching, options.fuzzy_threshold) == (False, 0.8)
    assert (Settings().merge_fuzzy_matching, Settings().merge_fuzzy_threshold) == (True, 0.6)
    assert defaults.MERGE_FUZZY_THRESHOLD == 0.6
    with pytest.raises(ConfigError, match="update.fuzzy_threshold"):
        settings_from_mapping({"update": {"fuzzy_threshold": 1.5}})
