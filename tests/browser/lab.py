"""`make lab` as a student starts it, on a copy of the project, for the JupyterLab tests.

The copy holds what a clone holds (the book, the data, the configuration, the
Makefile) as a git repository with one commit, so a test can change and run
things and then ask git what changed. The server is `python -m tracingbook
lab` itself: the tests see its banner, its settings and its save hook.

Every Python process it starts (the server and its kernels) loads an audit
hook that writes down any connection to, or name lookup of, another machine.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180
COPIED = ("book", "data", "_config.yml", "_toc.yml", "Makefile", ".gitignore")
URL = re.compile(r"http://localhost:(?P<port>\d+)/lab\?token=(?P<token>[0-9a-f]+)")

AUDIT_HOOK = textwrap.dedent(
    '''
    """Writes down every connection or name lookup that leaves this machine."""
    import ipaddress, os, sys

    _LOG = os.environ["TRACINGBOOK_NETWORK_LOG"]
    _LOCAL_NAMES = {"", "localhost", "ip6-localhost", "0.0.0.0", "::"}

    def _is_local(host):
        host = host.decode() if isinstance(host, bytes) else str(host)
        if host in _LOCAL_NAMES or host.endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False

    def _hook(event, args):
        if event == "socket.connect":
            address = args[1]
            host = address[0] if isinstance(address, tuple) and address else None
        elif event == "socket.getaddrinfo":
            host = args[0]
        else:
            return
        if host is not None and not _is_local(host):
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(f"{os.getpid()} {event} {host}\\n")

    sys.addaudithook(_hook)
    '''
)


def copy_project(target: Path) -> Path:
    """The project as a fresh clone has it, committed once, in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            shutil.copy(source, target / name)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-qm", "as cloned"], cwd=target, check=True)
    return target


def git_changes(root: Path) -> list[str]:
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    )
    return status.stdout.splitlines()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningLab:
    url: str
    port: int
    token: str
    process: subprocess.Popen[str]
    lines: list[str]
    network_log: Path

    def outside_calls(self) -> list[str]:
        if not self.network_log.exists():
            return []
        return self.network_log.read_text(encoding="utf-8").splitlines()

    def stop(self) -> int:
        """Ctrl-C, as the banner says; the exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        assert self.process.stdout is not None
        self.lines.extend(self.process.stdout.read().splitlines())
        return self.process.returncode


def audited_environment(scratch: Path) -> tuple[dict[str, str], Path]:
    """Variables under which every Python process logs its calls out, and the log's path."""
    hooks = scratch / "audit"
    hooks.mkdir(parents=True, exist_ok=True)
    (hooks / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    network_log = scratch / "network.log"
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH", "")])),
        "TRACINGBOOK_NETWORK_LOG": str(network_log),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        # The tests' layouts and settings stay out of the home folder, and out of each other's way.
        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(scratch / "settings"),
        "PYTHONUNBUFFERED": "1",
    }
    return environment, network_log


@contextmanager
def make_lab(root: Path, scratch: Path) -> Iterator[RunningLab]:
    """``python -m tracingbook lab --no-browser`` on ``root``; yields once its banner is printed."""
    environment, network_log = audited_environment(scratch)
    command = [sys.executable, "-m", "tracingbook", "--root", str(root), "lab", "--no-browser",
               f"--port={free_port()}"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip
    lines: list[str] = []
    lab: RunningLab | None = None
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        assert process.stdout is not None
        while lab is None:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                raise AssertionError("make lab exited before printing its address:\n" + "\n".join(lines))
            lines.append(line.rstrip("\n"))
            found = URL.search(line)
            if found:
                # The rest of the banner follows the address.
                for _ in range(4):
                    lines.append(process.stdout.readline().rstrip("\n"))
                lab = RunningLab(
                    found.group(0), int(found["port"]), found["token"], process, lines, network_log
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"make lab printed no address in {STARTUP_SECONDS} s")
        yield lab
    finally:
        if lab is not None:
            lab.stop()
        elif process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
