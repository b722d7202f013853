"""The claims ledger in words: each claim's number, the figures' answer, the verdict and why.

Every page that counts claims counts :func:`every_claim`'s rows with
:func:`claim_tally`, and glues the count with :func:`glue_claims`: the
numerical claims and the claims about the rules, each once, on one scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from tracingbook.analysis.claims import (
    CONFIRMATION_ORDER,
    VERDICT_ORDER,
    Checked,
    ClaimTally,
    Confirmation,
    Evaluated,
    Figure,
    Outcome,
    Verdict,
    check_all,
    check_rule_claims,
    figures_from,
    tally,
    verdict_frame,
)
from tracingbook.analysis.periods import period_label
from tracingbook.analysis.ranges import Range
from tracingbook.data.load import BookData
from tracingbook.page.glue import glue_count, glue_number
from tracingbook.page.tables import source_label
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import TALLY_WORDS, capitalised, format_claim, format_range, label, labels

NO_FIGURE = "no published figure"
# One colour per verdict, in VERDICT_ORDER, as the ledger's badges (house-site.css) show them.
VERDICT_COLOURS = ("#1A7343", "#1F5F99", "#A34E00", "#B3261E", "#5B6570")
# What a claim that holds adds to its reason, by how it is borne out.
CONFIRMED_BY = {
    Confirmation.INDEPENDENT: " A record of another origin bears it out.",
    Confirmation.SAME_RELEASE: (
        " Only another outlet printing the same release bears it out: the same number, not a second check."
    ),
    Confirmation.OWN_REPORT: " The book's figure comes from this same report.",
}

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
    own = "" if checked.confirmation is None else CONFIRMED_BY[checked.confirmation]
    if checked.outcome is Outcome.TIGHT:
        return f"The figures give {found}, which bears out {stated}.{own}"
    if checked.outcome is Outcome.LOOSE:
        return f"The figures give {found}: {stated} points the right way but is imprecise.{own}"
    if checked.outcome is Outcome.CONTRADICTED:
        return f"The figures give {found}, not {stated}."
    return f"The published figures allow {found}, which neither confirms nor rules out {stated}."


# ---------------------------------------------------------------- the ledger


def _in_words(checked: pd.DataFrame) -> dict[str, object]:
    """A checked table's verdict and confirmation in words, beside their keys."""
    return {
        "verdict_key": checked["verdict"],
        "verdict": labels("verdict", checked["verdict"]),
        "confirmation_key": checked["confirmation"],
        "confirmation": [
            "" if pd.isna(key) else label("confirmation", key) for key in checked["confirmation"]
        ],
    }


def ledger(data: BookData) -> pd.DataFrame:
    """claims.csv with every claim's verdict in words, the claimed and actual values, reason and source."""
    figures = figures_from(data.tracing_requests)
    results = check_all(data.claims, data.tracing_requests)
    checked = verdict_frame(data.claims, results)
    return checked.assign(
        **_in_words(checked),
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
    checked = check_rule_claims(data.rule_claims, data.rules, data.sources)
    return checked.assign(
        **_in_words(checked),
        rule_detail=[
            f"{detail} ({source_label(data, source_id)}, {locator})"
            for detail, source_id, locator in zip(
                checked["rule_detail"], checked["checked_against"], checked["rule_locator"], strict=True
            )
        ],
    )


LEDGER_COLUMNS = [
    "claim_id", "verdict_key", "verdict", "confirmation_key", "confirmation",
    "claimant", "quote", "reason", "source", "source_id", "locator",
]  # fmt: skip


def every_claim(data: BookData) -> pd.DataFrame:
    """Every claim checked, numerical and about the rules, by verdict: the rows every tally counts."""
    numbers = ledger(data)
    rules = rule_claims_ledger(data)
    rules = rules.assign(
        reason=[f"What the terms say: {detail}" for detail in rules["rule_detail"]],
        source=[source_label(data, source_id) for source_id in rules["source_id"]],
    )
    every = pd.concat([numbers[LEDGER_COLUMNS], rules[LEDGER_COLUMNS]], ignore_index=True)
    # In the verdicts' order, so that the ledger and its filter follow the scale every tally uses.
    order = {verdict.value: position for position, verdict in enumerate(VERDICT_ORDER)}
    by_verdict = every["verdict_key"].map(order)
    return every.iloc[by_verdict.argsort(kind="stable")].reset_index(drop=True)


def claim_tally(claims: pd.DataFrame) -> ClaimTally:
    """The one count of the claims (rows of every_claim), by verdict and by confirmation."""
    keys = claims[["verdict_key", "confirmation_key"]]
    return tally(keys.set_axis(["verdict", "confirmation"], axis=1))


def glue_claims(data: BookData) -> pd.DataFrame:
    """Glue the tally every page shows and return the claims it counts (see every_claim).

    Glued: ``claims_total``, ``claims_holding`` and, with ``_words`` forms
    from TALLY_WORDS, ``claims_<verdict>`` and ``claims_<confirmation>``.
    """
    claims = every_claim(data)
    counted = claim_tally(claims)
    glue_number("claims_total", counted.total)
    glue_number("claims_holding", counted.holding)
    keyed: list[tuple[str, int]] = [
        *((verdict.value, counted.by_verdict[verdict]) for verdict in VERDICT_ORDER),
        *((item.value, counted.by_confirmation[item]) for item in CONFIRMATION_ORDER),
    ]
    for key, count in keyed:
        glue_count(f"claims_{key}", count, *TALLY_WORDS[key])
    return claims


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


def verdict_chart(claims: pd.DataFrame) -> Any:
    """A bar per verdict over every claim (rows of every_claim), coloured as the ledger's badges and
    labelled with its count, with examples in the tooltip."""
    import altair as alt

    from tracingbook.page.charts import with_figures

    order = [label("verdict", verdict) for verdict in VERDICT_ORDER]
    counts = verdict_counts(claims)
    claim_count = claim_tally(claims).total
    fields = "verdict:N claims:Q examples:N sources:N"
    top = counts.sort_values("claims", ascending=False, kind="stable").iloc[0]
    base = alt.Chart(counts).encode(
        y=alt.Y("verdict:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "claims:Q",
            title="Claims",
            axis=alt.Axis(tickMinStep=1, tickCount=4),
            scale=alt.Scale(domainMax=int(counts["claims"].max()) + 1),
        ),
        tooltip=tooltips(fields, sources="Claims made in"),
    )
    chart = alt.layer(
        base.mark_bar().encode(
            color=alt.Color(
                "verdict:N", scale=alt.Scale(domain=order, range=list(VERDICT_COLOURS)), legend=None
            )
        ),
        base.mark_text(align="left", dx=4, fontSize=12).encode(text="claims:Q"),
        title=f"{top.verdict}: {top.claims} of the press's {claim_count} claims",
        description=(
            f"Bar chart of {claim_count} claims by verdict: "
            + ", ".join(f"{row.verdict} {row.claims}" for row in counts.itertuples())
            + "."
        ),
    ).properties(height=alt.Step(32), name="verdicts")
    return with_figures(chart, counts, fields, sources="Claims made in")
