"""`book/rerun.md`, the students' guide, says what the project really does.

The browser half (change a figure in JupyterLab, Run All, read the new number,
`make restore`) is tests/browser/test_rerun_exercise.py; here are the address,
the order of the steps, what `make lab` prints, and the worked exercise.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tracingbook.data.load import load_book_data
from tracingbook.sphinx.repository import repository_url
from tracingbook.tools.lab import banner
from tracingbook.tools.pasted import unknown_names
from tracingbook.tools.prose import check_markdown

from ..conftest import PROJECT_ROOT

GUIDE = (PROJECT_ROOT / "book" / "rerun.md").read_text(encoding="utf-8")
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
REPOSITORY = "https://github.com/patients-records/tracing-book"


def named_block(name: str) -> str:
    """The content of the guide's ``{code-block}`` with ``:name: <name>``, unindented."""
    found = re.search(rf"```{{code-block}} \w+\n\s*:name: {name}\n(.*?)\n\s*```", GUIDE, re.S)
    assert found, f"the guide has no code block named {name}"
    lines = found[1].splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines)


def test_the_clone_address_comes_from_the_configuration_and_is_typed_once() -> None:
    assert repository_url(PROJECT_ROOT / "_config.yml") == REPOSITORY
    assert re.search(r"git clone \{\{ repository_url_code \}\} tracing-book", GUIDE)
    assert REPOSITORY not in GUIDE and "REPOSITORY_URL" not in GUIDE
    # GitHub shows the README unbuilt, so it types the address: the same one.
    assert f"git clone {repository_url(PROJECT_ROOT / '_config.yml')}\n" in README


def test_the_guide_shows_what_make_lab_prints() -> None:
    printed = banner("http://localhost:8888/lab?token=…").strip().splitlines()
    shown = GUIDE[GUIDE.index("```text\nJupyterLab is running") :]
    shown = shown[len("```text\n") : shown.index("```", 3)]
    assert shown.strip().splitlines() == printed
    assert "Ctrl-C" in GUIDE and "second terminal" in GUIDE


@pytest.mark.parametrize("document", ["book/rerun.md", "README.md"])
def test_the_steps_come_in_the_order_a_student_takes_them(document: str) -> None:
    text = (PROJECT_ROOT / document).read_text(encoding="utf-8")
    steps = ["make lab", "Run All Cells", "ho-2014-2016-requests", "make html", "make test", "make restore"]
    position = 0
    for step in steps:
        found = text.find(step, position)
        assert found >= 0, f"{document}: {step!r} does not follow the steps before it"
        position = found + len(step)


def test_the_guide_and_readme_say_how_to_test_without_debian_chromium() -> None:
    for text in (GUIDE, README):
        assert "CHROMIUM=" in text and "make test-nobrowser" in text and "apt-get" in text


@pytest.mark.slow
def test_the_worked_exercise_adds_a_valid_row_and_pastes_a_computed_number(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    table = tmp_path / "data" / "tracing_requests.csv"
    row = named_block("exercise-row")
    assert len(row.split(",")) == len(table.read_text(encoding="utf-8").splitlines()[0].split(","))
    table.write_text(table.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    assert load_book_data(tmp_path / "data").value("practice-ho-dec-2016-requests") == 500

    prose = named_block("exercise-prose")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(named_block("exercise-code")),
        nbformat.v4.new_markdown_cell(prose),
        nbformat.v4.new_code_cell("from tracingbook.page.glue import show_glued\n\nshow_glued()"),
    ]
    (tmp_path / "book").mkdir()
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path / "book")}}).execute()  # fmt: skip
    path = tmp_path / "book" / "exercise.ipynb"
    nbformat.write(notebook, path)

    assert check_markdown(prose, "exercise") == [], "the sentence must type no figure"
    assert unknown_names(path, tmp_path) == [], "the sentence must paste a name the code glues"
    listed = "".join(notebook.cells[-1].outputs[0]["data"]["text/plain"])
    assert re.search(r"practice_per_day\s+16\.129\b", listed), listed
