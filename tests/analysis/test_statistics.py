"""Monthly rates, funnels, rates by requester, growth, remainders and coverage."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from tracingbook import BookData
from tracingbook.analysis.ranges import Range
from tracingbook.analysis.statistics import (
    current_figures,
    figure_per_month,
    figure_row,
    floor_from_subperiods,
    funnel_for,
    funnel_segments,
    funnels,
    growth_percent,
    months_covered,
    outcome_gap,
    rate_change,
    remainder,
    with_monthly_rates,
)
from tracingbook.page import statistics as stats_page


def _row(figure_id: str, requester: str, start: str, end: str, measure: str, value: int,
         qualifier: str = "exact", source_id: str = "s") -> dict[str, object]:  # fmt: skip
    return {
        "figure_id": figure_id,
        "requester": requester,
        "holder": "NHS Digital",
        "period_start": pd.Timestamp(start),
        "period_end": pd.Timestamp(end),
        "measure": measure,
        "value": value,
        "qualifier": qualifier,
        "confidence": "high",
        "superseded_by": pd.NA,
        "source_id": source_id,
        "locator": "p",
        "note": pd.NA,
    }


@pytest.fixture
def figures() -> pd.DataFrame:
    return pd.DataFrame(
        [
            _row("q1", "Home Office", "2016-01-01", "2016-03-31", "requests", 300),
            _row("y-req", "Home Office", "2016-01-01", "2016-11-30", "requests", 1100),
            _row("y-tr", "Home Office", "2016-01-01", "2016-11-30", "traced", 700),
            _row("y-nt", "Home Office", "2016-01-01", "2016-11-30", "not_traced", 200),
            _row("y-rej", "Home Office", "2016-01-01", "2016-11-30", "rejected", 50, "fewer than"),
            _row("sep-rej", "Home Office", "2016-09-01", "2016-11-30", "rejected", 20),
            _row("sep-req", "Home Office", "2016-09-01", "2016-11-30", "requests", 330),
            _row("long", "Home Office", "2010-07-01", "2013-12-31", "requests", 4200, "more than"),
            _row("pol", "Police", "2016-01-01", "2016-11-30", "requests", 110),
        ]
    )


def test_monthly_rates_keep_bounds(figures: pd.DataFrame) -> None:
    rated = with_monthly_rates(figures).set_index("figure_id")
    assert rated.loc["y-req", "per_month"] == pytest.approx(100.0)
    assert rated.loc["y-req", "period"] == "Jan–Nov 2016"
    assert rated.loc["long", "months"] == pytest.approx(42.0)
    assert rated.loc["long", "per_month_low"] == pytest.approx(4201 / 42)
    assert math.isinf(rated.loc["long", "per_month_high"])
    assert rated.loc["y-rej", "per_month_high"] == pytest.approx(49 / 11)


def test_funnel_arithmetic(figures: pd.DataFrame) -> None:
    funnel = funnel_for(figures, "Home Office", date(2016, 1, 1), date(2016, 11, 30))
    assert funnel.approved_or_sum == Range(900, 900)
    assert funnel.unaccounted == Range(1100 - 900 - 49, 1100 - 900)
    assert funnel.trace_rate == Range.exact(700 / 1100)
    assert funnel.trace_rate_of_approved == Range.exact(700 / 900)
    assert funnel.rejection_rate == Range(0, 49 / 1100)
    assert funnel.period == "Jan–Nov 2016"


def test_funnels_skip_periods_with_a_total_only(figures: pd.DataFrame) -> None:
    periods = {(f.requester, f.period) for f in funnels(figures)}
    assert periods == {("Home Office", "Jan–Nov 2016"), ("Home Office", "Sep–Nov 2016")}
    with pytest.raises(KeyError, match="no outcome figures for Police, Jan–Nov 2016"):
        funnel_for(figures, "Police", date(2016, 1, 1), date(2016, 11, 30))


def test_an_incomplete_funnel_leaves_unknowns_unknown(figures: pd.DataFrame) -> None:
    funnel = funnel_for(figures, "Home Office", date(2016, 9, 1), date(2016, 11, 30))
    assert funnel.traced is None
    assert funnel.unaccounted is None
    assert funnel.trace_rate is None
    assert funnel.rejection_rate == Range.exact(20 / 330)


def test_disagreeing_sources_fail_loudly(figures: pd.DataFrame) -> None:
    clash = _row("sep-req-2", "Home Office", "2016-09-01", "2016-11-30", "requests", 320, source_id="t")
    with pytest.raises(ValueError, match=r"sources disagree on Home Office requests for Sep–Nov 2016: "
                       r"sep-req \(330, s\), sep-req-2 \(320, t\)"):  # fmt: skip
        funnels(pd.concat([figures, pd.DataFrame([clash])], ignore_index=True))


def test_floor_from_subperiods(figures: pd.DataFrame) -> None:
    floor = floor_from_subperiods(figures, "Home Office", "rejected", date(2016, 1, 1), date(2016, 11, 30))
    assert floor == Range(20, math.inf)
    assert floor_from_subperiods(figures, "Police", "rejected", date(2016, 1, 1), date(2016, 11, 30)) is None


def test_growth_and_rate_change(figures: pd.DataFrame) -> None:
    assert growth_percent(Range.exact(725), Range.exact(2367)).low == pytest.approx(226.48, abs=0.01)
    # 300 in three months against 330 in three months: +10% a month.
    assert rate_change(figures, "q1", "sep-req").low == pytest.approx(10.0)
    # 1100 in eleven months (100 a month) against 300 in three (100 a month): no change.
    assert rate_change(figures, "y-req", "q1").low == pytest.approx(0.0)
    with pytest.raises(ValueError, match="counts requests but y-tr counts traced"):
        rate_change(figures, "q1", "y-tr")


def test_remainder(figures: pd.DataFrame) -> None:
    rest = remainder(figures, "y-req", ["q1", "sep-req"])
    assert rest.count == Range.exact(1100 - 300 - 330)
    assert rest.months == pytest.approx(5.0)
    assert rest.per_month.low == pytest.approx(470 / 5)


def test_remainder_refuses_bad_parts(figures: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="pol has requester 'Police', but the total y-req has 'Home Office'"):
        remainder(figures, "y-req", ["pol"])
    with pytest.raises(ValueError, match="long covers days outside the period of y-req"):
        remainder(figures, "y-req", ["long"])
    with pytest.raises(ValueError, match="q1b overlaps q1"):
        overlapping = pd.concat(
            [figures, pd.DataFrame([_row("q1b", "Home Office", "2016-03-01", "2016-05-31", "requests", 1)])],
            ignore_index=True,
        )
        remainder(overlapping, "y-req", ["q1", "q1b"])


def test_months_covered(figures: pd.DataFrame) -> None:
    covered, missing = months_covered(figures, "Home Office", date(2016, 10, 1), date(2017, 1, 31))
    assert covered == ["Oct 2016", "Nov 2016"]
    assert missing == ["Dec 2016", "Jan 2017"]


def test_figure_lookup(figures: pd.DataFrame) -> None:
    assert figure_row(figures, "y-rej")["value"] == 50
    per_month = figure_per_month(figures, "y-rej")
    assert (per_month.low, per_month.high) == (0, pytest.approx(49 / 11))
    with pytest.raises(KeyError, match="no figure_id 'nope'"):
        figure_row(figures, "nope")


def test_outcome_gap_takes_the_rejections_floor_from_shorter_periods(figures: pd.DataFrame) -> None:
    gap = outcome_gap(figures, "Home Office", date(2016, 1, 1), date(2016, 11, 30))
    assert gap.after_outcomes == Range.exact(1100 - 700 - 200)
    # Fewer than 50 rejections in the year, but 20 in September to November alone.
    assert gap.rejected_floor == Range(20, math.inf)
    assert gap.rejected == Range(20, 49)
    assert gap.unexplained == Range(200 - 49, 200 - 20)


def test_outcome_gap_needs_every_outcome(figures: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="Home Office, Sep–Nov 2016: a gap needs requests and every outcome"):
        outcome_gap(figures, "Home Office", date(2016, 9, 1), date(2016, 11, 30))


def test_a_packages_current_nhs_figures(book_data: BookData) -> None:
    nhs = current_figures(book_data.tracing_requests)
    assert set(nhs["holder"]) == {"NHS Digital"}
    funnel = funnel_for(nhs, "Home Office", date(2016, 1, 1), date(2016, 11, 30))
    assert funnel.unaccounted == Range(5000 - 3000 - 1000 - 49, 5000 - 3000 - 1000)
    assert with_monthly_rates(nhs)["per_month"].gt(0).all()


def test_funnel_segments_add_up_to_the_total(figures: pd.DataFrame) -> None:
    funnel = funnel_for(figures, "Home Office", date(2016, 1, 1), date(2016, 11, 30))
    segments = funnel_segments(funnel)
    assert [segment.outcome for segment in segments] == ["traced", "not_traced", "rejected", "unaccounted"]
    assert sum(segment.drawn for segment in segments) == 1100
    assert segments[2].drawn == 49
    assert [segment.drawing for segment in segments] == [None, None, "at_most", "at_least"]
    assert segments[3].allowed == Range(151, 200)


def test_funnel_segments_mark_missing_outcomes(figures: pd.DataFrame) -> None:
    funnel = funnel_for(figures, "Home Office", date(2016, 9, 1), date(2016, 11, 30))
    segments = funnel_segments(funnel)
    assert [(s.outcome, s.drawn) for s in segments] == [("rejected", 20), ("unpublished", 310)]


def test_funnel_segments_need_a_total() -> None:
    lonely = pd.DataFrame([_row("r", "Courts", "2017-04-01", "2017-06-30", "rejected", 12)])
    funnel = funnels(lonely)[0]
    with pytest.raises(ValueError, match="Courts, Q2 2017: the funnel needs an exact total"):
        funnel_segments(funnel)


def test_the_rates_table_cites_places_in_the_source_not_figure_ids(book_data: BookData) -> None:
    table = stats_page.rates_table(book_data, current_figures(book_data.tracing_requests))
    row = table[(table["requester"] == "Home Office") & (table["period"] == "Jan–Nov 2016")].iloc[0]
    assert (row["source_id"], row["locator"]) == ("answer-b", "answer; table 2")


def test_a_funnels_chart_rows_name_each_source_with_where_in_it(book_data: BookData) -> None:
    frame = stats_page.funnel_frame(book_data, current_figures(book_data.tracing_requests))
    assert frame["outcome"].tolist() == ["traced", "not traced", "rejected", "not accounted for"]
    assert set(frame["sources"]) == {
        "Example Parliament, December 2016, answer; Example Parliament, December 2016, table 2"
    }


def test_the_rate_charts_count_what_they_draw_and_what_is_unconfirmed(book_data: BookData) -> None:
    rated = stats_page.rated_figures(current_figures(book_data.tracing_requests), book_data.sources)
    rise = ("q1-2015-requests", "q1-2016-requests")
    requests = stats_page.requests_per_month_chart(rated, rise=rise).to_dict()
    assert requests["title"] == "Home Office requests rose by 50%, Q1 2015 to Q1 2016"
    assert requests["description"].startswith("One bar for each of 3 published counts of requests")
    assert requests["description"].endswith("not yet confirmed (0 of 3).")
    outcomes = stats_page.outcomes_per_month_chart(rated.assign(confidence="check")).to_dict()
    assert outcomes["description"].startswith(
        "3 published counts of Home Office releases and request outcomes"
    )
    assert outcomes["description"].endswith("not yet confirmed (3 of 3).")
