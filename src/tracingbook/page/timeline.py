"""The timeline for the page: dates as a reader writes them, and the chart of events."""

from __future__ import annotations

from typing import Any

import pandas as pd

from tracingbook.analysis.timeline import on_topic, with_spans
from tracingbook.data.load import BookData
from tracingbook.page.sources import with_source_names
from tracingbook.page.tables import format_date, house_table
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import table_headings

# Events of one kind take turns across this many rows, so that close dates stay apart.
LANES = 3


def with_date_labels(timeline: pd.DataFrame) -> pd.DataFrame:
    """The rows with 'date_label': their date written to the precision known ('February 2017')."""
    return timeline.assign(
        date_label=[
            format_date(value, str(precision))
            for value, precision in zip(timeline["date"], timeline["date_precision"], strict=True)
        ]
    )


def chart_frame(timeline: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The rows a timeline chart draws: span, labels and each row's source for the tooltip."""
    named = with_source_names(with_date_labels(with_spans(timeline)), sources)
    # A span of days is drawn to the end of its last day, so a month fills its width.
    rows = named.assign(
        end=named["latest"] + pd.Timedelta(days=1),
        exact=named["date_precision"] == "day",
    ).sort_values(["earliest", "event_id"], ignore_index=True)
    rows["lane"] = rows.groupby("kind", sort=False).cumcount() % LANES
    return rows[
        [
            "event_id", "event", "title", "description", "kind", "jurisdiction", "date_label",
            "date_precision", "earliest", "end", "exact", "lane", "confidence", "publisher",
            "source_title", "locator",
        ]
    ]  # fmt: skip


def timeline_chart(events: pd.DataFrame, kinds: list[str], *, title: str, counted_as: str) -> Any:
    """Dots for events dated to the day, bars for a month or year, one row of lanes per kind.

    ``counted_as`` names the events in the description: "UK events" gives "12 UK events from ...".
    """
    import altair as alt

    from tracingbook.page.charts import with_figures

    fields = "title:N date_label:N kind:N description:N publisher:N source_title:N locator:N confidence:N"
    tooltip = tooltips(fields, title="Event")
    row = alt.Y("kind:N", sort=kinds, title=None, scale=alt.Scale(domain=kinds))
    colour = alt.Color("kind:N", sort=kinds, title=None, scale=alt.Scale(domain=kinds), legend=None)
    lane = alt.YOffset("lane:O", scale=alt.Scale(paddingOuter=0.6))
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    imprecise = (
        alt.Chart(events)
        .transform_filter("!datum.exact")
        .mark_bar(height=6, opacity=0.55, cornerRadius=2)
        .encode(
            x=alt.X(
                "earliest:T", title=None, scale=alt.Scale(padding=14), axis=alt.Axis(labelOverlap="greedy")
            ),
            x2="end:T",
            y=row,
            yOffset=lane,
            color=colour,
            tooltip=tooltip,
        )
        .add_params(zoom)
    )
    exact = (
        alt.Chart(events)
        .transform_filter("datum.exact")
        .mark_point(filled=True, size=70, opacity=0.9)
        .encode(x="earliest:T", y=row, yOffset=lane, color=colour, tooltip=tooltip)
    )
    chart = alt.layer(
        imprecise,
        exact,
        title=title,
        description=(
            f"{len(events)} {counted_as} from {events['earliest'].min().year} to "
            f"{events['earliest'].max().year}, one row per kind of event ({', '.join(kinds)}). "
            "Dots are events dated to "
            "the day; bars span the month or year to which a source dates an event. Where "
            "sources disagree, each source's date appears as its own mark."
        ),
    ).properties(height=260, name="timeline")
    return with_figures(chart, events, fields, title="Event")


def events_table(data: BookData, topic: str, *, caption: str) -> Any:
    """Every dated event on a topic, in date order, with its source and where in it."""
    events = with_date_labels(on_topic(data.timeline, topic))
    columns = ["date_label", "description", "source_id", "locator"]
    return house_table(events[columns], caption=caption, data=data, labels=table_headings("events"))
