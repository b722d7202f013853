"""Validate data/ against its descriptor, naming file, line, column, rule and value.

In three steps, each reporting every problem it finds before the next starts:

1. Each table's file is read safely (``files``) and split into cells that must
   be one line of UTF-8 text each (``csvfile``).
2. Frictionless checks the cells against the Table Schema (``tableschema``).
3. The book's own rules run on the typed rows (``book_rules``).

Nothing is coerced, dropped or guessed: a cell either parses exactly as its
declared type or is reported. Line numbers are the CSV file's own (the header
is line 1), so a maintainer can jump straight to the bad cell.
"""

from __future__ import annotations

from tracingbook.data import book_rules, tableschema
from tracingbook.data.book_rules import Row, Table, value_bounds
from tracingbook.data.csvfile import RawTable, read_csv
from tracingbook.data.descriptor import DESCRIPTOR_NAME, DataPackage
from tracingbook.data.files import UnreadableFile, read_bytes
from tracingbook.data.problems import DataValidationError, Problem

__all__ = ["DataValidationError", "Problem", "Row", "Table", "validate_package", "value_bounds"]


def _in_order(package: DataPackage, problems: list[Problem]) -> list[Problem]:
    """Problems by file, in the descriptor's order, then by line."""
    order = {DESCRIPTOR_NAME: -1} | {resource.path: index for index, resource in enumerate(package.resources)}
    return sorted(problems, key=lambda problem: (order.get(problem.file, len(order)), problem.line or 0))


def read_files(package: DataPackage) -> dict[str, RawTable]:
    """Every table's cells; DataValidationError if any file cannot be read as a table."""
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    for resource in package.resources:
        try:
            content = read_bytes(package.directory, resource.path)
        except UnreadableFile as error:
            problems.append(Problem(resource.path, None, None, error.rule, error.message))
            continue
        table = read_csv(resource.path, content, problems)
        if table is not None:
            tables[resource.name] = table
    if problems:
        raise DataValidationError(_in_order(package, problems))
    return tables


def validate_package(package: DataPackage) -> dict[str, Table]:
    """Read and check every table; raise DataValidationError listing all problems."""
    checked = tableschema.check_tables(package, read_files(package))
    tables = {
        name: Table(package.resource(name), [Row(line, cells) for line, cells in rows])
        for name, rows in checked.rows.items()
    }
    problems = checked.problems + book_rules.check_tables(tables.values())
    if problems:
        raise DataValidationError(_in_order(package, problems))
    return tables
