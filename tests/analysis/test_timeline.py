"""Dates of known precision, and sources that date the same event differently."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracingbook import BookData
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
from tracingbook.page.timeline import chart_frame, events_table, with_date_labels


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


def test_a_packages_disagreements_and_gaps(book_data: BookData) -> None:
    found = disagreements(book_data.timeline).set_index("event")
    # A quarter (October to December 2016) against a day (24 January 2017): 24 to 115 days.
    assert found.loc["terms-signed", ["sources", "least_days", "greatest_days"]].tolist() == [2, 24, 115]
    assert "office-opens" not in found.index  # one source only
    assert event_gap(book_data.timeline, "terms-signed") == (24, 115)
    with pytest.raises(TimelineError, match="no event 'nope'"):
        event_gap(book_data.timeline, "nope")


def test_each_source_is_listed_in_date_order(book_data: BookData) -> None:
    rows = dated_by_each_source(book_data.timeline, ["terms-signed", "office-opens"])
    assert rows["event_id"].tolist() == ["terms-signed-a", "terms-signed-c", "office-opens"]
    assert with_date_labels(rows)["date_label"].tolist() == [
        "October–December 2016", "24 January 2017", "1 April 2005",
    ]  # fmt: skip
    with pytest.raises(TimelineError, match="no event 'nope'"):
        dated_by_each_source(book_data.timeline, ["nope"])


def test_the_chart_rows_name_every_source(book_data: BookData) -> None:
    rows = chart_frame(book_data.timeline, book_data.sources).set_index("event_id")
    assert rows["publisher"].tolist() == ["Example Parliament", "The Example Times", "Example Office"]
    assert rows.loc["terms-signed-c", "exact"] and not rows.loc["terms-signed-a", "exact"]
    assert rows.loc["terms-signed-a", "end"] == pd.Timestamp("2017-01-01")
    assert rows["lane"].tolist() == [0, 1, 2]
    orphan = book_data.timeline.head(1).assign(source_id="no-such-source")
    with pytest.raises(KeyError, match=r"sources\.csv has no id 'no-such-source'"):
        chart_frame(orphan, book_data.sources)


def test_events_on_a_topic_come_in_date_order(book_data: BookData) -> None:
    data = book_data
    patients = on_topic(data.timeline, "patients")
    assert set(patients["topic"]) == {"patients"}
    assert patients["earliest"].is_monotonic_increasing
    both = on_topic(data.timeline, "patients", "tracing")
    assert len(both) == len(patients) + int((data.timeline["topic"] == "tracing").sum())
    with pytest.raises(TimelineError, match="no events on the topic\\(s\\) 'nope'"):
        on_topic(data.timeline, "patients", "nope")
    with pytest.raises(TimelineError, match="name at least one topic"):
        on_topic(data.timeline)


def test_the_events_table_lists_a_topics_events_in_date_order_with_sources(book_data: BookData) -> None:
    html = events_table(book_data, "patients", caption="Signing <the terms>").data
    assert "<caption>Signing &lt;the terms&gt;</caption>" in html
    assert html.index("October–December 2016") < html.index("24 January 2017")
    assert "1 April 2005" not in html  # on another topic
    assert 'data-source-id="report-a"' in html and 'data-source-id="memo-c"' in html
