"""Hand computed numbers to the prose with MyST-NB's ``glue``.

Only plain Python ``int`` and ``float`` are glued: NumPy 2 scalars print as
``np.int64(3)``, which breaks ``{glue:text}`` format specs.

JupyterLab shows the prose's ``{glue:text}`` markers as they are written, and a
glued value is not displayed where it is computed. So every chapter ends with a
cell calling :func:`show_glued`, which lists each value the chapter glued, by
name: after Run All, a student sees the numbers there. The cell is tagged
``remove-cell``, so the site leaves it out, and nbval compares it like any other.
"""

from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass
from typing import Any

import pandas as pd
from myst_nb import glue

from tracingbook.page.words import counted, number_text

# The values glued in this kernel, by name, in the order they were first glued.
_GLUED: dict[str, int | float | str] = {}


def as_plain_number(value: Any) -> int | float:
    """The value as a Python int or float; rejects booleans, NaN and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"only numbers are glued as numbers, not {type(value).__name__}: {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)
    plain = float(value)
    if math.isnan(plain):
        raise ValueError("NaN cannot be shown to a reader; compute a real number first")
    return plain + 0.0  # -0.0 becomes 0.0: a reader never sees "-0"


def glue_number(name: str, value: Any) -> int | float:
    """Glue a number under ``name`` (not displayed here) and return the plain value."""
    plain = as_plain_number(value)
    glue(name, plain, display=False)
    _GLUED[name] = plain
    return plain


def glue_text(name: str, text: str) -> str:
    """Glue a piece of text, such as a date or a period label, under ``name``."""
    if not isinstance(text, str):
        raise TypeError(f"glue_text takes a str, not {type(text).__name__}")
    glue(name, text, display=False)
    _GLUED[name] = text
    return text


def glue_count(name: str, count: Any, singular: str, plural: str, none: str | None = None) -> int:
    """Glue a count under ``name`` and, under ``name_words``, the count with words that agree with it.

    ``glue_count("claims_wrong", 1, "claim is wrong", "claims are wrong")`` glues 1 and
    "1 claim is wrong", so prose never reads "1 are wrong" when the data change;
    ``none`` is the whole phrase for a count of 0.
    """
    plain = as_plain_number(count)
    if not isinstance(plain, int):
        raise TypeError(f"a count is a whole number, not {count!r}")
    glue_number(name, plain)
    glue_text(f"{name}_words", counted(plain, singular, plural, none))
    return plain


def shown(value: int | float | str) -> str:
    """A glued value as the list shows it: thousands separated, at most four decimals."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    return number_text(value, ",.4f").rstrip("0").rstrip(".")


@dataclass(frozen=True)
class GluedValues:
    """The list :func:`show_glued` displays: text for a terminal, a table for JupyterLab."""

    values: tuple[tuple[str, str], ...]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.values), columns=["name in the text", "value"])

    def __repr__(self) -> str:
        return f"Numbers this chapter pastes into its text:\n{self.frame().to_string(index=False)}"

    def _repr_html_(self) -> str:
        table: str = self.frame().to_html(index=False, escape=True, max_rows=None, border=0)
        caption = html.escape("Numbers this chapter pastes into its text (not shown on the site)")
        return f"<p><strong>{caption}</strong></p>\n{table}"


def show_glued() -> GluedValues:
    """Every value glued so far in this kernel, by name, for the last cell of a chapter."""
    return GluedValues(tuple((name, shown(value)) for name, value in _GLUED.items()))
