"""The tracing statistics for the page: rates per month, funnels of outcomes, and their charts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

from tracingbook.analysis.statistics import (
    figures_per_document,
    funnel_segments,
    funnels,
    record_basis,
    with_monthly_rates,
)
from tracingbook.data.load import BookData
from tracingbook.page.sources import with_source_names
from tracingbook.page.tables import source_label
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import NOT_PUBLISHED, format_range, label, labels, qualified, rounded_within

BOUNDS = ["exact", "lower bound", "upper bound"]
# A figure the book has not confirmed ("check") is drawn faded, never like a confirmed one.
CONFIDENCE_OPACITY = {"high": 1.0, "medium": 0.7, "check": 0.3}
OUTCOMES = ["traced", "not_traced", "rejected", "unaccounted", "unpublished"]


def _middle(frame: pd.DataFrame) -> pd.Series:
    return frame["period_start"] + (frame["period_end"] - frame["period_start"]) / 2


def rated_figures(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each figure with its monthly rate, the figure as published, its kind of bound and its source."""
    rated = with_monthly_rates(figures)
    rated = rated.assign(
        published=[
            qualified(value, qualifier)
            for value, qualifier in zip(rated["value"], rated["qualifier"], strict=True)
        ],
        bound=labels("qualifier", rated["qualifier"]),
    )
    rated = with_source_names(rated, sources, title="title")
    return rated.assign(
        measure_label=labels("measure", rated["measure"]),
        middle=_middle(rated),
        per_month_shown=rated["per_month"].round(1),
    )


# A figure the book has not confirmed ("check") is drawn hollow and faded, in light and dark alike.
UNCONFIRMED = "not yet confirmed"


def _rows_label(frame: pd.DataFrame, first: str | None) -> list[str]:
    """Each bar's label: its period, after what it counts when the chart shows several things."""
    periods = [str(period) for period in frame["period"]]
    if first is None:
        return periods
    return [
        f"{textwrap.fill(str(name), 24)}\n{period}"
        for name, period in zip(frame[first], periods, strict=True)
    ]


def _period_bars(frame: pd.DataFrame, *, width: int, y_title: str, **encodings: Any) -> Any:
    """A bar across each row's period, at the height of its rate per month."""
    import altair as alt

    return (
        alt.Chart(frame)
        .mark_rule(strokeWidth=width, strokeCap="round")
        .encode(
            x=alt.X("period_start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            x2="period_end:T",
            y=alt.Y("per_month:Q", title=y_title),
            **encodings,
        )
    )


def rate_bars(
    frame: pd.DataFrame,
    *,
    colour: str | None,
    title: str,
    description: str,
    x_title: str,
    name: str,
    fields: str,
) -> Any:
    """One horizontal bar per published figure, at its rate per month, labelled with it.

    Bars follow the periods' order; a bound is marked in its label ('more than 240'), a
    figure the book has not confirmed is drawn hollow. ``colour`` names the column whose
    value leads each bar's label: "requester" colours each bar in its requester's colour
    (the same in every chart); otherwise, or with None, every bar is the Home Office's blue.
    """
    import altair as alt

    from tracingbook.page.charts import HOME_OFFICE, requester_scale, with_figures

    ordered = frame.sort_values(["period_start", "period_end"], kind="stable")
    drawn = ordered.assign(
        row=_rows_label(ordered, colour),
        value_text=[
            qualified(rounded_within(rate, str(qualifier)), str(qualifier))
            + ("*" if confidence == "check" else "")
            for rate, qualifier, confidence in zip(
                ordered["per_month"], ordered["qualifier"], ordered["confidence"], strict=True
            )
        ],
        confirmed=[
            UNCONFIRMED if confidence == "check" else "confirmed" for confidence in ordered["confidence"]
        ],
    )
    table = drawn
    # Two sources giving the same figure draw one bar (the table lists both); two
    # figures for the same thing and period each name their source.
    drawn = drawn.drop_duplicates(subset=["row", "per_month", "qualifier"])
    repeated = drawn["row"].duplicated(keep=False)
    drawn = drawn.assign(
        row=[
            f"{row} ({publisher})" if twice else row
            for row, publisher, twice in zip(drawn["row"], drawn["publisher"], repeated, strict=True)
        ]
    )
    rows = list(dict.fromkeys(drawn["row"]))
    tooltip = tooltips(fields)
    y = alt.Y(
        "row:N", sort=rows, title=None, axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelPadding=6)
    )
    x = alt.X(
        "per_month:Q",
        title=x_title,
        axis=alt.Axis(labelOverlap="greedy", tickCount=4),
        scale=alt.Scale(nice=True, domainMax=float(drawn["per_month"].max()) * 1.35),
    )
    # Each bar's label names what it counts: the colours need no legend.
    if colour is None:
        fill: Any = alt.value(HOME_OFFICE)
    elif colour == "requester":
        scale = requester_scale(list(drawn["requester"]))
        fill = alt.Color(
            "requester:N", legend=None, scale=alt.Scale(domain=scale["domain"], range=scale["range"])
        )
    else:  # every bar counts something of the Home Office's, in its blue
        fill = alt.value(HOME_OFFICE)
    base = alt.Chart(drawn).encode(y=y, x=x, tooltip=tooltip)
    bars = base.mark_bar(height={"band": 0.7}, strokeWidth=1.5).encode(
        color=fill,
        stroke=fill,
        fillOpacity=alt.FillOpacity(
            "confirmed:N", scale=alt.Scale(domain=["confirmed", UNCONFIRMED], range=[1, 0.15]), legend=None
        ),
        strokeDash=alt.StrokeDash(
            "confirmed:N",
            scale=alt.Scale(domain=["confirmed", UNCONFIRMED], range=[[1, 0], [4, 2]]),
            legend=None,
        ),
    )
    values = base.mark_text(align="left", dx=6, fontSize=12).encode(text="value_text:N")
    chart = alt.layer(bars, values, title=title, description=description).properties(
        height=alt.Step(12 + 15 * max(row.count("\n") + 1 for row in rows)), name=name
    )
    return with_figures(chart, table, fields)


def span_chart(
    frame: pd.DataFrame, *, colour: str, colour_title: str, title: str, description: str, y_title: str
) -> Any:
    """One bar per figure at its rate per month, coloured by ``colour`` (a requester keeps its colour)."""
    del colour_title  # the bars' labels name what each counts
    return rate_bars(
        frame,
        colour=colour,
        title=title,
        description=description,
        x_title=y_title,
        name="requests-by-requester" if colour == "requester" else "outcomes-per-month",
        fields="requester:N measure_label:N period:N published:N per_month_shown:Q:,.1f bound:N confidence:N "
        "publisher:N title:N locator:N",
    )


def requests_chart(rated: pd.DataFrame, *, title: str, description: str) -> Any:
    """One requester's requests per month, a bar per published figure, in the Home Office's blue."""
    return rate_bars(
        rated,
        colour=None,
        title=title,
        description=description,
        x_title="Requests per month",
        name="requests-per-month",
        fields="period:N published:N per_month_shown:Q:,.0f confidence:N publisher:N title:N locator:N",
    )


def rise_title(rated: pd.DataFrame, first: str, last: str, what: str) -> str:
    """A title that states a rise or fall between two figures' monthly rates:
    'Home Office requests more than tripled, Q1 2014 to Q1 2016'."""
    rates = rated.set_index("figure_id")
    before, after = (float(rates.loc[key, "per_month"]) for key in (first, last))
    ratio = after / before
    words = {2: "doubled", 3: "tripled", 4: "quadrupled", 5: "quintupled"}
    whole = int(ratio)
    if whole in words:
        change = ("more than " if ratio > whole + 0.05 else "") + words[whole]
    elif ratio >= 1:
        change = f"rose by {ratio - 1:.0%}"
    else:
        change = f"fell by {1 - ratio:.0%}"
    return f"{what} {change}, {rates.loc[first, 'period']} to {rates.loc[last, 'period']}"


def _sources_text(data: BookData, citations: tuple[tuple[str, str], ...]) -> str:
    """'Publisher, date, locator; ...': each source and where in it, as the chart's table lists them."""
    return "; ".join(f"{source_label(data, source_id)}, {locator}" for source_id, locator in citations)


def funnel_frame(data: BookData, figures: pd.DataFrame) -> pd.DataFrame:
    """One row per slice of every funnel with a total, in period order, for a stacked bar."""
    rows = []
    for funnel in funnels(figures):
        if funnel.requests is None:
            continue
        sources = _sources_text(data, funnel.citations)
        for order, segment in enumerate(funnel_segments(funnel)):
            rows.append(
                {
                    "bar": f"{funnel.requester}, {funnel.period}",
                    "start": funnel.period_start,
                    "order": order,
                    "outcome": label("outcome", segment.outcome),
                    "drawn": segment.drawn,
                    "share": segment.drawn / funnel.requests.low,
                    "allowed": format_range(segment.allowed, "count"),
                    "note": "" if segment.drawing is None else label("drawing", segment.drawing),
                    "sources": sources,
                }
            )
    return pd.DataFrame(rows).sort_values(["start", "bar", "order"])


# Each outcome's colour: traced green, not traced orange, rejected vermilion (the first two hold dark text).
OUTCOME_COLOURS = {"traced": "#1fad82", "not_traced": "#E69F00", "rejected": "#D55E00",
                   "unaccounted": "#cbd2d9", "unpublished": "#ffffff"}  # fmt: skip


def funnel_chart(frame: pd.DataFrame) -> Any:
    """Stacked bars: what became of each requester's requests in each period, as shares."""
    import altair as alt

    from tracingbook.page.charts import with_figures

    bars = list(dict.fromkeys(frame["bar"]))
    outcomes = labels("outcome", OUTCOMES)
    traced = frame[frame["outcome"] == label("outcome", "traced")]["share"]
    drawn = frame.assign(
        row=[bar.replace(", ", "\n", 1) for bar in frame["bar"]],
        share_text=[f"{share:.0%}" if share >= 0.12 else "" for share in frame["share"]],
    )
    rows = list(dict.fromkeys(drawn["row"]))
    fields = "bar:N outcome:N allowed:N share:Q:.1% note:N sources:N"
    base = alt.Chart(drawn).encode(
        y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelExpr="split(datum.label, '\\n')")),
        x=alt.X("share:Q", stack="zero", title="Share of requests", axis=alt.Axis(format="%", tickCount=4)),
        order=alt.Order("order:Q"),
        tooltip=tooltips(fields),
    )
    chart = alt.layer(
        base.mark_bar(stroke="#9aa5b1", strokeWidth=0.5).encode(
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(domain=outcomes, range=[OUTCOME_COLOURS[key] for key in OUTCOMES]),
                sort=outcomes,
                title=None,
                legend=alt.Legend(columns=1, symbolStrokeColor="#9aa5b1"),
            )
        ),
        # Dark text on the light fills, in dark mode too (the site keeps a cell's text as drawn).
        base.mark_text(align="right", dx=-3, fontSize=11, color="#1f2933")
        .transform_stack(
            stack="share", groupby=["row"], sort=[alt.SortField("order")], as_=["share_from", "share_to"]
        )
        .encode(x=alt.X("share_to:Q"), text="share_text:N")
        .properties(name="house_cell_text_funnel"),
        title=f"NHS Digital traced {traced.min():.0%} to {traced.max():.0%} of the requests in each period",
        description=(
            f"{len(bars)} stacked bars, one per requester and period with published outcomes, each "
            "split into traced, not traced, rejected and what the sources leave open, as shares of the "
            "requests. A bounded outcome is drawn at the most it can be."
        ),
    ).properties(height=alt.Step(40), name="what-became-of-the-requests")
    return with_figures(chart, frame, fields)


def _share_text(share: Any) -> str:
    return format_range(share, "share") if share else NOT_PUBLISHED


def _locators(figures: pd.DataFrame, figure_ids: Iterable[str], source_id: str) -> str:
    """Where in one source a funnel's figures stand, each place once, in the figures' order."""
    rows = figures.set_index("figure_id").loc[list(figure_ids)]
    return "; ".join(dict.fromkeys(rows.loc[rows["source_id"] == source_id, "locator"].astype(str)))


def rates_table(data: BookData, figures: pd.DataFrame) -> pd.DataFrame:
    """Trace and rejection rates of each funnel with a total, by period, with where its source gives them."""
    rows = []
    for funnel in funnels(figures):
        if funnel.requests is None:
            continue
        rows.append(
            {
                "requester": funnel.requester,
                "period": funnel.period,
                "start": funnel.period_start,
                "requests": int(funnel.requests.low),
                "trace_rate": _share_text(funnel.trace_rate),
                "of_approved": _share_text(funnel.trace_rate_of_approved),
                "rejection_rate": _share_text(funnel.rejection_rate),
                "source_id": funnel.source_ids[0],
                "locator": _locators(figures, funnel.figure_ids, funnel.source_ids[0])
                + "".join(f"; also {source_label(data, other)}" for other in funnel.source_ids[1:]),
            }
        )
    return pd.DataFrame(rows).sort_values(["start", "requester"]).drop(columns="start")


def approved_rates_frame(
    data: BookData, figures: pd.DataFrame, rated: pd.DataFrame, since: date
) -> pd.DataFrame:
    """The Home Office's approved requests per month (published, or traced plus not traced) beside
    its requests per month from ``since``, for the chart of the memorandum's effect."""
    rows = []
    for funnel in funnels(figures):
        approved = funnel.approved_or_sum
        if funnel.requester != "Home Office" or approved is None:
            continue
        rows.append(
            {
                "period_start": pd.Timestamp(funnel.period_start),
                "period_end": pd.Timestamp(funnel.period_end),
                "period": funnel.period,
                "measure_label": label("measure", "approved"),
                "per_month": approved.low / funnel.months,
                "how": "published" if funnel.approved is not None else "traced plus not traced",
                "sources": _sources_text(data, funnel.citations),
            }
        )
    requests = rated[(rated["requester"] == "Home Office") & (rated["measure"] == "requests")]
    for _, row in requests[requests["period_start"] >= pd.Timestamp(since)].iterrows():
        rows.append(
            {
                "period_start": row["period_start"],
                "period_end": row["period_end"],
                "period": row["period"],
                "measure_label": label("measure", "requests"),
                "per_month": row["per_month"],
                "how": "published",
                "sources": _sources_text(data, ((row["source_id"], row["locator"]),)),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.assign(per_month_shown=frame["per_month"].round(1), middle=_middle(frame))


def memorandum_chart(frame: pd.DataFrame, in_force: date) -> Any:
    """Requests and approved requests per month across periods, the memorandum's start marked and named."""
    import altair as alt

    from tracingbook.page.charts import HOME_OFFICE, TEXT_COLOUR, with_figures

    fields = "measure_label:N period:N per_month_shown:Q:,.1f how:N sources:N"
    tooltip = tooltips(fields)
    day = f"{in_force.day} {in_force:%B %Y}"
    start = pd.DataFrame(
        {"date": [pd.Timestamp(in_force)], "label": ["memorandum in force"], "text": ["memorandum →"]}
    )
    # Requests in the Home Office's blue; approved requests in the text's colour.
    measures = [label("measure", "requests"), label("measure", "approved")]
    colour = alt.Color(
        "measure_label:N", title=None, scale=alt.Scale(domain=measures, range=[HOME_OFFICE, TEXT_COLOUR])
    )
    before = frame[frame["period_end"] <= pd.Timestamp(in_force)]
    after = frame[frame["period_start"] >= pd.Timestamp(in_force)]
    approved = label("measure", "approved")
    then = before[before["measure_label"] == approved]["per_month"]
    now = after[after["measure_label"] == approved]["per_month"]
    title = "Home Office requests before and under the memorandum, per month"
    if len(then) and len(now):
        change = now.mean() / then.mean() - 1
        direction = "fell" if change < 0 else "rose"
        title = f"Approved requests per month {direction} by {abs(change):.0%} under the memorandum"
    # Requests are labelled above their marks, approved requests below: the two never meet.
    points = frame.assign(
        value_text=[f"{rate:,.0f}" for rate in frame["per_month"]],
        above=[measure == measures[0] for measure in frame["measure_label"]],
    )
    chart = alt.layer(
        _period_bars(frame, width=5, y_title="Per month", color=colour, tooltip=tooltip),
        alt.Chart(points)
        .mark_point(filled=True, size=70)
        .encode(x="middle:T", y="per_month:Q", color=colour, tooltip=tooltip),
        alt.Chart(points)
        .transform_filter("datum.above")
        .mark_text(dy=-11, fontSize=12)
        .encode(x="middle:T", y="per_month:Q", text="value_text:N"),
        alt.Chart(points)
        .transform_filter("!datum.above")
        .mark_text(dy=14, fontSize=12)
        .encode(x="middle:T", y="per_month:Q", text="value_text:N"),
        alt.Chart(start)
        .mark_rule(strokeDash=[4, 4], color=TEXT_COLOUR)
        .encode(x="date:T", tooltip=tooltips("label:N", label=day)),
        alt.Chart(start)
        .mark_text(align="left", baseline="top", dx=4, y=0, fontSize=12, fontWeight=600, color=TEXT_COLOUR)
        .encode(x="date:T", text="text:N"),
        title=title,
        description=(
            f"{len(frame)} monthly rates of Home Office requests and approved requests from 2016 to "
            f"early 2018, each drawn across its period; the dashed line marks {day}, "
            "when the memorandum took effect."
        ),
    ).properties(height=260, name="before-and-under-the-memorandum")
    return with_figures(chart, frame, fields)


def _unconfirmed(frame: pd.DataFrame) -> str:
    return f"({int((frame['confidence'] == 'check').sum())} of {len(frame)})"


def requests_per_month_chart(rated: pd.DataFrame, rise: tuple[str, str]) -> Any:
    """Every published count of requests, a bar each at its monthly rate; the title states the rise
    between the two figures the chapter names in ``rise`` (first, last)."""
    requests = rated[rated["measure"] == "requests"]
    return span_chart(
        requests, colour="requester", colour_title="Requester", y_title="Requests per month",
        title=rise_title(rated, *rise, "Home Office requests"),
        description=(
            f"One bar for each of {len(requests)} published counts of requests, in the order of their "
            "periods, as long as the count divided by the months in its period, labelled with that rate. "
            "'More than' marks a lower bound: the true rate is at least that high. Hollow bars with an "
            f"asterisk are figures the book has not yet confirmed {_unconfirmed(requests)}."
        ),
    )  # fmt: skip


OUTCOME_MEASURES = ("people_released", "releases", "approved", "traced", "not_traced", "rejected")


def outcomes_per_month_chart(rated: pd.DataFrame) -> Any:
    """The Home Office's releases and request outcomes, a bar each at its monthly rate."""
    outcomes = rated[rated["measure"].isin(OUTCOME_MEASURES) & (rated["requester"] == "Home Office")]
    return span_chart(
        outcomes, colour="measure_label", colour_title="Counts", y_title="Per month",
        title="What the Home Office's requests produced, per month",
        description=(
            f"{len(outcomes)} published counts of Home Office releases and request outcomes, one bar "
            "each at its monthly rate, labelled with it; 'more than' marks a lower bound, 'at most' an upper "
            "bound. Hollow bars with an asterisk are figures the book has not yet confirmed "
            f"{_unconfirmed(outcomes)}."
        ),
    )  # fmt: skip


# The order a reader meets the documents in: those read first, those not found last.
RECORD_STATUSES = ("read", "read in part", "found, not read", "not found")


def figure_basis(data: BookData) -> pd.DataFrame:
    """Every row of tracing_requests with what it rests on (see tracingbook.analysis.statistics.Basis)."""
    return record_basis(
        data.tracing_requests,
        data.sources,
        data.primary_records,
        key="figure_id",
        file="tracing_requests.csv",
    )


def claim_basis(data: BookData) -> pd.DataFrame:
    """Every numerical claim with what the numbers it draws on rest on."""
    return record_basis(data.claims, data.sources, data.primary_records, key="claim_id", file="claims.csv")


def records_frame(data: BookData) -> pd.DataFrame:
    """The documents the book sought, read ones first, each with how many figures come from it."""
    documents = figures_per_document(figure_basis(data), data.primary_records)
    unknown = sorted(set(documents["status"]) - set(RECORD_STATUSES))
    if unknown:
        raise ValueError(f"primary_records.csv, column 'status': no reading order for {', '.join(unknown)}")
    documents["order"] = documents["status"].map(RECORD_STATUSES.index)
    documents = documents.sort_values(["order", "date", "document_id"], kind="stable")
    shown = ["document", "publisher", "status", "what_was_read", "finding", "figures"]
    return documents[[*shown, "source_id", "locator"]].reset_index(drop=True)
