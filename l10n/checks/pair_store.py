"""The pair checks' results kept between runs of ``l10n check`` (issue 16: the pre-commit
hook and the repeated CI job, which check a catalog again with most entries unchanged).

What ``numbers``, ``placeholders``, ``punctuation``, ``same`` and ``script`` find on an
entry is a function of its msgid and msgstr, the ``CheckEnv`` and the code alone
(``PAIR_CHECKS``; ``run_checks`` already checks a repeated pair once per run). So the
command keeps, per pair and check, the (check, severity, message) of each finding in
the user's cache folder (``l10n.usercache``), and a later run gives a pair it has seen
those findings, rebuilt on the entry in hand (its own file, line and context), instead
of reading its numbers again. A pair not seen before is checked as usual and remembered.
Each check's result is kept on its own within the pair's entry, so a ``--select`` run
uses what a full run kept, and a full run after it adds the other checks' results.

The key of a pair's entry is a digest (BLAKE2b, 16 bytes) of:

* this file's ``FORMAT``;
* the code that decides a finding (``stamp()``): the path, size and modification time of
  every file of the l10n package (its modules and data; ``__pycache__`` left out), of
  every file of the installed OpenCC (the ``script`` check's converters), and the
  Python build and Unicode version (``str`` methods and ``re`` classes follow them);
* every field of the ``CheckEnv`` (``env_facts``): the target locale, the glossary's
  terms (``same`` masks its do-not-translate forms), the project's severities and the
  fuzzy policy. The last two are applied after the checks ran and change nothing a
  pair check returns; they are in the key anyway, as is any field added later, so no
  fact a check could read is left out;
* the msgid and the msgstr;

and its value names each check with what it found: (check name, results, check name,
results...). One entry per pair, not per check, keeps the file and its reading small
(a 20,000-entry catalog: about 16,000 entries, 1 MB).

Trust: the file's first line names its layout and the code stamp, and its length and
CRC-32 are checked (``l10n.usercache.framed``): a file of other code, cut short or
damaged, is not read. Each stored result is checked for shape when it is used (a tuple of
(check, severity, message) strings with a known severity); one that is not is computed
again. The entries are kept in ``BUCKETS`` buckets by key, each decoded when first asked
for, so a small catalog does not pay for decoding a big one's results. At most
``MAX_ENTRIES`` pairs are kept (each bucket its share), this run's first; the file is
written atomically at the end of the command when the run added a result, and any error
(a read-only home, a full disk) leaves it as it was.

Off: outside ``session()`` (the library and its tests always compute; only the command
opens one), with no cache folder, or with ``L10N_CACHE_DIR=`` (set but empty), the switch
that turns every cache of ``l10n.usercache`` off.

The glossary check reads a catalog in order (a short form is accepted only after the
full name) and is not a pair check, but one fact of it is a function of the pair: a
source naming no enforced term has no glossary finding and changes nothing the later
entries see. That fact is kept too, as the pair's ``glossary`` entry (always empty), and
a warm run does not search such a source for terms (most sources of a release: 87 % of
the Government-style benchmark catalog's).

A forked child of ``l10n.integrity`` starts from its parent's store (``fresh_child``) and
sends what it added and used back with its findings (``handover``); the parent folds that
in (``take``) and saves it with its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import marshal
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..model import Severity
from ..usercache import CommandStores

__all__ = ["MAX_ENTRIES", "Store", "current", "env_facts", "session", "stamp"]

FORMAT = 1
FILE_NAME = "pair-results.marshal"
#: Pairs kept: 60,000 covers the two 20,000-entry benchmark catalogs (16,000 and 5,000
#: distinct pairs) several times over, about 4 MB on disk (some 70 bytes a pair without
#: findings). Each bucket keeps its share.
MAX_ENTRIES = 60_000
#: The pairs are kept in buckets by their key's first byte, each decoded only when a
#: key of it is asked for: a pre-commit check of 25 entries decodes about a tenth of a
#: store that also holds a 20,000-entry catalog's results, not all of it.
BUCKETS = 256
#: A bigger file is not read (it was not written by this module).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Bytes of the pair digest, the key.
DIGEST_SIZE = 16
PACKAGE_DIR = Path(__file__).resolve().parent.parent

#: What a check found on one pair: (check, severity, message) of each finding.
Found = tuple[tuple[str, Severity, str], ...]
#: A pair's entry as stored in the file: (check name, its findings with the severity as
#: text, check name, ...).
Stored = tuple[object, ...]
_SEVERITIES = {str(s): s for s in Severity}


def _file_lines(folder: Path, skip: str = "__pycache__") -> list[str]:
    """``path:size:mtime_ns`` of every file under ``folder`` (relative paths, sorted).
    Walked with ``os.scandir`` and paths joined by hand: ``os.walk`` with
    ``os.path.relpath`` took 4 ms for the package's 140 files, 1 ms this way, on every
    run of the command (a 25-entry catalog's check is about 180 ms)."""
    lines: list[str] = []
    pending = [("", str(folder))]
    while pending:
        relative, path = pending.pop()
        with os.scandir(path) as found:
            for entry in found:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != skip:
                        pending.append((f"{relative}{entry.name}/", entry.path))
                else:
                    st = entry.stat()
                    lines.append(f"{relative}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return sorted(lines)


def stamp() -> str | None:
    """The code that decides a result: every file of the l10n package and of the installed
    OpenCC (found without importing it) by size and time, and the Python build and Unicode
    version; None when one cannot be read."""
    import importlib.util
    import unicodedata

    parts = [f"python {sys.implementation.cache_tag} {sys.hexversion:x} unicode {unicodedata.unidata_version}"]
    try:
        parts += _file_lines(PACKAGE_DIR)
        spec = importlib.util.find_spec("opencc")
        if spec is not None and spec.origin is not None:
            parts.append("opencc")
            parts += _file_lines(Path(spec.origin).parent)
    except (OSError, ImportError, ValueError):
        return None
    return "\n".join(parts)


#: id(glossary) -> (the glossary, the digest of its terms): a check of many catalogs
#: makes an env per catalog, all with the one glossary (its terms' text is about 2 ms).
_GLOSSARY_DIGESTS: dict[int, tuple[Any, str]] = {}


def _glossary_digest(glossary: Any) -> str:
    """A digest of a glossary's terms (their forms, renderings and flags), once per glossary."""
    known = _GLOSSARY_DIGESTS.get(id(glossary))
    if known is not None and known[0] is glossary:
        return known[1]
    terms = getattr(glossary, "terms", glossary)
    digest = hashlib.blake2b(repr(terms).encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE).hexdigest()
    if len(_GLOSSARY_DIGESTS) >= 8:
        _GLOSSARY_DIGESTS.clear()
    _GLOSSARY_DIGESTS[id(glossary)] = (glossary, digest)
    return digest


def env_facts(env: Any) -> str:
    """Every field of a ``CheckEnv`` as text: the glossary by a digest of its terms (their
    forms, renderings and flags), a mapping in sorted order, anything else by ``repr``."""
    facts = []
    for f in dataclasses.fields(env):
        value = getattr(env, f.name)
        if f.name == "glossary" and value is not None:
            text = "terms " + _glossary_digest(value)
        elif isinstance(value, dict):
            text = repr(sorted(value.items()))
        else:
            text = repr(value)
        facts.append(f"{f.name}={text}")
    return "\n".join(facts)


class Store:
    """Results by key (see the module), in ``BUCKETS`` buckets by the key's first byte,
    each decoded when a key of it is first asked for; ``save`` writes them when any was
    added."""

    def __init__(self, path: Path, code: str, packed: dict[int, bytes]) -> None:
        self.path = path
        self.magic = magic_line(code)
        self.code = code
        self.packed = packed  # bucket -> its results, marshalled, as read
        self.buckets: dict[int, dict[object, object]] = {}  # decoded so far
        self.used: dict[bytes, None] = {}  # stored results read, in order of first use
        self.added: dict[bytes, Stored] = {}  # results computed by this process, in order
        self._prefixes: dict[int, tuple[Any, Any]] = {}  # id(env) -> (env, seeded hasher)

    def prefix(self, env: Any) -> Any:
        """A BLAKE2b hasher fed with the format, the code stamp and ``env``'s facts, to be
        copied for each pair (computed once per env)."""
        known = self._prefixes.get(id(env))
        if known is not None and known[0] is env:
            return known[1]
        hasher = hashlib.blake2b(digest_size=DIGEST_SIZE)
        hasher.update(f"{FORMAT}\n{self.code}\n{env_facts(env)}\n".encode("utf-8", "surrogatepass"))
        self._prefixes[id(env)] = (env, hasher)
        return hasher

    @staticmethod
    def pair_key(prefix: Any, msgid: str, msgstr: str) -> bytes:
        """The digest of a pair under ``prefix``, its entry's key. The msgid's length in
        front says where it ends and the msgstr starts."""
        hasher = prefix.copy()
        hasher.update(f"{len(msgid)}:{msgid}{msgstr}".encode("utf-8", "surrogatepass"))
        digest: bytes = hasher.digest()
        return digest

    def bucket(self, key: bytes) -> dict[object, object]:
        """The decoded bucket of a key (an empty one when its bytes are not a table)."""
        index = key[0] % BUCKETS
        found = self.buckets.get(index)
        if found is None:
            found = self.buckets[index] = unpacked(self.packed.get(index))
        return found

    def lookup(self, pair_key: bytes, names: Sequence[str]) -> list[Found | None] | None:
        """What each named check found on a pair, None where the store has nothing for
        it; None for a pair the store has not seen. An entry not of the stored shape is
        dropped (and its pair computed again)."""
        bucket = self.bucket(pair_key)
        value = bucket.get(pair_key)
        if value is None:
            return None
        results = _results(value)
        if results is None:
            del bucket[pair_key]
            return None
        self.used[pair_key] = None
        return [results.get(name) for name in names]

    def keep(self, pair_key: bytes, found: list[Any]) -> None:
        """Keep what checks found on a pair, given flat (check name, findings, check
        name, findings...) in name order, beside what the store has for its other checks.

        A cold run calls this for every distinct pair (16,000 on the Government-style
        benchmark), so it makes one tuple and no other container for a pair the store
        had not seen."""
        for i in range(1, len(found), 2):
            if found[i]:
                found[i] = tuple((check, str(severity), message) for check, severity, message in found[i])
        bucket = self.bucket(pair_key)
        old = bucket.get(pair_key)
        # shape checked by ``lookup`` first: kept by a run of other checks
        stored = _merged(old, found) if old else tuple(found)
        bucket[pair_key] = stored
        self.added[pair_key] = stored

    def fresh_child(self) -> None:
        """In a forked child: forget what the parent added and used (it has them), so that
        ``handover`` sends back only the child's own."""
        self.added = {}
        self.used = {}

    def handover(self) -> tuple[dict[bytes, Stored], list[bytes]]:
        """What a child sends its parent: the results it added and the stored keys it used."""
        return self.added, list(self.used)

    def take(self, added: dict[bytes, Stored], used: Iterable[bytes]) -> None:
        """Fold in a child's ``handover``, beside what this process kept for the same
        pairs (the glossary's fact, kept by the process that reads the catalog in order)."""
        for key, stored in added.items():
            bucket = self.bucket(key)
            old = bucket.get(key)
            if old and old != stored and isinstance(old, tuple):
                stored = _merged(old, list(stored))
            bucket[key] = self.added[key] = stored
        self.used.update(dict.fromkeys(used))

    def save(self) -> None:
        """Write the file (atomically) when this run added a result. Only the buckets
        that gained one are encoded again: in each, this run's results first (those read,
        then those computed), then the older ones, up to ``MAX_ENTRIES // BUCKETS``."""
        if not self.added:
            return
        from ..usercache import save_framed

        this_run: dict[int, list[bytes]] = {}
        for key in self.added:
            this_run.setdefault(key[0] % BUCKETS, [])
        for key in itertools.chain(self.used, self.added):
            keys = this_run.get(key[0] % BUCKETS)
            if keys is not None:
                keys.append(key)
        packed = dict(self.packed)
        for index, keys in this_run.items():
            packed[index] = marshal.dumps(_first(keys, self.buckets[index], max(1, MAX_ENTRIES // BUCKETS)))
        save_framed(self.path, self.magic, packed, (), BUCKETS)
        self.packed = packed
        self.added = {}


def _merged(old: Any, found: list[Any]) -> Stored:
    """A pair's stored entry with ``found`` (flat name, findings, ...) over ``old``'s, in
    name order."""
    merged = dict(zip(old[::2], old[1::2], strict=True))
    merged.update(zip(found[::2], found[1::2], strict=True))
    return tuple(item for name_found in sorted(merged.items()) for item in name_found)


def _first(keys: list[bytes], bucket: dict[object, object], cap: int) -> dict[object, object]:
    """A bucket's results, ``keys`` first, then the others in their order, up to ``cap``."""
    ordered: dict[object, object] = dict.fromkeys(keys)
    ordered.update(bucket)
    if len(ordered) > len(bucket):  # a key read and then dropped
        ordered = {key: value for key, value in ordered.items() if key in bucket}
    return ordered if len(ordered) <= cap else dict(itertools.islice(ordered.items(), cap))


def magic_line(code: str) -> bytes:
    """The file's first line: its layout and a digest of the code stamp, so that a file
    written by other code is not read at all."""
    digest = hashlib.blake2b(code.encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE).hexdigest()
    return f"l10n-pair-results {FORMAT} {BUCKETS} {digest}\n".encode("ascii")


def unpacked(raw: object) -> dict[object, object]:
    """A bucket's table from its bytes; empty unless they hold one."""
    if not isinstance(raw, bytes):
        return {}
    try:
        table = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def packed(table: dict[bytes, object]) -> dict[int, bytes]:
    """A table of results as the file holds it (tests write files with it)."""
    buckets: dict[int, dict[bytes, object]] = {}
    for key, value in table.items():
        buckets.setdefault(key[0] % BUCKETS, {})[key] = value
    return {index: marshal.dumps(bucket) for index, bucket in buckets.items()}


def _results(value: object) -> dict[str, Found] | None:
    """A pair's stored entry as each check's findings, or None when it is not of the
    stored shape."""
    if not isinstance(value, tuple) or len(value) % 2:
        return None
    out: dict[str, Found] = {}
    for i in range(0, len(value), 2):
        name, items = value[i], value[i + 1]
        found = () if items == () else _found(items)
        if not isinstance(name, str) or found is None:
            return None
        out[name] = found
    return out


def _found(value: object) -> Found | None:
    """A check's stored findings, or None when they are not a tuple of (check, severity,
    message) strings with a known severity."""
    if not isinstance(value, tuple):
        return None
    out = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 3 and all(type(x) is str for x in item)):
            return None
        severity = _SEVERITIES.get(item[1])
        if severity is None:
            return None
        out.append((item[0], severity, item[2]))
    return tuple(out)


def read(path: Path, code: str) -> dict[int, bytes]:
    """The buckets of a file written by this code, or none."""
    from ..usercache import read_framed

    table = read_framed(path, magic_line(code), MAX_FILE_BYTES) or {}
    return {k: v for k, v in table.items() if type(k) is int and isinstance(v, bytes)}


def entries(path: Path, code: str) -> dict[object, object]:
    """Every result of a file written by this code (for tests and inspection)."""
    out: dict[object, object] = {}
    for raw in read(path, code).values():
        out.update(unpacked(raw))
    return out


def _open() -> Store | None:
    from ..usercache import cache_dir

    folder = cache_dir()
    code = stamp() if folder is not None else None
    if folder is None or code is None:
        return None
    path = folder / FILE_NAME
    return Store(path, code, read(path, code))


#: The running command's store (``session``), opened when the first result is asked for.
_STORES: CommandStores[Store] = CommandStores(lambda: _open())


def current() -> Store | None:
    """The running command's store, or None outside ``session()`` (or with no cache)."""
    return _STORES.current()


def session() -> contextlib.AbstractContextManager[None]:
    """Turn the store on for one command run; what it learnt is saved at the end."""
    return _STORES.session()
