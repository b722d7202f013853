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
"""

from __future__ import annotations

import os
from typing import Any

RUN_BEFORE_PAINT = frozenset({"documentation_options.js", "house-site.js"})


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


def _defer_page_scripts(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "script_files" in context:
        context["script_files"] = defer_scripts(context["script_files"])


def setup(app: Any) -> dict[str, Any]:
    # Last, so that every extension's scripts for the page are already listed.
    app.connect("html-page-context", _defer_page_scripts, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
