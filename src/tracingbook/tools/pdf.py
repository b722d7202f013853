"""The whole book as one PDF: Sphinx's single-page build, printed by the project's Chromium.

``jupyter-book build --builder singlehtml`` reuses the environment the site's
build left, so no chapter runs again and the PDF shows the site's own pages,
charts and edition line. Chromium prints that page in print media: the house
stylesheets' print rules leave out code, controls and navigation, and
``house-print.css`` sets the paper's measure. A title block (the site's
edition line) opens the book; the headings give the PDF its outline.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from tracingbook.sphinx.assets import packaged

PDF_NAME = "tracing-book.pdf"
CHROMIUM = "/usr/bin/chromium"
TEXT_WIDTH_PX = 605  # A4's 210 mm less house-print.css's side margins of 25 mm, at 96 px an inch
BUILD_FLAGS = ("--warningiserror", "--nitpick", "--keep-going")
_DIGEST_NAME = ".tracing-book.pdf.digest"
_LINK_START, _LINK_END = "<!-- tracingbook pdf link -->", "<!-- /tracingbook pdf link -->"
_LINK_BLOCK = re.compile(re.escape(_LINK_START) + ".*?" + re.escape(_LINK_END), re.DOTALL)
_LINK_PLACE = re.compile(r'(?=<footer class="prev-next-footer)')
_FOOTER = (
    '<div style="font-size:8pt;width:100%;padding:0 24mm;color:#4a5560;'
    "font-family:'Liberation Sans',Arial,sans-serif;display:flex;justify-content:space-between\">"
    "<span>{title}</span>"
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
# Before printing: every fold open (a chart's figures and sources belong on paper),
# and the book's title with the site's edition line on the first page.
_PREPARE = """(title) => {
  document.querySelectorAll("details").forEach((fold) => { fold.open = true; });
  const edition = document.querySelector(".house-edition");
  const block = document.createElement("header");
  block.className = "print-title";
  const name = document.createElement("p");
  name.className = "print-title__name";
  name.textContent = title;
  block.append(name);
  if (edition) block.append(edition.cloneNode(true));
  // The contents: each part of the book (a toctree, captioned in the navigation) and its chapters.
  const contents = document.createElement("nav");
  contents.className = "print-contents";
  contents.innerHTML = "<h2>Contents</h2>";
  const captions = Array.from(
    document.querySelectorAll("nav.bd-docs-nav p.caption"), (caption) => caption.textContent.trim());
  document.querySelectorAll("article.bd-article .toctree-wrapper").forEach((part, index) => {
    const list = document.createElement("ul");
    for (const chapter of part.querySelectorAll(":scope > section[id]")) {
      const heading = chapter.querySelector("h1, h2");
      const link = Object.assign(document.createElement("a"), { href: "#" + chapter.id });
      link.textContent = heading ? heading.textContent.replace(/#$/, "") : chapter.id;
      const item = document.createElement("li");
      item.append(link);
      list.append(item);
    }
    const name = Object.assign(document.createElement("p"), { className: "print-contents__part" });
    name.textContent = captions[index] || "";
    contents.append(name, list);
  });
  document.querySelector("article.bd-article").prepend(block, contents);
}"""
# Elements wider than the printed text block: they would be cut off.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("article table, article figure, article pre, article p"))
    .filter((node) => node.offsetParent !== null)
    .filter((node) => node.getBoundingClientRect().width > width + 1
      || node.scrollWidth > node.clientWidth + 1)
    .map((node) => node.tagName.toLowerCase() + ` "${
      node.textContent.trim().replace(/\\s+/g, " ").slice(0, 80)}"`);
}"""


class PdfError(RuntimeError):
    """The book could not be printed as it should be."""


def chromium_path() -> str:
    return os.environ.get("TRACINGBOOK_CHROMIUM", CHROMIUM)


def pages_digest(site: Path) -> str:
    """A digest of the site's pages as built (without the PDF's own link): what the PDF prints."""
    digest = hashlib.sha256()
    for page in sorted(site.rglob("*.html")):
        text = _LINK_BLOCK.sub("", page.read_text(encoding="utf-8"))
        digest.update(page.relative_to(site).as_posix().encode() + b"\0" + text.encode())
    return digest.hexdigest()


def single_page(root: Path, output: Path, landing: str) -> Path:
    """Build the book as one page under ``output`` and return a copy placed where its links resolve."""
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(root),
        "--builder",
        "singlehtml",
    ]
    done = subprocess.run(
        [*command, "--path-output", str(output), *BUILD_FLAGS], capture_output=True, text=True, check=False
    )
    folder = output / "_build" / "singlehtml"
    if done.returncode != 0 or not (folder / landing).is_file():
        raise PdfError("the single-page build failed:\n" + "\n".join(done.stdout.splitlines()[-15:]))
    # Sphinx writes the root document in its folder but links its files from the top folder.
    page = folder / "print.html"
    page.write_text((folder / landing).read_text(encoding="utf-8"), encoding="utf-8")
    return page


def _only_files(route: object) -> None:
    request_url = route.request.url  # type: ignore[attr-defined]
    route.continue_() if request_url.startswith("file:") else route.abort()  # type: ignore[attr-defined]


def print_page(page_file: Path, title: str, browser: object) -> bytes:
    """One page printed as an A4 book with numbered pages and an outline; PdfError if it overflows."""
    # Laid out at the width of the printed text block, so that the overflow check measures the paper's.
    page = browser.new_page(viewport={"width": TEXT_WIDTH_PX, "height": 1000})  # type: ignore[attr-defined]
    try:
        page.route("**/*", _only_files)  # the page refers only to its own files: refuse anything else
        page.emulate_media(media="print")
        page.goto(page_file.as_uri(), wait_until="load")
        page.add_style_tag(content=packaged("house-print.css"))
        page.evaluate(_PREPARE, title)
        wide = page.evaluate(_OVERFLOW)
        if wide:
            raise PdfError("wider than the printed page:\n  " + "\n  ".join(wide))
        return bytes(
            page.pdf(
                format="A4",
                prefer_css_page_size=True,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_FOOTER.format(title=html.escape(title)),
                outline=True,
                tagged=True,
            )
        )
    finally:
        page.close()


def write_pdf(root: Path, output: Path, landing: str, title: str, browser: object = None) -> tuple[Path, int]:
    """Print the book built under ``output`` (its site in ``_build/html``) as a PDF in that site."""
    from pypdf import PdfReader

    page_file = single_page(root, output, landing)
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            started = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            try:
                pdf = print_page(page_file, title, started)
            finally:
                started.close()
    else:
        pdf = print_page(page_file, title, browser)
    target = output / "_build" / "html" / PDF_NAME
    target.write_bytes(pdf)
    return target, len(PdfReader(BytesIO(pdf)).pages)


def is_current(site: Path) -> bool:
    """Whether the site's PDF was printed from the pages as they are now."""
    recorded = site / _DIGEST_NAME
    return (site / PDF_NAME).is_file() and recorded.is_file() and recorded.read_text() == pages_digest(site)


def link_from_landing_page(site: Path, landing: str, pdf: Path, page_count: int) -> Path:
    """Offer the PDF at the foot of the landing page's article (replacing an earlier offer)."""
    path = site / landing
    text = _LINK_BLOCK.sub("", path.read_text(encoding="utf-8"))
    href = os.path.relpath(pdf, path.parent).replace(os.sep, "/")
    size = f"{pdf.stat().st_size / 1_000_000:.1f} MB"
    offer = (
        f'{_LINK_START}<p class="house-pdf-download"><a href="{html.escape(href)}" download>'
        f"Download the whole book as a PDF</a> ({page_count} pages, {size})</p>{_LINK_END}"
    )
    text, placed = _LINK_PLACE.subn(offer, text, count=1)
    if not placed:
        raise PdfError(f"{path}: no article footer to put the PDF link before; the theme changed")
    path.write_text(text, encoding="utf-8")
    (site / _DIGEST_NAME).write_text(pages_digest(site))
    return path
