"""The command line's logging set-up (issue 16, the pre-commit case): ``logging`` is
configured the moment it is first imported, with the level and format it always had, and
a check that logs nothing does not import it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from l10n.usercache import CACHE_ENV
from tests import glossary_golden as golden

#: One concept without a Simplified Chinese rendering: a warning the TBX reader logs (at
#: debug level) and the glossary cache logs again when it serves the term base.
WARNING_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text><body>
    <termEntry id="software">
      <langSet xml:lang="en"><tig><term>software</term></tig></langSet>
      <langSet xml:lang="zh-Hant-HK"><tig><term>軟件</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

#: Configures logging before it is loaded, then loads it and logs; prints what it found.
_DEFERRED = """
import io, sys
from l10n.cli import DEBUG, configure_logging
stream = io.StringIO()
configure_logging(DEBUG, stream)
assert "logging" not in sys.modules
import logging
logging.getLogger("l10n.x").debug("one %s", 1)
logging.getLogger("l10n.x").info("two")
print(repr(stream.getvalue()))
print(logging.root.level, len(logging.root.handlers), logging.root.handlers[0].stream is stream)
print(any(type(f).__name__ == "_ConfigureOnImport" for f in sys.meta_path))
print(type(logging.__loader__).__name__, "exec_module" in vars(logging.__loader__))
"""


def _python(code: str, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
                          cwd=cwd, env=env)


def test_logging_imported_later_is_configured_as_at_start() -> None:
    run = _python(_DEFERRED)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["'DEBUG: one 1\\nINFO: two\\n'", "10 1 True", "False",
                                       "SourceFileLoader False"]


def test_logging_already_loaded_is_configured_at_once() -> None:
    code = ("import io, logging, sys\nfrom l10n.cli import ERROR, configure_logging\n"
            "stream = io.StringIO()\nconfigure_logging(ERROR, stream)\n"
            "logging.getLogger('a').warning('hidden')\nlogging.getLogger('a').error('shown')\n"
            "print(repr(stream.getvalue()), len(sys.meta_path) == len(set(map(id, sys.meta_path))))\n"
            "print(any(type(f).__name__ == '_ConfigureOnImport' for f in sys.meta_path))\n")
    run = _python(code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["'ERROR: shown\\n' True", "False"]


_LIST_LOGGING = ("import atexit, sys\n"
                 "atexit.register(lambda: print('logging' in sys.modules, file=sys.stderr))\n"
                 "from l10n.cli import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")


def test_a_check_served_from_the_caches_does_not_import_logging(tmp_path: Path) -> None:
    (tmp_path / "sample.po").write_bytes((golden.INPUTS / "sample-hant-lab.po").read_bytes())
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
    argv = ["check", "sample.po", "--glossary", str(golden.TERMS)]
    first = _python(_LIST_LOGGING, *argv, cwd=tmp_path, env=env)  # parses the term base: logs
    second = _python(_LIST_LOGGING, *argv, cwd=tmp_path, env=env)
    assert first.returncode in (0, 1) and second.returncode in (0, 1), second.stderr
    assert second.stderr.splitlines()[-1] == "False"
    assert first.stdout == second.stdout


def test_verbose_check_logs_the_term_base_warnings_parsed_and_cached(tmp_path: Path) -> None:
    (tmp_path / "sample.po").write_bytes((golden.INPUTS / "sample-hant-lab.po").read_bytes())
    (tmp_path / "terms.tbx").write_text(WARNING_TBX, encoding="utf-8")
    expected = f"DEBUG: {tmp_path / 'terms.tbx'}:4: warning: concept 'software' has no zh-Hans-CN rendering"
    for cache in ("", str(tmp_path / "cache"), str(tmp_path / "cache")):  # off, filling, warm
        env = {**os.environ, CACHE_ENV: cache}
        run = subprocess.run([sys.executable, "-m", "l10n", "-v", "check", "sample.po", "--glossary",
                              str(tmp_path / "terms.tbx")], cwd=tmp_path, env=env, capture_output=True,
                             text=True, check=False)
        assert run.returncode in (0, 1), run.stderr
        assert run.stderr.splitlines()[0] == expected
        quiet = subprocess.run([sys.executable, "-m", "l10n", "check", "sample.po", "--glossary",
                                str(tmp_path / "terms.tbx")], cwd=tmp_path, env=env, capture_output=True,
                               text=True, check=False)
        assert "DEBUG" not in quiet.stderr
