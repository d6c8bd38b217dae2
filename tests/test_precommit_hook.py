"""The ``l10n-check`` pre-commit hook, run for real: ``pre-commit try-repo`` against this
repository, in a throw-away git repository holding a good and a bad catalog.

pre-commit comes from PyPI through the test extras (``pip install -e '.[test]'``). try-repo
clones this repository (committed files, plus tracked changes through its temporary
commit), reads ``.pre-commit-hooks.yaml`` and runs the hook as a user's commit would. The
hook is ``language: system``: it runs the ``l10n`` on PATH, here this virtualenv's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: zh_Hant_HK\\n"\n\n')
FUND = ('msgid "The Government will inject HK$44.3 billion into the Future Fund."\n'
        'msgstr "政府將向未來基金注資443億港元。"\n')
#: A draft whose amount is wrong: the hook leaves fuzzy entries out unless told otherwise.
DRAFT = ('\n#, fuzzy\nmsgid "Applications open on 3 June."\n'
         'msgstr "6月30日開始接受申請。"\n')


def _pre_commit_available() -> bool:
    probe = subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True,
                           text=True, check=False)
    return probe.returncode == 0


pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="this checkout is not a git repository"),
    pytest.mark.skipif(not _pre_commit_available(),
                       reason="pre-commit is not installed: pip install -e '.[test]' (pins it)"),
]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "press-office"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "good.po").write_text(HEADER + FUND + DRAFT, encoding="utf-8")
    (repo / "bad.po").write_text(HEADER + FUND.replace("443億", "453億"), encoding="utf-8")
    (repo / "notes.txt").write_text("not a catalog\n", encoding="utf-8")
    _git(repo, "add", ".")
    return repo


def _try_repo(cwd: Path, tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "l10n-check", "--files", *files],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_good_catalog_passes_and_fuzzy_drafts_are_skipped(user_repo: Path, tmp_path: Path) -> None:
    result = _try_repo(user_repo, tmp_path, "good.po")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "l10n check" in result.stdout
    assert "Passed" in result.stdout
    # the draft is wrong on purpose: checked as approved it fails, so the pass is the skip
    strict = subprocess.run([str(BIN / "l10n"), "check", "--fuzzy=error", "good.po"], cwd=user_repo,
                            capture_output=True, text=True, check=False)
    assert strict.returncode == 1
    assert "good.po:10: error: [numbers]" in strict.stdout


def test_bad_catalog_fails_with_the_finding(user_repo: Path, tmp_path: Path) -> None:
    result = _try_repo(user_repo, tmp_path, "good.po", "bad.po")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "bad.po:6: error: [numbers]" in result.stdout
    assert "good.po" not in result.stdout  # only findings are printed, and good.po has none


def test_files_other_than_catalogs_are_not_checked(user_repo: Path, tmp_path: Path) -> None:
    result = _try_repo(user_repo, tmp_path, "notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout
