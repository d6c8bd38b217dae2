"""TMX files read into the memory: parsed safely, inline codes mapped back to our tags, and
units that cannot be stored reported rather than imported (see ``l10n.tm.tmx`` for the
format and the rules on codes and languages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..errors import InputError, L10nError
from ..inline import tag_multiset
from ..locales import LocaleId, parse_locale
from ..spans import TAG_RE
from ..xmlsafe import XmlRules, parse_untrusted
from .records import TMEntry
from .tmx import CONTEXT_PROP, SOURCE_LANG, XML_LANG

#: An agency memory of a million units is a few hundred MB; beyond this it is a mistake.
MAX_TMX_BYTES = 512 * 1024 * 1024


class _BadUnit(Exception):
    """A unit that cannot be stored (its reason is reported and the unit skipped)."""


@dataclass(frozen=True)
class SkippedUnit:
    """A translation unit left out of an import, with where it is and why."""

    path: str
    line: int
    reason: str

    def describe(self) -> str:
        return f"{self.path}:{self.line}: translation unit skipped: {self.reason}"


@dataclass(frozen=True)
class TmxBatch:
    """TMX files read in full before the memory is opened.

    ``skipped`` are units that cannot be stored (reported to the user); ``languages`` counts
    the variants in languages we do not translate into, which are left out silently per unit
    and summarised once per language.
    """

    files: tuple[Path, ...]
    entries: tuple[TMEntry, ...]
    skipped: tuple[SkippedUnit, ...]
    languages: Counter[str] = field(default_factory=Counter)
    units: int = 0


#: TMX files name their DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, never loaded); entity
#: declarations are refused. No remove_blank_text: a space between two codes in a <seg> is text.
_RULES = XmlRules(error=InputError, what="TMX file", syntax="malformed TMX",
                  entity_declared="entity declarations are not allowed in a TMX file",
                  entity_hint="remove the DOCTYPE internal subset",
                  keep_blank_text=True, keep_comments=False)


def _parse(path: Path) -> etree._Element:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
    root = parse_untrusted(data, source, replace(_RULES, max_bytes=MAX_TMX_BYTES))
    if root.tag != "tmx":
        raise InputError(f"not a TMX file: the root element is <{root.tag}>, expected <tmx>",
                         path=source, line=root.sourceline)
    return root


def _lang(el: etree._Element) -> str:
    """xml:lang, or ``lang`` as TMX 1.1 and 1.2 wrote it."""
    return (el.get(XML_LANG) or el.get("lang") or "").strip()


def _is_english(lang: str) -> bool:
    return lang.replace("_", "-").split("-")[0].lower() == SOURCE_LANG


@dataclass
class _Codes:
    """How the inline codes of one unit map to our tag numbers (shared by its variants)."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def number(self, key: tuple[str, str], english: bool) -> int:
        if key in self.numbers:
            return self.numbers[key]
        if not english:
            raise _BadUnit(f"inline code {_show(key)} of the translation is not in the English text")
        used = set(self.numbers.values())
        number = max(used, default=0) + 1
        self.numbers[key] = number
        return number


def _show(key: tuple[str, str]) -> str:
    kind, value = key
    return {"x": f"x={value}", "i": f"i={value}"}.get(kind, f"<ph>{value}</ph>")


def _code_key(el: etree._Element, native_seen: Counter[str]) -> tuple[str, str]:
    x = (el.get("x") or "").strip()
    if x:
        return ("x", x)
    if el.tag == "bpt":
        return ("i", (el.get("i") or "").strip())
    native = "".join(el.itertext())
    native_seen[native] += 1
    return ("native", f"{native}#{native_seen[native]}")


def _codes_of(el: etree._Element) -> Iterator[etree._Element]:
    """The codes of a segment that become tags: its own and those inside ``<hi>``, not
    those in the sub-flows of a code's native text."""
    for child in el:
        if child.tag == "hi":
            yield from _codes_of(child)
        elif child.tag in ("bpt", "ph", "ut"):
            yield child


def _english_numbers(seg: etree._Element) -> _Codes:
    """Our own exports number codes by x; keep those numbers when every code has a distinct
    whole-number x, else number codes in the order the English text opens them."""
    codes = _Codes()
    xs = [(el.get("x") or "").strip() for el in _codes_of(seg)]
    if xs and all(x.isdigit() and int(x) > 0 for x in xs) and len(set(xs)) == len(xs):
        codes.numbers = {("x", x): int(x) for x in xs}
    return codes


@dataclass
class _SegReader:
    """Turns one ``<seg>`` into our tagged text."""

    codes: _Codes
    english: bool
    out: list[str] = field(default_factory=list)
    open_pairs: list[tuple[str, int]] = field(default_factory=list)  # (i, number), innermost last
    native_seen: Counter[str] = field(default_factory=Counter)

    def text(self, value: str | None) -> None:
        if not value:
            return
        m = TAG_RE.search(value)
        if m:
            raise _BadUnit(f"the text {m.group(0)!r} would read as an l10n inline tag")
        self.out.append(value)

    def content(self, el: etree._Element) -> None:
        self.text(el.text)
        for child in el:
            self.code(child)
            self.text(child.tail)

    def code(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == "bpt":
            number = self.codes.number(_code_key(el, self.native_seen), self.english)
            self.open_pairs.append(((el.get("i") or "").strip(), number))
            self.out.append(f"<{number}>")
        elif tag == "ept":
            self.close((el.get("i") or "").strip())
        elif tag in ("ph", "ut"):
            number = self.codes.number(_code_key(el, self.native_seen), self.english)
            self.out.append(f"<{number}/>")
        elif tag == "hi":  # a highlight (say, a term) is not markup of the text: keep its content
            self.content(el)
        elif tag == "it":
            raise _BadUnit("an isolated code (<it>) has no partner in this segment")
        else:
            raise _BadUnit(f"unexpected element <{tag}> in a segment")

    def close(self, i: str) -> None:
        if not self.open_pairs:
            raise _BadUnit(f"<ept i={i}> closes nothing")
        top_i, number = self.open_pairs[-1]
        if top_i != i:
            opened = [pair for pair, _ in self.open_pairs]
            raise _BadUnit(f"<ept i={i}> closes nothing" if i not in opened
                           else f"codes i={top_i} and i={i} overlap")
        self.open_pairs.pop()
        self.out.append(f"</{number}>")

    def finish(self) -> str:
        if self.open_pairs:
            raise _BadUnit(f"<bpt i={self.open_pairs[-1][0]}> has no <ept>")
        return "".join(self.out)


def _seg_of(tuv: etree._Element) -> etree._Element:
    seg = tuv.find("seg")
    if seg is None:
        raise _Malformed("<tuv> without <seg>", tuv.sourceline)
    return seg


class _Malformed(Exception):
    """A structural error: the whole file is refused (the TMX DTD requires it)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _context(tu: etree._Element) -> str:
    for prop in tu.findall("prop"):
        if prop.get("type") == CONTEXT_PROP:
            return prop.text or ""
    return ""


def _source_variant(tu: etree._Element, srclang: str) -> etree._Element:
    english = [tuv for tuv in tu.findall("tuv") if _is_english(_lang(tuv))]
    if not english:
        raise _BadUnit("no English variant")
    for tuv in english:
        if _lang(tuv).lower() == srclang.lower():
            return tuv
    return english[0]


@dataclass
class _UnitReader:
    """Reads the units of one file into entries, skipped units and unsupported languages."""

    path: Path
    srclang: str
    entries: list[TMEntry] = field(default_factory=list)
    skipped: list[SkippedUnit] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    _locales: dict[str, LocaleId | None] = field(default_factory=dict)

    def locale(self, lang: str) -> LocaleId | None:
        if lang not in self._locales:
            try:
                self._locales[lang] = parse_locale(lang) if lang else None
            except L10nError:
                self._locales[lang] = None
        return self._locales[lang]

    def unit(self, tu: etree._Element) -> None:
        tuvs = tu.findall("tuv")
        if not tuvs:
            raise _Malformed("<tu> without <tuv>", tu.sourceline)
        for tuv in tuvs:
            if not _lang(tuv):
                raise _Malformed("<tuv> without xml:lang", tuv.sourceline)
            _seg_of(tuv)
        try:
            self._unit(tu, tuvs)
        except _BadUnit as exc:
            self.skipped.append(SkippedUnit(str(self.path), tu.sourceline or 0, str(exc)))

    def _unit(self, tu: etree._Element, tuvs: Sequence[etree._Element]) -> None:
        source_tuv = _source_variant(tu, tu.get("srclang") or self.srclang)
        seg = _seg_of(source_tuv)
        codes = _english_numbers(seg)
        reader = _SegReader(codes, english=True)
        reader.content(seg)
        source = reader.finish()
        context = _context(tu)
        found: list[TMEntry] = []
        for tuv in tuvs:
            lang = _lang(tuv)
            if tuv is source_tuv or _is_english(lang):
                continue
            locale = self.locale(lang)
            if locale is None:
                self.languages[lang] += 1
                continue
            target_reader = _SegReader(codes, english=False)
            target_reader.content(_seg_of(tuv))
            target = target_reader.finish()
            if not target.strip():  # not translated yet: nothing to remember
                continue
            if tag_multiset(target) != tag_multiset(source):
                raise _BadUnit(f"the {lang} inline codes differ from the English ones")
            found.append(TMEntry(locale, source, target, context, str(self.path)))
        self.entries.extend(found)


def read_tmx(path: Path) -> TmxBatch:
    """Every storable translation of one TMX file; raises InputError (file and line) when
    the file is not well-formed XML or not TMX, having stored nothing."""
    path = Path(path)
    root = _parse(path)
    header, body = root.find("header"), root.find("body")
    if header is None or body is None:
        missing = "<header>" if header is None else "<body>"
        raise InputError(f"malformed TMX: no {missing}", path=str(path), line=root.sourceline)
    reader = _UnitReader(path, (header.get("srclang") or SOURCE_LANG).strip())
    units = 0
    try:
        for tu in body.iterchildren("tu"):
            units += 1
            reader.unit(tu)
    except _Malformed as exc:
        raise InputError(f"malformed TMX: {exc.message}", path=str(path), line=exc.line) from None
    return TmxBatch((path,), tuple(reader.entries), tuple(reader.skipped), reader.languages, units)


def load_tmx(paths: Iterable[Path]) -> TmxBatch:
    """Read several TMX files in full; the first bad one raises before anything is stored."""
    files: list[Path] = []
    entries: list[TMEntry] = []
    skipped: list[SkippedUnit] = []
    languages: Counter[str] = Counter()
    units = 0
    for path in dict.fromkeys(Path(p) for p in paths):
        if not path.is_file():
            raise InputError("file not found", path=str(path), hint="check the path")
        batch = read_tmx(path)
        files.append(path)
        entries.extend(batch.entries)
        skipped.extend(batch.skipped)
        languages.update(batch.languages)
        units += batch.units
    return TmxBatch(tuple(files), tuple(entries), tuple(skipped), languages, units)
