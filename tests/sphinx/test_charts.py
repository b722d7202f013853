from __future__ import annotations

import pandas as pd

from tracingbook.page.charts import figure_table
from tracingbook.sphinx.chart_files import csv_text
from tracingbook.sphinx.charts import _drawn, chart_figure_html, drawable, static_svg

FRAME = pd.DataFrame(
    {
        "year": ["2014", "2016"],
        "requests": [725.25, 2367.0],
        "publisher": ["BuzzFeed News", "BuzzFeed News"],
        "title": ["Requests surge", "Requests surge"],
        "locator": ["para 7", "para 7"],
    }
)
SPEC = {
    "title": "Requests tripled",
    "name": "requests",
    "description": "Two bars.",
    "width": "container",
    "autosize": {"type": "fit-x", "contains": "padding"},
    "data": {"values": FRAME.to_dict("records")},
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "nominal"},
        "y": {"field": "requests", "type": "quantitative"},
        "tooltip": [{"field": "requests", "title": "Requests", "type": "quantitative"}],
    },
    "usermeta": {
        "figures": figure_table(
            FRAME, "year:N requests:Q:,.1f publisher:N", year="Year", requests="Requests", publisher="Source"
        ),
        "sources": ["BuzzFeed News, “Requests surge”, para 7"],
    },
}


def test_each_figure_holds_its_chart_drawn_once_at_a_phone_columns_width() -> None:
    html = chart_figure_html(SPEC)
    view = html.split('<div class="house-chart__view">', 1)[1].split("</figcaption>", 1)[0]
    assert view.count("<svg") == 1 and view.count('class="house-chart__drawing"') == 1
    assert 'class="mark-rect role-mark' in view  # the bars themselves, not an empty frame
    assert 'role="img" aria-labelledby="chart-requests-title"' in view
    assert 'aria-details="chart-requests-details"' in view
    assert 'version="1.1" class="marks" width="343"' in view
    assert "@container" not in html and "phone-spec" not in html


def test_the_anchor_comes_from_the_charts_name_so_a_finding_in_its_title_may_change() -> None:
    assert 'id="chart-requests"' in chart_figure_html({**SPEC, "title": "Requests doubled"})


def test_a_chart_as_wide_as_its_container_is_drawn_at_the_width_asked_for_without_its_table() -> None:
    assert drawable(SPEC)["width"] == 343
    assert drawable(SPEC, 688)["width"] == 688
    assert "usermeta" not in drawable(SPEC) and drawable({**SPEC, "width": 200})["width"] == 200


def test_each_figure_carries_the_table_the_chart_was_drawn_from_and_its_sources() -> None:
    html = chart_figure_html(SPEC)
    details = html.split('<details class="house-chart__details" id="chart-requests-details">', 1)[1]
    assert "<summary>Figures and sources</summary>" in details
    assert "<caption>Figures drawn in “Requests tripled”</caption>" in details
    assert '<th scope="col">Year</th><th scope="col">Requests</th><th scope="col">Source</th>' in details
    assert '<td data-label="Requests">725.2</td><td data-label="Source">BuzzFeed News</td>' in details
    assert "<li>BuzzFeed News, “Requests surge”, para 7</li>" in details


def test_the_csv_holds_the_values_as_the_frame_held_them() -> None:
    assert csv_text(SPEC) == "Year,Requests,Source\n2014,725.25,BuzzFeed News\n2016,2367.0,BuzzFeed News\n"


def test_the_drawing_is_the_same_every_build_and_ignores_the_schema_address() -> None:
    with_schema = {"$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json", **SPEC}
    first = static_svg(with_schema)
    _drawn.cache_clear()  # draw again for real, not from the memo of the first call
    assert first == static_svg(dict(reversed(list(SPEC.items()))))


def test_a_downloaded_chart_is_drawn_for_a_desktop_column_with_its_title_and_credit() -> None:
    import re

    from tracingbook.page.charts import PHONE_WIDTH
    from tracingbook.sphinx.charts import DOWNLOAD_WIDTH, download_svg

    spec = {
        "width": "container",
        "title": "Requests more than tripled, Q1 2014 to Q1 2016",
        "data": {"values": [{"year": "2014", "requests": 725}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "nominal"},
            "y": {"field": "requests", "type": "quantitative"},
        },
    }
    svg = download_svg(spec, ["The Publisher, The Book, version 1", "https://example.org/book/page.html#c"])
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)[1])  # type: ignore[index]
    assert width > DOWNLOAD_WIDTH > PHONE_WIDTH
    assert "Requests more than tripled, Q1 2014 to Q1 2016" in svg
    assert "https://example.org/book/page.html#c" in svg
