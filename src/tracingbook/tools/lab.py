"""`make lab`: JupyterLab on the whole project, for a student rerunning a chapter.

It serves the project's top folder (so `book/` and `data/` are both there),
waits until JupyterLab answers, then prints the address with its token, how to
stop it and that the terminal stays busy. It calls no one on the internet: the
news and update prompts are switched off (the announcements plugin through a
page config shipped here, the news feed and update check on the server) and
the extension manager only lists what is installed. The student's own Jupyter
settings are neither read for these nor changed.

Saving passes every notebook through :func:`pre_save`, which gives it the
stored form of ``tracingbook.tools.notebooks``: a chapter opened and saved
without running is stored byte for byte as before.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path
from typing import Any

import nbformat

from tracingbook.tools.notebooks import KERNEL_NAME, normalise

CONFIG_DIR = Path(__file__).resolve().parent / "jupyterlab"
FIRST_PORT = 8888
STARTUP_SECONDS = 180
STOP_SECONDS = 30


def pre_save(model: dict[str, Any], path: str, **_: Any) -> None:
    """jupyter_server's pre-save hook: store notebooks of this book's kernel in the stored form."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    kernel = model["content"].get("metadata", {}).get("kernelspec", {}).get("name", KERNEL_NAME)
    if kernel != KERNEL_NAME:  # someone else's notebook, in another language: leave it be
        return
    model["content"] = normalise(nbformat.from_dict(model["content"]))


def free_port(first: int = FIRST_PORT, tries: int = 50) -> int:
    for port in range(first, first + tries):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise OSError(f"no free port between {first} and {first + tries - 1}")


def lab_command(root: Path, port: int) -> list[str]:
    """The JupyterLab command line; every setting on it, so no config file can undo one.

    The token is not among them: any user of the machine can read a command line
    (``ps``), so it goes in the server's environment (:func:`lab_environment`),
    which only its owner can read.
    """
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=localhost",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        # One Ctrl-C stops it; the default asks for confirmation on stdin.
        "--ServerApp.answer_yes=True",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ContentsManager.pre_save_hook=tracingbook.tools.lab.pre_save",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def lab_environment(token: str) -> dict[str, str]:
    """The token, and this package's lab config (the disabled news plugin) ahead of the system's."""
    environment = dict(os.environ)
    environment.pop("JUPYTER_TOKEN_FILE", None)
    environment["JUPYTER_TOKEN"] = token
    paths = [str(CONFIG_DIR), *filter(None, environment.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    return environment


def banner(url: str) -> str:
    return "\n".join(
        [
            "",
            "JupyterLab is running on this book's folder: the chapters are in book/, the data in data/.",
            "Open this address in your browser (the token in it is your password):",
            "",
            f"    {url}",
            "",
            "It keeps this terminal busy while it runs: use a second terminal for other",
            "commands (make test, make html, git). To stop JupyterLab, press Ctrl-C here.",
            "",
        ]
    )


def _wait_until_up(server: subprocess.Popen[bytes], status_url: str) -> bool:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(status_url, timeout=2):
                return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    return False


def _has_display() -> bool:
    """A graphical session to open a browser in; on a server there is none."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _stop(server: subprocess.Popen[bytes], already_told: bool = False) -> int:
    """Stop JupyterLab and wait for it; ``already_told`` when Ctrl-C reached it too."""
    if server.poll() is None and not already_told:
        server.terminate()
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    return server.returncode


def run(root: Path, port: int | None = None, open_browser: bool = True) -> int:
    port = port or free_port()
    token = secrets.token_hex(24)
    server = subprocess.Popen(lab_command(root, port), env=lab_environment(token))
    # Stopped by anyone else (a closed terminal, a test): stop JupyterLab too, not leave it running.
    signal.signal(signal.SIGTERM, lambda signum, frame: server.terminate())
    interrupted = False
    try:
        if not _wait_until_up(server, f"http://localhost:{port}/api/status?token={token}"):
            _stop(server)
            print(f"JupyterLab did not start on port {port}; its messages are above.", file=sys.stderr)
            return 1
        url = f"http://localhost:{port}/lab?token={token}"
        print(banner(url), flush=True)
        if open_browser and _has_display():
            webbrowser.open(url)
        server.wait()
    except KeyboardInterrupt:
        # Ctrl-C in the terminal reached JupyterLab as well: let it stop its kernels.
        interrupted = True
    finally:
        code = _stop(server, already_told=interrupted)
    print("JupyterLab has stopped.", flush=True)
    stopped = (0, -signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT)
    return 0 if interrupted or code in stopped else code
