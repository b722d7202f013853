"""Sphinx extension: warnings about a notebook name its cell, as JupyterLab counts them.

A chapter that stops with an error (a student's ``1/0``) is told in one screen:
the chapter, the cell counted from the top as JupyterLab counts it, the line,
the error and the one command that runs the chapter again (:class:`CellError`,
which ``make notebooks`` and ``make check-outputs`` print too), instead of
MyST-NB's warning holding the whole traceback. The warnings that follow from
the cells that never ran (every value they would have glued) are left out.

MyST-NB numbers the lines of a notebook as ``cell × 10000 + line``, so a
misspelled glue name was reported at "index.ipynb:230004". This filter, placed
on Sphinx's warning stream right after Sphinx has worked out the location,
rewrites that as "index.ipynb, cell 23, line 3" (cells counted from 1, from
the top, as a reader of the notebook counts them) and says what to do about a
glue name that the chapter does not glue.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.util.logging import NAMESPACE, WarningLogRecordTranslator

# MyST-NB's own numbering of notebook lines: cell (from 1) × 10000, plus the
# line where the paragraph starts, counted from 1, plus one.
LINES_PER_CELL = 10000
_NOTEBOOK_LOCATION = re.compile(r"^(?P<path>.+\.ipynb):(?P<line>\d+)$")
_MISSING_GLUE = re.compile(r"No key '(?P<key>[^']+)' found in glue data for this document\.")


def cell_location(location: str) -> str:
    """``path.ipynb:230004`` → ``path.ipynb, cell 23, line 3``; anything else unchanged."""
    found = _NOTEBOOK_LOCATION.match(location)
    if not found:
        return location
    cell, line = divmod(int(found["line"]), LINES_PER_CELL)
    if cell == 0:
        return location
    return f"{found['path']}, cell {cell}, line {max(line - 1, 1)}"


def explain_missing_glue(message: str) -> str:
    found = _MISSING_GLUE.search(message)
    if not found:
        return message
    return (
        f"the text pastes {found['key']!r}, but no code cell of this chapter glues a value "
        "under that name. Correct the name in the text, or glue the value with "
        f"glue_number({found['key']!r}, ...) in a code cell."
    )


# The one command that runs a chapter again, alone, as the build ran it.
RERUN = "make notebooks CHAPTER={chapter}"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"Cell In\[(?P<prompt>\d+)\], line (?P<line>\d+)")
# How nbclient's CellExecutionError quotes the cell that failed.
_QUOTED_CELL = re.compile(r"executing the following cell:\n-{18}\n(?P<source>.*?)\n-{18}\n", re.DOTALL)
_EXECUTION_FAILED = "Executing notebook failed:"
_TRACEBACK_SAVED = "Notebook exception traceback saved in:"
# What Sphinx's show_warning_types adds to a warning: " [mystnb.exec]".
_WARNING_TYPE = re.compile(r"\s*\[[\w.]+\]\s*$")


@dataclass(frozen=True)
class CellError:
    """Where a chapter stopped and why, as a student reads it."""

    chapter: str
    cell: int | None  # from 1, every cell counted, as JupyterLab's cell list shows them
    line: int | None  # from 1, within the cell
    error: str  # "ZeroDivisionError: division by zero"
    code: str | None  # that line of the cell

    def message(self) -> str:
        where = self.chapter
        if self.cell is not None:
            where += f", cell {self.cell}"
            if self.line is not None:
                where += f", line {self.line}"
        lines = [f"{where}: {self.error}"]
        if self.code:
            lines.append(f"    {self.code.strip()}")
        lines.append(f"Run the chapter again with: {RERUN.format(chapter=self.chapter)}")
        return "\n".join(lines)


def _plain(text: str) -> str:
    return _ANSI.sub("", text)


def failing_line(traceback_text: str) -> int | None:
    """The failing cell's line: IPython's outermost frame, ``Cell In[n], line m``, is that cell's."""
    found = _CELL_FRAME.search(_plain(traceback_text))
    return int(found["line"]) if found else None


def cell_error(
    chapter: str, cells: Sequence[Any], position: int | None, traceback_text: str, error: str
) -> CellError:
    """A :class:`CellError` for the cell at ``position`` (from 1) of ``cells``."""
    cell = cells[position - 1] if position is not None and 0 < position <= len(cells) else None
    line = failing_line(traceback_text)
    code = None
    if cell is not None and line is not None:
        source_lines = str(cell.get("source", "")).splitlines()
        code = source_lines[line - 1] if 0 < line <= len(source_lines) else None
    return CellError(chapter, position, line if cell is not None else None, _plain(error).strip(), code)


def chapter_name(path: str | Path) -> str:
    """A chapter's path from the folder the command runs in, as a student types it."""
    relative = os.path.relpath(path)
    return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def error_from_execution_report(path: str, report: str) -> CellError:
    """MyST-NB's report of a failed notebook (nbclient's traceback) read as a :class:`CellError`."""
    import nbformat

    plain = _WARNING_TYPE.sub("", _plain(report))
    lines = [line for line in plain.splitlines() if line.strip()]
    error = lines[-1] if lines else "the chapter stopped"
    try:
        cells = list(nbformat.read(path, as_version=4).cells)
    except (OSError, ValueError):
        cells = []
    # nbclient quotes the failing cell, and skips empty cells: In[n] is the n-th code cell holding code.
    quoted, frame = _QUOTED_CELL.search(plain), _CELL_FRAME.search(plain)
    ran = [index for index, cell in enumerate(cells, 1) if cell.cell_type == "code" and cell.source.strip()]
    matching = [index for index in ran if quoted is not None and cells[index - 1].source == quoted["source"]]
    counted = (
        ran[int(frame["prompt"]) - 1] if frame is not None and 0 < int(frame["prompt"]) <= len(ran) else None
    )
    position = counted if counted in matching else next(iter(matching), None)
    return cell_error(chapter_name(path), cells, position, plain, error)


class NotebookCellLocation(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        # Chapters that stopped: the warnings their unrun cells cause say nothing new.
        self.stopped: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        path = location.split(":")[0].split(",")[0] if isinstance(location, str) else None
        if isinstance(record.msg, str) and not record.args and path is not None:
            if record.msg.startswith(_EXECUTION_FAILED):
                self.stopped.add(path)
                record.msg = error_from_execution_report(path, record.msg).message()
                record.location = None  # the message names the chapter, cell and line itself
                return True
            if path in self.stopped and (
                record.msg.startswith(_TRACEBACK_SAVED) or _MISSING_GLUE.search(record.msg)
            ):
                return False
        if isinstance(location, str):
            record.location = cell_location(location)
        if isinstance(record.msg, str) and not record.args:
            record.msg = explain_missing_glue(record.msg)
        return True


def install() -> bool:
    """Put the filter just after Sphinx's location translator; report whether it found one."""
    for handler in logging.getLogger(NAMESPACE).handlers:
        filters = handler.filters
        for index, existing in enumerate(filters):
            if isinstance(existing, WarningLogRecordTranslator):
                if not any(isinstance(item, NotebookCellLocation) for item in filters):
                    filters.insert(index + 1, NotebookCellLocation())
                return True
    return False
