"""The tracing statistics: monthly rates, outcome funnels, rates by requester, growth and gaps.

Every function takes the ``tracing_requests`` table as loaded by
:func:`tracingbook.load_book_data` and works on :class:`~tracingbook.intervals.Range`
values, so a "more than" or "fewer than" figure stays a bound all the way to
the page. Nothing is filled in: a measure a source does not give stays
``None``, and two sources that disagree about the same figure raise an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracingbook.analysis.periods import as_date, months_between, period_label
from tracingbook.analysis.ranges import Range, figure_range

TRACING_HOLDER = "NHS Digital"


def current_figures(figures: pd.DataFrame, holder: str = TRACING_HOLDER) -> pd.DataFrame:
    """The figures one data holder's requests were counted in, without superseded versions."""
    current = figures[(figures["holder"] == holder) & figures["superseded_by"].isna()]
    return current.reset_index(drop=True)


def value_range(row: pd.Series) -> Range:
    """The values one published figure allows, given its qualifier."""
    return figure_range(float(row["value"]), str(row["qualifier"]))


def _as_published(row: pd.Series) -> str:
    """A figure for an error message: '330' or 'fewer than 50'."""
    qualifier = "" if row["qualifier"] == "exact" else f"{row['qualifier']} "
    return f"{qualifier}{int(row['value'])}"


def with_monthly_rates(figures: pd.DataFrame) -> pd.DataFrame:
    """Each figure with its period's label and length and its value per month.

    ``per_month_low`` and ``per_month_high`` give the range the qualifier
    allows (``high`` is infinite for a lower bound); ``per_month`` is the
    published number divided by the months, which for a bound is the bound's
    own rate.
    """
    rows = []
    for _, row in figures.iterrows():
        months = months_between(row["period_start"], row["period_end"])
        allowed = value_range(row)
        rows.append(
            {
                "period": period_label(row["period_start"], row["period_end"]),
                "months": months,
                "per_month": float(row["value"]) / months,
                "per_month_low": allowed.low / months,
                "per_month_high": allowed.high / months,
            }
        )
    extra = pd.DataFrame(rows, index=figures.index)
    return pd.concat([figures, extra], axis=1)


# ---------------------------------------------------------------- outcome funnels


@dataclass(frozen=True)
class Funnel:
    """What became of one requester's requests in one period, as far as the sources say."""

    requester: str
    period_start: date
    period_end: date
    requests: Range | None
    approved: Range | None
    traced: Range | None
    not_traced: Range | None
    rejected: Range | None
    figure_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    # Each (source_id, locator) the funnel's figures cite, in order, each once.
    citations: tuple[tuple[str, str], ...] = ()

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def months(self) -> float:
        return months_between(self.period_start, self.period_end)

    @property
    def approved_or_sum(self) -> Range | None:
        """Approved requests: as published, or traced plus not traced."""
        if self.approved is not None:
            return self.approved
        if self.traced is not None and self.not_traced is not None:
            return self.traced + self.not_traced
        return None

    @property
    def unaccounted(self) -> Range | None:
        """Requests that are neither traced, not traced nor rejected, where all four are given."""
        if None in (self.requests, self.traced, self.not_traced, self.rejected):
            return None
        assert self.requests and self.traced and self.not_traced and self.rejected
        return self.requests - self.traced - self.not_traced - self.rejected

    @property
    def trace_rate(self) -> Range | None:
        """Share of all requests that were approved and traced."""
        return _share(self.traced, self.requests)

    @property
    def trace_rate_of_approved(self) -> Range | None:
        """Share of approved requests that were traced."""
        return _share(self.traced, self.approved_or_sum)

    @property
    def rejection_rate(self) -> Range | None:
        """Share of all requests that were rejected."""
        return _share(self.rejected, self.requests)


def _share(part: Range | None, whole: Range | None) -> Range | None:
    if part is None or whole is None:
        return None
    share = part / whole
    # A share cannot pass 1, however loose the bounds it came from.
    return Range(share.low, min(share.high, 1.0))


_FUNNEL_MEASURES = ("requests", "approved", "traced", "not_traced", "rejected")


def funnels(figures: pd.DataFrame) -> list[Funnel]:
    """One funnel per requester and period that has an outcome as well as a total.

    Figures for the same requester, period and measure from different sources
    must agree; a disagreement raises ValueError naming both figures.
    """
    outcome_rows = figures[figures["measure"].isin(_FUNNEL_MEASURES)]
    result = []
    keys = ["requester", "period_start", "period_end"]
    for (requester, start, end), group in outcome_rows.groupby(keys, sort=True):
        measures = set(group["measure"])
        if measures <= {"requests"} or not measures & {"traced", "not_traced", "rejected", "approved"}:
            continue
        values: dict[str, Range] = {}
        for measure, rows in group.groupby("measure", sort=True):
            ranges = {value_range(row) for _, row in rows.iterrows()}
            if len(ranges) > 1:
                listed = ", ".join(
                    f"{row['figure_id']} ({_as_published(row)}, {row['source_id']})"
                    for _, row in rows.iterrows()
                )
                raise ValueError(
                    f"sources disagree on {requester} {measure} for {period_label(start, end)}: {listed}"
                )
            values[str(measure)] = ranges.pop()
        result.append(
            Funnel(
                requester=str(requester),
                period_start=as_date(start),
                period_end=as_date(end),
                requests=values.get("requests"),
                approved=values.get("approved"),
                traced=values.get("traced"),
                not_traced=values.get("not_traced"),
                rejected=values.get("rejected"),
                figure_ids=tuple(sorted(group["figure_id"])),
                source_ids=tuple(sorted(set(group["source_id"]))),
                citations=tuple(sorted(set(zip(group["source_id"], group["locator"], strict=True)))),
            )
        )
    return result


def funnel_for(figures: pd.DataFrame, requester: str, start: date, end: date) -> Funnel:
    """The funnel of one requester and period; KeyError if the data hold none."""
    for funnel in funnels(figures):
        if (funnel.requester, funnel.period_start, funnel.period_end) == (requester, start, end):
            return funnel
    raise KeyError(f"no outcome figures for {requester}, {period_label(start, end)}")


def floor_from_subperiods(
    figures: pd.DataFrame, requester: str, measure: str, start: date, end: date
) -> Range | None:
    """What figures for shorter periods inside ``start``..``end`` imply about the whole period.

    A count for part of a period cannot exceed the count for all of it, so the
    largest lower end among sub-periods is a floor for the whole period.
    """
    inside = figures[
        (figures["requester"] == requester)
        & (figures["measure"] == measure)
        & (figures["period_start"] >= pd.Timestamp(start))
        & (figures["period_end"] <= pd.Timestamp(end))
        & ~((figures["period_start"] == pd.Timestamp(start)) & (figures["period_end"] == pd.Timestamp(end)))
    ]
    if inside.empty:
        return None
    floor = max(value_range(row).low for _, row in inside.iterrows())
    return Range(floor, float("inf"))


# ---------------------------------------------------------------- growth and comparisons


def growth_percent(old: Range, new: Range) -> Range:
    """Percentage change from ``old`` to ``new``."""
    return (new / old).shifted(-1.0).scaled(100.0)


def monthly(row: pd.Series) -> Range:
    """One figure's range divided by the months of its period."""
    return value_range(row).scaled(1.0 / months_between(row["period_start"], row["period_end"]))


def figure_per_month(figures: pd.DataFrame, figure_id: str) -> Range:
    """One figure's range per month of its period, by figure id."""
    return monthly(figure_row(figures, figure_id))


def rate_change(figures: pd.DataFrame, before_id: str, after_id: str) -> Range:
    """Percentage change in the monthly rate from one figure to another, whatever their lengths."""
    before = figure_row(figures, before_id)
    after = figure_row(figures, after_id)
    if before["measure"] != after["measure"]:
        raise ValueError(
            f"{before_id} counts {before['measure']} but {after_id} counts {after['measure']}: "
            "rates of different measures are not comparable"
        )
    return growth_percent(monthly(before), monthly(after))


def figure_row(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    matches = figures[figures["figure_id"] == figure_id]
    if len(matches) != 1:
        raise KeyError(f"tracing_requests.csv has no figure_id {figure_id!r}")
    return matches.iloc[0]


@dataclass(frozen=True)
class Remainder:
    """What a total leaves once the parts published separately are taken out."""

    count: Range
    months: float
    part_months: float

    @property
    def per_month(self) -> Range:
        return self.count.scaled(1.0 / self.months)


def remainder(figures: pd.DataFrame, total_id: str, part_ids: Iterable[str]) -> Remainder:
    """The count and months of a total's period that no listed part covers.

    The parts must count the same requester and measure as the total, lie
    inside its period and not overlap one another; otherwise ValueError.
    """
    total = figure_row(figures, total_id)
    parts = [figure_row(figures, part_id) for part_id in part_ids]
    count = value_range(total)
    part_months = 0.0
    spans: list[tuple[pd.Timestamp, pd.Timestamp, str]] = []
    for part in parts:
        for column in ("requester", "measure", "holder"):
            if part[column] != total[column]:
                raise ValueError(
                    f"{part['figure_id']} has {column} {part[column]!r}, "
                    f"but the total {total_id} has {total[column]!r}"
                )
        if part["period_start"] < total["period_start"] or part["period_end"] > total["period_end"]:
            raise ValueError(f"{part['figure_id']} covers days outside the period of {total_id}")
        for start, end, other in spans:
            if part["period_start"] <= end and start <= part["period_end"]:
                raise ValueError(f"{part['figure_id']} overlaps {other}")
        spans.append((part["period_start"], part["period_end"], str(part["figure_id"])))
        count = count - value_range(part)
        part_months += months_between(part["period_start"], part["period_end"])
    months = months_between(total["period_start"], total["period_end"]) - part_months
    return Remainder(count=count, months=months, part_months=part_months)


def months_covered(
    figures: pd.DataFrame, requester: str, start: date, end: date
) -> tuple[list[str], list[str]]:
    """Calendar months from ``start`` to ``end``: those some figure for ``requester`` covers, and the rest."""
    rows = figures[figures["requester"] == requester]
    covered: list[str] = []
    missing: list[str] = []
    for month in pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="M"):
        first, last = month.start_time.normalize(), month.end_time.normalize()
        inside = ((rows["period_start"] <= first) & (rows["period_end"] >= last)).any()
        (covered if inside else missing).append(month.strftime("%b %Y"))
    return covered, missing


@dataclass(frozen=True)
class Segment:
    """One slice of a funnel's requests, drawn at ``drawn`` within the range it may take.

    ``outcome`` is traced, not_traced, rejected, unaccounted (every outcome is
    published, yet they fall short of the total) or unpublished (some outcome
    is missing); ``drawing`` says how a range was drawn: at_most, at_least or
    None for an exact count.
    """

    outcome: str
    drawn: float
    allowed: Range
    drawing: str | None


def funnel_segments(funnel: Funnel) -> list[Segment]:
    """The funnel's requests split into outcomes that add up to the total, for a stacked bar.

    A bounded outcome is drawn at the end of its range that the total can
    accommodate, and what the sources leave open is its own slice. Raises
    ValueError for a funnel with no exact total.
    """
    if funnel.requests is None or not funnel.requests.is_exact:
        raise ValueError(f"{funnel.requester}, {funnel.period}: the funnel needs an exact total of requests")
    total = funnel.requests.low
    segments = []
    drawn_sum = 0.0
    for outcome, allowed in (
        ("traced", funnel.traced),
        ("not_traced", funnel.not_traced),
        ("rejected", funnel.rejected),
    ):
        if allowed is None:
            continue
        drawn = allowed.low if allowed.is_exact else min(allowed.high, total - drawn_sum)
        segments.append(Segment(outcome, drawn, allowed, None if allowed.is_exact else "at_most"))
        drawn_sum += drawn
    rest = total - drawn_sum
    if rest < 0:
        raise ValueError(f"{funnel.requester}, {funnel.period}: the outcomes exceed the requests")
    if rest > 0:
        complete = None not in (funnel.traced, funnel.not_traced, funnel.rejected)
        outcome = "unaccounted" if complete else "unpublished"
        open_range = funnel.unaccounted if complete and funnel.unaccounted else Range.exact(rest)
        segments.append(Segment(outcome, rest, open_range, None if open_range.is_exact else "at_least"))
    return segments


@dataclass(frozen=True)
class OutcomeGap:
    """Requests of one funnel that no published outcome explains.

    What is left after the traced and untraced requests, less the rejections,
    which lie between what shorter periods imply and the period's own figure.
    """

    funnel: Funnel
    after_outcomes: Range
    rejected_floor: Range
    rejected: Range

    @property
    def unexplained(self) -> Range:
        return self.after_outcomes - self.rejected


def outcome_gap(figures: pd.DataFrame, requester: str, start: date, end: date) -> OutcomeGap:
    """The requests of one requester and period left without a published outcome."""
    funnel = funnel_for(figures, requester, start, end)
    if None in (funnel.requests, funnel.traced, funnel.not_traced, funnel.rejected):
        raise ValueError(f"{requester}, {funnel.period}: a gap needs requests and every outcome")
    assert funnel.requests and funnel.traced and funnel.not_traced and funnel.rejected
    floor = floor_from_subperiods(figures, requester, "rejected", start, end) or Range(0.0, math.inf)
    return OutcomeGap(
        funnel=funnel,
        after_outcomes=funnel.requests - funnel.traced - funnel.not_traced,
        rejected_floor=floor,
        rejected=Range(max(funnel.rejected.low, floor.low), funnel.rejected.high),
    )


# ---------------------------------------------------------------- what each figure rests on

# Kinds of source that are a body's own record rather than a report of it.
PRIMARY_KINDS = frozenset({"official", "parliament", "legislation", "court"})
READ = "read"
ORIGIN_SEPARATOR = "; "


class Basis:
    """What a figure rests on, as the statistics page names it."""

    PRIMARY = "checked in the primary record"
    UNREAD = "press alone: the primary record could not be read"
    NO_RECORD = "press alone: no earlier record known"


BASES = (Basis.PRIMARY, Basis.UNREAD, Basis.NO_RECORD)


class RecordError(ValueError):
    """A figure's origin names no document the data knows."""


def origin_basis(origin: str, sources: pd.DataFrame, records: pd.DataFrame) -> str:
    """What one origin (a primary_records document_id or a sources.csv id) lets a figure rest on.

    A document the book sought is primary only if it was read where the figure
    is; a source of an official or parliamentary kind is primary itself; any
    other source (a press report with no earlier document known) is the press alone.
    """
    record = records[records["document_id"] == origin]
    if len(record):
        return Basis.PRIMARY if record.iloc[0]["status"] == READ else Basis.UNREAD
    source = sources[sources["id"] == origin]
    if len(source):
        return Basis.PRIMARY if source.iloc[0]["kind"] in PRIMARY_KINDS else Basis.NO_RECORD
    raise RecordError(origin)


def _combined(bases: list[str]) -> str:
    """Several origins: primary only if every one is; otherwise the weakest ground among them."""
    for basis in (Basis.NO_RECORD, Basis.UNREAD):
        if basis in bases:
            return basis
    return Basis.PRIMARY


def record_basis(
    table: pd.DataFrame, sources: pd.DataFrame, records: pd.DataFrame, *, key: str, file: str
) -> pd.DataFrame:
    """Each row of ``table`` (tracing_requests or claims) with the document its number rests on.

    ``origin`` may name several documents, separated by '; '. An origin that is
    in neither sources.csv nor primary_records.csv raises :class:`RecordError`,
    naming the file, the row and the value.
    """
    rows = []
    for _, row in table.iterrows():
        origins = str(row["origin"]).split(ORIGIN_SEPARATOR)
        bases = []
        for origin in origins:
            try:
                bases.append(origin_basis(origin, sources, records))
            except RecordError:
                raise RecordError(
                    f"{file}, {key} {row[key]!r}, column 'origin': {origin!r} is the id of no document in "
                    "sources.csv or primary_records.csv"
                ) from None
        rows.append({key: row[key], "origin": row["origin"], "basis": _combined(bases)})
    return pd.DataFrame(rows, columns=[key, "origin", "basis"])


def basis_counts(based: pd.DataFrame) -> dict[str, int]:
    """How many rows rest on each basis, every basis listed, as plain ints."""
    counts = based["basis"].value_counts()
    return {basis: int(counts.get(basis, 0)) for basis in BASES}


def figures_per_document(based: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Every document the book sought, with how many figures name it as their origin."""
    named = based["origin"].str.split(ORIGIN_SEPARATOR).explode()
    counts = named.value_counts()
    out = records.copy()
    out["figures"] = [int(counts.get(document, 0)) for document in out["document_id"]]
    return out
