"""Sphinx extension: no page of the book loads anything from another site.

Sphinx's MathJax support would fetch MathJax from a CDN. The book has no
mathematics to typeset, so any math is shown as its plain source instead,
by a renderer that needs no script at all.

Jupyter Book always loads sphinx-thebe, whose scripts would fetch Thebe and a
Binder kernel from other sites when a reader presses its button. The book
offers no live kernels, so those scripts and their settings are left out of
every page.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

RENDERER = "plaintext"
_THEBE_SETTINGS = re.compile(r'<script type="text/x-thebe-config">.*?</script>', re.DOTALL)


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


def _visit_inline(translator: Any, node: nodes.Element) -> None:
    translator.body.append(f'<code class="math">{translator.encode(node.astext())}</code>')
    raise nodes.SkipNode


def _visit_block(translator: Any, node: nodes.Element) -> None:
    translator.body.append(f'<pre class="math">{translator.encode(node.astext())}</pre>')
    raise nodes.SkipNode


def setup(app: Any) -> dict[str, Any]:
    app.add_html_math_renderer(RENDERER, (_visit_inline, None), (_visit_block, None))
    # Late, so that assets other extensions add for the page are already listed.
    app.connect("html-page-context", _drop_remote_code, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
