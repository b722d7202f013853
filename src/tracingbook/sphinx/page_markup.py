"""Rewrites of a page's HTML before it is written: each takes the body and returns it changed.

They mend what the themes and extensions write for a reader on a phone, with
a keyboard or a screen reader: one page-wide switch instead of a fold on every
code cell, headline findings that can be linked and cited, and the
bibliography's deprecated ARIA roles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from tracingbook.sphinx.charts import CHART_FOOTER
from tracingbook.sphinx.citation import slug

# MyST-NB folds a hide-input cell's source into a <details> of its own.
_FOLDED_SOURCE = re.compile(
    r'<details class="admonition hide above-input">\s*<summary\b[^>]*>.*?</summary>\s*'
    r'(<div class="cell_input\b.*?)</details>',
    re.DOTALL,
)
_BIBLIOGRAPHY_ENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')
# A headline: a paragraph opening with a bold lead and holding computed figures.
_HEADLINE = re.compile(
    r'<p>(?P<lead><strong>(?P<title>[^<]+)</strong>)(?P<rest>(?:(?!</p>).)*?class="pasted-text"(?:(?!</p>).)*)</p>',
    re.DOTALL,
)
_FIGURE = re.compile(r'<figure class="house-chart" id="(?P<id>[^"]+)".*?</figure>', re.DOTALL)
_TITLE = re.compile(r'<p class="house-chart__title" id="[^"]+">(?P<title>[^<]*?) ?<')


def unfold_code_cells(body: str) -> str:
    """Every folded code cell's source, out of its fold: one switch per page shows or hides them all."""
    return _FOLDED_SOURCE.sub(r"\1", body)


def mend_bibliography(body: str) -> str:
    """List items in the bibliography's list, not the role ARIA 1.2 deprecated."""
    return _BIBLIOGRAPHY_ENTRY.sub(r'\1 role="listitem"', body)


def cite_details(summary: str, citation_html: str) -> str:
    return (
        f'<details class="house-cite"><summary>{html.escape(summary)}</summary>'
        f'<p class="house-cite__text">{citation_html}</p></details>'
    )


def anchor_headlines(body: str, cite: Callable[[str, str], str]) -> str:
    """Each headline finding gets a stable anchor, a link to itself and a 'cite this' line.

    ``cite(part, anchor)`` gives the citation HTML for one part of the page.
    """
    used: set[str] = set()

    def anchored(found: re.Match[str]) -> str:
        title = html.unescape(found["title"]).strip().rstrip(".")
        anchor = f"finding-{slug(title)}"
        if anchor in used:
            return found.group(0)
        used.add(anchor)
        link = f'<a class="headerlink" href="#{anchor}" title="Link to this finding">#</a>'
        return (
            f'<p class="house-finding" id="{anchor}">{found["lead"]}{found["rest"]} {link}</p>'
            + cite_details("Cite this finding", cite(title, anchor))
        )

    return _HEADLINE.sub(anchored, body)


def chart_ids_and_titles(body: str) -> list[tuple[str, str]]:
    """The id and title of every chart on the page, in order."""
    found = []
    for figure in _FIGURE.finditer(body):
        title = _TITLE.search(figure.group(0))
        found.append((figure["id"], html.unescape(title["title"]) if title else figure["id"]))
    return found


def fill_chart_footers(body: str, footer: Callable[[str, str], str]) -> str:
    """Each chart's placeholder replaced by ``footer(chart_id, title)``: its downloads and citation."""

    def filled(found: re.Match[str]) -> str:
        figure = found.group(0)
        title = _TITLE.search(figure)
        name = html.unescape(title["title"]) if title else found["id"]
        return figure.replace(CHART_FOOTER, footer(found["id"], name), 1)

    return _FIGURE.sub(filled, body)
