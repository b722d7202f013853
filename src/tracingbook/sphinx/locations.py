"""Sphinx extension: warnings about a notebook name its cell, as JupyterLab counts them.

MyST-NB numbers the lines of a notebook as ``cell × 10000 + line``, so a
misspelled glue name was reported at "index.ipynb:230004". This filter, placed
on Sphinx's warning stream right after Sphinx has worked out the location,
rewrites that as "index.ipynb, cell 23, line 3" (cells counted from 1, from
the top, as a reader of the notebook counts them) and says what to do about a
glue name that the chapter does not glue.
"""

from __future__ import annotations

import logging
import re
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


class NotebookCellLocation(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
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


def setup(app: Any) -> dict[str, Any]:
    install()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
