"""A corrected page gives the date of its latest correction under its title, not the build's."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tracingbook.sphinx.corrections import corrected_line, last_corrected, with_corrected_line


def test_each_page_takes_the_date_of_its_latest_correction() -> None:
    corrections = pd.DataFrame(
        {
            "document": ["index", "united-states", "index"],
            "date": pd.to_datetime(["2026-12-07", "2026-11-02", "2026-12-09"]),
        }
    )
    latest = {"index": dt.date(2026, 12, 9), "united-states": dt.date(2026, 11, 2)}
    assert last_corrected(corrections) == latest


def test_the_line_goes_under_the_title_and_links_to_the_corrections() -> None:
    line = corrected_line(dt.date(2026, 12, 7), "corrections.html?a=1&b=2")
    assert line == (
        '<p class="house-corrected">Last corrected 7 December 2026: '
        '<a href="corrections.html?a=1&amp;b=2">what changed and why</a>.</p>'
    )
    body = '<section id="x"><h1>Title<a class="headerlink" href="#x">#</a></h1><p>Text</p><h1>Another</h1>'
    assert with_corrected_line(body, "<p>L</p>") == body.replace("</h1>", "</h1><p>L</p>", 1)
    assert with_corrected_line("<p>No title</p>", "<p>L</p>") == "<p>No title</p>"
