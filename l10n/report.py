"""Check reports for people (text) and machines (JSON, JUnit XML, GitHub annotations).

The JSON report's shape is documented by ``l10n/schemas/report-v1.schema.json`` (its
``version`` says which schema); JUnit XML is in ``report_junit`` and GitHub's workflow
commands and job summary in ``report_github``, imported only when asked for.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from .errors import visible
from .model import Finding, Severity
from .report_base import CheckReport

__all__ = ["FORMATS", "REPORT_VERSION", "CheckReport", "as_github", "as_json", "as_junit", "as_text",
           "finding_json", "findings_fragment", "fragment_separator", "indented_json", "json_closing",
           "json_opening", "format_report", "sort_findings"]

FORMATS = ("text", "json", "junit", "github")
MSGID_PREVIEW = 60
#: The JSON report's ``version``: raised when a field changes meaning or goes away (adding
#: a field does not), together with a new ``l10n/schemas/report-v<N>.schema.json``.
REPORT_VERSION = 1


def _preview(text: str) -> str:
    """The start of a msgid on one line, control characters escaped (see ``_safe``)."""
    text = text.replace("\n", " ")
    text = text if len(text) <= MSGID_PREVIEW else text[: MSGID_PREVIEW - 1] + "…"
    return visible(text)


def _safe(text: str, *, keep: str = "") -> str:
    """Text from catalogs (msgids, file names, messages quoting them) as the reader should
    see it: an ESC or OSC sequence in a msgid must not recolour a terminal or CI log, and XML
    1.0 cannot hold most C0 controls at all, so they are shown as ``\\x1b``."""
    return visible(text, keep=keep)


def as_text(report: CheckReport, *, show_info: bool = False) -> str:
    lines = []
    for f in report.findings:
        if f.severity is Severity.INFO and not show_info:
            continue
        lines.append(f"{_safe(f.path)}:{f.line}: {f.severity}: [{f.check}] {_safe(f.message)}")
        lines.append(f'    msgid "{_preview(f.msgid)}"')
    s = report.summary()
    lines.append(f"{s['files']} file(s), {s['checked']} translated entries checked: "
                 f"{s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['untranslated']} untranslated")
    return "\n".join(lines)


def as_json(report: CheckReport) -> str:
    payload = {"version": REPORT_VERSION, "findings": [f.as_json() for f in report.findings],
               "summary": report.summary()}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def as_junit(report: CheckReport) -> str:
    """JUnit XML: one test per error or warning, named so that it keeps its name when
    entries are added above it (see ``report_junit``)."""
    from .report_junit import junit_xml

    return junit_xml(report)


def as_github(report: CheckReport, *, summary_written: bool = False) -> str:
    """GitHub workflow commands: at most 10 annotations per level, the rest counted in one
    line that points to the job summary when ``summary_written`` (see ``report_github``)."""
    from .report_github import github_annotations

    return github_annotations(report, summary_written=summary_written)


def format_report(report: CheckReport, fmt: str) -> str:
    writers: dict[str, Callable[[CheckReport], str]] = {
        "text": as_text, "json": as_json, "junit": as_junit, "github": as_github}
    return writers[fmt](report)


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.path, f.line, f.check)))


# -- the batch's report.json, assembled from stored pieces ---------------------------------
#
# ``json.dumps(payload, indent=2)`` writes a value nested N levels deep with every line
# after its first indented by 2*N more spaces, and JSON text never holds a raw newline
# inside a string. So a piece dumped on its own and re-indented (``_nest``) is the same
# bytes as the same piece inside the whole report: a batch stores each catalog's findings
# as text once, when it records them, and a later report only joins texts between
# ``json_opening`` and ``json_closing`` instead of serializing every finding of every
# release again (``pipeline._write_report_file``).

#: Indent of one finding inside the report's ``findings`` list (two levels deep).
_FINDING_DEPTH = 2


def _nest(text: str, depth: int) -> str:
    return text.replace("\n", "\n" + "  " * depth)


def finding_json(finding: dict[str, Any]) -> str:
    """One finding as it appears in the report's ``findings`` list, indent included."""
    return "  " * _FINDING_DEPTH + _nest(json.dumps(finding, ensure_ascii=False, indent=2), _FINDING_DEPTH)


def findings_fragment(findings: Sequence[dict[str, Any]]) -> str:
    """One catalog's findings (``Finding.as_json`` dicts, all of one ``path``) as the
    report lists them: sorted as ``sort_findings`` sorts them, joined as ``json`` joins
    list items. Empty for no findings."""
    ordered = sorted(findings, key=lambda f: (f["line"], f["check"]))
    return ",\n".join(finding_json(f) for f in ordered)


def indented_json(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` nested ``depth`` levels deep,
    for dicts, lists, strings, integers, booleans and None (the report's head: its
    releases and their counts). json's indented dump runs its Python encoder; this one
    leaves strings and flat dicts to the C one and took a 2,000-release head from 0.25 s to 0.03 s,
    then to about 0.01 s by calling that encoder without ``JSONEncoder.encode``'s set-up
    for each dict. Anything else (a float) goes to ``json.dumps``."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    inner = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if _is_flat(value):
            return _flat_dict(value, depth)
        items = [f"{_encode_string(k)}: {_scalar(v) if type(v) in _SCALARS else indented_json(v, depth + 1)}"
                 for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if type(value[0]) is dict and all(type(v) is dict and v and _is_flat(v) for v in value):
            # a list of flat dicts (a release's locales): no call per item but the encoder's
            encode = _flat_encoder(depth + 2)
            close = "\n" + "  " * (depth + 1) + "}"
            body = ("," + inner).join("{" + inner + "  " + encode(v)[1:-1] + close for v in value)
            return "[" + inner + body + "\n" + "  " * depth + "]"
        return "[" + inner + ("," + inner).join(indented_json(v, depth + 1) for v in value) + "\n" + "  " * depth + "]"
    return _nest(json.dumps(value, ensure_ascii=False, indent=2), depth)


def _is_flat(value: dict[Any, Any]) -> bool:
    """A dict of scalar values (no float): what the C encoder writes as ``json.dumps``
    would, given the right item separator."""
    return _FLAT.issuperset(map(type, value.values()))  # one pass in C


def _flat_dict(value: dict[str, Any], depth: int) -> str:
    """A flat dict (``_is_flat``) ``depth`` levels deep: the C encoder, its item separator
    carrying the line break and indent (the separators go between items only)."""
    return "{" + "\n" + "  " * (depth + 1) + _flat_encoder(depth + 1)(value)[1:-1] + "\n" + "  " * depth + "}"


_encode_string: Callable[[str], str] = json.encoder.encode_basestring
_SCALARS = frozenset({str, int})
_FLAT = frozenset({str, int, bool, type(None)})


@functools.cache
def _flat_encoder(depth: int) -> Callable[[Any], str]:
    """The C encoder for a flat dict whose items stand ``depth`` levels deep, called
    directly (``JSONEncoder.encode`` makes a new one for every value)."""
    separators = (",\n" + "  " * depth, ": ")
    make = json.encoder.c_make_encoder  # type: ignore[attr-defined]
    if make is None:  # a Python without json's C accelerator
        return json.JSONEncoder(ensure_ascii=False, separators=separators).encode
    encode = make(None, _no_default, _encode_string, None, separators[1], separators[0], False, False, True)
    return lambda value: "".join(encode(value, 0))


def _no_default(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value: str | int) -> str:
    return _encode_string(value) if type(value) is str else str(value)


def json_opening(head: dict[str, Any]) -> str:
    """What ``json.dumps({**head, "findings": [...], **tail}, ensure_ascii=False, indent=2)``
    writes before the first findings text: the head's members and the ``findings`` key."""
    return "{\n" + "".join(_member(k, v) + ",\n" for k, v in head.items()) + '  "findings": '


def fragment_separator(first: bool) -> str:
    """What comes before a findings text: the list's opening, or the comma after the last one."""
    return "[\n" if first else ",\n"


def json_closing(tail: dict[str, Any], *, empty: bool, end: str = "") -> str:
    """What that dump writes after the last findings text (``empty``: there was none),
    then ``end``."""
    return ("[]" if empty else "\n  ]") + "".join(",\n" + _member(k, v) for k, v in tail.items()) + "\n}" + end


def _member(key: str, value: Any) -> str:
    return f"  {json.dumps(key, ensure_ascii=False)}: {indented_json(value, 1)}"
