"""Golden outputs of everything the glossary matcher feeds (issue 16: a faster matcher
must change no finding and no comment).

Four kinds of output are recorded under ``tests/data/golden/glossary/``, all made with a
frozen copy of the real term base and of the bundled catalogs (``inputs/``), so that a
later edit of ``glossary/terms.tbx`` or of the samples does not move the goalposts:

* ``match.jsonl`` (gzipped, as is any output over 100 kB): for every text of a corpus (the sample catalogs' msgids, the bench
  catalogs' msgids and each glossary form written in a dozen ways: other case, plural,
  possessive, Unicode hyphen, "&" for "and", glued to letters or digits), the hits of
  ``Glossary.match`` and, per locale, the ``#.`` comments and the MT protected spans;
* ``check-<catalog>.txt`` / ``.json``: ``l10n check`` with every check on the bench
  catalogs (2,000 entries each), the bundled sample catalogs, the test fixture catalog
  that parses, and a catalog written to provoke every glossary finding (``stress.po``);
* ``update-<locale>.txt``: the ``#. glossary:`` notes ``l10n update`` writes from the
  bundled templates.

Regenerate (only on purpose, from code whose outputs are right):
``.venv/bin/python -m tests.glossary_golden``.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "glossary"
INPUTS = GOLDEN / "inputs"
TERMS = INPUTS / "terms.tbx"
#: Catalogs written once by ``write_stress`` to provoke every kind of glossary finding.
STRESS = {"zh-Hant-HK": INPUTS / "stress-hant.po", "zh-Hans-CN": INPUTS / "stress-hans.po"}
LOCALES = ("zh-Hant-HK", "zh-Hans-CN")
BENCH_ENTRIES = 2000
#: Msgids of each bench catalog added to the matcher corpus.
BENCH_SAMPLE = 300
#: Outputs larger than this are stored gzipped.
GZIP_OVER = 100_000
#: Frozen copies of the bundled catalogs and templates, the test fixture catalog that
#: parses, and the stress catalogs (bench catalogs are generated into the work folder).
SAMPLE_CATALOGS = ("sample-hant-gii", "sample-hant-lab", "sample-hans-gii", "sample-hans-lab",
                   "fixture-tm-approved")
TEMPLATES = ("gii-cluster-2025.pot", "kowloon-bay-ai-lab-2025.pot")


@contextlib.contextmanager
def _in_folder(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _cli(argv: list[str]) -> str:
    """Run ``l10n`` in-process; its standard output and exit code as one text."""
    from l10n.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return f"{out.getvalue()}[exit {code}]\n"


def _bench_catalogs(folder: Path) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        bench_check = importlib.import_module("bench_check")
        bench_check_gov = importlib.import_module("bench_check_gov")
    finally:
        sys.path.remove(str(ROOT / "bench"))
    ours, gov = folder / "bench.po", folder / "bench-gov.po"
    bench_check.build_catalog(ours, BENCH_ENTRIES, bench_check.SEED)
    bench_check_gov.build_catalog(gov, BENCH_ENTRIES, bench_check_gov.SEED)
    return [("bench", ours), ("bench-gov", gov)]


def _catalogs(folder: Path) -> list[tuple[str, Path]]:
    """Every catalog checked, copied into ``folder`` so reports name them relatively."""
    out = _bench_catalogs(folder)
    for name in SAMPLE_CATALOGS:
        dest = folder / f"{name}.po"
        shutil.copyfile(INPUTS / dest.name, dest)
        out.append((name, dest))
    for path in STRESS.values():
        shutil.copyfile(path, folder / path.name)
        out.append((path.stem, folder / path.name))
    return out


def check_outputs(folder: Path) -> dict[str, str]:
    """``l10n check`` text and JSON reports of every catalog, by golden file name."""
    outputs: dict[str, str] = {}
    catalogs = _catalogs(folder)
    with _in_folder(folder):
        for name, path in catalogs:
            for fmt, ext in (("text", "txt"), ("json", "json")):
                outputs[f"check-{name}.{ext}"] = _cli(
                    ["check", path.name, "--glossary", str(TERMS), "--format", fmt])
    return outputs


def update_outputs(folder: Path) -> dict[str, str]:
    """The ``#. glossary:`` notes of the catalogs ``l10n update`` makes from the templates."""
    import polib

    (folder / "locales").mkdir()
    for name in TEMPLATES:
        shutil.copyfile(INPUTS / name, folder / "locales" / name)
    outputs: dict[str, str] = {}
    with _in_folder(folder):
        _cli(["-q", "update", "--locales-dir", "locales", "--glossary", str(TERMS),
              "--state-dir", ".l10n", *(a for loc in LOCALES for a in ("--locale", loc))])
    for locale in LOCALES:
        lines: list[str] = []
        for name in TEMPLATES:
            po_path = folder / "locales" / locale.replace("-", "_") / "LC_MESSAGES" / Path(name).with_suffix(".po").name
            for entry in polib.pofile(str(po_path)):
                notes = [c for c in entry.comment.splitlines() if c.startswith("glossary:")]
                lines.append(json.dumps([entry.msgctxt, entry.msgid, notes], ensure_ascii=False))
        outputs[f"update-{locale}.txt"] = "\n".join(lines) + "\n"
    return outputs


def _form_variants(text: str) -> list[str]:
    """One glossary form written in ways the matcher's rules treat differently."""
    variants = [text, text.lower(), text.upper(), text.title(), f"{text}s", f"{text}es",
                f"{text}'s", f"{text[:-1]}ies" if text.endswith("y") else f"{text}ies",
                text.replace("-", "\u2011"), text.replace(" and ", " & "),
                f"The {text} said", f"x{text}", f"{text}2", f"{text}-related",
                f"Under {text} for", f"Advisory Committee on {text.title()} Bureau",
                f"see www.{text.replace(' ', '')}.hk or mail {text.split()[0]}@example.hk",
                f"{text}  {text.lower()}\n{text}"]
    return list(dict.fromkeys(variants))


def corpus(extra_catalogs: list[Path]) -> list[str]:
    """Texts the matcher is run on, in a fixed order, without repeats."""
    import polib

    from l10n.glossary import load_glossary

    texts: list[str] = []
    for path in [*(INPUTS / name for name in TEMPLATES),
                 *(INPUTS / f"{name}.po" for name in SAMPLE_CATALOGS), *STRESS.values()]:
        texts.extend(e.msgid for e in polib.pofile(str(path)))
    for path in extra_catalogs:  # generated sentences repeat their shapes: a sample is enough
        texts.extend(e.msgid for e in polib.pofile(str(path))[:BENCH_SAMPLE])
    for term in load_glossary(TERMS).terms:
        for form in term.forms:
            texts.extend(_form_variants(form.text))
    return list(dict.fromkeys(t for t in texts if t))


def match_output(texts: list[str]) -> str:
    """Hits, comments and protected spans of every text, one JSON line each."""
    from l10n.glossary import glossary_comments, load_glossary, protected_spans
    from l10n.locales import parse_locale

    glossary = load_glossary(TERMS)
    locales = [parse_locale(tag) for tag in LOCALES]
    lines = []
    for text in texts:
        hits = [[h.term.concept_id, h.start, h.end, h.text, h.form.text, h.ambiguous]
                for h in glossary.match(text)]
        per_locale = {loc.tag: {"comments": glossary_comments(text, glossary, loc),
                                "protected": [[s.start, s.end, s.rendering]
                                              for s in protected_spans(text, glossary, loc)]}
                      for loc in locales}
        lines.append(json.dumps({"text": text, "hits": hits, "locales": per_locale},
                                ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


def _stress_pairs(locale: str) -> list[tuple[str, str]]:
    """(source, target) pairs for every form: correct, missing, forbidden, short before
    and after the full rendering, altered do-not-translate, inside a longer name."""
    from l10n.glossary import load_glossary
    from l10n.locales import parse_locale

    glossary = load_glossary(TERMS)
    loc = parse_locale(locale)
    pairs: list[tuple[str, str]] = []
    for term in glossary.terms:
        rendering = glossary.rendering(term, loc) or "有關名稱"
        forbidden = [f.text for f in glossary.forbidden(term, loc)]
        shorts = list(glossary.short_forms(term, loc))
        for form in term.forms:
            src = f"The {form.text} will attend the ceremony on 3 May."
            pairs.append((src, "有關方面將於5月4日出席典禮。"))
            if shorts:
                pairs.append((src, f"{shorts[0]}將於5月3日出席典禮。"))
            pairs.append((src, f"{rendering}將於5月3日出席典禮。"))
            if shorts:
                pairs.append((src, f"{shorts[0]}將於5月3日出席典禮。"))
            for bad in forbidden:
                pairs.append((src, f"{bad}將於5月3日出席典禮。"))
                pairs.append((src, f"{rendering}及{bad}將於5月3日出席典禮。"))
            if form.do_not_translate:
                pairs.append((src, f"{form.text.lower()}將於5月3日出席典禮。"))
            pairs.append((f"The {form.text.title()} Advisory Council met {form.text}s today.",
                          f"{rendering}諮詢委員會今日開會。"))
    return pairs


def write_stress() -> None:
    """Write the stress catalogs (once: they are fixtures, not regenerated each run)."""
    import polib

    for locale, path in STRESS.items():
        po = polib.POFile()
        po.metadata = {"Language": locale.replace("-", "_"), "MIME-Version": "1.0",
                       "Content-Type": "text/plain; charset=UTF-8",
                       "Content-Transfer-Encoding": "8bit"}
        for n, (source, target) in enumerate(_stress_pairs(locale)):
            po.append(polib.POEntry(msgctxt=f"s{n:04d}", msgid=source, msgstr=target))
        po.save(str(path))


def all_outputs() -> dict[str, str]:
    """Every golden output by file name (bench catalogs are generated afresh)."""
    with tempfile.TemporaryDirectory() as tmp:
        checks, updates = Path(tmp) / "check", Path(tmp) / "update"
        checks.mkdir()
        updates.mkdir()
        outputs = check_outputs(checks)
        outputs |= update_outputs(updates)
        outputs["match.jsonl"] = match_output(corpus([checks / "bench.po", checks / "bench-gov.po"]))
    return outputs


def read_golden(name: str) -> str:
    """A golden output as text (the large ones are stored gzipped)."""
    gz = GOLDEN / f"{name}.gz"
    if gz.exists():
        return gzip.decompress(gz.read_bytes()).decode("utf-8")
    return (GOLDEN / name).read_text(encoding="utf-8")


def write_golden(name: str, text: str) -> Path:
    data = text.encode("utf-8")
    if len(data) > GZIP_OVER:
        path = GOLDEN / f"{name}.gz"
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path = GOLDEN / name
        path.write_bytes(data)
    return path


def main() -> int:
    if "--stress" in sys.argv:
        write_stress()
    for name, text in all_outputs().items():
        path = write_golden(name, text)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
