"""Each chart's files in ``_static/charts``: its downloads, and the script holding its specs.

The downloads are its figures as CSV and its drawing as SVG and PNG.

The figure as the notebook renderer writes it holds its Vega-Lite spec inline.
Only the live chart needs it, so it is moved out of the page as it is written:
into a small script beside the downloads that the live chart loads on demand (a
plain script, not a fetch, so that it also loads from disk), named on the
figure by ``data-spec``. A page then carries only what its first paint shows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tracingbook.page import downloads
from tracingbook.page.charts import figures_of
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
_FIGURE_WITH_SPEC = re.compile(
    r'(?P<open><figure class="house-chart" id="(?P<id>[^"]+)")(?P<inside>.*?)'
    r'<script type="application/json" class="house-chart__spec">(?P<spec>.*?)</script>'
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


def spec_script(chart_id: str, spec_json: str) -> str:
    """The script that leaves a chart's spec (as the page held it, JSON) for the live chart,
    without the table of figures it carries (the page and the CSV hold that)."""
    spec = json.loads(spec_json)  # a spec that is not JSON stops here, not in a reader's browser
    if not spec_json.isascii():
        raise ValueError(f"the spec of {chart_id} is not written in ASCII")
    spec.pop("usermeta", None)
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=True).replace("<", "\\u003c")
    return f"(window.{SPECS_GLOBAL} = window.{SPECS_GLOBAL} || {{}})[{json.dumps(chart_id)}] = {text};\n"


_SPEC_SCRIPT = re.compile(
    rf"\(window\.{SPECS_GLOBAL} = window\.{SPECS_GLOBAL} \|\| \{{\}}\)"
    r'\[(?P<id>"[^"]+")\] = (?P<specs>.*);\n?',
    re.DOTALL,
)


def read_spec_script(script: str) -> tuple[str, dict[str, Any]]:
    """The chart id and the spec a spec script holds: ``spec_script`` read back."""
    found = _SPEC_SCRIPT.fullmatch(script)
    if found is None:
        raise ValueError("not a chart spec script")
    spec: dict[str, Any] = json.loads(found["specs"])
    return json.loads(found["id"]), spec


def move_specs_to_scripts(body: str, write: Callable[[str, str], str]) -> str:
    """The page with each chart's inline spec replaced by ``data-spec``, the address of a script.

    ``write(chart_id, script)`` writes the script and returns its address from the page.
    """

    def moved(found: re.Match[str]) -> str:
        address = write(found["id"], spec_script(found["id"], found["spec"]))
        attribute = f' data-spec="{html.escape(address, quote=True)}"'
        return f"{found['open']}{attribute}{found['inside']}{found['close']}"

    return _FIGURE_WITH_SPEC.sub(moved, body)


def csv_text(spec: Mapping[str, Any]) -> str:
    """The figures a chart draws as a spreadsheet-safe CSV: the table it carries, values as the data
    holds them."""
    table, _sources = figures_of(spec)
    return downloads.csv_text([table["columns"], *table["values"]])


def write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def write_downloads(
    outdir: Path, pagename: str, chart_id: str, spec: Mapping[str, Any], credit: list[str]
) -> dict[str, str]:
    """Write one chart's CSV, SVG and PNG into the site; returns their paths from the site's root."""
    names = download_names(pagename, chart_id)
    write_if_changed(outdir / names["csv"], csv_text(spec).encode("utf-8"))
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
