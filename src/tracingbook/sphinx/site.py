"""Sphinx extension: the site's own files, and what every page gets when it is written.

- The packaged stylesheets and script (``static/``) are published through
  Sphinx's own ``html_static_path``, and listed on every page.
- Every page: one switch for all its code cells instead of a fold on each,
  headline findings with an anchor and a citation, the bibliography's ARIA
  roles mended, and under every chart its downloads and citation; the
  chart's specs move to a script the live chart loads when a reader reaches
  for it.
- The footer names the publisher, the version, the build date, the data
  version and the repository, all from ``_config.yml``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
from importlib import resources
from pathlib import Path
from typing import Any

from sphinx.util import logging

from tracingbook.data.descriptor import find_data_dir
from tracingbook.data.files import read_bytes
from tracingbook.page.charts import figures_of
from tracingbook.page.downloads import safe_csv_file
from tracingbook.sphinx import page_markup, written
from tracingbook.sphinx.chart_files import (
    chart_specs,
    downloads_html,
    move_specs_to_scripts,
    spec_script_name,
    write_downloads,
    write_if_changed,
)
from tracingbook.sphinx.citation import Edition, edition_from_config
from tracingbook.sphinx.theme_fixes import unmended_templates

logger = logging.getLogger(__name__)

STYLESHEETS = ("house-icons.css", "house-charts.css", "house-site.css")
SCRIPT_NAME = "house-site.js"
EDITION_KEY = "tracingbook_edition"
SOURCE_URLS_KEY = "tracingbook_source_urls"


def static_folder() -> Path:
    """The package's folder of site files, as a path Sphinx can copy from."""
    return Path(str(resources.files("tracingbook").joinpath("sphinx/static")))


def source_urls(data_dir: Path) -> dict[str, str]:
    """Each source's address by its title, from data/sources.csv (validated before any page is written)."""
    rows = csv.DictReader(io.StringIO(read_bytes(data_dir, "sources.csv").decode("utf-8")))
    return {row["title"]: row["url"] for row in rows if row.get("url")}


def _use_static_folder(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(static_folder())]
    data_dir = find_data_dir(Path(app.srcdir))
    setattr(app, SOURCE_URLS_KEY, source_urls(data_dir))
    edition = edition_from_config(config, data_dir, Path(app.confdir))
    setattr(app, EDITION_KEY, edition)
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = edition.footer_html()
    config.html_theme_options = options


BUILD_FOLDER = Path(__file__).resolve().parent


def page_code_version(folder: Path = BUILD_FOLDER) -> str:
    """A digest of the code and files that write the pages.

    Sphinx writes again only the pages whose source changed, and keeps a digest of
    the settings that shape every page; this joins those settings, so that a
    change to how pages are written (or to a stylesheet whose digest each page
    names) writes every page again, without reading any notebook again.
    """
    files = sorted(path for path in [*folder.glob("*.py"), *(folder / "static").rglob("*")] if path.is_file())
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# The data's licence, as data/datapackage.json gives it; each source stays its publisher's.
DATA_LICENCE = "Creative Commons Attribution 4.0 (CC-BY-4.0)"


def about_chart_data(
    title: str, csv_name: str, page_address: str, cited: list[str], urls: dict[str, str], citation: str
) -> str:
    """The short file beside a chart's CSV: what it holds, from where, under what licence, how to cite it."""

    def with_address(source: str) -> str:
        addresses = [url for document, url in urls.items() if f"“{document}”" in source]
        return f"- {source}" + "".join(f"\n  {address}" for address in addresses)

    listed = "\n".join(with_address(source) for source in cited) or "- none named"
    return (
        f"{title}\n\n"
        f"What: the figures drawn in the chart “{title}”, as {csv_name} holds them.\n"
        f"Where the chart stands: {page_address}\n\n"
        f"From where (each row of the CSV names its source):\n{listed}\n\n"
        f"Licence: the book's data, {DATA_LICENCE}; each source remains its publisher's.\n\n"
        f"How to cite: {citation}\n"
    )


def _edition(app: Any) -> Edition:
    return getattr(app, EDITION_KEY)  # type: ignore[no-any-return]


def _rewrite_page(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename == app.config.master_doc:  # set from _toc.yml by sphinx-external-toc
        # The landing page's title is the book's: a tab or bookmark names it once.
        context["house_page_title"] = html.unescape(str(context.get("title", "")))
    body = context.get("body")
    if not body:
        return
    edition = _edition(app)

    def cite(part: str, anchor: str) -> str:
        return edition.citation_html(part, pagename, anchor)

    urls: dict[str, str] = getattr(app, SOURCE_URLS_KEY)
    specs = chart_specs(body)
    seen: set[str] = set()
    for chart_id, _title in page_markup.chart_ids_and_titles(body):
        if chart_id in seen:
            logger.warning(f"[tracingbook] two charts on {pagename} share the anchor {chart_id}: retitle one")
        seen.add(chart_id)

    def footer(chart_id: str, title: str) -> str:
        address = edition.page_url(pagename, chart_id)
        credit = [f"{edition.publisher}, {edition.title}, version {edition.version}", address]
        # The page holds each chart without its title, which it prints above the chart.
        titled = {**specs[chart_id], "title": title}
        names = write_downloads(Path(app.outdir), pagename, chart_id, titled, credit)
        for name in names.values():
            written.record(app, pagename, Path(app.outdir) / name)
        hrefs = {kind: context["pathto"](name, 1) for kind, name in names.items()}
        about_name = names["csv"].removesuffix(".csv") + ".about.txt"
        about = about_chart_data(
            title,
            Path(names["csv"]).name,
            address,
            figures_of(titled)[1],
            urls,
            edition.citation(title, pagename, chart_id),
        )
        write_if_changed(Path(app.outdir) / about_name, about.encode("utf-8"))
        written.record(app, pagename, Path(app.outdir) / about_name)
        about_link = (
            f' · <a href="{context["pathto"](about_name, 1)}" download '
            f'aria-label="{html.escape(title, quote=True)}: about the data">about the data</a></p>'
        )
        downloads = downloads_html(hrefs, title).removesuffix("</p>") + about_link
        return downloads + page_markup.cite_details("Cite this chart", cite(title, chart_id))

    def write_spec_script(chart_id: str, script: str) -> str:
        name = spec_script_name(pagename, chart_id)
        write_if_changed(Path(app.outdir) / name, script.encode("ascii"))
        written.record(app, pagename, Path(app.outdir) / name)
        return str(context["pathto"](name, 1))

    body = page_markup.fill_chart_footers(body, footer)
    body = page_markup.link_chart_sources(body, urls)
    body = move_specs_to_scripts(body, write_spec_script)
    body = page_markup.anchor_headlines(body, cite)
    body = page_markup.unfold_code_cells(body)
    body = page_markup.gloss_terms(body)
    body = page_markup.add_jump_list(body)
    context["body"] = page_markup.mend_bibliography(body)


def _safe_downloads(app: Any, exception: Exception | None) -> None:
    """The data files the pages offer (``{download}``), each cell spreadsheet-safe as the site offers it."""
    if exception is not None or app.builder.format != "html":
        return
    for source, (_documents, destination) in app.env.dlfiles.items():
        target = Path(app.outdir) / "_downloads" / destination
        if target.suffix.lower() != ".csv" or not target.is_file():
            continue
        safe = safe_csv_file(target.read_text(encoding="utf-8"))
        if safe is not None:
            target.write_text(safe, encoding="utf-8", newline="")
            logger.info(
                f"[tracingbook] {source}: text cells a spreadsheet would run made safe in the download"
            )


def _check_theme_fixes(app: Any, exception: Exception | None) -> None:
    for template in unmended_templates(app):
        logger.warning(
            f"[tracingbook] the theme's {template} changed and is no longer mended: "
            "check its accessible name against axe-core"
        )
