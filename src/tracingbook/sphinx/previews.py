"""Sphinx extension: what a page shows when its link is shared.

sphinxext-opengraph writes the Open Graph and Twitter tags. This extension
hands it, for every page, what it cannot find for itself:

- a description: the page's ``description`` metadata (front matter, or the
  notebook's metadata), else the page's first paragraph of prose, cut to
  whole sentences;
- an image: the page's first chart as PNG (drawn at build time by the same
  Vega as the site's), else the book card, a PNG drawn at build time from an
  SVG with the system's fonts;
- absolute addresses, from ``html.baseurl`` in ``_config.yml``.

Pages Sphinx makes without a document (search, index) get the same tags,
written by sphinxext-opengraph from a one-paragraph stand-in document.
"""

from __future__ import annotations

import hashlib
import html
import re
import struct
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import new_document

from tracingbook.sphinx.chart_files import chart_specs
from tracingbook.sphinx.charts import VEGALITE_VERSION, spec_digest

logger = logging.getLogger(__name__)

PREVIEW_FOLDER = "_static/previews"
CARD_TAGLINE = "An executable book: every figure computed from its data"
CARD_SIZE = (1200, 630)
DESCRIPTION_LIMIT = 300
TWITTER_CARD = '<meta name="twitter:card" content="summary_large_image" />'
# Pages Sphinx writes without a source document, described in words of their own.
# Their templates set the title, so the page's context lacks it.
SPECIAL_PAGES = {
    "search": ("Search", "Search the whole text of “{book}”: every chapter, table caption and source."),
    "genindex": ("Index", "The index page of “{book}”: its contents list every chapter."),
}

# Text that cannot be a page's in-brief: notes, tables, captions, footnotes, code.
_NOT_PROSE = (
    nodes.Admonition,
    nodes.topic,
    nodes.sidebar,
    nodes.table,
    nodes.caption,
    nodes.legend,
    nodes.footnote,
    nodes.citation,
    nodes.field_list,
    nodes.docinfo,
    nodes.literal_block,
)
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


def _is_prose(paragraph: nodes.paragraph) -> bool:
    parent = paragraph.parent
    while parent is not None:
        if isinstance(parent, _NOT_PROSE):
            return False
        parent = parent.parent
    return bool(paragraph.astext().strip())


def first_paragraph(doctree: nodes.Node) -> str:
    """The text of the first paragraph of prose in a page, or '' if it has none."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _is_prose(paragraph):
            return str(paragraph.astext())
    return ""


def page_description(metadata: dict[str, Any] | None, doctree: nodes.Node) -> str:
    """The page's in-brief: its ``description`` metadata if it has one, else its first paragraph."""
    given = (metadata or {}).get("description")
    if isinstance(given, str) and given.strip():
        return brief(given)
    return brief(first_paragraph(doctree))


def first_chart_spec(body: str) -> dict[str, Any] | None:
    """The Vega-Lite spec of the first chart in a page's HTML body, if it has one."""
    return next(iter(chart_specs(body).values()), None)


def chart_png(spec: dict[str, Any]) -> bytes:
    """The chart as a PNG on white, twice the size it has on the page, for sharp previews."""
    import vl_convert

    drawable = {key: value for key, value in spec.items() if key != "$schema"}
    config = {**drawable.get("config", {}), "background": "white"}
    return bytes(
        vl_convert.vegalite_to_png(
            {**drawable, "config": config}, vl_version=VEGALITE_VERSION, scale=2, allowed_base_urls=[]
        )
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def card_svg(title: str, tagline: str, address: str) -> str:
    """The book card: its title, a line on what it is, and where it lives."""
    width, height = CARD_SIZE
    lines = textwrap.wrap(title, width=26) or [""]
    title_text = "".join(
        f'<tspan x="80" dy="{0 if index == 0 else 84}">{html.escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    font = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<rect width="24" height="{height}" fill="#0072B2"/>'
        f'<text y="200" font-family="{font}" font-size="68" font-weight="bold" fill="#1f2933">'
        f"{title_text}</text>"
        f'<text x="80" y="{260 + 84 * (len(lines) - 1) + 60}" font-family="{font}" font-size="34" '
        f'fill="#3d4752">{html.escape(tagline)}</text>'
        f'<text x="80" y="560" font-family="{font}" font-size="28" fill="#0072B2">'
        f"{html.escape(address)}</text>"
        "</svg>"
    )


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


def _write_once(path: Path, make: Any) -> bytes:
    if path.is_file():
        return path.read_bytes()
    data: bytes = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def _image_fields(app: Any, body: str) -> dict[str, str]:
    """og:image and its size and words: the page's first chart, or the book card."""
    spec = first_chart_spec(body)
    folder = Path(app.outdir) / PREVIEW_FOLDER
    if spec is None:
        card = _card_svg(app)
        # Named by its content, like the charts: a changed title gets a new file, not a stale one.
        name = f"card-{hashlib.sha256(card.encode()).hexdigest()[:12]}.png"
        alt = _book_title(app.config)
        data = _write_once(folder / name, lambda: svg_png(card))
    else:
        name = f"chart-{spec_digest(spec)}.png"
        alt = str(spec.get("description") or spec.get("title") or _book_title(app.config))
        data = _write_once(folder / name, lambda: chart_png(spec))
    width, height = png_size(data)
    return {
        "og:image": urljoin(_site_url(app), f"{PREVIEW_FOLDER}/{name}"),
        "og:image:alt": html.escape(brief(alt), quote=True),
        "og:image:width": str(width),
        "og:image:height": str(height),
    }


def _card_svg(app: Any) -> str:
    address = _site_url(app).split("://", 1)[-1].rstrip("/")
    return card_svg(_book_title(app.config), CARD_TAGLINE, address)


def _stand_in(description: str) -> nodes.document:
    document = new_document("<page without a source>")
    document += nodes.paragraph(text=description)
    return document


def _add_previews(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html":
        return
    if doctree is not None:
        description = page_description(context.get("meta"), doctree)
    elif pagename in SPECIAL_PAGES:
        title, template = SPECIAL_PAGES[pagename]
        description = template.format(book=_book_title(app.config))
    else:
        return
    if not description:
        logger.warning(f"[tracingbook] {pagename} has no paragraph of prose and no description to preview")
        return
    escaped = html.escape(description, quote=True)
    # A copy: the theme reads the page's metadata too, and the environment keeps its own.
    fields = dict(context.get("meta") or {})
    fields["og:description"] = escaped
    fields.update(_image_fields(app, context.get("body", "")))
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


def _check_site_url(app: Any) -> None:
    if not _site_url(app):
        logger.warning(
            "[tracingbook] html.baseurl is not set in _config.yml: link previews need absolute addresses"
        )


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", _set_site_url)
    app.connect("builder-inited", _check_site_url)
    # Before sphinxext-opengraph (500), which reads what this puts in the page's metadata.
    app.connect("html-page-context", _add_previews, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
