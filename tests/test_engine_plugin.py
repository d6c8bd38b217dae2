"""Adding a machine translation engine is one class plus one registry line (issue 11, item 4).

The worked example: ``EchoEngine``, a stand-in for an OpenAI-compatible local server
or NLLB through CTranslate2. It is registered here, chosen by name through the same
path ``l10n run`` (``[mt] engine``) and ``l10n translate`` (``--engine``) use, and its
drafts reach the catalogs, the zh-Hant ones through the OpenCC wrapper like Argos's.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n import provenance
from l10n.config import settings_from_mapping
from l10n.errors import ConfigError, ModelMissing
from l10n.locales import parse_locale
from l10n.mt import ENGINES, Hypothesis, PlaceholderStyle, Translator, default_engines, engine_names
from l10n.pofile import read_po
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
TOKEN = re.compile(r"(?:QXZ|ZQX|XZQ)[A-Z]{2}")
ENGINE_NAME = "echo"
HK_PO = Path("locales/zh_Hant_HK/LC_MESSAGES/lab.po")
CN_PO = Path("locales/zh_Hans_CN/LC_MESSAGES/lab.po")


class EchoEngine:
    """The whole engine: a constructor the registry can call, a name, a placeholder style
    and ``translate_batch``. It serves Simplified Chinese only (``zh``) and keeps every
    token, so zh-Hant is routed through the OpenCC wrapper."""

    placeholder_style = PlaceholderStyle.LATIN_CAPS
    built: list[tuple[str, str, int]] = []

    def __init__(self, from_code: str, to_code: str, *, beam_size: int) -> None:
        if to_code != "zh":
            raise ModelMissing(f"echo serves en→zh only, not {to_code}")
        self.to_code = to_code
        EchoEngine.built.append((from_code, to_code, beam_size))

    @property
    def name(self) -> str:
        return f"echo {self.to_code}"

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        return [Hypothesis("回声发布" + " ".join(TOKEN.findall(text)) + "。", 0.0) for text in texts]


@pytest.fixture
def echo(monkeypatch: pytest.MonkeyPatch) -> type[EchoEngine]:
    """The registry line, undone after the test."""
    monkeypatch.setitem(ENGINES, ENGINE_NAME, EchoEngine)
    EchoEngine.built = []
    return EchoEngine


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    (tmp_path / "releases").mkdir()
    shutil.copy(data_dir / "foundation" / "release.md", tmp_path / "releases" / "lab.md")
    (tmp_path / "pipeline").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(batch: Path, mt: str) -> None:
    (batch / "pipeline" / "nightly.toml").write_text(
        f'[sources]\npaths = ["releases"]\n[glossary]\npath = ""\n[mt]\n{mt}\n', encoding="utf-8")


def _routes(po_file: Path) -> set[str]:
    """The machine-translation provenance lines of a catalog's live entries (contact
    labels aside: they are rendered by rule, without an engine)."""
    live = [e for e in read_po(po_file)
            if e.msgid and not e.obsolete and not provenance.has(e.comment, provenance.Origin.RULE)]
    assert live and all(e.msgstr and e.fuzzy for e in live)
    return {c for e in live for c in e.comment.split("\n") if c.startswith("machine translation:")}


def test_the_example_satisfies_the_protocol() -> None:
    assert isinstance(EchoEngine("en", "zh", beam_size=1), Translator)
    with pytest.raises(ModelMissing):
        EchoEngine("en", "zt", beam_size=1)


def test_run_uses_the_engine_named_in_the_configuration(batch: Path, echo: type[EchoEngine], cli: Cli) -> None:
    _config(batch, f'engine = "{ENGINE_NAME}"\nbeam_size = 2')
    r = cli("run")
    assert r.code in (0, 1), r.err  # 1: the checks flag the echo drafts, as they should
    assert _routes(batch / CN_PO) == {"machine translation: echo zh"}
    assert _routes(batch / HK_PO) == {"machine translation: echo zh + OpenCC s2hk"}
    hk = read_po(batch / HK_PO)
    assert all("回聲發佈" in e.msgstr for e in hk  # through the OpenCC wrapper (contact labels: by rule)
               if e.msgid and not e.obsolete and not provenance.has(e.comment, provenance.Origin.RULE))
    assert ("en", "zh", 2) in echo.built  # the beam size reached the factory


def test_translate_uses_the_engine_named_on_the_command_line(batch: Path, echo: type[EchoEngine],
                                                             cli: Cli) -> None:
    _config(batch, "enabled = false")
    assert cli("run").code in (0, 1)  # catalogs with no drafts
    r = cli("translate", "--engine", ENGINE_NAME, "--beam-size", "3")
    assert r.code == 0, r.err
    assert _routes(batch / CN_PO) == {"machine translation: echo zh"}
    assert _routes(batch / HK_PO) == {"machine translation: echo zh + OpenCC s2hk"}
    assert echo.built and all(beam == 3 for _, _, beam in echo.built)


def test_a_pair_the_engine_cannot_serve_is_reported_missing(echo: type[EchoEngine]) -> None:
    engines = default_engines(engine=ENGINE_NAME, hant_route="zt")
    assert engines.route(parse_locale("zh-Hant-HK")) is None
    assert engines.missing == ["en→zt"]
    assert engines.route(parse_locale("zh-Hans-CN")) is not None


@pytest.mark.parametrize("where", ["config", "flag"])
def test_an_unknown_engine_is_one_line_and_exit_2(batch: Path, cli: Cli, where: str) -> None:
    if where == "config":
        _config(batch, 'engine = "nllb"')
        r = cli("run")
    else:
        _config(batch, "enabled = false")
        cli("run")
        r = cli("translate", "--engine", "nllb")
    lines = r.err.strip().splitlines()
    assert r.code == 2 and len(lines) == 1, r.err
    assert "unknown" in lines[0] and "'nllb'" in lines[0] and "known engines: argos" in lines[0]


def test_the_configuration_accepts_only_registered_engines(echo: type[EchoEngine]) -> None:
    assert settings_from_mapping({}).mt_engine == "argos"
    assert settings_from_mapping({"mt": {"engine": ENGINE_NAME}}).mt_engine == ENGINE_NAME
    assert engine_names() == ("argos", ENGINE_NAME)
    with pytest.raises(ConfigError, match="mt.engine must be str"):
        settings_from_mapping({"mt": {"engine": 3}})
    del ENGINES[ENGINE_NAME]  # monkeypatch restores it; the name is refused without its line
    with pytest.raises(ConfigError, match="unknown engine 'echo'"):
        settings_from_mapping({"mt": {"engine": ENGINE_NAME}})
