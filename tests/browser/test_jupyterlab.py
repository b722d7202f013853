"""A student who opens a chapter in JupyterLab sees its charts, with no network.

The notebooks store charts as Vega-Lite specs, which JupyterLab draws with its
own bundled Vega; this test opens the landing page in a real JupyterLab and
waits for the stored chart to be drawn from the committed output, without
running any cell.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

STARTUP_SECONDS = 120
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
        "--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
        f"--ServerApp.root_dir={PROJECT_ROOT}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)}
    log = (runtime / "lab.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited early:\n{(runtime / 'lab.log').read_text()}")
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start in {STARTUP_SECONDS} s")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_the_stored_chart_is_drawn_in_jupyterlab_without_network(chromium: Any, jupyterlab: str) -> None:
    context = chromium.new_context()
    outside: list[str] = []

    def route(request_route: Any) -> None:
        address = request_route.request.url
        if address.startswith((jupyterlab, "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(address)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(f"{jupyterlab}/lab/tree/book/index.ipynb")
        page.wait_for_selector(".jp-OutputArea .vega-embed canvas", timeout=STARTUP_SECONDS * 1000)
        page.wait_for_function(f"({COUNT_MARK_PIXELS})() > 0", timeout=30_000)
        mark_pixels = page.evaluate(COUNT_MARK_PIXELS)
    finally:
        context.close()
    assert mark_pixels > 1000, f"only {mark_pixels} coloured pixels: the chart's marks were not drawn"
    assert outside == [], f"JupyterLab page asked other sites for: {outside}"
