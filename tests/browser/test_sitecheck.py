"""The site checker's pure parts; tests/browser/ runs it in Chromium."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from tests.browser.sitecheck import (
    PageVisit,
    chart_problems,
    console_problems,
    glue_problems,
    icon_problems,
    is_local,
    link_problems,
    request_problems,
    serve,
    site_pages,
)


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


def test_link_problems_finds_missing_files_anchors_and_escapes(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "book/a.html": (
                '<a href="b.html#kept">ok</a> <a href="#top">ok</a> <a id="top"></a>'
                '<a href="#">theme button</a> <a href="https://example.org/x">other site</a>'
                '<a href="mailto:someone@example.org">mail</a> <a href="../_downloads/1/data.csv">ok</a>'
                '<a href="missing.html">bad</a> <a href="b.html#gone">bad</a> <a href="#nowhere">bad</a>'
                '<a href="../../outside.html">bad</a> <a href="../search.html?q=nhs">ok</a>'
            ),
            "book/b.html": '<h2 id="kept">Kept</h2>',
            "_downloads/1/data.csv": "a,b\n",
            "search.html": "<p>search</p>",
            "index.html": '<meta http-equiv="Refresh" content="0; url=book/gone.html" />',
        },
    )
    assert link_problems(site, "book/a.html") == [
        "book/a.html: link 'missing.html' leads to a missing file",
        "book/a.html: link 'b.html#gone' names an anchor the page lacks",
        "book/a.html: link '#nowhere' names an anchor the page lacks",
        "book/a.html: link '../../outside.html' points outside the site",
    ]
    assert link_problems(site, "index.html") == ["index.html: link 'book/gone.html' leads to a missing file"]
    assert link_problems(site, "book/b.html") == []


def test_site_pages_lists_pages_but_not_theme_files_or_hidden_folders(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": "", "book/a.html": "", "_static/webpack-macros.html": "",
            ".pytest_cache/README.html": "", "_sources/x.html": "",
        },
    )  # fmt: skip
    assert site_pages(site) == ["book/a.html", "index.html"]


def test_glue_problems_flag_empty_and_error_values() -> None:
    page = PageVisit("p.html", glued=["16,689", "3.3", "", "  ", "nan", "np.int64(3)", "<NA>", "Error"])
    assert glue_problems(page) == [
        "p.html: glued value 3 is ''",
        "p.html: glued value 4 is '  '",
        "p.html: glued value 5 is 'nan'",
        "p.html: glued value 6 is 'np.int64(3)'",
        "p.html: glued value 7 is '<NA>'",
        "p.html: glued value 8 is 'Error'",
    ]


def test_chart_problems_need_both_the_mark_and_a_drawing() -> None:
    page = PageVisit(
        "p.html",
        charts=[
            {"id": "chart-a", "rendered": "true", "drawn": True},
            {"id": "chart-b", "rendered": "error", "drawn": False},
            {"id": "chart-c", "rendered": None, "drawn": False},
            {"id": "chart-d", "rendered": "true", "drawn": False},
        ],
    )
    assert [problem.split(" not drawn")[0] for problem in chart_problems(page)] == [
        "p.html: chart chart-b",
        "p.html: chart chart-c",
        "p.html: chart chart-d",
    ]


def test_request_console_and_icon_problems_name_what_went_wrong() -> None:
    page = PageVisit(
        "p.html",
        console_errors=["boom (http://127.0.0.1:1/p.html)"],
        page_errors=["Error: bang"],
        remote_requests=["https://cdn.example.org/lib.js"],
        failed_requests=["404 http://127.0.0.1:1/missing.png"],
        icons=[
            {"name": "fa-solid fa-bars", "content": '""', "mask": 'url("data:image/svg+xml,x")'},
            {"name": "fa-solid fa-skull", "content": '"\uf54c"', "mask": "none"},
        ],
    )
    assert console_problems(page) == [
        "p.html: console error: boom (http://127.0.0.1:1/p.html)",
        "p.html: script error: Error: bang",
    ]
    assert request_problems(page) == [
        "p.html: request to another site: https://cdn.example.org/lib.js",
        "p.html: local request failed: 404 http://127.0.0.1:1/missing.png",
    ]
    assert icon_problems(page) == ["p.html: icon 'fa-solid fa-skull' is not drawn by house-icons.css"]
    assert request_problems(PageVisit("q.html")) == []


def test_only_the_local_server_and_inline_data_count_as_local() -> None:
    assert is_local("http://127.0.0.1:8123/book/index.html")
    assert is_local("data:image/svg+xml,<svg/>")
    assert not is_local("http://localhost.example.org/")
    assert not is_local("https://cdn.jsdelivr.net/npm/vega@5")
    assert not is_local("http://127.0.0.2/")


def test_serve_answers_on_loopback_and_stops(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>hello</p>", encoding="utf-8")
    with serve(tmp_path) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base_url + "page.html", timeout=5) as response:
            assert response.read() == b"<p>hello</p>"


def test_a_meta_refresh_redirect_is_followed_to_its_target(tmp_path: Path) -> None:
    from tests.browser.sitecheck import redirect_target, serve

    (tmp_path / "book").mkdir()
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/index.html" />')
    (tmp_path / "book" / "index.html").write_text("<p>the book</p>")
    with serve(tmp_path) as url:
        assert redirect_target(url + "index.html") == url + "book/index.html"
        assert redirect_target(url + "book/index.html") is None
        assert redirect_target(url + "missing.html") is None
