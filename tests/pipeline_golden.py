"""Golden outputs of ``l10n run`` (issue 16, item 4: a batch whose cost follows its change
must write the same catalogs, documents and report as before).

Two runs of one project are recorded under ``tests/data/golden/run/``: the first run
(every unit drafted by a deterministic translator, checked and built) and a run after one
release changed (a sentence edited, one added); a third run with no change must leave
every byte and mtime of the second. What is recorded is every file under ``locales/`` and
``out/`` and the JSON report; the PO header dates are replaced by a fixed word (they are
the clock's, not the pipeline's). The review site beside the report has its own tests.

The releases are fixtures (``releases/``: the foundation release in three formats and
three releases made by ``bench/bench_pipeline.py``'s generator) and the term base is the
frozen copy in ``tests/data/golden/glossary/inputs/``, so a change to the real term base
does not move the goalposts.

Regenerate (only on purpose, from code whose outputs are right):
``.venv/bin/python -m tests.pipeline_golden``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from l10n.mt import Hypothesis
from tests.fakes import TOKEN, FakeTranslator, fake_engines

DATA = Path(__file__).resolve().parent / "data" / "golden"
GOLDEN = DATA / "run"
RELEASES = GOLDEN / "releases"
TERMS = DATA / "glossary" / "inputs" / "terms.tbx"
STAGES = ("first", "one-change")
#: The edit made between the first and the second run (in ``gen-1.md``).
CHANGED = "gen-1.md"
_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', re.M)


class GoldenTranslator(FakeTranslator):
    """Deterministic drafts of three kinds, so that the draft checks and the final checks
    have something to find: the English kept behind a prefix (untranslated English), the
    placeholder tokens without the first (an amount or a term lost), and the tokens with
    the first one repeated (an amount written twice)."""

    def translate_batch(self, texts: list[str]) -> list[Hypothesis]:
        self.calls.append(list(texts))
        return [Hypothesis(_draft(t), 0.0) for t in texts]


def _draft(text: str) -> str:
    tokens = TOKEN.findall(text)
    kind = sum(map(ord, text)) % 3
    if kind == 0:
        return "译：" + text
    if kind == 1:
        return "译文" + " ".join(tokens[1:]) + "。"
    return "译文" + " ".join(tokens + tokens[:1]) + "。"


def make_project(root: Path, *, extra_config: str = "") -> None:
    """The project the golden runs use, in ``root`` (the caller changes into it)."""
    shutil.copytree(RELEASES, root / "releases")
    (root / "pipeline").mkdir()
    shutil.copy(TERMS, root / "terms.tbx")
    (root / "pipeline" / "nightly.toml").write_text(
        '[sources]\npaths = ["releases"]\n[glossary]\npath = "terms.tbx"\n'
        f'[tm]\npath = ".l10n/tm.sqlite"\n{extra_config}', encoding="utf-8")


def change_one_release(root: Path) -> None:
    path = root / "releases" / CHANGED
    text = path.read_text(encoding="utf-8")
    first_sentence_end = text.index(". ") + 1
    text = (text[:first_sentence_end].replace("September", "October") + text[first_sentence_end:]
            + "\nThe lab will open a second floor with 25 desks in 2026.\n")
    path.write_text(text, encoding="utf-8")


def run_stage(root: Path) -> dict[str, bytes]:
    """One ``l10n run`` with the golden translator and its report; the recorded files."""
    from l10n.config import load_settings
    from l10n.pipeline import run_pipeline, write_report

    settings = load_settings(Path("pipeline/nightly.toml"))
    report = run_pipeline(settings, engines=fake_engines({"zh": GoldenTranslator()}))
    (root / "reports").mkdir(exist_ok=True)
    write_report(root / "reports" / "report.json", report)
    return recorded(root)


def recorded(root: Path) -> dict[str, bytes]:
    files = sorted(p for folder in ("locales", "out") for p in (root / folder).rglob("*") if p.is_file())
    files.append(root / "reports" / "report.json")
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def no_change_is_byte_identical(root: Path) -> bool:
    """A third run with no change rewrites nothing: same bytes and same mtimes."""
    before = {name: (data, (root / name).stat().st_mtime_ns) for name, data in recorded(root).items()}
    run_stage(root)
    return {name: (data, (root / name).stat().st_mtime_ns) for name, data in recorded(root).items()} == before


def render(files: dict[str, bytes]) -> str:
    """One text for a stage: each file's name, then its text with the dates fixed."""
    parts = []
    for name, data in files.items():
        text = data.decode("utf-8")
        if name.endswith((".po", ".pot")):
            text = _DATES.sub(lambda m: f'"{m.group(1)}: <date>\\n"', text)
        parts.append(f"==> {name} <==\n{text}")
    return "".join(parts)


def all_stages(root: Path) -> dict[str, str]:
    """The recorded stages in a fresh project in ``root`` (the current folder must be ``root``)."""
    make_project(root)
    out = {"first": render(run_stage(root))}
    change_one_release(root)
    out["one-change"] = render(run_stage(root))
    return out


def golden_path(stage: str) -> Path:
    return GOLDEN / f"{stage}.txt"


def main() -> None:
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "no-packages")
        root = Path(tmp) / "project"
        root.mkdir()
        os.chdir(root)
        for stage, text in all_stages(root).items():
            golden_path(stage).write_text(text, encoding="utf-8")
            print(f"{golden_path(stage)}: {len(text)} characters")
        assert no_change_is_byte_identical(root)


if __name__ == "__main__":
    main()
