"""How the review site reaches the disk: durable writes in one batch, a manifest of the
pages the site wrote (with a key of each page's inputs), and removal of stale pages.

Every file the project writes is written as a temporary file, synced, then renamed over
the old one. Syncing 400 pages one after another doubled the time of a site for 200
releases, so the site stages all its changed pages first (temporary files written, not
yet renamed), syncs them together on a few threads (``fsync`` releases the GIL, and the
disk queues the requests), and only then renames each and syncs the folder once. A crash
leaves the old page or the new one, never half of one; a temporary file left behind is
named as ``l10n.fsio`` names its own, so the batch removes it.

The manifest (``MANIFEST`` in the site folder) lists the pages this site wrote with the
key of their inputs and their overview line: a page whose inputs did not change is not
rendered again, and a page the manifest lists that the site no longer has (its release
gone) is removed. Nothing the manifest does not list is ever removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fsio import NEW_FILE_MODE, TEMP_PREFIX, TEMP_SUFFIX, output_error, write_atomic

#: The site's own record of its pages (hidden: not a page of the site).
MANIFEST = ".l10n-review.json"
MANIFEST_FORMAT = 1
#: Threads that sync staged pages together.
SYNC_THREADS = 8
#: What a page name the manifest lists must look like to be removed (no folder, no dot file).
_PAGE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.html$")


@dataclass
class Staged:
    """Pages written to temporary files and not yet renamed: (temporary, final) pairs."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def stage(self, path: Path, text: str) -> bool:
        """Write ``text`` to a temporary file beside ``path`` unless ``path`` already holds
        those bytes; True when a page is staged."""
        payload = text.encode("utf-8")
        with contextlib.suppress(OSError):
            if path.stat().st_size == len(payload) and path.read_bytes() == payload:
                return False
        try:
            fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name[:40]}.", suffix=TEMP_SUFFIX,
                                       dir=path.parent)
        except OSError as exc:
            raise output_error(exc, path) from None
        self.pairs.append((tmp, str(path)))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, NEW_FILE_MODE)
        except OSError as exc:
            raise output_error(exc, path) from None
        return True

    def extend(self, other: Iterable[tuple[str, str]]) -> None:
        self.pairs.extend(other)

    def discard(self) -> None:
        """Remove every staged temporary file (the build failed before renaming)."""
        for tmp, _final in self.pairs:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.pairs.clear()

    def commit(self) -> int:
        """Sync every staged file, then rename each over its page and sync the folders;
        how many pages were replaced. On an error the files not yet renamed are removed."""
        if not self.pairs:
            return 0
        renamed: list[str] = []
        try:
            with ThreadPoolExecutor(min(SYNC_THREADS, len(self.pairs))) as pool:
                list(pool.map(_sync, (tmp for tmp, _final in self.pairs)))
            for tmp, final in list(self.pairs):
                try:
                    os.replace(tmp, final)
                except OSError as exc:
                    raise output_error(exc, final) from None
                self.pairs.remove((tmp, final))
                renamed.append(final)
        finally:
            self.discard()
            for folder in sorted({os.path.dirname(f) for f in renamed}):
                _sync_folder(Path(folder))
        return len(renamed)


def _sync(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise output_error(exc, path) from None
    try:
        os.fsync(fd)
    except OSError as exc:
        raise output_error(exc, path) from None
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The pages the site wrote last time: {page name: {"key": ..., "summary": {...}}}.
    A missing, unreadable or foreign manifest is an empty one (every page is rendered,
    nothing is removed)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("pages"), dict):
        return {}
    return {name: entry for name, entry in data["pages"].items()
            if isinstance(name, str) and isinstance(entry, dict)}


def save_manifest(out_dir: Path, pages: Mapping[str, Mapping[str, Any]]) -> None:
    """One page per line: each line is encoded by json's C encoder (an indented dump goes
    through its Python one, 0.3 s for the 4,000 pages of 2,000 releases)."""
    lines = ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}"
                        for name, entry in sorted(pages.items()))
    text = f'{{\n "format": {MANIFEST_FORMAT},\n "pages": {{\n{lines}\n }}\n}}\n' if lines else \
        f'{{\n "format": {MANIFEST_FORMAT},\n "pages": {{}}\n}}\n'
    with contextlib.suppress(OSError):
        if (out_dir / MANIFEST).read_text(encoding="utf-8") == text:
            return
    write_atomic(out_dir / MANIFEST, text)


def remove_stale(out_dir: Path, before: Iterable[str], now: Iterable[str]) -> list[str]:
    """Remove the pages the site wrote before (``before``, from its manifest) that it does
    not write now: a release that left the run. Only plain page names in ``out_dir`` that
    are regular files are touched; the names removed."""
    keep = set(now)
    removed: list[str] = []
    for name in sorted(set(before) - keep):
        if not _PAGE_NAME_RE.match(name):
            continue
        path = out_dir / name
        if path.is_symlink() or not path.is_file():
            continue
        try:
            path.unlink()
        except OSError as exc:
            raise output_error(exc, path) from None
        removed.append(name)
    if removed:
        _sync_folder(out_dir)
    return removed
