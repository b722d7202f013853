from __future__ import annotations

from tracingbook.sphinx.charts import _drawn, chart_figure_html, static_svg

SPEC = {
    "title": "Requests",
    "description": "Two bars.",
    "data": {
        "values": [
            {
                "year": y,
                "requests": n,
                "source": "BuzzFeed News",
                "document": "Requests surge",
                "where": "para 7",
            }
            for y, n in (("2014", 725), ("2016", 2367))
        ]
    },
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "nominal"},
        "y": {"field": "requests", "type": "quantitative"},
        "tooltip": [
            {"field": "requests", "title": "Requests", "type": "quantitative"},
            {"field": "source", "title": "Source", "type": "nominal"},
            {"field": "document", "title": "Title", "type": "nominal"},
            {"field": "where", "title": "Where", "type": "nominal"},
        ],
    },
}


def test_each_figure_holds_its_chart_drawn_for_a_phone_and_for_a_wide_column() -> None:
    html = chart_figure_html(SPEC)
    view = html.split('<div class="house-chart__view">', 1)[1].split("</figcaption>", 1)[0]
    phone, wide = view.split('<div class="house-chart__drawing house-chart__drawing--')[1:3]
    for drawing in (phone, wide):
        assert "<svg" in drawing and "</svg>" in drawing
        assert 'class="mark-rect role-mark' in drawing  # the bars themselves, not an empty frame
    assert phone.startswith('phone" role="img" aria-labelledby="chart-requests-title"')
    assert 'aria-details="chart-requests-details"' in phone
    assert 'version="1.1" class="marks" width="343"' in phone
    # The wide drawing replaces the phone's once the column can hold it at full size.
    width = int(html.split('data-wide-width="', 1)[1].split('"', 1)[0])
    assert f"@container (min-width: {width}px)" in html


def test_each_figure_carries_its_figures_and_sources_as_a_table() -> None:
    html = chart_figure_html(SPEC)
    details = html.split('<details class="house-chart__details" id="chart-requests-details">', 1)[1]
    assert "<summary>Figures and sources</summary>" in details
    assert "<caption>Figures drawn in “Requests”</caption>" in details
    assert '<th scope="col">Requests</th><th scope="col">Source</th>' in details
    assert '<td data-label="Requests">2,367</td><td data-label="Source">BuzzFeed News</td>' in details
    assert "<li>BuzzFeed News, “Requests surge”, para 7</li>" in details


def test_the_drawing_is_the_same_every_build_and_ignores_the_schema_address() -> None:
    with_schema = {"$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json", **SPEC}
    first = static_svg(with_schema)
    _drawn.cache_clear()  # draw again for real, not from the memo of the first call
    assert first == static_svg(dict(reversed(list(SPEC.items()))))
