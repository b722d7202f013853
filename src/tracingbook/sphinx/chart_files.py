"""Each chart's files in ``_static/charts``: its downloads, and the script holding its specs.

The downloads are its figures as CSV and its drawing as SVG and PNG.

The figure as the notebook renderer writes it holds its two Vega-Lite specs
(wide and phone) inline. Only the live chart needs them, and only once a reader
reaches for it, so they are moved out of the page as it is written: into a
small script beside the downloads that the live chart loads on demand (a plain
script, not a fetch, so that it also loads from disk), named on the figure by
``data-spec``. A page then carries only what its first paint shows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tracingbook.sphinx.chart_table import csv_text, figure_tables
from tracingbook.sphinx.charts import download_png, download_svg
from tracingbook.sphinx.citation import slug

FOLDER = "_static/charts"
DOWNLOADS = (("csv", "data (CSV)"), ("svg", "image (SVG)"), ("png", "image (PNG)"))
SPEC_SCRIPT = "spec.js"
# The name under which the spec script leaves a chart's specs for the live chart.
SPECS_GLOBAL = "houseChartSpecs"
_SPEC = re.compile(
    r'<figure class="house-chart" id="(?P<id>[^"]+)".*?'
    r'<script type="application/json" class="house-chart__spec">(?P<spec>.*?)</script>',
    re.DOTALL,
)
_FIGURE_WITH_SPECS = re.compile(
    r'(?P<open><figure class="house-chart" id="(?P<id>[^"]+)")(?P<inside>.*?)'
    r'<script type="application/json" class="house-chart__spec">(?P<wide>.*?)</script>'
    r'<script type="application/json" class="house-chart__phone-spec">(?P<phone>.*?)</script>'
    r"(?P<close></figure>)",
    re.DOTALL,
)


def chart_specs(body: str) -> dict[str, dict[str, Any]]:
    """Every chart on a page, by its id, as the spec the page holds."""
    return {found["id"]: json.loads(found["spec"]) for found in _SPEC.finditer(body)}


def download_names(pagename: str, chart_id: str) -> dict[str, str]:
    """Where each of a chart's downloads goes, relative to the site's root."""
    folder = f"{FOLDER}/{slug(pagename)}"
    return {kind: f"{folder}/{chart_id}.{kind}" for kind, _label in DOWNLOADS}


def spec_script_name(pagename: str, chart_id: str) -> str:
    """Where a chart's spec script goes, relative to the site's root."""
    return f"{FOLDER}/{slug(pagename)}/{chart_id}.{SPEC_SCRIPT}"


def spec_script(chart_id: str, wide_json: str, phone_json: str) -> str:
    """The script that leaves a chart's two specs (as the page held them, JSON) for the live chart."""
    for name, text in (("wide", wide_json), ("phone", phone_json)):
        json.loads(text)  # a spec that is not JSON stops here, not in a reader's browser
        if not text.isascii():
            raise ValueError(f"the {name} spec of {chart_id} is not written in ASCII")
    return (
        f"(window.{SPECS_GLOBAL} = window.{SPECS_GLOBAL} || {{}})[{json.dumps(chart_id)}] = "
        f'{{"wide": {wide_json}, "phone": {phone_json}}};\n'
    )


_SPEC_SCRIPT = re.compile(
    rf"\(window\.{SPECS_GLOBAL} = window\.{SPECS_GLOBAL} \|\| \{{\}}\)"
    r'\[(?P<id>"[^"]+")\] = (?P<specs>.*);\n?',
    re.DOTALL,
)


def read_spec_script(script: str) -> tuple[str, dict[str, Any]]:
    """The chart id and the specs (``wide``, ``phone``) a spec script holds: ``spec_script`` read back."""
    found = _SPEC_SCRIPT.fullmatch(script)
    if found is None:
        raise ValueError("not a chart spec script")
    specs: dict[str, Any] = json.loads(found["specs"])
    return json.loads(found["id"]), specs


def move_specs_to_scripts(body: str, write: Callable[[str, str], str]) -> str:
    """The page with each chart's inline specs replaced by ``data-spec``, the address of a script.

    ``write(chart_id, script)`` writes the script and returns its address from the page.
    """

    def moved(found: re.Match[str]) -> str:
        address = write(found["id"], spec_script(found["id"], found["wide"], found["phone"]))
        attribute = f' data-spec="{html.escape(address, quote=True)}"'
        return f"{found['open']}{attribute}{found['inside']}{found['close']}"

    return _FIGURE_WITH_SPECS.sub(moved, body)


def write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def write_downloads(
    outdir: Path, pagename: str, chart_id: str, spec: Mapping[str, Any], credit: list[str]
) -> dict[str, str]:
    """Write one chart's CSV, SVG and PNG into the site; returns their paths from the site's root."""
    names = download_names(pagename, chart_id)
    write_if_changed(outdir / names["csv"], csv_text(figure_tables(spec)).encode("utf-8"))
    write_if_changed(outdir / names["svg"], download_svg(spec, credit).encode("utf-8"))
    write_if_changed(outdir / names["png"], download_png(spec, credit))
    return names


def downloads_html(hrefs: Mapping[str, str], title: str) -> str:
    """The line of download links under a chart."""
    links = " · ".join(
        f'<a href="{html.escape(hrefs[kind], quote=True)}" download '
        f'aria-label="{html.escape(title, quote=True)}: {label}">{label}</a>'
        for kind, label in DOWNLOADS
    )
    return f'<p class="house-chart__downloads">Download: {links}</p>'
