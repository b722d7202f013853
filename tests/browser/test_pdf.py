"""The PDF edition: the single-page build printed by Chromium, checked by reading the PDF back.

``make test`` prints the test build's PDF before these run (``python -m tracingbook pdf``);
the single page it printed is beside the site, in ``_build/singlehtml/print.html``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tracingbook.sphinx.assets import packaged
from tracingbook.tools.pdf import _PREPARE, PDF_NAME, TEXT_WIDTH_PX, PdfError, print_page
from tracingbook.tools.toc import book_documents

from .conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

CODE_LINE_MIN = 25  # shorter code lines ("import altair as alt") could stand in prose
MEASURE = 90  # characters a line, at most, in the printed text


def squeezed(text: str) -> str:
    """Text without its spacing: what survives a PDF's line breaks and text extraction."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def built(site: Path) -> list[BeautifulSoup]:
    pages = [path.relative_to(PROJECT_ROOT).with_suffix(".html") for path in book_documents(PROJECT_ROOT)]
    return [BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser") for page in pages]


@pytest.fixture(scope="module")
def pdf(site: Path) -> PdfReader:
    path = site / PDF_NAME
    if not path.is_file():
        pytest.fail(f"no {PDF_NAME} in {site}: run `python -m tracingbook pdf` after the build")
    return PdfReader(path)


@pytest.fixture(scope="module")
def page_texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


@pytest.fixture(scope="module")
def printed(site: Path, chromium: Any) -> Any:
    """The single page as Chromium prints it: print media, the paper's width, folds open."""
    page = chromium.new_page(viewport={"width": TEXT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto((site.parent / "singlehtml" / "print.html").as_uri(), wait_until="load")
    page.add_style_tag(content=packaged("house-print.css"))
    page.evaluate(_PREPARE, "The book")
    yield page
    page.close()


def test_the_landing_page_offers_the_pdf_with_its_page_count(site: Path, pdf: PdfReader) -> None:
    landing = built(site)[0]
    (offer,) = landing.select("p.house-pdf-download a")
    assert offer["href"].endswith(PDF_NAME)
    assert f"({len(pdf.pages)} pages," in offer.parent.get_text()


def test_the_title_page_carries_the_sites_edition_line(site: Path, page_texts: list[str]) -> None:
    edition = built(site)[0].select_one("p.house-edition")
    assert edition is not None
    assert squeezed(edition.get_text()) in squeezed(page_texts[0])


def test_the_contents_list_every_chapter(site: Path, page_texts: list[str]) -> None:
    front = squeezed(page_texts[0] + page_texts[1])
    for soup in built(site)[1:]:
        heading = soup.select_one("article.bd-article h1")
        for anchor in heading.select("a.headerlink"):
            anchor.decompose()
        assert squeezed(heading.get_text()) in front


def test_every_page_is_numbered(page_texts: list[str]) -> None:
    total = len(page_texts)
    for number, text in enumerate(page_texts, start=1):
        assert f"Page {number} of {total}" in text


def test_each_chart_is_printed_once_with_its_caption(site: Path, printed: Any, page_texts: list[str]) -> None:
    captions = [c.get_text() for soup in built(site) for c in soup.select("figure.house-chart figcaption")]
    assert captions, "the built site has no chart captions to look for"
    text = squeezed("".join(page_texts))
    assert [caption for caption in captions if squeezed(caption) not in text] == []
    drawings = printed.evaluate(
        """() => Array.from(document.querySelectorAll("figure.house-chart"), (figure) =>
             Array.from(figure.querySelectorAll("svg")).filter((svg) => svg.getBoundingClientRect().width > 0
               && !svg.closest("button, summary")).length)"""
    )
    assert drawings and set(drawings) == {1}, f"drawings shown per chart: {drawings}"


def test_no_control_or_code_is_printed(site: Path, page_texts: list[str]) -> None:
    text = "".join(page_texts)
    for control in ("Figures and sources", "Download:", "Show code", "Cite this"):
        assert control not in text
    lines = {
        line.strip()
        for soup in built(site)
        for cell in soup.select("div.cell_input")
        for line in cell.get_text().splitlines()
        if len(line.strip()) >= CODE_LINE_MIN
    }
    # The rerun guide shows some of the same lines as examples to type: that prose stays in print.
    examples = {
        line.strip()
        for soup in built(site)
        for block in soup.select("div.highlight")
        if block.find_parent("div", class_="cell_input") is None
        for line in block.get_text().splitlines()
    }
    lines -= examples
    assert len(lines) > 50, "too few code lines found to make the check mean anything"
    squeezed_text = squeezed(text)
    assert sorted(line for line in lines if squeezed(line) in squeezed_text)[:5] == []


def test_no_page_ends_on_a_heading(site: Path, page_texts: list[str]) -> None:
    headings = {
        squeezed(node.get_text().rstrip("#"))
        for soup in built(site)
        for node in soup.select("article h1, article h2, article h3, p.house-chart__title")
    }
    ending = []
    for number, text in enumerate(page_texts, start=1):
        lines = [
            line for line in text.splitlines() if line.strip() and not re.search(r"Page \d+ of \d+", line)
        ]
        if number <= 2 and "Contents" in text:
            continue  # the contents list the chapters' titles, one a line
        if lines and squeezed(lines[-1]) in headings:
            ending.append((number, lines[-1]))
    assert ending == []


def test_the_measure_is_a_readable_one(printed: Any) -> None:
    widest = printed.evaluate(
        """() => {
          let widest = [0, ""];
          for (const p of document.querySelectorAll("article.bd-article p")) {
            if (p.closest("table, figure, nav") || p.offsetParent === null) continue;
            const range = document.createRange();
            range.selectNodeContents(p);
            const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
            const chars = p.textContent.trim().length;
            if (lines >= 3 && chars / lines > widest[0]) widest = [chars / lines, p.textContent.slice(0, 60)];
          }
          return widest;
        }"""
    )
    assert 40 < widest[0] <= MEASURE, widest


def test_the_layout_check_refuses_a_table_wider_than_the_page(chromium: Any, tmp_path: Path) -> None:
    word = "Unbreakable" * 40
    page = tmp_path / "print.html"
    page.write_text(
        f'<html><body><article class="bd-article"><table><caption>A wide table</caption><tr><td>{word}'
        "</td></tr></table></article></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(PdfError, match='wider than the printed page:\n  table "A wide table'):
        print_page(page, "The book", chromium)
