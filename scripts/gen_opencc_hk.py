"""Generate ``l10n/data/opencc_hk/``: what the ``script`` check needs to convert most Hong
Kong text without loading OpenCC's full ``s2hkp`` dictionaries.

Why: loading ``s2hkp`` reads STPhrases (49,000 phrases, 927 KB) and takes 0.1–0.8 s, more
than checking a small catalog. But on Traditional text almost none of it can apply:
OpenCC only changes a text where one of its dictionary keys *occurs* and maps to something
else. So, from the installed OpenCC's own dictionaries, this script writes:

* ``prefilter.txt``: first line, every character that a one-character key changes (in
  any dictionary of ``s2hkp``); then one line per longer key that changes its text and
  holds none of those characters. A text with none of those characters and none of those
  keys is left unchanged by ``s2hkp``: no OpenCC call is needed at all.
* ``s2hkp.json`` and its dictionaries: ``s2hkp`` with the dictionaries that read the
  *original* text (normalisation, segmentation, the first conversion step) cut down to
  the keys without such a character (11,000 instead of 49,000 phrases). Every key that
  can occur in a text without such a character is kept, so on such a text segmentation
  and conversion are those of ``s2hkp`` itself; later steps read the first step's output
  and keep their dictionaries whole. Loading it takes a tenth of the time.

Run it again after upgrading OpenCC (``tests/test_check_script_data.py`` regenerates the
files and compares them, so they cannot go stale silently)::

    python scripts/gen_opencc_hk.py [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from l10n.fsio import write_atomic

#: Where the check reads the files (package data).
OUT = Path(__file__).resolve().parent.parent / "l10n" / "data" / "opencc_hk"
CONFIG = "s2hkp.json"
PREFILTER = "prefilter.txt"


def opencc_paths() -> tuple[Path, Path, dict[str, str]]:
    """(the opencc_dict tool, OpenCC's share folder, the environment the tool needs)."""
    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        raise SystemExit(f"{tool}: OpenCC's opencc_dict tool is not in this OpenCC install")
    return tool, clib / "share" / "opencc", dict(os.environ, LD_LIBRARY_PATH=str(clib / "lib64"))


def _dicts(node: Any) -> Iterator[dict[str, Any]]:
    """Every file dictionary under a config node (groups opened)."""
    if isinstance(node, dict):
        if "file" in node:
            yield node
        for value in node.values():
            yield from _dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dicts(value)


def _read(tool: Path, env: dict[str, str], path: Path, tmp: Path) -> list[tuple[str, str]]:
    """(key, candidates) lines of an .ocd2 dictionary, in the dictionary's order."""
    out = tmp / (path.stem + ".txt")
    subprocess.run([str(tool), "-i", str(path), "-o", str(out), "-f", "ocd2", "-t", "text"],
                   check=True, env=env, capture_output=True)
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        rows.append((key, values))
    return rows


def generate(out: Path) -> None:
    """Write the prefilter, the reduced config and its dictionaries into ``out``."""
    tool, share, env = opencc_paths()
    config = json.loads((share / CONFIG).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = sorted({d["file"] for d in _dicts(config)})
        rows = {name: _read(tool, env, share / name, tmp) for name in files}
        changing: set[str] = set()  # characters a one-character key changes
        longer: set[str] = set()  # longer keys that change their text
        for entries in rows.values():
            for key, values in entries:
                if values.split(" ")[0] == key:
                    continue
                (changing if len(key) == 1 else longer).add(key)
        keys = sorted(k for k in longer if changing.isdisjoint(k))
        # the dictionaries that read the original text may drop keys that cannot occur in it
        first = {d["file"] for part in ("normalization", "segmentation") for d in _dicts(config.get(part))}
        first |= {d["file"] for d in _dicts(config["conversion_chain"][0])}
        # normalisation maps only characters the prefilter sends to the full s2hkp: dropped
        normalising = {d["file"] for d in _dicts(config.get("normalization"))}
        if not any(changing.isdisjoint(k) for name in normalising for k, _v in rows[name]):
            config.pop("normalization", None)
            files = [name for name in files if name not in normalising]
        for name in files:
            kept = [(k, v) for k, v in rows[name] if name not in first or changing.isdisjoint(k)]
            text = tmp / (Path(name).stem + ".kept.txt")
            text.write_text("".join(f"{k}\t{v}\n" for k, v in kept), encoding="utf-8")
            built = tmp / name
            subprocess.run([str(tool), "-i", str(text), "-o", str(built), "-f", "text", "-t", "ocd2"],
                           check=True, env=env, capture_output=True)
            write_atomic(out / name, built.read_bytes(), make_parents=True)
        write_atomic(out / CONFIG, json.dumps(config, ensure_ascii=False, indent=2) + "\n", make_parents=True)
        write_atomic(out / PREFILTER, "".join(sorted(changing)) + "\n" + "".join(k + "\n" for k in keys),
                     make_parents=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args(argv)
    generate(args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
