"""Tables whose rows each rest on several sources, such as the comparison matrix.

``tables.house_table`` gives every row one source; a cell of the comparison may
draw on two or three. This renderer lists them all in the Source column, in the
same plain, deterministic HTML and house classes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
from IPython.display import HTML

from tracingbook.data.load import BookData
from tracingbook.page.tables import cell_text, column_heading, source_cell, table_html

NO_SOURCE = "not stated in the sources"


def sources_html(data: BookData, sources: Sequence[tuple[str, str]]) -> str:
    """Each source linked, separated by semicolons, in one element; a plain note when there is none.

    One element, so that a phone's card shows the list as one value beside its
    heading, not each source and semicolon as a grid cell of its own.
    """
    if not sources:
        return f'<span class="house-table__source">{html.escape(NO_SOURCE)}</span>'
    cited = "; ".join(source_cell(data, source_id, locator) for source_id, locator in sources)
    return f'<span class="house-table__sources">{cited}</span>'


def sourced_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    data: BookData,
    labels: Mapping[str, str] | None = None,
    sources_column: str = "sources",
    group_column: str | None = None,
    filter_by: str | None = None,
) -> HTML:
    """Render ``frame`` with its sources column (tuples of (source_id, locator)) as a linked Source column.

    With ``group_column``, a value repeated from the row above is hidden in the
    table, so that a long table reads in groups. ``filter_by`` names a column
    whose values readers may pick from, such as the regime.
    """
    if sources_column not in frame.columns:
        raise KeyError(f"the table has no {sources_column!r} column to cite")
    labels = dict(labels or {})
    shown = [column for column in frame.columns if column != sources_column]
    if filter_by is not None and filter_by not in shown:
        raise KeyError(f"the table has no column {filter_by!r} to filter by")
    headings = [column_heading(labels, column) for column in shown] + ["Source"]
    rows = []
    previous: object = None
    for _, row in frame.iterrows():
        cells = []
        for column in shown:
            text = cell_text(row[column])
            if column == group_column and text == previous:
                # Shown on a phone's cards, where each row stands alone; hidden in the table.
                cells.append(f'<span class="house-table__repeat">{html.escape(text)}</span>')
                continue
            if column == group_column:
                previous = text
            cells.append(html.escape(text))
        cells.append(sources_html(data, tuple(row[sources_column])))
        rows.append(cells)
    position = shown.index(filter_by) if filter_by is not None else None
    return HTML(table_html(caption, headings, rows, filter_column=position))
