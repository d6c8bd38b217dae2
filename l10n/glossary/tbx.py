"""Read and write the term base as TBX-Basic (ISO 30042 ``martif``, TBX 2008 style).

We use the TBX-Basic structure ``martif/text/body/termEntry/langSet/tig/term`` because
the CAT tools translators use (Trados MultiTerm, memoQ, Weblate via Translate
Toolkit) import it. Standard data categories carry what they can:

* ``termEntry/@id`` is the concept id; ``termEntry/note`` the concept note;
* ``langSet/@xml:lang`` is ``en`` for the English forms (first ``tig`` = preferred) and
  a BCP 47 tag (``zh-Hant-HK``, ``zh-Hans-CN``) for each target locale;
* ``termNote type="termType"`` (fullForm, abbreviation, variant) is informative;
* ``termNote type="administrativeStatus"``: a target ``tig`` marked
  ``deprecatedTerm-admn-sts`` is a *forbidden* rendering; one marked
  ``admittedTerm-admn-sts`` is an *admitted* rendering (accepted by the check, never
  used in comments or drafts; any number per locale); exactly one other ``tig``
  (``preferredTerm-admn-sts`` or unmarked) is the approved (preferred) rendering;
* an admitted target ``tig`` whose ``termType`` is ``shortForm`` or ``abbreviation`` is
  a *short form* (創科局, 港投公司): official Chinese texts use it once the full name
  has appeared in the document, so the check accepts it only after a first mention.

Three private categories (``x-`` prefix, as TBX allows for local extensions) carry
what TBX-Basic has no category for:

* ``termNote type="x-caseSensitive"`` (yes/no) on an English ``tig``; when absent, a form
  with no lower-case letter (AI, GBA, R&D) is case-sensitive, any other form is not;
* ``termNote type="x-doNotTranslate"`` (yes/no) on an English ``tig``: the Chinese text
  keeps this form in English (CMF, CIN);
* ``termNote type="x-forbiddenReason"`` on a deprecated target ``tig``: why it is
  forbidden, shown in findings;
* ``termNote type="x-ambiguous"`` (yes/no) on an English ``tig``: the form has other
  common meanings (``IP``: IP address), so it gives a comment but is never enforced.

The file is untrusted input: a DOCTYPE may name an external DTD (TBX files often do)
but it is never loaded, and any entity declaration is rejected before lxml sees the
document, so neither "billion laughs" nor an external entity can do anything.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from .. import defaults, xmlsafe
from ..errors import GlossaryError, InputError
from ..locales import parse_locale
from ..model import EnglishForm, ForbiddenRendering, Severity, Term
from ..xmlsafe import XmlRules
from .match import Glossary
from .validate import Issue, has_errors, validate_terms

__all__ = [
    "DEFAULT_GLOSSARY",
    "MAX_TBX_BYTES",
    "Inspection",
    "checked_inspection",
    "inspect_file",
    "inspect_tbx",
    "load_glossary",
    "parse_tbx",
    "write_tbx",
]

log = logging.getLogger(__name__)

DEFAULT_GLOSSARY = defaults.GLOSSARY
#: A term base of a few thousand concepts is well under 1 MB; anything near this is a
#: mistake or an attack, and is refused before it is read into memory.
MAX_TBX_BYTES = 8 * 1024 * 1024

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = "administrativeStatus"
DEPRECATED = "deprecatedTerm-admn-sts"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
AMBIGUOUS = "x-ambiguous"
TERM_TYPE = "termType"
SHORT_FORM = "shortForm"
#: termType values that make an admitted rendering a short form (TBX allows both).
SHORT_TYPES = frozenset({SHORT_FORM, "abbreviation"})
CASE_SENSITIVE = "x-caseSensitive"
DO_NOT_TRANSLATE = "x-doNotTranslate"
FORBIDDEN_REASON = "x-forbiddenReason"
_YES = frozenset({"yes", "true", "1"})
_NO = frozenset({"no", "false", "0"})
_ENCODING_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")

CONVENTIONS_COMMENT = """
 l10n term base, TBX-Basic (martif/text/body/termEntry/langSet/tig).
 One termEntry per concept; @id is the concept id; note = concept note.
 langSet xml:lang="en": English forms, the first tig is the preferred form.
   termNote type="x-caseSensitive" yes|no  (absent: yes only when the form
     has no lower-case letter, e.g. AI, GBA)
   termNote type="x-doNotTranslate" yes|no (yes: the Chinese text keeps
     this form in English, e.g. CMF)
   termNote type="x-ambiguous" yes|no (yes: the form has other common
     meanings, e.g. IP; comment only, never enforced)
 langSet xml:lang="zh-Hant-HK" / "zh-Hans-CN": exactly one approved tig
   (administrativeStatus preferredTerm-admn-sts, or unmarked); further
   accepted renderings are tigs with admittedTerm-admn-sts; forbidden
   renderings are tigs with administrativeStatus deprecatedTerm-admn-sts
   and termNote type="x-forbiddenReason" saying why. An admitted tig with
   termNote type="termType" shortForm is a short form (創科局): accepted once
   the full rendering has appeared earlier in the same document.
 Edit with any TBX tool or via CSV (l10n glossary export / import);
 check with: l10n glossary validate
"""


@dataclass(frozen=True)
class Inspection:
    """A term base read leniently: what could be built, and every problem found."""

    glossary: Glossary
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _vet_encoding(data: bytes, source: str) -> None:
    """Refuse a term base that is not UTF-8 (declared or actual) before parsing it."""
    m = _ENCODING_DECL.match(data)
    if m and m.group(1).lower() not in {b"utf-8", b"utf8"}:
        raise GlossaryError(f"encoding {m.group(1).decode('ascii')} not supported",
                            path=source, line=1, hint="save the term base as UTF-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=source,
                            line=_line_of(data, exc.start),
                            hint="save the term base as UTF-8") from None


#: A DOCTYPE may name the TBX DTD (never loaded); entity declarations are refused.
_RULES = XmlRules(error=GlossaryError, what="term base", syntax="bad XML",
                  entity_declared="entity declarations are not allowed in a term base",
                  entity_hint="remove the DOCTYPE internal subset")


def _parser() -> etree.XMLParser:
    return xmlsafe.parser(_RULES)


def _parse_xml(data: bytes, source: str) -> etree._Element:
    # the limit is read at each call, so a caller (or a test) may lower MAX_TBX_BYTES
    rules = replace(_RULES, max_bytes=MAX_TBX_BYTES)
    return xmlsafe.parse_untrusted(data, source, rules, vet=_vet_encoding)


def _local(tag: object) -> str:
    """Element name without a namespace (TBX v2 has none, but some tools add one)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _notes(tig: etree._Element) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for note in _children(tig, "termNote"):
        out[note.get("type", "")] = (_text(note), note.sourceline or 0)
    return out


def _flag(value: tuple[str, int] | None, default: bool, name: str, source: str,
          issues: list[Issue]) -> bool:
    if value is None:
        return default
    text, line = value
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    issues.append(Issue(Severity.ERROR, f"{name} must be yes or no, not {text!r}", line, source))
    return default


def default_case_sensitive(text: str) -> bool:
    """Abbreviations (no lower-case letter: AI, GBA, R&D) match only as written."""
    return not any(ch.islower() for ch in text)


@dataclass
class _EntryParts:
    """What the langSets of one termEntry contribute, collected before the Term is built."""

    concept_id: str
    forms: list[EnglishForm] = field(default_factory=list)
    renderings: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, list[ForbiddenRendering]] = field(default_factory=dict)
    admitted: dict[str, list[str]] = field(default_factory=dict)
    short: dict[str, list[str]] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)


def _read_english(tigs: list[etree._Element], parts: _EntryParts, source: str, issues: list[Issue]) -> None:
    """English tigs: the forms a text is matched on, with their flags."""
    for tig in tigs:
        text = _text(next(iter(_children(tig, "term")), None))
        notes = _notes(tig)
        parts.forms.append(EnglishForm(
            text,
            _flag(notes.get(CASE_SENSITIVE), default_case_sensitive(text), CASE_SENSITIVE, source, issues),
            _flag(notes.get(DO_NOT_TRANSLATE), False, DO_NOT_TRANSLATE, source, issues),
        ))
        if _flag(notes.get(AMBIGUOUS), False, AMBIGUOUS, source, issues):
            parts.ambiguous.append(text)


def _read_target(tag: str, tigs: list[etree._Element], parts: _EntryParts, ls_line: int, source: str,
                 issues: list[Issue]) -> None:
    """Target-language tigs, by status: forbidden, short form, admitted or the one approved."""
    for tig in tigs:
        text = _text(next(iter(_children(tig, "term")), None))
        notes = _notes(tig)
        status = notes.get(ADMIN_STATUS, ("", 0))[0]
        if status == DEPRECATED:
            reason = notes.get(FORBIDDEN_REASON, ("", 0))[0]
            parts.forbidden.setdefault(tag, []).append(ForbiddenRendering(text, reason))
        elif status == ADMITTED and notes.get(TERM_TYPE, ("", 0))[0] in SHORT_TYPES:
            parts.short.setdefault(tag, []).append(text)
        elif status == ADMITTED:
            parts.admitted.setdefault(tag, []).append(text)
        elif tag in parts.renderings:
            issues.append(Issue(
                Severity.ERROR,
                f"conflicting {tag} renderings in {parts.concept_id!r}: {parts.renderings[tag]} and "
                f"{text} (one approved rendering per locale; mark the other "
                f"{ADMITTED} or {DEPRECATED})", tig.sourceline or ls_line, source))
        else:
            parts.renderings[tag] = text


def _read_langset(langset: etree._Element, parts: _EntryParts, line: int, source: str,
                  issues: list[Issue]) -> None:
    lang = (langset.get(XML_LANG) or langset.get("lang") or "").strip()
    ls_line = langset.sourceline or line
    if _children(langset, "ntig"):
        issues.append(Issue(Severity.ERROR, "ntig is TBX-Default, use tig (TBX-Basic)", ls_line, source))
    tigs = _children(langset, "tig")
    if lang.lower() == "en" or lang.lower().startswith("en-"):
        _read_english(tigs, parts, source, issues)
        return
    try:
        tag = parse_locale(lang).tag
    except InputError:
        issues.append(Issue(Severity.ERROR, f"unsupported langSet xml:lang {lang!r}", ls_line, source))
        return
    _read_target(tag, tigs, parts, ls_line, source, issues)


def _read_entry(entry: etree._Element, source: str, issues: list[Issue]) -> Term:
    line = entry.sourceline or 0
    parts = _EntryParts((entry.get("id") or "").strip())
    note = " ".join(_text(n) for n in _children(entry, "note"))
    langsets = _children(entry, "langSet")
    if not langsets:
        issues.append(Issue(Severity.ERROR, f"termEntry {parts.concept_id!r} has no langSet", line, source))
    for langset in langsets:
        _read_langset(langset, parts, line, source, issues)
    return Term(parts.concept_id, tuple(parts.forms), parts.renderings,
                {k: tuple(v) for k, v in parts.forbidden.items()}, note, line,
                admitted={k: tuple(v) for k, v in parts.admitted.items()},
                ambiguous=tuple(parts.ambiguous),
                short={k: tuple(v) for k, v in parts.short.items()})


def inspect_tbx(data: bytes, *, source: str) -> Inspection:
    """Read a TBX document leniently and validate it, collecting every problem.

    Unreadable or hostile XML still raises GlossaryError (there is nothing to inspect).
    """
    root = _parse_xml(data, source)
    if _local(root.tag) != "martif":
        raise GlossaryError(f"root element is <{_local(root.tag)}>, expected <martif> "
                            "(TBX-Basic)", path=source, line=root.sourceline)
    issues: list[Issue] = []
    terms: list[Term] = []
    for text_el in _children(root, "text"):
        for body in _children(text_el, "body"):
            for entry in _children(body, "termEntry"):
                terms.append(_read_entry(entry, source, issues))
    issues.extend(validate_terms(terms, source=source))
    issues.sort(key=lambda i: i.line)
    return Inspection(Glossary(terms, source=source), tuple(issues))


def parse_tbx(data: bytes, *, source: str) -> Glossary:
    """Parse TBX bytes into a Glossary; any error-level problem raises GlossaryError.

    Warnings are logged, not raised: a missing zh-Hans-CN rendering should not stop a
    zh-Hant-HK run.
    """
    return checked_inspection(data, source=source).glossary


def checked_inspection(data: bytes, *, source: str) -> Inspection:
    """``parse_tbx`` with the warnings it logged kept (the glossary cache stores them):
    an error-level problem raises GlossaryError, the other problems are logged."""
    found = inspect_tbx(data, source=source)
    errors = [i for i in found.issues if i.severity is Severity.ERROR]
    for issue in found.issues:
        if issue.severity is not Severity.ERROR:
            log.debug("%s", issue)
    if errors:
        more = f"{len(errors) - 1} more; " if len(errors) > 1 else ""
        raise GlossaryError(errors[0].message, path=source, line=errors[0].line or None,
                            hint=f"{more}run: l10n glossary validate --glossary {source}")
    return found


def _read_file(path: str | Path) -> tuple[bytes, str]:
    p = Path(path)
    source = str(p)
    try:
        size = p.stat().st_size
        if size > MAX_TBX_BYTES:
            raise GlossaryError(f"term base is {size} bytes, over the {MAX_TBX_BYTES} limit",
                                path=source)
        return p.read_bytes(), source
    except FileNotFoundError:
        raise GlossaryError("term base not found", path=source,
                            hint="pass --glossary or create glossary/terms.tbx") from None
    except IsADirectoryError:
        raise GlossaryError("is a directory, expected a TBX file", path=source) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path=source) from None


def load_glossary(path: str | Path) -> Glossary:
    """Read and parse a TBX file; GlossaryError names the file and line on bad input."""
    data, source = _read_file(path)
    return parse_tbx(data, source=source)


def inspect_file(path: str | Path) -> Inspection:
    """Read a TBX file leniently (for ``l10n glossary validate``)."""
    data, source = _read_file(path)
    return inspect_tbx(data, source=source)


def _term_type(index: int, text: str) -> str:
    if default_case_sensitive(text):
        return "abbreviation"
    return "fullForm" if index == 0 else "variant"


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def write_tbx(terms: Glossary | tuple[Term, ...] | list[Term], *,
              title: str = "l10n term base") -> bytes:
    """Serialise concepts as TBX-Basic, deterministic so diffs show real changes only.

    Case and do-not-translate flags are always written out, even where they equal the
    default, so a reader of the file never has to know the default rule.
    """
    items = terms.terms if isinstance(terms, Glossary) else tuple(terms)
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Written by l10n glossary (TBX-Basic).")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for term in items:
        entry = _sub(body, "termEntry", id=term.concept_id)
        if term.note:
            _sub(entry, "note", term.note)
        en = etree.SubElement(entry, "langSet", {XML_LANG: "en"})
        for index, form in enumerate(term.forms):
            tig = _sub(en, "tig")
            _sub(tig, "term", form.text)
            _sub(tig, "termNote", _term_type(index, form.text), type="termType")
            _sub(tig, "termNote", _yes_no(form.case_sensitive), type=CASE_SENSITIVE)
            _sub(tig, "termNote", _yes_no(form.do_not_translate), type=DO_NOT_TRANSLATE)
            if form.text in term.ambiguous:
                _sub(tig, "termNote", "yes", type=AMBIGUOUS)
        for locale in sorted(set(term.renderings) | set(term.admitted) | set(term.forbidden)
                             | set(term.short)):
            langset = etree.SubElement(entry, "langSet", {XML_LANG: locale})
            if locale in term.renderings:
                tig = _sub(langset, "tig")
                _sub(tig, "term", term.renderings[locale])
                _sub(tig, "termNote", PREFERRED, type=ADMIN_STATUS)
            for text in term.admitted.get(locale, ()):
                tig = _sub(langset, "tig")
                _sub(tig, "term", text)
                _sub(tig, "termNote", ADMITTED, type=ADMIN_STATUS)
            for text in term.short.get(locale, ()):
                tig = _sub(langset, "tig")
                _sub(tig, "term", text)
                _sub(tig, "termNote", SHORT_FORM, type=TERM_TYPE)
                _sub(tig, "termNote", ADMITTED, type=ADMIN_STATUS)
            for item in term.forbidden.get(locale, ()):
                tig = _sub(langset, "tig")
                _sub(tig, "term", item.text)
                _sub(tig, "termNote", DEPRECATED, type=ADMIN_STATUS)
                _sub(tig, "termNote", item.reason, type=FORBIDDEN_REASON)
    root.addprevious(etree.Comment(CONVENTIONS_COMMENT))
    tree = etree.ElementTree(root)
    etree.indent(tree, space="  ")
    data: bytes = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
