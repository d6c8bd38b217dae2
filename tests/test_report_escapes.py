"""Terminal escape injection (issue 9, item 12) and control characters in JUnit (item 8):
what a msgid or a file name holds is shown, never acted on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from l10n.errors import InputError, visible
from l10n.model import Finding, Severity
from l10n.report import FORMATS, CheckReport, format_report
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
ESC = "\x1b"
HOSTILE_MSGID = f"Pay {ESC}[31mHK$5{ESC}[0m\x01 million{ESC}]0;pwned\x07 \u2028next\u202egnp.exe\x7f\x9b"
HOSTILE_PATH = f"rel{ESC}[2J{ESC}]8;;https:{ESC}\\x\x07.po"  # a file name: no slash
#: Characters that must never reach a terminal or an XML document raw.
RAW_FORBIDDEN = (ESC, "\x01", "\x07", "\u2028", "\u202e", "\x7f", "\x9b")
PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _report(msgid: str = HOSTILE_MSGID, path: str = HOSTILE_PATH) -> CheckReport:
    findings = (
        Finding(path, 6, "", msgid, "numbers", Severity.ERROR, f"5 ({msgid[:12]}) has no match"),
        Finding(path, 9, "", msgid, "glossary", Severity.WARNING, f"term {msgid[-6:]!s} missing"),
    )
    return CheckReport(findings, (path,), 2, 2)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_reports_show_control_characters_escaped(fmt: str) -> None:
    text = format_report(_report(), fmt)
    for char in RAW_FORBIDDEN:
        assert char not in text, (fmt, repr(char))
    assert "\\x1b[31m" in text and "\\x1b[2J" in text
    if fmt != "github":  # annotations carry the message, not the msgid
        assert "\\u2028" in text and "\\u202e" in text and "\\x01" in text


def test_json_report_keeps_the_exact_msgid() -> None:
    import json

    data = json.loads(format_report(_report(), "json"))
    assert data["findings"][0]["msgid"] == HOSTILE_MSGID
    assert ESC not in format_report(_report(), "json")  # json escapes C0 itself


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_junit_is_well_formed_xml_for_any_msgid(msgid: str, path: str) -> None:
    xml = format_report(_report(msgid, path), "junit")
    root = etree.fromstring(xml.encode("utf-8"))
    assert root.get("failures") == "1"


def test_error_messages_escape_user_input() -> None:
    error = InputError(f"unknown locale {ESC}[5m", path=HOSTILE_PATH, line=3, hint=f"not {ESC}]0;x\x07")
    text = error.format_message()
    assert not any(char in text for char in RAW_FORBIDDEN)
    assert "\n" not in InputError("two\nlines").format_message()
    assert text.startswith("rel\\x1b[2J")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain 港幣 text", "plain 港幣 text"),
        (f"{ESC}[31m", "\\x1b[31m"),
        ("a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd"),
        ("\u2028\u2029\u0085", "\\u2028\\u2029\\x85"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("\x00\x1c\x1d\x1e", "\\x00\\x1c\\x1d\\x1e"),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_check_command_output_is_escaped(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    po = tmp_path / HOSTILE_PATH
    po.write_text(PO_HEADER + f'msgid "{HOSTILE_MSGID}"\nmsgstr "支付 3 百萬"\n', encoding="utf-8")
    for fmt in ("text", "github", "junit"):
        out = tmp_path / f"findings.{fmt}"
        r = cli("check", "--format", fmt, "-o", str(out), ".")
        assert r.code == 1, r.err
        for text in (r.out, out.read_text(encoding="utf-8")):
            assert not any(char in text for char in RAW_FORBIDDEN), fmt
            assert "rel\\x1b[2J" in text
    etree.fromstring((tmp_path / "findings.junit").read_bytes())


def test_error_line_escapes_a_file_name(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("extract", f"evil{ESC}]0;pwned\x07{ESC}[31m.md")
    assert r.code == 2
    assert ESC not in r.err and "\x07" not in r.err
    assert r.err.startswith("l10n: error: evil\\x1b]0;pwned\\x07\\x1b[31m.md: file not found")
