"""Sphinx extension: what a page shows when its link is shared.

sphinxext-opengraph writes the Open Graph and Twitter tags, its site name and
address set from ``_config.yml``. This extension hands it what it cannot find
for itself:

- a description: the page's first finding (a paragraph led by a phrase in
  bold that carries a computed figure), else its ``description`` metadata
  (front matter or the notebook's), else its first paragraph of prose, cut
  to whole sentences;
- an image: a 1200 × 630 card for the page, with that finding, its figure,
  its source and the site's name, drawn at build time from SVG with the
  system's fonts, so a card that a messaging app crops still carries them;
- the site's root address: Jupyter Book leaves there a bare redirect to the
  landing page; it gets the landing page's title and tags.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import new_document

from tracingbook.sphinx import written

logger = logging.getLogger(__name__)

PREVIEW_FOLDER = "_static/previews"
CARD_SIZE = (1200, 630)
DESCRIPTION_LIMIT = 300
TWITTER_CARD = '<meta name="twitter:card" content="summary_large_image" />'
# Pages Sphinx makes without a source document, described in words of their own.
# Their templates set the title, so the page's context lacks it.
SPECIAL_PAGES = {
    "search": ("Search", "Search the whole text of “{book}”: every chapter, table caption and source."),
    "genindex": ("Index", "The index page of “{book}”: its contents list every chapter."),
}

# Where a page's prose is not: charts, tables, notes, code, navigation.
_NOT_PROSE_HTML = ("figure", "table", "aside", "nav", "details", "pre")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\")]?\s+(?=[A-Z“‘\"(])")


def brief(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut to as many whole sentences as fit in ``limit`` characters.

    A first sentence longer than the limit is cut at a word, with an ellipsis.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    kept = ""
    for match in _SENTENCE_END.finditer(flat):
        candidate = flat[: match.start()].rstrip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_description(metadata: dict[str, Any] | None, finding: Finding | None) -> str:
    """The in-brief: the first finding with a figure, else ``description`` metadata, else the first prose."""
    given = (metadata or {}).get("description")
    if finding is not None and (finding.figure or not (isinstance(given, str) and given.strip())):
        return brief(finding.text)
    return brief(given) if isinstance(given, str) else ""


@dataclass(frozen=True)
class Finding:
    """What a page's card says: its finding, the figure in it, and the source it cites."""

    text: str
    figure: str = ""
    source: str = ""


def _is_prose_html(paragraph: Tag) -> bool:
    if paragraph.find_parent(_NOT_PROSE_HTML) is not None:
        return False
    if paragraph.find_parent(class_=("admonition", "cell_input", "house-chart")) is not None:
        return False
    return bool(paragraph.get_text(strip=True))


def _led_by_bold(paragraph: Tag) -> bool:
    first = next((child for child in paragraph.children if str(child).strip()), None)
    return isinstance(first, Tag) and first.name == "strong"


def _flat(node: Tag) -> str:
    return " ".join(node.get_text().split()).rstrip("#").strip()


def _without(text: str, citations: list[Tag], pointers: list[Tag]) -> str:
    """``text`` without its citations and bracketed pointers: a card names its source apart."""
    for citation in citations:
        text = text.replace(_flat(citation), "")
    for pointer in pointers:
        text = text.replace(f"({_flat(pointer)})", "")
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(text.split())).strip()


def _figure_sentence(text: str, figure: str) -> str:
    """The sentence of ``text`` that holds ``figure`` (the whole text if none does)."""
    starts = [0, *(match.end() for match in _SENTENCE_END.finditer(text))]
    ends = [*(match.start() for match in _SENTENCE_END.finditer(text)), len(text)]
    sentences = [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    return next((sentence for sentence in sentences if figure in sentence), text)


def first_finding(body: str) -> Finding | None:
    """A page's first finding, from its HTML, told in the sentence that holds its figure.

    A finding is a paragraph led by a phrase in bold with a computed figure; a
    page without one offers its first paragraph of prose (with a figure, if one has).
    Its source is the first work it cites, or the first the section it points to cites.
    """
    soup = BeautifulSoup(body, "html.parser")
    paragraphs = [p for p in soup.find_all("p") if _is_prose_html(p)]
    findings = [p for p in paragraphs if _led_by_bold(p) and p.select_one(".pasted-text")]
    with_figures = [p for p in paragraphs if p.select_one(".pasted-text")]
    chosen = next(iter(findings or with_figures or paragraphs), None)
    if chosen is None:
        return None
    figure_node = chosen.select_one(".pasted-text")
    figure = " ".join(figure_node.get_text().split()) if figure_node else ""
    text = _flat(chosen)
    if figure:
        lead = chosen.find("strong")
        lead_text = _flat(lead) if lead is not None and _led_by_bold(chosen) else ""
        sentence = _figure_sentence(text[len(lead_text) :].strip(), figure)
        text = f"{lead_text} {sentence}".strip() if figure not in lead_text else lead_text
    # The work cited in the finding's own sentence, else in its paragraph, else in the section it points to.
    in_paragraph = chosen.select(".bibtex-citation")
    citations = [c for c in in_paragraph if _flat(c).strip("()[] ") in text] or in_paragraph
    pointer = chosen.select_one('a[href^="#"]')
    if not citations and pointer is not None:
        target = soup.find(id=str(pointer["href"])[1:])
        section = target if target is None or target.name == "section" else target.find_parent("section")
        citations = section.select(".bibtex-citation")[:1] if isinstance(section, Tag) else []
    cited = citations[0] if citations else None
    text = _without(text, in_paragraph, chosen.select('a[href^="#"]'))
    return Finding(text, figure, " ".join(cited.get_text().split()).strip("()[] ") if cited else "")


def card_svg(finding: Finding, site_name: str, address: str) -> str:
    """A page's card: the site's name, the figure large, the finding, its source and the address."""
    width, height = CARD_SIZE
    font = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
    top = 130
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect width="24" height="{height}" fill="#0072B2"/>',
        f'<text x="80" y="80" font-family="{font}" font-size="30" font-weight="bold" fill="#0072B2">'
        f"{html.escape(site_name)}</text>",
    ]
    if finding.figure:
        parts.append(
            f'<text x="80" y="{top + 100}" font-family="{font}" font-size="120" font-weight="bold" '
            f'fill="#1f2933">{html.escape(finding.figure)}</text>'
        )
        top += 150
    lines = textwrap.wrap(brief(finding.text, 160), width=46)[:4] or [""]
    spans = "".join(
        f'<tspan x="80" dy="{0 if index == 0 else 52}">{html.escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    parts.append(f'<text y="{top + 40}" font-family="{font}" font-size="40" fill="#1f2933">{spans}</text>')
    if finding.source:
        parts.append(
            f'<text x="80" y="{height - 50}" font-family="{font}" font-size="28" fill="#3d4752">'
            f"Source: {html.escape(finding.source)}</text>"
        )
    parts.append(
        f'<text x="{width - 60}" y="{height - 50}" text-anchor="end" font-family="{font}" font-size="24" '
        f'fill="#0072B2">{html.escape(address)}</text></svg>'
    )
    return "".join(parts)


def svg_png(svg: str) -> bytes:
    """An SVG drawn as PNG, with the system's fonts (resvg, inside vl-convert)."""
    import vl_convert

    return bytes(vl_convert.svg_to_png(svg, scale=1))


def _book_title(config: Any) -> str:
    # Jupyter Book puts the book's title in html_title; Sphinx's project stays a placeholder.
    return str(config.html_title or config.project)


def _site_url(app: Any) -> str:
    base = str(app.config.html_baseurl or "")
    return base if base.endswith("/") or not base else base + "/"


def _set_site_url(app: Any, config: Any) -> None:
    # One address for the site, html.baseurl, also names it to sphinxext-opengraph.
    if config.html_baseurl and not config.ogp_site_url:
        config.ogp_site_url = str(config.html_baseurl).rstrip("/") + "/"
    if config.ogp_site_name is None:
        config.ogp_site_name = _book_title(config)
    if TWITTER_CARD not in config.ogp_custom_meta_tags:
        config.ogp_custom_meta_tags = [*config.ogp_custom_meta_tags, TWITTER_CARD]


def _image_fields(app: Any, pagename: str, finding: Finding) -> dict[str, str]:
    """og:image, its size and its words: the page's card, named by its content."""
    address = _site_url(app).split("://", 1)[-1].rstrip("/")
    card = card_svg(finding, _book_title(app.config), address)
    # Named by its content, like the charts: a changed finding gets a new file, not a stale one.
    name = f"card-{hashlib.sha256(card.encode()).hexdigest()[:12]}.png"
    path = Path(app.outdir) / PREVIEW_FOLDER / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(svg_png(card))
    written.record(app, pagename, path)
    words = f"{finding.figure}: {finding.text}" if finding.figure else finding.text
    if finding.source:
        words += f" Source: {finding.source}."
    width, height = CARD_SIZE
    return {
        "og:image": urljoin(_site_url(app), f"{PREVIEW_FOLDER}/{name}"),
        "og:image:alt": html.escape(brief(words), quote=True),
        "og:image:width": str(width),
        "og:image:height": str(height),
    }


def _stand_in(description: str) -> nodes.document:
    document = new_document("<page without a source>")
    document += nodes.paragraph(text=description)
    return document


def _add_previews(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html":
        return
    finding = first_finding(context.get("body", ""))
    if doctree is not None:
        description = page_description(context.get("meta"), finding)
    elif pagename in SPECIAL_PAGES:
        title, template = SPECIAL_PAGES[pagename]
        description = template.format(book=_book_title(app.config))
        finding = Finding(text=description)
    else:
        return
    if not description:
        logger.warning(f"[tracingbook] {pagename} has no paragraph of prose and no description to preview")
        return
    escaped = html.escape(description, quote=True)
    # A copy: the theme reads the page's metadata too, and the environment keeps its own.
    fields = dict(context.get("meta") or {})
    fields["og:description"] = escaped
    fields.update(_image_fields(app, pagename, finding or Finding(text=description)))
    context["meta"] = fields
    # Pages without a document have no metatags of their own; their template still prints them.
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{escaped}" />'
    if doctree is None:
        from sphinxext.opengraph import get_tags

        context["metatags"] += get_tags(
            {"title": title, **context},
            _stand_in(description),
            srcdir=app.srcdir,
            outdir=app.outdir,
            config=app.config,
            builder=app.builder,
            env=app.env,
        )


_HEAD_TAGS = re.compile(
    r"<title>.*?</title>|<meta (?:property|name)=\"(?:og:|twitter:|description)[^>]*>", re.DOTALL
)


def root_page(landing_html: str, landing: str) -> str:
    """The site's root address: the landing page's title and preview tags, and a way on to it."""
    tags = "\n".join(_HEAD_TAGS.findall(landing_html))
    href = html.escape(landing, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" />\n'
        f'{tags}\n<meta http-equiv="refresh" content="0; url={href}" />\n'
        f'<link rel="canonical" href="{href}" /></head>\n'
        f'<body><p><a href="{href}">Open the book</a></p></body></html>\n'
    )


def _write_root_page(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    landing = f"{app.config.root_doc}.html"
    landing_file = Path(app.outdir) / landing
    if landing_file.is_file():
        text = root_page(landing_file.read_text(encoding="utf-8"), landing)
        (Path(app.outdir) / "index.html").write_text(text, encoding="utf-8")


def _check_site_url(app: Any) -> None:
    if not _site_url(app):
        logger.warning(
            "[tracingbook] html.baseurl is not set in _config.yml: link previews need absolute addresses"
        )
