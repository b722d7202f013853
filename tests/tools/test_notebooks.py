"""Every chapter is stored as `make notebooks` and JupyterLab write it, ends with
the list of its glued values, and a stale chapter is reported in a few lines.

No chapter is executed here: nbval (`python -m tracingbook check-outputs`)
executes each one once per `make test` and compares every output with the
stored one. What nbval skips (execution counts, the stored form) is checked
here from the files alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tracingbook.tools.notebooks import (
    as_javascript_reads_it,
    execute_in_place,
    normalise,
    serialise,
    stored_form_problems,
)
from tracingbook.tools.pasted import glued_names
from tracingbook.tools.toc import book_notebooks

from ..conftest import PROJECT_ROOT

NOTEBOOKS = book_notebooks(PROJECT_ROOT)
SHOW_GLUED = "show_glued()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_chapter_is_stored_as_one_run_from_the_top_would_store_it(path: Path) -> None:
    assert stored_form_problems(path) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_chapter_ends_by_listing_each_glued_value_outside_the_site(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    last = notebook.cells[-1]
    assert last.cell_type == "code" and last.source.rstrip().endswith(SHOW_GLUED)
    assert "remove-cell" in last.metadata.get("tags", []), "the list is for JupyterLab, not the site"
    listed = "".join(last.outputs[0]["data"]["text/plain"])
    names = [line.split()[0] for line in listed.splitlines()[2:]]
    assert sorted(names) == sorted(glued_names(json.loads(path.read_text(encoding="utf-8"))))


def test_integral_floats_are_stored_as_javascript_writes_them_back() -> None:
    spec = {"x": 3.0, "y": [1.0, 0.5, -0.0], "z": {"w": 1e16}, "n": 2, "ok": True, "s": "3.0"}
    assert as_javascript_reads_it(spec) == {
        "x": 3, "y": [1, 0.5, 0], "z": {"w": 10**16}, "n": 2, "ok": True, "s": "3.0"
    }  # fmt: skip
    assert type(as_javascript_reads_it(spec)["x"]) is int
    assert as_javascript_reads_it(float("inf")) == float("inf")


def _notebook_with_outputs(outputs: list[dict[str, object]]) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        "chart", execution_count=1, outputs=[nbformat.from_dict(o) for o in outputs]
    )
    cell["id"] = "cell-0"
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}}
    return notebook


def test_the_drawn_copy_jupyterlab_adds_to_a_chart_is_dropped_but_a_picture_is_kept() -> None:
    chart = {"output_type": "display_data", "metadata": {},
             "data": {"application/vnd.vegalite.v5+json": {"mark": "bar"}, "image/png": "iVBOR"}}  # fmt: skip
    picture = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}
    stored = normalise(_notebook_with_outputs([chart, picture]))
    assert [sorted(output["data"]) for output in stored.cells[0].outputs] == [
        ["application/vnd.vegalite.v5+json"],
        ["image/png"],
    ]
    assert stored.metadata.kernelspec.display_name == "Python 3"
    assert stored.metadata.language_info == {"name": "python"}


def test_the_stored_form_check_names_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "chapter.ipynb"
    notebook = _notebook_with_outputs([])
    notebook.cells.append(nbformat.v4.new_code_cell("x = 1", execution_count=3))
    notebook.cells[1]["id"] = "cell-1"
    path.write_text(serialise(notebook), encoding="utf-8")
    assert stored_form_problems(path) == [
        "is not in the stored form (metadata, number format or a drawn chart copy)",
        "cell 2 has run count 3, not 2: it was not stored from one run from the top",
    ]
    path.write_text(serialise(normalise(notebook)).replace('"execution_count": 3', '"execution_count": 2'))
    assert stored_form_problems(path) == []


def _chapter(code: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A chapter"), nbformat.v4.new_code_cell(code)]
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    return notebook


@pytest.mark.slow
def test_stale_outputs_are_reported_per_chapter_with_old_and_new_values(tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/stale\nchapters:\n  - file: book/broken\n  - file: book/renamed\n"
    )
    glue = "from tracingbook.page.glue import glue_number\n"
    chapters = {
        "stale": glue + 'glue_number("answer", int(open("answer.txt").read()))',
        "broken": 'count = int(open("count.txt").read())',
        "renamed": glue + 'glue_number(open("name.txt").read(), 1)',
    }  # fmt: skip
    (book / "answer.txt").write_text("41")
    (book / "count.txt").write_text("7")
    (book / "name.txt").write_text("old_name")
    for name, code in chapters.items():
        path = book / f"{name}.ipynb"
        path.write_text(serialise(_chapter(code)), encoding="utf-8")
        execute_in_place(path)
    (book / "answer.txt").write_text("42")
    (book / "count.txt").write_text("seven")
    (book / "name.txt").write_text("new_name")

    result = subprocess.run(
        [sys.executable, "-m", "tracingbook", "check-outputs"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    report = result.stdout[result.stdout.index("Stored outputs disagree") :].splitlines()[:14]
    assert report == [
        "Stored outputs disagree with a fresh run in 3 chapter(s):",
        "  book/stale.ipynb",
        "    cell 2 ([1] in JupyterLab):",
        "      answer: 41 → 42",
        "  book/broken.ipynb, cell 2, line 1: ValueError: invalid literal for int() with base 10: 'seven'",
        '      count = int(open("count.txt").read())',
        "  Run the chapter again with: make notebooks CHAPTER=book/broken.ipynb",
        "  (the cells after it cannot run; fix that first)",
        "  book/renamed.ipynb",
        "    cell 2 ([1] in JupyterLab):",
        "      old_name: no longer glued (was 1)",
        "      new_name: newly glued (1)",
        "If the data or the code changed on purpose, run `make notebooks` to store fresh outputs,",
        "then `git diff --stat book/` shows which chapters changed.",
    ]
    assert len(result.stdout.splitlines()) < 30
    assert "Traceback" not in result.stdout and '"data"' not in result.stdout


def test_the_notebook_command_refuses_unknown_paths(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracingbook", "notebooks", str(tmp_path / "missing.ipynb")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "not chapter notebooks listed in _toc.yml" in result.stderr
