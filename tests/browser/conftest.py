"""Fixtures for the browser tests: the built site, served on 127.0.0.1, and headless Chromium.

The site is ``_build/html`` unless $TRACINGBOOK_SITE names another folder
(for instance a build made with ``--path-output``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.sitecheck import PageVisit, launch_chromium, serve, site_pages, visit

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITE_VARIABLE = "TRACINGBOOK_SITE"
NO_SITE = "(no built site)"


def site_folder() -> Path:
    return Path(os.environ.get(SITE_VARIABLE) or PROJECT_ROOT / "_build" / "html").resolve()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per page of the site for every test that takes ``page``."""
    if "page" in metafunc.fixturenames:
        folder = site_folder()
        pages = site_pages(folder) if (folder / "index.html").is_file() else [NO_SITE]
        metafunc.parametrize("page", pages)


@pytest.fixture(scope="session")
def site() -> Path:
    folder = site_folder()
    if not (folder / "index.html").is_file():
        pytest.fail(f"no built site in {folder}: run `make html`, or set ${SITE_VARIABLE} to a site folder")
    return folder


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def visited(chromium: Any, base_url: str) -> Callable[[str], PageVisit]:
    """Each page is loaded once, in a fresh browser profile, whatever the number of checks."""
    cache: dict[str, PageVisit] = {}

    def get(page: str) -> PageVisit:
        if page not in cache:
            context = chromium.new_context()
            try:
                cache[page] = visit(context, base_url, page)
            finally:
                context.close()
        return cache[page]

    return get
