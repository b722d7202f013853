from __future__ import annotations

import json
import re

import pytest

from tests.sphinx.test_charts import SPEC
from tracingbook.sphinx.chart_files import (
    move_specs_to_scripts,
    read_spec_script,
    spec_script,
    spec_script_name,
)
from tracingbook.sphinx.charts import chart_figure_html


def test_a_chart_spec_script_sits_beside_its_downloads() -> None:
    assert spec_script_name("book/statistics", "chart-requests") == (
        "_static/charts/book-statistics/chart-requests.spec.js"
    )


def test_the_spec_script_leaves_the_spec_without_its_table_under_the_chart_id() -> None:
    script = spec_script("chart-a", '{"mark":"bar","usermeta":{"figures":{}},"t":"<"}')
    assert script == (
        '(window.houseChartSpecs = window.houseChartSpecs || {})["chart-a"] = {"mark":"bar","t":"\\u003c"};\n'
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ('{"mark":', "Expecting value"),
        ('{"t":"\u2028"}', "spec of chart-a is not written in ASCII"),
    ],
)
def test_a_spec_that_is_not_safe_json_stops_the_build(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spec_script("chart-a", spec)


def test_a_page_keeps_its_drawing_and_names_a_script_for_its_spec() -> None:
    figure = chart_figure_html(SPEC)
    body = f"<p>before</p>{figure}<p>after</p>"
    written: dict[str, str] = {}

    def write(chart_id: str, script: str) -> str:
        written[chart_id] = script
        return f"../_static/charts/book-index/{chart_id}.spec.js"

    moved = move_specs_to_scripts(body, write)
    assert "application/json" not in moved and "house-chart__spec" not in moved
    assert moved.startswith("<p>before</p>") and moved.endswith("<p>after</p>")
    assert '<figure class="house-chart" id="chart-requests" data-spec="../_static/charts/book-index/' in moved
    assert moved.count("<svg") == figure.count("<svg") == 1
    assert list(written) == ["chart-requests"]
    chart_id, spec = read_spec_script(written["chart-requests"])
    assert chart_id == "chart-requests"
    inline = json.loads(re.findall(r'class="house-chart__spec">(.*?)</script>', figure)[0])
    assert spec == {key: value for key, value in inline.items() if key != "usermeta"}
    assert spec["width"] == "container"


def test_a_spec_script_reads_back_as_written_and_nothing_else_passes_for_one() -> None:
    script = spec_script("chart-a", '{"mark":"bar","width":"container"}')
    assert read_spec_script(script) == ("chart-a", {"mark": "bar", "width": "container"})
    with pytest.raises(ValueError, match="not a chart spec script"):
        read_spec_script('window.other = {"wide": {}};')
