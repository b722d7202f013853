"""House style: every chart is titled, described, has tooltips, and is stored deterministically."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from tracingbook.page.charts import (
    HOME_OFFICE,
    PALETTE,
    REQUESTER_COLOURS,
    VEGALITE_MIMETYPE,
    ChartStyleError,
    check_spec,
    figure_table,
    requester_scale,
    source_lines,
    use_house_style,
    with_figures,
)
from tracingbook.sphinx.charts import CHART_FOOTER, VegaLiteMimeRenderer, chart_figure_html, page_has_chart

FRAME = pd.DataFrame(
    {"year": [2016], "requests": [2367], "publisher": ["BuzzFeed News"], "locator": ["p. 2"]}
)


def make_chart(**kwargs: str) -> alt.Chart:
    chart = (
        alt.Chart(FRAME, **kwargs).mark_point().encode(x="year:O", y="requests:Q", tooltip=["publisher:N"])
    )
    return with_figures(chart, FRAME, "year:O requests:Q:,d publisher:N", year="Year", requests="Requests")


@pytest.fixture(autouse=True)
def house_style() -> None:
    use_house_style()


def test_renderer_stores_only_the_spec_and_a_text_stand_in() -> None:
    bundle = make_chart(title="Requests", description="One point")._repr_mimebundle_()
    assert set(bundle) == {VEGALITE_MIMETYPE, "text/plain"}
    assert bundle["text/plain"] == "<Chart: Requests>"
    spec = bundle[VEGALITE_MIMETYPE]
    assert spec["config"]["range"]["category"] == list(PALETTE)
    assert spec["description"] == "One point"


def test_rendering_twice_gives_the_same_spec() -> None:
    first = make_chart(title="T", description="D")._repr_mimebundle_()
    second = make_chart(title="T", description="D")._repr_mimebundle_()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


@pytest.mark.parametrize(
    ("kwargs", "missing"),
    [
        ({"description": "D"}, "a title"),
        ({"title": "T"}, "a description for screen readers"),
    ],
)
def test_charts_without_title_or_description_are_refused(kwargs: dict[str, str], missing: str) -> None:
    with pytest.raises(ChartStyleError, match=missing):
        make_chart(**kwargs)._repr_mimebundle_()


def test_charts_without_tooltips_are_refused() -> None:
    chart = alt.Chart(alt.Data(values=[{"a": 1}]), title="T", description="D").mark_point().encode(x="a:Q")
    with pytest.raises(ChartStyleError, match="a tooltip encoding"):
        chart._repr_mimebundle_()


def test_charts_without_their_table_of_figures_are_refused() -> None:
    chart = alt.Chart(FRAME, title="T", description="D").mark_point().encode(x="year:O", tooltip=["year:O"])
    with pytest.raises(ChartStyleError, match="its table of figures"):
        chart._repr_mimebundle_()


def test_every_chart_takes_its_containers_width_and_carries_the_figures_it_draws() -> None:
    spec = make_chart(title="T", description="D")._repr_mimebundle_()[VEGALITE_MIMETYPE]
    assert spec["width"] == "container"
    assert spec["usermeta"] == {
        "figures": {"columns": ["Year", "Requests", "Source"], "text": [["2016", "2,367", "BuzzFeed News"]],
                    "values": [[2016, 2367, "BuzzFeed News"]]},
        "sources": ["BuzzFeed News, p. 2"],
    }  # fmt: skip


def test_a_table_names_only_columns_its_frame_has() -> None:
    with pytest.raises(ChartStyleError, match="its frame lacks: count"):
        figure_table(FRAME, "count:Q")


def test_sources_come_from_a_source_column_or_from_publisher_title_and_place() -> None:
    assert source_lines(pd.DataFrame({"sources": ["A, p. 1; B, p. 2", "A, p. 1"]})) == ["A, p. 1", "B, p. 2"]
    named = pd.DataFrame(
        {
            "publisher": ["A", "A"],
            "source_title": ["D", "D"],
            "title": ["E", "F"],
            "locator": ["p. 1", "p. 1"],
        }
    )
    assert source_lines(named) == ["A, “D”, p. 1"]


def test_a_requester_has_one_colour_in_every_chart() -> None:
    first = requester_scale(["Police", "Home Office"])
    second = requester_scale(["Home Office", "Courts", "Border Force"])
    assert first["range"][1] == second["range"][0] == HOME_OFFICE
    assert second["range"][2] not in REQUESTER_COLOURS.values()


def test_title_objects_count_as_titles() -> None:
    check_spec(
        {"title": {"text": "T"}, "description": "D", "encoding": {"tooltip": [{"field": "a"}]},
         "usermeta": {"figures": {"columns": ["A"]}}}
    )  # fmt: skip


def test_figure_html_is_static_and_derived_from_the_spec() -> None:
    spec = {
        "title": "A <b>title</b>",
        "description": "Says </script> & more",
        "mark": "point",
        "usermeta": {"figures": {"columns": ["A"], "text": [["<1>"]], "values": [["<1>"]]}, "sources": []},
    }
    html = chart_figure_html(spec)
    assert html == chart_figure_html(dict(reversed(list(spec.items()))))
    # The anchor comes from the title, so it survives a change in the figures.
    assert 'id="chart-a-b-title-b"' in html
    assert "A &lt;b&gt;title&lt;/b&gt;" in html
    assert html.count("</script>") == 1  # the spec cannot close its own script element
    assert "&lt;1&gt;" in html
    assert page_has_chart(html)
    embedded = json.loads(html.split('class="house-chart__spec">')[1].split("</script>")[0])
    assert embedded["description"] == spec["description"] and embedded["mark"] == "point"
    assert "title" not in embedded  # the page prints it above the chart
    assert CHART_FOOTER in html  # where the site puts the downloads and citation


def test_mime_plugin_renders_vegalite_and_ignores_others() -> None:
    class Data:
        def __init__(self, mime_type: str, content: object) -> None:
            self.mime_type, self.content = mime_type, content

    spec = {
        "title": "T",
        "description": "D",
        "mark": "bar",
        "usermeta": {"figures": {"columns": ["A"], "text": []}},
    }
    nodes = VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, spec), inline=False)
    assert nodes is not None and "house-chart" in nodes[0].astext()
    from_text = VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, json.dumps(spec)), False)
    assert from_text is not None and from_text[0].astext() == nodes[0].astext()
    assert VegaLiteMimeRenderer.handle_mime(None, Data("text/html", "<p>"), inline=False) is None
    assert VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, spec), inline=True) is None
