"""Validate data/ with frictionless, and say what is wrong in the book's words.

Frictionless opens every table named by the checked descriptor (``descriptor``)
and checks encoding, the CSV dialect, types, constraints and keys; the book's
own rules run in the same pass as Checks (``checks``). One formatter turns
every error into a Problem: file, line, column, rule and the bad value. All
problems of a run are reported together, in file and line order.

Before frictionless opens anything, each table's name is checked to be a plain,
regular file inside data/ (``files``), so nothing outside data/ is read.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from frictionless import Dialect, FrictionlessException
from frictionless import Package as Engine
from frictionless.formats import CsvControl

from tracingbook.data.checks import WHAT, checklist, type_message, value_bounds
from tracingbook.data.descriptor import DESCRIPTOR_NAME, DataPackage, Resource
from tracingbook.data.files import UTF8_BOM, UnreadableFile, check_file, not_utf8, read_bytes
from tracingbook.data.problems import DataValidationError, Problem

__all__ = ["DataValidationError", "Problem", "Row", "Table", "validate_package", "value_bounds"]

Value = str | int | float | Any | None
# Frictionless stops reading a table after this many errors; the report says so.
MAX_ERRORS = 1_000
_HEADER = (
    "missing-label",
    "extra-label",
    "incorrect-label",
    "blank-label",
    "duplicate-label",
    "blank-header",
)
_SHAPE = ("blank-row", "missing-cell", "extra-cell")


@dataclass
class Row:
    line: int
    cells: dict[str, Value]


@dataclass
class Table:
    """A table whose every cell has been parsed to its declared Python type."""

    resource: Resource
    rows: list[Row]


def _bound(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else f"{value:,}".removesuffix(".0")


def constraint_message(resource: Resource, column: str, rule: str) -> str:
    """What a constraint demands, in plain words."""
    field = resource.field(column)
    dated = field.type == "date"
    if rule == "required":
        return "a value is required"
    if rule == "enum":
        return f"must be one of {', '.join(map(repr, field.enum or ()))}"
    if rule == "minimum":
        return f"must {'not be before' if dated else 'be at least'} {_bound(field.minimum)}"
    if rule == "maximum":
        return f"must {'not be after' if dated else 'be at most'} {_bound(field.maximum)}"
    return f"breaks the constraint {rule!r}"


def _repeats(note: str) -> str:
    found = re.search(r"position (\d+)", note)
    return f"repeats the key of line {found.group(1)}" if found else note


def _problem(package: DataPackage, resource: Resource, error: Any) -> Problem:
    """One frictionless error in the book's words."""
    path, kind, note = resource.path, error.type, error.note or error.message
    line = getattr(error, "row_number", None) or None
    column: str = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
    cell = getattr(error, "cell", None)
    if kind == "book-rule":
        return Problem(path, line, column or None, error.rule, note, error.value)
    if kind == "type-error":
        kind_of = resource.field(column).type
        message = type_message(kind_of, cell or "") or f"is not {WHAT.get(kind_of, kind_of)}"
        return Problem(path, line, column, "type", message, cell)
    if kind == "constraint-error":
        found = re.search(r'constraint "(\w+)"', note)
        name = found.group(1) if found else "constraint"
        return Problem(path, line, column, name, constraint_message(resource, column, name), cell)
    if kind in ("unique-error", "primary-key"):
        key: tuple[str, ...] = (column,) if kind == "unique-error" else resource.primary_key
        cells, names = error.cells, resource.field_names
        shown = ", ".join(cells[names.index(name)] for name in key if names.index(name) < len(cells))
        rule = "unique" if kind == "unique-error" else kind
        return Problem(path, line, "+".join(key), rule, _repeats(note), shown)
    if kind == "foreign-key":
        target = package.resource(error.reference_name or resource.name).path
        message = f"names no {'+'.join(error.reference_field_names)} in {target}"
        return Problem(path, line, "+".join(error.field_names), kind, message, ", ".join(error.field_cells))
    if kind == "blank-row":
        return Problem(path, line, None, "blank-line", "blank line in the table")
    if kind in _SHAPE:
        message = (
            f"has {'fewer' if kind == 'missing-cell' else 'more'} cells than the header: "
            "a cell holding a comma or a quote is wrapped in double quotes, "
            "and a quote inside it is written twice"
        )
        return Problem(path, line, None, "cell-count", message)
    if kind in _HEADER:
        messages = {
            "missing-label": ("missing-column", "the header lacks this column"),
            "extra-label": ("unknown-column", "the descriptor declares no such column"),
            "incorrect-label": (
                "column-order",
                f"stands where the descriptor puts {getattr(error, 'field_name', '')!r}",
            ),
            "duplicate-label": ("header", "the header names this column more than once"),
            "blank-header": ("header", "line 1 is blank: the header is the first line"),
        }
        rule, message = messages.get(kind, ("header", note))
        return Problem(path, 1, None if kind == "blank-header" else column, rule, message)
    if kind == "encoding-error":
        try:
            broken = not_utf8(read_bytes(package.directory, path))
        except UnreadableFile:
            broken = None
        if broken is not None:
            line, byte, advice = broken
            return Problem(
                path, line, None, "encoding", f"is not UTF-8 text: byte {byte} cannot be read; {advice}"
            )
    if kind == "source-error" and "empty" in note:
        return Problem(path, None, None, "empty-file", "the file is empty: it needs a header line")
    return Problem(path, line, column or None, kind, note)


def _problems(package: DataPackage, resource: Resource, found: list[Any]) -> list[Problem]:
    """A broken header hides its rows' errors, a malformed row its cells', a cell's type its constraints."""
    if any("requires unique labels" in (error.note or "") for error in found):
        text = read_bytes(package.directory, resource.path).removeprefix(UTF8_BOM).decode("utf-8", "replace")
        labels = next(csv.reader(io.StringIO(text)), [])
        counts = Counter(labels)
        twice = sorted(label for label, count in counts.items() if count > 1)
        return [
            Problem(resource.path, 1, label, "header", f"the header names this column {counts[label]} times")
            for label in twice
        ]
    header = [error for error in found if error.type in _HEADER or not hasattr(error, "row_number")]
    if header:
        found = header
    malformed = {error.row_number for error in found if error.type in _SHAPE}
    kept = [e for e in found if getattr(e, "row_number", None) not in malformed or e.type in _SHAPE]
    problems = list(dict.fromkeys(_problem(package, resource, error) for error in kept))
    mistyped = {(p.line, p.column) for p in problems if p.rule in ("type", "character", "too-long")}
    return [
        p
        for p in problems
        if p.rule in ("type", "character", "too-long") or (p.line, p.column) not in mistyped
    ]


def _engine(package: DataPackage) -> Engine:
    """Frictionless's package: the descriptor as written, less its patterns, which RE2 matches."""
    resources = []
    for resource in package.descriptor["resources"]:
        fields = [
            {
                **field,
                "constraints": {k: v for k, v in field.get("constraints", {}).items() if k != "pattern"},
            }
            for field in resource["schema"]["fields"]
        ]
        resources.append({**resource, "schema": {**resource["schema"], "fields": fields}})
    return Engine({**package.descriptor, "resources": resources}, basepath=str(package.directory))


def _typed(values: dict[str, Any]) -> dict[str, Value]:
    # Frictionless reads numbers as Decimal; the book computes with floats.
    return {name: float(value) if isinstance(value, Decimal) else value for name, value in values.items()}


def _targets_first(package: DataPackage) -> list[Resource]:
    """The resources, each after the tables its foreign keys point into (where no circle forbids it)."""
    pending, done = list(package.resources), list[Resource]()
    while pending:
        ready = [
            r for r in pending if all(k.resource in {d.name for d in done} | {r.name} for k in r.foreign_keys)
        ]
        done.append((ready or pending)[0])
        pending.remove(done[-1])
    return done


def validate_package(package: DataPackage) -> dict[str, Table]:
    """Read and check every table; raise DataValidationError listing all problems."""
    problems: list[Problem] = []
    for resource in package.resources:
        try:
            check_file(package.directory, resource.path)
        except UnreadableFile as error:
            problems.append(Problem(resource.path, None, None, error.rule, error.message))
    if problems:  # frictionless follows foreign keys into other tables: open none until all are safe
        raise DataValidationError(problems)
    tables: dict[str, Table] = {}
    broken: set[str] = set()
    try:
        engine = _engine(package)
        for resource in _targets_first(package):
            table = engine.get_resource(resource.name)
            # A table that cannot be read is reported once, not again through every key into it.
            table.schema.foreign_keys = [
                key for key in table.schema.foreign_keys if key["reference"]["resource"] not in broken
            ]
            table.dialect = Dialect(controls=[CsvControl(delimiter=",", quote_char='"', double_quote=True)])
            rows: list[Row] = []
            report = table.validate(
                checklist(resource),
                on_row=lambda row, rows=rows: rows.append(Row(row.row_number, _typed(row.to_dict()))),
                limit_errors=MAX_ERRORS,
            )
            task = report.tasks[0] if report.tasks else None
            found = _problems(package, resource, task.errors if task else report.errors)
            if any(problem.line in (None, 1) or problem.rule == "encoding" for problem in found):
                broken.add(resource.name)
            problems += found
            if report.tasks and any("error limit" in warning for warning in report.tasks[0].warnings):
                problems.append(
                    Problem(
                        resource.path, None, None, "stopped", f"reading stopped after {MAX_ERRORS:,} problems"
                    )
                )
            tables[resource.name] = Table(resource, rows)
    except FrictionlessException as error:
        problems.append(Problem(DESCRIPTOR_NAME, None, None, "standard", str(error.error.note)))
    except Exception as error:  # a fault in the engine must still end in a message, not a traceback
        problems.append(
            Problem(
                DESCRIPTOR_NAME,
                None,
                None,
                "frictionless",
                f"frictionless could not check the tables ({error!r})",
            )
        )
    if problems:
        order = {DESCRIPTOR_NAME: -1} | {
            resource.path: index for index, resource in enumerate(package.resources)
        }
        raise DataValidationError(
            sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line or 0))
        )
    return tables
