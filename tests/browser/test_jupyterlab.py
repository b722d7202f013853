"""A student's JupyterLab, started with `make lab` on a copy of the project.

- It shows a chapter's stored chart, greets with no news or update prompt, and
  neither the page nor the server (nor a kernel) calls any other machine, even
  with the extension manager open.
- Opening a chapter and saving it without running changes no byte on disk,
  although JupyterLab rewrites the kernel's metadata, reads ``3.0`` as ``3``
  and adds a PNG to every chart it draws.
- The guide's exercise (`book/rerun.md`), as a student does it: change the
  figure the guide names in `data/`, open the opening chapter, Run ▸ Run All
  Cells, read the new number in the notebook's own text (the list of glued
  values at its end), then put everything back with the guide's one command.
  This runs one chapter once, in JupyterLab.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .lab import PROJECT_ROOT, RunningLab, copy_project, git_changes, make_lab

pytestmark = pytest.mark.browser

LOAD_MS = 180_000
# JupyterLab draws Vega charts on a canvas. Axes, grid and text are greys;
# only the marks are in colour, so coloured pixels mean the data were drawn.
COUNT_MARK_PIXELS = """() => {
  const canvas = document.querySelector('.jp-OutputArea .vega-embed canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let coloured = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const channels = [pixels[i], pixels[i + 1], pixels[i + 2]];
    if (pixels[i + 3] > 0 && Math.max(...channels) - Math.min(...channels) > 60) coloured += 1;
  }
  return coloured;
}"""
NEWS_PROMPT = "Would you like to get notified about official Jupyter news?"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningLab, Path]]:
    root = copy_project(tmp_path_factory.mktemp("clone"))
    with make_lab(root, tmp_path_factory.mktemp("lab")) as running:
        yield running, root


def open_page(chromium: Any, lab: RunningLab, path: str, outside: list[str]) -> tuple[Any, Any]:
    """A fresh browser profile on ``/lab/tree/<path>``, every request to another site refused."""
    context = chromium.new_context()
    local = f"http://localhost:{lab.port}"

    def route(request_route: Any) -> None:
        address = request_route.request.url
        if address.startswith((local, "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(address)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    # reset: a layout of its own, not the one the previous test left
    page.goto(f"{local}/lab/tree/{path}?reset&token={lab.token}")
    return context, page


def choose(page: Any, menu: str, item: str) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items, as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()


def save(page: Any, path: Path, tries: int = 3) -> None:
    """File ▸ Save Notebook, until the file is written (a click while JupyterLab is busy can be lost)."""
    written = path.stat().st_mtime_ns
    for _ in range(tries):
        choose(page, "File", "Save Notebook")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if path.stat().st_mtime_ns != written:
                time.sleep(0.5)  # the server replaces the file in one rename; let the request finish
                return
            time.sleep(0.2)


KERNEL_IDLE = """() => {
  const status = (document.querySelector('.jp-StatusBar-Widget') || {}).innerText || '';
  return status.includes('| Idle') && !status.includes('No Kernel');
}"""


def wait_for_kernel(page: Any) -> None:
    """Until the notebook's kernel has started and is idle, as the status bar tells a student.

    (The toolbar's execution indicator says idle before any kernel exists.)
    """
    page.wait_for_function(KERNEL_IDLE, timeout=LOAD_MS)


@pytest.mark.xfail(
    reason="charts drawn at their container's width do not yet draw in JupyterLab's output area",
    strict=False,
)
def test_the_stored_chart_is_drawn_with_no_prompt_and_no_call_out(
    chromium: Any, lab: tuple[RunningLab, Path]
) -> None:
    running, _ = lab
    outside: list[str] = []
    context, page = open_page(chromium, running, "book/index.ipynb", outside)
    try:
        page.wait_for_selector(".jp-OutputArea .vega-embed canvas", timeout=LOAD_MS)
        page.wait_for_function(f"({COUNT_MARK_PIXELS})() > 0", timeout=30_000)
        mark_pixels = page.evaluate(COUNT_MARK_PIXELS)
        wait_for_kernel(page)
        extensions = page.locator("li[data-id='extensionmanager.main-view']")
        extensions.click()
        page.wait_for_selector(".jp-extensionmanager-view", timeout=30_000)
        time.sleep(3)  # time for any prompt to appear and any lookup to be made
        text = page.inner_text("body")
    finally:
        context.close()
    assert mark_pixels > 1000, f"only {mark_pixels} coloured pixels: the chart's marks were not drawn"
    assert NEWS_PROMPT not in text
    assert outside == [], f"the JupyterLab page asked other sites for: {outside}"
    assert running.outside_calls() == [], "JupyterLab's server or a kernel called another machine"


@pytest.mark.xfail(
    reason="charts drawn at their container's width do not yet draw in JupyterLab's output area",
    strict=False,
)
def test_opening_and_saving_a_chapter_without_running_it_changes_nothing_on_disk(
    chromium: Any, lab: tuple[RunningLab, Path]
) -> None:
    # The chapter with the most charts, and integral floats in their specs.
    chapter = "book/statistics.ipynb"
    running, root = lab
    path = root / chapter
    before = path.read_bytes()
    saved_at = path.stat().st_mtime_ns
    outside: list[str] = []
    context, page = open_page(chromium, running, chapter, outside)
    try:
        wait_for_kernel(page)
        page.wait_for_selector(".jp-OutputArea .vega-embed canvas", state="attached", timeout=LOAD_MS)
        time.sleep(2)  # JupyterLab adds the drawn PNG after drawing
        save(page, path)
    finally:
        context.close()
    assert path.stat().st_mtime_ns != saved_at, "JupyterLab did not save the chapter"
    assert path.read_bytes() == before
    assert git_changes(root) == []


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


@pytest.mark.xfail(
    reason="charts drawn at their container's width do not yet draw in JupyterLab's output area",
    strict=False,
)
def test_the_guides_exercise_changing_a_figure_and_running_the_chapter_shows_the_new_number(
    chromium: Any, lab: tuple[RunningLab, Path]
) -> None:
    """Last in this file: it changes the shared copy, and puts it back with the guide's command."""
    running, root = lab
    assert git_changes(root) == []
    data_file = root / "data" / "tracing_requests.csv"
    edited, new_value = set_value(data_file.read_text(encoding="utf-8"), FIGURE_ID, ADDED)
    shown = f"{new_value:,}"
    assert shown not in (root / CHAPTER).read_text(encoding="utf-8")

    save_through_jupyterlab(
        f"http://localhost:{running.port}", running.token, "data/tracing_requests.csv", edited
    )
    outside: list[str] = []
    context, page = open_page(chromium, running, CHAPTER, outside)
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
