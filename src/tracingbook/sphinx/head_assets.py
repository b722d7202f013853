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

Jupyter Book always loads two extensions whose files are listed on every
page: sphinx-design (a stylesheet of 8 kB gzipped, one more file the first
paint waits for, and a tab script) and sphinx-togglebutton (a stylesheet, a
script and four inline scripts of settings, for folds the book does not use:
MyST-NB folds code cells by its own markup, and the site unfolds them). A page
with no element of an extension (class ``sd-...``; class ``toggle`` or an
``admonition dropdown``) is written without that extension's files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

RUN_BEFORE_PAINT = frozenset({"documentation_options.js", "house-site.js"})


@dataclass(frozen=True)
class OptionalAssets:
    """An extension's files, listed on every page, that only pages with its elements need."""

    files: frozenset[str]
    # Inline scripts of the extension's settings, known by how their text begins.
    settings: tuple[str, ...]
    element: re.Pattern[str]

    def belongs(self, asset: Any) -> bool:
        name = _name(asset)
        if name:
            return name in self.files
        body = str((getattr(asset, "attributes", None) or {}).get("body", ""))
        return bool(self.settings) and body.startswith(self.settings)


DESIGN = OptionalAssets(
    files=frozenset({"sphinx-design.min.css", "design-tabs.js"}),
    settings=(),
    element=re.compile(r"""class="(?:[^"]*\s)?sd-"""),
)
TOGGLEBUTTON = OptionalAssets(
    files=frozenset({"togglebutton.css", "togglebutton.js"}),
    settings=(
        "let toggleHintShow",
        "let toggleHintHide",
        "let toggleOpenOnPrint",
        "var togglebuttonSelector",
    ),
    element=re.compile(r"""class="(?:[^"]*\s)?(?:toggle|admonition dropdown)[\s"]"""),
)
OPTIONAL_ASSETS = (DESIGN, TOGGLEBUTTON)


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


def without_unused_extensions(assets: list[Any], body: str) -> list[Any]:
    """The page's assets, less those of each optional extension the page has no element of."""
    unused = [extension for extension in OPTIONAL_ASSETS if not extension.element.search(body)]
    return [asset for asset in assets if not any(extension.belongs(asset) for extension in unused)]


def _lighten_page_head(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = str(context.get("body", ""))
    if "css_files" in context:
        context["css_files"] = without_unused_extensions(context["css_files"], body)
    if "script_files" in context:
        context["script_files"] = defer_scripts(without_unused_extensions(context["script_files"], body))
