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
gone) is removed. Nothing the manifest does not list is ever removed. It also holds the
digest of the overview rows of the index written with it: when the index on disk still
has those rows, a page kept as it is has its row copied from there (see
``site._old_rows``), and its manifest line is copied as read (``Manifest``), so a build
that renders two pages of thousands formats and encodes two.
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


@dataclass
class Manifest:
    """The manifest as read, with the text of each page's line: a page kept as it was
    (its entry the very object read) has its line copied when the manifest is written
    again, so a build that rendered two pages of 4,000 encodes two lines, not 4,000.

    One page per line: each line is encoded by json's C encoder (an indented dump goes
    through its Python one, 0.3 s for the 4,000 pages of 2,000 releases)."""

    out_dir: Path
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The line of each page as read (no trailing comma), when the file is one the site
    #: wrote (one line per page, in the order of ``pages``).
    lines: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    #: The SHA-256 of the overview rows of the index saved with this manifest ("" none).
    rows: str = ""

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        try:
            text = (out_dir / MANIFEST).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError):
            return cls(out_dir)
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("pages"),
                                                                                                    dict):
            return cls(out_dir)
        pages = {name: entry for name, entry in data["pages"].items()
                 if isinstance(name, str) and isinstance(entry, dict)}
        rows = data.get("rows")
        return cls(out_dir, pages, _page_lines(text, pages), text, rows if isinstance(rows, str) else "")

    def save(self, pages: Mapping[str, Mapping[str, Any]], rows: str = "") -> None:
        """Write the manifest of ``pages`` and of the index's rows (their digest ``rows``),
        unless the file already holds those bytes."""
        lines = []
        for name in sorted(pages):
            entry = pages[name]
            line = self.lines.get(name) if entry is self.pages.get(name) else None
            if line is None:
                line = f"  {_quoted(name)}: {json.dumps(entry, ensure_ascii=False)}"
            lines.append(line)
        body = ",\n".join(lines)
        head = f'{{\n "format": {MANIFEST_FORMAT},\n' + (f' "rows": {_quoted(rows)},\n' if rows else "")
        text = f'{head} "pages": {{\n{body}\n }}\n}}\n' if body else f'{head} "pages": {{}}\n}}\n'
        if text == self.text:
            return
        write_atomic(self.out_dir / MANIFEST, text)
        self.text, self.rows = text, rows


def _quoted(name: str) -> str:
    """``name`` as ``json.dumps(name, ensure_ascii=False)`` writes it, by the encoder's own
    string function (without the encoder's set-up, once per page)."""
    quoted: str = json.encoder.encode_basestring(name)
    return quoted


def _page_lines(text: str, pages: Mapping[str, Any]) -> dict[str, str]:
    """Each page's line in a manifest the site wrote; {} when the text is not laid out as
    ``Manifest.save`` lays it out (then every line is encoded again)."""
    found = text.split("\n")[3:-3]
    if found and found[0] == ' "pages": {':  # after the rows' digest
        found = found[1:]
    if len(found) != len(pages):
        return {}
    lines: dict[str, str] = {}
    last = len(found) - 1
    for i, (name, line) in enumerate(zip(pages, found, strict=True)):
        if i < last:
            if not line.endswith(","):
                return {}
            line = line[:-1]
        if not line.startswith(f"  {_quoted(name)}: {{"):
            return {}
        lines[name] = line
    return lines


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
