"""Put the notebooks' Vega-Lite charts on the site, drawn by the site's own Vega.

Two pieces: a MyST-NB mime renderer that turns each stored spec into a
static figure (spec inline as JSON, element id derived from the spec), and a
Sphinx extension that writes one local script (Vega, Vega-Lite, Vega-Embed and
the drawing code) into ``_static`` and adds it only to pages that have charts.

Each figure also holds the chart already drawn, as SVG, by vl-convert's copy
of the same Vega at build time: the reader sees it with the page's first
paint, and without JavaScript at all. The script then swaps in the live chart,
with its tooltips.
"""

from __future__ import annotations

import hashlib
import html
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes

from tracingbook.build.assets import packaged
from tracingbook.page.charts import VEGALITE_MIMETYPE, chart_title

BUNDLE_NAME = "vega-house.js"
STYLESHEET_NAME = "house-charts.css"
# The site draws with the newest Vega-Lite vl-convert carries, which matches its
# Vega; see static/house-charts.js for why the notebooks' v5 specs are fine.
VEGALITE_VERSION = "6.4"


def spec_digest(spec: dict[str, Any]) -> str:
    """A short, stable digest of a spec: the same chart always gets the same id."""
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


def chart_figure_html(spec: dict[str, Any]) -> str:
    """The HTML for one chart, drawn already; the site's script makes it interactive on load."""
    chart_id = f"chart-{spec_digest(spec)}"
    title = html.escape(chart_title(spec))
    description = html.escape(str(spec.get("description") or ""))
    return (
        f'<figure class="house-chart" id="{chart_id}" aria-describedby="{chart_id}-description">'
        f'<div class="house-chart__view" aria-label="{title}">{static_svg(spec)}</div>'
        f'<figcaption class="house-chart__description" id="{chart_id}-description">'
        f"{description}</figcaption>"
        '<noscript><p class="house-chart__noscript">Hovering over the chart for each figure and '
        "its source needs JavaScript; the figures are also in the tables and data files of this "
        "book.</p></noscript>"
        f'<script type="application/json" class="house-chart__spec">{_inline_json(spec)}</script>'
        "</figure>"
    )


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
    """Write the chart script and stylesheet into the site's ``_static`` folder."""
    static_dir.mkdir(parents=True, exist_ok=True)
    bundle = static_dir / BUNDLE_NAME
    header = f"/* tracingbook chart bundle {bundle_key()} */\n"
    if not bundle.is_file() or not bundle.read_text(encoding="utf-8").startswith(header):
        bundle.write_text(header + build_bundle(), encoding="utf-8")
    (static_dir / STYLESHEET_NAME).write_text(packaged(STYLESHEET_NAME), encoding="utf-8")


def page_has_chart(body: str) -> bool:
    return 'class="house-chart"' in body


# The charts are on the page already drawn; the script that makes them live is
# fetched early (preload) but run only once the page has been painted, so that
# its work never holds back the reader's first sight of the page. A plain
# script element, not a module import, so that it also runs from disk.
_LOADER = """(() => {{
  const start = () => {{
    const script = document.createElement("script");
    script.src = {bundle};
    document.head.appendChild(script);
  }};
  const afterPaint = () => requestAnimationFrame(() => setTimeout(start, 0));
  if (document.readyState === "loading") {{
    document.addEventListener("DOMContentLoaded", afterPaint);
  }} else {{
    afterPaint();
  }}
}})();"""


def loader_script(bundle_url: str) -> str:
    """The inline script that starts the chart bundle after the first paint."""
    return _LOADER.format(bundle=json.dumps(bundle_url))


def _add_bundle_to_chart_pages(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if page_has_chart(context.get("body", "")):
        bundle_url = context["pathto"](f"_static/{BUNDLE_NAME}", 1)
        context["metatags"] = (
            context.get("metatags", "")
            + f'\n<link rel="preload" as="script" href="{html.escape(bundle_url)}" />'
        )
        app.add_js_file(None, body=loader_script(bundle_url))


def _write_assets(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        write_static_assets(Path(app.outdir) / "_static")


def setup(app: Any) -> dict[str, Any]:
    app.add_css_file(STYLESHEET_NAME)
    app.connect("html-page-context", _add_bundle_to_chart_pages)
    app.connect("build-finished", _write_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
