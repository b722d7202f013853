"""Every page of the built site, as a reader's browser shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

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
    horizontal_overflow,
    icon_problems,
    is_local,
    layout,
    link_problems,
    reach_for_charts,
    request_problems,
    table_figure_problems,
    table_fit_problems,
    table_word_problems,
)
from tracingbook.data.descriptor import DESCRIPTOR_NAME, read_descriptor
from tracingbook.page.downloads import safe_csv_file
from tracingbook.sphinx.charts import BUNDLE_NAME

from .conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
DESKTOP_WIDTH = 1280
TABLE_WIDTHS = [PHONE_WIDTH, 1024, DESKTOP_WIDTH, 1440, 1920]
Visited = Callable[[str], PageVisit]


def test_every_chart_is_drawn(site: Path, visited: Visited, page: str) -> None:
    assert chart_problems(visited(page)) == []


def test_no_console_or_script_errors(site: Path, visited: Visited, page: str) -> None:
    assert console_problems(visited(page)) == []


def test_no_request_leaves_the_local_server(site: Path, visited: Visited, page: str) -> None:
    assert request_problems(visited(page)) == []


def test_every_glued_value_shows_a_value(site: Path, visited: Visited, page: str) -> None:
    assert glue_problems(visited(page)) == []


def test_every_icon_is_drawn_without_the_icon_font(site: Path, visited: Visited, page: str) -> None:
    assert icon_problems(visited(page)) == []


def test_no_page_fetches_a_web_font(site: Path, visited: Visited, page: str) -> None:
    """The theme's icon font (156 kB) is never needed: house-icons.css draws every icon."""
    fetched = [transfer.url.split("?")[0] for transfer in visited(page).transfers]
    fonts = [url for url in fetched if url.endswith((".woff2", ".woff", ".ttf"))]
    assert fonts == []


def test_code_starts_folded(site: Path, visited: Visited, page: str) -> None:
    assert code_problems(visited(page)) == []


def test_every_internal_link_resolves(site: Path, page: str) -> None:
    assert link_problems(site, page) == []


def test_fits_a_phone_screen(site: Path, chromium: Any, base_url: str, page: str) -> None:
    assert horizontal_overflow(chromium, base_url, page, PHONE_WIDTH) <= 0


def test_every_chart_has_its_figures_sources_and_downloads(site: Path, visited: Visited, page: str) -> None:
    assert chart_companion_problems(visited(page)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_charts_are_legible(
    site: Path, chromium: Any, base_url: str, page: str, width: int, scheme: str
) -> None:
    shown = layout(chromium, base_url, page, width, scheme)
    assert chart_text_problems(shown) + chart_contrast_problems(shown) == []
    assert chart_width_problems(shown) == []


@pytest.mark.parametrize("width", TABLE_WIDTHS)
def test_tables_keep_every_column_word_and_figure_whole(
    site: Path, chromium: Any, base_url: str, page: str, width: int
) -> None:
    """No table hides a column or splits a word or figure: one too wide for its column is cards."""
    shown = layout(chromium, base_url, page, width)
    assert table_fit_problems(shown) + table_word_problems(shown) + table_figure_problems(shown) == []


@pytest.mark.parametrize("width", [1024, 1440])
def test_every_chart_is_one_legible_drawing_that_fills_a_wide_column(
    site: Path, chromium: Any, base_url: str, page: str, width: int
) -> None:
    shown = layout(chromium, base_url, page, width)
    assert chart_width_problems(shown) + chart_text_problems(shown) == []


def test_the_drawing_made_at_build_time_is_the_only_one_and_fits_a_phone(
    site: Path, chromium: Any, base_url: str, page: str
) -> None:
    shown = layout(chromium, base_url, page, PHONE_WIDTH, script=False)
    assert chart_width_problems(shown) == []


def test_charts_drawn_at_build_time_are_legible_on_a_phone(
    site: Path, chromium: Any, base_url: str, page: str
) -> None:
    """Without JavaScript the reader sees the drawing made at a phone's width, at full size."""
    shown = layout(chromium, base_url, page, PHONE_WIDTH, script=False)
    assert chart_text_problems(shown) + chart_contrast_problems(shown) == []


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(
    site: Path, chromium: Any, base_url: str, page: str, scheme: str, width: int
) -> None:
    assert axe_violations(chromium, base_url, page, scheme, width) == []


def test_the_landing_page_has_glued_figures_and_a_chart(site: Path, visited: Visited) -> None:
    """Guards the checks above against passing on a page that lost everything."""
    landing = visited("book/index.html")
    assert len(landing.glued) >= 5
    assert len(landing.charts) >= 1


def test_search_finds_words_offline(site: Path, chromium: Any, base_url: str) -> None:
    context = chromium.new_context()
    remote: list[str] = []
    try:
        page = context.new_page()

        def route(request_route: Any) -> None:
            if is_local(request_route.request.url):
                request_route.continue_()
            else:
                remote.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(base_url + "search.html?q=immigration", wait_until="load")
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=15_000)
        titles = results.locator("a").all_inner_texts()
    finally:
        context.close()
    assert titles, "search for 'immigration' found nothing"
    assert any("Patients" in title for title in titles)
    assert remote == []


def test_every_data_file_and_the_descriptor_can_be_downloaded(site: Path, base_url: str) -> None:
    package = read_descriptor(PROJECT_ROOT / "data")
    files = [resource.path for resource in package.resources] + [DESCRIPTOR_NAME]
    page = (site / "book" / "data.html").read_text(encoding="utf-8")
    for name in files:
        marker = f'/{name}"'
        assert marker in page, f"data.html offers no download of {name}"
        start = page.rindex('href="', 0, page.index(marker)) + len('href="')
        href = page[start : page.index(marker) + len(marker) - 1]
        downloaded = (site / "book" / href).resolve()
        original = (package.directory / name).read_bytes()
        # A CSV is offered as written, unless a text cell would run in a spreadsheet.
        safe = safe_csv_file(original.decode("utf-8")) if name.endswith(".csv") else None
        assert downloaded.read_bytes() == (original if safe is None else safe.encode("utf-8")), href


def test_print_hides_navigation_and_keeps_chart_captions(site: Path, chromium: Any, base_url: str) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "book/index.html", wait_until="load")
        reach_for_charts(page)
        page.wait_for_function("() => document.documentElement.dataset.chartsRendered !== undefined")
        page.emulate_media(media="print")
        hidden = [
            selector
            for selector in (".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".header-article")
            if page.locator(selector).count() and page.locator(selector).first.is_visible()
        ]
        captions = page.locator("figure.house-chart figcaption")
        shown = [captions.nth(index).is_visible() for index in range(captions.count())]
        drawn = page.locator("figure.house-chart svg").first.is_visible()
    finally:
        context.close()
    assert hidden == [], "navigation shown in print"
    assert shown and all(shown), "a chart lost its caption in print"
    assert drawn


_PRINTED_DRAWINGS = """() => Array.from(document.querySelectorAll("figure.house-chart")).map((figure) =>
  Array.from(figure.querySelectorAll("svg.marks")).filter((svg) => svg.checkVisibility()).length)"""


@pytest.mark.parametrize("live", [False, True])
def test_print_shows_each_chart_once(site: Path, chromium: Any, base_url: str, live: bool) -> None:
    context = chromium.new_context(viewport={"width": DESKTOP_WIDTH, "height": 900}, java_script_enabled=live)
    try:
        page = context.new_page()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        if live:
            page.wait_for_function("() => document.documentElement.dataset.chartsRendered !== undefined")
        page.emulate_media(media="print")
        printed = page.evaluate(_PRINTED_DRAWINGS)
    finally:
        context.close()
    assert printed and printed == [1] * len(printed), printed


def test_one_switch_shows_every_code_cell_and_is_remembered_but_never_printed(
    site: Path, chromium: Any, base_url: str
) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        cells = page.locator("div.cell_input")
        switch = page.get_by_role("button", name="Show code")
        assert cells.count() > 1 and not any(cells.nth(i).is_visible() for i in range(cells.count()))
        assert switch.count() == 1 and switch.get_attribute("aria-pressed") == "false"
        switch.focus()
        page.keyboard.press("Enter")
        assert all(cells.nth(i).is_visible() for i in range(cells.count()))
        assert page.get_by_role("button", name="Hide code").get_attribute("aria-pressed") == "true"
        page.emulate_media(media="print")
        assert not any(cells.nth(i).is_visible() for i in range(cells.count()))
        # The next page opens with code shown, until the reader hides it again.
        page.goto(base_url + "book/rules.html", wait_until="load")
        assert page.locator("div.cell_input").first.is_visible() is False  # still print media
        page.emulate_media(media="screen")
        assert page.locator("div.cell_input").first.is_visible()
        page.get_by_role("button", name="Hide code").click()
        assert not page.locator("div.cell_input").first.is_visible()
    finally:
        context.close()


def test_the_claims_ledger_filters_by_verdict_and_shows_every_row_without_javascript(
    site: Path, chromium: Any, base_url: str
) -> None:
    ledger = "table[data-filter-column]"
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "book/claims.html", wait_until="load")
        rows = page.locator(f"{ledger} tbody tr")
        total = rows.count()
        choice = page.get_by_label("Show verdict:")
        choice.focus()
        choice.select_option("wrong")
        shown = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
        verdicts = {row.locator("td[data-label='Verdict']").inner_text() for row in shown}
        status = page.locator(".house-table-filter [role='status']").inner_text()
    finally:
        context.close()
    assert 0 < len(shown) < total and verdicts == {"wrong"}
    assert status == f"{len(shown)} of {total} rows shown"
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "book/claims.html", wait_until="load")
        rows = page.locator(f"{ledger} tbody tr")
        assert rows.count() == total and all(rows.nth(i).is_visible() for i in range(total))
        assert page.locator(".house-table-filter").count() == 0
    finally:
        context.close()


def test_on_a_phone_the_live_chart_script_waits_until_a_reader_reaches_for_a_chart(
    site: Path, chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + "book/statistics.html", wait_until="load")
        page.wait_for_timeout(1_000)
        before = [url for url in requested if url.endswith(BUNDLE_NAME)]
        drawn = page.locator("figure.house-chart .house-chart__drawing svg").count()
        page.locator("figure.house-chart").first.dispatch_event("pointerover")
        page.wait_for_function("() => document.documentElement.dataset.chartsRendered !== undefined")
        after = [url for url in requested if url.endswith(BUNDLE_NAME)]
    finally:
        context.close()
    assert before == [], before
    assert drawn > 0, "the build-time drawings should be on the page before the script"
    assert len(after) == 1, after


def test_on_a_wide_screen_each_chart_is_redrawn_at_its_columns_width_unasked(
    site: Path, chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport={"width": DESKTOP_WIDTH, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        page.wait_for_function("() => document.documentElement.dataset.chartsRendered !== undefined")
        widths = page.evaluate(
            """() => Array.from(document.querySelectorAll("figure.house-chart")).map((figure) =>
              [figure.querySelector("svg.marks").getBoundingClientRect().width,
               figure.querySelector(".house-chart__view").clientWidth])"""
        )
    finally:
        context.close()
    assert widths and all(abs(drawn - column) <= 1 for drawn, column in widths), widths


def test_the_menu_and_contents_buttons_open_on_a_phone_and_fold_the_sidebar_on_a_wide_screen(
    chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        menu = page.locator("dialog#pst-primary-sidebar-modal")
        page.locator(".primary-toggle:visible").tap()
        assert menu.evaluate("dialog => dialog.open")
        chapter = menu.get_by_role(
            "link", name="The history: how the NHS came to trace people for the Home Office"
        )
        assert chapter.is_visible()
        page.keyboard.press("Escape")
        assert not menu.evaluate("dialog => dialog.open")
        contents = page.locator("dialog#pst-secondary-sidebar-modal")
        page.locator(".secondary-toggle:visible").tap()
        assert contents.evaluate("dialog => dialog.open")
        assert contents.get_by_role("link", name="Requests per month").is_visible()
        page.keyboard.press("Escape")
        # A chapter is one tap away from the menu.
        page.locator(".primary-toggle:visible").tap()
        menu.get_by_role(
            "link", name="The history: how the NHS came to trace people for the Home Office"
        ).tap()
        page.wait_for_url("**/book/history.html")
    finally:
        context.close()
    context = chromium.new_context(viewport={"width": DESKTOP_WIDTH, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        sidebar = page.locator("#pst-primary-sidebar")
        expect(sidebar).to_be_visible()
        page.locator(".primary-toggle:visible").click()
        expect(sidebar).to_be_hidden()  # after the theme's slide
        page.locator(".primary-toggle:visible").click()
        expect(sidebar).to_be_visible()
    finally:
        context.close()


def test_a_tap_on_a_live_chart_shows_the_tapped_marks_figures(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(
        viewport={"width": PHONE_WIDTH, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(base_url + "book/index.html", wait_until="load")
        figure = page.locator("figure.house-chart").first
        figure.scroll_into_view_if_needed()
        figure.locator(".house-chart__drawing svg").first.tap()  # the first touch makes the chart live
        page.wait_for_function(
            "() => document.querySelector('figure.house-chart').dataset.rendered === 'true'"
        )
        # A bar of the live chart: where the reader's finger lands next.
        box = figure.locator(".house-chart__drawing--live g.role-mark > *").first.bounding_box()
        assert box is not None
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tooltip = page.locator("#vg-tooltip-element")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text("Published figure")
        page.wait_for_timeout(100)  # the frame in which it is kept on the screen
        shown = tooltip.bounding_box()
        assert shown is not None and shown["x"] >= 0 and shown["x"] + shown["width"] <= PHONE_WIDTH, shown
    finally:
        context.close()


def _search(chromium: Any, base_url: str, query: str) -> list[tuple[str, str]]:
    """The pages the site's search lists for ``query``, best first: each page's address and excerpt."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base_url}search.html?q={quote(query)}", wait_until="load")
        page.wait_for_function(
            "() => /Search finished|did not match/.test("
            "document.querySelector('#search-results .search-summary')?.textContent ?? '')",
            timeout=15_000,
        )
        page.wait_for_timeout(1_000)  # excerpts are fetched page by page
        results = page.locator("#search-results ul.search > li")
        return [
            (results.nth(i).locator("a").first.get_attribute("href") or "", results.nth(i).inner_text())
            for i in range(results.count())
        ]
    finally:
        context.close()


@pytest.mark.parametrize("query", ["16,689", "16689"])
def test_search_finds_a_figure_as_written_and_as_digits(
    site: Path, chromium: Any, base_url: str, query: str
) -> None:
    found = [href for href, _text in _search(chromium, base_url, query)]
    assert any(href.startswith("book/index.html") for href in found), found


def test_search_puts_the_story_before_the_bibliography_and_shows_no_code(
    site: Path, chromium: Any, base_url: str
) -> None:
    found = _search(chromium, base_url, "Wollaston")
    pages = [href.split("#")[0].split("?")[0] for href, _text in found]
    assert "book/references.html" in pages and len(pages) > 1, pages
    assert pages[0] != "book/references.html" and pages[-1] == "book/references.html", pages
    code = [
        text
        for _href, text in _search(chromium, base_url, "statistics")
        if "import " in text or "glue(" in text
    ]
    assert code == [], code[:2]


# A phone's first screen: 375 by 667 px (the smallest common iPhone's).
PHONE_SCREEN = {"width": PHONE_WIDTH, "height": 667}
CHAPTERS = [
    "book/history.html",
    "book/rules.html",
    "book/patients.html",
    "book/statistics.html",
    "book/claims.html",
    "book/pupil-data.html",
    "book/digital-economy.html",
    "book/united-states.html",
    "book/comparison.html",
]
_FIRST_SCREEN = """() => {
  const headline = document.querySelector(".bd-article h1");
  const style = getComputedStyle(headline);
  const brief = Array.from(document.querySelectorAll(".bd-article p > strong"))
    .find((lead) => lead.textContent.trim() === "In brief");
  const firstPoint = brief ? brief.closest("p").nextElementSibling : null;
  return {
    lines: Math.round(headline.getBoundingClientRect().height / parseFloat(style.lineHeight)),
    brief: brief ? brief.getBoundingClientRect().top : null,
    firstPoint: firstPoint ? firstPoint.getBoundingClientRect().top : null,
  };
}"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_phones_first_screen_shows_the_headline_and_in_brief(
    chromium: Any, base_url: str, chapter: str
) -> None:
    context = chromium.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + chapter, wait_until="load")
        shown = page.evaluate(_FIRST_SCREEN)
    finally:
        context.close()
    assert shown["lines"] <= 3, f"{chapter}: the headline runs to {shown['lines']} lines"
    assert shown["brief"] is not None, f"{chapter} has no 'In brief'"
    assert shown["firstPoint"] < PHONE_SCREEN["height"], (
        f"{chapter}: 'In brief' begins below the first screen"
    )


# Every control of the site's own, and the theme's buttons in the article's header.
CONTROLS = (
    ".house-cite summary, figure.house-chart .house-chart__details > summary, "
    "figure.house-chart .house-chart__downloads a, .house-table-filter select, "
    ".bd-header-article .btn, .bd-header-article .pst-navbar-icon, .house-source-tip"
)
SMALLEST_TARGET_PX = 44


@pytest.mark.parametrize("path", ["book/index.html", "book/statistics.html", "book/claims.html"])
def test_every_control_is_a_target_a_finger_can_hit_and_none_is_for_notebooks(
    chromium: Any, base_url: str, path: str
) -> None:
    context = chromium.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        sizes = page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector))
                .filter((control) => control.checkVisibility())
                .map((control) => {
                  const box = control.getBoundingClientRect();
                  return [control.textContent.trim().slice(0, 30) || control.title, box.width, box.height];
                })""",
            CONTROLS,
        )
        notebook = page.locator("a[href$='.ipynb'], .btn-fullscreen-button, [title*='ullscreen']").count()
        switches = page.get_by_role("button", name="Show code").count()
    finally:
        context.close()
    small = [
        f"{name!r} {width:.0f}×{height:.0f}"
        for name, width, height in sizes
        if width < SMALLEST_TARGET_PX - 0.5 or height < SMALLEST_TARGET_PX - 0.5
    ]
    assert sizes and small == [], small[:5]
    assert notebook == 0, "a notebook download or fullscreen button is offered to readers"
    assert switches == 1


@pytest.mark.parametrize("width", [PHONE_WIDTH, DESKTOP_WIDTH])
def test_a_citation_shows_its_source_in_place_by_tap_click_or_keyboard(
    chromium: Any, base_url: str, width: int
) -> None:
    phone = width == PHONE_WIDTH
    context = chromium.new_context(viewport={"width": width, "height": 812}, has_touch=phone, is_mobile=phone)
    try:
        page = context.new_page()
        page.goto(base_url + "book/index.html", wait_until="load")
        citation = page.locator(".bd-article a.reference.internal[href*='references.html#']").first
        tip = page.locator("#house-source-tip")
        citation.tap() if phone else citation.click()
        expect(tip).to_be_visible()
        address = tip.locator("a.house-source-tip__address").first
        expect(address).to_have_attribute("href", re.compile(r"^https?://"))
        expect(tip.get_by_role("link", name="In the list of sources")).to_be_visible()
        assert page.url.endswith("book/index.html"), page.url
        box = tip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        expect(citation).to_be_focused()
        page.keyboard.press("Enter")  # the keyboard opens it again, focus inside
        expect(tip).to_be_visible()
        expect(address).to_be_focused()
    finally:
        context.close()


def test_a_term_is_explained_where_it_first_appears_and_the_landing_tab_names_the_book_once(
    site: Path, chromium: Any, base_url: str
) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + "book/claims.html", wait_until="load")
        glosses = page.locator(".bd-article .house-gloss").all_inner_texts()
        page.goto(base_url + "book/statistics.html", wait_until="load")
        confidence = page.locator("td[data-label='Confidence'] .house-gloss").all_inner_texts()
        page.goto(base_url + "book/index.html", wait_until="load")
        title = page.title()
    finally:
        context.close()
    assert any("Health and Social Care Information Centre" in gloss for gloss in glosses), glosses
    assert any("headline" in gloss for gloss in glosses), glosses
    assert len(confidence) == 1 and "confirmed" in confidence[0], confidence
    assert title.count("records as immigration tools") == 1, title


@pytest.mark.parametrize(
    ("path", "column"),
    [("book/statistics.html", "Requester"), ("book/comparison.html", "Regime")],
)
def test_a_long_table_filters_by_its_main_column(
    chromium: Any, base_url: str, path: str, column: str
) -> None:
    context = chromium.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        choice = page.get_by_label(f"Show {column.lower()}:")
        table = page.locator(f"table[data-filter-column]:has(td[data-label='{column}'])")
        rows = table.locator("tbody tr")
        total = rows.count()
        value = choice.locator("option").nth(1).get_attribute("value")
        choice.select_option(value)
        shown = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
        values = {row.locator(f"td[data-label='{column}']").inner_text().strip() for row in shown}
    finally:
        context.close()
    assert 0 < len(shown) < total and values == {value}, (len(shown), total, values)


def test_a_long_page_lists_its_sections_to_jump_to_and_chart_sources_are_linked(
    site: Path, chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "book/history.html", wait_until="load")
        jumps = page.locator("nav.house-jump a")
        targets = [jumps.nth(i).get_attribute("href") or "" for i in range(jumps.count())]
        missing = [target for target in targets if page.locator(target).count() != 1]
        page.goto(base_url + "book/statistics.html", wait_until="load")
        linked = page.locator(".house-chart__sources li a[href^='http']").count()
        about = page.locator(".house-chart__downloads a", has_text="about the data").first.get_attribute(
            "href"
        )
    finally:
        context.close()
    assert len(targets) >= 8 and missing == [], (targets, missing)
    assert linked > 0
    assert about is not None
    text = (site / "book" / about).read_text(encoding="utf-8")
    assert "From where" in text and "https://" in text and "Licence:" in text and "How to cite:" in text
