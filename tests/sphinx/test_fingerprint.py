"""The freshness digest covers data/ and the notebook layers, names files unambiguously
and reads nothing outside data/."""

from __future__ import annotations

from pathlib import Path

from tracingbook.sphinx.fingerprint import data_fingerprint, inputs

from ..conftest import set_cell
from ..test_bad_input import opened_files


def test_every_file_is_named_by_its_path_from_its_folder(small_data: Path) -> None:
    names = [name for name, _ in inputs(small_data)]
    assert len(names) == len(set(names))
    assert {"data/datapackage.json", "data/sources.csv", "tracingbook/__init__.py"} <= set(names)
    assert {
        "tracingbook/data/__init__.py",
        "tracingbook/analysis/__init__.py",
        "tracingbook/page/__init__.py",
    } <= set(names)
    assert not [name for name in names if name.startswith("tracingbook/sphinx/")]


def test_a_data_edit_changes_the_digest(small_data: Path) -> None:
    before = data_fingerprint(small_data)
    set_cell(small_data / "tracing_requests.csv", "figure_id", "q1-2016-requests", "value", "1501")
    assert data_fingerprint(small_data) != before


def test_links_and_other_files_are_not_read(small_data: Path) -> None:
    secret = small_data.parent / "secret.csv"
    secret.write_text("private\n", encoding="utf-8")
    (small_data / "extra.csv").symlink_to(secret)
    (small_data / "notes.txt").write_text("not part of the package\n", encoding="utf-8")
    with opened_files() as opened:
        names = [name for name, _ in inputs(small_data)]
    assert "data/extra.csv" not in names and "data/notes.txt" not in names
    assert str(secret) not in opened
