"""The pydata theme's stylesheet, less its icon-font glyph table.

About a quarter of ``pydata-sphinx-theme.css`` is Font Awesome's table of
glyphs: some 1,900 rules such as ``.fa-house:before{content:"\\f015"}``, one per
icon, naming characters of an icon font the site never fetches. The few icons
the themes show are drawn by ``house-icons.css`` (which sets ``content: ""`` on
each of them), so the table only makes the one stylesheet every page waits for
before its first paint a fifth heavier, gzipped. It is taken out of the
published copy; every other rule of the theme is kept as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

THEME_STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
# Ends the published copy, so that a rebuild which keeps the copy knows it is done.
LIGHTENED = "\n/* icon glyph rules removed by tracingbook.build.theme_css */\n"
# A rule whose only job is to name an icon's glyph: ``.fa-a:before,.fa-b:before{content:"\f015"}``.
_GLYPH_RULE = re.compile(
    r'(?:\.fa-[\w-]+::?(?:before|after)\s*,\s*)*\.fa-[\w-]+::?(?:before|after)\s*\{\s*content:\s*"[^"]*"\s*;?\s*\}'
)


def without_icon_glyphs(css: str) -> tuple[str, int]:
    """The stylesheet without its icon glyph rules, and how many rules were taken out."""
    return _GLYPH_RULE.subn("", css)


def _lighten_theme_stylesheet(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    stylesheet = Path(app.outdir) / THEME_STYLESHEET
    if not stylesheet.is_file():
        return
    css = stylesheet.read_text(encoding="utf-8")
    if css.endswith(LIGHTENED):
        return
    lighter, removed = without_icon_glyphs(css)
    if removed:
        stylesheet.write_text(lighter + LIGHTENED, encoding="utf-8")
    else:
        logger.warning(
            f"[tracingbook] {THEME_STYLESHEET} has no icon glyph rules any more: the theme changed, "
            "so check that house-icons.css still draws its icons"
        )


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _lighten_theme_stylesheet)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
