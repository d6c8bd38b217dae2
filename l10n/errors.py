"""Typed errors. The library raises them; only ``cli.main`` prints them and exits 2."""

from __future__ import annotations

import re

#: Characters a terminal or CI log may act on instead of showing: C0/C1 controls (ESC starts
#: ANSI/OSC sequences), DEL, the line and paragraph separators, bidi overrides ("Trojan
#: source"), lone surrogates and the two non-characters XML cannot hold.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control or invisible-direction character shown as ``\\x1b`` or
    ``\\u2028``, so user input printed to a terminal, a CI log or XML cannot move the
    cursor, recolour, retitle, split lines or reorder text. Characters in ``keep`` (say
    ``"\\n"`` for a multi-line body) pass through."""
    if text.isprintable():
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


class L10nError(Exception):
    """An error a person can act on: what is wrong, where, and what to do."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def format_message(self) -> str:
        """One line: path, line, message and hint, with control characters escaped (a
        path or value from the user must not reach the terminal raw)."""
        where = ""
        if self.path:
            path = visible(self.path)
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        hint = f" ({visible(self.hint)})" if self.hint else ""
        return f"{where}{visible(self.message)}{hint}"

    def __str__(self) -> str:
        return self.format_message()


class InputError(L10nError):
    """A source document or argument that cannot be read or understood."""


class CatalogError(L10nError):
    """A PO/POT file that is malformed or inconsistent."""


class GlossaryError(L10nError):
    """A term base that is malformed, hostile or invalid."""


class ModelMissing(L10nError):
    """No installed translation model for a language pair."""


class ModelError(L10nError):
    """A translation package that is corrupt, foreign or cannot be loaded."""


class ConfigError(L10nError):
    """A configuration file or value that is invalid."""


class OutputError(L10nError):
    """A file or folder we were asked to write that cannot be written (missing folder, disk
    full, read-only, a folder where a file is expected, ...): nothing was changed."""


class LockHeld(L10nError):
    """Another run holds the lock."""
