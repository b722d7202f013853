"""Sphinx extension: the site's own stylesheet, for tables, small screens and print."""

from __future__ import annotations

from typing import Any

from tracingbook.build.assets import publish

STYLESHEET_NAME = "house-site.css"


def _write_stylesheet(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        publish(app.outdir, STYLESHEET_NAME)


def setup(app: Any) -> dict[str, Any]:
    app.add_css_file(STYLESHEET_NAME)
    app.connect("build-finished", _write_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
