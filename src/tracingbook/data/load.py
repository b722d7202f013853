"""Turn the validated tables into typed pandas DataFrames for the chapters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracingbook.data.descriptor import DataPackage, Field, read_descriptor
from tracingbook.data.validate import Table, validate_package


def _dtype(spec: Field) -> str:
    if spec.type == "integer":
        return "int64" if spec.required else "Int64"
    if spec.type == "number":
        return "float64" if spec.required else "Float64"
    if spec.type == "date":
        return "datetime64[s]"
    return "string"


def to_frame(table: Table) -> pd.DataFrame:
    """A DataFrame with one typed column per declared field, in descriptor order."""
    columns: dict[str, pd.Series] = {}
    for spec in table.resource.fields:
        values = [row.cells.get(spec.name) for row in table.rows]
        if spec.type == "date":
            values = [pd.NaT if value is None else pd.Timestamp(value) for value in values]
        columns[spec.name] = pd.Series(values, dtype=_dtype(spec), name=spec.name)
    frame = pd.DataFrame(columns)
    frame.attrs["source_file"] = table.resource.path
    return frame


@dataclass(frozen=True)
class BookData:
    """Every table of the data package, validated and typed."""

    package: DataPackage
    sources: pd.DataFrame
    tracing_requests: pd.DataFrame
    timeline: pd.DataFrame
    regimes: pd.DataFrame
    rules: pd.DataFrame
    claims: pd.DataFrame
    rule_claims: pd.DataFrame
    people: pd.DataFrame
    corrections: pd.DataFrame
    primary_records: pd.DataFrame

    def table(self, name: str) -> pd.DataFrame:
        frame = getattr(self, name, None)
        if not isinstance(frame, pd.DataFrame):
            raise KeyError(f"the data package has no table {name!r}")
        return frame

    def figure(self, figure_id: str) -> pd.Series:
        """One row of tracing_requests, by its figure_id."""
        matches = self.tracing_requests[self.tracing_requests["figure_id"] == figure_id]
        if len(matches) != 1:  # figure_id is a validated unique key, so this means absent
            raise KeyError(f"tracing_requests.csv has no figure_id {figure_id!r}")
        return matches.iloc[0]

    def value(self, figure_id: str) -> int:
        """The published number of one figure, as a plain int."""
        return int(self.figure(figure_id)["value"])

    def source(self, source_id: str) -> pd.Series:
        """One row of sources.csv, by its id."""
        matches = self.sources[self.sources["id"] == source_id]
        if len(matches) != 1:
            raise KeyError(f"sources.csv has no id {source_id!r}")
        return matches.iloc[0]


def load_book_data(data_dir: Path | None = None) -> BookData:
    """Validate the whole package and return its tables.

    Raises DataValidationError (DescriptorError if the descriptor itself is at
    fault) naming every problem: nothing else escapes for any content of data/.
    """
    package = read_descriptor(data_dir)
    tables = validate_package(package)
    frames = {name: to_frame(table) for name, table in tables.items()}
    return BookData(package=package, **frames)
