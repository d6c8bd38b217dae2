"""Plain text reader: blank lines separate paragraphs; lines inside one are joined."""

from __future__ import annotations

from ..model import BlockKind
from . import Block


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.split("\n")
    start: int | None = None
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = i
            continue
        if start is not None:
            body = " ".join(ln.strip() for ln in lines[start:i])
            blocks.append(Block(BlockKind.PARAGRAPH, body, (), start + 1, i))
            start = None
    return blocks
