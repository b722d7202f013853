"""The book's corrections as readers see them: the Corrections page's table and its count."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from tracingbook.data.load import BookData
from tracingbook.page.glue import glue_count, glue_text
from tracingbook.page.tables import format_date, house_table
from tracingbook.page.words import labels, table_headings


def corrections_frame(data: BookData) -> pd.DataFrame:
    """corrections.csv, newest first, each page named as readers know it."""
    newest_first = data.corrections.sort_values(
        ["date", "correction_id"], ascending=[False, True], kind="stable"
    )
    return newest_first.assign(page=labels("document", newest_first["document"]))


def glue_corrections(data: BookData) -> HTML:
    """Glue how many corrections there are and the latest's date; the table of every one."""
    corrections = corrections_frame(data)
    glue_count("corrections_count", len(corrections), "correction", "corrections", "no correction")
    glue_text("corrections_latest", format_date(corrections["date"].max()))
    return house_table(
        corrections[["date", "page", "what", "old", "new", "why", "source_id", "locator"]],
        caption="Corrections to the book, newest first",
        data=data,
        labels=table_headings("book-corrections"),
    )
