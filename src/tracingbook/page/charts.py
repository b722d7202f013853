"""The house chart style and the notebook renderer every chapter uses.

Every chart is drawn once, phone first: its width is the container's
(``width="container"``), its text and marks sized for a 343-pixel phone
column, so the same spec draws at a phone's width and at a desktop column's.
Each chart also carries, in its ``usermeta``, the table of the figures it
draws, made from the frame that drew it (``with_figures``): the site shows
it under the chart and offers it as CSV.

The renderer stores a chart as its Vega-Lite spec alone
(``application/vnd.vegalite.v5+json``). JupyterLab draws that mimetype with
its own bundled Vega, so a student's rerun needs no network; the book build
turns it into a figure drawn by the site's own copy of Vega (see
``tracingbook.sphinx.charts``). The spec holds no random ids, so nbval can compare it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported only by the chapters, not by the site build
    import pandas as pd

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
# The reader's own system fonts: no web font is ever requested. Arial's metrics
# (Liberation Sans on Linux) first: the build measures the drawing's text in
# them, and a phone's own sans-serif (Roboto, San Francisco) is no wider.
FONT = "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, sans-serif"
TEXT_COLOUR = "#1f2933"
GRID_COLOUR = "#d9dde3"
# The article column of a 375-pixel phone: the width a chart is drawn at where no
# browser measures its column (the page's first paint, the PDF, link previews).
PHONE_WIDTH = 343
# One colour per requester in every chart of the book; the Home Office is always blue.
REQUESTER_COLOURS: dict[str, str] = {
    "Home Office": "#0072B2",
    "Police": "#E69F00",
    "National Crime Agency": "#009E73",
    "All law enforcement": "#CC79A7",
    "Courts": "#D55E00",
    "All requesters": "#56B4E9",
}
HOME_OFFICE = REQUESTER_COLOURS["Home Office"]


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


def requester_scale(requesters: Sequence[str]) -> dict[str, list[str]]:
    """The colour scale for the requesters a chart draws, each in its book-wide colour.

    A requester the book has no colour for yet takes the palette's next free one, in name order.
    """
    shown = list(dict.fromkeys(requesters))
    spare = iter(colour for colour in PALETTE if colour not in REQUESTER_COLOURS.values())
    extra = {name: next(spare, PALETTE[-1]) for name in sorted(set(shown) - set(REQUESTER_COLOURS))}
    return {"domain": shown, "range": [REQUESTER_COLOURS.get(name) or extra[name] for name in shown]}


LINE_HEIGHT = 14  # px: a line of multi-line axis labels


def header_lines(labels: Sequence[str], width: int) -> tuple[dict[str, str], int]:
    """Column headers wrapped at ``width`` characters and padded to the same number of lines
    (the first ones blank), with the label padding that sets them on top of the plot: Vega
    writes a label's lines downward from its place, so all end on one line above the plot."""
    import textwrap

    wrapped = {label: textwrap.wrap(label, width) or [label] for label in labels}
    lines = max(len(parts) for parts in wrapped.values())
    padded = {label: "\n".join([" "] * (lines - len(parts)) + parts) for label, parts in wrapped.items()}
    return padded, 6 + (lines - 1) * LINE_HEIGHT


def house_theme() -> dict[str, Any]:
    """Vega-Lite config shared by every chart: sizes read on a phone, and hold on a desktop."""
    return {
        "config": {
            "background": "transparent",
            "font": FONT,
            # The width a chart is given is its whole width, axes and legends included.
            "autosize": {"type": "fit-x", "contains": "padding"},
            # Room at the right for the last axis label, which Vega centres on its tick.
            "padding": {"left": 4, "top": 4, "right": 14, "bottom": 4},
            "view": {"stroke": None, "continuousWidth": PHONE_WIDTH, "continuousHeight": 260},
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
                "labelLineHeight": LINE_HEIGHT,
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
                "orient": "top",
                "direction": "horizontal",
                "columns": 1,
                "columnPadding": 12,
                "labelLimit": 140,
                "symbolLimit": 0,
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


def _cell(value: Any, number_format: str | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if number_format and isinstance(value, int | float) and not isinstance(value, bool):
        from tracingbook.page.words import number_text

        return number_text(value, number_format)
    return str(value)


def _plain(value: Any) -> Any:
    """A value as JSON holds it: numbers stay numbers, missing values are null."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value if isinstance(value, int | float | str | bool) else str(value)


def figure_table(frame: pd.DataFrame, fields: str, **titles: str) -> dict[str, Any]:
    """The figures a chart draws, from the frame that drew it: each row's cells as the
    reader reads them (``text``) and as the data holds them (``values``, for the CSV).

    ``fields`` are the tooltip's 'column:type' or 'column:type:format' specs, so the
    table and the tooltip read alike; a format is Python's, which for ',.1f', '.1%' and
    ',d' is also d3's.
    """
    from tracingbook.page.words import label

    columns = []
    for spec in fields.split():
        name, _kind, *number_format = spec.split(":", 2)
        if name not in frame.columns:
            raise ChartStyleError(f"the chart's table names a column its frame lacks: {name}")
        columns.append(
            (name, titles.get(name) or label("field", name), number_format[0] if number_format else None)
        )
    rows = frame[[name for name, _title, _format in columns]].drop_duplicates()
    return {
        "columns": [title for _name, title, _format in columns],
        "text": [
            [
                _cell(_plain(value), number_format)
                for value, (_n, _t, number_format) in zip(row, columns, strict=True)
            ]
            for row in rows.itertuples(index=False)
        ],
        "values": [[_plain(value) for value in row] for row in rows.itertuples(index=False)],
    }


def source_lines(frame: pd.DataFrame) -> list[str]:
    """Each source a frame's rows cite, once, in order: 'Publisher, “Title”, where' or the
    rows' own source text ('sources' or 'source_line', several joined by '; ')."""
    found: dict[str, None] = {}
    for column in ("sources", "source_line"):
        if column in frame.columns:
            for text in frame[column]:
                found |= {part.strip(): None for part in str(text).split(";") if part.strip()}
            return list(found)
    title = next((column for column in ("source_title", "title") if column in frame.columns), None)
    for _, row in frame.iterrows():
        parts = [str(row["publisher"])]
        if title and str(row[title]).strip():
            parts.append(f"“{row[title]}”")
        if "locator" in frame.columns and str(row["locator"]).strip():
            parts.append(str(row["locator"]))
        found[", ".join(parts)] = None
    return list(found)


def with_figures(
    chart: Any, frame: pd.DataFrame, fields: str, *, cited: Sequence[str] | None = None, **titles: str
) -> Any:
    """The chart drawn at its container's width, carrying the table of the figures it draws
    (from ``frame``) and its sources, for the site to show under it."""
    table = figure_table(frame, fields, **titles)
    listed = list(cited) if cited is not None else source_lines(frame)
    return chart.properties(width="container", usermeta={"figures": table, "sources": listed})


def figures_of(spec: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The table of figures and the sources a chart carries (``with_figures``)."""
    meta = spec.get("usermeta") or {}
    figures = meta.get("figures")
    if not isinstance(figures, Mapping) or not figures.get("columns"):
        raise ChartStyleError("this chart carries no table of its figures (page.charts.with_figures)")
    return dict(figures), [str(source) for source in meta.get("sources") or []]


def check_spec(spec: Mapping[str, Any]) -> None:
    """Every chart needs a title, a screen-reader description, tooltips and its table of figures."""
    missing = []
    if not chart_title(spec):
        missing.append("a title (Chart(title=...))")
    if not str(spec.get("description") or "").strip():
        missing.append("a description for screen readers (Chart(description=...))")
    if not any(key == "tooltip" and value for key, value in _walk(spec)):
        missing.append("a tooltip encoding")
    if not (spec.get("usermeta") or {}).get("figures"):
        missing.append("its table of figures (page.charts.with_figures)")
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
