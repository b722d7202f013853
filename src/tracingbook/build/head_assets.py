"""What a page's head makes the browser wait for before it paints.

Sphinx and the themes list their scripts (copy buttons, highlighting, toggles,
the book theme's menus) as plain ``<script src>`` in the head, so the browser
stops parsing the page to fetch and run each of them before the first paint,
although none of them draws anything the reader sees first. Each is given
``defer``: fetched alongside the page and run, in the same order, once it is
parsed, before ``DOMContentLoaded``, when their handlers expect to run.

Two stay as they are: ``documentation_options.js``, because inline scripts
after it in the head set its ``DOCUMENTATION_OPTIONS``, and the site's own
``house-site.js``, which hides or shows code cells before the first paint.

Jupyter Book always loads sphinx-design, whose stylesheet (8 kB gzipped, one
more file the first paint waits for) and tab script are listed on every page;
a page with no sphinx-design element (class ``sd-...``) is written without them.
"""

from __future__ import annotations

import os
import re
from typing import Any

RUN_BEFORE_PAINT = frozenset({"documentation_options.js", "house-site.js"})
DESIGN_ASSETS = frozenset({"sphinx-design.min.css", "design-tabs.js"})
_DESIGN_ELEMENT = re.compile(r"""class="(?:[^"]*\s)?sd-""")


def _deferred(asset: Any) -> Any:
    filename = getattr(asset, "filename", None)
    attributes = getattr(asset, "attributes", None)
    if not filename or attributes is None:
        return asset  # an inline script, or an old-style plain name: left as it is
    if os.path.basename(os.fspath(filename)) in RUN_BEFORE_PAINT:
        return asset
    if "async" in attributes or "defer" in attributes or attributes.get("type") == "module":
        return asset
    return type(asset)(filename, priority=asset.priority, **{**attributes, "defer": "defer"})


def defer_scripts(scripts: list[Any]) -> list[Any]:
    """The page's scripts, every file among them deferred except those that must run before the paint."""
    return [_deferred(asset) for asset in scripts]


def _name(asset: Any) -> str:
    filename = getattr(asset, "filename", None) or (asset if isinstance(asset, str) else "")
    return os.path.basename(os.fspath(filename)) if filename else ""


def without_unused_design(assets: list[Any], body: str) -> list[Any]:
    """The page's assets, less sphinx-design's if the page has no sphinx-design element."""
    if _DESIGN_ELEMENT.search(body):
        return assets
    return [asset for asset in assets if _name(asset) not in DESIGN_ASSETS]


def _lighten_page_head(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = str(context.get("body", ""))
    if "css_files" in context:
        context["css_files"] = without_unused_design(context["css_files"], body)
    if "script_files" in context:
        context["script_files"] = defer_scripts(without_unused_design(context["script_files"], body))


def setup(app: Any) -> dict[str, Any]:
    # Last, so that every extension's scripts for the page are already listed.
    app.connect("html-page-context", _lighten_page_head, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
