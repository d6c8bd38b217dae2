"""Source formats: each one module that reads its files into a Document and writes them back.

A format declares its name and file extensions and provides ``read(data, path)`` (the
file's bytes to a ``Document`` of ``Block``s, see ``l10n.model``) and
``write(document, lookup)`` (the document's bytes with every translation the lookup gives
put back). Nothing outside this package asks which format a file is: extraction
segments ``Document.blocks``, the build calls ``write``.

Adding a format is one module implementing ``FormatHandler`` plus its entry in
``BUILT_IN`` below (or ``register(handler)`` at run time: ``tests/test_format_plugin.py``
adds ``.properties`` files that way). Text formats subclass ``base.TextFormat`` and get
UTF-8, BOM and line-end handling for free.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Protocol

from ..errors import InputError
from ..fsio import read_bytes
from ..model import Document
from .base import Lookup, TextFormat
from .html import AUTO_ROOT, HTML, content_roots, css_to_xpath
from .markdown import MARKDOWN
from .text import TEXT

__all__ = ["AUTO_ROOT", "HTML", "MARKDOWN", "TEXT", "FormatHandler", "Lookup", "TextFormat", "content_roots",
           "css_to_xpath", "handler_for", "handler_named", "read_document", "register", "registered", "unregister"]


class FormatHandler(Protocol):
    """One source format. ``extensions`` are lower case with their dot (``.md``)."""

    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...

    def read(self, data: bytes, path: str) -> Document:
        """The file's blocks; broken input is an InputError naming ``path`` and the line."""
        ...

    def write(self, document: Document, lookup: Lookup) -> bytes:
        """The document with translations in; with none, the source file's own bytes."""
        ...


BUILT_IN: tuple[FormatHandler, ...] = (MARKDOWN, HTML, TEXT)
_BY_EXTENSION: dict[str, FormatHandler] = {}
_BY_NAME: dict[str, FormatHandler] = {}


def register(handler: FormatHandler) -> None:
    """Make ``handler`` the format of its extensions; a name or extension already taken
    by another format is a ValueError (a programming error, not bad input)."""
    taken = [e for e in handler.extensions if _BY_EXTENSION.get(e.lower(), handler) is not handler]
    if taken or _BY_NAME.get(handler.name, handler) is not handler:
        raise ValueError(f"format {handler.name!r}: already registered: {taken or handler.name}")
    _BY_NAME[handler.name] = handler
    for ext in handler.extensions:
        _BY_EXTENSION[ext.lower()] = handler


def unregister(handler: FormatHandler) -> None:
    _BY_NAME.pop(handler.name, None)
    for ext in handler.extensions:
        if _BY_EXTENSION.get(ext.lower()) is handler:
            del _BY_EXTENSION[ext.lower()]


@contextmanager
def registered(handler: FormatHandler) -> Iterator[FormatHandler]:
    """``handler`` registered for the duration of a ``with`` block (tests, plug-in trials)."""
    register(handler)
    try:
        yield handler
    finally:
        unregister(handler)


for _handler in BUILT_IN:
    register(_handler)


def handler_for(path: str | PurePath) -> FormatHandler:
    """The format of a file, by its extension; an unknown one is an InputError listing the known."""
    suffix = PurePath(path).suffix
    handler = _BY_EXTENSION.get(suffix.lower())
    if handler is None:
        known = ", ".join(sorted(_BY_EXTENSION))
        raise InputError(f"unsupported file type {suffix or '(none)'!r}", path=str(path),
                         hint=f"supported: {known}")
    return handler


def handler_named(name: str) -> FormatHandler:
    """The format that read a Document (``Document.format``)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InputError(f"no format named {name!r}", hint=f"known: {', '.join(sorted(_BY_NAME))}") from None


def read_document(path: str | Path) -> Document:
    """Read and parse one source file; the path is kept as given for references."""
    name = str(path)
    handler = handler_for(name)
    return handler.read(read_bytes(path), name)
