"""The PDF edition: printed from the built site, checked by reading the PDF back."""

from __future__ import annotations

import re
import shutil
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tracingbook.sphinx.assets import packaged
from tracingbook.tools.pdf import (
    PDF_NAME,
    layout_problems,
    link_from_landing_page,
    print_document,
    toc_chapters,
    write_pdf,
)

from .conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

CONFIG = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
CODE_LINE_MIN = 25  # shorter code lines ("import altair as alt") could stand in prose


def squeezed(text: str) -> str:
    """Text without its spacing: what survives a PDF's line breaks and text extraction."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf(site: Path, chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    target, pages = write_pdf(site, PROJECT_ROOT, tmp_path_factory.mktemp("pdf") / PDF_NAME, chromium)
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    return reader


@pytest.fixture(scope="module")
def page_texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def built(site: Path) -> list[BeautifulSoup]:
    return [
        BeautifulSoup((site / chapter.page).read_text(encoding="utf-8"), "html.parser")
        for chapter in toc_chapters(PROJECT_ROOT)
    ]


def chapter_titles(site: Path) -> list[str]:
    """Each chapter's heading as a reader sees it (without the site's '#' anchor link)."""
    titles = []
    for soup in built(site):
        heading = soup.select_one("article.bd-article h1")
        for anchor in heading.select("a.headerlink"):
            anchor.decompose()
        titles.append(" ".join(heading.get_text().split()))
    return titles


def test_page_count_is_a_book_not_a_pamphlet_or_a_runaway(pdf: PdfReader) -> None:
    chapters = len(toc_chapters(PROJECT_ROOT))
    assert chapters + 2 <= len(pdf.pages) <= 200


def test_title_page_names_publisher_date_and_version(page_texts: list[str]) -> None:
    title_page = page_texts[0]
    assert squeezed(CONFIG["title"]) in squeezed(title_page)
    assert f"Published by {CONFIG['author']}" in title_page
    assert re.search(r"Edition of \d{4}-\d{2}-\d{2}", title_page)
    assert f"Version {metadata.version('tracingbook')}" in title_page


def test_contents_list_every_chapter_with_the_page_it_starts_on(site: Path, page_texts: list[str]) -> None:
    contents = page_texts[1]
    assert contents.startswith("Contents")
    toc = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        assert part["caption"] in contents
    for title in chapter_titles(site):
        listed = re.search(re.escape(title) + r"\s*(\d+)\s*$", contents, re.MULTILINE)
        assert listed, f"{title!r} is not in the contents with a page number"
        start = page_texts[int(listed.group(1)) - 1]
        assert squeezed(start).startswith(squeezed(title)) or squeezed(title) in squeezed(start)[:400], (
            f"{title!r}: the contents say page {listed.group(1)}, which does not start that chapter"
        )


def test_every_page_is_numbered(page_texts: list[str]) -> None:
    total = len(page_texts)
    for number, text in enumerate(page_texts, start=1):
        assert f"Page {number} of {total}" in text


def test_every_chart_caption_is_in_the_pdf(site: Path, page_texts: list[str]) -> None:
    captions = [
        caption.get_text() for soup in built(site) for caption in soup.select("figure.house-chart figcaption")
    ]
    assert captions, "the built site has no chart captions to look for"
    text = squeezed("".join(page_texts))
    missing = [caption for caption in captions if squeezed(caption) not in text]
    assert not missing, f"chart captions not in the PDF: {missing}"


def test_no_code_cell_is_in_the_pdf(site: Path, page_texts: list[str]) -> None:
    lines = {
        line.strip()
        for soup in built(site)
        for cell in soup.select("div.cell_input")
        for line in cell.get_text().splitlines()
        if len(line.strip()) >= CODE_LINE_MIN
    }
    # The rerun guide shows some of the same lines as an example to type: that prose stays in print.
    shown_as_examples = {
        line.strip()
        for soup in built(site)
        for block in soup.select("div.highlight")
        if block.find_parent("div", class_="cell_input") is None
        for line in block.get_text().splitlines()
    }
    lines -= shown_as_examples
    assert len(lines) > 50, "too few code lines found to make the check mean anything"
    text = squeezed("".join(page_texts))
    printed = sorted(line for line in lines if squeezed(line) in text)
    assert not printed, f"code printed in the PDF: {printed[:5]}"


def test_no_word_may_be_split_and_nothing_is_wider_than_the_page(site: Path, chromium: Any) -> None:
    document, _ = print_document(site, PROJECT_ROOT)
    page = chromium.new_page()
    try:
        page.set_content(document)
        assert layout_problems(page) == []
        breaking = page.evaluate(
            """() => Array.from(document.querySelectorAll("body *"))
              .filter((node) => !node.closest("a.reference.external, .citation a"))
              .map((node) => [node, getComputedStyle(node)])
              .filter(([, style]) => style.overflowWrap !== "normal" || style.wordBreak !== "normal"
                || style.hyphens === "auto")
              .map(([node]) => node.tagName + "." + node.className)"""
        )
        assert breaking == []
    finally:
        page.close()


def test_the_layout_check_finds_a_table_wider_than_the_page(chromium: Any) -> None:
    word = "Unbreakable" * 40
    document = (
        f"<html><head><style>{packaged('house-print.css')}</style></head><body>"
        f'<section class="print-chapter" id="chapter-wide"><table><caption>A wide table</caption>'
        f"<tr><td>{word}</td></tr></table></section></body></html>"
    )
    page = chromium.new_page()
    try:
        page.set_content(document)
        (problem,) = [text for text in layout_problems(page) if text.split(": ", 1)[1].startswith("table")]
        assert problem.startswith("chapter-wide: table") and '"A wide table' in problem
    finally:
        page.close()


def test_the_landing_page_offers_the_pdf_once(site: Path, tmp_path: Path) -> None:
    landing = toc_chapters(PROJECT_ROOT)[0].page
    (tmp_path / landing).parent.mkdir(parents=True)
    shutil.copy(site / landing, tmp_path / landing)
    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(b"%PDF-1.7\n")
    link_from_landing_page(tmp_path, PROJECT_ROOT, pdf, 41)
    link_from_landing_page(tmp_path, PROJECT_ROOT, pdf, 42)
    soup = BeautifulSoup((tmp_path / landing).read_text(encoding="utf-8"), "html.parser")
    (offer,) = soup.select("p.house-pdf-download a")
    assert ((tmp_path / landing).parent / offer["href"]).resolve() == pdf.resolve()
    assert "42 pages" in offer.parent.get_text()
