"""A reader who downloads the site and opens it from disk gets live charts too.

Browsers treat pages opened from disk (file://) as having no origin and refuse
them JavaScript modules, so the chart bundle must load as a classic script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.sitecheck import reach_for_charts

pytestmark = pytest.mark.browser


def test_charts_go_live_when_the_site_is_opened_from_disk(site: Path, chromium: Any) -> None:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((site / "book" / "index.html").as_uri())
        reach_for_charts(page)
        page.wait_for_function("document.documentElement.dataset.chartsRendered", timeout=20_000)
        states = page.evaluate(
            "Array.from(document.querySelectorAll('figure.house-chart')).map(f => f.dataset.rendered)"
        )
    finally:
        page.close()
    assert states and all(state == "true" for state in states), states
    assert errors == []
