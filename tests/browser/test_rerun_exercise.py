"""The guide's exercise, done in a real JupyterLab as `book/rerun.md` tells it.

On a fresh copy of the project: `make lab`, change the figure the guide names
in `data/`, open the opening chapter, Run ▸ Run All Cells, and read the new
number in the notebook's own text (the list of glued values at its end).
Then the guide's one clean-up command puts everything back as committed.
This runs one chapter once, in JupyterLab, as a student would.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .lab import PROJECT_ROOT, copy_project, git_changes, make_lab
from .test_jupyterlab import LOAD_MS, choose, open_page, save, wait_for_kernel

pytestmark = pytest.mark.browser

GUIDE = PROJECT_ROOT / "book" / "rerun.md"
CHAPTER = "book/index.ipynb"
FIGURE_ID = "ho-2014-2016-requests"
GLUED_NAME = "requests_2014_2016"
ADDED = 11  # the guide's "for example, add 11"


def set_value(text: str, figure_id: str, change: int) -> tuple[str, int]:
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    (row,) = [row for row in rows[1:] if row[header.index("figure_id")] == figure_id]
    row[header.index("value")] = str(int(row[header.index("value")]) + change)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue(), int(row[header.index("value")])


def save_through_jupyterlab(base: str, token: str, path: str, text: str) -> None:
    """What JupyterLab's text editor sends when the student saves the file."""
    body = json.dumps({"type": "file", "format": "text", "content": text}).encode()
    request = urllib.request.Request(
        f"{base}/api/contents/{path}?token={token}", data=body, method="PUT",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200


FIND_ROW = """([name, value]) => {
  const scroller = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (scroller) scroller.scrollTop = scroller.scrollHeight;
  const rows = [...document.querySelectorAll('.jp-OutputArea-output tr')];
  const row = rows.find(row => row.textContent.includes(name) && row.textContent.includes(value));
  return row ? row.textContent.trim().split(/\\s+/) : null;
}"""


def read_row_at_the_end(page: Any, name: str, value: str) -> list[str]:
    """The cells of the row naming ``name`` once it shows ``value``, the notebook scrolled to its end."""
    deadline = time.monotonic() + LOAD_MS / 1000
    while time.monotonic() < deadline:
        row = page.evaluate(FIND_ROW, [name, value])
        if row:
            return list(row)
        time.sleep(1)
    raise AssertionError(f"after Run All, no row shows {name} = {value}")


def test_the_guide_names_the_figure_and_the_clean_up_this_test_uses() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"`{FIGURE_ID}`" in guide and f"`{GLUED_NAME}`" in guide and f"`{ADDED}`" in guide
    assert "make restore" in guide


def test_changing_a_figure_and_running_the_chapter_shows_the_new_number(
    chromium: Any, tmp_path: Path
) -> None:
    root = copy_project(tmp_path / "clone")
    data_file = root / "data" / "tracing_requests.csv"
    edited, new_value = set_value(data_file.read_text(encoding="utf-8"), FIGURE_ID, ADDED)
    shown = f"{new_value:,}"
    assert shown not in (root / CHAPTER).read_text(encoding="utf-8")

    with make_lab(root, tmp_path / "lab") as lab:
        save_through_jupyterlab(
            f"http://localhost:{lab.port}", lab.token, "data/tracing_requests.csv", edited
        )
        outside: list[str] = []
        context, page = open_page(chromium, lab, CHAPTER, outside)
        try:
            wait_for_kernel(page)
            time.sleep(2)  # let the notebook settle after its kernel starts, as a person would
            choose(page, "Run", "Run All Cells")
            # The last cell lists every glued value by name; the new number appears in its row.
            # JupyterLab draws only the cells in view, so scroll to the end, as a reader would.
            cells = read_row_at_the_end(page, GLUED_NAME, shown)
            save(page, root / CHAPTER)
        finally:
            context.close()
    assert cells == [GLUED_NAME, shown]
    assert outside == []
    assert sorted(git_changes(root)) == [" M book/index.ipynb", " M data/tracing_requests.csv"]

    restore = subprocess.run(["make", "restore"], cwd=root, capture_output=True, text=True, check=False)
    assert restore.returncode == 0, restore.stderr
    assert git_changes(root) == []
