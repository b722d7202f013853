"""House style: every chart is titled, described, has tooltips, and is stored deterministically."""

from __future__ import annotations

import json

import altair as alt
import pytest

from tracingbook.page.charts import PALETTE, VEGALITE_MIMETYPE, ChartStyleError, check_spec, use_house_style
from tracingbook.sphinx.charts import CHART_FOOTER, VegaLiteMimeRenderer, chart_figure_html, page_has_chart


def make_chart(**kwargs: str) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=[{"year": 2016, "requests": 2367, "source": "BuzzFeed News"}]), **kwargs)
        .mark_point()
        .encode(x="year:O", y="requests:Q", tooltip=["source:N"])
    )


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


def test_title_objects_count_as_titles() -> None:
    check_spec({"title": {"text": "T"}, "description": "D", "encoding": {"tooltip": [{"field": "a"}]}})


def test_figure_html_is_static_and_derived_from_the_spec() -> None:
    spec = {"title": "A <b>title</b>", "description": "Says </script> & more", "mark": "point"}
    html = chart_figure_html(spec)
    assert html == chart_figure_html(dict(reversed(list(spec.items()))))
    # The anchor comes from the title, so it survives a change in the figures.
    assert 'id="chart-a-b-title-b"' in html
    assert "A &lt;b&gt;title&lt;/b&gt;" in html
    assert html.count("</script>") == 2  # neither spec can close its own script element
    assert page_has_chart(html)
    embedded = json.loads(html.split('class="house-chart__spec">')[1].split("</script>")[0])
    assert embedded["description"] == spec["description"] and embedded["mark"] == "point"
    assert "title" not in embedded  # the page prints it above the chart
    assert CHART_FOOTER in html  # where the site puts the downloads and citation


def test_mime_plugin_renders_vegalite_and_ignores_others() -> None:
    class Data:
        def __init__(self, mime_type: str, content: object) -> None:
            self.mime_type, self.content = mime_type, content

    spec = {"title": "T", "description": "D", "mark": "bar"}
    nodes = VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, spec), inline=False)
    assert nodes is not None and "house-chart" in nodes[0].astext()
    from_text = VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, json.dumps(spec)), False)
    assert from_text is not None and from_text[0].astext() == nodes[0].astext()
    assert VegaLiteMimeRenderer.handle_mime(None, Data("text/html", "<p>"), inline=False) is None
    assert VegaLiteMimeRenderer.handle_mime(None, Data(VEGALITE_MIMETYPE, spec), inline=True) is None
