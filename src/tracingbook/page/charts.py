"""The house chart style and the notebook renderer every chapter uses.

The renderer stores a chart as its Vega-Lite spec alone
(``application/vnd.vegalite.v5+json``). JupyterLab draws that mimetype with
its own bundled Vega, so a student's rerun needs no network; the book build
turns it into a figure drawn by the site's own copy of Vega (see
``tracingbook.sphinx.charts``). The spec holds no random ids, so nbval can compare it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"
RENDERER_NAME = "house"
THEME_NAME = "house"

# Okabe & Ito's palette: distinguishable under the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#F0E442",  # yellow
    "#000000",  # black
)
# The reader's own system fonts: no web font is ever requested.
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT_COLOUR = "#1f2933"
GRID_COLOUR = "#d9dde3"


# Tooltip headings that name a figure's source, the document's title, and where in it
# the figure stands; the site lists them as the chart's sources.
SOURCE_TOOLTIP_TITLES: tuple[str, ...] = ("Source", "Sources", "Claims made in")
DOCUMENT_TOOLTIP_TITLES: tuple[str, ...] = ("Title",)
LOCATOR_TOOLTIP_TITLES: tuple[str, ...] = ("Where",)

# What a cell of a grid of answers says, and its colour: dark text is legible
# on every one of them (WCAG AA), and the colours differ under colour-blindness.
NOT_STATED = "not stated in the sources"
ANSWER_COLOURS: dict[str, str] = {
    "yes": "#56B4E9",  # sky blue
    "conditional": "#F0E442",  # yellow
    "no": "#E69F00",  # orange
    "a statement": "#d9dde3",  # light grey: the cell says what the rule is
    NOT_STATED: "#ffffff",  # white, outlined: nothing to read
}


def cell_answer(label: str, stated: bool) -> str:
    """The answer a reader reads in a grid cell: yes, conditional, no, a statement or not stated.

    A cell counting items ('3 yes, 1 cond.') answers yes when any item is a yes,
    conditional when the only answers are conditional, and no when it lists none.
    """
    if not stated:
        return NOT_STATED
    words = label.replace(",", " ").split()
    if label in ("yes", "no", "conditional"):
        return label
    if "yes" in words:
        return "yes"
    if "cond." in words or "conditional" in words:
        return "conditional"
    if label in ("none", "no"):
        return "no"
    return "a statement"


def answer_scale() -> dict[str, list[str]]:
    """The colour scale for ``cell_answer``'s values, in reading order, as Vega-Lite takes it."""
    return {"domain": list(ANSWER_COLOURS), "range": list(ANSWER_COLOURS.values())}


class ChartStyleError(ValueError):
    """A chart lacks something every chart in the book must have."""


def house_theme() -> dict[str, Any]:
    """Vega-Lite config shared by every chart."""
    return {
        "config": {
            "background": "transparent",
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "title": {
                "anchor": "start",
                "fontSize": 15,
                "fontWeight": 600,
                "color": TEXT_COLOUR,
                "subtitleColor": TEXT_COLOUR,
                "subtitleFontSize": 12,
                "offset": 12,
            },
            "axis": {
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": 600,
                "gridColor": GRID_COLOUR,
                "domainColor": TEXT_COLOUR,
                "tickColor": TEXT_COLOUR,
            },
            "legend": {
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "direction": "horizontal",
                "columns": 2,
                "labelLimit": 320,
            },
            "header": {"labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR},
            "text": {"color": TEXT_COLOUR, "fontSize": 12},
            "range": {"category": list(PALETTE)},
            "mark": {"color": PALETTE[0]},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0], "strokeWidth": 2},
            "point": {"color": PALETTE[0], "filled": True, "size": 60},
            "rule": {"color": TEXT_COLOUR},
        }
    }


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def chart_title(spec: Mapping[str, Any]) -> str:
    """The chart's title text, whether given as a string or a title object."""
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(part) for part in title)
    return str(title or "").strip()


def check_spec(spec: Mapping[str, Any]) -> None:
    """Every chart needs a title, a screen-reader description and tooltips."""
    missing = []
    if not chart_title(spec):
        missing.append("a title (Chart(title=...))")
    if not str(spec.get("description") or "").strip():
        missing.append("a description for screen readers (Chart(description=...))")
    if not any(key == "tooltip" and value for key, value in _walk(spec)):
        missing.append("a tooltip encoding")
    if missing:
        raise ChartStyleError("this chart lacks " + "; ".join(missing))


def house_renderer(spec: dict[str, Any], **_metadata: Any) -> dict[str, Any]:
    """The mimebundle of one chart: the spec, plus a plain-text stand-in."""
    check_spec(spec)
    return {
        VEGALITE_MIMETYPE: spec,
        "text/plain": f"<Chart: {chart_title(spec)}>",
    }


def use_house_style() -> None:
    """Make the house theme and renderer the active ones (call once per notebook)."""
    # Altair is imported here, not at the top: the site build reads this module
    # for the mimetype and titles alone, and Altair takes seconds to import.
    import altair as alt

    alt.theme.register(THEME_NAME, enable=True)(house_theme)  # type: ignore[arg-type]
    alt.renderers.register(RENDERER_NAME, house_renderer)
    alt.renderers.enable(RENDERER_NAME)
    # Inline data keyed by a hash of its content: deterministic across runs. No
    # cap on rows: whatever validation passes, a chapter draws (a cap would stop
    # a contributor's longer table with advice about VegaFusion they cannot act on).
    alt.data_transformers.enable("default", max_rows=None)
