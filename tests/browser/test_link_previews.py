"""Every page of the built site carries what a shared link shows: description, title, image, address.

These read the built HTML only (no browser), but need the built site, so they
run with the browser tests after the strict build.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.sitecheck import site_pages
from tracingbook.sphinx.chart_files import read_spec_script
from tracingbook.sphinx.charts import spec_digest

from .conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

SITE_URL = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
MIN_DESCRIPTION_WORDS = 8
# What a page says when nobody wrote its description: a theme's or a tool's default.
GENERIC = re.compile(
    r"project name not set|^untitled|^contents$|^index$|^search$|jupyter book", re.IGNORECASE
)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, list[str]] = {}
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = {name: value or "" for name, value in attrs}
        if values.get("http-equiv", "").lower() == "refresh":
            found = re.search(r"url=(.+)", values.get("content", ""), re.IGNORECASE)
            self.refresh = found.group(1).strip() if found else None
        key = values.get("property") or values.get("name")
        if key:
            self.tags.setdefault(key, []).append(values.get("content", ""))


def head_of(site: Path, page: str) -> tuple[str, _Head]:
    """The page's meta tags; for a page that only redirects, those of the page it leads to."""
    parser = _Head()
    parser.feed((site / page).read_text(encoding="utf-8"))
    if parser.refresh is not None:
        target = (Path(page).parent / parser.refresh).as_posix()
        return head_of(site, target)
    return page, parser


def one(head: _Head, key: str) -> str:
    values = head.tags.get(key, [])
    assert len(values) == 1, f"expected one {key!r} tag, found {values}"
    return values[0]


def test_every_page_has_a_description_of_its_own(site: Path, page: str) -> None:
    shown, head = head_of(site, page)
    description = one(head, "description")
    title = one(head, "og:title")
    assert len(description.split()) >= MIN_DESCRIPTION_WORDS, (
        f"{shown}: description too short: {description!r}"
    )
    assert not GENERIC.search(description), f"{shown}: generic description {description!r}"
    assert description not in (title, one(head, "og:site_name"))
    assert one(head, "og:description") == description


def test_every_page_has_open_graph_and_twitter_tags(site: Path, page: str) -> None:
    shown, head = head_of(site, page)
    assert one(head, "og:title").strip() and not GENERIC.search(one(head, "og:site_name"))
    assert one(head, "og:url") == SITE_URL + shown
    assert one(head, "twitter:card") == "summary_large_image"
    assert one(head, "og:image:alt").strip()


def test_every_preview_image_is_in_the_site_at_its_absolute_address(site: Path, page: str) -> None:
    shown, head = head_of(site, page)
    image = one(head, "og:image")
    assert image.startswith(SITE_URL), f"{shown}: og:image {image!r} is not under {SITE_URL}"
    file = site / image.removeprefix(SITE_URL)
    assert file.is_file(), f"{shown}: og:image {image!r} is not in the built site"
    assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int(one(head, "og:image:width")), int(one(head, "og:image:height"))
    assert (int.from_bytes(file.read_bytes()[16:20]), int.from_bytes(file.read_bytes()[20:24])) == (
        width,
        height,
    )


def _first_chart_spec(site: Path, page: str) -> dict[str, Any]:
    """The wide spec of a page's first chart, from the script its figure names."""
    found = re.search(
        r'<figure class="house-chart" id="([^"]+)" data-spec="([^"]+)"', (site / page).read_text("utf-8")
    )
    assert found is not None, f"{page}: its first chart names no spec script"
    chart_id, specs = read_spec_script(((site / page).parent / found[2]).read_text("utf-8"))
    assert chart_id == found[1], f"{found[2]} does not hold the specs of {found[1]}"
    wide: dict[str, Any] = specs["wide"]
    return wide


def test_a_page_with_charts_previews_its_first_chart(site: Path) -> None:
    pages = [page for page in site_pages(site) if 'class="house-chart"' in (site / page).read_text("utf-8")]
    assert pages, "no page of the site has a chart"
    for page in pages:
        _, head = head_of(site, page)
        first = _first_chart_spec(site, page)
        # Named by the drawn spec's content, so a changed chart never keeps a stale preview.
        name = f"_static/previews/chart-{spec_digest(first)}.png"
        assert one(head, "og:image") == f"{SITE_URL}{name}", page
        assert (site / name).is_file(), page


def test_no_two_pages_share_a_description(site: Path) -> None:
    described: dict[str, str] = {}
    for page in site_pages(site):
        shown, head = head_of(site, page)
        described[shown] = one(head, "description")
    repeated = {text for text in described.values() if list(described.values()).count(text) > 1}
    assert not repeated, f"pages share descriptions: {sorted(repeated)}"
