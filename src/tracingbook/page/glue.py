"""Hand computed numbers to the prose with MyST-NB's ``glue``.

Only plain Python ``int`` and ``float`` are glued: NumPy 2 scalars print as
``np.int64(3)``, which breaks ``{glue:text}`` format specs.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from myst_nb import glue

from tracingbook.page.words import counted


def as_plain_number(value: Any) -> int | float:
    """The value as a Python int or float; rejects booleans, NaN and non-numbers."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"only numbers are glued as numbers, not {type(value).__name__}: {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)
    plain = float(value)
    if math.isnan(plain):
        raise ValueError("NaN cannot be shown to a reader; compute a real number first")
    return plain


def glue_number(name: str, value: Any) -> int | float:
    """Glue a number under ``name`` (not displayed here) and return the plain value."""
    plain = as_plain_number(value)
    glue(name, plain, display=False)
    return plain


def glue_text(name: str, text: str) -> str:
    """Glue a piece of text, such as a date or a period label, under ``name``."""
    if not isinstance(text, str):
        raise TypeError(f"glue_text takes a str, not {type(text).__name__}")
    glue(name, text, display=False)
    return text


def glue_count(name: str, count: Any, singular: str, plural: str) -> int:
    """Glue a count under ``name`` and, under ``name_words``, the count with words that agree with it.

    ``glue_count("claims_wrong", 1, "claim is wrong", "claims are wrong")`` glues 1 and
    "1 claim is wrong", so prose never reads "1 are wrong" when the data change.
    """
    plain = as_plain_number(count)
    if not isinstance(plain, int):
        raise TypeError(f"a count is a whole number, not {count!r}")
    glue(name, plain, display=False)
    glue(f"{name}_words", counted(plain, singular, plural), display=False)
    return plain
