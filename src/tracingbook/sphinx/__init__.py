"""The Sphinx layer: one extension that turns the executed chapters into the site.

``setup`` below lists every hook the site has, in the order each event runs
them: a lower priority runs first, and hooks of one priority run in the order
they are connected. Each module holds the functions for one concern.
"""

from __future__ import annotations

from typing import Any


def setup(app: Any) -> dict[str, Any]:
    # Imported here, so that a module of this layer imported on its own (by the
    # developer commands, say) does not load every other.
    from tracingbook.sphinx import (
        bibliography,
        charts,
        corrections,
        data,
        head_assets,
        locations,
        offline,
        previews,
        repository,
        search,
        site,
        theme_fixes,
        used_css,
        written,
    )

    app.add_config_value("tracingbook_bibfiles", [], "env")
    app.add_config_value("tracingbook_page_code", site.page_code_version(), "html", types=[str])
    bibliography.register_style()
    locations.install()  # a failed glue or cell names its notebook, cell and line
    app.add_html_math_renderer(offline.RENDERER, (offline._visit_inline, None), (offline._visit_block, None))
    app.add_search_language(search.SearchWithFigures)
    app.setup_extension("sphinxext.opengraph")
    for name in site.STYLESHEETS:
        app.add_css_file(name)
    # In the head, not deferred: it must hide or show code before the first paint.
    app.add_js_file(site.SCRIPT_NAME)

    # Configuration: execution mode, then the data (validated, the bibliography
    # written), the clone address, the site's files, search and link previews.
    app.connect("config-inited", data._choose_execution)
    app.connect("config-inited", data._validate_and_write_bibliography)
    app.connect("config-inited", repository._offer_repository_url)
    app.connect("config-inited", site._use_static_folder)
    app.connect("config-inited", search._use_scorer)
    app.connect("config-inited", previews._set_site_url)
    app.connect("builder-inited", offline._filter_templates)
    app.connect("builder-inited", theme_fixes.mend_templates)
    app.connect("builder-inited", previews._check_site_url)
    app.connect("builder-inited", corrections._read)

    # Reading: every chapter runs again when the data or the package changed.
    app.connect("env-get-outdated", data._outdated_by_data)
    app.connect("env-updated", data._remember_fingerprint)
    # A page whose latest correction changed is written again.
    app.connect("env-get-outdated", corrections._outdated)

    # Writing each page.
    # First: a page written again forgets the files it wrote last time (see written).
    app.connect("html-page-context", written._page_written, priority=100)
    # Before sphinxext-opengraph (500), which reads what this puts in the page's metadata.
    app.connect("html-page-context", previews._add_previews, priority=400)
    # After the previews have read the page, before the site's rewrite: "Last corrected" under its title.
    app.connect("html-page-context", corrections._add_line, priority=450)
    app.connect("html-page-context", charts._add_bundle_to_chart_pages)
    app.connect("html-page-context", site._rewrite_page)
    # Late, so that assets other extensions add for the page are already listed.
    app.connect("html-page-context", offline._drop_remote_code, priority=900)
    # Last, so that every extension's scripts for the page are already listed.
    app.connect("html-page-context", head_assets._lighten_page_head, priority=950)

    # After every page is written.
    # Before sphinx-external-toc (500), which writes a bare redirect where no index.html is.
    app.connect("build-finished", previews._write_root_page, priority=400)
    app.connect("build-finished", charts._write_assets)
    app.connect("build-finished", offline._drop_icon_script)
    app.connect("build-finished", used_css._cut_after_build)
    app.connect("build-finished", site._check_theme_fixes)
    # After Sphinx has copied the data files the pages offer.
    app.connect("build-finished", site._safe_downloads)
    # Last: remove what no page writes any more, and search words no page holds.
    app.connect("build-finished", written._clean, priority=900)
    return {
        "parallel_read_safe": True,
        # Each page's files are recorded in this process (written); a parallel write would lose them.
        "parallel_write_safe": False,
        # A change to how charts are drawn makes Sphinx read every page again.
        "env_version": charts.figure_code_version(),
    }
