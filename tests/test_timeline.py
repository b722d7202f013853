"""Dates of known precision, and sources that date the same event differently."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracingbook import load_book_data
from tracingbook.analysis.timeline import (
    Span,
    TimelineError,
    date_span,
    dated_by_each_source,
    days_between,
    disagreements,
    event_gap,
    gap_in_days,
    on_topic,
    with_spans,
)
from tracingbook.page.timeline import chart_frame, with_date_labels

from .conftest import DATA_DIR


def _timeline(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A small timeline: (event_id, event, ISO date, precision) per row."""
    return pd.DataFrame(
        {
            "event_id": [row[0] for row in rows],
            "event": [row[1] for row in rows],
            "date": [pd.Timestamp(row[2]) for row in rows],
            "date_precision": [row[3] for row in rows],
            "title": [f"title of {row[1]}" for row in rows],
        }
    )


def test_a_date_spans_the_days_its_precision_allows() -> None:
    assert date_span(date(2017, 1, 24), "day") == Span(date(2017, 1, 24), date(2017, 1, 24))
    assert date_span(pd.Timestamp("2016-02-01"), "month") == Span(date(2016, 2, 1), date(2016, 2, 29))
    assert date_span(date(2014, 12, 1), "month") == Span(date(2014, 12, 1), date(2014, 12, 31))
    assert date_span(date(2016, 1, 1), "year") == Span(date(2016, 1, 1), date(2016, 12, 31))
    # A quarter is named by any day in it: 'late in 2016' read as its last quarter.
    assert date_span(date(2016, 11, 15), "quarter") == Span(date(2016, 10, 1), date(2016, 12, 31))
    assert date_span(date(2015, 4, 1), "quarter") == Span(date(2015, 4, 1), date(2015, 6, 30))


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(TimelineError, match="unknown date precision 'week'"):
        date_span(date(2017, 1, 1), "week")


def test_days_between_counts_whole_days_either_way() -> None:
    assert days_between(date(2018, 11, 2), date(2018, 11, 9)) == 7
    assert days_between(pd.Timestamp("2018-11-09"), pd.Timestamp("2018-11-02")) == -7


def test_gaps_allow_for_imprecise_dates() -> None:
    exact = [date_span(date(2018, 11, 2), "day"), date_span(date(2018, 11, 9), "day")]
    assert gap_in_days(exact) == (7, 7)
    # December 2004 at the latest, to 1 April 2005: at least 91 days, at most 456.
    loose = [date_span(date(2004, 1, 1), "year"), date_span(date(2005, 4, 1), "day")]
    assert gap_in_days(loose) == (91, 456)
    overlapping = [date_span(date(2017, 1, 1), "month"), date_span(date(2017, 1, 24), "day")]
    assert gap_in_days(overlapping) == (0, 30)
    with pytest.raises(TimelineError, match="at least two"):
        gap_in_days(exact[:1])


def test_only_irreconcilable_dates_count_as_disagreements() -> None:
    timeline = _timeline(
        ("a-1", "a", "2018-11-02", "day"),
        ("a-2", "a", "2018-11-09", "day"),
        ("b-1", "b", "2017-01-01", "month"),
        ("b-2", "b", "2017-01-24", "day"),
        ("c-1", "c", "2016-01-01", "year"),
    )
    found = disagreements(timeline)
    assert found["event"].tolist() == ["a"]
    assert found.iloc[0][["sources", "least_days", "greatest_days"]].tolist() == [2, 7, 7]


def test_spans_and_labels_follow_the_precision() -> None:
    dated = _timeline(("a-1", "a", "2016-01-01", "year"), ("a-2", "a", "2017-01-24", "day"))
    spanned = with_spans(dated)
    assert with_date_labels(dated)["date_label"].tolist() == ["2016", "24 January 2017"]
    assert spanned["latest"].iloc[0] == pd.Timestamp("2016-12-31")
    with pytest.raises(TimelineError, match="lacks the column"):
        with_spans(pd.DataFrame({"date": []}))


def test_the_book_shows_its_own_disagreements() -> None:
    data = load_book_data(DATA_DIR)
    in_order = disagreements(data.timeline)["event"].tolist()
    assert in_order[0] == "information-centre-founded" and in_order[-1] == "mou-withdrawn"
    found = disagreements(data.timeline).set_index("event")
    assert {"mou-published", "mou-withdrawn", "information-centre-founded"} <= set(found.index)
    # gov.uk's withdrawal date is a week after NHS Digital's confirmation.
    assert found.loc["mou-withdrawn", ["least_days", "greatest_days"]].tolist() == [7, 7]
    # 'Late in 2016', read as the last quarter, is 24 to 122 days before the end of January 2017.
    assert found.loc["mou-published", ["least_days", "greatest_days"]].tolist() == [24, 122]
    # The chair's departure: May 2016 in two sources, 31 May 2017 in a third.
    assert found.loc["manning-leaves", ["least_days", "greatest_days"]].tolist() == [365, 395]
    # Two sources dating the first releases to 2005 agree, so that event is not listed.
    assert "tracing-releases-begin" not in found.index
    assert event_gap(data.timeline, "mou-withdrawn") == (7, 7)
    with pytest.raises(TimelineError, match="no event 'nope'"):
        event_gap(data.timeline, "nope")


def test_each_source_is_listed_in_date_order() -> None:
    data = load_book_data(DATA_DIR)
    rows = dated_by_each_source(data.timeline, ["mou-withdrawn", "information-centre-founded"])
    assert rows["event_id"].tolist()[:2] == ["mou-withdrawn-nhsd", "mou-withdrawn-govuk"]
    assert with_date_labels(rows)["date_label"].tolist()[2:] == ["2004", "1 April 2005"]
    with pytest.raises(TimelineError, match="no event 'nope'"):
        dated_by_each_source(data.timeline, ["nope"])


def test_the_chart_rows_name_every_source() -> None:
    data = load_book_data(DATA_DIR)
    rows = chart_frame(data.timeline, data.sources)
    assert len(rows) == len(data.timeline)
    assert rows["publisher"].notna().all()
    withdrawal = rows.set_index("event_id").loc["mou-withdrawn-govuk"]
    assert withdrawal["exact"] and withdrawal["end"] == pd.Timestamp("2018-11-10")
    assert set(rows["lane"]) == {0, 1, 2}
    policy = rows[rows["kind"] == "policy"]
    assert policy["lane"].tolist()[:4] == [0, 1, 2, 0]
    orphan = data.timeline.head(1).assign(source_id="no-such-source")
    with pytest.raises(KeyError, match=r"sources\.csv has no id 'no-such-source'"):
        chart_frame(orphan, data.sources)


def test_events_on_a_topic_come_in_date_order() -> None:
    data = load_book_data(DATA_DIR)
    patients = on_topic(data.timeline, "patients")
    assert set(patients["topic"]) == {"patients"}
    assert patients["earliest"].is_monotonic_increasing
    both = on_topic(data.timeline, "patients", "data-protection")
    assert len(both) == len(patients) + int((data.timeline["topic"] == "data-protection").sum())
    with pytest.raises(TimelineError, match="no events on the topic\\(s\\) 'nope'"):
        on_topic(data.timeline, "patients", "nope")
    with pytest.raises(TimelineError, match="name at least one topic"):
        on_topic(data.timeline)
