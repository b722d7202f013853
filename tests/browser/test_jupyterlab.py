"""A student's JupyterLab, started with `make lab` on a copy of the project.

- It shows a chapter's stored chart, greets with no news or update prompt, and
  neither the page nor the server (nor a kernel) calls any other machine, even
  with the extension manager open.
- Opening a chapter and saving it without running changes no byte on disk,
  although JupyterLab rewrites the kernel's metadata, reads ``3.0`` as ``3``
  and adds a PNG to every chart it draws.
No cell is run here; tests/browser/test_rerun_exercise.py runs one chapter.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .lab import RunningLab, copy_project, git_changes, make_lab

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


@pytest.mark.parametrize("chapter", ["book/index.ipynb", "book/statistics.ipynb"])
def test_opening_and_saving_a_chapter_without_running_it_changes_nothing_on_disk(
    chromium: Any, lab: tuple[RunningLab, Path], chapter: str
) -> None:
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
