"""Each kind of bad data fails with the file, line, column and rule named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracingbook.data.descriptor import DescriptorError, read_descriptor
from tracingbook.data.validate import validate_package, value_bounds

from .conftest import DATA_DIR, only_problem, problems_in, rewrite_csv, run_validate, set_cell

REQUESTS = "tracing_requests.csv"


def test_the_real_data_package_is_valid() -> None:
    tables = validate_package(read_descriptor(DATA_DIR))
    assert {"sources", "tracing_requests", "timeline", "regimes", "rules", "claims"} <= set(tables)
    assert len(tables["tracing_requests"].rows) > 0


def test_missing_column_is_named(data_copy: Path) -> None:
    def drop_locator(header, rows):  # type: ignore[no-untyped-def]
        at = header.index("locator")
        return header[:at] + header[at + 1 :], [row[:at] + row[at + 1 :] for row in rows]

    rewrite_csv(data_copy / REQUESTS, drop_locator)
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column, problem.rule) == (
        REQUESTS,
        1,
        "locator",
        "missing-column",
    )
    assert (
        str(problem) == f"{REQUESTS}, line 1, column 'locator': [missing-column] the header lacks this column"
    )


def test_unknown_column_is_named(data_copy: Path) -> None:
    rewrite_csv(data_copy / REQUESTS, lambda h, rows: ([*h, "extra"], [[*r, ""] for r in rows]))
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (1, "extra", "unknown-column")


def test_text_in_a_number_column(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "value", "2,367")
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column, problem.rule) == (REQUESTS, line, "value", "type")
    assert "is not a whole number" in str(problem) and "'2,367'" in str(problem)


def test_negative_count(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "nca-q1-2016-requests", "value", "-550")
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "value", "minimum")
    assert "must be at least 0" in str(problem)


def test_unknown_source_id(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2014-requests", "source_id", "no-such-source")
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "source_id", "foreign-key")
    assert "names no id in sources.csv" in str(problem) and "no-such-source" in str(problem)


def test_duplicate_key(data_copy: Path) -> None:
    line = set_cell(
        data_copy / REQUESTS, "figure_id", "ho-q1-2015-requests", "figure_id", "ho-q1-2014-requests"
    )
    problems = problems_in(data_copy)
    duplicate = [problem for problem in problems if problem.rule == "unique"]
    assert len(duplicate) == 1
    assert (duplicate[0].line, duplicate[0].column) == (line, "figure_id")
    assert "repeats the key of line" in str(duplicate[0])


def test_duplicate_composite_key(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2015-requests", "period_start", "2014-01-01")
    set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2015-requests", "period_end", "2014-03-31")
    problem = only_problem(data_copy)
    assert (problem.line, problem.rule) == (line, "unique-key")
    assert problem.column == "requester+holder+period_start+period_end+measure+source_id"


@pytest.mark.parametrize(
    ("column", "value", "rule", "message"),
    [
        ("period_start", "2016-02-30", "type", "is not a date that exists"),
        ("period_start", "30/01/2016", "type", "is not a date written YYYY-MM-DD"),
        ("period_start", "2016-1-5", "type", "is not a date written YYYY-MM-DD"),
        ("period_start", "1999-01-01", "minimum", "must not be before 2005-01-01"),
        ("period_end", "2027-01-01", "maximum", "must not be after 2026-12-31"),
    ],
)
def test_impossible_dates(data_copy: Path, column: str, value: str, rule: str, message: str) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", column, value)
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, column, rule)
    assert message in str(problem)


def test_period_ending_before_it_starts(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "period_end", "2015-12-31")
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "period_end", "date-order")
    assert "falls before period_start (2016-01-01)" in str(problem)


def test_parts_exceeding_their_total(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q2-2017-requests", "value", "1400")
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "value", "parts-within-total")
    assert "the parts add up to at least 1424" in str(problem)


def test_a_fewer_than_part_cannot_break_the_total(data_copy: Path) -> None:
    # 5,854 traced + 1,583 not traced + "fewer than 120" rejected fits 7,437 requests.
    set_cell(data_copy / REQUESTS, "figure_id", "ho-jan-nov-2016-requests", "value", "7437")
    validate_package(read_descriptor(data_copy))


def test_qualified_bounds() -> None:
    assert value_bounds(10, "exact") == (10, 10)
    assert value_bounds(10, "more than")[0] == 10 and value_bounds(10, "more than")[1] > 1e300
    assert value_bounds(10, "fewer than") == (0.0, 10)
    assert value_bounds(10, "about")[0] == 0.0


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [("qualifier", "roughly", "enum"), ("locator", "", "required"), ("figure_id", "Bad Id", "pattern")],
)
def test_constraints(data_copy: Path, column: str, value: str, rule: str) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", column, value)
    problems = [problem for problem in problems_in(data_copy) if problem.rule == rule]
    assert [(problem.line, problem.column) for problem in problems] == [(line, column)]


def test_wrong_number_of_cells(data_copy: Path) -> None:
    path = data_copy / REQUESTS
    path.write_text(path.read_text(encoding="utf-8") + "too,few,cells\n", encoding="utf-8")
    problem = only_problem(data_copy)
    assert problem.rule == "cell-count"
    assert problem.line == path.read_text(encoding="utf-8").count("\n")


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "claims.csv").unlink()
    problem = only_problem(data_copy)
    assert (problem.file, problem.rule) == ("claims.csv", "missing-file")


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "value", "lots")
    set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2014-requests", "source_id", "nowhere")
    assert {problem.rule for problem in problems_in(data_copy)} == {"type", "foreign-key"}


def test_make_validate_command_names_the_problem(data_copy: Path) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "value", "-1")
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert f"{REQUESTS}, line {line}, column 'value': [minimum]" in result.stderr


def test_a_foreign_key_to_an_unknown_table_is_reported(data_copy: Path) -> None:
    descriptor = data_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text().replace('"resource": "sources"', '"resource": "sourcez"'))
    problems = problems_in(data_copy)
    assert problems and all(problem.rule == "foreign-key" for problem in problems)
    assert "names no table 'sourcez'" in str(problems[0])
    assert problems[0].file == "datapackage.json"


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        (
            '"minimum": 0',
            '"maxiumum": 0',
            "'maxiumum' is neither a key of the standard the book uses nor its own",
        ),
        (
            '"type": "integer"',
            '"type": "int"',
            "type: should be 'string', 'integer', 'number' or 'date', not 'int'",
        ),
    ],
)
def test_a_malformed_descriptor_is_refused(data_copy: Path, find: str, replace: str, message: str) -> None:
    descriptor = data_copy / "datapackage.json"
    text = descriptor.read_text()
    assert find in text
    descriptor.write_text(text.replace(find, replace, 1))
    with pytest.raises(DescriptorError, match=re.escape(message)):
        read_descriptor(data_copy)
