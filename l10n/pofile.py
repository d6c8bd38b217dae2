"""Strict reading of PO files.

polib accepts some broken files silently (an unterminated string, a duplicated msgid),
and a translator's typo must never turn into lost text. So a small scanner checks the
syntax first and reports the exact line. The scanner also yields the entries (source,
target, flags, line), which is all ``l10n check`` needs, so CI does not pay for a full
polib parse; stages that rewrite catalogs use polib afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from .errors import CatalogError
from .fsio import read_text
from .model import Entry

KEYWORD_RE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
STRING_RE = re.compile(r'^"(?:[^"\\]|\\[\\"abfnrtv0-7xu]|\\.)*"\s*$')
BAD_ESCAPE_RE = re.compile(r'\\(?![\\"abfnrtv0-7x])')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
ESCAPE_RE = re.compile(r"\\(.)")
WRAP_WIDTH = 79


@dataclass(frozen=True)
class ScannedEntry:
    """One entry as the scanner saw it; strings are unescaped."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    line: int
    flags: tuple[str, ...]
    comments: tuple[str, ...]
    obsolete: bool

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True)
class ScannedCatalog:
    entries: tuple[ScannedEntry, ...]
    metadata: dict[str, str]

    def checkable(self, path: str) -> list[Entry]:
        """The live entries as the checks see them (header and obsolete ones left out)."""
        return [Entry(e.msgid, e.msgstr, path, e.line, e.msgctxt, e.fuzzy, e.comments)
                for e in self.entries if e.msgid and not e.obsolete]


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return ESCAPE_RE.sub(lambda m: ESCAPES.get(m.group(1), m.group(0)), value)


def _check_string(token: str, path: str, lineno: int) -> str:
    token = token.rstrip()
    if not STRING_RE.match(token):
        raise CatalogError("malformed string (unterminated quote or stray text)", path=path,
                           line=lineno, hint="fix the quoting; nothing was written")
    inner = token[1:-1]
    if "\\" in inner and BAD_ESCAPE_RE.search(inner.replace("\\\\", "")):
        raise CatalogError("invalid escape sequence in string", path=path, line=lineno)
    return inner


class _Scanner:
    """A small state machine over the lines of a PO file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.state = "start"  # start | ctxt | id | id_plural | str
        self.entries: list[ScannedEntry] = []
        self.seen: dict[tuple[str, str], int] = {}
        self._reset()

    def _reset(self) -> None:
        self.ctxt: list[str] | None = None
        self.msgid: list[str] = []
        self.msgstr: list[str] = []
        self.flags: list[str] = []
        self.comments: list[str] = []
        self.obsolete = False
        self.entry_line = 0
        self.collecting: list[str] | None = None

    def finish(self) -> None:
        if self.state in ("id", "id_plural", "ctxt"):
            raise CatalogError("msgid without msgstr", path=self.path, line=self.entry_line,
                               hint="every msgid needs a msgstr line")
        if self.state == "str":
            ctxt = None if self.ctxt is None else _unescape("".join(self.ctxt))
            msgid = _unescape("".join(self.msgid))
            if not self.obsolete:
                key = (ctxt or "", msgid)
                if key in self.seen:
                    raise CatalogError(f"duplicate entry (first at line {self.seen[key]})", path=self.path,
                                       line=self.entry_line, hint="merge the two entries")
                self.seen[key] = self.entry_line
            self.entries.append(ScannedEntry(ctxt, msgid, _unescape("".join(self.msgstr)), self.entry_line,
                                             tuple(self.flags), tuple(self.comments), self.obsolete))
            self._reset()
        self.state = "start"

    def comment(self, line: str) -> None:
        if self.state == "str":
            self.finish()
        if line.startswith("#,"):
            self.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        elif line.startswith("#."):
            self.comments.append(line[2:].strip())

    def keyword(self, keyword: str, rest: str, obsolete: bool, lineno: int) -> None:
        value = _check_string(rest, self.path, lineno)
        if keyword in ("msgctxt", "msgid") and self.state == "str":
            self.finish()
        if keyword == "msgctxt":
            if self.state != "start":
                raise CatalogError("msgctxt in the middle of an entry", path=self.path, line=lineno)
            self.ctxt = []
            self.state, self.collecting = "ctxt", self.ctxt
            self.obsolete, self.entry_line = obsolete, lineno
        elif keyword == "msgid":
            if self.state not in ("start", "ctxt"):
                raise CatalogError("msgid in the middle of an entry", path=self.path, line=lineno)
            if self.state == "start":
                self.obsolete, self.entry_line = obsolete, lineno
            self.state, self.collecting = "id", self.msgid
        elif keyword == "msgid_plural":
            if self.state != "id":
                raise CatalogError("msgid_plural without msgid", path=self.path, line=lineno)
            self.state, self.collecting = "id_plural", None
        else:
            plural_form = keyword.startswith("msgstr[")
            if (self.state == "str" and not plural_form) or self.state not in ("id", "id_plural", "str"):
                raise CatalogError("msgstr without msgid", path=self.path, line=lineno)
            first = self.state != "str"
            self.state = "str"
            self.collecting = self.msgstr if (not plural_form or (first and keyword == "msgstr[0]")) else None
        if self.collecting is not None:
            self.collecting.append(value)

    def continuation(self, line: str, lineno: int) -> None:
        if self.state == "start":
            raise CatalogError("string outside an entry", path=self.path, line=lineno)
        value = _check_string(line, self.path, lineno)
        if self.collecting is not None:
            self.collecting.append(value)


def scan_po(text: str, path: str) -> ScannedCatalog:
    """Check the syntax (CatalogError with path and line) and return the entries."""
    scanner = _Scanner(path)
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if not line or line.startswith("|"):
                continue
        elif line[0] == "#":
            scanner.comment(line)
            continue
        if line[0] == '"':
            scanner.continuation(line, lineno)
            continue
        m = KEYWORD_RE.match(line)
        if m is None:
            raise CatalogError(f"unexpected text {line[:30]!r}", path=path, line=lineno,
                               hint="is this a PO file? lines must be comments, keywords or strings")
        scanner.keyword(m.group(1), m.group(2), obsolete, lineno)
    scanner.finish()
    metadata: dict[str, str] = {}
    for entry in scanner.entries:
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            for header_line in entry.msgstr.split("\n"):
                key, sep, value = header_line.partition(":")
                if sep:
                    metadata[key.strip()] = value.strip()
            break
    return ScannedCatalog(tuple(scanner.entries), metadata)


def validate_po_text(text: str, path: str) -> dict[tuple[str, str, bool], int]:
    """Raise CatalogError for the first syntax error; return each entry's line by key."""
    return {(e.msgctxt or "", e.msgid, e.obsolete): e.line for e in scan_po(text, path).entries}


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
        entry.linenum = lines.get((entry.msgctxt or "", entry.msgid, bool(entry.obsolete)), entry.linenum)
    return po


def _read(path: str | Path) -> str:
    from .errors import InputError

    try:
        return read_text(path)
    except InputError as exc:  # for a PO file, unreadable input is a catalog problem
        raise CatalogError(exc.message, path=str(path), line=exc.line, hint=exc.hint) from None


def read_po(path: str | Path) -> polib.POFile:
    """Read and strictly validate a PO/POT file; errors name the file and line."""
    return parse_po(_read(path), str(path))


def scan_po_file(path: str | Path) -> ScannedCatalog:
    """Read and validate a PO file without building polib objects (the check path)."""
    return scan_po(_read(path), str(path))
