"""Rewrites of a page's HTML before it is written: each takes the body and returns it changed.

They mend what the themes and extensions write for a reader on a phone, with
a keyboard or a screen reader: one page-wide switch instead of a fold on every
code cell, headline findings that can be linked and cited, and the
bibliography's deprecated ARIA roles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from tracingbook.page.words import CONFIDENCE_GLOSSES, GLOSSES
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


_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")
_CELL_LABEL = re.compile(r'<td\b[^>]*\bdata-label="([^"]*)"')
# Text in these is never glossed: a link's or heading's words, code, a chart and
# the figures folded under it (a fold a reader may never open), a gloss itself.
_UNGLOSSED = {
    "figure",
    "details",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "code",
    "pre",
    "abbr",
    "summary",
    "title",
}


def _gloss(term: str, explanation: str) -> str:
    return f'{term}<span class="house-gloss"> ({html.escape(explanation)})</span>'


def gloss_terms(
    body: str,
    glosses: dict[str, str] | None = None,
    confidence_glosses: dict[str, str] | None = None,
) -> str:
    """The first use on the page of each term a reader may not know, followed by its one-line explanation.

    A confidence word is glossed in the first cell of a confidence column that holds it.
    """
    terms = {term: text for term, text in (glosses if glosses is not None else GLOSSES).items()}
    confidence = dict(confidence_glosses if confidence_glosses is not None else CONFIDENCE_GLOSSES)
    patterns = {term: re.compile(rf"\b{re.escape(term)}\b") for term in terms}
    inside: list[str] = []
    cell_label = ""
    parts = _TAG.split(body)
    for index, part in enumerate(parts):
        if not (terms or confidence):
            break
        if part.startswith("<"):
            found = _TAG_NAME.match(part)
            if found:
                closing, name = found[1], found[2].lower()
                if name in _UNGLOSSED and not part.endswith("/>"):
                    if closing and name in inside:
                        inside.remove(name)
                    elif not closing:
                        inside.append(name)
                if name == "td" and not closing:
                    labelled = _CELL_LABEL.match(part)
                    cell_label = labelled[1] if labelled else ""
            continue
        if inside or not part.strip():
            continue
        word = part.strip()
        if word in confidence and "confidence" in cell_label.lower():
            parts[index] = part.replace(word, _gloss(word, confidence.pop(word)), 1)
            continue
        for term in list(terms):
            if patterns[term].search(parts[index]):
                glossed = _gloss(term, terms.pop(term))
                parts[index] = patterns[term].sub(lambda _found, text=glossed: text, parts[index], count=1)
    return "".join(parts)


_CHART_SOURCES = re.compile(r'(<div class="house-chart__sources"[^>]*>)(.*?)(</div>)', re.DOTALL)
_QUOTED_TITLE = re.compile(r"“([^”<]+)”")


def link_chart_sources(body: str, urls: Mapping[str, str]) -> str:
    """Each source title in a chart's list of sources linked to the source's address, where it has one."""

    def linked_title(found: re.Match[str]) -> str:
        url = urls.get(html.unescape(found[1]))
        return f'<a href="{html.escape(url, quote=True)}">{found[0]}</a>' if url else found[0]

    def linked(found: re.Match[str]) -> str:
        return found[1] + _QUOTED_TITLE.sub(linked_title, found[2]) + found[3]

    return _CHART_SOURCES.sub(linked, body)


_SECTION = re.compile(
    r'<section id="(?P<id>[^"]+)">\s*(?:<span id="[^"]*"></span>\s*)*<h2>(?P<title>.*?)<a class="headerlink"',
    re.DOTALL,
)
# A page of this many sections or more opens them with a list to jump to each.
JUMP_LIST_SECTIONS = 8


def add_jump_list(body: str) -> str:
    """A long page's sections listed before the first of them, each a link: a reader scans, then jumps."""
    sections = list(_SECTION.finditer(body))
    if len(sections) < JUMP_LIST_SECTIONS:
        return body
    items = "".join(
        f'<li><a href="#{html.escape(found["id"], quote=True)}">{found["title"].strip()}</a></li>'
        for found in sections
    )
    jump = f'<nav class="house-jump" aria-label="Sections of this page"><ul>{items}</ul></nav>'
    start = sections[0].start()
    return body[:start] + jump + body[start:]
