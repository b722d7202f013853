"""Tables for the page: plain, deterministic HTML with a source on every row.

pandas' Styler stamps random ids into its HTML, which nbval would flag on every
run; these tables carry no ids at all.

Every cell carries its column's heading (``data-label``), so that on a phone
the site's stylesheet can show a table of many columns as a card per row, each
value under its heading, instead of a table the reader must scroll sideways.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping

import pandas as pd
from IPython.display import HTML

from tracingbook.data.load import BookData

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def format_date(value: pd.Timestamp, precision: str = "day") -> str:
    """'24 January 2017', 'February 2017', 'October–December 2016' or '2016', as much as is known."""
    if precision == "year":
        return str(value.year)
    if precision == "quarter":
        first = 3 * ((value.month - 1) // 3)
        return f"{_MONTHS[first]}–{_MONTHS[first + 2]} {value.year}"
    if precision == "month":
        return f"{_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def source_label(data: BookData, source_id: str) -> str:
    """'Publisher, date' for a source id."""
    source = data.source(source_id)
    return f"{source['publisher']}, {format_date(source['date'], str(source['date_precision']))}"


def source_cell(data: BookData, source_id: str, locator: str | None = None) -> str:
    """HTML for one row's source: a link to the document where it is online."""
    source = data.source(source_id)
    label = html.escape(source_label(data, source_id))
    title = html.escape(str(source["title"]), quote=True)
    linked = (
        f'<a href="{html.escape(str(source["url"]), quote=True)}" title="{title}">{label}</a>'
        if pd.notna(source["url"])
        else f'<span title="{title}">{label}</span>'
    )
    where = f", {html.escape(str(locator))}" if locator and pd.notna(locator) else ""
    return (
        f'<span class="house-table__source" data-source-id="{html.escape(source_id)}">{linked}{where}</span>'
    )


# A table with this many columns or more becomes cards on a phone; fewer fit as they are.
# Three do not: in a 343 px column the middle one falls to a word or two a line.
CARD_COLUMNS = 3
# From this many columns on, a table's words may break anywhere on a wide screen:
# whole, they would not fit the article's column, and a column out of sight
# (its source, say) is worse than a word broken at the column's edge.
DENSE_COLUMNS = 6


def table_html(
    caption: str,
    headings: list[str],
    rows: list[list[str]],
    *,
    filter_column: int | None = None,
) -> str:
    """The house table: ``rows`` hold each cell's HTML, ready escaped, in the order of ``headings``.

    ``filter_column`` (an index into ``headings``) lets the site offer readers
    a choice of that column's values, such as one verdict.
    """
    cards = " house-table--cards" if len(headings) >= CARD_COLUMNS else ""
    cards += " house-table--dense" if len(headings) >= DENSE_COLUMNS else ""
    filtered = f' data-filter-column="{filter_column}"' if filter_column is not None else ""
    head = "".join(f'<th scope="col">{html.escape(heading)}</th>' for heading in headings)
    labels = [html.escape(heading, quote=True) for heading in headings]
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, row, strict=True))
        + "</tr>"
        for row in rows
    )  # fmt: skip
    return (
        f'<div class="house-table-wrapper"><table class="house-table{cards}"{filtered}>'
        f"<caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def cell_text(value: object) -> str:
    """A cell as text: thousands separators for numbers, dates in words, blank for missing."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        return f"{float(value):,.1f}"
    return str(value)


def column_heading(labels: Mapping[str, str], column: str) -> str:
    """A column's heading: from ``labels`` when the table has headings, else the column's own name.

    A table given headings must head every column it shows, so that a renamed or
    new column fails here instead of showing its key to readers.
    """
    if not labels:
        return column
    try:
        return labels[column]
    except KeyError:
        raise KeyError(f"the table shows the column {column!r} but its headings have none for it") from None


def _class_name(key: object) -> str:
    """A key as part of a CSS class name; refuses one that is not a plain word."""
    text = str(key)
    if not text.replace("_", "").replace("-", "").isalnum() or not text.isascii():
        raise ValueError(f"a badge key must be a plain word of letters, digits, - and _, not {text!r}")
    return text


def house_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    data: BookData | None = None,
    labels: Mapping[str, str] | None = None,
    source_column: str | None = "source_id",
    locator_column: str | None = "locator",
    filter_by: str | None = None,
    badge: tuple[str, str] | None = None,
) -> HTML:
    """Render ``frame`` as a captioned table; its source columns become one linked 'Source' column.

    ``filter_by`` names a column whose values readers may pick from, such as the verdict.
    ``badge`` is (column, key column): that column's words are shown as a badge
    coloured by the key (class ``house-badge--<key>``); the key column is not shown.
    """
    labels = dict(labels or {})
    badge_column, badge_key = badge if badge is not None else (None, None)
    if badge_key is not None:
        if badge_column not in frame.columns or badge_key not in frame.columns:
            raise KeyError(f"the table has no columns {badge_column!r} and {badge_key!r} for its badges")
        frame = frame.assign(**{badge_key: [_class_name(key) for key in frame[badge_key]]})
    with_source = source_column is not None and source_column in frame.columns
    if data is not None and source_column is not None and not with_source:
        raise KeyError(
            f"the table has no {source_column!r} column to cite; "
            "pass source_column=None for a table that has no sources"
        )
    if with_source and data is None:
        raise ValueError(f"the table's {source_column!r} column needs data= to look its sources up in")
    if with_source and (locator_column is None or locator_column not in frame.columns):
        raise KeyError(f"the table cites sources but has no {locator_column!r} column saying where in them")
    shown = [
        column
        for column in frame.columns
        if not (with_source and column in (source_column, locator_column)) and column != badge_key
    ]
    if filter_by is not None and filter_by not in shown:
        raise KeyError(f"the table has no column {filter_by!r} to filter by")
    headings = [column_heading(labels, column) for column in shown] + (["Source"] if with_source else [])
    rows = []
    for _, row in frame.iterrows():
        cells = [html.escape(cell_text(row[column])) for column in shown]
        if badge_column is not None:
            at = shown.index(badge_column)
            cells[at] = f'<span class="house-badge house-badge--{row[badge_key]}">{cells[at]}</span>'
        if with_source and data is not None and source_column is not None:
            locator = row[locator_column]
            if pd.isna(locator) or not str(locator).strip():
                raise ValueError(f"the row citing {row[source_column]!r} has no {locator_column!r}")
            cells.append(source_cell(data, str(row[source_column]), str(locator)))
        rows.append(cells)
    position = shown.index(filter_by) if filter_by is not None else None
    return HTML(table_html(caption, headings, rows, filter_column=position))
