"""A cache of parsed term bases, so a small ``l10n check`` (a pre-commit hook on one
catalog) does not parse and validate the whole TBX file on every run.

Reading ``glossary/terms.tbx`` with lxml, building its concepts and validating them costs
50–100 ms, several times what checking a 25-entry catalog costs; the result is a function
of the file's bytes and of the code that reads them. So the concepts of a term base that
parsed without errors are kept as plain JSON in the user's cache folder, under the
SHA-256 of the file's bytes, and read back (a few milliseconds) when the same bytes come
again, without importing lxml or the TBX reader.

Nothing read from the cache is trusted: an entry is used only when its stamp names the
same file bytes, l10n version and reading code (the size and time of the modules that
parse and validate a term base, so an edited checkout never reads an old entry), when
its checksum matches its content and when every field has the expected type. Anything
else (a truncated, corrupt, stale or foreign file) is ignored, the TBX is parsed as
before and the entry written anew. Entries are written atomically (``fsio.write_atomic``)
and only the newest ``KEEP_ENTRIES`` are kept. Where the cache folder cannot be written,
the term base is simply parsed every time.

Where: the user's cache folder (``l10n.usercache``: ``$L10N_CACHE_DIR``, empty for
none, else ``$XDG_CACHE_HOME/l10n`` or ``~/.cache/l10n``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import L10nError
from ..model import EnglishForm, ForbiddenRendering, Term
from ..usercache import CACHE_ENV, cache_dir
from .match import Glossary

__all__ = ["CACHE_ENV", "FORMAT", "KEEP_ENTRIES", "cache_dir", "load_glossary_cached"]

#: The reader's logger: warnings of a cached term base are logged under its name, as a
#: fresh parse logs them.
TBX_LOG = "l10n.glossary.tbx"

#: The layout of an entry; raised whenever what is stored changes.
FORMAT = 1
#: Entries kept in the folder (one per distinct term base content): the oldest go first.
KEEP_ENTRIES = 16
#: Same limit as the reader's (``tbx.MAX_TBX_BYTES``): a bigger file goes to the reader,
#: which refuses it with its own message.
MAX_CACHED_BYTES = 8 * 1024 * 1024
ENTRY_PREFIX = "glossary-"
ENTRY_SUFFIX = ".json"
#: The modules whose code decides what a term base reads as (concepts, tags, warnings),
#: relative to the package folder: their size and time are part of an entry's stamp.
READER_MODULES = ("glossary/tbx.py", "glossary/validate.py", "glossary/cache.py", "model.py",
                  "locales.py", "lang/__init__.py", "xmlsafe.py", "defaults.py", "usercache.py")
PACKAGE_DIR = Path(__file__).resolve().parent.parent


class _Unusable(ValueError):
    """A cache entry that must not be used (corrupt, stale or of another layout)."""


def reader_stamp() -> str | None:
    """The version and the reading code's size and modification time, or None when a
    module cannot be found (then nothing is cached: its freshness cannot be told)."""
    parts = [__version__, str(FORMAT)]
    for name in READER_MODULES:
        try:
            st = os.stat(PACKAGE_DIR / name)
        except OSError:
            return None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def load_glossary_cached(path: str | Path) -> Glossary:
    """``tbx.load_glossary(path)``, from the cache when the same bytes were read before.

    Any file the cache cannot vouch for (unreadable, too big, not cached, an entry that
    does not check out) goes to the TBX reader, which parses it (or raises its usual
    GlossaryError) and, on success, the result is cached for the next run."""
    folder = cache_dir()
    stamp = reader_stamp() if folder is not None else None
    data = _read_small(path) if stamp is not None else None
    if folder is None or stamp is None or data is None:
        return _parse(path)
    digest = hashlib.sha256(data).hexdigest()
    entry = folder / f"{ENTRY_PREFIX}{digest}{ENTRY_SUFFIX}"
    source = str(Path(path))
    try:
        terms, warnings = decode_entry(entry.read_bytes(), digest=digest, stamp=stamp)
    except (OSError, _Unusable):
        pass
    else:
        _log_warnings(warnings, source)
        return Glossary(terms, source=source)
    return _parse_and_store(data, source, entry, digest=digest, stamp=stamp)


def _read_small(path: str | Path) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is over the size limit (the
    reader then says why, in its own words). The limit is the reader's when it is loaded
    (a caller or a test may have lowered ``tbx.MAX_TBX_BYTES``)."""
    reader = sys.modules.get(f"{__package__}.tbx")
    limit = getattr(reader, "MAX_TBX_BYTES", MAX_CACHED_BYTES)
    try:
        p = Path(path)
        if p.stat().st_size > limit:
            return None
        data = p.read_bytes()
    except OSError:
        return None
    return data if len(data) <= limit else None


def _parse(path: str | Path) -> Glossary:
    from .tbx import load_glossary

    return load_glossary(path)


def _parse_and_store(data: bytes, source: str, entry: Path, *, digest: str, stamp: str) -> Glossary:
    """Parse the bytes already read (as ``tbx.parse_tbx``: errors raised, warnings
    logged) and write the cache entry; a cache that cannot be written is left alone."""
    from .tbx import checked_inspection

    found = checked_inspection(data, source=source)
    warnings = [(str(i.severity), i.message, i.line) for i in found.issues]
    try:
        _store(entry, encode_entry(found.glossary.terms, warnings, digest=digest, stamp=stamp))
    except (OSError, L10nError) as exc:
        import logging  # here: a run that reads the cache logs nothing

        logging.getLogger(__name__).debug("glossary cache not written: %s", exc)
    return found.glossary


def _store(entry: Path, payload: bytes) -> None:
    from ..fsio import write_atomic

    write_atomic(entry, payload, make_parents=True)
    _prune(entry.parent, keep=entry)


def _prune(folder: Path, *, keep: Path) -> None:
    """Remove all but the newest ``KEEP_ENTRIES`` entries (never ``keep``, just written)."""
    entries = []
    for item in folder.glob(f"{ENTRY_PREFIX}*{ENTRY_SUFFIX}"):
        try:
            entries.append((item.stat().st_mtime_ns, item))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, item in entries[KEEP_ENTRIES:]:
        if item != keep:
            with contextlib.suppress(OSError):
                item.unlink()


def _log_warnings(warnings: list[tuple[str, str, int]], source: str) -> None:
    """Log a cached term base's warnings as a fresh parse does (debug level)."""
    if not warnings:  # a term base without warnings: logging is not even imported
        return
    import logging

    tbx_log = logging.getLogger(TBX_LOG)
    if not tbx_log.isEnabledFor(logging.DEBUG):
        return
    from ..model import Severity
    from .validate import Issue

    for severity, message, line in warnings:
        tbx_log.debug("%s", Issue(Severity(severity), message, line, source))


# -- the entry: plain JSON, checked field by field ---------------------------------------


def _term_json(term: Term) -> list[Any]:
    return [term.concept_id, [[f.text, f.case_sensitive, f.do_not_translate] for f in term.forms],
            term.renderings, {k: [[r.text, r.reason] for r in v] for k, v in term.forbidden.items()},
            term.note, term.line, {k: list(v) for k, v in term.admitted.items()}, list(term.ambiguous),
            {k: list(v) for k, v in term.short.items()}]


def _content(terms: list[Any], warnings: list[Any]) -> bytes:
    return json.dumps([terms, warnings], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode_entry(terms: tuple[Term, ...], warnings: list[tuple[str, str, int]], *, digest: str,
                 stamp: str) -> bytes:
    """The bytes of a cache entry: the stamp, the file's digest, a checksum and the content."""
    content = _content([_term_json(t) for t in terms], [list(w) for w in warnings])
    head = {"format": FORMAT, "stamp": stamp, "sha256": digest,
            "checksum": hashlib.sha256(content).hexdigest()}
    return json.dumps(head, separators=(",", ":")).encode("ascii") + b"\n" + content


def decode_entry(raw: bytes, *, digest: str, stamp: str) -> tuple[list[Term], list[tuple[str, str, int]]]:
    """The concepts and warnings of an entry; ``_Unusable`` unless it is whole, fresh and
    well formed."""
    head_bytes, newline, content = raw.partition(b"\n")
    if not newline:
        raise _Unusable("no header")
    try:
        head = json.loads(head_bytes)
    except ValueError:
        raise _Unusable("bad header") from None
    if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("stamp") != stamp \
            or head.get("sha256") != digest or head.get("checksum") != hashlib.sha256(content).hexdigest():
        raise _Unusable("stale or damaged")
    try:
        terms, warnings = json.loads(content)
        return [_term(t) for t in terms], [_warning(w) for w in warnings]
    except (ValueError, TypeError) as exc:
        raise _Unusable(f"bad content: {exc}") from None


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a whole number")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _list(value: object, size: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise TypeError("expected a list" if size is None else f"expected a list of {size}")
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple(_str(v) for v in _list(value))


def _by_locale(value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return {_str(k): v for k, v in value.items()}


def _form(value: object) -> EnglishForm:
    text, case_sensitive, keep = _list(value, 3)
    return EnglishForm(_str(text), _bool(case_sensitive), _bool(keep))


def _forbidden(value: object) -> ForbiddenRendering:
    text, reason = _list(value, 2)
    return ForbiddenRendering(_str(text), _str(reason))


def _term(value: object) -> Term:
    (concept_id, forms, renderings, forbidden, note, line, admitted, ambiguous,
     short) = _list(value, 9)
    return Term(_str(concept_id), tuple(_form(f) for f in _list(forms)),
                {k: _str(v) for k, v in _by_locale(renderings).items()},
                {k: tuple(_forbidden(r) for r in _list(v)) for k, v in _by_locale(forbidden).items()},
                _str(note), _int(line),
                admitted={k: _texts(v) for k, v in _by_locale(admitted).items()},
                ambiguous=_texts(ambiguous),
                short={k: _texts(v) for k, v in _by_locale(short).items()})


def _warning(value: object) -> tuple[str, str, int]:
    severity, message, line = _list(value, 3)
    if severity not in ("warning", "info"):
        raise TypeError("a cached term base has no errors")
    return _str(severity), _str(message), _int(line)
