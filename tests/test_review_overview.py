"""The overview's rows are written in Python (``review.rows.overview_rows``) for speed;
they must be the markup the template loop wrote, byte for byte, whatever the names,
counts and times (the browser tests sort and filter that markup)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.review.collect import Summary
from l10n.review.rows import overview_rows
from l10n.review.site import _environment
from l10n.review.status import STATUSES

#: The loop ``templates/index.html`` had before its rows moved to Python.
TEMPLATE_LOOP = """{% for p in pages %}
<tr class="{{ 'has-errors' if p.errors else '' }}">
<td data-value="{{ p.release }}"><a href="{{ p.file }}">{{ p.release }}</a>{% if p.errors %} <span class="badge badge-error">errors</span>{% endif %}</td>
<td data-value="{{ p.locale }}" lang="{{ p.locale }}">{{ p.locale }}</td>
<td data-value="{{ p.entries }}">{{ p.entries }}</td>
<td>{% include "bar.html" %}</td>
<td data-value="{{ p.errors }}" class="{{ 'count-error' if p.errors else '' }}">{{ p.errors }}</td>
<td data-value="{{ p.warnings }}">{{ p.warnings }}</td>
<td data-value="{{ p.updated }}">{{ p.updated }}</td>
</tr>
{% endfor %}
"""

_text = st.text(alphabet=st.sampled_from("ab &<>\"'/.é創-"), max_size=12)
_summary = st.builds(
    Summary, file=_text, release=_text, locale=st.sampled_from(["zh-Hant-HK", "zh-Hans-CN", "<x>"]), po=_text,
    entries=st.integers(0, 500),
    counts=st.dictionaries(st.sampled_from(sorted(STATUSES)), st.integers(0, 300), max_size=len(STATUSES)),
    errors=st.integers(0, 3), warnings=st.integers(0, 3), updated=_text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_summary, max_size=4))
def test_overview_rows_are_the_template_loop(pages: list[Summary]) -> None:
    expected = _environment().from_string(TEMPLATE_LOOP).render(pages=pages)
    assert str(overview_rows(pages)) == expected
