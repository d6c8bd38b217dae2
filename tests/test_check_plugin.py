"""Worked example: adding a check is one function with ``@register`` (here, in a test).

The check below reports a doubled full-width comma (，，), a slip a reviewer would want
to see. Registered once, it is listed in ``l10n check --help``, runs by default, can be
selected, graded per project, and accepted per entry with ``#, ignore-doubled-comma``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import l10n.checks as checks
from l10n.checks import CheckEnv, finding, register
from l10n.locales import parse_locale
from l10n.model import Entry, Finding, Severity

PO = '''msgid ""
msgstr ""
"Language: zh_Hant_HK\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "The lab opened, and it is full."
msgstr "實驗室開幕，，已經滿額。"

#, ignore-doubled-comma
msgid "The fund grew, and it invested."
msgstr "基金增長，，並作出投資。"
'''


def doubled_comma(entry: Entry, env: CheckEnv) -> list[Finding]:
    if "，，" not in entry.msgstr:
        return []
    return [finding(entry, "doubled-comma", Severity.WARNING, "doubled ，，: delete one")]


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    checks.all_checks()
    registry = dict(checks._REGISTRY)
    monkeypatch.setattr(checks, "_REGISTRY", registry)
    register("doubled-comma", Severity.WARNING, "a doubled full-width comma")(doubled_comma)


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "x.po").write_text(PO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "x.po"


def test_a_registered_check_runs_and_is_listed(registered: None, catalog: Path, cli) -> None:
    r = cli("check", str(catalog), "--select", "doubled-comma")
    assert r.code == 0
    assert r.out.count("[doubled-comma]") == 1 and "x.po:6: warning: [doubled-comma] doubled ，，" in r.out
    assert "doubled-comma (warning)" in checks.checks_help()


def test_a_registered_check_takes_the_projects_severity_and_the_entrys_flag(registered: None) -> None:
    env = CheckEnv(parse_locale("zh-HK"), None, {"doubled-comma": Severity.ERROR})
    flagged = Entry("A, b.", "甲，，乙。", "x.po", 10, None, False, (), ("ignore-doubled-comma",))
    plain = Entry("A, b.", "甲，，乙。", "x.po", 7)
    out = checks.run_checks([plain, flagged], env, ["doubled-comma"])
    assert [(f.line, f.severity) for f in out] == [(7, Severity.ERROR), (10, Severity.INFO)]
