"""The story's people and events, for the page: who stood where, and what happened on each strand."""

from __future__ import annotations

import pandas as pd

from tracingbook.page.words import LABELS, labels


def people_table(people: pd.DataFrame) -> pd.DataFrame:
    """people.csv in the order of its sides (government first, courts last), each side in words."""
    order = {side: place for place, side in enumerate(LABELS["side"])}
    unknown = sorted(set(people["side"]) - set(order))
    if unknown:
        # labels() below would say the same; failing here names every unplaced side at once.
        raise KeyError(f"people.csv names sides with no place in the order: {unknown}")
    ordered = people.assign(_place=people["side"].map(order)).sort_values(
        ["_place", "period", "name"], kind="stable"
    )
    return ordered.drop(columns="_place").assign(side=labels("side", ordered["side"])).reset_index(drop=True)
