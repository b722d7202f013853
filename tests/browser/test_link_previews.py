"""Every page of the built site carries what a shared link shows: description, title, image, address.

These read the built HTML only (no browser), but need the built site, so they
run with the browser tests after the strict build.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.browser.sitecheck import site_pages
from tracingbook.sphinx.previews import CARD_SIZE

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
    """The page's own meta tags, and the page a reader is shown (where a redirect leads, if it is one)."""
    parser = _Head()
    parser.feed((site / page).read_text(encoding="utf-8"))
    if parser.refresh is not None:
        return (Path(page).parent / parser.refresh).as_posix(), parser
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


def test_every_preview_is_a_card_of_the_size_link_cards_use(site: Path, page: str) -> None:
    _, head = head_of(site, page)
    assert (int(one(head, "og:image:width")), int(one(head, "og:image:height"))) == CARD_SIZE


def test_a_page_with_a_finding_is_described_and_carded_by_its_first_one(site: Path) -> None:
    found = 0
    for page in site_pages(site):
        soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
        finding = soup.select_one("article p.house-finding")
        if finding is None:
            continue
        found += 1
        _, head = head_of(site, page)
        lead = " ".join(finding.find("strong").get_text().split())
        assert one(head, "description").startswith(lead), page
        figure = finding.select_one(".pasted-text").get_text().strip()
        assert figure in one(head, "og:image:alt"), page
    assert found >= 3, "too few pages with findings to make the check mean anything"


def test_the_root_address_has_its_own_title_and_preview(site: Path) -> None:
    root = (site / "index.html").read_text("utf-8")
    landing, head = head_of(site, "index.html")
    assert landing != "index.html", "the root address should lead to the landing page"
    assert re.search(r"<title>[^<]+</title>", root)
    _, landing_head = head_of(site, landing)
    for key in ("description", "og:title", "og:image", "og:description", "twitter:card"):
        assert one(head, key) == one(landing_head, key)


def test_no_two_pages_share_a_description(site: Path) -> None:
    described: dict[str, str] = {}
    for page in site_pages(site):
        shown, head = head_of(site, page)
        described[shown] = one(head, "description")
    repeated = {text for text in described.values() if list(described.values()).count(text) > 1}
    assert not repeated, f"pages share descriptions: {sorted(repeated)}"
