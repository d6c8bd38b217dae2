"""The HTML of a release page's entries, one ``<li>`` per entry, and of the overview's
rows, one ``<tr>`` per release and locale.

Written here rather than in the templates because a big site has tens of thousands of
entries and thousands of overview rows, and this is where its time went: the templates'
expression-by-expression rendering cost about twice what these few formatted strings do
(the overview of 2,000 releases took 0.45 s in ``index.html``'s loop). The markup is the
same as the templates' would be; the rest of each page stays in ``templates/``.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from .collect import Row, Summary
from .marks import escape_text


def entries_html(rows: Iterable[Row], tag: str, po: str) -> Markup:
    """Every entry of a page (``tag`` the target's locale, ``po`` the catalog's path)."""
    lang = escape_text(tag)
    where = escape_text(po)
    return Markup("".join(_entry(row, lang, where) for row in rows))


def _entry(row: Row, lang: str, po: str) -> str:
    anchor = row.anchor
    flagged = f" has-finding sev-{row.severity}" if row.findings else ""
    focus = ' tabindex="-1"' if row.findings else ""
    target = str(row.target) if row.target else '<em class="empty" lang="en">untranslated</em>'
    missing = ""
    if row.missing:
        listed = "; ".join(f'<mark class="qty bad">{escape_text(m)}</mark>' for m in row.missing)
        missing = f'\n<p class="missing" lang="en">Missing from the target: {listed}</p>'
    meta = [f'<span class="status st-{row.status.key}">{escape_text(row.status.label)}</span>']
    if row.msgctxt:
        meta.append(f'<span class="ctx">context: {escape_text(row.msgctxt)}</span>')
    meta += [f'<span class="note-line">{escape_text(n)}</span>' for n in row.notes]
    meta += [f'<span class="where">source <code>{escape_text(r)}</code></span>' for r in row.refs]
    meta.append(f'<span class="where">PO <code>{po}:{row.po_line}</code></span>')
    findings = ""
    if row.findings:
        items = "".join(f'<li class="finding sev-{f.severity}"><span class="sev">{f.severity}</span> '
                        f'<span class="check">{escape_text(f.check)}</span>: {escape_text(f.message)}</li>\n'
                        for f in row.findings)
        findings = f'\n<ul class="findings" aria-label="Findings">\n{items}</ul>'
    return (f'<li id="{anchor}" class="entry{flagged}" data-checks="{escape_text(row.checks)}" '
            f'data-severities="{row.severities or "none"}" data-status="{row.status.key}"{focus}>\n'
            f'<div class="num" id="{anchor}-n"><span class="visually-hidden">Entry </span>{row.number}</div>\n'
            f'<div class="text src" lang="en"><span class="label">English</span><p>{row.source}</p></div>\n'
            f'<div class="text tgt" lang="{lang}"><span class="label">{lang}</span><p>{target}</p>{missing}\n'
            f'</div>\n<div class="meta">{"".join(meta)}</div>{findings}\n</li>\n')


def overview_rows(pages: Iterable[Summary]) -> Markup:
    """The overview table's body rows (``templates/bar.html`` draws the same bar on a
    release page)."""
    return Markup("".join(overview_row(p) for p in pages))


def overview_row(p: Summary) -> str:
    """One page's row of the overview (the site keeps it in its manifest, so a page that
    is not rendered again has its row copied, not formatted)."""
    release = escape_text(p.release)
    locale = escape_text(p.locale)
    badge = ' <span class="badge badge-error">errors</span>' if p.errors else ""
    parts = [(key, escape_text(label), n, pct) for key, label, n, pct in p.bar() if n]
    label = ", ".join(f"{n} {name}" for _key, name, n, _pct in parts)
    segments = "".join(f'<span class="seg st-{key}" style="width: {pct:.2f}%" title="{n} {name}"></span>'
                       for key, name, n, pct in parts)
    text = " · ".join(f"{n} {name}" for _key, name, n, _pct in parts)
    error_class = "count-error" if p.errors else ""
    return (f'<tr class="{"has-errors" if p.errors else ""}">\n'
            f'<td data-value="{release}"><a href="{escape_text(p.file)}">{release}</a>{badge}</td>\n'
            f'<td data-value="{locale}" lang="{locale}">{locale}</td>\n'
            f'<td data-value="{p.entries}">{p.entries}</td>\n'
            f'<td><div class="bar" role="img" aria-label="{label}">\n{segments}</div>\n'
            f'<p class="bar-text">{text}</p></td>\n'
            f'<td data-value="{p.errors}" class="{error_class}">{p.errors}</td>\n'
            f'<td data-value="{p.warnings}">{p.warnings}</td>\n'
            f'<td data-value="{escape_text(p.updated)}">{escape_text(p.updated)}</td>\n'
            f'</tr>\n')
