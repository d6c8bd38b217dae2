"""A fake translator for stage tests: deterministic, counts its calls, keeps tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from l10n.mt import Hypothesis
from l10n.mt.protect import PlaceholderStyle

TOKEN = re.compile(r"(?:QXZ|ZQX|XZQ)[A-Z]{2}")


@dataclass
class FakeTranslator:
    """Returns a pseudo-Chinese draft that keeps every placeholder token in place."""

    code: str = "zh"
    calls: list[list[str]] = field(default_factory=list)
    drop_tokens: bool = False
    placeholder_style = PlaceholderStyle.LATIN_CAPS

    @property
    def name(self) -> str:
        return f"fake en→{self.code} 0.0"

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            kept = TOKEN.findall(text)
            if self.drop_tokens:
                kept = kept[1:]
            out.append(Hypothesis("译文" + " ".join(kept) + "。", 0.0))
        return out


def fake_engines(translators: dict[str, FakeTranslator]):
    from l10n.errors import ModelMissing
    from l10n.translate import Engines

    def factory(src: str, dst: str) -> FakeTranslator:
        if dst not in translators:
            raise ModelMissing(f"no {src}→{dst} model")
        return translators[dst]

    return Engines(factory)
