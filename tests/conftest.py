"""Shared fixtures: the real project, and throwaway copies of its data to corrupt."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracingbook.data.descriptor import read_descriptor
from tracingbook.data.validate import DataValidationError, Problem, validate_package

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def rewrite_csv(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Apply ``edit(header, rows)`` to a CSV file's header and rows, in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    header, rows = edit(header, rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, key_column: str, key: str, column: str, value: str) -> int:
    """Set one cell, found by a key column's value; return its CSV line number."""
    found: list[int] = []

    def edit(header: list[str], rows: list[list[str]]):  # type: ignore[no-untyped-def]
        for index, row in enumerate(rows):
            if row[header.index(key_column)] == key:
                row[header.index(column)] = value
                found.append(index + 2)
        return header, rows

    rewrite_csv(path, edit)
    assert len(found) == 1, f"{key_column}={key!r} names {len(found)} rows in {path.name}"
    return found[0]


def problems_in(data_dir: Path) -> list[Problem]:
    """Every problem validation finds in ``data_dir``; fails if it finds none."""
    with pytest.raises(DataValidationError) as caught:
        validate_package(read_descriptor(data_dir))
    return caught.value.problems


def only_problem(data_dir: Path) -> Problem:
    problems = problems_in(data_dir)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def run_validate(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python -m tracingbook validate`` on ``data_dir``, as a student runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tracingbook", "validate"],
        cwd=PROJECT_ROOT,
        env={"TRACINGBOOK_DATA": str(data_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
