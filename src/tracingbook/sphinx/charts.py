"""Put the notebooks' Vega-Lite charts on the site, drawn by the site's own Vega.

Two pieces: a MyST-NB mime renderer that turns each stored spec into a
static figure (its anchor from the chart's title), and a Sphinx extension that
writes one local script (Vega, Vega-Lite, Vega-Embed and the drawing code)
into ``_static`` and adds it only to pages that have charts.

Each figure holds the chart already drawn as SVG, by vl-convert's copy of the
same Vega at build time, twice: laid out for a phone's column and as the
notebook drew it (``chart_layout``); a container query shows the one that fits.
The reader sees it with the page's first paint, and without JavaScript at all.
Under it, the figures it draws and their sources (``chart_table``), the text
alternative a screen reader is pointed to. When the reader first reaches for a
chart (points at it, touches it or tabs into it), the page fetches the script,
which swaps in a live chart drawn for the column's width, with its tooltips.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes

from tracingbook.page.charts import VEGALITE_MIMETYPE, chart_title
from tracingbook.sphinx.assets import packaged
from tracingbook.sphinx.chart_layout import fitted, for_page, for_phone
from tracingbook.sphinx.chart_table import FigureTable, figure_tables, sources
from tracingbook.sphinx.citation import slug

BUNDLE_NAME = "vega-house.js"
# Where the site puts each chart's downloads and citation when it writes the page.
CHART_FOOTER = "<!-- house-chart-footer -->"
# The site draws with the newest Vega-Lite vl-convert carries, which matches its
# Vega; see static/house-charts.js for why the notebooks' v5 specs are fine.
VEGALITE_VERSION = "6.4"


def spec_digest(spec: Mapping[str, Any]) -> str:
    """A short, stable digest of a spec: the same chart always gets the same file name."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:12]


def _inline_json(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    # Inside <script>, "<" could end the element early; \u003c is the same JSON.
    return text.replace("<", "\\u003c")


@lru_cache(maxsize=256)
def _drawn(canonical_spec: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(canonical_spec), vl_version=VEGALITE_VERSION))


def static_svg(spec: dict[str, Any]) -> str:
    """The chart drawn as SVG at build time, by the Vega and Vega-Lite the site's script uses."""
    drawable = {key: value for key, value in spec.items() if key != "$schema"}
    return _drawn(json.dumps(drawable, sort_keys=True, separators=(",", ":")))


def chart_id(spec: Mapping[str, Any]) -> str:
    """A chart's anchor, from its title: it stays the same when the figures change."""
    return f"chart-{slug(chart_title(spec))}"


def _figure_table_html(table: FigureTable, caption: str, table_id: str) -> str:
    head = "".join(f'<th scope="col">{html.escape(column.title)}</th>' for column in table.columns)
    labels = [html.escape(column.title, quote=True) for column in table.columns]
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{label}">{html.escape(table.cell(row, column))}</td>'
            for label, column in zip(labels, table.columns, strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<div class="house-table-wrapper"><table class="house-table house-table--cards" id="{table_id}">'
        f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def figures_and_sources_html(spec: dict[str, Any], identifier: str) -> str:
    """The figures a chart draws, as tables, and its sources: the chart's text alternative."""
    tables = figure_tables(spec)
    title = chart_title(spec)
    parts = [
        _figure_table_html(
            table,
            f"Figures drawn in “{title}”" + (f" ({number + 1} of {len(tables)})" if len(tables) > 1 else ""),
            f"{identifier}-figures" + (f"-{number + 1}" if number else ""),
        )
        for number, table in enumerate(tables)
    ]
    listed = "".join(f"<li>{html.escape(source)}</li>" for source in sources(tables))
    parts.append(
        f'<div class="house-chart__sources" id="{identifier}-sources"><p class="house-chart__heading">'
        f"Sources</p><ul>{listed}</ul></div>"
    )
    return (
        f'<details class="house-chart__details" id="{identifier}-details">'
        f"<summary>Figures and sources</summary>{''.join(parts)}</details>"
    )


def _drawing(svg: str, layout: str, identifier: str) -> str:
    return (
        f'<div class="house-chart__drawing house-chart__drawing--{layout}" role="img" '
        f'aria-labelledby="{identifier}-title" aria-describedby="{identifier}-description" '
        f'aria-details="{identifier}-details">{svg}</div>'
    )


def _svg_width(svg: str) -> int:
    found = re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg)
    return math.ceil(float(found.group(1))) if found else 0


def chart_figure_html(spec: dict[str, Any]) -> str:
    """The HTML for one chart: its title, its drawings for a phone and a wider screen, its
    figures and sources; the site adds downloads and a citation when it writes the page."""
    identifier = chart_id(spec)
    title = html.escape(chart_title(spec))
    description = html.escape(str(spec.get("description") or ""))
    phone_spec = for_phone(spec)
    # The notebook's layout, fitted to the width it takes in all: the live chart can
    # then narrow it by the few pixels a reader's fonts may need.
    natural = for_page(spec)
    wide_width = _svg_width(static_svg(natural))
    wide_spec = fitted(natural, wide_width)
    phone = static_svg(phone_spec)
    wide = static_svg(wide_spec)
    # The wide drawing is shown once the column is wide enough to hold it at full size.
    switch = (
        f"<style>@container (min-width: {wide_width}px) {{ #{identifier} .house-chart__drawing--phone "
        f"{{ display: none; }} #{identifier} .house-chart__drawing--wide {{ display: block; }} }}</style>"
    )
    return (
        f'<figure class="house-chart" id="{identifier}" aria-labelledby="{identifier}-title" '
        f'data-wide-width="{wide_width}">{switch}'
        f'<p class="house-chart__title" id="{identifier}-title">{title} '
        f'<a class="headerlink" href="#{identifier}" title="Link to this chart">#</a></p>'
        f'<div class="house-chart__view">{_drawing(phone, "phone", identifier)}'
        f"{_drawing(wide, 'wide', identifier)}</div>"
        f'<figcaption class="house-chart__description" id="{identifier}-description">'
        f"{description}</figcaption>"
        f"{figures_and_sources_html(spec, identifier)}"
        f"{CHART_FOOTER}"
        f'<script type="application/json" class="house-chart__spec">{_inline_json(wide_spec)}</script>'
        f'<script type="application/json" class="house-chart__phone-spec">{_inline_json(phone_spec)}</script>'
        "</figure>"
    )


def download_svg(spec: Mapping[str, Any], credit: list[str]) -> str:
    """The chart as a file to keep: wide, titled, and crediting the book."""
    return static_svg(_credited(spec, credit))


def download_png(spec: Mapping[str, Any], credit: list[str]) -> bytes:
    import vl_convert

    drawable = {key: value for key, value in _credited(spec, credit).items() if key != "$schema"}
    return bytes(vl_convert.vegalite_to_png(drawable, vl_version=VEGALITE_VERSION, scale=2))


def _credited(spec: Mapping[str, Any], credit: list[str]) -> dict[str, Any]:
    credited = dict(spec)
    credited["title"] = {"text": chart_title(spec), "subtitle": credit}
    credited["background"] = "white"
    return credited


class VegaLiteMimeRenderer:
    """MyST-NB plugin (entry point ``myst_nb.mime_renderers``) for stored charts."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        ("html", VEGALITE_MIMETYPE, 1),
        ("dirhtml", VEGALITE_MIMETYPE, 1),
        ("singlehtml", VEGALITE_MIMETYPE, 1),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != VEGALITE_MIMETYPE:
            return None
        content = data.content
        spec = json.loads(content) if isinstance(content, str | bytes) else dict(content)
        return [nodes.raw("", chart_figure_html(spec), format="html", classes=["output"])]


def build_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed from vl-convert, with the drawing code inside."""
    import vl_convert

    drawing_code = packaged("house-charts.js")
    bundle = vl_convert.javascript_bundle(drawing_code, vl_version=VEGALITE_VERSION)
    # A classic script in a scope of its own: browsers refuse modules on pages
    # opened from disk (file://), and the bundle's top-level names stay private.
    return f"(() => {{\n{bundle}\n}})();\n"


def bundle_key() -> str:
    """Changes whenever the bundle's inputs do, so a stale bundle is rebuilt."""
    import vl_convert

    drawing_code = packaged("house-charts.js").encode("utf-8")
    versions = (
        f"{vl_convert.get_vega_version()}|{vl_convert.get_vega_embed_version()}|{VEGALITE_VERSION}|classic"
    )
    return hashlib.sha256(versions.encode() + drawing_code).hexdigest()[:16]


def write_static_assets(static_dir: Path) -> None:
    """Write the chart script into the site's ``_static`` folder (built, so not a static file)."""
    static_dir.mkdir(parents=True, exist_ok=True)
    bundle = static_dir / BUNDLE_NAME
    header = f"/* tracingbook chart bundle {bundle_key()} */\n"
    if not bundle.is_file() or not bundle.read_text(encoding="utf-8").startswith(header):
        bundle.write_text(header + build_bundle(), encoding="utf-8")


def page_has_chart(body: str) -> bool:
    return 'class="house-chart"' in body


# The charts arrive drawn (SVG made at build time), so a reader who only reads
# never needs Vega: the script that makes them live (tooltips, a redraw fitted to
# the column) is fetched only when the reader reaches for a chart, by pointing
# at it, touching it or moving the keyboard focus into it. Until then nothing
# of it is downloaded or run, so it never competes with the page's first paint.
# A plain script element, not a module import, so that it also runs from disk.
REACH_EVENTS = ("pointerover", "touchstart", "focusin")

_LOADER = """(() => {{
  const events = {events};
  const start = (event) => {{
    if (!(event.target instanceof Element) || !event.target.closest("figure.house-chart")) {{
      return;
    }}
    for (const type of events) {{
      document.removeEventListener(type, start, true);
    }}
    const script = document.createElement("script");
    script.src = {bundle};
    document.head.appendChild(script);
  }};
  for (const type of events) {{
    document.addEventListener(type, start, {{ capture: true, passive: true }});
  }}
}})();"""


def loader_script(bundle_url: str) -> str:
    """The inline script that fetches the chart bundle when a reader first reaches for a chart."""
    return _LOADER.format(bundle=json.dumps(bundle_url), events=json.dumps(list(REACH_EVENTS)))


def _add_bundle_to_chart_pages(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if page_has_chart(context.get("body", "")):
        bundle_url = context["pathto"](f"_static/{BUNDLE_NAME}", 1)
        app.add_js_file(None, body=loader_script(bundle_url))


def _write_assets(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_static_assets(Path(app.outdir) / "_static")


# The modules that write a figure's HTML while Sphinx reads a notebook. That HTML
# is kept with the parsed page, so a change to them must make Sphinx read again.
FIGURE_MODULES = ("charts.py", "chart_layout.py", "chart_table.py", "citation.py")


def figure_code_version() -> int:
    """A number that changes whenever the code that writes chart figures does."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"".join((folder / name).read_bytes() for name in FIGURE_MODULES))
    return int(digest.hexdigest()[:8], 16)
