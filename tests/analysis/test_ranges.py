"""Arithmetic on the ranges of values that qualified figures allow."""

from __future__ import annotations

import math

import pytest

from tracingbook.analysis.ranges import ABOUT_IN_DATA, Range, figure_range


def test_figure_ranges_follow_their_qualifiers() -> None:
    assert figure_range(8127, "exact") == Range.exact(8127)
    assert figure_range(6900, "more than") == Range(6901, math.inf)
    assert figure_range(120, "fewer than") == Range(0, 119)
    assert figure_range(1500, "about") == Range(1500 * (1 - ABOUT_IN_DATA), 1500 * (1 + ABOUT_IN_DATA))


def test_unknown_qualifier_and_impossible_bound() -> None:
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'"):
        figure_range(1, "roughly")
    with pytest.raises(ValueError, match="leaves no whole number"):
        figure_range(0, "fewer than")


def test_arithmetic() -> None:
    assert Range(1, 2) + Range(10, 20) == Range(11, 22)
    assert Range(10, 20) - Range(1, 2) == Range(8, 19)
    assert Range(2, 3) * Range(4, 5) == Range(8, 15)
    assert Range(8, 12) / Range(2, 4) == Range(2, 6)
    assert Range(1, math.inf) * Range(0, 2) == Range(0, math.inf)
    assert Range(6, 6) / Range(2, math.inf) == Range(0, 3)


def test_refusals() -> None:
    with pytest.raises(ValueError, match="cannot run from 3 down to 2"):
        Range(3, 2)
    with pytest.raises(ValueError, match="reaches zero"):
        Range(1, 1) / Range(0, 5)
    with pytest.raises(ValueError, match="no upper end"):
        Range(1, 1) - Range(0, math.inf)
    with pytest.raises(ValueError, match="NaN"):
        Range(math.nan, 1)


def test_containment_and_overlap() -> None:
    assert Range(0, 10).contains(Range(2, 3))
    assert not Range(0, 10).contains(Range(2, 11))
    assert Range(0, 10).overlaps(Range(10, 11))
    assert not Range(0, 10).overlaps(Range(11, 12))
