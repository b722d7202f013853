"""Shared fixtures: a small synthetic data package, and throwaway copies of data to corrupt.

Unit tests read the synthetic package in ``tests/fixtures/data`` (the book's own
descriptor, with a few made-up rows per table), never the book's facts: a
correction to ``data/`` must pass every unit test once ``make notebooks`` has
stored the chapters' new outputs. nbval is the one check that ties the
chapters to ``data/``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracingbook import BookData, load_book_data
from tracingbook.data.descriptor import read_descriptor
from tracingbook.data.validate import DataValidationError, Problem, validate_package

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"


def write_small_data(target: Path) -> Path:
    """The book's descriptor with the synthetic tables of ``tests/fixtures/data``, in ``target``."""
    target.mkdir(parents=True)
    descriptor = DATA_DIR / "datapackage.json"
    shutil.copy(descriptor, target / descriptor.name)
    for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
        synthetic = FIXTURE_DATA / resource["path"]
        if not synthetic.is_file():
            pytest.fail(f"tests/fixtures/data has no {resource['path']}: add a few made-up rows to it")
        shutil.copy(synthetic, target / resource["path"])
    return target


@pytest.fixture(scope="session")
def small_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic data package, shared by every test: read it, never change it."""
    return write_small_data(tmp_path_factory.mktemp("small") / "data")


@pytest.fixture(scope="session")
def book_data(small_data_dir: Path) -> BookData:
    """The synthetic package loaded once, as a chapter loads data/."""
    return load_book_data(small_data_dir)


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A copy of the synthetic data package that a test may change."""
    return write_small_data(tmp_path / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break (to see how bad input is reported)."""
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
