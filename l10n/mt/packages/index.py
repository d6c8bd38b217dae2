"""Argos's online package index: fetched, searched for a pair, downloaded and installed."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import urllib.error
import urllib.request
from http.client import HTTPResponse
from pathlib import Path

from ...errors import ModelError, ModelMissing
from .archive import COPY_CHUNK_BYTES, MAX_ARCHIVE_BYTES
from .discovery import _version_key
from .install import TEMP_PREFIX, install_file
from .metadata import INSTALL_HINT, PACKAGE_SUFFIX, PackageInfo, check_pair
from .settings import argos_settings

INDEX_TIMEOUT_S = 30.0
DOWNLOAD_TIMEOUT_S = 60.0
USER_AGENT = "l10n (Argos Translate package client)"



def _open_url(url: str, timeout: float) -> HTTPResponse:
    if not url.startswith(("https://", "http://")):
        raise ModelError(f"unsupported URL {url!r} (only http and https)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    response: HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
    return response


def fetch_index(url: str | None = None) -> list[dict[str, object]]:
    """Argos's package index: a JSON list of package metadata objects."""
    url = url or argos_settings().index_url
    try:
        with _open_url(url, INDEX_TIMEOUT_S) as response:
            raw = response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"the Argos package index {url} is unreachable ({reason})",
                         hint=INSTALL_HINT) from None
    try:
        data = json.loads(raw)
    except ValueError:
        raise ModelError(f"the Argos package index {url} is not valid JSON",
                         hint=INSTALL_HINT) from None
    if not isinstance(data, list):
        raise ModelError(f"the Argos package index {url} is not a list of packages",
                         hint=INSTALL_HINT)
    return [item for item in data if isinstance(item, dict)]


def _pick(index: list[dict[str, object]], from_code: str, to_code: str) -> dict[str, object]:
    candidates = [
        item for item in index
        if item.get("from_code") == from_code and item.get("to_code") == to_code
        and item.get("type", "translate") == "translate"
    ]
    if not candidates:
        raise ModelMissing(f"the Argos package index has no {from_code}→{to_code} package")
    return max(candidates, key=lambda item: _version_key(str(item.get("package_version", ""))))


def install_from_index(from_code: str, to_code: str, progress: bool = True, *,
                       force: bool = False) -> PackageInfo:
    """Download the newest package for a pair from Argos's index and install it.

    The download goes to a temp file in the packages folder (same file system,
    removed afterwards); its length is checked against the server's and the
    archive is then validated in full by :func:`install_file`.
    """
    check_pair(from_code, to_code)
    settings = argos_settings()
    entry = _pick(fetch_index(settings.index_url), from_code, to_code)
    links = entry.get("links")
    urls = [u for u in links if isinstance(u, str)] if isinstance(links, list) else []
    if not urls:
        raise ModelError(f"the index entry for {from_code}→{to_code} has no download link",
                         hint=INSTALL_HINT)
    settings.packages_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}download-", suffix=PACKAGE_SUFFIX,
                                    dir=settings.packages_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        errors: list[str] = []
        for url in urls:
            try:
                _download(url, tmp, progress=progress)
                break
            except ModelError as exc:
                errors.append(exc.message)
        else:
            raise ModelError("download failed: " + "; ".join(errors), hint=INSTALL_HINT)
        return install_file(tmp, force=force)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _download(url: str, dest: Path, *, progress: bool) -> None:
    from tqdm import tqdm

    try:
        with _open_url(url, DOWNLOAD_TIMEOUT_S) as response, open(dest, "wb") as out:
            length_header = response.headers.get("Content-Length")
            expected = int(length_header) if length_header and length_header.isdigit() else None
            if expected is not None and expected > MAX_ARCHIVE_BYTES:
                raise ModelError(f"{url}: package is {expected} bytes (limit {MAX_ARCHIVE_BYTES})")
            received = 0
            with tqdm(total=expected, unit="B", unit_scale=True, unit_divisor=1024,
                      desc=url.rsplit("/", 1)[-1],
                      disable=not (progress and sys.stderr.isatty()), leave=False) as bar:
                while chunk := response.read(COPY_CHUNK_BYTES):
                    received += len(chunk)
                    if received > MAX_ARCHIVE_BYTES:
                        raise ModelError(f"{url}: download exceeds {MAX_ARCHIVE_BYTES} bytes")
                    out.write(chunk)
                    bar.update(len(chunk))
            out.flush()
            os.fsync(out.fileno())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"{url}: download failed ({reason})") from None
    if expected is not None and received != expected:
        raise ModelError(f"{url}: download incomplete ({received} of {expected} bytes)")
