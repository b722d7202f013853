"""A chapter that stops (a student's ``1/0``) is told in one screen, by the build and by the make commands.

The message names the chapter, the cell counted from the top as JupyterLab
counts it (not IPython's ``In[n]``), the line, the error and the one command
that runs the chapter again; no traceback, no "report this to the developers".
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tracingbook.sphinx.locations import (
    CellError,
    NotebookCellLocation,
    cell_error,
    error_from_execution_report,
)

from .conftest import PROJECT_ROOT

RED, BOLD, RESET = "\x1b[0;31m", "\x1b[1;32m", "\x1b[0m"
# As nbclient words a failed cell and IPython formats its traceback (colours included).
REPORT = f"""Executing notebook failed: CellExecutionError
Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/nbclient/client.py", line 918, in _check_raise_for_error
    raise CellExecutionError.from_cell_and_msg(cell, exec_reply_content)
nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:
------------------
y = 2
z = 1/0
print(z)
------------------


{RED}---------------------------------------------------------------------------{RESET}
{RED}ZeroDivisionError{RESET}                         Traceback (most recent call last)
Cell {BOLD}In[2]{RESET}, line {BOLD}2{RESET}
{BOLD}      1{RESET} y = 2
{BOLD}----> 2{RESET} z = 1/0
{BOLD}      3{RESET} print(z)

{RED}ZeroDivisionError{RESET}: division by zero

 [mystnb.exec]"""


def _chapter(path: Path, failing: str = "y = 2\nz = 1/0\nprint(z)") -> Path:
    """Prose, a cell that runs, an empty cell, prose, and the failing cell: the 5th cell, IPython's In[2]."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A chapter\n\nSome prose."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell(""),
        nbformat.v4.new_markdown_cell("More prose."),
        nbformat.v4.new_code_cell(failing),
    ]
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


EXPECTED = (
    "book/index.ipynb, cell 5, line 2: ZeroDivisionError: division by zero\n"
    "    z = 1/0\n"
    "Run the chapter again with: make notebooks CHAPTER=book/index.ipynb"
)


def test_the_build_report_names_the_cell_as_jupyterlab_counts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _chapter(tmp_path / "book" / "index.ipynb")
    monkeypatch.chdir(tmp_path)
    error = error_from_execution_report(str(tmp_path / "book" / "index.ipynb"), REPORT)
    assert error == CellError("book/index.ipynb", 5, 2, "ZeroDivisionError: division by zero", "z = 1/0")
    assert error.message() == EXPECTED


def test_a_cell_whose_text_repeats_is_found_by_its_run_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _chapter(tmp_path / "book" / "index.ipynb", failing="x = 1")
    monkeypatch.chdir(tmp_path)
    report = REPORT.replace("y = 2\nz = 1/0\nprint(z)", "x = 1").replace(
        "line \x1b[1;32m2", "line \x1b[1;32m1"
    )
    assert error_from_execution_report(str(path), report).cell == 5


def test_a_report_that_names_no_cell_still_gives_the_error_and_the_command() -> None:
    error = error_from_execution_report(
        "/nowhere/book/x.ipynb", "Executing notebook failed: DeadKernelError\n"
    )
    assert error.cell is None and error.error == "Executing notebook failed: DeadKernelError"
    assert "make notebooks CHAPTER=" in error.message()


def test_a_syntax_error_names_its_line() -> None:
    traceback = "  Cell \x1b[1;32mIn[3], line 2\x1b[0m\n    z = 1/\n          ^\nSyntaxError: invalid syntax"
    cells = [{"source": "# a"}, {"source": "y = 2\nz = 1/"}]
    error = cell_error("book/a.ipynb", cells, 2, traceback, "SyntaxError: invalid syntax")
    assert error.message().splitlines()[:2] == [
        "book/a.ipynb, cell 2, line 2: SyntaxError: invalid syntax",
        "    z = 1/",
    ]


def _record(message: str, location: str) -> logging.LogRecord:
    record = logging.LogRecord("sphinx", logging.WARNING, "", 0, message, None, None)
    record.location = location  # type: ignore[attr-defined]
    return record


def test_the_warning_filter_tells_the_stop_once_and_drops_what_follows_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _chapter(tmp_path / "book" / "index.ipynb")
    monkeypatch.chdir(tmp_path)
    where = NotebookCellLocation()
    failed = _record(REPORT, str(path))
    assert where.filter(failed)
    assert failed.getMessage() == EXPECTED and failed.location is None  # type: ignore[attr-defined]
    saved = _record(f"Notebook exception traceback saved in: {tmp_path}/x.err.log", str(path))
    unrun = _record("No key 'later' found in glue data for this document.", f"{path}:60003")
    elsewhere = _record(
        "No key 'typo' found in glue data for this document.", f"{tmp_path}/other.ipynb:20002"
    )
    assert not where.filter(saved) and not where.filter(unrun)
    assert where.filter(elsewhere) and "pastes 'typo'" in elsewhere.getMessage()


# ---------------------------------------------------------------- the commands, end to end


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    _chapter(root / "book" / "index.ipynb")
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", root / "book" / "_static")
    shutil.copy(PROJECT_ROOT / "_config.yml", root / "_config.yml")
    shutil.copy(PROJECT_ROOT / "Makefile", root / "Makefile")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    return root


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TRACINGBOOK_DATA", None)
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, check=False, timeout=600
    )


def _one_screen(output: str) -> None:
    told = "\n".join(line.strip() for line in output.splitlines())
    assert "\n".join(line.strip() for line in EXPECTED.splitlines()) in told, output[-3000:]
    assert "Traceback" not in output and "report" not in output.lower().replace("reports/", ""), output[
        -3000:
    ]
    assert "In[2]" not in output


@pytest.mark.slow
def test_make_notebooks_and_check_outputs_tell_the_stop_in_one_screen(tmp_path: Path) -> None:
    root = _project(tmp_path)
    # The chapter as stored from a good run, then the student's edit, saved without running.
    chapter = root / "book" / "index.ipynb"
    _chapter(chapter, failing="y = 2\nz = 1/1\nprint(z)")
    assert _run(root, sys.executable, "-m", "tracingbook", "notebooks").returncode == 0
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("z = 1/1", "z = 1/0"), encoding="utf-8")
    stored = chapter.read_bytes()
    notebooks = _run(root, sys.executable, "-m", "tracingbook", "notebooks")
    assert notebooks.returncode == 1
    _one_screen(notebooks.stderr)
    assert notebooks.stderr.strip().endswith(EXPECTED)
    assert (root / "book" / "index.ipynb").read_bytes() == stored, "a stopped chapter is not stored"
    alone = _run(root, sys.executable, "-m", "tracingbook", "notebooks", "book/index.ipynb")
    assert alone.returncode == 1 and alone.stderr.strip().endswith(EXPECTED)
    checked = _run(root, sys.executable, "-m", "tracingbook", "check-outputs")
    assert checked.returncode != 0
    _one_screen(checked.stdout + checked.stderr)


@pytest.mark.slow
def test_a_strict_build_tells_the_stop_in_one_screen(tmp_path: Path) -> None:
    root = _project(tmp_path)
    bin_dir = Path(sys.executable).parent
    built = _run(
        root, str(bin_dir / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"
    )
    assert built.returncode == 1
    output = built.stdout + built.stderr
    _one_screen(output)
    assert "please report" not in output.lower() and "Exception occurred" not in output
    told = output[output.index("reading sources") :].splitlines()
    assert len(told) < 40, "\n".join(told)
