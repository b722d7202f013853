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


class RulesError(ValueError):
    """rules.csv does not hold what a comparison needs."""


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


def ordered_rows(rules: pd.DataFrame, regimes: list[str], dimensions: list[str]) -> pd.DataFrame:
    """The rows of several regimes and dimensions: by dimension in the order given, then by item
    in the order of first appearance, then by regime in the order given."""
    rows = rules[rules["regime"].isin(regimes) & rules["dimension"].isin(dimensions)]
    dimension_order = {dimension: index for index, dimension in enumerate(dimensions)}
    item_order = {item: index for index, item in enumerate(dict.fromkeys(rows["item"]))}
    regime_order = {regime: index for index, regime in enumerate(regimes)}
    return (
        rows.assign(
            _dimension=rows["dimension"].map(dimension_order),
            _item=rows["item"].map(item_order),
            _regime=rows["regime"].map(regime_order),
        )
        .sort_values(["_dimension", "_item", "_regime"])
        .drop(columns=["_dimension", "_item", "_regime"])
        .reset_index(drop=True)
    )


def in_stage_order(rules: pd.DataFrame, regime: str, dimension: str, stages: list[str]) -> pd.DataFrame:
    """One regime's rows of a dimension in the order of ``stages`` (their items), such as a bill's readings.

    A row whose item is not among the stages raises RulesError: it would have no place.
    """
    rows = rows_for(rules, regime, dimension)
    unplaced = sorted(set(rows["item"]) - set(stages))
    if unplaced:
        raise RulesError(
            f"rules.csv has {dimension} entries for {regime} with no place in the stage order: {unplaced}"
        )
    place = {stage: index for index, stage in enumerate(stages)}
    return rows.iloc[sorted(range(len(rows)), key=lambda row: place[rows["item"].iloc[row]])]
