"""Check the tables against their Table Schema with frictionless, and read their typed values.

Frictionless checks what the standard covers: the header against the fields,
each value's type, required, enum, pattern, minimum and maximum, unique
columns, primary keys and foreign keys. It is handed the cells the book has
already read (see ``csvfile``), so it opens no file and guesses no dialect or
encoding, and its row numbers map back to the lines of the file.

One thing is stricter than frictionless: a number or date must be written the
standard's plain way, in ASCII digits. Frictionless reads integers with
Python's ``int()``, which also takes '١٢' (Arabic-Indic digits), ' 12 ' and
'1_000'; the book refuses them, as it refuses 'NaN', '1e3' and '2016-1-5'.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from frictionless import FrictionlessException, Package, Plugin, fields, system

from tracingbook.data.csvfile import RawTable
from tracingbook.data.descriptor import DESCRIPTOR_NAME, DataPackage, Field, Resource
from tracingbook.data.problems import Problem

Value = str | int | float | date | None

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Integer columns become pandas int64.
_LARGEST_INTEGER = 2**63 - 1
_PLUGIN = "tracingbook-strict-numbers"
# Keys that tell frictionless where the file is; it is handed the cells instead.
_FILE_KEYS = ("path", "format", "encoding", "mediatype")


def _strictly(read: Callable[[Any], Any], lexical: re.Pattern[str], fits: Callable[[Any], bool]) -> Any:
    """A value reader that refuses text outside ``lexical`` and values that do not ``fit``."""

    def value_reader(cell: Any) -> Any:
        if isinstance(cell, str) and not lexical.fullmatch(cell):
            return None
        value = read(cell)
        return value if value is None or fits(value) else None

    return value_reader


@attrs.define(kw_only=True, repr=False)
class _Integer(fields.IntegerField):
    def create_value_reader(self) -> Any:
        return _strictly(
            super().create_value_reader(), _INTEGER, lambda value: abs(value) <= _LARGEST_INTEGER
        )


@attrs.define(kw_only=True, repr=False)
class _Number(fields.NumberField):
    def create_value_reader(self) -> Any:
        return _strictly(
            super().create_value_reader(), _NUMBER, lambda value: abs(float(value)) < float("inf")
        )


@attrs.define(kw_only=True, repr=False)
class _Date(fields.DateField):
    def create_value_reader(self) -> Any:
        return _strictly(super().create_value_reader(), _DATE, lambda value: True)


class _StrictFields(Plugin):
    def select_field_class(self, type: str | None = None) -> Any:
        return {"integer": _Integer, "number": _Number, "date": _Date}.get(type or "")


@functools.cache
def _use_strict_fields() -> None:
    """Have frictionless read numbers and dates strictly, from now on in this process.

    Registered once: each (de)registration makes frictionless scan its plugins again.
    """
    system.register(_PLUGIN, _StrictFields())


# ---------------------------------------------------------------- messages


def type_message(spec: Field, cell: str) -> str:
    """Why a cell is not a value of its column's type, in plain words."""
    what = {"integer": "a whole number", "number": "a number", "date": "a date"}.get(spec.type, spec.type)
    if cell != cell.strip():
        return f"is not {what}: it has spaces around it"
    if spec.type == "date":
        if _DATE.fullmatch(cell):
            return "is not a date that exists"
        return "is not a date written YYYY-MM-DD"
    lexical = _INTEGER if spec.type == "integer" else _NUMBER
    if not lexical.fullmatch(cell):
        if any(character.isdigit() and not character.isascii() for character in cell):
            return f"is not {what} written with the digits 0-9"
        return f"is not {what}"
    return "is too large for the book to hold"


def _bound(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def constraint_message(spec: Field, constraint: str) -> str:
    """What a constraint demands, in plain words."""
    if constraint == "required":
        return "a value is required"
    if constraint == "enum":
        return f"must be one of {', '.join(repr(item) for item in spec.enum or ())}"
    if constraint == "pattern":
        return f"must match the pattern {spec.pattern}"
    is_date = spec.type == "date"
    if constraint == "minimum":
        return (
            f"must not be before {_bound(spec.minimum)}"
            if is_date
            else f"must be at least {_bound(spec.minimum)}"
        )
    if constraint == "maximum":
        return (
            f"must not be after {_bound(spec.maximum)}"
            if is_date
            else f"must be at most {_bound(spec.maximum)}"
        )
    return f"breaks the constraint {constraint!r}"


# ---------------------------------------------------------------- errors to problems


@dataclass
class Checked:
    """Problems found by frictionless, and the typed rows, as (line, {column: value}), of each
    table whose header and file were sound."""

    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[tuple[int, dict[str, Value]]]] = field(default_factory=dict)


_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_POSITION = re.compile(r"position (\d+)")


class _Table:
    """One resource and the cells read from its file, to locate frictionless's errors."""

    def __init__(self, package: DataPackage, resource: Resource, raw: RawTable) -> None:
        self.package = package
        self.resource = resource
        self.raw = raw

    def line(self, row_number: int) -> int:
        return self.raw.lines[row_number - 1]

    def cell(self, row_number: int, column: str) -> str | None:
        record = self.raw.records[row_number - 1]
        header = self.raw.header
        position = header.index(column) if column in header else len(record)
        return record[position] if position < len(record) else None

    def problem(self, error: Any) -> Problem:
        path = self.resource.path
        kind = error.type
        if kind in ("missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label"):
            return self._label_problem(error)
        if not hasattr(error, "row_number"):
            return Problem(path, None, None, kind, error.note or error.message)
        row_number: int = error.row_number
        line = self.line(row_number)
        if kind in ("type-error", "constraint-error", "unique-error"):
            spec = self.resource.field(error.field_name)
            cell = self.cell(row_number, spec.name)
            if kind == "type-error":
                return Problem(path, line, spec.name, "type", type_message(spec, cell or ""), cell)
            if kind == "unique-error":
                return Problem(path, line, spec.name, "unique", self._repeats(error), cell)
            found = _CONSTRAINT.search(error.note)
            rule = found.group(1) if found else "constraint"
            return Problem(path, line, spec.name, rule, constraint_message(spec, rule), cell)
        if kind == "primary-key":
            key = self.resource.primary_key
            shown = ", ".join(self.cell(row_number, column) or "" for column in key)
            message = (
                self._repeats(error) if "position" in error.note else "has no key: its key columns are empty"
            )
            return Problem(path, line, "+".join(key), "primary-key", message, shown)
        if kind == "foreign-key":
            target = self.package.resource(error.reference_name).path
            message = f"names no {'+'.join(error.reference_field_names)} in {target}"
            return Problem(
                path, line, "+".join(error.field_names), "foreign-key", message, ", ".join(error.field_cells)
            )
        if kind == "blank-row":
            return Problem(path, line, None, "blank-line", "blank line in the table")
        if kind in ("missing-cell", "extra-cell"):
            cells, width = len(self.raw.records[row_number - 1]), len(self.raw.header)
            return Problem(path, line, None, "cell-count", f"has {cells} cells where the header has {width}")
        return Problem(
            path, line, getattr(error, "field_name", None) or None, kind, error.note or error.message
        )

    def _repeats(self, error: Any) -> str:
        found = _POSITION.search(error.note)
        return f"repeats the key of line {self.line(int(found.group(1)))}" if found else error.note

    def _label_problem(self, error: Any) -> Problem:
        path = self.resource.path
        if error.type == "missing-label":
            return Problem(path, 1, error.field_name, "missing-column", "the header lacks this column")
        if error.type == "extra-label":
            return Problem(path, 1, error.label, "unknown-column", "the descriptor declares no such column")
        if error.type == "incorrect-label":
            message = f"stands where the descriptor puts {error.field_name!r}"
            return Problem(path, 1, error.label, "column-order", message)
        return Problem(path, 1, error.label or None, "header", error.note or error.message)


def _problems(table: _Table, errors: list[Any]) -> list[Problem]:
    """The table's problems: a broken header hides its rows' errors, a malformed row its cells'."""
    header = [error for error in errors if not hasattr(error, "row_number")]  # labels, or the whole file
    if header:
        return [table.problem(error) for error in header]
    by_row: dict[int, list[Any]] = defaultdict(list)
    for error in errors:
        by_row[error.row_number].append(error)
    problems: list[Problem] = []
    for row_errors in by_row.values():
        kinds = {error.type for error in row_errors}
        shape = [error for error in row_errors if error.type in ("blank-row", "missing-cell", "extra-cell")]
        if shape:
            problems.append(table.problem(shape[0]))
            continue
        unique = {error.field_name for error in row_errors if error.type == "unique-error"}
        for error in row_errors:
            # A one-column primary key that is also 'unique' is reported once, as 'unique'.
            if (
                error.type == "primary-key"
                and "unique-error" in kinds
                and set(table.resource.primary_key) <= unique
            ):
                continue
            problems.append(table.problem(error))
    return problems


def _typed(cells: Mapping[str, Any]) -> dict[str, Value]:
    # Frictionless reads numbers as Decimal; the book computes with floats.
    return {name: float(value) if isinstance(value, Decimal) else value for name, value in cells.items()}


def _inline(package: DataPackage, raw_tables: Mapping[str, RawTable]) -> dict[str, Any]:
    """The descriptor, each resource's file replaced by the cells already read from it."""
    resources = []
    for resource in package.descriptor["resources"]:
        inline = {key: value for key, value in resource.items() if key not in _FILE_KEYS}
        inline["data"] = raw_tables[resource["name"]].records
        resources.append(inline)
    return {**package.descriptor, "resources": resources}


def check_tables(package: DataPackage, raw_tables: Mapping[str, RawTable]) -> Checked:
    """Validate every table with frictionless; the typed rows are kept even where values fail."""
    checked = Checked()
    _use_strict_fields()
    try:
        engine = Package(_inline(package, raw_tables))
        for engine_resource in engine.resources:
            resource = package.resource(engine_resource.name)
            rows: list[tuple[int, dict[str, Value]]] = []
            table = _Table(package, resource, raw_tables[resource.name])

            def keep(
                row: Any, table: _Table = table, rows: list[tuple[int, dict[str, Value]]] = rows
            ) -> None:
                rows.append((table.line(row.row_number), _typed(row.to_dict())))

            report = engine_resource.validate(on_row=keep)
            problems = _problems(table, [error for task in report.tasks for error in task.errors])
            checked.problems += problems
            if not any(problem.line in (None, 1) for problem in problems):
                checked.rows[resource.name] = rows
    except FrictionlessException as error:
        checked.problems.append(Problem(DESCRIPTOR_NAME, None, None, "standard", str(error.error.note)))
    except Exception as error:  # a bug in the engine must still end in a message, not a traceback
        message = f"frictionless could not check the tables ({error!r})"
        checked.problems.append(Problem(DESCRIPTOR_NAME, None, None, "frictionless", message))
    return checked
