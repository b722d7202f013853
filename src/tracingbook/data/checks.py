"""The book's own rules, as frictionless Checks that run in one pass over each table.

- Every cell is one line of visible text, no longer than a paragraph; numbers and
  dates are written plainly (ASCII digits, no padding, sign or exponent, no -0).
- Patterns are matched by RE2, which cannot backtrack, so no pattern can hang.
- Keys: ``uniqueKeys`` (Table Schema 2; frictionless does not check it yet), and
  look-alikes: in every key column, two values that differ only in case, spaces
  around them, Unicode compatibility forms or confusable letters (a Cyrillic
  'а' for a Latin 'a') must be written the same.
- ``orderedDates``, ``partsWithinTotal``, and foreign keys into the same table
  (``superseded_by``) that name their own row or go round in a circle.
- ``sources.csv`` can become the bibliography (see ``contract``); no table is empty.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import Any, ClassVar

import attrs
import re2
from confusable_homoglyphs.confusables import confusables_data
from frictionless import Check, Checklist, Error, errors

from tracingbook.data import contract
from tracingbook.data.descriptor import LARGEST_INTEGER, Resource
from tracingbook.data.files import forbidden_character

# The longest cell in data/ is under 400 characters; 2,000 is a long paragraph.
MAX_CELL_CHARACTERS = 2_000
_LEXICAL = {
    "integer": re.compile(r"-?(0|[1-9][0-9]*)"),
    "number": re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?"),
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
WHAT = {"integer": "a whole number", "number": "a number", "date": "a date"}


@attrs.define(kw_only=True, repr=False)
class BookError(errors.RowError):
    """A broken rule of the book, already in plain words; row 0 is the whole table."""

    type = "book-rule"
    title = "Book rule"
    description = "A rule of the book is broken."
    template = "{note}"
    rule: str
    field_name: str = ""
    value: str | None = None


def _error(line: int, rule: str, message: str, column: str = "", value: Any = None) -> BookError:
    shown = None if value is None else str(value)
    return BookError(note=message, cells=[], row_number=line, rule=rule, field_name=column, value=shown)


def type_message(kind: str, cell: str) -> str | None:
    """Why ``cell`` is not a plainly written value of type ``kind``, or None if it is one."""
    if kind not in WHAT:
        return None
    what = WHAT[kind]
    if cell != cell.strip():
        return f"is not {what}: it has spaces around it"
    if not _LEXICAL[kind].fullmatch(cell):
        if any(character.isdigit() and not character.isascii() for character in cell):
            return f"is not {what} written with the digits 0-9"
        return "is not a date written YYYY-MM-DD" if kind == "date" else f"is not {what}"
    if kind == "date":
        try:
            date.fromisoformat(cell)
        except ValueError:
            return "is not a date that exists"
        return None
    if cell.startswith("-") and float(cell) == 0:
        return f"is not {what}: write 0 without a sign"
    if abs(float(cell)) > LARGEST_INTEGER:
        return "is too large for the book to hold"
    return None


@cache
def _twin(character: str) -> str:
    """The ASCII letter a non-ASCII character is confusable with (Unicode's confusables), or itself."""
    if character.isascii():
        return character
    twins = [glyph["c"] for glyph in confusables_data.get(character, ()) if glyph["c"].isascii()]
    return min(twins) if twins else character


def fold(text: str) -> str:
    """``text`` as compared for look-alikes: NFKC, case-folded, confusables folded, spaces trimmed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(map(_twin, text)).casefold().split())


def value_bounds(value: float, qualifier: str | None) -> tuple[float, float]:
    """The range a qualified figure certainly allows: (lower bound, upper bound).

    Deliberately wider than the chapters' reading of qualifiers: validation rejects
    only data that cannot be right under any reading.
    """
    if qualifier == "exact":
        return value, value
    if qualifier == "more than":
        return value, math.inf
    if qualifier == "fewer than":
        return 0.0, value
    return 0.0, math.inf


@attrs.define(kw_only=True, repr=False)
class _BookCheck(Check):
    """A rule of the book over one table: ``spec`` is its resource; rows are kept as (line, values)."""

    type = "book-rule"
    Errors: ClassVar[list[Any]] = [BookError]
    keeps_rows: ClassVar[bool] = False
    spec: Resource
    rows: list[tuple[int, dict[str, Any]]] = attrs.field(factory=list)

    def validate_row(self, row: Any) -> Iterable[Error]:
        if self.keeps_rows:
            self.rows.append((row.row_number, row.to_dict()))
        return self.check_row(row.row_number, dict(zip(row.field_names, row.cells, strict=False)), row)

    def check_row(self, line: int, cells: dict[str, Any], row: Any) -> Iterable[Error]:
        return ()


class plain_cells(_BookCheck):
    def check_row(self, line: int, cells: dict[str, Any], row: Any) -> Iterator[BookError]:
        for field in self.spec.fields:
            cell = cells.get(field.name)
            if not isinstance(cell, str) or cell == "":
                continue
            character = forbidden_character(cell)
            if character is not None:
                message = (
                    f"holds {character}, an invisible character that breaks, hides or reverses text "
                    "(a cell is one line of visible text)"
                )
                yield _error(line, "character", message, field.name, cell)
            elif len(cell) > MAX_CELL_CHARACTERS:
                message = f"is {len(cell):,} characters long; a cell holds at most {MAX_CELL_CHARACTERS:,}"
                yield _error(line, "too-long", message, field.name, cell)
            elif (mistyped := type_message(field.type, cell)) is not None:
                yield _error(line, "type", mistyped, field.name, cell)
            elif field.pattern is not None and not re2.fullmatch(_compiled(field.pattern), cell):
                yield _error(line, "pattern", f"must match the pattern {field.pattern}", field.name, cell)


@cache
def _compiled(pattern: str) -> Any:
    return re2.compile(pattern)


class keys(_BookCheck):
    """uniqueKeys, and one spelling for each look-alike value of a key column."""

    keeps_rows: ClassVar[bool] = True

    def validate_end(self) -> Iterator[BookError]:
        columns = {name for key in (self.spec.primary_key, *self.spec.unique_keys) for name in key}
        columns |= {field.name for field in self.spec.fields if field.unique}
        for column in sorted(columns & {f.name for f in self.spec.fields if f.type == "string"}):
            first: dict[str, tuple[int, str]] = {}
            for line, values in self.rows:
                value = values.get(column)
                if isinstance(value, str):
                    line_seen, seen = first.setdefault(fold(value), (line, value))
                    if seen != value:
                        message = (
                            f"looks the same as {seen!r} in line {line_seen} but is written differently "
                            "(in case, spaces or a look-alike letter): write it the same way, "
                            "or make it differ"
                        )
                        yield _error(line, "look-alike", message, column, value)
        for key in self.spec.unique_keys:
            lines: dict[tuple[Any, ...], int] = {}
            for line, values in self.rows:
                found = tuple(values.get(column) for column in key)
                if None not in found and lines.setdefault(found, line) != line:
                    message = f"repeats the key of line {lines[found]}"
                    yield _error(line, "unique-key", message, "+".join(key), ", ".join(map(str, found)))


class ordered_dates(_BookCheck):
    def check_row(self, line: int, cells: dict[str, Any], row: Any) -> Iterator[BookError]:
        for first, second in self.spec.ordered_dates:
            start, end = row[first], row[second]
            if isinstance(start, date) and isinstance(end, date) and start > end:
                message = f"falls before {first} ({start.isoformat()})"
                yield _error(line, "date-order", message, second, end.isoformat())


class parts_within_total(_BookCheck):
    keeps_rows: ClassVar[bool] = True

    def validate_end(self) -> Iterator[BookError]:
        for rule in self.spec.parts_within_total:
            groups: dict[tuple[Any, ...], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
            for line, values in self.rows:
                groups[tuple(values.get(column) for column in rule.group_by)].append((line, values))

            def bounds(values: dict[str, Any], rule: Any = rule) -> tuple[float, float]:
                value, qualifier = values.get(rule.value_field), values.get(rule.qualifier_field)
                if not isinstance(value, int | float) or isinstance(value, bool):
                    return 0.0, math.inf  # already reported as a type problem
                return value_bounds(float(value), qualifier if isinstance(qualifier, str) else None)

            for rows in groups.values():
                parts = [
                    (line, values) for line, values in rows if values.get(rule.measure_field) in rule.parts
                ]
                lower = sum(bounds(values)[0] for _, values in parts)
                for line, total in rows:
                    if parts and total.get(rule.measure_field) == rule.total and lower > bounds(total)[1]:
                        listed = ", ".join(
                            f"{values[rule.measure_field]} {values[rule.value_field]} (line {part})"
                            for part, values in parts
                        )
                        message = (
                            f"the parts add up to at least {lower:g}, "
                            f"more than this {rule.total} total allows: {listed}"
                        )
                        yield _error(
                            line, "parts-within-total", message, rule.value_field, total[rule.value_field]
                        )


class references(_BookCheck):
    """A foreign key into its own table never names its own row, nor goes round in a circle."""

    keeps_rows: ClassVar[bool] = True

    def validate_end(self) -> Iterator[BookError]:
        for key in self.spec.foreign_keys:
            if key.resource != self.spec.name:
                continue
            column = "+".join(key.fields)
            target_of: dict[tuple[Any, ...], tuple[Any, ...]] = {}
            line_of: dict[tuple[Any, ...], int] = {}
            for line, values in self.rows:
                own = tuple(values.get(name) for name in key.reference_fields)
                target = tuple(values.get(name) for name in key.fields)
                line_of.setdefault(own, line)
                if None not in target:
                    target_of.setdefault(own, target)
            done: set[tuple[Any, ...]] = set()
            for start in target_of:  # each row is walked once: linear in the rows
                path: list[tuple[Any, ...]] = []
                node: tuple[Any, ...] | None = start
                while node is not None and node not in done and node not in path:
                    path.append(node)
                    node = target_of.get(node)
                if node is not None and node in path:
                    circle = path[path.index(node) :]
                    shown = " → ".join(", ".join(map(str, item)) for item in [*circle, node])
                    message = "names its own row" if len(circle) == 1 else f"goes round in a circle: {shown}"
                    yield _error(
                        line_of[circle[0]],
                        "reference",
                        message,
                        column,
                        ", ".join(map(str, target_of[circle[0]])),
                    )
                done.update(path)


_AUTHORS_SEPARATOR = re.compile(r"\s+and\s+", re.IGNORECASE)


class bibliography(_BookCheck):
    def check_row(self, line: int, cells: dict[str, Any], row: Any) -> Iterator[BookError]:
        if self.spec.name != contract.BIBLIOGRAPHY:
            return
        key, authors = row[contract.CITATION_KEY_COLUMN], row[contract.AUTHOR_COLUMN]
        if isinstance(key, str) and not contract.CITATION_KEY.fullmatch(key):
            message = (
                "cannot be a citation key: letters, digits and . _ : - only, starting with a letter or digit"
            )
            yield _error(line, "citation-key", message, contract.CITATION_KEY_COLUMN, key)
        for column in contract.URL_COLUMNS:
            url = row[column]
            if isinstance(url, str) and not contract.URL.fullmatch(url):
                message = "must be a web address starting http:// or https://"
                yield _error(line, "url", message, column, url)
        for column in contract.BIBTEX_TEXT_COLUMNS:
            text = row[column]
            if isinstance(text, str) and ("{" in text or "}" in text):
                message = "holds a brace, which BibTeX, and so the bibliography, has no way to show"
                yield _error(line, "bibliography", message, column, text)
        names = _AUTHORS_SEPARATOR.split(authors) if isinstance(authors, str) else []
        if any(
            len(parts := name.split(",")) > 3 or not all(part.strip() for part in parts) for name in names
        ):
            message = (
                "cannot be read as names: write each 'First Last' or 'Last, First', several joined by ' and '"
            )
            yield _error(line, "author", message, contract.AUTHOR_COLUMN, authors)


class table_shape(_BookCheck):
    keeps_rows: ClassVar[bool] = True

    def validate_start(self) -> Iterator[BookError]:
        header = self.resource.header  # type: ignore[attr-defined]
        if header is not None and header.row_numbers != [1]:
            yield _error(1, "header", "line 1 is blank: the header is the first line")

    def validate_end(self) -> Iterator[BookError]:
        if not self.rows:
            yield _error(
                0, "empty-table", "has a header but no rows: every table of the book holds at least one row"
            )


def checklist(resource: Resource) -> Checklist:
    """The book's rules for one table, with frictionless's own baseline."""
    rules = (plain_cells, keys, ordered_dates, parts_within_total, references, bibliography, table_shape)
    return Checklist(checks=[rule(spec=resource) for rule in rules])
