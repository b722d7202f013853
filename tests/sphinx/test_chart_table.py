"""A chart's figures, read from its own data and tooltip: the table, the CSV and the sources."""

from __future__ import annotations

import pytest

from tracingbook.sphinx.chart_table import ChartTableError, csv_text, figure_tables, formatted, sources

TOOLTIP = [
    {"field": "period", "type": "nominal", "title": "Period"},
    {"field": "rate", "type": "quantitative", "title": "Per month", "format": ",.1f"},
    {"field": "publisher", "type": "nominal", "title": "Source"},
    {"field": "doc", "type": "nominal", "title": "Title"},
    {"field": "where", "type": "nominal", "title": "Where"},
]
ROWS = [
    {
        "period": "Q1 2016",
        "rate": 789.0,
        "publisher": "BuzzFeed News",
        "doc": "Requests surge",
        "where": "para 7",
    },
    {
        "period": "2016",
        "rate": 1739.25,
        "publisher": "BuzzFeed News",
        "doc": "Requests surge",
        "where": "para 9",
    },
]


def _layered(**extra: object) -> dict:
    encoding = {"x": {"field": "period", "type": "nominal"}, "tooltip": TOOLTIP}
    return {
        "datasets": {"d": ROWS},
        "data": {"name": "d"},
        "layer": [{"mark": "rule", "encoding": encoding}, {"mark": "point", "encoding": encoding}],
        **extra,
    }


def test_layers_with_the_same_data_and_tooltip_give_one_table() -> None:
    tables = figure_tables(_layered())
    assert len(tables) == 1
    table = tables[0]
    assert [column.title for column in table.columns] == ["Period", "Per month", "Source", "Title", "Where"]
    assert [table.cell(row, table.columns[1]) for row in table.rows] == ["789.0", "1,739.2"]


def test_a_layer_telling_nothing_new_adds_no_table_and_a_new_one_does() -> None:
    spec = _layered()
    spec["datasets"]["marker"] = [{"label": "memorandum in force", "period": "2016"}]
    spec["layer"].append({"data": {"name": "marker"}, "mark": "rule",
                          "encoding": {"tooltip": [{"field": "period", "title": "Period"}]}})  # fmt: skip
    assert len(figure_tables(spec)) == 1
    spec["layer"][-1]["encoding"]["tooltip"] = [{"field": "label", "title": "1 January 2017"}]
    assert [len(table.rows) for table in figure_tables(spec)] == [2, 1]


def test_complementary_filters_keep_every_row_and_others_are_refused() -> None:
    spec = _layered()
    spec["layer"][0]["transform"] = [{"filter": "datum.rate > 1000"}]
    spec["layer"][1]["transform"] = [{"filter": "!datum.rate > 1000"}]
    with pytest.raises(ChartTableError, match="filter their rows"):
        figure_tables(spec)
    spec["layer"][1]["transform"] = [{"filter": "!(datum.rate > 1000)"}]
    assert len(figure_tables(spec)[0].rows) == 2


def test_a_tooltip_naming_a_missing_field_is_an_error() -> None:
    spec = _layered()
    spec["layer"][0]["encoding"] = {"tooltip": [{"field": "nowhere", "title": "X"}]}
    spec["layer"][1]["encoding"] = {"tooltip": [{"field": "nowhere", "title": "X"}]}
    with pytest.raises(ChartTableError, match="fields its data lacks: nowhere"):
        figure_tables(spec)


def test_csv_keeps_the_data_values_and_the_tooltip_headings() -> None:
    assert csv_text(figure_tables(_layered())) == (
        "Period,Per month,Source,Title,Where\n"
        "Q1 2016,789.0,BuzzFeed News,Requests surge,para 7\n"
        "2016,1739.25,BuzzFeed News,Requests surge,para 9\n"
    )


def test_sources_name_the_document_and_where_in_it_once_each() -> None:
    assert sources(figure_tables(_layered())) == [
        "BuzzFeed News, “Requests surge”, para 7",
        "BuzzFeed News, “Requests surge”, para 9",
    ]
    joined = {"datasets": {"d": [{"s": "A, 2017, p. 1; B, 2016, p. 2"}, {"s": "A, 2017, p. 1"}]},
              "data": {"name": "d"}, "mark": "bar",
              "encoding": {"tooltip": [{"field": "s", "title": "Sources"}]}}  # fmt: skip
    assert sources(figure_tables(joined)) == ["A, 2017, p. 1", "B, 2016, p. 2"]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [(1739.25, ",.1f", "1,739.2"), (0.1234, ".1%", "12.3%"), (0.5, "%", "50%"), (2367.4, ",d", "2,367"),
     (2367, None, "2,367"), (None, ",.1f", ""), ("more than 6,900", ",.1f", "more than 6,900")],
)  # fmt: skip
def test_numbers_read_as_the_tooltip_formats_them(
    value: object, number_format: str | None, shown: str
) -> None:
    assert formatted(value, number_format) == shown
