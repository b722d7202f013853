"""A build whose output folder is read-only says so in one line, before Sphinx starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracingbook.tools.output_folder import unwritable, unwritable_message

from ..conftest import PROJECT_ROOT


def _as_a_student() -> list[str]:
    """A command prefix that drops root's right to write anywhere, so read-only means read-only."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be shown")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def project() -> Iterator[Path]:
    """A folder anyone can enter (pytest's own is root's alone), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="read-only-build-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for current, folders, _files in os.walk(folder):
            for name in folders:
                (Path(current) / name).chmod(0o755)
        shutil.rmtree(folder)


def _check(project: Path, folder: str) -> subprocess.CompletedProcess[str]:
    command = [*_as_a_student(), sys.executable, "-m", "tracingbook", "output-folder", folder]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.slow  # each case starts the command as another user
@pytest.mark.parametrize("read_only", ["_build", "_build/html", "_build/html/_static"])
def test_a_read_only_output_folder_is_named_in_one_line(project: Path, read_only: str) -> None:
    (project / "_build" / "html" / "_static").mkdir(parents=True)
    for folder in ("_build", "_build/html", "_build/html/_static"):
        (project / folder).chmod(0o777)
    (project / read_only).chmod(0o555)
    result = _check(project, "_build")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"The build cannot write to {read_only}: it is read-only. "
        "Make it writable (chmod -R u+w _build) or remove _build, then build again.\n"
    )


def test_a_writable_or_missing_output_folder_passes(tmp_path: Path) -> None:
    assert unwritable(tmp_path / "_build") is None
    (tmp_path / "_build" / "html").mkdir(parents=True)
    (tmp_path / "_build" / "html" / "index.html").write_text("x")
    assert unwritable_message(tmp_path / "_build") is None


def test_make_checks_the_output_folder_before_each_build() -> None:
    for target, folder in (("html", "_build"), ("test-nobrowser", "_build/test")):
        dry_run = subprocess.run(
            ["make", "-n", target], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        )
        commands = dry_run.stdout.splitlines()
        check = next(i for i, line in enumerate(commands) if f"tracingbook output-folder {folder}" in line)
        build = next(i for i, line in enumerate(commands) if "jupyter-book build" in line)
        assert check < build
