"""Fuzz target for the PO scanner (issue 9): hostile PO-ish text never crashes it.

Hypothesis builds lines from the pieces a PO file is made of (keywords, quotes,
escapes, comments, ``#~``/``#|`` marks) mixed with control and line-separator
characters. The scanner either returns entries or raises CatalogError with a line
number; whatever it accepts renders (``l10n.catalog.render``) and scans back to the
same entries. Bounded so it runs in a few seconds in CI.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import render
from l10n.errors import CatalogError
from l10n.pofile import ScannedCatalog, scan_po, to_polib

HEADER = 'msgid ""\nmsgstr ""\n"Language: zh_Hant_HK\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ODD = "\x00\x01\x04\x07\x0b\x0c\x1b\x1c\x1d\x1e\x7f\x85\u2028\u2029\ufeff\r\t"
ESCAPES = ["\\n", "\\t", "\\r", "\\a", "\\b", "\\f", "\\v", '\\"', "\\\\", "\\101", "\\7", "\\x41",
           "\\xe4\\xbd\\xa0", "\\303\\251", "\\0", "\\x04", "\\377", "\\q", "\\x", "\\u00e9", "\\"]
PREFIXES = ["", "#~ ", "#~", "#| ", "#~| ", "  ", "\t"]
KEYWORDS = ["msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]", "msgstr[1]", "msgstr[2]", "msgstr [1]",
            "msgid[0]", "msgstr[x]", "msgtext", ""]
COMMENTS = ["#", "# note", "#note", "#.", "#. extracted", "#.x", "#: a.md:3 b.md", "#:a.md", "#, fuzzy",
            "#,fuzzy, c-format", "#| msgid \"old\"", "#~", "#~ ", "## x", "#|", "#~|"]

text_piece = st.text(alphabet=st.sampled_from("ab 蘋果" + ODD + '"\\'), max_size=6)
SAFE_ESCAPES = [e for e in ESCAPES if e not in ("\\0", "\\x04", "\\377", "\\q", "\\x", "\\u00e9", "\\")]
safe_piece = st.text(alphabet=st.sampled_from("ab 蘋果" + ODD.replace("\x00", "").replace("\x04", "")),
                     max_size=6)
safe_body = st.lists(st.one_of(safe_piece, st.sampled_from(SAFE_ESCAPES)), max_size=4).map("".join)
string_body = st.lists(st.one_of(text_piece, st.sampled_from(ESCAPES)), max_size=4).map("".join)
quoted = st.one_of(string_body.map(lambda s: f'"{s}"'), string_body.map(lambda s: f'"{s}'),
                   st.tuples(string_body, string_body).map(lambda p: f'"{p[0]}" "{p[1]}"'))
keyword_line = st.tuples(st.sampled_from(PREFIXES), st.sampled_from(KEYWORDS), st.sampled_from([" ", "", "  "]),
                         quoted).map("".join)
continuation_line = st.tuples(st.sampled_from(PREFIXES), quoted).map("".join)
comment_line = st.tuples(st.sampled_from(COMMENTS), text_piece).map("".join)
junk_line = st.text(max_size=12)
line = st.one_of(keyword_line, keyword_line, continuation_line, comment_line, junk_line, st.just(""))
# well-formed entries make accepted files common enough to exercise the round trip
entry = st.tuples(st.sampled_from(["", "#, fuzzy\n", "# t\n#. e\n#: a.md:1\n", "#~ "]),
                  st.sampled_from(["", 'msgctxt "c"\n', 'msgctxt ""\n']), safe_body, safe_body).map(
    lambda p: f'{p[0]}{p[1]}msgid "{p[2]}"\nmsgstr "{p[3]}"\n' if p[0] != "#~ "
    else f'#~ msgid "{p[2]}"\n#~ msgstr "{p[3]}"\n')
plural = st.tuples(safe_body, safe_body, safe_body).map(
    lambda p: f'msgid "{p[0]}"\nmsgid_plural "{p[1]}"\nmsgstr[0] "{p[2]}"\nmsgstr[1] ""\n')
hostile = st.lists(st.one_of(line.map(lambda s: s + "\n"), entry, entry, entry, plural), max_size=12)
mostly_valid = st.lists(st.one_of(comment_line.map(lambda s: s + "\n"), entry, entry, plural), max_size=12)
document = st.one_of(hostile, mostly_valid).map("".join)
newline = st.sampled_from(["\n", "\r\n"])


def _meaning(catalog: ScannedCatalog) -> list[tuple[object, ...]]:
    """What a save must keep: keys, texts, plural forms, flags, obsolete state (the header
    is rewritten from its fields, so only the field names are compared; obsolete entries go last)."""
    header = catalog.header_entry
    entries = [e for e in catalog.entries if e is not header]
    ordered = [e for e in entries if not e.obsolete] + [e for e in entries if e.obsolete]  # obsolete go last
    return [sorted(catalog.metadata)] + [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.plural_forms, e.obsolete, e.fuzzy) for e in ordered]


def _scan(text: str) -> ScannedCatalog | None:
    try:
        return scan_po(text, "fuzz.po")
    except CatalogError as exc:
        assert exc.line is not None and exc.line >= 1, f"refusal without a line: {exc}"
        assert exc.path == "fuzz.po"
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=document, eol=newline)
def test_scanner_returns_entries_or_catalog_error(body: str, eol: str) -> None:
    text = (HEADER + body).replace("\n", eol)
    scanned = _scan(text)
    if scanned is None:
        return
    rendered = render(to_polib(scanned))
    again = _scan(rendered)
    assert again is not None, f"our own rendering was refused:\n{rendered}"
    assert _meaning(again) == _meaning(scanned)
    assert render(to_polib(again)) == rendered


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=200))
def test_arbitrary_text_never_crashes_the_scanner(raw: str) -> None:
    _scan(raw)
