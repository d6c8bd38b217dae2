"""Strict reading of PO files.

polib accepts some broken files silently (an unterminated string, a duplicated msgid),
and a translator's typo must never turn into lost text. So a small lexer checks the
syntax first and reports the exact line; polib then does the parsing.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from .errors import CatalogError
from .fsio import read_text

KEYWORD_RE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
STRING_RE = re.compile(r'^"(?:[^"\\]|\\[\\"abfnrtv0-7xu]|\\.)*"\s*$')
BAD_ESCAPE_RE = re.compile(r'\\(?![\\"abfnrtv0-7x])')
WRAP_WIDTH = 79


def _check_string(token: str, path: str, lineno: int) -> None:
    if not STRING_RE.match(token):
        raise CatalogError("malformed string (unterminated quote or stray text)", path=path,
                           line=lineno, hint="fix the quoting; nothing was written")
    if BAD_ESCAPE_RE.search(token[1:-1].replace("\\\\", "")):
        raise CatalogError("invalid escape sequence in string", path=path, line=lineno)


def validate_po_text(text: str, path: str) -> dict[tuple[str, str, bool], int]:
    """Raise CatalogError(path, line) for the first syntax error; accept valid gettext PO.

    Returns the line of each entry's first keyword, keyed by (msgctxt, msgid, obsolete)
    with strings still escaped as in the file.
    """
    state = "start"  # start | ctxt | id | id_plural | str
    seen: dict[tuple[str, str, bool], int] = {}
    cur_ctxt: list[str] = []
    cur_id: list[str] = []
    cur_obsolete = False
    entry_line = 0
    collecting: list[str] | None = None

    def finish(lineno: int) -> None:
        nonlocal cur_ctxt, cur_id
        if state in ("id", "id_plural", "ctxt"):
            raise CatalogError("msgid without msgstr", path=path, line=entry_line,
                               hint="every msgid needs a msgstr line")
        if state == "str":
            key = ("".join(cur_ctxt), "".join(cur_id), cur_obsolete)
            if key in seen and not cur_obsolete:
                raise CatalogError(f"duplicate entry (first at line {seen[key]})", path=path,
                                   line=entry_line, hint="merge the two entries")
            seen.setdefault(key, entry_line)
        cur_ctxt, cur_id = [], []

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):
                continue
        elif line.startswith("#") or not line:
            continue
        m = KEYWORD_RE.match(line)
        if m:
            keyword, rest = m.groups()
            _check_string(rest, path, lineno)
            value = rest.strip()[1:-1]
            if keyword in ("msgctxt", "msgid") and state in ("str", "start"):
                finish(lineno)
                state = "start"
                cur_obsolete = obsolete
                entry_line = lineno
            if keyword == "msgctxt":
                if state != "start":
                    raise CatalogError("msgctxt in the middle of an entry", path=path, line=lineno)
                state, collecting = "ctxt", cur_ctxt
            elif keyword == "msgid":
                if state not in ("start", "ctxt"):
                    raise CatalogError("msgid in the middle of an entry", path=path, line=lineno)
                state, collecting = "id", cur_id
            elif keyword == "msgid_plural":
                if state != "id":
                    raise CatalogError("msgid_plural without msgid", path=path, line=lineno)
                state, collecting = "id_plural", None
            else:
                plural_form = keyword.startswith("msgstr[")
                if state == "str" and not plural_form or state not in ("id", "id_plural", "str"):
                    raise CatalogError("msgstr without msgid", path=path, line=lineno)
                state, collecting = "str", None
            if collecting is not None:
                collecting.append(value)
            continue
        if line.startswith('"'):
            if state == "start":
                raise CatalogError("string outside an entry", path=path, line=lineno)
            _check_string(line, path, lineno)
            if collecting is not None:
                collecting.append(line.strip()[1:-1])
            continue
        raise CatalogError(f"unexpected text {line[:30]!r}", path=path, line=lineno,
                           hint="is this a PO file? lines must be comments, keywords or strings")
    finish(0)
    return seen


def parse_po(text: str, path: str) -> polib.POFile:
    lines = validate_po_text(text, path)
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise CatalogError(f"cannot parse PO: {exc}", path=path,
                           line=int(found.group(1)) if found else None) from None
    po.wrapwidth = WRAP_WIDTH
    for entry in po:
        key = (polib.escape(entry.msgctxt or ""), polib.escape(entry.msgid), bool(entry.obsolete))
        entry.linenum = lines.get(key, entry.linenum)
    return po


def read_po(path: str | Path) -> polib.POFile:
    """Read and strictly validate a PO/POT file; errors name the file and line."""
    name = str(path)
    try:
        text = read_text(path)
    except Exception as exc:  # InputError for a PO is a catalog problem for the user
        from .errors import InputError

        if isinstance(exc, InputError):
            raise CatalogError(exc.message, path=name, line=exc.line, hint=exc.hint) from None
        raise
    return parse_po(text, name)
