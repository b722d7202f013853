"""What each figure rests on: the primary record read, or the press alone."""

from __future__ import annotations

import pandas as pd
import pytest

from tracingbook.analysis.statistics import (
    Basis,
    RecordError,
    basis_counts,
    figures_per_document,
    origin_basis,
    record_basis,
)


@pytest.fixture
def sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["answer", "paper", "report-copy"],
            "kind": ["parliament", "press", "official"],
        }
    )


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


@pytest.mark.parametrize(
    ("origin", "basis"),
    [
        ("answer", Basis.PRIMARY),  # an official or parliamentary source is its own record
        ("paper", Basis.NO_RECORD),  # a press report with no earlier document
        ("letter", Basis.PRIMARY),  # a document sought and read
        ("review", Basis.UNREAD),  # read, but not where the figure is
        ("register", Basis.UNREAD),  # not found
        ("report-copy", Basis.UNREAD),  # the record's status wins over the source's kind
    ],
)
def test_each_origin_rests_on_what_was_read(
    origin: str, basis: str, sources: pd.DataFrame, records: pd.DataFrame
) -> None:
    assert origin_basis(origin, sources, records) == basis


def test_several_origins_rest_on_the_weakest(sources: pd.DataFrame, records: pd.DataFrame) -> None:
    based = record_basis(
        _figures("answer; letter", "answer; register", "letter; paper; register"),
        sources,
        records,
        key="figure_id",
        file="f.csv",
    )
    assert list(based["basis"]) == [Basis.PRIMARY, Basis.UNREAD, Basis.NO_RECORD]
    assert basis_counts(based) == {Basis.PRIMARY: 1, Basis.UNREAD: 1, Basis.NO_RECORD: 1}
    assert all(type(count) is int for count in basis_counts(based).values())


def test_an_unknown_origin_names_the_file_row_and_value(sources: pd.DataFrame, records: pd.DataFrame) -> None:
    with pytest.raises(RecordError, match=r"f\.csv, figure_id 'f1', column 'origin': 'nowhere'"):
        record_basis(_figures("answer", "letter; nowhere"), sources, records, key="figure_id", file="f.csv")


def test_every_document_counts_the_figures_that_name_it(sources: pd.DataFrame, records: pd.DataFrame) -> None:
    based = record_basis(
        _figures("register", "register; letter", "paper"), sources, records, key="figure_id", file="f.csv"
    )
    counted = figures_per_document(based, records).set_index("document_id")["figures"]
    assert counted.to_dict() == {"register": 2, "review": 0, "letter": 1, "report-copy": 0}
    assert basis_counts(based)[Basis.PRIMARY] == 0
