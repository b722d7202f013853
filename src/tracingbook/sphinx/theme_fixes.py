"""Mend the theme's own templates, as Sphinx reads them.

The pydata theme's search button carries ``aria-label="Search"`` while it
shows "Search Ctrl+K": a speech-input user who says what they see does not
match the button's name (WCAG 2.5.3, label in name). Without the label, the
button's name is its visible text.

The theme's layout also loads Sphinx's search code and the whole search index
(``searchtools.js``, ``language_data.js``, ``searchindex.js``) in the head of
every page, for a search-as-you-type box the book leaves off: its search box
sends the reader to ``search.html``, whose own template loads them. Elsewhere
they only delay the first paint, so the layout is read without them. On the
search page they are deferred, as the Sphinx scripts they call are
(``tracingbook.sphinx.head_assets``), so they still run after those, in order. Its
``<link rel="preload">`` of its own deferred scripts (Bootstrap and the
theme's script) is left out too: it fetches them at high priority, beside the
stylesheets the first paint waits for; the deferred scripts still load them.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import BaseLoader, Environment

SEARCH_TEMPLATE = "search-button-field.html"
SEARCH_PAGE_TEMPLATE = "search.html"
_SEARCH_LABEL = re.compile(r"""\saria-label="\{\{ _\(['"]Search['"]\) \}\}\"""")
_SEARCH_SCRIPT = re.compile(
    r"""[ \t]*<script src="\{\{ pathto\('"""
    r"""(?:_static/searchtools|_static/language_data|searchindex)\.js', 1\)[^}]*\}\}"></script>\n?"""
)
_PAGE_TITLE = "<title>{{ title|striptags|e }}{{ titlesuffix }}</title>"
# The landing page's title is the book's own: its tab names the book once, not
# "Title — Title" (tracingbook.sphinx.site sets ``house_page_title`` there).
_ONE_PAGE_TITLE = (
    "<title>{% if house_page_title %}{{ house_page_title|e }}"
    "{% else %}{{ title|striptags|e }}{{ titlesuffix }}{% endif %}</title>"
)
_SCRIPT_PRELOAD = re.compile(r"""[ \t]*<link rel="preload" as="script" [^>]*>\n?""")


def without_search_label(source: str) -> str:
    """The search button's template without the label that hides its visible text."""
    return _SEARCH_LABEL.sub("", source)


def with_deferred_search(source: str) -> str:
    """The search page's template, its search code and index loaded with ``defer``."""

    def deferred(found: re.Match[str]) -> str:
        return found.group(0).replace("<script src=", "<script defer src=", 1)

    return _SEARCH_SCRIPT.sub(deferred, source)


def without_early_scripts(source: str) -> str:
    """A template without the search code and index, and without preloads of scripts run later;
    its page title, where it has one, left out for the landing page's own."""
    return _SCRIPT_PRELOAD.sub("", _SEARCH_SCRIPT.sub("", source)).replace(_PAGE_TITLE, _ONE_PAGE_TITLE)


class ThemeFixes(BaseLoader):
    """Reads templates through Sphinx's own loader, mending the search button and page heads."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.searched = 0
        self.mended = 0
        self.early_scripts_dropped = 0

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template.endswith(SEARCH_TEMPLATE):
            self.searched += 1
            mended = without_search_label(source)
            self.mended += mended != source
            source = mended
        elif template.endswith(SEARCH_PAGE_TEMPLATE):
            source = with_deferred_search(source)
        else:
            lighter = without_early_scripts(source)
            self.early_scripts_dropped += lighter != source
            source = lighter
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
