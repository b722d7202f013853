"""Tables show every row's source, and refuse to drop one silently."""

from __future__ import annotations

import pandas as pd
import pytest

from tracingbook import BookData
from tracingbook.page.tables import cell_text, format_date, house_table

ROWS = pd.DataFrame(
    {
        "figure": ["Q1 2016 <requests>", "Q1 2014"],
        "value": [1500, 1000],
        "source_id": ["report-a", "report-a"],
        "locator": ["paragraph 7", "paragraph 7"],
    }
)


def test_sources_become_one_linked_column_with_locators(book_data: BookData) -> None:
    headings = {"figure": "Figure", "value": "Requests"}
    html = house_table(ROWS, caption="Requests", data=book_data, labels=headings).data
    assert '<th scope="col">Requests</th>' in html and '<th scope="col">Source</th>' in html
    assert "source_id" not in html.split("<tbody>")[0] and "locator" not in html.split("<tbody>")[0]
    assert html.count('data-source-id="report-a"') == 2
    assert 'href="https://example.org/report-a' in html and "</a>, paragraph 7" in html
    assert '<td data-label="Requests">1,500</td>' in html and "&lt;requests&gt;" in html


def test_a_table_without_sources_must_say_so(book_data: BookData) -> None:
    with pytest.raises(KeyError, match="pass source_column=None"):
        house_table(ROWS[["figure", "value"]], caption="c", data=book_data)
    html = house_table(ROWS[["figure", "value"]], caption="c", source_column=None).data
    assert "Source" not in html


def test_sources_are_never_dropped_for_want_of_data() -> None:
    with pytest.raises(ValueError, match="needs data="):
        house_table(ROWS, caption="c")


def test_a_cited_row_needs_a_locator(book_data: BookData) -> None:
    with pytest.raises(KeyError, match="no 'locator' column"):
        house_table(ROWS.drop(columns="locator"), caption="c", data=book_data)
    blank = ROWS.assign(locator=["paragraph 7", ""])
    with pytest.raises(ValueError, match="row citing 'report-a' has no 'locator'"):
        house_table(blank, caption="c", data=book_data)


def test_unknown_sources_are_refused(book_data: BookData) -> None:
    with pytest.raises(KeyError, match="no id 'nowhere'"):
        house_table(ROWS.assign(source_id="nowhere"), caption="c", data=book_data)


@pytest.mark.parametrize(
    ("precision", "text"),
    [
        ("day", "24 January 2017"),
        ("month", "January 2017"),
        ("quarter", "January–March 2017"),
        ("year", "2017"),
    ],
)
def test_dates_show_only_what_is_known(precision: str, text: str) -> None:
    assert format_date(pd.Timestamp("2017-01-24"), precision) == text


def test_cell_text() -> None:
    assert cell_text(1942) == "1,942"
    assert cell_text(21.57) == "21.6"
    assert cell_text(True) == "yes"
    assert cell_text(pd.NA) == cell_text(None) == ""


def test_a_table_with_headings_refuses_a_column_it_has_no_heading_for(book_data: BookData) -> None:
    with pytest.raises(KeyError, match="shows the column 'figure' but its headings have none"):
        house_table(ROWS, caption="c", data=book_data, labels={"value": "Requests"})


def test_every_cell_carries_its_heading_so_a_phone_can_show_cards(book_data: BookData) -> None:
    headings = {"figure": "Figure", "value": "Requests"}
    html = house_table(ROWS, caption="Requests", data=book_data, labels=headings).data
    assert 'class="house-table house-table--cards"' in html  # three columns: a card per row on a phone
    assert html.count('data-label="Requests"') == 2 and html.count('data-label="Source"') == 2
    narrow = house_table(ROWS[["figure", "value"]], caption="c", source_column=None).data
    assert 'class="house-table"' in narrow and "house-table--cards" not in narrow  # two columns fit
    five = house_table(ROWS.assign(a=1, b=2), caption="c", data=book_data).data  # four columns and the source
    assert 'class="house-table house-table--cards"' in five
    six = house_table(ROWS.assign(a=1, b=2, c=3), caption="c", data=book_data).data
    assert 'class="house-table house-table--cards house-table--dense"' in six


def test_a_table_can_be_filtered_by_one_of_its_columns(book_data: BookData) -> None:
    html = house_table(ROWS, caption="c", data=book_data, filter_by="value").data
    assert 'data-filter-column="1"' in html
    with pytest.raises(KeyError, match="no column 'verdict' to filter by"):
        house_table(ROWS, caption="c", data=book_data, filter_by="verdict")


def test_a_badge_column_shows_its_words_classed_by_a_hidden_key(book_data: BookData) -> None:
    frame = ROWS.assign(verdict=["accurate <but> loose", "wrong"], verdict_key=["loose", "wrong"])
    shown = frame[["verdict", "verdict_key", "figure", "source_id", "locator"]]
    html = house_table(
        shown, caption="c", data=book_data, filter_by="verdict", badge=("verdict", "verdict_key")
    ).data
    first = html.split("<tbody>")[1].split("</td>")[0]
    assert first == (
        '<tr><td data-label="verdict"><span class="house-badge house-badge--loose">'
        "accurate &lt;but&gt; loose</span>"
    )
    assert "verdict_key" not in html and 'data-filter-column="0"' in html
    with pytest.raises(ValueError, match="a badge key must be a plain word"):
        house_table(frame.assign(verdict_key='x" onclick="y'), caption="c", data=book_data,
                    badge=("verdict", "verdict_key"))  # fmt: skip
    with pytest.raises(KeyError, match="no columns 'verdict' and 'key' for its badges"):
        house_table(frame, caption="c", data=book_data, badge=("verdict", "key"))


def test_a_grouped_value_is_repeated_for_the_cards_but_marked(book_data: BookData) -> None:
    from tracingbook.page.sourced_tables import sourced_table

    frame = pd.DataFrame(
        {"question": ["Data", "Data"], "regime": ["A", "B"], "sources": [(("report-a", "p 7"),), ()]}
    )
    html = sourced_table(frame, caption="c", data=book_data, group_column="question").data
    assert '<td data-label="question">Data</td>' in html
    assert '<td data-label="question"><span class="house-table__repeat">Data</span></td>' in html
    assert "not stated in the sources" in html
