"""What a command imports (issue 16): the pre-commit ``l10n check`` of one small file and
``l10n --version`` load no translation engine, no date library and no other command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests import glossary_golden as golden

#: Modules a check never needs: the MT engines, their NLP stack, and Babel (dates of
#: determined text are rendered by extract/update, not checked).
NOT_FOR_CHECK = ("ctranslate2", "argostranslate", "torch", "stanza", "sentencepiece", "babel")


#: Runs the command line and lists, at exit, every module the process imported.
_LIST_MODULES = ("import atexit, sys\n"
                 "atexit.register(lambda: print(*sorted(sys.modules), sep='\\n', file=sys.stderr))\n"
                 "from l10n.cli import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")


def _imported(args: list[str], cwd: Path) -> set[str]:
    run = subprocess.run([sys.executable, "-c", _LIST_MODULES, *args], cwd=cwd,
                         capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1), run.stderr
    return set(run.stderr.split())


def test_check_of_one_file_imports_no_engine(tmp_path: Path) -> None:
    catalog = tmp_path / "sample.po"
    catalog.write_bytes((golden.INPUTS / "sample-hant-lab.po").read_bytes())
    modules = _imported(["check", catalog.name, "--glossary", str(golden.TERMS)], tmp_path)
    assert "l10n.numbers.compare" in modules and "l10n.glossary.match" in modules
    loaded = {m for m in modules if m.split(".")[0] in NOT_FOR_CHECK}
    assert not loaded
    commands = {m for m in modules if m.startswith("l10n.commands.")
                and not m.rsplit(".", 1)[-1].startswith("_")}  # helpers (_common) are no command
    assert commands == {"l10n.commands.check"}


def test_version_imports_no_command(tmp_path: Path) -> None:
    modules = _imported(["--version"], tmp_path)
    assert "l10n.cli" in modules
    assert not {m for m in modules if m.startswith("l10n.commands")}
