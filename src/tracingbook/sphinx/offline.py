"""Sphinx extension: no page of the book loads anything from another site.

Sphinx's MathJax support would fetch MathJax from a CDN. The book has no
mathematics to typeset, so any math is shown as its plain source instead,
by a renderer that needs no script at all.

Jupyter Book always loads sphinx-thebe, whose scripts would fetch Thebe and a
Binder kernel from other sites when a reader presses its button. The book
offers no live kernels, so those scripts and their settings are left out of
every page.

The pydata theme puts a 1.5 MB script (``fontawesome.js``) on every page only
to turn its icon elements into SVG. Its templates name that script outright,
so the templates are read through a filter that drops it; the icons are drawn
by ``house-icons.css`` instead, and the unused script is not published.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from jinja2 import BaseLoader, Environment
from sphinx.util import logging

logger = logging.getLogger(__name__)

RENDERER = "plaintext"
ICON_SCRIPT = "_static/scripts/fontawesome.js"
_THEBE_SETTINGS = re.compile(r'<script type="text/x-thebe-config">.*?</script>', re.DOTALL)
_ICON_SCRIPT_TAG = re.compile(r"[ \t]*<script\b[^>]*scripts/fontawesome\.js[^>]*>\s*</script>\n?")


def _is_thebe(asset: Any) -> bool:
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in str(asset).lower() or "THEBE" in body


def _drop_remote_code(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]
    if "body" in context:
        context["body"] = _THEBE_SETTINGS.sub("", context["body"])


def without_icon_script(template_source: str) -> str:
    """The template with any ``<script>`` that loads the theme's icon script removed."""
    return _ICON_SCRIPT_TAG.sub("", template_source)


class IconScriptFilter(BaseLoader):
    """Reads templates through Sphinx's own loader, leaving out the icon script."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.loaded = 0
        self.removed = 0

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        self.loaded += 1
        filtered = without_icon_script(source)
        if filtered != source:
            self.removed += 1
        return filtered, filename, uptodate

    def __getattr__(self, name: str) -> Any:
        # Sphinx reads attributes such as ``pathchain`` from the environment's loader.
        return getattr(self.inner, name)


def _filter_templates(app: Any) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None and not isinstance(environment.loader, IconScriptFilter):
        environment.loader = IconScriptFilter(environment.loader)


def _drop_icon_script(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for unused in (Path(app.outdir) / ICON_SCRIPT, Path(app.outdir) / f"{ICON_SCRIPT}.map"):
        unused.unlink(missing_ok=True)
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    loader = getattr(environment, "loader", None)
    # Templates are read once per build, and only if some page was written.
    if isinstance(loader, IconScriptFilter) and loader.loaded and not loader.removed:
        logger.warning(
            "[tracingbook] no template loads fontawesome.js any more: the theme changed, "
            "so check that house-icons.css still draws its icons"
        )


def _visit_inline(translator: Any, node: nodes.Element) -> None:
    translator.body.append(f'<code class="math">{translator.encode(node.astext())}</code>')
    raise nodes.SkipNode


def _visit_block(translator: Any, node: nodes.Element) -> None:
    translator.body.append(f'<pre class="math">{translator.encode(node.astext())}</pre>')
    raise nodes.SkipNode
