"""Issue 16: the glossary matcher and the checks it feeds give today's outputs byte for
byte (``tests/glossary_golden.py`` says what is recorded and how to regenerate it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import glossary_golden as golden


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    del tmp_path_factory  # all_outputs makes and removes its own work folder
    return golden.all_outputs()


def _names() -> list[str]:
    return sorted(p.name.removesuffix(".gz") for p in golden.GOLDEN.iterdir()
                  if p.name.startswith(("check-", "update-", "match.")))


def test_every_output_has_a_golden_file(outputs: dict[str, str]) -> None:
    assert sorted(outputs) == _names()


@pytest.mark.parametrize("name", _names())
def test_output_equals_golden(outputs: dict[str, str], name: str) -> None:
    expected = golden.read_golden(name)
    got = outputs[name]
    if got != expected:  # name the first differing line, not a 2 MB diff
        for n, (a, b) in enumerate(zip(got.splitlines(), expected.splitlines(), strict=False), 1):
            assert a == b, f"{name}:{n} differs"
    assert got == expected


def test_golden_files_are_not_trivial() -> None:
    """The recorded outputs hold findings of every glossary kind and real comments."""
    stress = golden.read_golden("check-stress-hant.txt")
    for kind in ("must be rendered", "must stay", "not found; check", "before the full"):
        assert kind in stress
    assert "glossary: Cyberport = 數碼港" in golden.read_golden("update-zh-Hant-HK.txt")
    assert Path(golden.GOLDEN / "match.jsonl.gz").stat().st_size > 10_000
