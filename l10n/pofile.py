"""Strict reading of PO files.

polib accepts some broken files silently (an unterminated string, a duplicated msgid),
refuses some valid ones (``#foo``, a lone ``#~``), splits lines on U+2028 and friends
(``str.splitlines``) and does not decode ``\\a``, octal or hex escapes. A translator's
typo must never turn into lost or changed text, so our own scanner is the only parser:
it checks the syntax as GNU gettext does (``msgfmt -c`` is the oracle in the tests),
reports the exact line, decodes strings exactly as gettext does, and builds the polib
objects the rest of the code edits and renders. ``l10n check`` uses the scanned entries
directly and never pays for polib objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .errors import CatalogError
from .fsio import read_bytes
from .model import Entry

WRAP_WIDTH = 79
PO_SPACE = " \t\r\f\v"  # what gettext skips between tokens; U+2028 and U+001C are not spaces
KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:[ \t\r\f\v]*\[[ \t\r\f\v]*(\d+)[ \t\r\f\v]*\])?"
                        r'(?=[ \t\r\f\v"])')
STRING_TOKEN_RE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t\r\f\v]*')
#: A whole line in msgcat's canonical form: one keyword (no index), one space, one string
#: (the string pattern is STRING_TOKEN_RE's, unrolled: runs of plain characters are
#: matched in one step, several times faster on long Chinese strings).
CANONICAL_KEYWORD_RE = re.compile(r'(msgctxt|msgid|msgstr) "([^"\\]*(?:\\.[^"\\]*)*)"\Z')
#: A whole line that is one continuation string.
CANONICAL_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\Z')
#: One or more lines of quoted text without escapes, each ending its line: a string as
#: msgcat writes it, on one line or wrapped (``msgid ""`` and then its pieces). Groups:
#: the first piece's inside, then the lines of the others, whole.
_PLAIN_STRINGS = r'"([^"\\\n]*)"\n((?:"[^"\\\n]*"\n)*)'
#: One whole entry in msgcat's commonest form, its lines in a row: a ``#:`` reference line,
#: an optional ``msgctxt``, ``msgid`` and ``msgstr`` (these two on one line or wrapped),
#: each string without quote or escape. ``scan_po`` takes it in one match instead of a
#: line at a time through the scanner's dispatch.
PLAIN_ENTRY_RE = re.compile(r'#: ([^\n]*)\n(?:msgctxt "([^"\\\n]*)"\n)?msgid ' + _PLAIN_STRINGS
                            + r'msgstr ' + _PLAIN_STRINGS)
ESCAPE_TOKEN_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.)|$)")
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
                  '"': '"', "\\": "\\"}
BYTE_MASK = 0xFF  # gettext stores an octal or hex escape as one byte (the low eight bits)
NUL = "\x00"
CONTEXT_SEPARATOR = "\x04"  # gettext's msgctxt/msgid separator in MO files; msgfmt refuses it in strings
#: ``#, l10n-joined`` on an entry with an empty msgstr: the translator joined this sentence
#: to the previous entry's (same paragraph), whose msgstr carries both. The build writes
#: that translation for both sentences; ``check`` compares both sources with it.
JOINED_FLAG = "l10n-joined"
COMMENT_KINDS = {".": "extracted", ":": "reference", ",": "flags", "|": "previous"}
# gettext's order of ``#|`` lines: [msgctxt] msgid [msgid_plural], right before the entry
PREVIOUS_AFTER: dict[str, tuple[str | None, ...]] = {"msgctxt": (None,), "msgid": (None, "msgctxt"),
                                                      "msgid_plural": ("msgid",)}


@dataclass(frozen=True)
class ScannedEntry:
    """One entry as the scanner saw it; strings are unescaped (decoded as gettext does)."""

    msgctxt: str | None
    msgid: str
    msgstr: str  # msgstr[0] for a plural entry
    line: int
    flags: tuple[str, ...]
    comments: tuple[str, ...]  # extracted comments (``#.``)
    obsolete: bool
    msgid_plural: str | None = None
    plural_forms: tuple[str, ...] = ()  # msgstr[0], msgstr[1], ... in order
    tcomments: tuple[str, ...] = ()  # translator comments (``#``)
    references: tuple[str, ...] = ()  # ``#:`` words
    previous: tuple[str | None, str | None, str | None] = (None, None, None)  # ``#|`` ctxt, id, plural
    msgstr_line: int = 0  # the line of ``msgstr`` (``msgstr[0]`` in a plural entry)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True)
class ScannedCatalog:
    entries: tuple[ScannedEntry, ...]
    metadata: dict[str, str]
    header_comment: tuple[str, ...] = ()

    def checkable(self, path: str) -> list[Entry]:
        """The live entries as the checks see them (header and obsolete ones left out).

        A joined entry (``#, l10n-joined``, empty msgstr) has its msgid folded into the
        entry before it, so the numbers check compares both sources with the one target;
        each entry keeps its own line."""
        live = [e for e in self.entries if e.msgid and not e.obsolete]
        sources = [e.msgid for e in live]
        carrier = -1
        for i, e in enumerate(live):
            if is_joined(e.flags, e.msgstr) and carrier >= 0:
                sources[carrier] += " " + e.msgid
            else:
                carrier = i
        return [Entry(src, e.msgstr, path, e.line, e.msgctxt, e.fuzzy, e.comments, e.flags, e.msgstr_line)
                for e, src in zip(live, sources, strict=True)]

    @property
    def header_entry(self) -> ScannedEntry | None:
        """gettext's header: the first live entry with an empty msgid and no context."""
        for entry in self.entries:
            if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                return entry
        return None


def is_joined(flags: tuple[str, ...] | list[str], msgstr: str) -> bool:
    """Whether an entry is carried by the previous entry's translation: flagged and empty
    (a joined entry that got its own msgstr is an ordinary entry again)."""
    return JOINED_FLAG in flags and not msgstr


def decode_string(inner: str, path: str, lineno: int) -> str:
    """The text of one quoted PO string, decoded as GNU gettext's lexer does.

    Octal (``\\NNN``, at most three digits) and hex (``\\xH...``, every hex digit that
    follows) escapes give one *byte* each, so ``\\303\\251`` is "é" in a UTF-8 catalog.
    A NUL would cut the text at that point in the MO file, and invalid UTF-8 cannot be
    written back: both are refused rather than silently changed.
    """
    if "\\" not in inner:
        return _checked(inner, path, lineno)
    out = bytearray()
    pos = 0
    for m in ESCAPE_TOKEN_RE.finditer(inner):
        out += inner[pos:m.start()].encode("utf-8", "surrogatepass")
        pos = m.end()
        octal, hexa, char = m.groups()
        if octal is not None:
            out.append(int(octal, 8) & BYTE_MASK)
        elif hexa is not None:
            out.append(int(hexa, 16) & BYTE_MASK)
        elif char is not None and char in SIMPLE_ESCAPES:
            out += SIMPLE_ESCAPES[char].encode("ascii")
        else:
            raise CatalogError("invalid escape sequence in string", path=path, line=lineno,
                               hint=r'use \\ for a backslash; gettext knows \n \t \r \a \b \f \v \" \NNN \xHH')
    out += inner[pos:].encode("utf-8", "surrogatepass")
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError("octal or hex escapes do not form valid UTF-8", path=path, line=lineno,
                           hint="escape whole UTF-8 sequences, or write the character itself") from None
    return _checked(text, path, lineno)


def _checked(text: str, path: str, lineno: int) -> str:
    if NUL in text:
        raise CatalogError("NUL character in string (gettext would cut the text there)", path=path,
                           line=lineno, hint="remove the \\0 or NUL character")
    if CONTEXT_SEPARATOR in text:
        raise CatalogError("context separator U+0004 within string", path=path, line=lineno,
                           hint="gettext refuses this character; remove it")
    return text


def _strings(rest: str, path: str, lineno: int) -> str:
    """One or more quoted strings (``"a" "b"`` is valid gettext), decoded and joined."""
    pos, parts = 0, []
    while pos < len(rest):
        m = STRING_TOKEN_RE.match(rest, pos)
        if m is None:
            break
        parts.append(decode_string(m.group(1), path, lineno))
        pos = m.end()
    if not parts or pos != len(rest):
        raise CatalogError("malformed string (unterminated quote or stray text)", path=path,
                           line=lineno, hint="fix the quoting; nothing was written")
    return "".join(parts)


@dataclass
class _Pending:
    """The entry being read: comments first, then keywords in gettext's order."""

    tcomments: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    previous_field: str | None = None
    previous_line: int = 0
    previous_obsolete: bool = False
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    forms: list[str] = field(default_factory=list)
    line: int = 0
    msgstr_line: int = 0
    obsolete: bool | None = None
    field_name: str | None = None  # the keyword continuation strings append to


#: Scanner states in which a comment line is accepted (it closes an entry in the last two).
_CLOSED = frozenset({"start", "str", "forms"})


class _Scanner:
    """A state machine over the lines of a PO file (split on ``\\n`` only).

    States: ``start`` (comments only so far), ``ctxt``, ``id``, ``plural`` (after
    msgid_plural), ``str`` (after msgstr) and ``forms`` (after msgstr[n]).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.state = "start"
        self.pending = _Pending()
        self.entries: list[ScannedEntry] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.header_comment: list[str] = []
        self.in_file_header = True  # leading translator comments describe the file (polib's header)

    def error(self, message: str, lineno: int, hint: str | None = None) -> CatalogError:
        return CatalogError(message, path=self.path, line=lineno, hint=hint)

    # entries ----------------------------------------------------------------------------

    def finish(self, lineno: int) -> None:
        """Close the current entry (at a new entry, a comment or the end of the file)."""
        p = self.pending
        if self.state in ("ctxt", "id", "plural"):
            raise self.error("msgid without msgstr", p.line, "every msgid needs a msgstr line")
        if self.state == "start":
            return
        key = (p.msgctxt, p.msgid)
        if key in self.seen:
            raise self.error(f"duplicate entry (first at line {self.seen[key]})", p.line, "merge the two entries")
        self.seen[key] = p.line
        prev = p.previous
        self.entries.append(ScannedEntry(
            p.msgctxt, p.msgid, p.forms[0], p.line, tuple(p.flags), tuple(p.comments), bool(p.obsolete),
            p.msgid_plural, tuple(p.forms) if p.msgid_plural is not None else (), tuple(p.tcomments),
            tuple(p.references), (prev.get("msgctxt"), prev.get("msgid"), prev.get("msgid_plural")),
            p.msgstr_line))
        self.pending = _Pending()
        self.state = "start"

    def _before_comment(self, lineno: int) -> None:
        if self.state in ("str", "forms"):
            self.finish(lineno)
        elif self.state != "start":
            raise self.error("comment inside an entry (between msgid and msgstr)", lineno,
                             "comments go before msgctxt/msgid")

    def comment(self, line: str, lineno: int, obsolete: bool = False) -> None:
        kind = COMMENT_KINDS.get(line[1:2], "translator")
        if kind != "translator":
            self.in_file_header = False
        self._before_comment(lineno)
        body = line[2:] if kind != "translator" else line[1:]
        if body.startswith(" "):
            body = body[1:]
        p = self.pending
        if p.previous and kind != "previous":
            raise self.error("comment after #| lines", lineno, "#| lines go right before msgctxt/msgid")
        if kind == "translator":
            if self.in_file_header and not self.entries:
                self.header_comment.append(body)
            else:
                p.tcomments.append(body)
        elif kind == "extracted":
            p.comments.append(body)
        elif kind == "reference":
            p.references.extend(body.split())
        elif kind == "flags":
            p.flags.extend(f.strip(PO_SPACE) for f in body.split(",") if f.strip(PO_SPACE))
        elif body.strip(PO_SPACE):  # an empty #| line is ignored, as gettext does
            self.previous_line(body.strip(PO_SPACE), lineno, obsolete)

    def previous_line(self, body: str, lineno: int, obsolete: bool) -> None:
        """A ``#|`` line: the source an entry had before it turned fuzzy."""
        p = self.pending
        if p.previous and p.previous_obsolete != obsolete:
            raise self.error("inconsistent use of #~ in #| lines", lineno)
        p.previous_obsolete = obsolete
        if body.startswith('"'):
            if p.previous_field is None:
                raise self.error("#| string without a #| keyword", lineno)
            p.previous[p.previous_field] += _strings(body, self.path, lineno)
            return
        m = KEYWORD_RE.match(body)
        if m is None or m.group(1) == "msgstr" or m.group(2) is not None:
            raise self.error(f"unexpected text after #| {body[:30]!r}", lineno,
                             "#| lines hold msgctxt, msgid or msgid_plural")
        if p.previous_field not in PREVIOUS_AFTER[m.group(1)]:
            raise self.error(f"#| {m.group(1)} out of order", lineno, "#| lines are [msgctxt] msgid [msgid_plural]")
        p.previous_field, p.previous_line = m.group(1), lineno
        p.previous[m.group(1)] = _strings(body[m.end():].lstrip(PO_SPACE), self.path, lineno)

    # keywords ---------------------------------------------------------------------------

    def _mark(self, obsolete: bool, lineno: int) -> None:
        """Every line of one entry is obsolete (``#~``) or none is: gettext refuses a mix."""
        p = self.pending
        if p.obsolete is None:
            if p.previous and "msgid" not in p.previous:
                raise self.error("#| msgctxt without #| msgid", p.previous_line)
            if p.previous and p.previous_obsolete != obsolete:
                raise self.error("inconsistent use of #~ (#| and #~| lines)", lineno)
            p.obsolete, p.line = obsolete, lineno
        elif p.obsolete != obsolete:
            raise self.error("inconsistent use of #~ (obsolete and live lines in one entry)", lineno,
                             "mark every line of an obsolete entry with #~, or none")

    def keyword(self, keyword: str, index: str | None, value: str, obsolete: bool, lineno: int) -> None:
        self.in_file_header = False
        if keyword in ("msgctxt", "msgid") and self.state in ("str", "forms"):
            self.finish(lineno)
        p = self.pending
        if keyword == "msgctxt":
            if self.state != "start":
                raise self.error("msgctxt in the middle of an entry", lineno)
            self._mark(obsolete, lineno)
            p.msgctxt, p.field_name, self.state = value, "msgctxt", "ctxt"
        elif keyword == "msgid":
            if self.state not in ("start", "ctxt"):
                raise self.error("msgid in the middle of an entry", lineno)
            self._mark(obsolete, lineno)
            p.msgid, p.field_name, self.state = value, "msgid", "id"
        elif keyword == "msgid_plural":
            if self.state != "id":
                raise self.error("msgid_plural without msgid", lineno)
            self._mark(obsolete, lineno)
            p.msgid_plural, p.field_name, self.state = value, "msgid_plural", "plural"
        elif index is None:
            self.msgstr(value, obsolete, lineno)
        else:
            self.plural_form(int(index), value, obsolete, lineno)

    def msgstr(self, value: str, obsolete: bool, lineno: int) -> None:
        if self.state == "plural":
            raise self.error("msgid_plural followed by msgstr", lineno,
                             "a plural entry needs msgstr[0], msgstr[1], ...")
        if self.state != "id":
            raise self.error("msgstr without msgid", lineno)
        self._mark(obsolete, lineno)
        self.pending.forms, self.pending.field_name, self.state = [value], "forms", "str"
        self.pending.msgstr_line = lineno

    def plural_form(self, index: int, value: str, obsolete: bool, lineno: int) -> None:
        p = self.pending
        if self.state == "id":
            raise self.error(f"msgstr[{index}] without msgid_plural", lineno,
                             "add msgid_plural, or write a plain msgstr")
        if self.state not in ("plural", "forms"):
            raise self.error("msgstr without msgid", lineno)
        if index != len(p.forms):
            raise self.error(f"msgstr[{index}] out of order (expected msgstr[{len(p.forms)}])", lineno)
        self._mark(obsolete, lineno)
        p.msgstr_line = p.msgstr_line or lineno
        p.forms.append(value)
        p.field_name, self.state = "forms", "forms"

    def continuation(self, value: str, obsolete: bool, lineno: int) -> None:
        p = self.pending
        if self.state == "start" or p.field_name is None:
            raise self.error("string outside an entry", lineno)
        self._mark(obsolete, lineno)
        if p.field_name == "forms":
            p.forms[-1] += value
        elif p.field_name == "msgctxt":
            p.msgctxt = (p.msgctxt or "") + value
        elif p.field_name == "msgid":
            p.msgid += value
        else:
            p.msgid_plural = (p.msgid_plural or "") + value

    def line(self, raw: str, lineno: int) -> None:
        line = raw.strip(PO_SPACE)
        if not line:
            return
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:]
            if line.startswith("|"):
                self.comment("#" + line, lineno, obsolete=True)
                return
            line = line.strip(PO_SPACE)
            if not line:  # a lone #~ is an empty obsolete line: gettext ignores it
                return
            if line[0] == "#":
                self.comment(line, lineno)
                return
        elif line[0] == "#":
            self.comment(line, lineno)
            return
        if line[0] == '"':
            self.continuation(_strings(line, self.path, lineno), obsolete, lineno)
            return
        m = KEYWORD_RE.match(line)
        if m is None:
            raise self.error(f"unexpected text {line[:30]!r}", lineno,
                             "is this a PO file? lines must be comments, keywords or strings")
        if m.group(2) is not None and m.group(1) != "msgstr":
            raise self.error(f"{m.group(1)} cannot have an index", lineno)
        value = _strings(line[m.end():].lstrip(PO_SPACE), self.path, lineno)
        self.keyword(m.group(1), m.group(2), value, obsolete, lineno)

    def plain_entry(self, m: re.Match[str], lineno: int) -> int:
        """A PLAIN_ENTRY_RE match starting on the line after ``lineno``: the scanner's state
        afterwards is what ``comment`` and ``keyword`` would leave for its lines (the caller
        makes sure the scanner is in a state where a ``#:`` line is accepted: _CLOSED and
        no ``#|`` lines pending). Returns the number of its last line (the msgstr's)."""
        self.in_file_header = False
        if self.state != "start":
            self.finish(lineno + 1)
        refs, ctxt, msgid, more_id, msgstr, more_str = m.groups()
        p = self.pending
        p.references.extend(refs.split())
        p.line = lineno + 2
        if ctxt is not None:
            p.msgctxt = ctxt
            lineno += 1
        msgstr_line = lineno + 3
        if more_id:  # wrapped
            msgid += _joined(more_id)
            msgstr_line += more_id.count("\n")
        last_line = msgstr_line
        if more_str:
            msgstr += _joined(more_str)
            last_line += more_str.count("\n")
        p.msgid, p.forms, p.msgstr_line, p.obsolete = msgid, [msgstr], msgstr_line, False
        p.field_name, self.state = "forms", "str"
        return last_line

    def end(self, lineno: int) -> None:
        if self.state == "start" and self.pending.previous:
            raise self.error("#| previous msgid without an entry", self.pending.previous_line)
        self.finish(lineno)


def _joined(lines: str) -> str:
    """The text of whole ``"..."`` lines: their insides, joined (no piece holds a quote, so
    every ``"`` newline ``"`` is a seam between two pieces)."""
    return lines[1:-2].replace('"\n"', "")


def _metadata(msgstr: str) -> dict[str, str]:
    """Header fields as polib reads them: ``Key: value`` lines, other lines continue the last."""
    metadata: dict[str, str] = {}
    key: str | None = None
    lines = msgstr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for header_line in lines:
        name, sep, value = header_line.partition(":")
        if sep:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + header_line.strip()
    return metadata


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines split on ``\n`` only, numbered from 1, joined where gettext joins them.

    gettext's lexer drops every backslash-newline pair before it reads tokens, in strings
    and comments alike: ``msgid "a\\`` + newline + ``b"`` is "ab", and a comment ending in
    a backslash swallows the next line. A joined line keeps the number of its first line.
    """
    physical = text.split("\n")
    if "\\\n" not in text:
        yield from enumerate(physical, start=1)
        return
    i = 0
    while i < len(physical):
        start, parts = i, [physical[i]]
        while parts[-1].endswith("\\") and i + 1 < len(physical):
            parts[-1] = parts[-1][:-1]
            i += 1
            parts.append(physical[i])
        yield start + 1, "".join(parts)
        i += 1


def scan_po(text: str, path: str) -> ScannedCatalog:
    """Check the syntax (CatalogError with path and line) and return the entries.

    Lines are split on ``\\n`` only: U+2028, U+0085 or U+001C inside a string are text.

    Most lines of a catalog are in msgcat's canonical form (``msgid "..."``, a lone
    ``"..."``, a comment); those take a shorter road to the same scanner calls that
    ``_Scanner.line`` would make, and every other line goes through ``_Scanner.line``.
    """
    scanner = _Scanner(path)
    # with no NUL and no U+0004 anywhere in the file, a string without escapes needs no
    # further test (``_checked`` could not refuse it)
    plain_ok = NUL not in text and CONTEXT_SEPARATOR not in text
    if plain_ok and "\\\n" not in text:  # physical lines are the logical lines
        lineno = _scan_plain(scanner, text, path)
    else:
        lineno = 0
        for lineno, raw in _logical_lines(text):
            _scan_line(scanner, raw, lineno, path, plain_ok)
    scanner.end(lineno)
    catalog = ScannedCatalog(tuple(scanner.entries), {}, tuple(scanner.header_comment))
    header = catalog.header_entry
    if header is not None:
        catalog.metadata.update(_metadata(header.msgstr))
    return catalog


def _scan_plain(scanner: _Scanner, text: str, path: str) -> int:
    """Scan a file without NUL, U+0004 or backslash-newline, line by line as
    ``_scan_line`` does, but an entry in PLAIN_ENTRY_RE's form is taken in one match
    (``_Scanner.plain_entry``: the scanner ends in the state its lines would leave).
    Returns the number of the last line, as ``_logical_lines`` would count it."""
    pos, lineno = 0, 0
    entry_at = PLAIN_ENTRY_RE.match
    while True:
        if text.startswith("#: ", pos) and scanner.state in _CLOSED and not scanner.pending.previous:
            m = entry_at(text, pos)
            if m is not None:
                lineno = scanner.plain_entry(m, lineno)
                pos = m.end()
                if text.startswith("\n", pos):  # the blank line after it: nothing to scan
                    pos += 1
                    lineno += 1
                continue
        end = text.find("\n", pos)
        lineno += 1
        if end < 0:
            _scan_line(scanner, text[pos:], lineno, path, True)
            return lineno
        _scan_line(scanner, text[pos:end], lineno, path, True)
        pos = end + 1


def _scan_line(scanner: _Scanner, raw: str, lineno: int, path: str, plain_ok: bool) -> None:
    """One logical line: the canonical forms straight to the scanner's calls, any other
    line through ``_Scanner.line``."""
    first = raw[:1]
    if first == "m":
        m = CANONICAL_KEYWORD_RE.match(raw)
        if m is not None:
            inner = m.group(2)
            value = inner if plain_ok and "\\" not in inner else decode_string(inner, path, lineno)
            scanner.keyword(m.group(1), None, value, False, lineno)
            return
    elif first == '"':
        m = CANONICAL_STRING_RE.match(raw)
        if m is not None:
            inner = m.group(1)
            value = inner if plain_ok and "\\" not in inner else decode_string(inner, path, lineno)
            scanner.continuation(value, False, lineno)
            return
    elif first == "#" and raw[1:2] != "~":
        scanner.comment(raw.rstrip(PO_SPACE), lineno)
        return
    elif not raw:
        return
    scanner.line(raw, lineno)


def _occurrences(words: tuple[str, ...]) -> list[tuple[str, str]]:
    """``#: file:12 other`` as polib keeps it: (file, line) with an empty line when absent."""
    out = []
    for word in words:
        name, sep, line = word.rpartition(":")
        out.append((name, line) if sep and line.isdigit() else (word, ""))
    return out


def to_polib(scanned: ScannedCatalog) -> polib.POFile:
    """polib objects for the scanned entries (the only way PO text becomes polib objects)."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.header = "\n".join(scanned.header_comment)
    header = scanned.header_entry
    if header is not None:
        po.metadata = dict(scanned.metadata)
        po.metadata_is_fuzzy = header.fuzzy  # polib writes "#, fuzzy" for any true value
    for e in scanned.entries:
        if e is header:
            continue
        forms = {i: s for i, s in enumerate(e.plural_forms)} if e.msgid_plural is not None else {}
        po.append(polib.POEntry(
            msgid=e.msgid, msgstr="" if forms else e.msgstr, msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural or "", msgstr_plural=forms, obsolete=e.obsolete,
            flags=list(e.flags), tcomment="\n".join(e.tcomments), comment="\n".join(e.comments),
            occurrences=_occurrences(e.references), previous_msgctxt=e.previous[0],
            previous_msgid=e.previous[1], previous_msgid_plural=e.previous[2], linenum=e.line))
    return po


def parse_po(text: str, path: str) -> polib.POFile:
    """Validate and parse PO text into polib objects; errors name the file and line."""
    return to_polib(scan_po(text, path))


CHARSET_RE = re.compile(rb'"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.IGNORECASE)
UTF8_NAMES = frozenset({"utf-8", "utf8", "charset"})  # gettext's template placeholder is CHARSET


def decode_po(raw: bytes, path: str) -> str:
    """A PO file's text with ``\n`` line ends, as gettext reads it.

    UTF-8 (with or without BOM) is read as is. A file in another legal charset named by
    its header (Big5-HKSCS, GB18030, ...) is converted, and its header then says UTF-8,
    because everything l10n writes is UTF-8. A file neither decodes as is a one-line
    CatalogError naming the line of the bad byte and how to convert it.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _decode_declared(raw, path, exc)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(raw: bytes, path: str, error: UnicodeDecodeError) -> str:
    line = raw[: error.start].count(b"\n") + 1
    found = CHARSET_RE.search(raw)
    charset = found.group(1).decode("ascii") if found else ""
    if not charset or charset.lower() in UTF8_NAMES:
        raise CatalogError(f"not valid UTF-8 (byte 0x{raw[error.start]:02x})", path=path, line=line,
                           hint="save the file as UTF-8, or name its charset in the Content-Type header") from None
    try:
        text = raw.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in the Content-Type header", path=path,
                           hint=f"convert it: msgconv --to-code=UTF-8 {path} -o {path}") from None
    except UnicodeDecodeError as exc:
        bad = raw[: exc.start].count(b"\n") + 1
        raise CatalogError(f"not valid {charset} (byte 0x{raw[exc.start]:02x})", path=path, line=bad,
                           hint=f"fix the byte, or convert it: msgconv --to-code=UTF-8 {path} -o {path}") from None
    return re.sub(r'(Content-Type:[^"\n]*charset=)' + re.escape(charset), r"\g<1>UTF-8", text, count=1,
                  flags=re.IGNORECASE)


def _read(path: str | Path) -> str:
    return decode_po(read_bytes(path, CatalogError), str(path))


def read_po(path: str | Path) -> polib.POFile:
    """Read and strictly validate a PO/POT file; errors name the file and line."""
    return parse_po(_read(path), str(path))


def scan_po_file(path: str | Path) -> ScannedCatalog:
    """Read and validate a PO file without building polib objects (the check path)."""
    return scan_po(_read(path), str(path))
