"""`make lab`: the project's folder, the address and how to stop it, no news, no internet.

These talk to JupyterLab's server only; tests/browser/ opens it in Chromium.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tracingbook.tools.lab import pre_save
from tracingbook.tools.notebooks import serialise

from .browser.lab import PROJECT_ROOT, audited_environment, copy_project, make_lab

pytestmark = pytest.mark.slow


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if body.lstrip().startswith(("{", "[")) else body


def test_make_lab_serves_the_project_says_how_to_stop_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "clone")
    with make_lab(root, tmp_path / "lab") as lab:
        base, token = f"http://localhost:{lab.port}", f"token={lab.token}"
        banner = "\n".join(lab.lines)
        assert f"    http://localhost:{lab.port}/lab?token={lab.token}" in lab.lines
        assert "press Ctrl-C here" in banner and "use a second terminal" in banner

        top = {item["name"] for item in _get(f"{base}/api/contents?{token}")["content"]}
        assert {"book", "data"} <= top, "the student must reach both the chapters and the data"
        data_files = {item["name"] for item in _get(f"{base}/api/contents/data?{token}")["content"]}
        assert "tracing_requests.csv" in data_files

        # No news, no update check, and an extension manager that only lists what is installed.
        assert _get(f"{base}/lab/api/news?{token}") == {"news": []}
        assert _get(f"{base}/lab/api/update?{token}") == {"notification": None}
        page = _get(f"{base}/lab?{token}")
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
        assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
        assert config["extensionManager"]["can_install"] is False
        assert config["news"] == {"disabled": True}

        code = lab.stop()
    assert code == 0
    assert lab.lines[-1] == "JupyterLab has stopped."
    assert lab.outside_calls() == []


def _command_lines() -> dict[int, str]:
    """Every process's command line, as any user of the machine reads it (``ps``)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:  # the process ended meanwhile
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs a /proc process table")
def test_make_lab_keeps_its_token_off_every_command_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "clone")
    with make_lab(root, tmp_path / "lab") as lab:
        # A kernel too: every process the server starts.
        base, token = f"http://localhost:{lab.port}", f"token={lab.token}"
        request = urllib.request.Request(f"{base}/api/kernels?{token}", data=b"{}", method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            kernel = json.loads(response.read())
        command_lines = _command_lines()
        assert any(f"--port={lab.port}" in line or "jupyterlab" in line for line in command_lines.values())
        assert any(kernel["id"] in line for line in command_lines.values()), "the kernel is running"
        showing = [pid for pid, line in command_lines.items() if lab.token in line]
        assert showing == [], f"processes showing the token on their command line: {showing}"
        server = next(pid for pid, line in command_lines.items() if "-m jupyterlab" in line)
        assert (Path("/proc") / str(server) / "environ").stat().st_mode & 0o077 == 0
        lab.stop()


def test_the_network_audit_writes_down_a_call_out_and_not_a_local_one(tmp_path: Path) -> None:
    environment, log = audited_environment(tmp_path)
    probe = (
        "import socket\n"
        "socket.getaddrinfo('localhost', 80)\n"
        "try:\n    socket.getaddrinfo('pypi.org', 443)\nexcept OSError:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", probe], env=environment, check=True, timeout=60)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [call.split(" ", 1)[1] for call in calls] == ["socket.getaddrinfo pypi.org"]


def test_make_lab_runs_the_launcher_without_opening_a_browser_when_asked() -> None:
    dry_run = subprocess.run(
        ["make", "-n", "lab", "NO_BROWSER=1"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert "-m tracingbook lab --no-browser" in dry_run.stdout


def test_the_save_hook_stores_what_jupyterlab_sends_in_the_stored_form() -> None:
    stored = nbformat.read(PROJECT_ROOT / "book" / "index.ipynb", as_version=4)
    # What JupyterLab sends after opening the chapter: its kernel's metadata, 3.0 read as 3, a drawn PNG.
    sent = json.loads(serialise(stored))
    sent["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    sent["metadata"]["language_info"] = {"name": "python", "version": "3.11.7", "pygments_lexer": "ipython3"}
    for cell in sent["cells"]:
        for output in cell.get("outputs", []):
            if any(key.startswith("application/vnd.vegalite") for key in output.get("data", {})):
                output["data"]["image/png"] = "iVBORw0KGgo="
    model = {"type": "notebook", "content": sent}
    pre_save(model=model, path="book/index.ipynb")
    assert serialise(model["content"]) == (PROJECT_ROOT / "book" / "index.ipynb").read_text(encoding="utf-8")


def test_the_save_hook_leaves_other_kernels_and_files_alone() -> None:
    other = {"type": "notebook", "content": {"metadata": {"kernelspec": {"name": "ir"}}, "cells": []}}
    pre_save(model=other, path="mine.ipynb")
    assert other["content"] == {"metadata": {"kernelspec": {"name": "ir"}}, "cells": []}
    text = {"type": "file", "content": "value\n1.0\n"}
    pre_save(model=text, path="data/x.csv")
    assert text["content"] == "value\n1.0\n"
