"""The readers' build never shows a number that disagrees with data/, and a
rebuild with nothing changed executes nothing; nbval fails until the outputs
are stored afresh; the test build executes nothing; a build warning about a
notebook names its cell.

Run on a copy of the book cut down to one small probe chapter that glues one
figure from the synthetic data package (tests/fixtures/data), so each build and
each execution takes seconds and no chapter of the book is executed here (nbval
executes each one, once).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tracingbook.sphinx.data import STORED_OUTPUTS_VARIABLE
from tracingbook.tools.notebooks import serialise

from ..conftest import PROJECT_ROOT, set_cell, write_small_data

BIN = Path(sys.executable).parent
TOC = """format: jb-book
root: book/index
chapters:
  - file: book/references
"""
PROSE = "# Probe\n\nIn the first quarter of 2016 the Home Office made {glue:text}`q1_requests:,d` requests."
CODE = """from tracingbook import load_book_data
from tracingbook.page.glue import glue_number

data = load_book_data()
q1 = glue_number("q1_requests", data.value("q1-2016-requests"))"""


def run(command: list[str], cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **variables}
    env.pop("TRACINGBOOK_DATA", None)
    if STORED_OUTPUTS_VARIABLE not in variables:
        env.pop(STORED_OUTPUTS_VARIABLE, None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def build(book: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"]
    return run(command, book, **variables)


def nbval(book: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "tracingbook", "check-outputs"], book)


def probe_notebook(prose: str = PROSE) -> str:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(prose), nbformat.v4.new_code_cell(CODE)]
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    return serialise(notebook)


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    book = tmp_path / "book-copy"
    (book / "book").mkdir(parents=True)
    write_small_data(book / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copy(PROJECT_ROOT / "book" / "references.md", book / "book" / "references.md")
    shutil.copy(PROJECT_ROOT / "_config.yml", book / "_config.yml")
    (book / "_toc.yml").write_text(TOC, encoding="utf-8")
    (book / "book" / "index.ipynb").write_text(probe_notebook(), encoding="utf-8")
    return book


def landing_page(book: Path) -> str:
    return (book / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")


def edit_q1(book: Path, value: str) -> int:
    return set_cell(book / "data" / "tracing_requests.csv", "figure_id", "q1-2016-requests", "value", value)


@pytest.mark.slow
def test_a_data_edit_reaches_the_readers_page_and_fails_nbval_until_refreshed(small_book: Path) -> None:
    stored = run([sys.executable, "-m", "tracingbook", "notebooks"], small_book)
    assert stored.returncode == 0, stored.stderr
    cold = build(small_book)
    assert cold.returncode == 0, cold.stdout + cold.stderr
    assert "1,500" in landing_page(small_book)

    unchanged = build(small_book)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert "Executing notebook" not in unchanged.stdout + unchanged.stderr

    edit_q1(small_book, "1501")
    # The chapter's file is as it was: only the data's fingerprint makes the readers'
    # build execute afresh and show the edited value.
    readers = build(small_book)
    assert readers.returncode == 0, readers.stdout + readers.stderr
    assert "Executing notebook" in readers.stdout + readers.stderr
    page = landing_page(small_book)
    assert "1,501" in page and "1,500" not in page

    stale = nbval(small_book)
    assert stale.returncode != 0, "nbval passed on outputs computed from old data"
    assert "q1_requests: 1500 → 1501" in stale.stdout
    refresh = run([sys.executable, "-m", "tracingbook", "notebooks"], small_book)
    assert refresh.returncode == 0, refresh.stderr
    assert "updated  book/index.ipynb" in refresh.stdout
    fresh = nbval(small_book)
    assert fresh.returncode == 0, fresh.stdout


@pytest.mark.slow
def test_bad_data_stops_the_build_naming_file_line_and_column(small_book: Path) -> None:
    line = edit_q1(small_book, "-5")
    result = build(small_book)
    assert result.returncode != 0
    assert f"tracing_requests.csv, line {line}, column 'value': [minimum]" in result.stdout + result.stderr
    assert not (small_book / "_build" / "html" / "book" / "index.html").exists()


@pytest.mark.slow
def test_the_test_build_executes_nothing_and_names_a_misspelled_glue_names_cell_and_line(
    small_book: Path,
) -> None:
    misspelled = PROSE.replace("q1_requests", "q1_reqests")
    (small_book / "book" / "index.ipynb").write_text(probe_notebook(misspelled), encoding="utf-8")
    # As make test builds: from the stored outputs (here none), executing nothing.
    result = build(small_book, **{STORED_OUTPUTS_VARIABLE: "1"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "showing the outputs stored in the notebooks" in output
    assert "Executing notebook" not in output
    assert "book/index.ipynb, cell 1, line 3: WARNING: the text pastes 'q1_reqests'" in output
    assert ":10003" not in output
