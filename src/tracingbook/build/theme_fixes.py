"""Mend the theme's own templates where they fail WCAG 2.1, as Sphinx reads them.

The pydata theme's search button carries ``aria-label="Search"`` while it
shows "Search Ctrl+K": a speech-input user who says what they see does not
match the button's name (WCAG 2.5.3, label in name). Without the label, the
button's name is its visible text.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import BaseLoader, Environment

SEARCH_TEMPLATE = "search-button-field.html"
_SEARCH_LABEL = re.compile(r"""\saria-label="\{\{ _\(['"]Search['"]\) \}\}\"""")


def without_search_label(source: str) -> str:
    """The search button's template without the label that hides its visible text."""
    return _SEARCH_LABEL.sub("", source)


class ThemeFixes(BaseLoader):
    """Reads templates through Sphinx's own loader, mending the search button."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.searched = 0
        self.mended = 0

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template.endswith(SEARCH_TEMPLATE):
            self.searched += 1
            mended = without_search_label(source)
            self.mended += mended != source
            source = mended
        return source, filename, uptodate

    def __getattr__(self, name: str) -> Any:
        # Sphinx reads attributes such as ``pathchain`` from the environment's loader.
        return getattr(self.inner, name)


def _loader(app: Any) -> Any:
    return getattr(getattr(getattr(app.builder, "templates", None), "environment", None), "loader", None)


def mend_templates(app: Any) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and not isinstance(environment.loader, ThemeFixes):
        environment.loader = ThemeFixes(environment.loader)


def unmended_templates(app: Any) -> list[str]:
    """The theme templates read in this build that the fixes no longer match."""
    found = _loader(app)
    # Other filters may wrap this one; each keeps the one it wraps as ``inner``.
    while found is not None and not isinstance(found, ThemeFixes):
        found = getattr(found, "inner", None)
    if isinstance(found, ThemeFixes) and found.searched and not found.mended:
        return [SEARCH_TEMPLATE]
    return []
