"""Typed errors. The library raises them; only ``cli.main`` prints them and exits 2."""

from __future__ import annotations


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
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

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


class LockHeld(L10nError):
    """Another run holds the lock."""
