"""The data-sharing regimes side by side: what rules.csv says of each, and whom each reached.

The answers come from ``rules.csv`` (what each arrangement allowed) and, for the
people affected, from ``tracing_requests.csv``. Nothing is filled in: a question
the sources leave open stays empty, and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from tracingbook.analysis.periods import period_label
from tracingbook.data.load import BookData

# The comparison's questions, in reading order. All but the last are dimensions
# of rules.csv; "people_affected" is drawn from tracing_requests.csv.
PEOPLE_AFFECTED = "people_affected"
MATRIX_DIMENSIONS: tuple[str, ...] = (
    "data_item",
    "requester",
    "legal_basis",
    "threshold",
    "court_order_needed",
    "refusal_point",
    "transparency",
    "status",
    PEOPLE_AFFECTED,
)

# Dimensions whose entries each answer yes, no or conditional, or are disputed by the sources.
ENUMERATED = ("data_item", "requester", "refusal_point", "court_order_needed")
ANSWERS = ("yes", "conditional", "disputed", "no")

# Measures that count people (or their records) whose details reached the requester.
AFFECTED_MEASURES = ("people_released", "traced", "records_returned")

Sources = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RateSpec:
    """A share to compute: ``part`` out of ``whole``, both figure ids of tracing_requests."""

    label: str
    part: str
    whole: str


def regime_rows(rules: pd.DataFrame, regime: str, dimension: str) -> pd.DataFrame:
    """The rows of one regime and dimension, in file order (none when the sources are silent)."""
    return rules[(rules["regime"] == regime) & (rules["dimension"] == dimension)]


def answers(rows: pd.DataFrame, regime: str, dimension: str) -> dict[str, list[str]]:
    """The items of a yes / no / conditional dimension, grouped by their answer, in file order."""
    grouped: dict[str, list[str]] = {answer: [] for answer in ANSWERS}
    for item, value in zip(rows["item"], rows["value"], strict=True):
        if value not in grouped:
            raise ValueError(
                f"rules.csv: {regime} / {dimension} / {item} has value {value!r}; "
                f"this dimension takes only {', '.join(ANSWERS)}"
            )
        grouped[value].append(str(item))
    return grouped


def cited(rows: pd.DataFrame) -> Sources:
    """Each distinct (source_id, locator) of the rows, in order."""
    pairs = zip(rows["source_id"].astype(str), rows["locator"].astype(str), strict=True)
    return tuple(dict.fromkeys(pairs))


def headline(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a one-line answer rests on.

    The entry '-' is the dimension's headline; other entries (such as bill
    stages) are detail for the chapters. Without a headline, every entry counts.
    """
    top = rows[rows["item"] == "-"]
    return top if len(top) else rows


def check_regimes_known(regimes: pd.DataFrame, rules: pd.DataFrame) -> None:
    """Raise ValueError if rules.csv names a regime that regimes.csv lacks."""
    unknown = sorted(set(rules["regime"]) - set(regimes["regime"]))
    if unknown:
        raise ValueError(f"rules.csv names regimes that regimes.csv lacks: {', '.join(unknown)}")


def _inside(start: pd.Timestamp, end: pd.Timestamp, regime: pd.Series) -> bool:
    after_start = pd.isna(regime["start"]) or start >= regime["start"]
    before_end = pd.isna(regime["end"]) or end <= regime["end"]
    return bool(after_start and before_end)


def affected_figures(tracing_requests: pd.DataFrame, regime: pd.Series) -> pd.DataFrame:
    """The Home Office's figures for people reached under one regime, longest periods first.

    A figure counts when its holder is the regime's data holder, it measures people
    (or records) released, it has not been superseded by a correction, and its period
    falls within the regime's dates. A figure whose period lies inside another
    counted figure's period of the same measure adds nothing and is left out.
    """
    empty = tracing_requests.iloc[0:0]
    if pd.isna(regime["data_holder"]):
        return empty
    candidates = tracing_requests[
        (tracing_requests["holder"] == regime["data_holder"])
        & (tracing_requests["requester"] == "Home Office")
        & (tracing_requests["measure"].isin(AFFECTED_MEASURES))
        & (tracing_requests["superseded_by"].isna())
    ]
    candidates = candidates[
        [
            _inside(start, end, regime)
            for start, end in zip(candidates["period_start"], candidates["period_end"], strict=True)
        ]
    ]
    candidates = candidates.assign(days=(candidates["period_end"] - candidates["period_start"]).dt.days)
    candidates = candidates.sort_values(["days", "period_end", "figure_id"], ascending=[False, False, True])
    kept: list[int] = []
    for index, figure in candidates.iterrows():
        covered = any(
            candidates.at[other, "measure"] == figure["measure"]
            and candidates.at[other, "period_start"] <= figure["period_start"]
            and figure["period_end"] <= candidates.at[other, "period_end"]
            for other in kept
        )
        if not covered:
            kept.append(index)
    return candidates.loc[kept].drop(columns="days")


def latest_figure(figures: pd.DataFrame) -> pd.Series:
    """The figure whose period ends last (ties broken by figure id)."""
    return figures.sort_values(["period_end", "figure_id"]).iloc[-1]


def refusal_points(rules: pd.DataFrame, regime: str) -> int | None:
    """How many bodies other than the requester could refuse (yes or conditional); None if unstated."""
    rows = regime_rows(rules, regime, "refusal_point")
    if rows.empty:
        return None
    grouped = answers(rows, regime, "refusal_point")
    return len(grouped["yes"]) + len(grouped["conditional"])


def match_rate(returned: int, requested: int) -> float:
    """Share (0-1) of requests that brought data back."""
    if requested <= 0:
        raise ValueError(f"a match rate needs a positive number of requests, not {requested}")
    if not 0 <= returned <= requested:
        raise ValueError(f"{returned} returned cannot come from {requested} requests")
    return returned / requested


def corrections(tracing_requests: pd.DataFrame, holder: str) -> pd.DataFrame:
    """Each superseded figure of one data holder beside its correction, in file order."""
    by_id = tracing_requests.set_index("figure_id")
    firsts = tracing_requests[
        (tracing_requests["holder"] == holder) & tracing_requests["superseded_by"].notna()
    ]
    rows = []
    for _, first in firsts.iterrows():
        corrected_id = str(first["superseded_by"])
        if corrected_id not in by_id.index:
            raise ValueError(
                f"{first['figure_id']} is superseded by {corrected_id}, which tracing_requests.csv lacks"
            )
        corrected = by_id.loc[corrected_id]
        if corrected["measure"] != first["measure"] or corrected["requester"] != first["requester"]:
            raise ValueError(
                f"{corrected_id} does not correct the same requester and measure as {first['figure_id']}"
            )
        rows.append(
            {
                "requester": first["requester"],
                "measure": str(first["measure"]),
                "period": period_label(first["period_start"], first["period_end"]),
                "first": int(first["value"]),
                "corrected": int(corrected["value"]),
                "change": int(corrected["value"]) - int(first["value"]),
                "sources": (
                    (str(first["source_id"]), str(first["locator"])),
                    (str(corrected["source_id"]), str(corrected["locator"])),
                ),
            }
        )
    return pd.DataFrame(rows)


def rates_frame(data: BookData, specs: Iterable[RateSpec]) -> pd.DataFrame:
    """One row per share, in percent, with both figures and their sources."""
    rows = []
    for spec in specs:
        part, whole = data.figure(spec.part), data.figure(spec.whole)
        for column in ("requester", "holder", "period_start", "period_end"):
            if part[column] != whole[column]:
                raise ValueError(
                    f"{spec.part} and {spec.whole} differ in {column} ({part[column]} / {whole[column]}): "
                    "a share needs both figures from the same requester, holder and period"
                )
        for figure in (part, whole):
            if figure["qualifier"] != "exact":
                raise ValueError(
                    f"{figure['figure_id']} is '{figure['qualifier']}' a number, not exact: no share"
                )
        rows.append(
            {
                "label": spec.label,
                "holder": part["holder"],
                "period": period_label(part["period_start"], part["period_end"]),
                "part": int(part["value"]),
                "part_measure": str(part["measure"]),
                "whole": int(whole["value"]),
                "percent": 100 * match_rate(int(part["value"]), int(whole["value"])),
                "sources": cited(pd.DataFrame([part, whole])),
            }
        )
    return pd.DataFrame(rows)


def undated_status(regimes: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Each regime lacking a start or an end date, in table order, with the status its sources record.

    A regime left without a date must say, through a status row, what became of
    it; one that does not raises ValueError.
    """
    ordered = regimes.sort_values("order")
    undated = ordered[ordered["start"].isna() | ordered["end"].isna()]
    status_rows = rules[rules["dimension"] == "status"]
    no_status = sorted(set(undated["regime"]) - set(status_rows["regime"]))
    if no_status:
        raise ValueError(f"rules.csv has no status row for the undated regimes {no_status}")
    return undated[["regime", "short_label", "start", "end"]].merge(
        status_rows[["regime", "value", "source_id", "locator"]], on="regime", validate="one_to_many"
    )
