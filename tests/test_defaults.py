"""Defaults are written once, in ``l10n.defaults``; the settings, the commands' flags and
the library's keyword defaults all read them there."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from l10n import defaults
from l10n.commands import build as build_cmd
from l10n.commands import translate as translate_cmd
from l10n.config import Settings
from l10n.mt.engine import BEAM_SIZE
from l10n.mt.registry import DEFAULT_ENGINE
from l10n.tm import DEFAULT_THRESHOLD, DEFAULT_TM_PATH

L10N = Path(__file__).resolve().parents[1] / "l10n"


def _parse(module, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    module.add_parser(parser.add_subparsers())
    return parser.parse_args(argv)


def test_settings_defaults_are_the_defaults_module() -> None:
    s = Settings()
    assert [loc.tag for loc in s.locales] == list(defaults.TARGET_LOCALES)
    assert (s.locales_dir, s.out_dir, s.state_dir) == (defaults.LOCALES_DIR, defaults.OUT_DIR, defaults.STATE_DIR)
    assert (s.tm_path, s.tm_fuzzy_threshold) == (defaults.TM_PATH, defaults.FUZZY_THRESHOLD)
    assert (s.mt_beam_size, s.mt_engine, s.hant_route) == (defaults.BEAM_SIZE, defaults.MT_ENGINE, defaults.HANT_ROUTE)


def test_library_and_command_defaults_match_the_settings() -> None:
    s = Settings()
    library = (DEFAULT_TM_PATH, DEFAULT_THRESHOLD, BEAM_SIZE, DEFAULT_ENGINE)
    assert library == (s.tm_path, s.tm_fuzzy_threshold, s.mt_beam_size, s.mt_engine)
    t = _parse(translate_cmd, ["translate"])
    assert (t.tm, t.beam_size, t.engine, t.locales_dir) == (s.tm_path, s.mt_beam_size, s.mt_engine, s.locales_dir)
    b = _parse(build_cmd, ["build", "x.md"])
    assert (b.out, b.locales_dir) == (s.out_dir, s.locales_dir)


#: A default typed as a literal: the TM file name, the threshold, the beam width, the
#: engine name, the output folders, the pair of target locales.
LITERAL_DEFAULT = re.compile(
    r'tm\.sqlite|=\s*0\.75\b|default=4\b|beam_size: int = 4\b|=\s*"argos"|_ROUTE\s*=\s*"auto"'
    r'|Path\("(?:out|locales|\.l10n|samples|glossary/terms\.tbx)"\)|"zh-Hant-HK", "zh-Hans-CN"\)')


@pytest.mark.parametrize("path", sorted(p for p in L10N.rglob("*.py") if p.name != "defaults.py"),
                         ids=lambda p: str(p.relative_to(L10N)))
def test_no_default_is_typed_outside_the_defaults_module(path: Path) -> None:
    """Before: the target locales, TM path, threshold and beam size were typed in three or
    four places each (config, the commands, tm, mt)."""
    hits = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if LITERAL_DEFAULT.search(line) and not line.lstrip().startswith(("#", '"', "'"))]
    assert hits == []
