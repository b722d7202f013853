"""The build never shows a number that disagrees with data/, and a rebuild with
nothing changed executes nothing. Run on a copy of the book cut down to its
landing page, so each build takes seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracingbook.build.toc import book_documents

from .conftest import PROJECT_ROOT, set_cell

BIN = Path(sys.executable).parent
MINIMAL_TOC = """format: jb-book
root: book/index
chapters:
  - file: book/references
"""
# The landing page links to every chapter; in the cut-down copy each is a stub
# page (nothing to execute), so those links resolve and the builds stay quick.
STUB_PAGE = "# {name}\n\nA stand-in for the chapter, so that links to it resolve.\n"


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TRACINGBOOK_DATA", None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def build(book: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [str(BIN / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"], book
    )


def nbval(book: Path) -> subprocess.CompletedProcess[str]:
    return run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider", "-q",
         "book/index.ipynb"],
        book,
    )  # fmt: skip


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    book = tmp_path / "book-copy"
    (book / "book").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "data", book / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", book / "book" / "_static")
    for name in ("index.ipynb", "references.md"):
        shutil.copy(PROJECT_ROOT / "book" / name, book / "book" / name)
    shutil.copy(PROJECT_ROOT / "_config.yml", book / "_config.yml")
    stubs = [
        path.stem
        for path in book_documents(PROJECT_ROOT)
        if path.name not in ("index.ipynb", "references.md")
    ]
    for name in stubs:
        (book / "book" / f"{name}.md").write_text(STUB_PAGE.format(name=name), encoding="utf-8")
    (book / "_toc.yml").write_text(MINIMAL_TOC + "".join(f"  - file: book/{name}\n" for name in stubs))
    return book


def landing_page(book: Path) -> str:
    return (book / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_data_edit_reaches_the_page_and_fails_nbval_until_refreshed(small_book: Path) -> None:
    cold = build(small_book)
    assert cold.returncode == 0, cold.stdout + cold.stderr
    # The landing page states the Home Office's requests of January 2014 to November 2016.
    assert "16,689" in landing_page(small_book)

    unchanged = build(small_book)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert "Executing notebook" not in unchanged.stdout + unchanged.stderr

    set_cell(
        small_book / "data" / "tracing_requests.csv", "figure_id", "ho-2014-2016-requests", "value", "16690"
    )
    edited = build(small_book)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert "Executing notebook" in edited.stdout + edited.stderr
    page = landing_page(small_book)
    assert "16,690" in page and "16,689" not in page

    stale = nbval(small_book)
    assert stale.returncode != 0, "nbval passed on outputs computed from old data"
    refresh = run([sys.executable, "-m", "tracingbook", "notebooks"], small_book)
    assert refresh.returncode == 0, refresh.stderr
    assert "updated  book/index.ipynb" in refresh.stdout
    fresh = nbval(small_book)
    assert fresh.returncode == 0, fresh.stdout


@pytest.mark.slow
def test_bad_data_stops_the_build_naming_file_line_and_column(small_book: Path) -> None:
    line = set_cell(
        small_book / "data" / "tracing_requests.csv", "figure_id", "ho-q1-2016-requests", "value", "-5"
    )
    result = build(small_book)
    assert result.returncode != 0
    assert f"tracing_requests.csv, line {line}, column 'value': [minimum]" in result.stdout + result.stderr
    assert not (small_book / "_build" / "html" / "book" / "index.html").exists()
