"""What ``l10n check`` imports at start-up in a project with a configuration (issue 16,
the pre-commit case: the hook runs at the repository's root, where the configuration
is). The configuration is read and checked whole, as before, without importing the
modules whose names it checks against: the MT package, the source format readers and
the sentence segmenter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from l10n import defaults
from l10n.errors import ConfigError
from tests import glossary_golden as golden

#: Imported only to check one setting's value (the MT package, the format readers, the
#: segmenter), or to read a catalog's Language header (the catalog module and its merge
#: machinery): not for a check.
NOT_FOR_CHECK = ("l10n.mt", "l10n.formats", "l10n.segment", "pysbd", "markdown_it", "lxml", "l10n.catalog")

_LIST_MODULES = ("import atexit, sys\n"
                 "atexit.register(lambda: print(*sorted(sys.modules), sep='\\n', file=sys.stderr))\n"
                 "from l10n.cli import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")

NIGHTLY = Path(__file__).resolve().parent.parent / "pipeline" / "nightly.toml"


def _project(tmp_path: Path, config: str | None) -> Path:
    """A project folder (a repository root) with one catalog, its glossary and ``config``
    as its ``l10n.toml``."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "glossary").mkdir()
    shutil.copy(golden.TERMS, tmp_path / "glossary" / "terms.tbx")
    (tmp_path / "sample.po").write_bytes((golden.INPUTS / "sample-hant-lab.po").read_bytes())
    if config is not None:
        (tmp_path / "l10n.toml").write_text(config, encoding="utf-8")
    return tmp_path


def _imported(cwd: Path) -> set[str]:
    """The modules of a check run with warm caches (their own folder, filled by a first
    run: on a cold cache the term base is parsed, which imports lxml)."""
    env = {**os.environ, "L10N_CACHE_DIR": str(cwd.parent / f"{cwd.name}-cache")}
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", _LIST_MODULES, "check", "sample.po"], cwd=cwd,
                             capture_output=True, text=True, check=False, env=env)
        assert run.returncode in (0, 1), run.stderr
    return set(run.stderr.split())


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(f"{n}.") for n in NOT_FOR_CHECK)}


def test_a_configured_project_s_check_imports_no_engine_reader_or_segmenter(tmp_path: Path) -> None:
    nightly = NIGHTLY.read_text(encoding="utf-8").replace('paths = ["samples"]', 'paths = ["."]')
    modules = _imported(_project(tmp_path, nightly))
    assert "l10n.config" in modules  # the configuration was read
    assert not _heavy(modules)


def test_an_unconfigured_check_reads_no_toml(tmp_path: Path) -> None:
    modules = _imported(_project(tmp_path, None))
    assert not _heavy(modules)
    assert "l10n.config" not in modules and "tomllib" not in modules


@pytest.mark.parametrize(("key", "value", "message"), [
    ("sources.segmentation", '"word"', "sources.segmentation must be one of: sentence, paragraph"),
    ("mt.hant_route", '"zz"', "mt.hant_route must be auto, zt or s2hk"),
])
def test_settings_checked_without_their_modules_still_refuse_bad_values(key: str, value: str, message: str) -> None:
    from l10n.config import settings_from_mapping

    section, name = key.split(".")
    with pytest.raises(ConfigError, match=message):
        settings_from_mapping({section: {name: tomllib.loads(f"v = {value}")["v"]}})


def test_the_values_checked_are_the_modules_own() -> None:
    from l10n.formats import AUTO_ROOT
    from l10n.lang.zh import HANT_ROUTES
    from l10n.mt.routes import HANT_ROUTES as MT_HANT_ROUTES
    from l10n.segment import PARAGRAPH_SEGMENTATION, SEGMENTATIONS, SENTENCE_SEGMENTATION

    assert SEGMENTATIONS == defaults.SEGMENTATIONS == (SENTENCE_SEGMENTATION, PARAGRAPH_SEGMENTATION)
    assert AUTO_ROOT == defaults.AUTO_CONTENT_ROOT == defaults.CONTENT_ROOT
    assert HANT_ROUTES is MT_HANT_ROUTES


def test_a_content_root_selector_is_still_checked() -> None:
    from l10n.config import settings_from_mapping

    with pytest.raises(ConfigError):
        settings_from_mapping({"sources": {"content_root": "main >>> ["}})
    assert settings_from_mapping({"sources": {"content_root": "#content"}}).content_roots == (("", "#content"),)


_FREEZE_COUNT = ("import atexit, gc, sys\n"
                 "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
                 "from l10n.cli import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")


def test_a_check_leaves_its_objects_to_the_os_at_exit(tmp_path: Path) -> None:
    """Frozen at exit (the caches' exit handlers, registered earlier, run after it and
    still save), with the report written whole to standard output and to ``-o``."""
    project = _project(tmp_path, None)
    run = subprocess.run([sys.executable, "-c", _FREEZE_COUNT, "check", "sample.po", "--format", "json",
                          "-o", "report.json"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr.splitlines()[-1] == "frozen True"
    assert (project / "report.json").read_text(encoding="utf-8") == run.stdout
