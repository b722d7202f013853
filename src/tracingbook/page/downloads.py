"""CSV files a reader downloads, safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula (and one that begins with a tab or a carriage return can become one),
so a text from ``data/`` such as ``=HYPERLINK(…)`` would run on a reader's
machine. Every CSV the site offers is written through :func:`csv_text`, whose
cells pass :func:`spreadsheet_safe`: such a text gets a leading apostrophe, the
usual guard, which spreadsheets read as "this is text". A number, negative
included, stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number, as a spreadsheet reads one: "-5", "+1.5", "-2e3".
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """The cell as a spreadsheet should show it: a text that could run gets a leading apostrophe."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV (missing values blank), every cell spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if cell is None else spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def safe_csv_file(text: str) -> str | None:
    """A CSV file's text with every cell spreadsheet-safe, or None when no cell needed it.

    None leaves a safe file byte for byte as it is.
    """
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if all(spreadsheet_safe(cell) == cell for row in rows for cell in row):
        return None
    return csv_text(rows)
