"""Each chart's downloads: its figures as CSV and its drawing as SVG and PNG, in ``_static/charts``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracingbook.build.chart_table import csv_text, figure_tables
from tracingbook.build.charts import download_png, download_svg
from tracingbook.build.citation import slug

FOLDER = "_static/charts"
DOWNLOADS = (("csv", "data (CSV)"), ("svg", "image (SVG)"), ("png", "image (PNG)"))
_SPEC = re.compile(
    r'<figure class="house-chart" id="(?P<id>[^"]+)".*?'
    r'<script type="application/json" class="house-chart__spec">(?P<spec>.*?)</script>',
    re.DOTALL,
)


def chart_specs(body: str) -> dict[str, dict[str, Any]]:
    """Every chart on a page, by its id, as the spec the page holds."""
    return {found["id"]: json.loads(found["spec"]) for found in _SPEC.finditer(body)}


def download_names(pagename: str, chart_id: str) -> dict[str, str]:
    """Where each of a chart's files goes, relative to the site's root."""
    folder = f"{FOLDER}/{slug(pagename)}"
    return {kind: f"{folder}/{chart_id}.{kind}" for kind, _label in DOWNLOADS}


def _write_if_changed(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def write_downloads(
    outdir: Path, pagename: str, chart_id: str, spec: Mapping[str, Any], credit: list[str]
) -> dict[str, str]:
    """Write one chart's CSV, SVG and PNG into the site; returns their paths from the site's root."""
    names = download_names(pagename, chart_id)
    _write_if_changed(outdir / names["csv"], csv_text(figure_tables(spec)).encode("utf-8"))
    _write_if_changed(outdir / names["svg"], download_svg(spec, credit).encode("utf-8"))
    _write_if_changed(outdir / names["png"], download_png(spec, credit))
    return names


def downloads_html(hrefs: Mapping[str, str], title: str) -> str:
    """The line of download links under a chart."""
    links = " · ".join(
        f'<a href="{html.escape(hrefs[kind], quote=True)}" download '
        f'aria-label="{html.escape(title, quote=True)}: {label}">{label}</a>'
        for kind, label in DOWNLOADS
    )
    return f'<p class="house-chart__downloads">Download: {links}</p>'
