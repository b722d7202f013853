"""Chapter notebooks in one stored form, whoever writes them.

`make notebooks` executes a chapter and stores it; JupyterLab (through the save
hook of ``tracingbook.tools.lab``) saves the same bytes. Both pass through
:func:`normalise`, so a chapter opened and saved in JupyterLab without running
changes nothing on disk.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from tracingbook.sphinx.locations import RERUN, CellError, cell_error, chapter_name

KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 300
# JupyterLab rewrites both from the running kernel (display name, Python
# version); the stored form keeps only what does not vary between machines.
STORED_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": KERNEL_NAME},
    "language_info": {"name": "python"},
}
VEGA_LITE_PREFIX = "application/vnd.vegalite"
PNG = "image/png"


def as_javascript_reads_it(value: Any) -> Any:
    """The value after a JavaScript JSON round trip: ``3.0`` comes back as ``3``.

    JupyterLab parses a notebook in the browser and sends it back to be saved,
    so a float with an integral value would be stored as an int. Storing it as
    an int in the first place keeps the two writers byte-identical.
    """
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: as_javascript_reads_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_javascript_reads_it(item) for item in value]
    return value


def _drop_drawn_copy(output: nbformat.NotebookNode) -> None:
    """JupyterLab adds a PNG of every Vega-Lite chart it draws; the spec is the output."""
    data = output.get("data", {})
    if PNG in data and any(key.startswith(VEGA_LITE_PREFIX) for key in data):
        del data[PNG]


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what varies between machines, runs or writers: timings, versions, drawn copies."""
    notebook.metadata = nbformat.from_dict(STORED_METADATA)
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "id" not in cell:
            cell["id"] = f"cell-{index}"
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
                _drop_drawn_copy(output)
    normalised: nbformat.NotebookNode = nbformat.from_dict(as_javascript_reads_it(notebook))
    return normalised


class ChapterStopped(Exception):
    """A chapter stopped at a cell; the message names the cell, the line, the error and the command."""


def stopped_at(path: Path, notebook: nbformat.NotebookNode) -> CellError:
    """Where and why a run of ``notebook`` stopped, from the error output nbclient left in it."""
    for position, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                traceback = "\n".join(output.get("traceback", []))
                error = f"{output.get('ename')}: {output.get('evalue')}"
                return cell_error(chapter_name(path), notebook.cells, position, traceback, error)
    return CellError(chapter_name(path), None, None, "the chapter stopped before it finished", None)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder; :class:`ChapterStopped` on any error."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        allow_errors=False,
    )
    try:
        client.execute()
    except CellTimeoutError:
        raise ChapterStopped(
            f"{chapter_name(path)}: a cell ran longer than {TIMEOUT_SECONDS} s\n"
            f"Run the chapter again with: {RERUN.format(chapter=chapter_name(path))}"
        ) from None
    except (CellExecutionError, DeadKernelError):
        raise ChapterStopped(stopped_at(path, notebook).message()) from None
    return normalise(notebook)


def serialise(notebook: nbformat.NotebookNode) -> str:
    """The notebook's text exactly as jupyter_server writes it (nbformat, final newline)."""
    text: str = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def execute_in_place(path: Path) -> bool:
    """Re-execute and store a notebook; report whether its file changed."""
    text = serialise(execute(path))
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def stored_form_problems(path: Path) -> list[str]:
    """What keeps a stored chapter from being exactly what `make notebooks` writes.

    nbval compares every output with a fresh run but skips execution counts;
    this check covers the rest without running anything: the stored form, and
    counts 1, 2, 3 ... in order, as a run from the top gives.
    """
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    problems: list[str] = []
    if serialise(normalise(nbformat.reads(text, as_version=4))) != text:
        problems.append("is not in the stored form (metadata, number format or a drawn chart copy)")
    expected = 1
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        if cell.get("execution_count") != expected:
            problems.append(
                f"cell {number} has run count {cell.get('execution_count')}, not {expected}: "
                "it was not stored from one run from the top"
            )
            break
        expected += 1
    return problems
