"""Periods of different lengths, made comparable."""

from __future__ import annotations

from datetime import date

import pandas as pd

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def as_date(value: date | pd.Timestamp) -> date:
    """The calendar day of a date or a pandas Timestamp."""
    return value.date() if isinstance(value, pd.Timestamp) else value


def months_between(start: date | pd.Timestamp, end: date | pd.Timestamp) -> float:
    """Length of the inclusive period start..end in months (a calendar month is 1).

    Whole calendar months count exactly; partial months count by their share
    of days, so 1 Jan - 31 Mar is 3 and 1 Jan 2010 - 13 Jul 2014 is about 54.4.
    """
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"period ends ({last}) before it starts ({first})")
    total = 0.0
    cursor = first
    while cursor <= last:
        month_end = (pd.Timestamp(cursor) + pd.offsets.MonthEnd(0)).date()
        segment_end = min(month_end, last)
        days_in_month = month_end.day
        total += ((segment_end - cursor).days + 1) / days_in_month
        cursor = (pd.Timestamp(segment_end) + pd.Timedelta(days=1)).date()
    return total


def monthly_rate(value: float, start: date | pd.Timestamp, end: date | pd.Timestamp) -> float:
    """A count over a period, expressed per month."""
    return float(value) / months_between(start, end)


def days_in(start: date | pd.Timestamp, end: date | pd.Timestamp) -> int:
    """Days in the inclusive period start..end: 1 Jan - 30 Nov 2016 is 335."""
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"period ends ({last}) before it starts ({first})")
    return (last - first).days + 1


def daily_rate(value: float, start: date | pd.Timestamp, end: date | pd.Timestamp) -> float:
    """A count over a period, expressed per day: a pace a reader can picture."""
    return float(value) / days_in(start, end)


def period_label(start: date | pd.Timestamp, end: date | pd.Timestamp) -> str:
    """Readable label: 'Q1 2016', '2016/17', 'Jan–Nov 2016', 'Jul 2010–Dec 2013'."""
    first, last = as_date(start), as_date(end)
    whole_start = first.day == 1
    whole_end = last == (pd.Timestamp(last) + pd.offsets.MonthEnd(0)).date()
    if whole_start and whole_end:
        if first.year == last.year:
            if first.month == 1 and last.month == 12:
                return str(first.year)
            if (first.month - 1) % 3 == 0 and last.month == first.month + 2:
                return f"Q{(first.month - 1) // 3 + 1} {first.year}"
            if first.month == last.month:
                return f"{_MONTHS[first.month - 1]} {first.year}"
            return f"{_MONTHS[first.month - 1]}–{_MONTHS[last.month - 1]} {first.year}"
        if (first.month, last.month, last.year - first.year) == (4, 3, 1):
            return f"{first.year}/{str(last.year)[2:]}"
        return f"{_MONTHS[first.month - 1]} {first.year}–{_MONTHS[last.month - 1]} {last.year}"
    opening = f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    return f"{opening}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
