"""What each data-sharing regime allowed, read from rules.csv: data items, route, terms.

Nothing here is a fact: facts are rows of rules.csv. This module compares rows
(which items an approved request returned before and after a change, and so
which were newly disclosed, and which were written down where the sources
disagree on the earlier practice), lays out the route of a request step by step, and
refuses, with a message naming the regime and item, any row it cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# 'disputed': the sources contradict each other on whether the item was given out.
YES_NO = ("yes", "no", "conditional", "disputed")

# Names shown to readers for the keys used in rules.csv's item column.
LABELS: dict[str, str] = {
    "name": "Name",
    "date_of_birth": "Date of birth",
    "gender": "Gender",
    "address": "Address",
    "gp_area": "GP area",
    "gp_practice": "GP practice",
    "registration_date": "Date of NHS registration",
    "clinical": "Clinical data",
    "home_office": "Home Office",
    "police": "Police",
    "national_crime_agency": "National Crime Agency",
    "courts": "Courts",
    "nhs_digital": "NHS Digital's National Back Office",
    "area_team": "Local NHS area",
    "legal_basis": "Legal footing",
    "criteria": "Who may be traced",
    "threshold": "Test for disclosure",
    "response_time": "Response time",
    "retention": "Retention",
    "oversight": "Oversight",
    "transparency": "Transparency",
    "status": "Status",
    "scope": "Scope",
    "court_order_needed": "Court order needed",
}


class RulesError(ValueError):
    """rules.csv does not hold what a comparison needs."""


def label(key: str) -> str:
    """The reader's name for an item or dimension key."""
    try:
        return LABELS[key]
    except KeyError:
        raise RulesError(f"no reader's label for the rules.csv key {key!r}; add one to LABELS") from None


def rows_for(rules: pd.DataFrame, regime: str, dimension: str) -> pd.DataFrame:
    """The rows of one regime and dimension, in file order; raises if there are none."""
    rows = rules[(rules["regime"] == regime) & (rules["dimension"] == dimension)]
    if rows.empty:
        raise RulesError(f"rules.csv has no {dimension!r} rows for regime {regime!r}")
    return rows.reset_index(drop=True)


def cell(rules: pd.DataFrame, regime: str, dimension: str, item: str = "-") -> pd.Series:
    """The single row for one regime, dimension and item."""
    rows = rows_for(rules, regime, dimension)
    match = rows[rows["item"] == item]
    if len(match) != 1:
        raise RulesError(f"rules.csv has no {dimension!r} row with item {item!r} for regime {regime!r}")
    return match.iloc[0]


def _yes_no(value: object, regime: str, dimension: str, item: str) -> str:
    if value not in YES_NO:
        raise RulesError(
            f"rules.csv: regime {regime!r}, {dimension} {item!r} has value {value!r}; "
            f"expected one of {', '.join(YES_NO)}"
        )
    return str(value)


def data_items_matrix(rules: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Each data item before and after a change, with what was newly disclosed derived.

    An item is newly disclosed only when the sources agree it was not given out
    before; one that was given in some cases, or is disputed, is 'formalised':
    written into the rules, which is all the sources show for certain.
    Every item must be stated for both regimes: a gap is an error, not a 'no'.
    """
    old = rows_for(rules, before, "data_item").set_index("item")
    new = rows_for(rules, after, "data_item").set_index("item")
    for regime, present, other in ((before, old, new), (after, new, old)):
        missing = [item for item in other.index if item not in present.index]
        if missing:
            raise RulesError(
                f"rules.csv states no data_item {', '.join(repr(m) for m in missing)} for regime {regime!r}"
            )
    records = []
    for item in old.index:  # the order of the earlier regime's rows
        was = _yes_no(old.loc[item, "value"], before, "data_item", str(item))
        now = _yes_no(new.loc[item, "value"], after, "data_item", str(item))
        records.append(
            {
                "item": item,
                "label": label(item),
                "before": was,
                "after": now,
                "newly_disclosed": now == "yes" and was == "no",
                "formalised": now == "yes" and was in ("conditional", "disputed"),
                "no_longer_disclosed": was == "yes" and now != "yes",
                "before_detail": old.loc[item, "detail"],
                "after_detail": new.loc[item, "detail"],
                "before_source_id": old.loc[item, "source_id"],
                "before_locator": old.loc[item, "locator"],
                "after_source_id": new.loc[item, "source_id"],
                "after_locator": new.loc[item, "locator"],
            }
        )
    return pd.DataFrame(records)


@dataclass(frozen=True)
class RouteStep:
    """One body a request passes through, and whether that body could say no."""

    regime: str
    position: int
    body: str
    action: str
    may_refuse: str
    refusal: str
    source_id: str
    locator: str

    @property
    def body_label(self) -> str:
        return label(self.body)


def request_route(rules: pd.DataFrame, regime: str) -> list[RouteStep]:
    """The steps of a request under one regime, in order, each with its refusal point."""
    steps = rows_for(rules, regime, "route_step")
    refusals = rows_for(rules, regime, "refusal_point").set_index("item")
    route = []
    for _, row in steps.iterrows():
        if not str(row["item"]).isdigit():
            raise RulesError(
                f"rules.csv: regime {regime!r} has route_step item {row['item']!r}; "
                "expected the step's position, a whole number"
            )
        body = str(row["value"])
        if body not in refusals.index:
            raise RulesError(
                f"rules.csv: regime {regime!r} routes a request through {body!r}, "
                "which has no refusal_point row"
            )
        refusal = refusals.loc[body]
        if pd.isna(row["detail"]):
            raise RulesError(
                f"rules.csv: regime {regime!r}, route_step {row['item']!r} does not say what "
                "happens at that step (its detail is empty)"
            )
        route.append(
            RouteStep(
                regime=regime,
                position=int(row["item"]),
                body=body,
                action=str(row["detail"]),
                may_refuse=_yes_no(refusal["value"], regime, "refusal_point", body),
                refusal="" if pd.isna(refusal["detail"]) else str(refusal["detail"]),
                source_id=str(row["source_id"]),
                locator=str(row["locator"]),
            )
        )
    route.sort(key=lambda step: step.position)
    positions = [step.position for step in route]
    if positions != list(range(1, len(route) + 1)):
        raise RulesError(
            f"rules.csv: regime {regime!r} numbers its route steps {positions}; "
            f"expected 1 to {len(route)}, each once"
        )
    return route


def dropped_steps(before: list[RouteStep], after: list[RouteStep]) -> list[RouteStep]:
    """Steps of the earlier route whose body the later route no longer asks."""
    asked = {step.body for step in after}
    return [step for step in before if step.body not in asked]


def route_frame(routes: dict[str, list[RouteStep]], reference: list[RouteStep]) -> pd.DataFrame:
    """Rows for a route diagram: each regime's steps, plus the reference route's steps it dropped.

    ``routes`` maps a reader's label for each regime to its route, in the order to draw;
    ``reference`` is the route the others are compared with (usually the first).
    """
    rows = []
    for regime_label, route in routes.items():
        for step in route:
            rows.append(
                {
                    "regime": regime_label,
                    "position": step.position,
                    "body": step.body_label,
                    "status": "Could refuse" if step.may_refuse == "yes" else "Could not refuse",
                    "action": step.action,
                    "refusal": step.refusal,
                    "source_id": step.source_id,
                    "locator": step.locator,
                }
            )
        for step in dropped_steps(reference, route):
            rows.append(
                {
                    "regime": regime_label,
                    "position": step.position,
                    "body": step.body_label,
                    "status": "No longer asked",
                    "action": "Not a step any more",
                    "refusal": step.refusal,
                    "source_id": step.source_id,
                    "locator": step.locator,
                }
            )
    frame = pd.DataFrame(rows)
    order = {regime_label: index for index, regime_label in enumerate(routes)}
    return (
        frame.assign(_order=frame["regime"].map(order))
        .sort_values(["_order", "position"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def terms_table(rules: pd.DataFrame, regimes: list[str], dimensions: list[str]) -> pd.DataFrame:
    """The single-entry terms (threshold, retention ...) of several regimes, one row each."""
    rows = rules[rules["regime"].isin(regimes) & rules["dimension"].isin(dimensions)]
    regime_order = {regime: index for index, regime in enumerate(regimes)}
    dimension_order = {dimension: index for index, dimension in enumerate(dimensions)}
    return (
        rows.assign(
            _dimension=rows["dimension"].map(dimension_order),
            _regime=rows["regime"].map(regime_order),
            term=[label(dimension) for dimension in rows["dimension"]],
        )
        .sort_values(["_dimension", "_regime", "item"])
        .drop(columns=["_dimension", "_regime"])
        .reset_index(drop=True)
    )


def matrix_cells(matrix: pd.DataFrame, before_label: str, after_label: str) -> pd.DataFrame:
    """The data-items matrix as one row per item and period, for a heatmap."""
    rows = []
    for _, item in matrix.iterrows():
        for period, side in ((before_label, "before"), (after_label, "after")):
            value = item[side]
            if side == "after" and item["newly_disclosed"]:
                status = "Newly disclosed"
            elif side == "after" and item["formalised"]:
                status = "Written into the rules"
            elif value == "yes":
                status = "Disclosed"
            elif value == "conditional":
                status = "In some cases"
            elif value == "disputed":
                status = "Sources disagree"
            else:
                status = "Not disclosed"
            rows.append(
                {
                    "item": item["label"],
                    "period": period,
                    "value": value,
                    "status": status,
                    # A row with no detail has nothing to add; charts cannot carry NaN.
                    "detail": "" if pd.isna(item[f"{side}_detail"]) else item[f"{side}_detail"],
                    "source_id": item[f"{side}_source_id"],
                    "locator": item[f"{side}_locator"],
                }
            )
    return pd.DataFrame(rows)
