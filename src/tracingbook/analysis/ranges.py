"""Ranges of possible values, so that qualified figures stay honest in arithmetic.

A published "more than 6,900" is not the number 6,900: it is every whole number
from 6,901 up. Carrying each figure as the range of values its source allows,
and doing arithmetic on ranges, keeps every sum, rate and ratio exactly as
certain as its inputs and no more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# A figure its source calls "about N" is read as N give or take this share of N.
ABOUT_IN_DATA = 0.10


@dataclass(frozen=True)
class Range:
    """Every value from ``low`` to ``high`` (both included); ``high`` may be infinite."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high):
            raise ValueError("a range cannot have NaN as an end")
        if math.isinf(self.low):
            raise ValueError("a range must have a finite lower end")
        if self.low > self.high:
            raise ValueError(f"a range cannot run from {self.low:g} down to {self.high:g}")

    @classmethod
    def exact(cls, value: float) -> Range:
        return cls(float(value), float(value))

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    @property
    def is_bounded(self) -> bool:
        return not math.isinf(self.high)

    def contains(self, other: Range) -> bool:
        """True when every value of ``other`` lies in this range."""
        return self.low <= other.low and other.high <= self.high

    def overlaps(self, other: Range) -> bool:
        return self.low <= other.high and other.low <= self.high

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Range) -> Range:
        if not other.is_bounded:
            raise ValueError("cannot subtract a range with no upper end: the result has no lower end")
        return Range(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Range) -> Range:
        products = [_times(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Range(min(products), max(products))

    def __truediv__(self, other: Range) -> Range:
        if other.low <= 0:
            raise ValueError(
                f"cannot divide by a range that reaches zero or below ({other.low:g} to {other.high:g})"
            )
        inverse = Range(0.0 if math.isinf(other.high) else 1.0 / other.high, 1.0 / other.low)
        return self * inverse

    def scaled(self, factor: float) -> Range:
        """The range multiplied by a positive constant."""
        if factor <= 0:
            raise ValueError(f"scale factors must be positive, not {factor:g}")
        return Range(self.low * factor, self.high * factor)

    def shifted(self, amount: float) -> Range:
        return Range(self.low + amount, self.high + amount)


def _times(a: float, b: float) -> float:
    # 0 x infinity arises only from an unbounded end meeting a zero end: the product is 0.
    if a == 0 or b == 0:
        return 0.0
    return a * b


def figure_range(value: float, qualifier: str) -> Range:
    """The values a published whole-number count allows, given how its source qualifies it.

    'more than 120' allows 121 upwards and 'fewer than 120' allows 0 to 119,
    because the things counted (requests, people, releases) come in whole numbers.
    """
    if qualifier == "exact":
        return Range.exact(value)
    if qualifier == "more than":
        return Range(float(value) + 1, math.inf)
    if qualifier == "fewer than":
        if value < 1:
            raise ValueError(f"'fewer than {value:g}' leaves no whole number that is not negative")
        return Range(0.0, float(value) - 1)
    if qualifier == "about":
        return Range(value * (1 - ABOUT_IN_DATA), value * (1 + ABOUT_IN_DATA))
    raise ValueError(f"unknown qualifier {qualifier!r}: expected exact, more than, fewer than or about")
