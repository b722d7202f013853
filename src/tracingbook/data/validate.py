"""Validate the CSV files against the descriptor, naming file, line, column and rule.

Nothing is coerced, dropped or guessed: a cell either parses exactly as its
declared type or is reported. Line numbers are the CSV file's own (the header
is line 1), so a maintainer can jump straight to the bad cell.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tracingbook.data.descriptor import DESCRIPTOR_NAME as DESCRIPTOR_FILE
from tracingbook.data.descriptor import DataPackage, Field, PartsWithinTotal, Resource

Cell = str | int | float | date | None

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    """One broken rule, located as precisely as the rule allows."""

    file: str
    line: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: [{self.rule}] {self.message}{shown}"


class DataValidationError(ValueError):
    """Raised when any table breaks a rule; lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data package:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


@dataclass
class Row:
    line: int
    cells: dict[str, Cell]


@dataclass
class Table:
    """A table whose every cell has been parsed to its declared Python type."""

    resource: Resource
    rows: list[Row] = field(default_factory=list)


# ---------------------------------------------------------------- cells


def parse_cell(raw: str, spec: Field) -> Cell:
    """Parse one cell exactly, or raise ValueError saying what was expected."""
    if raw == "":
        return None
    if spec.type == "string":
        return raw
    if spec.type == "integer":
        if not _INTEGER.fullmatch(raw):
            raise ValueError("is not a whole number")
        return int(raw)
    if spec.type == "number":
        if not _NUMBER.fullmatch(raw):
            raise ValueError("is not a number")
        return float(raw)
    if spec.type == "date":
        if not _DATE.fullmatch(raw):
            raise ValueError("is not a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError("is not a date that exists") from None
    raise ValueError(f"has type {spec.type!r}, which this loader does not know")


def _check_constraints(value: Cell, spec: Field) -> tuple[str, str] | None:
    """The (rule, message) of the first constraint the value breaks, if any."""
    if spec.enum is not None and value not in spec.enum:
        return "enum", f"must be one of {', '.join(repr(e) for e in spec.enum)}"
    if spec.pattern is not None and isinstance(value, str) and not re.fullmatch(spec.pattern, value):
        return "pattern", f"must match the pattern {spec.pattern}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if spec.minimum is not None and value < spec.minimum:
            return "minimum", f"must be at least {spec.minimum:g}"
        if spec.maximum is not None and value > spec.maximum:
            return "maximum", f"must be at most {spec.maximum:g}"
    return None


# ---------------------------------------------------------------- one table


def read_table(resource: Resource, text: str, problems: list[Problem]) -> Table:
    """Parse one CSV text against its resource, appending every problem found."""
    table = Table(resource)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(resource.path, 1, None, "header", "the file is empty"))
        return table
    expected = list(resource.field_names)
    for name in expected:
        if name not in header:
            problems.append(Problem(resource.path, 1, name, "missing-column", "the header lacks this column"))
    for name in header:
        if name not in expected:
            problems.append(
                Problem(resource.path, 1, name, "unknown-column", "the descriptor declares no such column")
            )
    if header.count("") or len(set(header)) != len(header):
        problems.append(Problem(resource.path, 1, None, "header", "column names must be unique"))
    if any(problem.file == resource.path and problem.line == 1 for problem in problems):
        return table

    previous_end = 1
    for cells in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not cells:
            problems.append(Problem(resource.path, line, None, "blank-line", "blank line in the table"))
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    resource.path,
                    line,
                    None,
                    "cell-count",
                    f"has {len(cells)} cells where the header has {len(header)}",
                )
            )
            continue
        row = Row(line, {})
        for name, raw in zip(header, cells, strict=True):
            spec = resource.field(name)
            try:
                value = parse_cell(raw, spec)
            except ValueError as error:
                problems.append(Problem(resource.path, line, name, "type", f"{error}", raw))
                row.cells[name] = None
                continue
            if value is None:
                if spec.required:
                    problems.append(
                        Problem(resource.path, line, name, "required", "a value is required", raw)
                    )
            else:
                broken = _check_constraints(value, spec)
                if broken is not None:
                    rule, message = broken
                    problems.append(Problem(resource.path, line, name, rule, message, raw))
            row.cells[name] = value
        table.rows.append(row)
    return table


def _check_unique(table: Table, columns: tuple[str, ...], rule: str, problems: list[Problem]) -> None:
    seen: dict[tuple[Cell, ...], int] = {}
    for row in table.rows:
        key = tuple(row.cells.get(column) for column in columns)
        if any(part is None for part in key):
            continue
        if key in seen:
            shown = ", ".join(str(part) for part in key)
            problems.append(
                Problem(
                    table.resource.path,
                    row.line,
                    "+".join(columns),
                    rule,
                    f"repeats the key of line {seen[key]}",
                    shown,
                )
            )
        else:
            seen[key] = row.line


def _check_dates(table: Table, problems: list[Problem]) -> None:
    resource = table.resource
    date_columns = [spec.name for spec in resource.fields if spec.type == "date"]
    for row in table.rows:
        if resource.date_range is not None:
            earliest, latest = resource.date_range
            for column in date_columns:
                value = row.cells.get(column)
                if isinstance(value, date) and not earliest <= value <= latest:
                    problems.append(
                        Problem(
                            resource.path,
                            row.line,
                            column,
                            "date-range",
                            f"must fall between {earliest.isoformat()} and {latest.isoformat()}",
                            value.isoformat(),
                        )
                    )
        for first, second in resource.ordered_dates:
            start, end = row.cells.get(first), row.cells.get(second)
            if isinstance(start, date) and isinstance(end, date) and start > end:
                problems.append(
                    Problem(
                        resource.path,
                        row.line,
                        second,
                        "date-order",
                        f"falls before {first} ({start.isoformat()})",
                        end.isoformat(),
                    )
                )


def value_bounds(value: float, qualifier: str | None) -> tuple[float, float]:
    """The range a qualified figure certainly allows: (lower bound, upper bound).

    Deliberately wider than the chapters' reading of qualifiers
    (``intervals.figure_range``): validation rejects only data that cannot be
    right under any reading, so 'more than N' counts from N and 'about'
    asserts no bound at all.
    """
    if qualifier == "exact":
        return value, value
    if qualifier == "more than":
        return value, math.inf
    if qualifier == "fewer than":
        return 0.0, value
    return 0.0, math.inf


def _check_parts(table: Table, rule: PartsWithinTotal, problems: list[Problem]) -> None:
    groups: dict[tuple[Cell, ...], list[Row]] = defaultdict(list)
    for row in table.rows:
        groups[tuple(row.cells.get(column) for column in rule.group_by)].append(row)
    for rows in groups.values():
        totals = [row for row in rows if row.cells.get(rule.measure_field) == rule.total]
        parts = [row for row in rows if row.cells.get(rule.measure_field) in rule.parts]
        if not totals or not parts:
            continue
        lower_sum = sum(_bounds(row, rule)[0] for row in parts)
        for total in totals:
            upper = _bounds(total, rule)[1]
            if lower_sum > upper:
                listed = ", ".join(
                    f"{row.cells[rule.measure_field]} {row.cells[rule.value_field]} (line {row.line})"
                    for row in parts
                )
                problems.append(
                    Problem(
                        table.resource.path,
                        total.line,
                        rule.value_field,
                        "parts-within-total",
                        f"the parts add up to at least {lower_sum:g}, more than this "
                        f"{rule.total} total allows: {listed}",
                        str(total.cells[rule.value_field]),
                    )
                )


def _bounds(row: Row, rule: PartsWithinTotal) -> tuple[float, float]:
    value = row.cells.get(rule.value_field)
    qualifier = row.cells.get(rule.qualifier_field)
    if not isinstance(value, int | float):  # already reported as a type problem
        return 0.0, math.inf
    return value_bounds(float(value), qualifier if isinstance(qualifier, str) else None)


def check_table(table: Table, problems: list[Problem]) -> None:
    """Rules that look at a whole table: keys, dates, arithmetic."""
    resource = table.resource
    for spec in resource.fields:
        if spec.unique:
            _check_unique(table, (spec.name,), "unique", problems)
    if resource.primary_key and len(resource.primary_key) > 1:
        _check_unique(table, resource.primary_key, "primary-key", problems)
    for key in resource.unique_keys:
        _check_unique(table, key, "unique-key", problems)
    _check_dates(table, problems)
    for rule in resource.parts_within_total:
        _check_parts(table, rule, problems)


def check_foreign_keys(tables: dict[str, Table], problems: list[Problem]) -> None:
    for table in tables.values():
        for key in table.resource.foreign_keys:
            target = tables.get(key.resource)
            if target is None:
                problems.append(
                    Problem(
                        DESCRIPTOR_FILE,
                        None,
                        "+".join(key.fields),
                        "foreign-key",
                        f"the foreign key of {table.resource.path} names no table {key.resource!r}",
                    )
                )
                continue
            known = {tuple(row.cells.get(column) for column in key.reference_fields) for row in target.rows}
            for row in table.rows:
                value = tuple(row.cells.get(column) for column in key.fields)
                if any(part is None for part in value):
                    continue
                if value not in known:
                    shown = ", ".join(str(part) for part in value)
                    problems.append(
                        Problem(
                            table.resource.path,
                            row.line,
                            "+".join(key.fields),
                            "foreign-key",
                            f"names no {'+'.join(key.reference_fields)} in {target.resource.path}",
                            shown,
                        )
                    )


def validate_package(package: DataPackage) -> dict[str, Table]:
    """Parse and check every table; raise DataValidationError listing all problems."""
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for resource in package.resources:
        path = package.directory / resource.path
        if not path.is_file():
            problems.append(Problem(resource.path, None, None, "missing-file", "the file does not exist"))
            continue
        text = path.read_text(encoding="utf-8")
        tables[resource.name] = read_table(resource, text, problems)
    for table in tables.values():
        check_table(table, problems)
    check_foreign_keys(tables, problems)
    if problems:
        raise DataValidationError(problems)
    return tables
