"""Catalogs: the POT template from units, and msgmerge-style updates of PO files.

Rules that protect translators:
- a translation whose msgid is unchanged is kept exactly, fuzzy or not;
- an entry whose source changed keeps its old translation, marked fuzzy with ``#|``;
- entries gone from the source become obsolete (``#~``), never deleted when translated;
- provenance comments written by later stages (machine translation, TM, checks) survive.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from . import __version__, defaults, powrap, provenance
from .errors import L10nError
from .fsio import write_if_changed
from .lang import TEMPLATE_PLURAL_FORMS, profile_for
from .locales import LocaleId
from .model import Unit
from .pofile import JOINED_FLAG, WRAP_WIDTH, parse_po, read_po

#: The difflib ratio a changed msgid needs to inherit an old translation (fuzzy): 0.6 as
#: gettext (msgmerge) and Babel use; ``l10n update --fuzzy-threshold`` and ``[update]``.
FUZZY_MATCH_THRESHOLD = defaults.MERGE_FUZZY_THRESHOLD
#: A msgid longer than this is not fuzzy-matched: difflib's ratio costs the product of
#: the two lengths (4 s for two 10,000-character texts). Extraction refuses units over
#: 10,000 characters; real sentences are far below this.
MAX_FUZZY_CHARS = 2_000
SEEDS = 32  # candidates of the nearest lengths tried first, to raise the bar early
DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")
GENERATOR = f"l10n {__version__}"
LINE_END_BACKSLASH_RE = re.compile(r"\\$", re.MULTILINE)


def ref_path(path: str | Path) -> str:
    """A reference path as written in ``#:``: relative to the working folder when inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd().resolve())
    except ValueError:
        rel = str(p)
    if rel.startswith(".."):
        rel = str(p)
    return rel.replace(os.sep, "/")


def pot_path(locales_dir: Path, domain: str) -> Path:
    return locales_dir / f"{domain}.pot"


def po_path(locales_dir: Path, locale: LocaleId, domain: str) -> Path:
    return locales_dir / locale.posix / "LC_MESSAGES" / f"{domain}.po"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def _header(domain: str, locale: LocaleId | None) -> dict[str, str]:
    return {
        "Project-Id-Version": domain,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": _now(),
        "PO-Revision-Date": _now() if locale else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": locale.posix if locale else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": profile_for(locale).plural_forms(locale) if locale else TEMPLATE_PLURAL_FORMS,
        "X-Generator": GENERATOR,
    }


def build_pot(domain: str, units: Iterable[Unit]) -> polib.POFile:
    """One entry per distinct unit text; repeats add references, in document order."""
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.header = f"Translatable units of {domain}, extracted by l10n. Do not edit: run l10n extract."
    pot.metadata = _header(domain, None)
    by_id: dict[str, polib.POEntry] = {}
    for unit in units:
        refs = [(r.path, str(r.line)) for r in unit.refs]
        entry = by_id.get(unit.text)
        if entry is None:
            entry = polib.POEntry(msgid=unit.text, msgstr="", occurrences=refs,
                                  comment="\n".join(unit.notes))
            by_id[unit.text] = entry
            pot.append(entry)
        else:
            for ref in refs:
                if ref not in entry.occurrences:
                    entry.occurrences.append(ref)
            notes = entry.comment.split("\n") if entry.comment else []
            for note in unit.notes:
                if note not in notes:
                    notes.append(note)
            entry.comment = "\n".join(notes)
    return pot


def _ratio(matches: int, length: int) -> float:
    """difflib's own formula, so bounds and ratios compare exactly as difflib's do."""
    return 2.0 * matches / length if length else 1.0


class _CharBits:
    """A text's character counts as one integer, so that difflib's quick_ratio bound
    (sum over characters of the smaller count) is ``(a & b).bit_count()``: one C-level
    operation per pair instead of a loop over characters.

    Bit ``slot[(ch, k)]`` is set when the text holds ``ch`` at least ``k`` times; the
    slots are numbered as they are first needed, shared by every text of one index.
    """

    def __init__(self) -> None:
        self.slots: dict[tuple[str, int], int] = {}

    def of(self, text: str) -> int:
        bits = 0
        for ch, n in Counter(text).items():
            for k in range(1, n + 1):
                slot = self.slots.setdefault((ch, k), len(self.slots))
                bits |= 1 << slot
        return bits


def _length_window(la: int, at_least: float) -> tuple[float, float]:
    """Candidate lengths whose length bound ``2 * min / (la + lb)`` can reach
    ``at_least``, widened by one character against rounding (the exact test follows)."""
    return la * at_least / (2 - at_least) - 1, la * (2 - at_least) / at_least + 1


class _FuzzyIndex:
    """The old translated entries a changed msgid may inherit, searched without
    comparing every pair in full.

    The result is exactly the loop over all candidates with ``SequenceMatcher.ratio``
    (the highest ratio >= the threshold; on a tie, the later candidate), found with less
    work: the few candidates of the nearest lengths (where an edited sentence's old form
    usually is) are tried first to raise the bar; then only candidates whose length can
    still reach it are looked at (lengths are sorted), their character bound (difflib's
    quick_ratio) is one integer AND, and full ratios are computed best bound first,
    stopping when no bound left can reach the best ratio. Each candidate's matcher is
    built once (difflib caches what it learns about its second sequence).
    """

    def __init__(self, candidates: Sequence[polib.POEntry], threshold: float = FUZZY_MATCH_THRESHOLD) -> None:
        self.entries = list(candidates)
        self.threshold = threshold
        self.taken = [False] * len(self.entries)
        self._chars = _CharBits()
        self._length = [len(e.msgid) for e in self.entries]
        self._bits = [self._chars.of(e.msgid) if n <= MAX_FUZZY_CHARS else 0
                      for e, n in zip(self.entries, self._length, strict=True)]
        self._matchers: dict[int, difflib.SequenceMatcher[str]] = {}
        self._by_length = sorted(range(len(self.entries)), key=self._length.__getitem__)
        self._sorted_lengths = [self._length[i] for i in self._by_length]
        self._sorted_bits = [self._bits[i] for i in self._by_length]

    def _matcher(self, i: int, msgid: str) -> difflib.SequenceMatcher[str]:
        sm = self._matchers.get(i)
        if sm is None:
            sm = self._matchers[i] = difflib.SequenceMatcher(None, "", self.entries[i].msgid,
                                                             autojunk=False)
        sm.set_seq1(msgid)
        return sm

    def _window(self, mine: int, la: int, at_least: float) -> list[tuple[float, int]]:
        """(-bound, -index) of the open candidates whose length and character bound can
        reach ``at_least``, as a heap: best bound first, the later candidate first on a tie.

        One pass over slices aligned in length order (no lookup by index, no call per
        candidate); a heap, not a sort, since the search stops at the first bound below
        the best ratio found so far.
        """
        lo, hi = _length_window(la, at_least)
        first = bisect.bisect_left(self._sorted_lengths, lo)
        last = bisect.bisect_right(self._sorted_lengths, min(hi, MAX_FUZZY_CHARS))
        taken = self.taken
        # _ratio inlined (same arithmetic, la > 0)
        heap = [(-bound, -i) for i, bits, lb in zip(self._by_length[first:last], self._sorted_bits[first:last],
                                                   self._sorted_lengths[first:last], strict=True)
                if (bound := 2.0 * (mine & bits).bit_count() / (la + lb)) >= at_least and not taken[i]]
        heapq.heapify(heap)
        return heap

    def _nearest(self, la: int) -> list[int]:
        """Up to SEEDS open candidates of the lengths nearest to ``la``."""
        at = bisect.bisect_left(self._sorted_lengths, la)
        lo, hi = max(0, at - SEEDS), min(len(self._by_length), at + SEEDS)
        near = [i for i in self._by_length[lo:hi]
                if not self.taken[i] and self._length[i] <= MAX_FUZZY_CHARS]
        near.sort(key=lambda i: abs(self._length[i] - la))
        return near[:SEEDS]

    def _bounds(self, mine: int, la: int, ids: list[int], floor: float) -> list[tuple[float, int]]:
        """(quick_ratio, index) of the candidates whose bound reaches ``floor``, best
        first: difflib's quick_ratio, as one AND per pair."""
        bits, length = self._bits, self._length
        # _ratio inlined (same arithmetic, la > 0): this loop runs once per candidate
        found = [(bound, i) for i in ids
                 if (bound := 2.0 * (mine & bits[i]).bit_count() / (la + length[i])) >= floor]
        found.sort(reverse=True)
        return found

    def best(self, msgid: str) -> int | None:
        """Index of the open candidate most like ``msgid`` (ratio >= threshold), or None."""
        la = len(msgid)
        if not 0 < la <= MAX_FUZZY_CHARS or not self.entries:  # "" is the header, never matched
            return None
        mine = self._chars.of(msgid)
        best: int | None = None
        best_ratio = self.threshold

        def consider(i: int) -> None:
            nonlocal best, best_ratio
            ratio = self._matcher(i, msgid).ratio()
            if ratio > best_ratio or (ratio == best_ratio and (best is None or i > best)):
                best, best_ratio = i, ratio

        seeds = self._bounds(mine, la, self._nearest(la), best_ratio)
        if seeds:
            consider(seeds[0][1])
        # a bound never exceeds the length bound, so the window holds every candidate
        # that can still reach the best ratio
        heap = self._window(mine, la, best_ratio)
        while heap:
            neg_bound, neg_i = heapq.heappop(heap)
            if -neg_bound < best_ratio:
                break
            consider(-neg_i)
        return best


def _best_fuzzy(msgid: str, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate most like ``msgid`` (difflib ratio >= FUZZY_MATCH_THRESHOLD; on a tie
    the later one), or None."""
    index = _FuzzyIndex(candidates)
    found = index.best(msgid)
    return None if found is None else index.entries[found]


Key = tuple[str | None, str]  # (msgctxt, msgid): how msgmerge pairs entries; no context != msgctxt ""
#: Header fields msgmerge takes from the template; every other field of an existing PO
#: (``Project-Id-Version``, ``X-Generator``, ``X-Poedit-*``...) is the translator's and kept.
POT_HEADER_KEYS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")
#: Fields the tool reads (the locale, plural count, encoding): added when an existing PO
#: lacks them, where msgmerge adds nothing. No other field is added.
NEEDED_HEADER_KEYS = ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")
#: Flags gettext itself knows about beside ``fuzzy``: msgmerge takes them from the template
#: (``c-format``, ``no-python-format``, ``no-wrap``...). Any other flag (``l10n-ignore-*``)
#: is kept from the PO: msgmerge drops flags it does not know, we keep them.
WRAP_FLAGS = ("wrap", "no-wrap")
FORMAT_FLAG_SUFFIX = "-format"
NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
DEFAULT_NPLURALS = 2  # gettext's when a header gives none


@dataclass(frozen=True)
class MergeOptions:
    """How ``merge`` looks for a translation when a msgid changed (``l10n update -N``,
    ``--fuzzy-threshold``, ``[update]`` in the configuration)."""

    fuzzy_matching: bool = defaults.MERGE_FUZZY_MATCHING
    fuzzy_threshold: float = defaults.MERGE_FUZZY_THRESHOLD


#: msgmerge's defaults: fuzzy matching on, at ``FUZZY_MATCH_THRESHOLD``.
DEFAULT_MERGE = MergeOptions()


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _merged_header(pot: polib.POFile, old: polib.POFile | None,
                   locale: LocaleId) -> tuple[str, dict[str, str], bool]:
    """Header comment, fields and fuzzy flag of the merged catalog, as msgmerge makes them:
    the old PO's, every field kept, but ``POT_HEADER_KEYS`` from the template. A field the
    tool needs and the PO lacks (``NEEDED_HEADER_KEYS``) is added: msgmerge
    adds nothing. A new catalog gets a fresh header."""
    fresh = _header(pot.metadata.get("Project-Id-Version", ""), locale)
    fresh["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", fresh["POT-Creation-Date"])
    if old is None or not old.metadata:
        header = (old.header if old is not None and old.header
                  else f"{pot.metadata.get('Project-Id-Version', '')} translations for {locale.tag}.")
        return header, fresh, bool(old is not None and old.metadata_is_fuzzy)
    meta = dict(old.metadata)
    for key in POT_HEADER_KEYS:
        if key in pot.metadata:
            meta[key] = pot.metadata[key]
    for key in NEEDED_HEADER_KEYS:
        meta.setdefault(key, fresh[key])
    return old.header, meta, bool(old.metadata_is_fuzzy)


def _nplurals(metadata: dict[str, str]) -> int:
    found = NPLURALS_RE.search(metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found and int(found.group(1)) > 0 else DEFAULT_NPLURALS


def _is_gettext_flag(flag: str) -> bool:
    return flag.endswith(FORMAT_FLAG_SUFFIX) or flag in WRAP_FLAGS


def _merged_flags(tmpl: polib.POEntry, prev: polib.POEntry, fuzzy: bool) -> list[str]:
    """``fuzzy`` first, then the template's flags (as msgmerge), then the PO's own flags
    that gettext does not know (msgmerge would drop them)."""
    flags = (["fuzzy"] if fuzzy else []) + [f for f in tmpl.flags if f != "fuzzy"]
    flags += [f for f in prev.flags if f != "fuzzy" and not _is_gettext_flag(f) and f not in flags]
    return flags


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _carry_translation(entry: polib.POEntry, prev: polib.POEntry, nplurals: int) -> bool:
    """Copy ``prev``'s translation into ``entry`` (singular or plural, as the template has
    it); returns True when the forms did not fit (singular became plural or the other
    way, or msgid_plural changed): the entry must then be fuzzy, as msgmerge makes it."""
    if not entry.msgid_plural:
        if prev.msgid_plural:
            entry.msgstr = prev.msgstr_plural.get(0, "")
            return True
        entry.msgstr = prev.msgstr
        return False
    if prev.msgid_plural:
        entry.msgstr_plural = {i: prev.msgstr_plural.get(i, "") for i in range(nplurals)}
        return bool(prev.msgid_plural != entry.msgid_plural)
    entry.msgstr_plural = {i: prev.msgstr if i == 0 else "" for i in range(nplurals)}
    return True


def _previous_from(entry: polib.POEntry, prev: polib.POEntry) -> None:
    """``#|`` lines: the source the translation was made for. Through a chain of edits
    that is the oldest one, as long as the entry stayed fuzzy (msgmerge does the same)."""
    if prev.fuzzy and prev.previous_msgid is not None:
        entry.previous_msgctxt = prev.previous_msgctxt
        entry.previous_msgid = prev.previous_msgid
        entry.previous_msgid_plural = prev.previous_msgid_plural
        return
    entry.previous_msgctxt = prev.msgctxt
    entry.previous_msgid = prev.msgid
    entry.previous_msgid_plural = prev.msgid_plural or None


def _carry_exact(entry: polib.POEntry, prev: polib.POEntry, tmpl: polib.POEntry, nplurals: int) -> list[str]:
    """Same context and msgid: the translation, its fuzzy state and translator comments
    are kept exactly; returns the provenance lines that come with them."""
    misfit = _carry_translation(entry, prev, nplurals)
    fuzzy = prev.fuzzy or misfit
    entry.flags = _merged_flags(tmpl, prev, fuzzy)
    entry.tcomment = prev.tcomment
    if misfit or (prev.fuzzy and prev.previous_msgid is not None):
        _previous_from(entry, prev)
    # findings about a draft no longer apply once a person approved the entry
    return provenance.carried_provenance(prev)


def _carry_fuzzy(entry: polib.POEntry, match: polib.POEntry, tmpl: polib.POEntry, nplurals: int) -> list[str]:
    """A changed msgid inherits the most similar old translation, fuzzy, with ``#|``;
    returns the provenance lines that come with it."""
    _carry_translation(entry, match, nplurals)
    # a join is only valid for the sources it was made on
    entry.flags = [f for f in _merged_flags(tmpl, match, True) if f != JOINED_FLAG]
    _previous_from(entry, match)
    entry.tcomment = match.tcomment
    if match.fuzzy:  # still a machine draft: the translate stage may redo it
        return provenance.getnotes(match.comment)
    return [provenance.HUMAN_NOTE]  # a person approved it: no later stage replaces it


def _obsolete(old_entries: Iterable[polib.POEntry], used: set[int], new_keys: set[Key]) -> list[polib.POEntry]:
    """Translated old entries nobody inherited and whose source is gone, as ``#~``
    entries (with their ``#~|`` lines): a translation is never deleted."""
    return [polib.POEntry(msgid=e.msgid, msgctxt=e.msgctxt, msgstr=e.msgstr, msgid_plural=e.msgid_plural,
                          msgstr_plural=dict(e.msgstr_plural), flags=list(e.flags), tcomment=e.tcomment,
                          previous_msgctxt=e.previous_msgctxt, previous_msgid=e.previous_msgid,
                          previous_msgid_plural=e.previous_msgid_plural, obsolete=True)
            for e in old_entries
            if id(e) not in used and _translated(e) and _key(e) not in new_keys]


def _template_comments(tmpl: polib.POEntry, annotate: Callable[[str], Sequence[str]] | None) -> list[str]:
    """The template's own ``#.`` lines, then this locale's hints not already among them."""
    comments = provenance.lines(tmpl.comment)
    if annotate is not None:
        comments += [c for c in annotate(tmpl.msgid) if c not in comments]
    return comments


def _new_entry(tmpl: polib.POEntry, nplurals: int) -> polib.POEntry:
    """An untranslated entry for a template entry: its flags, references and plural forms."""
    entry = polib.POEntry(msgid=tmpl.msgid, msgctxt=tmpl.msgctxt, msgstr="", msgid_plural=tmpl.msgid_plural,
                          flags=[f for f in tmpl.flags if f != "fuzzy"], occurrences=list(tmpl.occurrences))
    if tmpl.msgid_plural:
        entry.msgstr_plural = {i: "" for i in range(nplurals)}
    return entry


def merge(pot: polib.POFile, old: polib.POFile | None, locale: LocaleId,
          annotate: Callable[[str], Sequence[str]] | None = None,
          options: MergeOptions = DEFAULT_MERGE) -> polib.POFile:
    """msgmerge semantics on polib objects; returns a new catalog, ``old`` is not changed.

    Each template entry takes, in this order: the old entry with the same context and
    msgid (live or obsolete), else the most similar translated old entry (fuzzy, ``#|``;
    one old translation may seed several new entries, each takes its best match, as in
    msgmerge), else nothing. Translated old entries nobody took and whose source is gone
    become obsolete.
    """
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header, po.metadata, po.metadata_is_fuzzy = _merged_header(pot, old, locale)
    nplurals = _nplurals(po.metadata)
    old_all = ([e for e in old if not e.obsolete] + list(old.obsolete_entries())) if old is not None else []
    exact: dict[Key, polib.POEntry] = {}
    for e in old_all:
        exact.setdefault(_key(e), e)
    used: set[int] = set()
    new_keys = {_key(e) for e in pot}
    fuzzy = _FuzzyIndex([e for e in old_all if _translated(e)] if options.fuzzy_matching else [],
                        options.fuzzy_threshold)

    for tmpl in pot:
        entry = _new_entry(tmpl, nplurals)
        comments = _template_comments(tmpl, annotate)
        prev = exact.get(_key(tmpl))
        found = None if prev is not None else fuzzy.best(tmpl.msgid)
        if prev is not None:
            used.add(id(prev))
            comments += _carry_exact(entry, prev, tmpl, nplurals)
        elif found is not None:
            used.add(id(fuzzy.entries[found]))
            comments += _carry_fuzzy(entry, fuzzy.entries[found], tmpl, nplurals)
        entry.comment = provenance.join(comments)
        po.append(entry)
    _keep_valid_joins(po, old)
    for gone in _obsolete(old_all, used, new_keys):
        po.append(gone)
    return po


def _predecessors(po: polib.POFile) -> dict[Key, Key | None]:
    """Each live entry's key and the key of the live entry right before it."""
    live = [e for e in po if not e.obsolete and e.msgid]
    return {_key(e): (_key(live[i - 1]) if i else None) for i, e in enumerate(live)}


def _keep_valid_joins(po: polib.POFile, old: polib.POFile | None) -> None:
    """A join (``#, l10n-joined``) survives only while both sources are unchanged: the
    joined entry and the entry before it are the same (exact, approved) pair as in the old
    catalog. Otherwise the previous translation may no longer carry this sentence, and
    the entry becomes an ordinary untranslated one."""
    before = _predecessors(old) if old is not None else {}
    now = _predecessors(po)
    live = {_key(e): e for e in po if not e.obsolete and e.msgid}
    for key, entry in live.items():
        if JOINED_FLAG not in entry.flags:
            continue
        prev = now.get(key)
        if prev is None or before.get(key) != prev or live[prev].fuzzy:
            entry.flags = [f for f in entry.flags if f != JOINED_FLAG]


def _comment_lines(mark: str, text: str) -> list[str]:
    """``# text`` / ``#. text`` lines as written, never wrapped (gettext does not wrap them,
    and a wrapped ``#.`` note would come back as two notes)."""
    return [f"{mark} {c}" if c else mark for c in text.split("\n")] if text else []


def _flag_line(entry: polib.POEntry) -> list[str]:
    """One ``#,`` line, ``fuzzy`` first as gettext writes it; the other flags in order.
    Two deliberate differences from msgcat: flags gettext does not know (our
    ``ignore-<check>``) are kept, and so is ``fuzzy`` on an untranslated entry (read back
    as written)."""
    flags = [f for f in dict.fromkeys(entry.flags) if f != "fuzzy"]
    if "fuzzy" in entry.flags:
        flags.insert(0, "fuzzy")
    return ["#, " + ", ".join(flags)] if flags else []


def _references(entry: polib.POEntry) -> list[str]:
    return [f"{path}:{line}" if line else path for path, line in entry.occurrences]


def _previous_lines(entry: polib.POEntry, prefix: str, width: int) -> list[str]:
    """``#|`` lines (``#~|`` on an obsolete entry): the source the translation was made for."""
    lines: list[str] = []
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += powrap.string_lines(keyword, value, prefix, width)
    return lines


def _string_lines(entry: polib.POEntry, prefix: str, width: int) -> list[str]:
    lines: list[str] = []
    if entry.msgctxt is not None:
        lines += powrap.string_lines("msgctxt", entry.msgctxt, prefix, width)
    lines += powrap.string_lines("msgid", entry.msgid, prefix, width)
    if _has_plural(entry):
        lines += powrap.string_lines("msgid_plural", entry.msgid_plural or "", prefix, width)
    if entry.msgstr_plural:
        for n in sorted(entry.msgstr_plural, key=int):
            lines += powrap.string_lines(f"msgstr[{n}]", entry.msgstr_plural[n], prefix, width)
    else:
        lines += powrap.string_lines("msgstr", entry.msgstr, prefix, width)
    return lines


def _entry_text(entry: polib.POEntry, wrapwidth: int) -> str:
    """One entry in gettext's order and layout (``msgcat`` is the oracle in the tests):
    comments, ``#.``, ``#:``, ``#,``, ``#|``, then the strings; ``#, no-wrap`` entries are
    not wrapped, as in gettext."""
    width = powrap.NO_WRAP if "no-wrap" in entry.flags else wrapwidth
    prefix = "#~ " if entry.obsolete else ""
    lines = _comment_lines("#", entry.tcomment) + _comment_lines("#.", entry.comment)
    lines += powrap.reference_lines(_references(entry), wrapwidth)
    lines += _flag_line(entry)
    lines += _previous_lines(entry, "#~| " if entry.obsolete else "#| ", width)
    lines += _string_lines(entry, prefix, width)
    return "\n".join(lines) + "\n"


def _has_plural(entry: polib.POEntry) -> bool:
    """A plural entry, even with an empty ``msgid_plural ""`` (polib would leave that line
    out, and the msgstr[n] lines need it)."""
    return bool(entry.msgid_plural or entry.msgstr_plural)


def render(po: polib.POFile, width: int | None = None) -> str:
    """The catalog as text: header comment, metadata, entries, then obsolete entries,
    laid out exactly as ``msgcat`` would at ``width`` (default: the current
    ``powrap.output_width``; 0: no wrapping).

    A comment line never ends in a backslash (one gets a space after it): gettext would
    join the next line to it and lose that line. Keyword and string lines end in a quote.
    """
    page = powrap.current_width() if width is None else width
    header = po.metadata_as_entry()
    header.tcomment = po.header
    parts = [_entry_text(header, page)]
    parts += [_entry_text(e, page) for e in po if not e.obsolete]
    parts += [_entry_text(e, page) for e in po.obsolete_entries()]
    text = "\n".join(parts)
    if "\\\n" in text or text.endswith("\\"):
        text = LINE_END_BACKSLASH_RE.sub(r"\\ ", text)
    return text


def _entry_content(entry: polib.POEntry) -> tuple[object, ...]:
    """Everything a PO file says about an entry, whatever its line layout."""
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or "", entry.msgstr,
            tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items())),
            tuple(entry.flags), entry.tcomment or "", entry.comment or "" if not entry.obsolete else "",
            tuple(tuple(o) for o in entry.occurrences), entry.previous_msgctxt, entry.previous_msgid,
            entry.previous_msgid_plural, bool(entry.obsolete))


def content(po: polib.POFile) -> tuple[object, ...]:
    """A catalog's parsed content (header, metadata, entries): two files with equal
    content differ only in layout, and an editor's layout is left alone."""
    return (po.header or "", tuple(po.metadata.items()), po.metadata_is_fuzzy,
            tuple(_entry_content(e) for e in po))


def _unchanged_on_disk(path: Path, po: polib.POFile) -> bool:
    """Whether the file already holds exactly this content, in any layout."""
    if not path.exists():
        return False
    text = render(po)
    try:
        if path.read_text(encoding="utf-8") == text:
            return True  # our own layout: no parsing needed
        return content(read_po(path)) == content(parse_po(text, str(path)))
    except (L10nError, UnicodeDecodeError):
        return False


def save(path: Path, po: polib.POFile, previous: polib.POFile | None) -> bool:
    """Write only when the content changed, the dates aside: a file whose entries,
    comments, flags and header values are unchanged is left as it is, whatever its
    layout (an editor's re-wrap is not reverted)."""
    if previous is not None:
        fresh = {k: po.metadata[k] for k in DATE_KEYS if k in po.metadata}
        for key in fresh:
            if key in previous.metadata:
                po.metadata[key] = previous.metadata[key]
        if _unchanged_on_disk(path, po):
            return False
        po.metadata.update(fresh)
    elif _unchanged_on_disk(path, po):
        return False
    return write_if_changed(path, render(po), make_parents=True)  # locales/ is ours to create


def load_existing(path: Path) -> polib.POFile | None:
    return read_po(path) if path.exists() else None


def catalog_locale(po: polib.POFile | dict[str, str], path: str) -> LocaleId:
    """The target language of a PO file comes from its Language header."""
    from .locales import header_locale

    return header_locale(po if isinstance(po, dict) else po.metadata, path)
