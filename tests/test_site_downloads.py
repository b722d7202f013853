"""Every CSV the built site offers opens in a spreadsheet as text, never as a formula.

A copy of data/ gets texts a spreadsheet would run; a build of the data
appendix and a chapter with a chart offers them, through every download link
its pages hold, with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup

from tracingbook.page.downloads import FORMULA_STARTS

from .conftest import PROJECT_ROOT, set_cell

pytestmark = pytest.mark.slow

HYPERLINK = '=HYPERLINK("https://example.org/?leak","open")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _hostile_book(tmp_path: Path) -> Path:
    book = tmp_path / "book-copy"
    (book / "book").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "data", book / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", book / "book" / "_static")
    for name in ("data.ipynb", "history.ipynb", "references.md"):
        shutil.copy(PROJECT_ROOT / "book" / name, book / "book" / name)
    shutil.copy(PROJECT_ROOT / "_config.yml", book / "_config.yml")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/data\nchapters:\n  - file: book/history\n  - file: book/references\n"
    )
    timeline = book / "data" / "timeline.csv"
    set_cell(timeline, "event_id", "information-centre-founded-buzzfeed", "description", HYPERLINK)
    set_cell(timeline, "event_id", "information-centre-founded-buzzfeed", "locator", PLUS)
    sources = book / "data" / "sources.csv"
    set_cell(sources, "id", "buzzfeed-2017-02", "publisher", MINUS)
    set_cell(sources, "id", "buzzfeed-2017-02", "title", SUM)
    return book


def _downloadable_csvs(site: Path) -> set[Path]:
    """Every CSV a page of the site links to."""
    found = set()
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            target = unquote(str(link["href"]).split("#")[0].split("?")[0])
            if target.lower().endswith(".csv") and "://" not in target:
                found.add(Path(urljoin(page.as_uri(), target).removeprefix("file://")).resolve())
    return found


def test_every_csv_the_site_offers_is_safe_in_a_spreadsheet(tmp_path: Path) -> None:
    book = _hostile_book(tmp_path)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TRACINGBOOK_DATA", None)
    validated = subprocess.run([sys.executable, "-m", "tracingbook", "validate"], cwd=book, env=env,
                               capture_output=True, text=True, check=False)  # fmt: skip
    assert validated.returncode == 0, validated.stdout + validated.stderr
    # Not strict: this small book lacks the chapters the history's links name.
    built = subprocess.run([str(bin_dir / "jupyter-book"), "build", ".", "--keep-going"], cwd=book, env=env,
                           capture_output=True, text=True, check=False)  # fmt: skip
    site = book / "_build" / "html"
    assert (site / "book" / "history.html").is_file(), built.stdout[-3000:] + built.stderr[-3000:]

    offered = _downloadable_csvs(site)
    assert all(path.is_file() for path in offered), sorted(map(str, offered))
    charts = {path for path in offered if "_static/charts" in path.as_posix()}
    data_files = {path for path in offered if "_downloads" in path.as_posix()}
    assert charts and {path.name for path in data_files} >= {"timeline.csv", "sources.csv"}

    cells: dict[Path, list[str]] = {}
    for path in offered:
        cells[path] = [
            cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row
        ]
        risky = [c for c in cells[path] if c.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(c)]
        assert risky == [], f"{path.relative_to(site)} offers cells a spreadsheet would run: {risky[:5]}"

    timeline_download = next(path for path in data_files if path.name == "timeline.csv")
    sources_download = next(path for path in data_files if path.name == "sources.csv")
    assert {"'" + HYPERLINK, "'" + PLUS} <= set(cells[timeline_download])
    assert {"'" + MINUS, "'" + SUM} <= set(cells[sources_download])
    chart_cells = {cell for path in charts for cell in cells[path]}
    assert {"'" + HYPERLINK, "'" + PLUS, "'" + MINUS} <= chart_cells
    # The data files in data/ are left as written.
    as_written = (book / "data" / "timeline.csv").read_text(encoding="utf-8")
    assert HYPERLINK in {cell for row in csv.reader(io.StringIO(as_written)) for cell in row}
