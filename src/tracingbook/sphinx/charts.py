"""Put the notebooks' Vega-Lite charts on the site, drawn by the site's own Vega.

Two pieces: a MyST-NB mime renderer that turns each stored spec into a
static figure (its anchor from the chart's name or title), and a Sphinx
extension that writes one local script (Vega, Vega-Lite, Vega-Embed and the
drawing code) into ``_static`` and adds it only to pages that have charts.

Each figure holds its chart drawn once, as SVG, by vl-convert's copy of the
same Vega at build time, at a phone column's width (the chart's spec is
drawn phone first and takes its container's width). The reader sees it with
the page's first paint, and without JavaScript at all; the PDF and the link
preview show the same drawing. Under it, the figures it draws and their
sources, from the table the chart carries (``page.charts.with_figures``):
the text alternative a screen reader is pointed to. Where the column is wider
than a phone's, or when the reader reaches for a chart (points at it, touches
it or tabs into it), the page fetches the script, which draws the same spec
live at the column's width, with its tooltips, in place of the drawing.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes

from tracingbook.page.charts import PHONE_WIDTH, VEGALITE_MIMETYPE, chart_title, figures_of
from tracingbook.sphinx.assets import packaged
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


# A downloaded chart is drawn for a desktop column: at a phone's width its title and credit are cut.
DOWNLOAD_WIDTH = 720


@lru_cache(maxsize=256)
def _drawn(canonical_spec: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(canonical_spec), vl_version=VEGALITE_VERSION))


def drawable(spec: Mapping[str, Any], width: int = PHONE_WIDTH) -> dict[str, Any]:
    """The spec as Vega draws it where no column is measured: ``width`` wide where the chart
    takes its container's width, without its table (Vega has no use for it) or schema address."""
    drawn = {key: value for key, value in spec.items() if key not in ("$schema", "usermeta")}
    if drawn.get("width") == "container":
        drawn["width"] = width
    return drawn


def static_svg(spec: Mapping[str, Any]) -> str:
    """The chart drawn as SVG at build time, by the Vega and Vega-Lite the site's script uses."""
    return _drawn(json.dumps(drawable(spec), sort_keys=True, separators=(",", ":")))


def chart_id(spec: Mapping[str, Any]) -> str:
    """A chart's anchor, from its name (or else its title): a title that states the finding
    may change with the figures, the name stays."""
    return f"chart-{slug(str(spec.get('name') or chart_title(spec)))}"


def _figure_table_html(table: Mapping[str, Any], caption: str, table_id: str) -> str:
    titles = [html.escape(str(title), quote=True) for title in table["columns"]]
    head = "".join(f'<th scope="col">{title}</th>' for title in titles)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{title}">{html.escape(str(cell))}</td>'
            for title, cell in zip(titles, row, strict=True)
        )
        + "</tr>"
        for row in table["text"]
    )
    return (
        f'<div class="house-table-wrapper"><table class="house-table house-table--cards" id="{table_id}">'
        f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def figures_and_sources_html(spec: Mapping[str, Any], identifier: str) -> str:
    """The figures a chart draws, as a table, and its sources: the chart's text alternative."""
    table, sources = figures_of(spec)
    listed = "".join(f"<li>{html.escape(source)}</li>" for source in sources)
    return (
        f'<details class="house-chart__details" id="{identifier}-details">'
        f"<summary>Figures and sources</summary>"
        f"{_figure_table_html(table, f'Figures drawn in “{chart_title(spec)}”', f'{identifier}-figures')}"
        f'<div class="house-chart__sources" id="{identifier}-sources"><p class="house-chart__heading">'
        f"Sources</p><ul>{listed}</ul></div></details>"
    )


def chart_figure_html(spec: dict[str, Any]) -> str:
    """The HTML for one chart: its title, its one drawing, its figures and sources; the site
    adds downloads and a citation when it writes the page."""
    identifier = chart_id(spec)
    title = html.escape(chart_title(spec))
    description = html.escape(str(spec.get("description") or ""))
    # The page prints the title above the drawing, as text; the live chart draws the same spec.
    untitled = {key: value for key, value in spec.items() if key != "title"}
    return (
        f'<figure class="house-chart" id="{identifier}" aria-labelledby="{identifier}-title">'
        f'<p class="house-chart__title" id="{identifier}-title">{title} '
        f'<a class="headerlink" href="#{identifier}" title="Link to this chart">#</a></p>'
        f'<div class="house-chart__view"><div class="house-chart__drawing" role="img" '
        f'aria-labelledby="{identifier}-title" aria-describedby="{identifier}-description" '
        f'aria-details="{identifier}-details">{static_svg(untitled)}</div></div>'
        f'<figcaption class="house-chart__description" id="{identifier}-description">'
        f"{description}</figcaption>"
        f"{figures_and_sources_html(spec, identifier)}"
        f"{CHART_FOOTER}"
        f'<script type="application/json" class="house-chart__spec">{_inline_json(untitled)}</script>'
        "</figure>"
    )


def _credited(spec: Mapping[str, Any], credit: list[str]) -> dict[str, Any]:
    """The chart as a file to keep: as wide as a desktop column, so its title and credit fit,
    titled, on white, and crediting the book."""
    drawn = drawable(spec, DOWNLOAD_WIDTH)
    return {**drawn, "title": {"text": chart_title(spec), "subtitle": credit}, "background": "white"}


def download_svg(spec: Mapping[str, Any], credit: list[str]) -> str:
    return static_svg(_credited(spec, credit))


def download_png(spec: Mapping[str, Any], credit: list[str]) -> bytes:
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(_credited(spec, credit), vl_version=VEGALITE_VERSION, scale=2))


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


# The charts arrive drawn (SVG made at build time, at a phone column's width), so
# a reader on a phone who only reads never needs Vega: the script that makes them
# live (tooltips, a redraw at the column's width) is fetched only when the reader
# reaches for a chart, by pointing at it, touching it or moving the keyboard
# focus into it. Where the column is wider than the drawing (a tablet's or a
# desktop's), the script is fetched once the page has loaded, so that the chart
# fills the column. A plain script element, not a module import, so that it also
# runs from disk.
REACH_EVENTS = ("pointerover", "touchstart", "focusin")
# A column this much wider than the phone drawing is worth a redraw without waiting.
WIDER_THAN_DRAWN = 1.1

_LOADER = """(() => {{
  const events = {events};
  let fetched = false;
  const fetch = () => {{
    if (fetched) {{
      return;
    }}
    fetched = true;
    for (const type of events) {{
      document.removeEventListener(type, start, true);
    }}
    const script = document.createElement("script");
    script.src = {bundle};
    document.head.appendChild(script);
  }};
  const start = (event) => {{
    if (event.target instanceof Element && event.target.closest("figure.house-chart")) {{
      fetch();
    }}
  }};
  for (const type of events) {{
    document.addEventListener(type, start, {{ capture: true, passive: true }});
  }}
  const wide = () => {{
    const view = document.querySelector("figure.house-chart .house-chart__view");
    if (view && view.clientWidth > {drawn} * {wider}) {{
      fetch();
    }}
  }};
  if (document.readyState === "complete") {{
    wide();
  }} else {{
    window.addEventListener("load", wide, {{ once: true }});
  }}
  window.addEventListener("resize", wide, {{ passive: true }});
}})();"""


def loader_script(bundle_url: str) -> str:
    """The inline script that fetches the chart bundle when a reader first reaches for a chart,
    or once the page has loaded where the column is wider than the chart's phone drawing."""
    return _LOADER.format(
        bundle=json.dumps(bundle_url),
        events=json.dumps(list(REACH_EVENTS)),
        drawn=PHONE_WIDTH,
        wider=WIDER_THAN_DRAWN,
    )


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
FIGURE_MODULES = ("charts.py", "citation.py")


def figure_code_version() -> int:
    """A number that changes whenever the code that writes chart figures does."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"".join((folder / name).read_bytes() for name in FIGURE_MODULES))
    return int(digest.hexdigest()[:8], 16)
