"""What each NHS regime allowed, for the page: the data-items grid, the route of a request, the terms."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

from tracingbook.analysis.rules import RouteStep, dropped_steps, ordered_rows
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import NO_LONGER_A_STEP, heading, label, regime_label

STATUS_COLOURS = {"Disclosed": "#56B4E9", "Newly disclosed": "#E69F00", "Written into the rules": "#CC79A7",
                  "In some cases": "#F0E442", "Sources disagree": "#999999",
                  "Not disclosed": "#e4e7eb"}  # fmt: skip
STEP_COLOURS = {"Could refuse": "#0072B2", "Could not refuse": "#E69F00", "No longer asked": "#d9dde3"}


def items_grid_frame(matrix: pd.DataFrame, before_label: str, after_label: str) -> pd.DataFrame:
    """The data-items matrix as one row per item and period, for a heatmap."""
    rows = []
    for _, item in matrix.iterrows():
        for period, side in ((before_label, "before"), (after_label, "after")):
            value = item[side]
            status = value
            if side == "after" and item["newly_disclosed"]:
                status = "newly_disclosed"
            elif side == "after" and item["formalised"]:
                status = "formalised"
            rows.append(
                {
                    "item": heading("item", item["item"]),
                    "period": period,
                    "value": value,
                    "status": label("disclosure", status),
                    # A row with no detail has nothing to add; charts cannot carry NaN.
                    "detail": "" if pd.isna(item[f"{side}_detail"]) else item[f"{side}_detail"],
                    "source_id": item[f"{side}_source_id"],
                    "locator": item[f"{side}_locator"],
                }
            )
    return pd.DataFrame(rows)


def _legend_scale(colours: dict[str, str], shown: set[str]) -> Any:
    """A colour scale whose legend lists only what the chart shows, in the house order."""
    import altair as alt

    return alt.Scale(
        domain=[status for status in colours if status in shown],
        range=[colour for status, colour in colours.items() if status in shown],
    )


def items_grid_chart(cells: pd.DataFrame, item_order: list[str], periods: list[str], description: str) -> Any:
    """A grid of data items by period, coloured by whether each was returned."""
    import altair as alt

    from tracingbook.page.charts import header_lines, with_figures

    fields = "item:N period:N status:N detail:N publisher:N source_title:N locator:N"
    tooltip = tooltips(fields, status="Returned?")
    lines, padding = header_lines(periods, 12)
    items = {item: textwrap.fill(item, 18) for item in item_order}
    cells = cells.assign(
        period_row=[lines.get(period, period) for period in cells["period"]],
        item_row=[items.get(item, item) for item in cells["item"]],
    )
    grid = alt.Chart(cells).encode(
        x=alt.X(
            "period_row:N",
            title=None,
            sort=[lines[period] for period in periods],
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelExpr="split(datum.label, '\\n')",
                labelPadding=padding,
                domain=False,
                ticks=False,
            ),
        ),
        y=alt.Y(
            "item_row:N",
            title=None,
            sort=[items[item] for item in item_order],
            axis=alt.Axis(labelExpr="split(datum.label, '\\n')", domain=False, ticks=False),
        ),
        tooltip=tooltip,
    )
    added = cells[
        (cells["period"] == periods[-1]) & (cells["status"] == label("disclosure", "newly_disclosed"))
    ]
    title = "What an approved Home Office request returned, before and under the memorandum"
    if len(added):
        title = (
            f"Under the memorandum a request returned {len(added)} data "
            f"{'item' if len(added) == 1 else 'items'} it had not before"
        )
    chart = alt.layer(
        grid.mark_rect(stroke="white", strokeWidth=2).encode(
            color=alt.Color(
                "status:N",
                title=None,
                scale=_legend_scale(STATUS_COLOURS, set(cells["status"])),
                legend=alt.Legend(columns=1),
            )
        ),
        # Dark text on the light fills, in dark mode too (the site keeps a cell's text as drawn).
        grid.mark_text(fontSize=12, color="#1f2933")
        .encode(text="value:N")
        .properties(name="house_cell_text_items"),
        title=title,
        description=description,
    ).properties(height=alt.Step(34), name="data-items-returned")
    return with_figures(chart, cells, fields, status="Returned?")


def _step_row(regime: str, step: RouteStep, status: str, action: str) -> dict[str, object]:
    return {
        "regime": regime,
        "position": step.position,
        "body": heading("item", step.body),
        "status": status,
        "action": action,
        "refusal": step.refusal,
        "source_id": step.source_id,
        "locator": step.locator,
    }


def route_frame(routes: dict[str, list[RouteStep]], reference: list[RouteStep]) -> pd.DataFrame:
    """Rows for a route diagram: each regime's steps, plus the reference route's steps it dropped.

    ``routes`` maps a reader's label for each regime to its route, in the order to draw;
    ``reference`` is the route the others are compared with (usually the first).
    """
    rows = []
    for regime, route in routes.items():
        rows += [
            _step_row(regime, step, label("route_status", step.may_refuse), step.action) for step in route
        ]
        rows += [
            _step_row(regime, step, label("route_status", "dropped"), NO_LONGER_A_STEP)
            for step in dropped_steps(reference, route)
        ]
    frame = pd.DataFrame(rows)
    order = {regime: index for index, regime in enumerate(routes)}
    return (
        frame.assign(_order=frame["regime"].map(order))
        .sort_values(["_order", "position"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def route_links(steps: pd.DataFrame) -> pd.DataFrame:
    """One row per arrow of the route diagram: from each step still taken to the next."""
    taken = steps[steps["status"] != label("route_status", "dropped")]
    return taken.assign(next_position=taken["position"] + 1).merge(
        taken[["regime", "position"]],
        left_on=["regime", "next_position"],
        right_on=["regime", "position"],
        suffixes=("", "_next"),
    )


def route_chart(steps: pd.DataFrame, periods: list[str], description: str) -> Any:
    """Boxes for the bodies a request passed through, coloured by whether each could refuse."""
    import altair as alt

    from tracingbook.page.charts import with_figures

    fields = "regime:N position:O body:N status:N action:N refusal:N publisher:N locator:N"
    tooltip = tooltips(fields, regime="Period", status="Could it refuse?")
    steps = steps.assign(body_lines=[str(body).replace(" ", "\n") for body in steps["body"]])
    lines = {period: textwrap.fill(period, 12) for period in periods}
    steps = steps.assign(regime_row=[lines.get(regime, regime) for regime in steps["regime"]])
    x = alt.X("position:O", title="Step", axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y(
        "regime_row:N",
        title=None,
        sort=[lines[period] for period in periods],
        axis=alt.Axis(labelLimit=110, labelExpr="split(datum.label, '\\n')", labelLineHeight=14),
    )
    arrows = (
        alt.Chart(route_links(steps))
        .mark_rule(strokeWidth=2, color="#1f2933")
        .encode(x=x, x2="next_position:O", y=y, tooltip=tooltips("regime:N", regime="Period"))
    )
    colour = alt.Color("status:N", title=None, scale=_legend_scale(STEP_COLOURS, set(steps["status"])))
    boxes = alt.Chart(steps).mark_square(size=500, opacity=1).encode(x=x, y=y, color=colour, tooltip=tooltip)
    names = (
        alt.Chart(steps)
        .mark_text(dy=16, baseline="top", fontSize=11, lineBreak="\n")
        .encode(x=x, y=y, text="body_lines:N", tooltip=tooltip)
    )
    could = steps[steps["status"] == label("route_status", "yes")].groupby("regime", sort=False).size()
    counts = [int(could.get(period, 0)) for period in periods]
    title = "Who a Home Office request passed through, and who could say no"
    if len(counts) >= 2 and counts[0] != counts[1]:
        title = (
            f"Before the memorandum {counts[0]} bodies could refuse a Home Office request; "
            f"under it, {counts[1]}"
        )
    chart = alt.layer(arrows, boxes, names, title=title, description=description).properties(
        height=alt.Step(110), name="route-of-a-request"
    )
    return with_figures(chart, steps, fields, regime="Period", status="Could it refuse?")


def terms_table(
    rules: pd.DataFrame, regimes: pd.DataFrame, regime_ids: list[str], dimensions: list[str]
) -> pd.DataFrame:
    """The single-entry terms (threshold, retention ...) of several regimes, one row each, in words."""
    rows = ordered_rows(rules, regime_ids, dimensions)
    return rows.assign(
        term=[heading("dimension", key) for key in rows["dimension"]],
        period=[regime_label(regimes, regime) for regime in rows["regime"]],
    )


def requesters_table(rules: pd.DataFrame, regimes: pd.DataFrame, regime_ids: list[str]) -> pd.DataFrame:
    """Who could ask under each regime: one row per requester and regime, requesters in file order."""
    rows = ordered_rows(rules, regime_ids, ["requester"])
    return rows.assign(
        requester=[heading("item", key) for key in rows["item"]],
        period=[regime_label(regimes, regime) for regime in rows["regime"]],
    )
