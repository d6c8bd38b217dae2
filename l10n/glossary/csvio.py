"""CSV import and export of the term base, for people who edit terms in a spreadsheet.

One row per concept. Lists inside a cell are separated by `` | `` (a bar that cannot
occur in a Chinese term and rarely in English). Columns, in export order:

``id``                concept id (derived from the first English form when empty)
``en``                English forms, preferred first: ``artificial intelligence | AI``
``case_sensitive``    forms to match only as written, overriding the default rule
``case_insensitive``  forms to match in any case, overriding the default rule
``do_not_translate``  forms the Chinese text keeps in English: ``CMF``
``zh-Hant-HK`` ...    the approved rendering for each locale column (any zh tag)
``forbidden zh-Hant-HK`` ...  ``軟體 = Taiwan usage | ...``: text, ``=``, reason
``note``              free text for translators

The default case rule is the one the TBX reader uses: a form without lower-case letters
(AI, GBA) is case-sensitive. Files are read as UTF-8 with or without a BOM and written
with a BOM, because Excel shows Chinese as mojibake without one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

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
_FIXED = ("id", "en", "case_sensitive", "case_insensitive", "do_not_translate", "note")


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
                            "zh-Hant-HK, or 'forbidden <locale>'") from None
    if locale.language != "zh":
        raise GlossaryError(f"column {name!r} is not a Chinese locale", path=source, line=1)
    return locale.tag


def read_csv(text: str, *, source: str) -> list[Term]:
    """Parse CSV text into concepts; structural mistakes raise GlossaryError with the line.

    Rule checks (duplicates, missing renderings) are left to ``validate_terms`` so that
    CSV and TBX input are judged by the same rules.
    """
    reader = csv.reader(io.StringIO(text.removeprefix(CSV_BOM)))
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("empty CSV file", path=source, line=1) from None
    columns: list[tuple[str, str]] = []  # (role, locale tag or "")
    for raw in header:
        name = raw.strip()
        if name in _FIXED:
            columns.append((name, ""))
        elif name.lower().startswith(FORBIDDEN_PREFIX):
            columns.append(("forbidden", _locale_column(name[len(FORBIDDEN_PREFIX):].strip(),
                                                        source)))
        else:
            columns.append(("rendering", _locale_column(name, source)))
    if ("en", "") not in columns:
        raise GlossaryError("CSV has no 'en' column", path=source, line=1)
    terms: list[Term] = []
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise GlossaryError(f"row has {len(row)} fields, header has {len(columns)}",
                                path=source, line=start)
        terms.append(_read_row(row, columns, source, start))
    return terms


def _read_row(row: Sequence[str], columns: Sequence[tuple[str, str]], source: str,
              line: int) -> Term:
    cells: dict[str, str] = {}
    renderings: dict[str, str] = {}
    forbidden: dict[str, tuple[ForbiddenRendering, ...]] = {}
    for (role, locale), cell in zip(columns, row, strict=False):
        cell = cell.strip()
        if role == "rendering":
            if cell:
                renderings[locale] = cell
        elif role == "forbidden":
            items = []
            for part in _split(cell):
                text, sep, reason = part.partition(REASON_SEPARATOR)
                if not sep:
                    raise GlossaryError(f"forbidden {locale} entry {part!r} has no reason",
                                        path=source, line=line,
                                        hint="write it as: 軟體 = Taiwan usage")
                items.append(ForbiddenRendering(text.strip(), reason.strip()))
            if items:
                forbidden[locale] = tuple(items)
        else:
            cells[role] = cell
    english = _split(cells.get("en", ""))
    known = set(english)
    flags: dict[str, set[str]] = {}
    for role in ("case_sensitive", "case_insensitive", "do_not_translate"):
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
    return Term(concept_id, forms, renderings, forbidden, cells.get("note", ""), line)


def write_csv(terms: Iterable[Term]) -> str:
    """Concepts as CSV text (with a BOM), one row per concept, round-trippable."""
    items = list(terms)
    locales = sorted({loc for t in items for loc in (*t.renderings, *t.forbidden)}
                     | set(REQUIRED_LOCALES))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*_FIXED[:5], *locales, *(FORBIDDEN_PREFIX + loc for loc in locales),
                     "note"])
    for term in items:
        sensitive = [f.text for f in term.forms
                     if f.case_sensitive and not default_case_sensitive(f.text)]
        insensitive = [f.text for f in term.forms
                       if not f.case_sensitive and default_case_sensitive(f.text)]
        writer.writerow([
            term.concept_id,
            LIST_SEPARATOR.join(term.english),
            LIST_SEPARATOR.join(sensitive),
            LIST_SEPARATOR.join(insensitive),
            LIST_SEPARATOR.join(f.text for f in term.forms if f.do_not_translate),
            *(term.renderings.get(loc, "") for loc in locales),
            *(LIST_SEPARATOR.join(f"{f.text} {REASON_SEPARATOR} {f.reason}"
                                  for f in term.forbidden.get(loc, ())) for loc in locales),
            term.note,
        ])
    return CSV_BOM + out.getvalue()
