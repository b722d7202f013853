from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import jinja2
import pydata_sphinx_theme
import sphinx_book_theme

from tracingbook.sphinx.offline import IconScriptFilter, without_icon_script

THEMES = (Path(pydata_sphinx_theme.__file__).parent, Path(sphinx_book_theme.__file__).parent)
ICON_CLASS = re.compile(r"\bfa-(?!solid\b|regular\b|brands\b|lg\b|fw\b)([a-z0-9-]+)")


def _icons_stylesheet() -> str:
    return resources.files("tracingbook").joinpath("sphinx/static/house-icons.css").read_text()


def test_the_icon_script_is_cut_from_the_themes_own_template() -> None:
    macros = next(THEMES[0].rglob("webpack-macros.html")).read_text(encoding="utf-8")
    assert "fontawesome.js" in macros
    filtered = without_icon_script(macros)
    assert "fontawesome.js" not in filtered
    # Only that script goes: the theme's other scripts and styles stay.
    assert filtered.count("bootstrap.js") == macros.count("bootstrap.js")
    assert filtered.count("pydata-sphinx-theme.css") == macros.count("pydata-sphinx-theme.css")


def test_the_filter_reads_through_the_inner_loader_and_counts_removals() -> None:
    inner = jinja2.DictLoader(
        {
            "macros.html": (
                '<script defer src="_static/scripts/fontawesome.js?digest=1"></script>\n<p>kept</p>'
            ),
            "plain.html": "<p>untouched</p>",
        }
    )
    loader = IconScriptFilter(inner)
    environment = jinja2.Environment(loader=loader)
    assert environment.get_template("macros.html").render() == "<p>kept</p>"
    assert environment.get_template("plain.html").render() == "<p>untouched</p>"
    assert (loader.loaded, loader.removed) == (2, 1)
    assert loader.mapping is inner.mapping  # other attributes come from the inner loader


def test_house_icons_draws_every_icon_the_themes_name() -> None:
    """A theme upgrade that adds an icon fails here before a reader sees a blank button."""
    named: set[str] = set()
    for theme in THEMES:
        for path in [*theme.rglob("*.html"), *theme.rglob("*.py"), *theme.rglob("*.js")]:
            if path.name == "fontawesome.js" or "webpack" in path.name:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"\b(?:fa-solid|fas)\s+fa-[a-z0-9-]+(?:\s+fa-[a-z0-9-]+)*", text):
                named.update(ICON_CLASS.findall(match.group(0)))
    stylesheet = _icons_stylesheet()
    assert {"bars", "magnifying-glass", "sun", "moon", "circle-half-stroke"} <= named
    missing = sorted(name for name in named if f".fa-{name}::before" not in stylesheet)
    assert missing == []


def test_house_icons_never_asks_for_the_icon_font() -> None:
    stylesheet = _icons_stylesheet()
    assert "font-family: inherit" in stylesheet
    assert 'content: ""' in stylesheet
    assert "url(../" not in stylesheet and "webfonts" not in stylesheet
