"""Dated events: how precise each date is, and where sources date one event differently.

A timeline row gives a date and how much of it is known (day, month, quarter
or year). A date known only to the month stands for every day of that month
(a quarter, for every day of its three months), so two
sources disagree only when the spans of days they allow do not overlap; the
gap between them is then given as a least and a greatest number of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tracingbook.analysis.periods import as_date

PRECISIONS = ("day", "month", "quarter", "year")
LANES = 3


class TimelineError(ValueError):
    """A timeline row cannot be read as a dated event."""


@dataclass(frozen=True)
class Span:
    """The first and last day a date of some precision may stand for."""

    first: date
    last: date


def date_span(value: date | pd.Timestamp, precision: str) -> Span:
    """The days a date may stand for: one day, a calendar month or quarter, or a calendar year."""
    day = as_date(value)
    if precision == "day":
        return Span(day, day)
    if precision == "month":
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return Span(date(day.year, day.month, 1), next_month - timedelta(days=1))
    if precision == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        next_quarter = date(day.year + last_month // 12, last_month % 12 + 1, 1)
        return Span(date(day.year, first_month, 1), next_quarter - timedelta(days=1))
    if precision == "year":
        return Span(date(day.year, 1, 1), date(day.year, 12, 31))
    raise TimelineError(f"unknown date precision {precision!r}: expected one of {', '.join(PRECISIONS)}")


def days_between(earlier: date | pd.Timestamp, later: date | pd.Timestamp) -> int:
    """Whole days from one date to another (negative if 'later' comes first)."""
    return (as_date(later) - as_date(earlier)).days


def with_spans(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with the 'earliest' and 'latest' day each row's date may stand for."""
    missing = {"date", "date_precision"} - set(timeline.columns)
    if missing:
        raise TimelineError(f"the timeline lacks the column(s) {', '.join(sorted(missing))}")
    spans = [
        date_span(value, str(precision))
        for value, precision in zip(timeline["date"], timeline["date_precision"], strict=True)
    ]
    return timeline.assign(
        earliest=pd.to_datetime([span.first for span in spans]),
        latest=pd.to_datetime([span.last for span in spans]),
    )


def _spans(spanned: pd.DataFrame) -> list[Span]:
    return [
        Span(first.date(), last.date())
        for first, last in zip(spanned["earliest"], spanned["latest"], strict=True)
    ]


def gap_in_days(spans: list[Span]) -> tuple[int, int]:
    """Least and greatest number of days between the dates a group of sources gives.

    The least is 0 when every span shares at least one day, i.e. the sources can all
    be right at once.
    """
    if len(spans) < 2:
        raise TimelineError("a gap needs at least two dated sources")
    latest_start = max(span.first for span in spans)
    earliest_end = min(span.last for span in spans)
    earliest_start = min(span.first for span in spans)
    latest_end = max(span.last for span in spans)
    return max(0, (latest_start - earliest_end).days), (latest_end - earliest_start).days


def disagreements(timeline: pd.DataFrame) -> pd.DataFrame:
    """One row per event that sources date irreconcilably, with the least and greatest gap, by date.

    Events dated by a single source, or by sources whose spans overlap, are left out:
    those sources agree.
    """
    spanned = with_spans(timeline)
    rows = []
    for event, group in spanned.groupby("event", sort=False):
        if len(group) < 2:
            continue
        spans = _spans(group)
        least, greatest = gap_in_days(spans)
        if least == 0:
            continue
        rows.append(
            {
                "first_day": group["earliest"].min(),
                "event": event,
                "title": group["title"].iloc[0],
                "sources": len(group),
                "least_days": least,
                "greatest_days": greatest,
            }
        )
    columns = ["first_day", "event", "title", "sources", "least_days", "greatest_days"]
    found = pd.DataFrame(rows, columns=columns)
    # In the order the events happened, by the earliest day any source allows.
    return found.sort_values(["first_day", "event"], ignore_index=True).drop(columns="first_day")


def on_topic(timeline: pd.DataFrame, *topics: str) -> pd.DataFrame:
    """Every row of the given topics, in the order the events happened (earliest day first)."""
    if not topics:
        raise TimelineError("name at least one topic")
    unknown = [topic for topic in topics if not (timeline["topic"] == topic).any()]
    if unknown:
        raise TimelineError(f"timeline.csv has no events on the topic(s) {', '.join(map(repr, unknown))}")
    spanned = with_spans(timeline[timeline["topic"].isin(topics)])
    return spanned.sort_values(["earliest", "latest", "event_id"]).reset_index(drop=True)


def dated_by_each_source(timeline: pd.DataFrame, events: list[str]) -> pd.DataFrame:
    """Every row of the given events, ordered by event and date, with its date as written."""
    unknown = sorted(set(events) - set(timeline["event"]))
    if unknown:
        raise TimelineError(f"timeline.csv has no event {', '.join(repr(e) for e in unknown)}")
    spanned = with_spans(timeline[timeline["event"].isin(events)])
    order = {event: position for position, event in enumerate(events)}
    return (
        spanned.assign(_order=spanned["event"].map(order))
        .sort_values(["_order", "earliest", "event_id"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def event_gap(timeline: pd.DataFrame, event: str) -> tuple[int, int]:
    """Least and greatest days between the dates the sources give for one event."""
    group = with_spans(timeline[timeline["event"] == event])
    if group.empty:
        raise TimelineError(f"timeline.csv has no event {event!r}")
    spans = _spans(group)
    return gap_in_days(spans)
