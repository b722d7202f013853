"""The claims ledger in words: each claim's number, the figures' answer, the verdict and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from tracingbook.analysis.claims import (
    VERDICT_ORDER,
    Checked,
    Evaluated,
    Figure,
    Outcome,
    Verdict,
    check_all,
    check_rule_claims,
    figures_from,
    verdict_frame,
)
from tracingbook.analysis.periods import period_label
from tracingbook.analysis.ranges import Range
from tracingbook.data.load import BookData
from tracingbook.page.tables import source_label
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import capitalised, format_claim, format_range, label, labels

NO_FIGURE = "no published figure"
VERDICT_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#D55E00", "#999999")

# ---------------------------------------------------------------- reasons


def describe_figure(figure: Figure) -> str:
    """'Home Office requests rejected, Jan–Nov 2016'."""
    period = period_label(figure.period_start, figure.period_end)
    return f"{figure.requester} {label('measure', figure.measure)}, {period}"


def _describe(evaluated: Evaluated, figures: Mapping[str, Figure], unit: str) -> str:
    if len(evaluated.figure_ids) == 1:
        return describe_figure(figures[evaluated.figure_ids[0]])
    named = " and ".join(describe_figure(figures[figure_id]) for figure_id in evaluated.figure_ids)
    return f"{format_range(evaluated.allowed, unit)} (from {named})"


def reason(checked: Checked, figures: Mapping[str, Figure]) -> str:
    """The verdict's one-line reason, built from the figures."""
    claim = checked.claim
    stated = format_claim(claim.stated_value, claim.comparator, claim.unit)
    if checked.unconfirmed:
        # Named as a reader knows it (who, what, when), never by the data's figure id.
        named = " and ".join(describe_figure(figures[figure_id]) for figure_id in checked.unconfirmed)
        rests = "figures" if len(checked.unconfirmed) > 1 else "a figure"
        giving = (
            ""
            if checked.actual is None
            else f", which would give {format_range(checked.actual.allowed, claim.unit)}"
        )
        return f"It rests on {named}, {rests} the book has not yet confirmed{giving}."
    if checked.verdict is Verdict.MISLEADING:
        assert checked.derived is not None
        # A number within the loose tolerance of the other figure fits it only loosely, and says so.
        fits = "loosely fits" if checked.derived_outcome is Outcome.LOOSE else "fits"
        unpublished = (
            "for which no figure is published"
            if checked.actual is None
            else f"which the figures put at {format_range(checked.actual.allowed, claim.unit)}"
        )
        other = _describe(checked.derived, figures, claim.unit)
        return capitalised(f"{stated} {fits} {other}, not {claim.quantity}, {unpublished}.")
    if checked.actual is None:
        return f"No published figure gives {claim.quantity}."
    found = format_range(checked.actual.allowed, claim.unit)
    own = " The book's figure comes from this same report." if checked.only_own_source else ""
    if checked.outcome is Outcome.TIGHT:
        return f"The figures give {found}, which bears out {stated}.{own}"
    if checked.outcome is Outcome.LOOSE:
        return f"The figures give {found}: {stated} points the right way but is imprecise.{own}"
    if checked.outcome is Outcome.CONTRADICTED:
        return f"The figures give {found}, not {stated}."
    return f"The published figures allow {found}, which neither confirms nor rules out {stated}."


# ---------------------------------------------------------------- the ledger


def ledger(data: BookData) -> pd.DataFrame:
    """claims.csv with every claim's verdict in words, the claimed and actual values, reason and source."""
    figures = figures_from(data.tracing_requests)
    results = check_all(data.claims, data.tracing_requests)
    checked = verdict_frame(data.claims, results)
    return checked.assign(
        verdict=labels("verdict", checked["verdict"]),
        reason=[reason(result, figures) for result in results],
        stated=[
            format_claim(value, comparator, unit)
            for value, comparator, unit in zip(
                checked["stated_value"], checked["comparator"], checked["unit"], strict=True
            )
        ],
        actual=[
            NO_FIGURE if pd.isna(low) else format_range(Range(low, high), unit)
            for low, high, unit in zip(
                checked["actual_low"], checked["actual_high"], checked["unit"], strict=True
            )
        ],
        source=[source_label(data, source_id) for source_id in checked["source_id"]],
    )


def rule_claims_ledger(data: BookData) -> pd.DataFrame:
    """rule_claims.csv with each verdict in words and what the terms it names say, with their source."""
    checked = check_rule_claims(data.rule_claims, data.rules)
    return checked.assign(
        verdict=labels("verdict", checked["verdict"]),
        rule_detail=[
            f"{detail} ({source_label(data, source_id)}, {locator})"
            for detail, source_id, locator in zip(
                checked["rule_detail"], checked["checked_against"], checked["rule_locator"], strict=True
            )
        ],
    )


def where_made(claims: pd.DataFrame) -> str:
    """Where each claim was made, as "report, place in it", once each, in the reports' order."""
    cited = sorted(set(zip(claims["source"], claims["locator"], strict=True)))
    return "; ".join(f"{source}, {locator}" for source, locator in cited)


def verdict_counts(checked: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict, in the verdicts' order, with up to three quotes and where each claim was made."""
    order = [label("verdict", verdict) for verdict in VERDICT_ORDER]
    grouped = checked.groupby("verdict")
    counts = (
        grouped.agg(
            claims=("claim_id", "size"),
            examples=("quote", lambda quotes: " | ".join(quotes.head(3))),
        )
        .join(pd.Series({verdict: where_made(claims) for verdict, claims in grouped}, name="sources"))
        .reindex(order)
        .reset_index()
    )
    counts["claims"] = counts["claims"].fillna(0).astype(int)
    counts[["examples", "sources"]] = counts[["examples", "sources"]].fillna("")
    return counts


def verdict_chart(counts: pd.DataFrame, claim_count: int) -> Any:
    """A bar per verdict, coloured by verdict, with examples in the tooltip."""
    import altair as alt

    order = [label("verdict", verdict) for verdict in VERDICT_ORDER]
    return (
        alt.Chart(
            counts,
            title="Verdicts on the press's numerical claims",
            description=(
                f"Bar chart of {claim_count} claims by verdict: "
                + ", ".join(f"{row.verdict} {row.claims}" for row in counts.itertuples())
                + "."
            ),
        )
        .mark_bar()
        .encode(
            y=alt.Y("verdict:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X("claims:Q", title="Claims", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "verdict:N", scale=alt.Scale(domain=order, range=list(VERDICT_COLOURS)), legend=None
            ),
            tooltip=tooltips("verdict:N claims:Q examples:N sources:N", sources="Claims made in"),
        )
        .properties(width=520, height=200)
    )
