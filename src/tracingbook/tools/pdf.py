"""The whole book as one PDF, printed from the built site by the project's Chromium.

The chapters' articles are taken from the built pages in ``_toc.yml`` order
and put into one print document: a title page (publisher, date, version), the
contents with page numbers, then every chapter on a new page. Code cells,
their toggles and the site's scripts are left out; the charts are the SVG the
build already drew, so nothing runs. Links between chapters become links
inside the PDF; links to the site's files (the data downloads) become
addresses on the published site.

Chromium prints the document with page numbers in its footer and an outline
(bookmarks) made from the headings. The contents' page numbers are read back
from that outline and the document printed again until they agree.

Before printing, the layout is checked in print media: a table, chart or
block wider than the page fails the build with its chapter and caption,
rather than being cut off or shrunk into words split mid-word.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import metadata
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Tag

from tracingbook.sphinx.assets import packaged

PDF_NAME = "tracing-book.pdf"
STYLESHEET_NAME = "house-print.css"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--headless")
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "18mm", "right": "18mm"}
MAX_PRINTS = 4
# What a reader of paper cannot use: code and its toggles, scripts, the site's
# anchors and tables of contents, the note for readers without JavaScript.
_LEFT_OUT = (
    "details.hide",
    "div.cell_input",
    "a.headerlink",
    "noscript",
    "script",
    "button",
    "div.toctree-wrapper",
)
_URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")
_FOOTER = (
    '<div style="font-size:8pt;width:100%;padding:0 18mm;color:#4a5560;'
    "font-family:'Liberation Sans',Arial,sans-serif;display:flex;justify-content:space-between\">"
    "<span>{title}</span>"
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


class PdfError(RuntimeError):
    """The book could not be printed as it should be."""


@dataclass(frozen=True)
class Chapter:
    """One page of the site, in reading order, with the part of the book it opens (if any)."""

    page: str  # e.g. "book/history.html", relative to the site folder
    part: str | None

    @property
    def anchor(self) -> str:
        return "chapter-" + re.sub(r"[^a-z0-9]+", "-", self.page.removesuffix(".html").lower()).strip("-")


@dataclass(frozen=True)
class Edition:
    """What the title page says."""

    title: str
    publisher: str
    date: str
    version: str
    address: str


def toc_chapters(root: Path) -> list[Chapter]:
    """Every document in ``_toc.yml``, in reading order, as the built page it becomes."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [Chapter(f"{toc['root']}.html", None)]

    def walk(entries: list[dict[str, Any]], part: str | None) -> None:
        for entry in entries:
            chapters.append(Chapter(f"{PurePosixPath(entry['file']).with_suffix('')}.html", part))
            part = None  # only the first chapter of a part opens it
            walk(entry.get("sections", []) or [], None)

    for part in toc.get("parts", []) or []:
        walk(part.get("chapters", []) or [], part.get("caption"))
    walk(toc.get("chapters", []) or [], None)
    return chapters


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def edition(root: Path) -> Edition:
    """Title, publisher and address from ``_config.yml``; date and version from the commit printed."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    commit = _git(root, "rev-parse", "--short", "HEAD")
    dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    date = _git(root, "log", "-1", "--format=%cs") if commit and not dirty else ""
    version = metadata.version("tracingbook")
    if commit:
        version += f" (commit {commit}{', with uncommitted changes' if dirty else ''})"
    return Edition(
        title=str(config["title"]),
        publisher=str(config.get("author") or ""),
        date=date or dt.date.today().isoformat(),
        version=version,
        address=str((config.get("html") or {}).get("baseurl") or ""),
    )


def _rename_ids(article: Tag, chapter: Chapter) -> None:
    """Ids unique across the whole book: each prefixed with its chapter's anchor."""
    for svg in article.find_all("svg"):
        # A drawing refers to its own ids (clip paths) with url(#id): rename both.
        renamed = {str(node["id"]): f"{chapter.anchor}--{node['id']}" for node in svg.find_all(id=True)}

        def rename(match: re.Match[str], renamed: dict[str, str] = renamed) -> str:
            return f"url(#{renamed.get(match[1], match[1])})"

        for node in [svg, *svg.find_all(True)]:
            for name, value in list(node.attrs.items()):
                if isinstance(value, str) and "url(#" in value:
                    node[name] = _URL_REFERENCE.sub(rename, value)
    for node in article.find_all(id=True):
        node["id"] = f"{chapter.anchor}--{node['id']}"


def _relink(article: Tag, chapter: Chapter, anchors: dict[str, str], site: Path, address: str) -> None:
    """Links between chapters stay inside the PDF; links to the site's files go to the published site."""
    here = PurePosixPath(chapter.page).parent
    for link in article.find_all("a", href=True):
        parts = urlsplit(str(link["href"]))
        if parts.scheme or parts.netloc:
            continue
        target = chapter.page if not parts.path else os.path.normpath((here / parts.path).as_posix())
        if target in anchors:
            link["href"] = (
                f"#{anchors[target]}--{parts.fragment}" if parts.fragment else f"#{anchors[target]}"
            )
        elif address:
            link["href"] = urljoin(address, str(target)) + (f"#{parts.fragment}" if parts.fragment else "")
        else:
            del link["href"]
    for image in article.find_all("img", src=True):
        image["src"] = (site / here / str(image["src"])).resolve().as_uri()


def chapter_html(site: Path, chapter: Chapter, anchors: dict[str, str], address: str) -> tuple[str, str]:
    """One chapter's article, ready for print, and its title."""
    path = site / chapter.page
    if not path.is_file():
        raise PdfError(f"{chapter.page} is in _toc.yml but not in the built site {site}: run `make html`")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    heading = article.find("h1") if article else None
    if article is None or heading is None:
        raise PdfError(f"{chapter.page}: no article with a heading to print")
    for selector in _LEFT_OUT:
        for node in article.select(selector):
            node.decompose()
    title = " ".join(heading.get_text().split())
    _rename_ids(article, chapter)
    _relink(article, chapter, anchors, site, address)
    part = f'<p class="print-part">{html.escape(chapter.part)}</p>' if chapter.part else ""
    body = "".join(str(child) for child in article.contents)
    return f'<section class="print-chapter" id="{chapter.anchor}">{part}{body}</section>', title


def contents_html(entries: list[tuple[Chapter, str]], pages: dict[str, int]) -> str:
    rows = []
    for chapter, title in entries:
        if chapter.part:
            rows.append(f'<li class="print-contents__part">{html.escape(chapter.part)}</li>')
        number = pages.get(chapter.anchor)
        rows.append(
            f'<li><a href="#{chapter.anchor}"><span class="print-contents__title">{html.escape(title)}</span>'
            f'<span class="print-contents__leader"></span>'
            f'<span class="print-contents__page">{number if number else ""}</span></a></li>'
        )
    return f'<nav class="print-contents"><h1>Contents</h1><ol>{"".join(rows)}</ol></nav>'


def title_page_html(about: Edition) -> str:
    lines = [
        f'<h1 class="print-title__name">{html.escape(about.title)}</h1>',
        '<div class="print-title__imprint">',
        f"<p>Published by {html.escape(about.publisher)}</p>" if about.publisher else "",
        f"<p>{html.escape(about.address)}</p>" if about.address else "",
        f"<p>Edition of {html.escape(about.date)}</p>",
        f"<p>Version {html.escape(about.version)}</p>",
        "</div>",
    ]
    return f'<header class="print-title">{"".join(lines)}</header>'


def print_document(site: Path, root: Path, pages: dict[str, int] | None = None) -> tuple[str, list[str]]:
    """The whole book as one HTML document for print, and its chapter titles in order."""
    chapters = toc_chapters(root)
    about = edition(root)
    anchors = {chapter.page: chapter.anchor for chapter in chapters}
    printed = [chapter_html(site, chapter, anchors, about.address) for chapter in chapters]
    entries = [(chapter, title) for chapter, (_, title) in zip(chapters, printed, strict=True)]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{html.escape(about.title)}</title>'
        f"<style>{packaged(STYLESHEET_NAME)}</style></head><body>"
        f"{title_page_html(about)}{contents_html(entries, pages or {})}"
        f"{''.join(section for section, _ in printed)}</body></html>\n",
        [title for _, title in entries],
    )


# Elements wider than the page's text block, in print media: they would be cut off.
_OVERFLOW = """() => {
  const width = document.body.clientWidth;
  const wide = [];
  for (const node of document.querySelectorAll("table, figure, pre, svg, img, p, li")) {
    const box = node.getBoundingClientRect();
    if (box.width > width + 1 || node.scrollWidth > node.clientWidth + 1) {
      const chapter = node.closest("section.print-chapter");
      const label = node.querySelector("caption, figcaption") || node;
      wide.push(`${chapter ? chapter.id : "front matter"}: ${node.tagName.toLowerCase()} `
        + `${Math.round(Math.max(box.width, node.scrollWidth))} px wide, page ${width} px: `
        + `"${label.textContent.trim().replace(/\\s+/g, " ").slice(0, 80)}"`);
    }
  }
  return wide;
}"""


def chromium_path() -> str:
    return os.environ.get("TRACINGBOOK_CHROMIUM", CHROMIUM)


def layout_problems(page: Any) -> list[str]:
    """What is wider than the page, in a loaded print document (Playwright page)."""
    page.emulate_media(media="print")
    return list(page.evaluate(_OVERFLOW))


def _print(page: Any, document: str, folder: Path, title: str) -> bytes:
    source = folder / "book.html"
    source.write_text(document, encoding="utf-8")
    page.goto(source.as_uri(), wait_until="load")
    problems = layout_problems(page)
    if problems:
        raise PdfError("wider than the printed page:\n  " + "\n  ".join(problems))
    return bytes(
        page.pdf(
            format="A4",
            margin=MARGINS,
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=_FOOTER.format(title=html.escape(title)),
            outline=True,
            tagged=True,
        )
    )


def chapter_pages(pdf: bytes, chapters: list[tuple[str, str]]) -> dict[str, int]:
    """The page (from 1) on which each chapter starts, read from the PDF's outline.

    ``chapters`` are (anchor, title) in reading order. Each is the next
    top-level heading with its title, so a section that shares a chapter's
    title (or the title page, the book's) is never taken for it.
    """
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    top = []
    for item in reader.outline:
        if isinstance(item, list):  # the sections under the heading before
            continue
        page = reader.get_destination_page_number(item)
        if page is not None:
            # Chromium joins a heading's wrapped lines without a space in its outline.
            top.append(("".join(str(item.title).split()), page + 1))
    found: dict[str, int] = {}
    position = 0
    for anchor, title in chapters:
        for index in range(position, len(top)):
            if top[index][0] == "".join(title.split()):
                found[anchor] = top[index][1]
                position = index + 1
                break
    return found


def _only_files(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _print_book(browser: Any, site: Path, root: Path, folder: Path) -> bytes:
    """Print until the contents' page numbers agree with the pages the chapters start on."""
    chapters = toc_chapters(root)
    title = edition(root).title
    pages: dict[str, int] = {}
    page = browser.new_page()
    try:
        # The print document is on disk and refers only to itself; refuse anything else.
        page.route("**/*", _only_files)
        for _ in range(MAX_PRINTS):
            document, titles = print_document(site, root, pages)
            pdf = _print(page, document, folder, title)
            found = chapter_pages(pdf, [(c.anchor, t) for c, t in zip(chapters, titles, strict=True)])
            if found == pages:
                break
            pages = found
        else:
            raise PdfError(f"the contents' page numbers did not settle after {MAX_PRINTS} printings")
    finally:
        page.close()
    missing = [chapter.page for chapter in chapters if chapter.anchor not in pages]
    if missing:
        raise PdfError(f"chapters missing from the PDF's outline: {', '.join(missing)}")
    return pdf


def write_pdf(site: Path, root: Path, target: Path, browser: Any = None) -> tuple[Path, int]:
    """Print the built site at ``site`` as one PDF at ``target``; return it and its page count.

    ``browser`` is a Playwright Chromium already running; without one, the
    project's Chromium is started for the job.
    """
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="tracingbook-pdf-") as folder:
        if browser is not None:
            pdf = _print_book(browser, site, root, Path(folder))
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                started = playwright.chromium.launch(
                    executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
                )
                try:
                    pdf = _print_book(started, site, root, Path(folder))
                finally:
                    started.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return target, len(PdfReader(BytesIO(pdf)).pages)


_LINK_START, _LINK_END = "<!-- tracingbook pdf link -->", "<!-- /tracingbook pdf link -->"
_LINK_PLACE = re.compile(r'(?=<footer class="prev-next-footer)')


def link_from_landing_page(site: Path, root: Path, pdf: Path, page_count: int) -> Path:
    """Offer the PDF at the foot of the landing page's article (replacing an earlier offer)."""
    landing = site / toc_chapters(root)[0].page
    text = landing.read_text(encoding="utf-8")
    text = re.sub(re.escape(_LINK_START) + ".*?" + re.escape(_LINK_END), "", text, flags=re.DOTALL)
    href = os.path.relpath(pdf, landing.parent).replace(os.sep, "/")
    size = f"{pdf.stat().st_size / 1_000_000:.1f} MB"
    offer = (
        f'{_LINK_START}<p class="house-pdf-download"><a href="{html.escape(href)}" download>'
        f"Download the whole book as a PDF</a> ({page_count} pages, {size})</p>{_LINK_END}"
    )
    text, placed = _LINK_PLACE.subn(offer, text, count=1)
    if not placed:
        raise PdfError(f"{landing}: no article footer to put the PDF link before; the theme changed")
    landing.write_text(text, encoding="utf-8")
    return landing
