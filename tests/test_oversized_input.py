"""What validation passes, the chapters draw: a table longer than any chart's row cap.

Each case validates a copy of data/, then runs the chapters that read the table,
as `make html` does after `make validate`.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from tracingbook.tools.notebooks import execute

from .conftest import PROJECT_ROOT, run_validate

pytestmark = pytest.mark.slow


def _long_timeline(data_dir: Path, extra_rows: int) -> None:
    """``extra_rows`` more tracing events, one a day, each its own event and source row."""
    with (data_dir / "timeline.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for number in range(extra_rows):
            date = f"{2006 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            writer.writerow([
                f"made-up-{number}-a", f"made-up-{number}", date, "day", "statistics", "UK",
                f"Made-up event {number}", "An event made up for the test.", "high",
                "buzzfeed-2017-02", "paragraph 1", "tracing",
            ])  # fmt: skip


def _book_copy(tmp_path: Path, chapters: list[str]) -> tuple[Path, Path]:
    """The chapters and a copy of data/, laid out as in the project (book/ beside data/)."""
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    (tmp_path / "book").mkdir()
    for chapter in chapters:
        shutil.copy(PROJECT_ROOT / "book" / chapter, tmp_path / "book" / chapter)
    return tmp_path / "data", tmp_path / "book"


@pytest.mark.parametrize(("table", "rows", "chapters"), [("timeline.csv", 10_500, ["history.ipynb"])])
def test_a_table_validation_passes_is_drawn_by_its_chapters(
    tmp_path: Path, table: str, rows: int, chapters: list[str]
) -> None:
    data_dir, book_dir = _book_copy(tmp_path, chapters)
    _long_timeline(data_dir, rows - sum(1 for _ in (data_dir / table).open(encoding="utf-8")) + 1)
    validated = run_validate(data_dir)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert f"{table} {rows} rows" in validated.stdout
    for chapter in chapters:
        executed = execute(book_dir / chapter)
        charts = [
            spec
            for cell in executed.cells
            for output in cell.get("outputs", [])
            for key, spec in output.get("data", {}).items()
            if key.startswith("application/vnd.vegalite")
        ]
        assert charts, f"{chapter} drew no chart"
        drawn = max(len(dataset) for spec in charts for dataset in spec.get("datasets", {}).values())
        assert drawn > 10_000, f"{chapter}'s largest chart draws {drawn} rows"
        assert not [output for cell in executed.cells for output in cell.get("outputs", [])
                    if output.get("output_type") == "error"]  # fmt: skip
        nbformat.validate(executed)
