"""Execute chapter notebooks so that their stored form is byte-for-byte repeatable."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 300


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what varies between machines or runs: timings, versions, widget state."""
    notebook.metadata = nbformat.from_dict(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": KERNEL_NAME},
            "language_info": {"name": "python"},
        }
    )
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "id" not in cell:
            cell["id"] = f"cell-{index}"
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return notebook


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder; raise on any error."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        allow_errors=False,
    )
    client.execute()
    return normalise(notebook)


def serialise(notebook: nbformat.NotebookNode) -> str:
    text: str = nbformat.writes(notebook)
    return text + "\n"


def execute_in_place(path: Path) -> bool:
    """Re-execute and store a notebook; report whether its file changed."""
    text = serialise(execute(path))
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
