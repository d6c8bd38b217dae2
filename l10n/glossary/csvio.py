"""CSV import and export of the term base, for people who edit terms in a spreadsheet.

One row per concept. Lists inside a cell are separated by `` | `` (a bar that cannot
occur in a Chinese term and rarely in English). Columns, in export order:

``id``                concept id (derived from the first English form when empty)
``en``                English forms, preferred first: ``artificial intelligence | AI``
``case_sensitive``    forms to match only as written, overriding the default rule
``case_insensitive``  forms to match in any case, overriding the default rule
``do_not_translate``  forms the Chinese text keeps in English: ``CMF``
``ambiguous``         forms with other common meanings (``IP``): comment only
``zh-Hant-HK`` ...    the approved (preferred) rendering for each locale column (any zh tag)
``admitted zh-Hant-HK`` ...  further accepted renderings: ``香港特區 | 特區政府``
``short zh-Hant-HK`` ...  short forms accepted after the first full mention: ``創科局``
``forbidden zh-Hant-HK`` ...  ``軟體 = Taiwan usage | ...``: text, ``=``, reason
``note``              free text for translators

A column may appear once: ``zh-HK`` is the same column as ``zh-Hant-HK``, and a
repeated column is an error rather than a silent "last one wins".

The default case rule is the one the TBX reader uses: a form without lower-case letters
(AI, GBA) is case-sensitive. Files are read as UTF-8 with or without a BOM and written
with a BOM, because Excel shows Chinese as mojibake without one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import GlossaryError, InputError
from ..locales import parse_locale
from ..model import EnglishForm, ForbiddenRendering, Term
from .tbx import default_case_sensitive
from .validate import REQUIRED_LOCALES

__all__ = ["CSV_BOM", "LIST_SEPARATOR", "read_csv", "write_csv"]

LIST_SEPARATOR = " | "
REASON_SEPARATOR = "="
CSV_BOM = "\ufeff"
FORBIDDEN_PREFIX = "forbidden "
ADMITTED_PREFIX = "admitted "
SHORT_PREFIX = "short "
_FIXED = ("id", "en", "case_sensitive", "case_insensitive", "do_not_translate", "ambiguous",
          "note")
_FLAG_COLUMNS = ("case_sensitive", "case_insensitive", "do_not_translate", "ambiguous")
#: Python's csv module refuses longer cells; no term or note comes near it.
MAX_CELL = csv.field_size_limit()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _locale_column(name: str, source: str) -> str:
    try:
        locale = parse_locale(name)
    except InputError:
        raise GlossaryError(f"unknown column {name!r}", path=source, line=1,
                            hint=f"columns are {', '.join(_FIXED)}, a locale such as "
                            "zh-Hant-HK, 'admitted <locale>', 'short <locale>' or "
                            "'forbidden <locale>'") from None
    if locale.language != "zh":
        raise GlossaryError(f"column {name!r} is not a Chinese locale", path=source, line=1)
    return locale.tag


def read_csv(text: str, *, source: str) -> list[Term]:
    """Parse CSV text into concepts; structural mistakes raise GlossaryError with the line.

    Rule checks (duplicates, missing renderings) are left to ``validate_terms`` so that
    CSV and TBX input are judged by the same rules.
    """
    text = text.removeprefix(CSV_BOM)
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise GlossaryError("NUL character in the CSV", path=source, line=line,
                            hint="a spreadsheet export never holds one: is this the right file?")
    rows = _rows(csv.reader(io.StringIO(text)), source)
    return _read_rows(rows, source)


def _rows(reader: Iterator[list[str]], source: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) per row; a cell over the csv module's limit is one GlossaryError."""
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise GlossaryError(f"unreadable CSV: {exc}", path=source, line=line,
                                hint=f"a cell may hold at most {MAX_CELL:,} characters") from None
        yield line, row
        line = reader.line_num + 1  # type: ignore[attr-defined]


def _read_rows(rows: Iterator[tuple[int, list[str]]], source: str) -> list[Term]:
    try:
        _, header = next(rows)
    except StopIteration:
        raise GlossaryError("empty CSV file", path=source, line=1) from None
    columns = _header_columns(header, source)
    terms: list[Term] = []
    for start, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise GlossaryError(f"row has {len(row)} fields, header has {len(columns)}",
                                path=source, line=start)
        terms.append(_read_row(row, columns, source, start))
    return terms


def _header_columns(header: Sequence[str], source: str) -> list[tuple[str, str]]:
    """The role of each column (``en``, ``rendering``, ``admitted``...) and its locale tag
    (or ""); a column named twice, or no ``en`` column, is an error."""
    columns: list[tuple[str, str]] = []  # (role, locale tag or "")
    names: dict[tuple[str, str], str] = {}
    for raw in header:
        name = raw.strip()
        if name in _FIXED:
            column = (name, "")
        elif name.lower().startswith(FORBIDDEN_PREFIX):
            column = ("forbidden", _locale_column(name[len(FORBIDDEN_PREFIX):].strip(),
                                                  source))
        elif name.lower().startswith(ADMITTED_PREFIX):
            column = ("admitted", _locale_column(name[len(ADMITTED_PREFIX):].strip(), source))
        elif name.lower().startswith(SHORT_PREFIX):
            column = ("short", _locale_column(name[len(SHORT_PREFIX):].strip(), source))
        else:
            column = ("rendering", _locale_column(name, source))
        if column in names:
            same = "" if names[column] == name else f" (same as {names[column]!r})"
            raise GlossaryError(f"duplicate column {name!r}{same}", path=source, line=1,
                                hint="each column may appear once; merge the two columns")
        names[column] = name
        columns.append(column)
    if ("en", "") not in columns:
        raise GlossaryError("CSV has no 'en' column", path=source, line=1)
    return columns


@dataclass
class _RowCells:
    """One row's cells by role: the fixed columns, and the per-locale renderings."""

    cells: dict[str, str] = field(default_factory=dict)
    renderings: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, tuple[ForbiddenRendering, ...]] = field(default_factory=dict)
    admitted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    short: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _forbidden_cell(cell: str, locale: str, source: str, line: int) -> tuple[ForbiddenRendering, ...]:
    """``軟體 = Taiwan usage; ...``: every forbidden rendering needs its reason."""
    items = []
    for part in _split(cell):
        text, sep, reason = part.partition(REASON_SEPARATOR)
        if not sep:
            raise GlossaryError(f"forbidden {locale} entry {part!r} has no reason",
                                path=source, line=line,
                                hint="write it as: 軟體 = Taiwan usage")
        items.append(ForbiddenRendering(text.strip(), reason.strip()))
    return tuple(items)


def _row_cells(row: Sequence[str], columns: Sequence[tuple[str, str]], source: str, line: int) -> _RowCells:
    found = _RowCells()
    for (role, locale), cell in zip(columns, row, strict=False):
        cell = cell.strip()
        if role == "rendering":
            if cell:
                found.renderings[locale] = cell
        elif role in ("admitted", "short"):
            if _split(cell):
                (found.admitted if role == "admitted" else found.short)[locale] = tuple(_split(cell))
        elif role == "forbidden":
            items = _forbidden_cell(cell, locale, source, line)
            if items:
                found.forbidden[locale] = items
        else:
            found.cells[role] = cell
    return found


def _flags(cells: dict[str, str], english: list[str], source: str, line: int) -> dict[str, set[str]]:
    """The forms each flag column lists; each must be an English form, and no form may be
    both case-sensitive and case-insensitive."""
    known = set(english)
    flags: dict[str, set[str]] = {}
    for role in _FLAG_COLUMNS:
        listed = set(_split(cells.get(role, "")))
        unknown = sorted(listed - known)
        if unknown:
            raise GlossaryError(f"{role} names {', '.join(unknown)}, which is not in 'en'",
                                path=source, line=line)
        flags[role] = listed
    both = flags["case_sensitive"] & flags["case_insensitive"]
    if both:
        raise GlossaryError(f"{', '.join(sorted(both))} is both case_sensitive and "
                            "case_insensitive", path=source, line=line)
    return flags


def _read_row(row: Sequence[str], columns: Sequence[tuple[str, str]], source: str,
              line: int) -> Term:
    found = _row_cells(row, columns, source, line)
    cells = found.cells
    english = _split(cells.get("en", ""))
    flags = _flags(cells, english, source, line)
    forms = tuple(
        EnglishForm(
            text,
            text in flags["case_sensitive"] or (
                default_case_sensitive(text) and text not in flags["case_insensitive"]),
            text in flags["do_not_translate"],
        )
        for text in english
    )
    concept_id = cells.get("id", "") or (_slug(english[0]) if english else "")
    return Term(concept_id, forms, found.renderings, found.forbidden, cells.get("note", ""), line,
                admitted=found.admitted,
                ambiguous=tuple(t for t in english if t in flags["ambiguous"]), short=found.short)


def write_csv(terms: Iterable[Term]) -> str:
    """Concepts as CSV text (with a BOM), one row per concept, round-trippable."""
    items = list(terms)
    locales = sorted({loc for t in items
                      for loc in (*t.renderings, *t.admitted, *t.short, *t.forbidden)}
                     | set(REQUIRED_LOCALES))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*_FIXED[:6], *locales, *(ADMITTED_PREFIX + loc for loc in locales),
                     *(SHORT_PREFIX + loc for loc in locales),
                     *(FORBIDDEN_PREFIX + loc for loc in locales), "note"])
    for term in items:
        writer.writerow(_csv_row(term, locales))
    return CSV_BOM + out.getvalue()


def _csv_row(term: Term, locales: Sequence[str]) -> list[str]:
    """One concept's cells, in the header's order; flags list only what differs from the
    default (an abbreviation is case-sensitive unless listed as case-insensitive)."""
    sensitive = [f.text for f in term.forms if f.case_sensitive and not default_case_sensitive(f.text)]
    insensitive = [f.text for f in term.forms if not f.case_sensitive and default_case_sensitive(f.text)]
    return [
        term.concept_id,
        LIST_SEPARATOR.join(term.english),
        LIST_SEPARATOR.join(sensitive),
        LIST_SEPARATOR.join(insensitive),
        LIST_SEPARATOR.join(f.text for f in term.forms if f.do_not_translate),
        LIST_SEPARATOR.join(f.text for f in term.forms if f.text in term.ambiguous),
        *(term.renderings.get(loc, "") for loc in locales),
        *(LIST_SEPARATOR.join(term.admitted.get(loc, ())) for loc in locales),
        *(LIST_SEPARATOR.join(term.short.get(loc, ())) for loc in locales),
        *(LIST_SEPARATOR.join(f"{f.text} {REASON_SEPARATOR} {f.reason}"
                              for f in term.forbidden.get(loc, ())) for loc in locales),
        term.note,
    ]
