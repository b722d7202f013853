"""The book's rules on top of the Table Schema standard, checked on typed rows.

- ``uniqueKeys``: no two rows share the same values in a set of columns
  (Table Schema 2 has the key; frictionless does not check it yet).
- ``orderedDates``: in each pair of date columns, the first never falls after the second.
- ``partsWithinTotal``: parts of a total may not add up to more than it allows.
- Every table holds at least one row: each one is read by a chapter or the
  bibliography, and an empty one would only fail there, later.
- ``sources.csv`` can become the bibliography: ids that are citation keys,
  web addresses for links, names BibTeX can read, and no braces, which
  BibTeX has no way to show (see ``contract``).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracingbook.data import contract
from tracingbook.data.descriptor import PartsWithinTotal, Resource
from tracingbook.data.problems import Problem
from tracingbook.data.tableschema import Value


@dataclass
class Row:
    line: int
    cells: dict[str, Value]


@dataclass
class Table:
    """A table whose every cell has been parsed to its declared Python type."""

    resource: Resource
    rows: list[Row]


def _check_unique(table: Table, columns: tuple[str, ...], problems: list[Problem]) -> None:
    seen: dict[tuple[Value, ...], int] = {}
    for row in table.rows:
        key = tuple(row.cells.get(column) for column in columns)
        if any(part is None for part in key):
            continue
        if key in seen:
            shown = ", ".join(str(part) for part in key)
            message = f"repeats the key of line {seen[key]}"
            problems.append(
                Problem(table.resource.path, row.line, "+".join(columns), "unique-key", message, shown)
            )
        else:
            seen[key] = row.line


def _check_order(table: Table, first: str, second: str, problems: list[Problem]) -> None:
    for row in table.rows:
        start, end = row.cells.get(first), row.cells.get(second)
        if isinstance(start, date) and isinstance(end, date) and start > end:
            message = f"falls before {first} ({start.isoformat()})"
            problems.append(
                Problem(table.resource.path, row.line, second, "date-order", message, end.isoformat())
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


def _bounds(row: Row, rule: PartsWithinTotal) -> tuple[float, float]:
    value = row.cells.get(rule.value_field)
    qualifier = row.cells.get(rule.qualifier_field)
    if not isinstance(value, int | float):  # already reported as a type problem
        return 0.0, math.inf
    return value_bounds(float(value), qualifier if isinstance(qualifier, str) else None)


def _check_parts(table: Table, rule: PartsWithinTotal, problems: list[Problem]) -> None:
    groups: dict[tuple[Value, ...], list[Row]] = defaultdict(list)
    for row in table.rows:
        groups[tuple(row.cells.get(column) for column in rule.group_by)].append(row)
    for rows in groups.values():
        totals = [row for row in rows if row.cells.get(rule.measure_field) == rule.total]
        parts = [row for row in rows if row.cells.get(rule.measure_field) in rule.parts]
        if not totals or not parts:
            continue
        lower_sum = sum(_bounds(row, rule)[0] for row in parts)
        for total in totals:
            if lower_sum > _bounds(total, rule)[1]:
                listed = ", ".join(
                    f"{row.cells[rule.measure_field]} {row.cells[rule.value_field]} (line {row.line})"
                    for row in parts
                )
                message = (
                    f"the parts add up to at least {lower_sum:g}, more than this "
                    f"{rule.total} total allows: {listed}"
                )
                shown = str(total.cells[rule.value_field])
                problems.append(
                    Problem(
                        table.resource.path,
                        total.line,
                        rule.value_field,
                        "parts-within-total",
                        message,
                        shown,
                    )
                )


_AUTHORS_SEPARATOR = re.compile(r"\s+and\s+", re.IGNORECASE)


def _names_problem(authors: str) -> str | None:
    """Why BibTeX cannot read ``authors`` as a list of names, or None."""
    for name in _AUTHORS_SEPARATOR.split(authors):
        parts = name.split(",")
        if len(parts) > 3 or any(not part.strip() for part in parts):
            return (
                "cannot be read as names: write each 'First Last' or 'Last, First', several joined by ' and '"
            )
    return None


def _check_bibliography(table: Table, problems: list[Problem]) -> None:
    path = table.resource.path
    for row in table.rows:
        key = row.cells.get(contract.CITATION_KEY_COLUMN)
        if isinstance(key, str) and not contract.CITATION_KEY.fullmatch(key):
            message = (
                "cannot be a citation key: letters, digits and . _ : - only, starting with a letter or digit"
            )
            problems.append(
                Problem(path, row.line, contract.CITATION_KEY_COLUMN, "citation-key", message, key)
            )
        for column in contract.URL_COLUMNS:
            url = row.cells.get(column)
            if isinstance(url, str) and not contract.URL.fullmatch(url):
                message = "must be a web address starting http:// or https://"
                problems.append(Problem(path, row.line, column, "url", message, url))
        for column in contract.BIBTEX_TEXT_COLUMNS:
            text = row.cells.get(column)
            if isinstance(text, str) and ("{" in text or "}" in text):
                message = "holds a brace, which BibTeX, and so the bibliography, has no way to show"
                problems.append(Problem(path, row.line, column, "bibliography", message, text))
        authors = row.cells.get(contract.AUTHOR_COLUMN)
        if isinstance(authors, str):
            reason = _names_problem(authors)
            if reason is not None:
                problems.append(Problem(path, row.line, contract.AUTHOR_COLUMN, "author", reason, authors))


def check_tables(tables: Iterable[Table]) -> list[Problem]:
    """Every problem the book's own rules find in the typed tables."""
    problems: list[Problem] = []
    for table in tables:
        resource = table.resource
        if not table.rows:
            message = "has a header but no rows: every table of the book holds at least one row"
            problems.append(Problem(resource.path, None, None, "empty-table", message))
        for key in resource.unique_keys:
            _check_unique(table, key, problems)
        for first, second in resource.ordered_dates:
            _check_order(table, first, second, problems)
        for rule in resource.parts_within_total:
            _check_parts(table, rule, problems)
        if resource.name == contract.BIBLIOGRAPHY:
            _check_bibliography(table, problems)
    return problems
