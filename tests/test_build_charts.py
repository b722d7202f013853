from __future__ import annotations

from tracingbook.build.charts import _drawn, chart_figure_html, static_svg

SPEC = {
    "title": "Requests",
    "description": "Two bars.",
    "data": {"values": [{"year": "2014", "requests": 725}, {"year": "2016", "requests": 2367}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "nominal"},
        "y": {"field": "requests", "type": "quantitative"},
        "tooltip": [{"field": "requests"}],
    },
}


def test_each_figure_holds_its_chart_drawn_at_build_time() -> None:
    html = chart_figure_html(SPEC)
    view = html.split('<div class="house-chart__view"', 1)[1].split("</div>", 1)[0]
    assert "<svg" in view and "</svg>" in view
    assert 'class="mark-rect role-mark' in view  # the bars themselves, not an empty frame


def test_the_drawing_is_the_same_every_build_and_ignores_the_schema_address() -> None:
    with_schema = {"$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json", **SPEC}
    first = static_svg(with_schema)
    _drawn.cache_clear()  # draw again for real, not from the memo of the first call
    assert first == static_svg(dict(reversed(list(SPEC.items()))))
