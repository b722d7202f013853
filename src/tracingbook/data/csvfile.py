"""Split a CSV file into cells, remembering the line each row starts on.

The book reads one CSV dialect only, RFC 4180's: commas, double quotes, a
header in line 1. Nothing is sniffed. Before any rule of the descriptor is
checked, every cell must be text the book can show: UTF-8, one line, no
invisible control characters, and no longer than a paragraph.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from tracingbook.data.files import as_bytes_shown, encoding_hint, forbidden_character, to_text, undecodable
from tracingbook.data.problems import Problem

# The longest cell in data/ is under 400 characters; 2,000 is a long paragraph.
# A longer cell is a slip, such as text pasted twice.
MAX_CELL_CHARACTERS = 2_000


@dataclass(frozen=True)
class RawTable:
    """A CSV file's records as text: ``records[0]`` is the header, ``lines[i]`` where record i starts."""

    records: list[list[str]]
    lines: list[int]

    @property
    def header(self) -> list[str]:
        return self.records[0]


def _cell_problem(file: str, line: int, column: str | None, cell: str, content: bytes) -> Problem | None:
    byte = undecodable(cell)
    if byte is not None:
        message = f"is not UTF-8 text: byte {byte} cannot be read; {encoding_hint(content)}"
        return Problem(file, line, column, "encoding", message, as_bytes_shown(cell))
    character = forbidden_character(cell)
    if character is not None:
        message = (
            f"holds {character}, an invisible character that breaks, hides or reverses text "
            "(a cell is one line of visible text)"
        )
        return Problem(file, line, column, "character", message, cell)
    if len(cell) > MAX_CELL_CHARACTERS:
        message = f"is {len(cell):,} characters long; a cell holds at most {MAX_CELL_CHARACTERS:,}"
        return Problem(file, line, column, "too-long", message, cell)
    return None


def _header_problems(file: str, header: list[str]) -> list[Problem]:
    problems = []
    if not header:
        problems.append(Problem(file, 1, None, "header", "line 1 is blank: the header is the first line"))
    elif any(name == "" for name in header):
        problems.append(Problem(file, 1, None, "header", "a column of the header has no name"))
    for name, count in Counter(header).items():
        if name and count > 1:
            problems.append(Problem(file, 1, name, "header", f"the header names this column {count} times"))
    return problems


def read_csv(file: str, content: bytes, problems: list[Problem]) -> RawTable | None:
    """The file's records, or None if it cannot be read as a table; appends every problem found."""
    text = to_text(content)
    if text == "":
        problems.append(Problem(file, None, None, "empty-file", "the file is empty: it needs a header line"))
        return None
    found: list[Problem] = []
    records: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    try:
        for record in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            records.append(record)
            lines.append(line)
            header = records[0]
            for position, cell in enumerate(record):
                column = header[position] if len(records) > 1 and position < len(header) else None
                problem = _cell_problem(file, line, column, cell, content)
                if problem is not None:
                    found.append(problem)
    except csv.Error as error:
        line = previous_end + 1
        if "field larger than field limit" in str(error):
            message = "a cell runs on past the end of what a cell may hold: is a closing quote missing?"
        else:
            message = (
                f"is not valid CSV ({error}): a cell holding a comma or a quote is wrapped in "
                "double quotes, and a quote inside it is written twice"
            )
        found.append(Problem(file, line, None, "csv", message))
    if records and not any(problem.line == 1 for problem in found):
        found += _header_problems(file, records[0])
    problems += found
    return None if found or not records else RawTable(records, lines)
