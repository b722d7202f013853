"""The loader returns typed tables and finds figures by id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracingbook import BookData, DataValidationError, load_book_data
from tracingbook.data.descriptor import find_data_dir

from ..conftest import DATA_DIR, set_cell


def test_tables_have_the_declared_types(book_data: BookData) -> None:
    data = book_data
    requests = data.tracing_requests
    assert requests["value"].dtype == "int64"
    assert str(requests["period_start"].dtype).startswith("datetime64")
    assert requests["source_id"].dtype == "string"
    assert list(requests.columns) == list(data.package.resource("tracing_requests").field_names)
    assert str(data.regimes["order"].dtype) == "int64"


def test_empty_optional_cells_stay_missing(small_data: Path) -> None:
    set_cell(small_data / "tracing_requests.csv", "figure_id", "q1-2016-requests", "note", "")
    set_cell(small_data / "regimes.csv", "regime", "new-terms", "start", "")
    data = load_book_data(small_data)
    assert pd.isna(data.figure("q1-2016-requests")["note"])
    assert pd.isna(data.regimes.set_index("regime").loc["new-terms", "start"])
    assert data.figure("q1-2015-requests")["superseded_by"] is pd.NA


def test_figure_lookup(book_data: BookData) -> None:
    data = book_data
    assert data.value("q1-2016-requests") == 1500
    assert isinstance(data.value("q1-2016-requests"), int)
    assert data.figure("year-rejected")["qualifier"] == "fewer than"
    assert data.source("answer-b")["publisher"] == "Example Parliament"
    with pytest.raises(KeyError, match="no figure_id 'nope'"):
        data.figure("nope")
    with pytest.raises(KeyError, match="no id 'nope'"):
        data.source("nope")


def test_the_loader_refuses_bad_data(small_data: Path) -> None:
    line = set_cell(small_data / "tracing_requests.csv", "figure_id", "q1-2016-requests", "value", "many")
    with pytest.raises(
        DataValidationError, match=rf"tracing_requests.csv, line {line}, column 'value': \[type\]"
    ):
        load_book_data(small_data)


def test_data_dir_is_found_from_a_chapter_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACINGBOOK_DATA", raising=False)
    assert find_data_dir(DATA_DIR.parent / "book") == DATA_DIR


def test_data_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, small_data_dir: Path) -> None:
    monkeypatch.setenv("TRACINGBOOK_DATA", str(small_data_dir))
    assert find_data_dir() == small_data_dir.resolve()


def test_frames_are_pandas(book_data: BookData) -> None:
    data = book_data
    for resource in data.package.resources:
        assert isinstance(data.table(resource.name), pd.DataFrame)
    with pytest.raises(KeyError):
        data.table("package")
