from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracingbook.analysis.periods import daily_rate, days_in, monthly_rate, months_between, period_label


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2016, 1, 1), date(2016, 3, 31), 3.0),
        (date(2016, 1, 1), date(2016, 11, 30), 11.0),
        (date(2013, 4, 1), date(2014, 3, 31), 12.0),
        (date(2016, 2, 1), date(2016, 2, 29), 1.0),
        (date(2016, 1, 1), date(2016, 1, 16), 16 / 31),
    ],
)
def test_months_between(start: date, end: date, months: float) -> None:
    assert months_between(start, end) == pytest.approx(months)


def test_a_reversed_period_is_refused() -> None:
    with pytest.raises(ValueError, match="ends"):
        months_between(date(2016, 2, 1), date(2016, 1, 1))


def test_monthly_rate() -> None:
    assert monthly_rate(2367, date(2016, 1, 1), date(2016, 3, 31)) == pytest.approx(789.0)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2016, 1, 1), date(2016, 3, 31), "Q1 2016"),
        (date(2017, 4, 1), date(2017, 6, 30), "Q2 2017"),
        (date(2013, 4, 1), date(2014, 3, 31), "2013/14"),
        (date(2016, 1, 1), date(2016, 11, 30), "Jan–Nov 2016"),
        (date(2016, 1, 1), date(2016, 12, 31), "2016"),
        (date(2016, 9, 1), date(2016, 9, 30), "Sep 2016"),
        (date(2010, 7, 1), date(2013, 12, 31), "Jul 2010–Dec 2013"),
        (date(2010, 1, 1), date(2014, 7, 13), "1 Jan 2010–13 Jul 2014"),
    ],
)
def test_period_label(start: date, end: date, label: str) -> None:
    assert period_label(start, end) == label


def test_days_and_a_daily_rate_count_both_ends_of_the_period() -> None:
    assert days_in(date(2016, 1, 1), date(2016, 11, 30)) == 335
    assert days_in(pd.Timestamp("2017-04-01"), pd.Timestamp("2017-04-01")) == 1
    assert daily_rate(8127, date(2016, 1, 1), date(2016, 11, 30)) == pytest.approx(24.26, abs=0.01)
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        days_in(date(2017, 1, 2), date(2017, 1, 1))
