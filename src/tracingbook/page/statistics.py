"""The tracing statistics for the page: rates per month, funnels of outcomes, and their charts."""

from __future__ import annotations

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
from tracingbook.page.words import NOT_PUBLISHED, format_range, label, labels, qualified

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


def _confidence_opacity() -> Any:
    import altair as alt

    return alt.Opacity(
        "confidence:N",
        scale=alt.Scale(domain=list(CONFIDENCE_OPACITY), range=list(CONFIDENCE_OPACITY.values())),
        title="Confidence (check: not yet confirmed)",
    )


def _period_bars(frame: pd.DataFrame, *, width: int, y_title: str, **encodings: Any) -> Any:
    """A bar across each row's period, at the height of its rate per month."""
    import altair as alt

    return (
        alt.Chart(frame)
        .mark_rule(strokeWidth=width, strokeCap="round")
        .encode(
            x=alt.X("period_start:T", title=None),
            x2="period_end:T",
            y=alt.Y("per_month:Q", title=y_title),
            **encodings,
        )
    )


def span_chart(
    frame: pd.DataFrame, *, colour: str, colour_title: str, title: str, description: str, y_title: str
) -> Any:
    """One bar per figure across its period, with a marker whose shape says whether it is a bound."""
    import altair as alt

    tooltip = tooltips(
        "requester:N measure_label:N period:N published:N per_month_shown:Q:,.1f "
        "bound:N confidence:N publisher:N title:N locator:N"
    )
    shapes = alt.Scale(domain=BOUNDS, range=["circle", "triangle-up", "triangle-down"])
    dashes = alt.Scale(domain=BOUNDS, range=[[1, 0], [6, 3], [2, 2]])
    spans = _period_bars(
        frame,
        width=5,
        y_title=y_title,
        color=alt.Color(f"{colour}:N", title=colour_title),
        strokeDash=alt.StrokeDash("bound:N", scale=dashes, title="The figure is"),
        opacity=_confidence_opacity(),
        tooltip=tooltip,
    )
    markers = (
        alt.Chart(frame)
        .mark_point(filled=True, size=110)
        .encode(
            x="middle:T",
            y="per_month:Q",
            color=alt.Color(f"{colour}:N", title=colour_title),
            shape=alt.Shape("bound:N", scale=shapes, title="The figure is"),
            opacity=_confidence_opacity(),
            tooltip=tooltip,
        )
    )
    return alt.layer(spans, markers, title=title, description=description).properties(width=620, height=320)


def requests_chart(rated: pd.DataFrame, *, title: str, description: str) -> Any:
    """One requester's requests per month, each figure a bar across its period, coloured by its bound."""
    import altair as alt

    return _period_bars(
        rated,
        width=6,
        y_title="Requests per month",
        color=alt.Color("bound:N", title="The source's figure is"),
        opacity=_confidence_opacity(),
        tooltip=tooltips(
            "period:N published:N per_month_shown:Q:,.0f confidence:N publisher:N title:N locator:N"
        ),
    ).properties(title=title, description=description)


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


def funnel_chart(frame: pd.DataFrame) -> Any:
    """Stacked bars: what became of each requester's requests in each period, as shares."""
    import altair as alt

    bars = list(dict.fromkeys(frame["bar"]))
    outcomes = labels("outcome", OUTCOMES)
    return (
        alt.Chart(
            frame,
            title="What became of the requests, period by period",
            description=(
                f"{len(bars)} stacked bars, one per requester and period with published outcomes, each "
                "split into traced, not traced, rejected and what the sources leave open, as shares of the "
                "requests. A bounded outcome is drawn at the most it can be."
            ),
        )
        .mark_bar()
        .encode(
            y=alt.Y("bar:N", sort=bars, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("share:Q", stack="zero", title="Share of requests", axis=alt.Axis(format="%")),
            color=alt.Color("outcome:N", scale=alt.Scale(domain=outcomes), sort=outcomes, title="Outcome"),
            order=alt.Order("order:Q"),
            tooltip=tooltips("bar:N outcome:N allowed:N share:Q:.1% note:N sources:N"),
        )
        .properties(width=560, height=260)
    )


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
    """Requests and approved requests per month across periods, with a rule where the memorandum began."""
    import altair as alt

    tooltip = tooltips("measure_label:N period:N per_month_shown:Q:,.1f how:N sources:N")
    start = pd.DataFrame({"date": [pd.Timestamp(in_force)], "label": ["memorandum in force"]})
    day = f"{in_force.day} {in_force:%B %Y}"
    return alt.layer(
        _period_bars(
            frame,
            width=5,
            y_title="Home Office requests per month",
            color=alt.Color("measure_label:N", title="Counts"),
            tooltip=tooltip,
        ),
        alt.Chart(frame)
        .mark_point(filled=True, size=90)
        .encode(x="middle:T", y="per_month:Q", color="measure_label:N", tooltip=tooltip),
        alt.Chart(start)
        .mark_rule(strokeDash=[4, 4])
        .encode(x="date:T", tooltip=tooltips("label:N", label=day)),
        title="Home Office requests before and under the memorandum, per month",
        description=(
            f"{len(frame)} monthly rates of Home Office requests and approved requests from 2016 to "
            f"early 2018, each drawn across its period; the dashed line marks {day}, "
            "when the memorandum took effect."
        ),
    ).properties(width=620, height=300)


def _unconfirmed(frame: pd.DataFrame) -> str:
    return f"({int((frame['confidence'] == 'check').sum())} of {len(frame)})"


def requests_per_month_chart(rated: pd.DataFrame) -> Any:
    """Every published count of requests, drawn across its period at its monthly rate."""
    requests = rated[rated["measure"] == "requests"]
    return span_chart(
        requests, colour="requester", colour_title="Requester", y_title="Requests per month",
        title="Tracing requests to NHS Digital, per month",
        description=(
            f"Each bar spans the period one of {len(requests)} published counts of requests covers, "
            "at the height of that count divided by the months in the period. Triangles pointing up mark "
            "lower bounds: the true rate is at least that high. Faded marks are figures the book has not yet "
            f"confirmed {_unconfirmed(requests)}."
        ),
    )  # fmt: skip


OUTCOME_MEASURES = ("people_released", "releases", "approved", "traced", "not_traced", "rejected")


def outcomes_per_month_chart(rated: pd.DataFrame) -> Any:
    """The Home Office's releases and request outcomes, each drawn across its period at its monthly rate."""
    outcomes = rated[rated["measure"].isin(OUTCOME_MEASURES) & (rated["requester"] == "Home Office")]
    return span_chart(
        outcomes, colour="measure_label", colour_title="Counts", y_title="Per month",
        title="What the Home Office's requests produced, per month",
        description=(
            f"{len(outcomes)} published counts of Home Office releases and request outcomes, each drawn "
            "across its period at its monthly rate. Triangles pointing up are lower bounds, "
            "triangles pointing down upper bounds. Faded marks are figures the book has not yet confirmed "
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
