"""The statistics page's reading list: the documents sought, read ones first, with their figures."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from tracingbook.page.statistics import records_frame


@pytest.fixture
def sources() -> pd.DataFrame:
    return pd.DataFrame({"id": ["answer", "paper"], "kind": ["parliament", "press"]})


@pytest.fixture
def records() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "document_id": ["register", "review", "letter", "report-copy"],
            "status": ["not found", "read in part", "read", "found, not read"],
        }
    )


def _figures(*origins: str) -> pd.DataFrame:
    return pd.DataFrame({"figure_id": [f"f{i}" for i in range(len(origins))], "origin": list(origins)})


def test_the_page_lists_documents_read_first_with_their_figures(
    sources: pd.DataFrame, records: pd.DataFrame
) -> None:
    full = records.assign(
        document=["Register", "Review", "Letter", "Report"],
        publisher="Body",
        date=pd.to_datetime(["2016-01-01", "2017-01-01", "2015-01-01", "2014-01-01"]),
        what_was_read="w",
        finding="f",
        source_id="answer",
        locator="p",
    )
    data = SimpleNamespace(
        tracing_requests=_figures("register", "letter", "register; answer"),
        sources=sources,
        primary_records=full,
    )
    frame = records_frame(data)  # type: ignore[arg-type]
    assert list(frame["document"]) == ["Letter", "Review", "Report", "Register"]
    assert list(frame["figures"]) == [1, 0, 0, 2]
    assert list(frame.columns)[-2:] == ["source_id", "locator"]
