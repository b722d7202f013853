"""The site checks fail when the site breaks: each test breaks a copy of a real page.

A copy of the built site is made once; each test writes one broken variant of
the landing page beside it (so its relative links still work), loads it in
Chromium and asserts that the matching check reports the fault, while the
unbroken copy passes every check.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.sitecheck import (
    PageVisit,
    axe_violations,
    chart_companion_problems,
    chart_contrast_problems,
    chart_problems,
    chart_text_problems,
    chart_width_problems,
    code_problems,
    console_problems,
    glue_problems,
    icon_problems,
    layout,
    link_problems,
    request_problems,
    serve,
    table_fit_problems,
    table_word_problems,
    visit,
)

pytestmark = pytest.mark.browser

MODEL_PAGE = "book/index.html"  # the landing page: a chart, glued figures, links
SPEC = re.compile(r' data-spec="[^"]+"')
GLUED = re.compile(r'(<span class="pasted-text">)[^<]*(</span>)')
PAGE_LINK = re.compile(r'(<a\b[^>]*\bhref=")[a-z][a-z0-9-]*\.html(")')
ANCHOR_LINK = re.compile(r'(<a\b[^>]*\bhref=")#[a-z][a-z0-9-]+(")')
CHART_DETAILS = re.compile(r'<details class="house-chart__details".*?</details>', re.DOTALL)
CHART_DOWNLOADS = re.compile(r'<p class="house-chart__downloads">.*?</p>', re.DOTALL)
PHONE_WIDTH = 375
DESKTOP_WIDTH = 1280
WIDE_TABLE = (
    '<div class="house-table-wrapper" style="overflow: hidden"><table class="house-table">'
    "<caption>A table that will not wrap</caption><thead><tr><th>Claim</th><th>Source</th></tr></thead>"
    '<tbody><tr><td style="white-space: nowrap">' + "a claim that runs on and on " * 8 + "</td>"
    "<td>BuzzFeed News, 2016</td></tr></tbody></table></div>"
)


def _once(pattern: re.Pattern[str], replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
    changed, count = pattern.subn(replacement, text, count=1)
    assert count == 1, f"the model page no longer has {pattern.pattern!r}: pick another way to break it"
    return changed


def _in_head(markup: str) -> Callable[[str], str]:
    return lambda page: _once(re.compile(r"<head>"), "<head>" + markup, page)


def _in_body(markup: str) -> Callable[[str], str]:
    return lambda page: _once(re.compile(r"</body>"), markup + "</body>", page)


@pytest.fixture(scope="session")
def broken_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("site") / "html"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.map"))
    return copy


@pytest.fixture(scope="session")
def broken_base_url(broken_site: Path) -> Iterator[str]:
    with serve(broken_site) as url:
        yield url


@pytest.fixture
def write_variant(broken_site: Path) -> Callable[[str, Callable[[str], str]], str]:
    """Write a broken variant of the model page beside it; returns its path in the site."""

    def write(name: str, breakage: Callable[[str], str]) -> str:
        model = (broken_site / MODEL_PAGE).read_text(encoding="utf-8")
        variant = f"{Path(MODEL_PAGE).parent.as_posix()}/broken-{name}.html"
        (broken_site / variant).write_text(breakage(model), encoding="utf-8")
        return variant

    return write


@pytest.fixture
def load(
    write_variant: Callable[[str, Callable[[str], str]], str], broken_base_url: str, chromium: Any
) -> Callable[[str, Callable[[str], str]], PageVisit]:
    """Write a broken variant of the model page and load it."""

    def load_variant(name: str, breakage: Callable[[str], str]) -> PageVisit:
        variant = write_variant(name, breakage)
        context = chromium.new_context()
        try:
            return visit(context, broken_base_url, variant, chart_timeout_ms=5_000)
        finally:
            context.close()

    return load_variant


def _all_problems(site: Path, page: PageVisit) -> list[str]:
    return (
        chart_problems(page) + console_problems(page) + request_problems(page) + glue_problems(page)
        + icon_problems(page) + code_problems(page) + link_problems(site, page.path)
        + chart_companion_problems(page)
    )  # fmt: skip


def test_the_unbroken_copy_passes_every_check(load: Any, broken_site: Path) -> None:
    page = load("none", lambda text: text)
    assert page.charts and page.glued
    assert _all_problems(broken_site, page) == []


def test_a_chart_without_its_spec_is_caught(load: Any) -> None:
    page = load("chart-spec-removed", lambda text: _once(SPEC, "", text))
    assert any("not drawn" in problem for problem in chart_problems(page))
    assert any("names no spec script" in problem for problem in console_problems(page))


def test_a_chart_whose_spec_script_is_missing_is_caught(load: Any) -> None:
    page = load("chart-spec-missing", lambda text: _once(SPEC, ' data-spec="no-such-spec.js"', text))
    assert any("not drawn" in problem for problem in chart_problems(page))
    assert any("no-such-spec.js" in problem for problem in request_problems(page))


def test_a_chart_that_fails_to_draw_is_caught(load: Any, broken_site: Path) -> None:
    spec_script = (broken_site / "book" / "broken-chart-spec.js").resolve()

    def with_invalid_spec(text: str) -> str:
        chart_id = re.search(r'<figure class="house-chart" id="([^"]+)"', text)
        assert chart_id is not None
        bad = '{"wide": {"mark": "no-such-mark"}, "phone": null}'
        spec_script.write_text(f'(window.houseChartSpecs = {{}})["{chart_id[1]}"] = {bad};', encoding="utf-8")
        return _once(SPEC, f' data-spec="{spec_script.name}"', text)

    page = load("chart-spec-invalid", with_invalid_spec)
    assert any("data-rendered='error'" in problem for problem in chart_problems(page))
    assert console_problems(page), "the drawing code reports a failed chart on the console"


def test_a_script_from_a_cdn_is_caught(load: Any) -> None:
    page = load("remote-script", _in_head('<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'))
    assert "https://cdn.jsdelivr.net/npm/vega@5" in " ".join(request_problems(page))


def test_a_web_font_is_caught(load: Any) -> None:
    font = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
    page = load("remote-font", _in_head(font))
    assert any("fonts.googleapis.com" in problem for problem in request_problems(page))


def test_a_missing_local_file_is_caught(load: Any) -> None:
    page = load("missing-asset", _in_body('<img src="../_static/no-such-image.png" alt="">'))
    assert any("no-such-image.png" in problem for problem in request_problems(page))


def test_an_empty_glued_value_is_caught(load: Any) -> None:
    page = load("glue-emptied", lambda text: _once(GLUED, r"\1\2", text))
    assert any("is ''" in problem for problem in glue_problems(page))


def test_a_glued_error_is_caught(load: Any) -> None:
    page = load("glue-nan", lambda text: _once(GLUED, r"\1nan\2", text))
    assert any("is 'nan'" in problem for problem in glue_problems(page))


def test_a_console_error_is_caught(load: Any) -> None:
    page = load("console-error", _in_body('<script>console.error("a deliberate error")</script>'))
    assert any("a deliberate error" in problem for problem in console_problems(page))


def test_a_script_error_is_caught(load: Any) -> None:
    page = load("script-error", _in_body('<script>throw new Error("a deliberate failure")</script>'))
    assert any("a deliberate failure" in problem for problem in console_problems(page))


def test_a_link_to_a_missing_page_is_caught(load: Any, broken_site: Path) -> None:
    page = load("link-broken", lambda text: _once(PAGE_LINK, r"\1no-such-page.html\2", text))
    assert any("no-such-page.html" in problem for problem in link_problems(broken_site, page.path))


def test_a_link_to_a_missing_anchor_is_caught(load: Any, broken_site: Path) -> None:
    page = load("anchor-broken", lambda text: _once(ANCHOR_LINK, r"\1#no-such-heading\2", text))
    assert any("#no-such-heading" in problem for problem in link_problems(broken_site, page.path))


def test_an_icon_the_stylesheet_lacks_is_caught(load: Any) -> None:
    page = load("icon-unknown", _in_body('<i class="fa-solid fa-skull"></i>'))
    assert any("fa-skull" in problem for problem in icon_problems(page))


def test_unfolded_code_is_caught(load: Any) -> None:
    page = load("code-open", _in_head("<style>.cell .cell_input { display: block !important; }</style>"))
    assert code_problems(page)


def test_the_unbroken_copy_fits_a_phone_and_has_no_accessibility_violations(
    write_variant: Any, broken_base_url: str, chromium: Any
) -> None:
    path = write_variant("none", lambda text: text)
    shown = layout(chromium, broken_base_url, path, PHONE_WIDTH)
    assert shown.charts and all(chart["texts"] for chart in shown.charts)
    assert chart_text_problems(shown) + table_fit_problems(shown) + chart_contrast_problems(shown) == []
    dark = layout(chromium, broken_base_url, path, PHONE_WIDTH, "dark")
    assert chart_contrast_problems(dark) == []
    for scheme in ("light", "dark"):
        assert axe_violations(chromium, broken_base_url, path, scheme) == []


def test_a_chart_without_its_table_sources_or_downloads_is_caught(load: Any) -> None:
    page = load("chart-bare", lambda text: _once(CHART_DOWNLOADS, "", _once(CHART_DETAILS, "", text)))
    problems = chart_companion_problems(page)
    assert any("has no table of its figures" in problem for problem in problems)
    assert any("lists no sources" in problem for problem in problems)
    assert any("offers no download of its csv, svg, png" in problem for problem in problems)


@pytest.mark.parametrize(
    ("name", "style", "reported"),
    [
        ("chart-text-small", "font-size: 8px !important;", "texts under 11 px, the smallest 8.0 px"),
        ("chart-text-crowded", "font-size: 30px !important;", "text written over other text"),
        ("chart-text-outside", "transform: translateX(400px);", "text cut off at the chart's edge"),
    ],
)
def test_chart_text_a_phone_cannot_read_is_caught(
    write_variant: Any, broken_base_url: str, chromium: Any, name: str, style: str, reported: str
) -> None:
    path = write_variant(name, _in_head(f"<style>figure.house-chart svg text {{ {style} }}</style>"))
    problems = chart_text_problems(layout(chromium, broken_base_url, path, PHONE_WIDTH))
    assert any(reported in problem for problem in problems)


def test_a_chart_drawn_twice_or_narrow_in_a_wide_column_is_caught(
    write_variant: Any, broken_base_url: str, chromium: Any
) -> None:
    unbroken = layout(chromium, broken_base_url, write_variant("none", lambda text: text), DESKTOP_WIDTH)
    assert unbroken.charts and chart_width_problems(unbroken) == []
    # The script that draws live charts removed: the phone drawing stays, 343 px in a 688 px column.
    narrow = write_variant("chart-narrow", lambda text: text.replace("vega-house.js", "missing.js"))
    problems = chart_width_problems(layout(chromium, broken_base_url, narrow, DESKTOP_WIDTH, script=True))
    assert any("drawn 343 px wide in a" in problem for problem in problems), problems
    twice = write_variant(
        "chart-twice",
        lambda text: re.sub(
            r'(<div class="house-chart__drawing"[^>]*>)(<svg.*?</svg>)',
            r"\1\2\2",
            text,
            count=1,
            flags=re.DOTALL,
        ),
    )
    problems = chart_width_problems(layout(chromium, broken_base_url, twice, PHONE_WIDTH, script=False))
    assert any("2 drawings in the page, not one" in problem for problem in problems), problems


def test_a_table_word_broken_across_lines_is_caught(
    write_variant: Any, broken_base_url: str, chromium: Any
) -> None:
    narrow = (
        '<div class="house-table-wrapper"><table class="house-table" style="width: 4ch">'
        "<caption>Dates squeezed</caption><thead><tr><th>When</th></tr></thead>"
        '<tbody><tr><td style="overflow-wrap: anywhere; min-width: 0">Notwithstanding</td></tr>'
        "</tbody></table></div>"
    )
    path = write_variant("table-word-split", _in_body(narrow))
    problems = table_word_problems(layout(chromium, broken_base_url, path, DESKTOP_WIDTH))
    assert any(
        "'Dates squeezed' splits 1 words" in problem and "Notwithstanding" in problem for problem in problems
    ), problems


@pytest.mark.xfail(
    reason="tables now become cards by script when their words do not fit; this planted table needs "
    "the card markup the site writes before the check can see a hidden column",
    strict=False,
)
def test_a_table_that_hides_a_column_on_a_phone_is_caught(
    write_variant: Any, broken_base_url: str, chromium: Any
) -> None:
    path = write_variant("table-too-wide", _in_body(WIDE_TABLE))
    problems = table_fit_problems(layout(chromium, broken_base_url, path, PHONE_WIDTH))
    assert any(
        "'A table that will not wrap'" in problem and problem.endswith("hides Claim, Source")
        for problem in problems
    )


def test_faint_chart_text_is_caught(write_variant: Any, broken_base_url: str, chromium: Any) -> None:
    faint = "<style>figure.house-chart svg text { fill: #bbbbbb !important; }</style>"
    path = write_variant("chart-text-faint", _in_head(faint))
    problems = chart_contrast_problems(layout(chromium, broken_base_url, path, PHONE_WIDTH))
    assert any("under 4.5:1 contrast, the faintest 1.9:1" in problem for problem in problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_accessibility_violation_is_caught(
    write_variant: Any, broken_base_url: str, chromium: Any, scheme: str
) -> None:
    path = write_variant("unnamed-button", _in_body('<button type="button"></button>'))
    problems = axe_violations(chromium, broken_base_url, path, scheme)
    assert any("button-name" in problem for problem in problems)
