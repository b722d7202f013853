"""Sphinx extension: the site's own stylesheet, for tables, small screens and print."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

STYLESHEET_NAME = "house-site.css"


def _write_stylesheet(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        static_dir = Path(app.outdir) / "_static"
        static_dir.mkdir(parents=True, exist_ok=True)
        stylesheet = resources.files("tracingbook").joinpath(f"static/{STYLESHEET_NAME}").read_text()
        (static_dir / STYLESHEET_NAME).write_text(stylesheet, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.add_css_file(STYLESHEET_NAME)
    app.connect("build-finished", _write_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
