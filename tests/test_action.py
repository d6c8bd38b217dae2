"""The GitHub Action's steps (``action.yml`` -> ``scripts/action_check.py``), run in a
subprocess as the runner runs them: inputs as ``INPUT_*`` variables, ``GITHUB_OUTPUT`` and
``GITHUB_STEP_SUMMARY`` pointing at temp files."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "action_check.py"
PREVIOUS_STEP = "## Build\n\nearlier step's summary\n"

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: zh_Hant_HK\\n"\n\n')
FUND = ('msgid "The Government will inject HK$44.3 billion into the Future Fund."\n'
        'msgstr "政府將向未來基金注資443億港元。"\n')
DRAFT = ('\n#, fuzzy\nmsgid "Applications open on 3 June | July."\n'
         'msgstr "6月30日開始接受申請。"\n')


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "good.po").write_text(HEADER + FUND + DRAFT, encoding="utf-8")
    (tmp_path / "bad.po").write_text(HEADER + FUND.replace("443億", "453億"), encoding="utf-8")
    shutil.copy(REPO / "tests" / "data" / "tm" / "garbage.po", tmp_path / "garbage.po")
    (tmp_path / "summary.md").write_text(PREVIOUS_STEP, encoding="utf-8")
    (tmp_path / "output.txt").write_text("", encoding="utf-8")
    return tmp_path


def _step(workspace: Path, step: str, *extra: str, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    env.update(GITHUB_OUTPUT=str(workspace / "output.txt"),
               GITHUB_STEP_SUMMARY=str(workspace / "summary.md"),
               GITHUB_ACTION_PATH=str(REPO), GITHUB_ACTION_REPOSITORY="example/l10n",
               GITHUB_SERVER_URL="https://github.com")
    return subprocess.run([sys.executable, str(SCRIPT), step, *extra], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def _outputs(workspace: Path) -> dict[str, str]:
    lines = (workspace / "output.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def _summary(workspace: Path) -> str:
    text = (workspace / "summary.md").read_text(encoding="utf-8")
    assert text.startswith(PREVIOUS_STEP)  # appended, never overwritten
    ours = text[len(PREVIOUS_STEP):]
    assert ours.count("## l10n check") <= 1  # l10n's own table or the script's, never both
    return ours


def test_errors_fail_the_step_with_annotations_outputs_and_summary(workspace: Path) -> None:
    result = _step(workspace, "check", paths="good.po bad.po", fuzzy="skip")
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    # on the msgstr line (7), not the msgid's (6)
    assert annotations[0].startswith("::error file=bad.po,line=7,title=l10n numbers::HK$44.3 billion")
    assert _outputs(workspace) == {"errors": "1", "warnings": "0", "files": "2"}
    summary = _summary(workspace)
    if not summary.startswith("## l10n check\n\n**"):
        pytest.skip("l10n check --format github now writes the job summary itself (issue 14, item 4)")
    assert summary.startswith("## l10n check\n\n**1 error(s), 0 warning(s)** in 2 file(s); "
                              "2 translated entries checked, 0 untranslated; fuzzy entries: skip.\n")
    rows = [line for line in summary.splitlines() if line.startswith("| bad.po")]
    assert len(rows) == 1
    assert rows[0].startswith("| bad.po | 6 | error | numbers | HK<span>$</span>44.3 billion")  # no maths


def test_clean_catalog_passes(workspace: Path) -> None:
    result = _step(workspace, "check", paths="good.po")
    assert result.returncode == 0, result.stderr
    assert _outputs(workspace) == {"errors": "0", "warnings": "0", "files": "1"}
    assert _summary(workspace).endswith("fuzzy entries: skip.\n\nNo findings.\n")


@pytest.mark.parametrize(("fuzzy", "code", "errors", "warnings"), [
    ("warning", 0, "0", "2"),
    ("error", 1, "2", "0"),
])
def test_fuzzy_policy_input(workspace: Path, fuzzy: str, code: int, errors: str, warnings: str) -> None:
    result = _step(workspace, "check", paths="good.po", fuzzy=fuzzy)
    assert result.returncode == code, result.stderr
    assert (_outputs(workspace)["errors"], _outputs(workspace)["warnings"]) == (errors, warnings)
    rows = [line for line in _summary(workspace).splitlines() if line.startswith("| good.po")]
    assert len(rows) == 2  # "3 June" and "July" each lack their match
    # the msgid's pipe is escaped so the table keeps its columns
    assert all(row.endswith("| Applications open on 3 June \\| July. |") for row in rows)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("action_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_summary_for_an_l10n_that_writes_none(workspace: Path) -> None:
    """The table the script writes itself when the installed l10n writes no job summary
    (a version before issue 14's item 4), made from the JSON report."""
    report = subprocess.run([sys.executable, "-m", "l10n", "check", "--format", "json", "--fuzzy=warning",
                             "good.po", "bad.po"], cwd=workspace, capture_output=True, text=True, check=False)
    table = _load_script().summary_markdown(json.loads(report.stdout), "warning")
    lines = table.splitlines()
    assert lines[:3] == ["## l10n check", "", "**1 error(s), 2 warning(s)** in 2 file(s); 3 translated entries "
                         "checked, 0 untranslated; fuzzy entries: warning."]
    assert lines[4] == "| File | Line | Level | Check | Message | msgid |"
    assert lines[6].startswith("| bad.po | 6 | error | numbers | HK<span>$</span>44.3 billion")
    # a pipe in a msgid is escaped so the table keeps its six columns
    assert [line.endswith("| Applications open on 3 June \\| July. |") for line in lines[7:]] == [True, True]
    clean = _load_script().summary_markdown({"findings": [], "summary": {"files": 1}}, "skip")
    assert clean.endswith("fuzzy entries: skip.\n\nNo findings.\n")


#: Stands in for an l10n whose ``--format github`` writes the job summary itself.
FAKE_L10N = """
import json, os, sys
if "github" in sys.argv:
    with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
        out.write("summary written by l10n\\n")
    print("::error file=bad.po,line=6::wrong")
else:
    print(json.dumps({"findings": [], "summary": {"errors": 1, "warnings": 3, "files": 2}}))
sys.exit(1)
"""


def test_a_summary_written_by_l10n_is_not_written_again(workspace: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fake" / "l10n"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text(FAKE_L10N, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    result = _step(workspace, "check", paths="bad.po")
    assert result.returncode == 1, result.stderr
    assert _summary(workspace) == "summary written by l10n\n"
    assert _outputs(workspace) == {"errors": "1", "warnings": "3", "files": "2"}


def test_unreadable_catalog_exits_2_without_outputs(workspace: Path) -> None:
    result = _step(workspace, "check", paths="good.po garbage.po")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("l10n: error: garbage.po:1:")
    assert _outputs(workspace) == {}
    assert _summary(workspace) == ""


def test_bad_fuzzy_input_exits_2(workspace: Path) -> None:
    result = _step(workspace, "check", paths="good.po", fuzzy="sometimes")
    assert result.returncode == 2
    assert "fuzzy must be one of skip, warning, error" in result.stderr


TORCH = "--index-url https://download.pytorch.org/whl/cpu torch==2.13.0"


@pytest.mark.parametrize(("version", "expected"), [
    ("", [TORCH, f"-c {REPO}/constraints.txt {REPO}"]),
    # a ref of the action's repository, never PyPI's unrelated "l10n"
    ("v0.2.0", [TORCH, "--quiet 'l10n @ git+https://github.com/example/l10n@v0.2.0'"]),
    ("l10n @ https://example.org/l10n-0.2.0-py3-none-any.whl",
     ["'l10n @ https://example.org/l10n-0.2.0-py3-none-any.whl'"]),
])
def test_install_step_commands(workspace: Path, version: str, expected: list[str]) -> None:
    result = _step(workspace, "install", "--dry-run", version=version,
                   torch_index="https://download.pytorch.org/whl/cpu")
    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    assert len(commands) == len(expected)
    for command, tail in zip(commands, expected, strict=True):
        assert command.startswith(f"+ {sys.executable} -m pip install --quiet ")
        assert command.endswith(tail)


def test_action_yml_runs_the_script_with_every_input() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "fuzzy", "python-version", "version", "torch-index", "cache"}
    steps = action["runs"]["steps"]
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    script_steps = {s["run"].rsplit(" ", 1)[1]: s for s in steps if "run" in s}
    assert set(script_steps) == {"install", "check"}
    for step in script_steps.values():
        assert step["run"].startswith('python "$GITHUB_ACTION_PATH/scripts/action_check.py"')
        for name, value in step["env"].items():
            if name == "L10N_CACHE_DIR":
                continue  # see the cache test below
            name = name.removeprefix("INPUT_").lower().replace("_", "-")
            assert value == "${{ inputs." + name + " }}"
    passed = {k for s in script_steps.values() for k in s["env"]} - {"L10N_CACHE_DIR"}
    assert passed == {"INPUT_VERSION", "INPUT_TORCH_INDEX", "INPUT_PATHS", "INPUT_FUZZY"}
    check_id = script_steps["check"]["id"]
    assert {k: v["value"] for k, v in action["outputs"].items()} == {
        key: "${{ steps." + check_id + ".outputs." + key + " }}" for key in ("errors", "warnings", "files")}


def test_action_keeps_the_cache_folder_the_check_uses() -> None:
    """The folder actions/cache restores is the one the check step names in
    L10N_CACHE_DIR, restored before the check, and both follow the ``cache`` input (off:
    no restore, and an empty L10N_CACHE_DIR, which turns l10n's caching off)."""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    cached = [i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@")]
    checked = [i for i, s in enumerate(steps) if s.get("id") == "check"]
    assert len(cached) == 1 and len(checked) == 1 and cached[0] < checked[0]
    restore, check = steps[cached[0]], steps[checked[0]]
    assert restore["if"] == "inputs.cache == 'true'"
    folder = restore["with"]["path"]
    assert folder == "${{ runner.temp }}/l10n-cache"
    assert restore["with"]["restore-keys"] and restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert check["env"]["L10N_CACHE_DIR"] == (
        "${{ inputs.cache == 'true' && format('{0}/l10n-cache', runner.temp) || '' }}")
    assert action["inputs"]["cache"]["default"] == "true"
