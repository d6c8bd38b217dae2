"""Shared helpers for the mt tests: one real test package per session, and a fake MT."""

from __future__ import annotations

import re
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from mtpkg import build_argos_package

from l10n.mt.engine import Hypothesis
from l10n.mt.protect import PlaceholderStyle

_BUILT: dict[tuple[Path, str, str], Path] = {}


def session_package(factory: pytest.TempPathFactory, *, target_prefix: str = "",
                    version: str = "0.0.1") -> Path:
    """Build the small real package once per session (per variant) and reuse it."""
    key = (factory.getbasetemp(), target_prefix, version)
    if key not in _BUILT:
        dest = factory.mktemp(f"argos-{target_prefix.strip('_') or 'plain'}-{version}")
        _BUILT[key] = build_argos_package(dest, version=version, target_prefix=target_prefix)
    return _BUILT[key]


class FakeTranslator:
    """A Translator that "translates" with a table and copies what it does not know."""

    placeholder_style = PlaceholderStyle.LATIN_CAPS

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table = table or {}
        self.calls: list[list[str]] = []

    @property
    def name(self) -> str:
        return "fake en→zh"

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            value = text
            for english, chinese in self.table.items():
                value = value.replace(english, chinese)
            out.append(Hypothesis(value, -1.0))
        return out


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on localhost (no network) and yield its base URL."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


_FAKE_AMOUNT = re.compile(r"HK\$(\d+(?:\.\d+)?) billion|\d[\d,]*(?:\.\d+)?")


def install_fake_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for ``l10n.numbers`` (extract_en, render_zh) with a tiny, known behaviour.

    Protection tests then check the mechanics on their own; a separate test runs
    the real module once it exists.
    """
    from l10n.model import Quantity, QuantityKind

    def extract_en(text: str) -> list[Quantity]:
        found = []
        for m in _FAKE_AMOUNT.finditer(text):
            if m.group(1):
                value = Fraction(m.group(1)) * 10**9
                found.append(Quantity(value, QuantityKind.MONEY, m.group(0), m.start(),
                                      m.end(), currency="HKD"))
            else:
                value = Fraction(m.group(0).replace(",", ""))
                found.append(Quantity(value, QuantityKind.COUNT, m.group(0), m.start(), m.end()))
        return found

    def render_zh(q: Quantity, *, traditional: bool) -> str:
        if q.kind is QuantityKind.MONEY:
            hundred_millions = q.value / 10**8
            number = f"{float(hundred_millions):g}"
            return f"{number}{'億' if traditional else '亿'}港元"
        return q.text

    fake = types.ModuleType("l10n.numbers")
    fake.extract_en = extract_en  # type: ignore[attr-defined]
    fake.render_zh = render_zh  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "l10n.numbers", fake)
