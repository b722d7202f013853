"""A chapter reads like the page: each code cell is a call into the package and its glue.

The logic of a table or chart, its filtering and the words of its description
live in ``tracingbook.page``, where they have tests; a chapter's cell calls them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tracingbook.tools.toc import book_notebooks

from ..conftest import PROJECT_ROOT

MAX_LINES = 20
NOTEBOOKS = book_notebooks(PROJECT_ROOT)


def long_cells(notebook: nbformat.NotebookNode) -> list[tuple[int, int]]:
    """(cell number counted from 1, line count) for every code cell over the limit."""
    return [
        (number, len(cell.source.splitlines()))
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code" and len(cell.source.splitlines()) > MAX_LINES
    ]


def test_the_check_finds_a_long_code_cell_and_counts_its_lines() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("\n".join(["words"] * 30)),
        nbformat.v4.new_code_cell("\n".join(["x = 1"] * MAX_LINES)),
        nbformat.v4.new_code_cell("\n".join(["x = 1"] * (MAX_LINES + 1))),
    ]
    assert long_cells(notebook) == [(3, MAX_LINES + 1)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_no_chapter_code_cell_is_over_twenty_lines(path: Path) -> None:
    found = long_cells(nbformat.read(path, as_version=4))
    assert not found, (
        f"{path.name}: "
        + "; ".join(f"cell {number} has {count} lines" for number, count in found)
        + f" (at most {MAX_LINES}: move the logic into tracingbook.page, with a test)"
    )
