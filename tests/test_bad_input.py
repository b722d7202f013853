"""Any bytes in data/ give a clean pass or a message naming the file: never a traceback.

Each class of bad input has a test asserting its message. The last tests run
the command line on broken copies, mutate the files at random, and watch every
file the loader opens.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from tracingbook.cli import main
from tracingbook.data.checks import MAX_CELL_CHARACTERS
from tracingbook.data.descriptor import DescriptorError, read_descriptor
from tracingbook.data.files import MAX_FILE_BYTES, UTF8_BOM
from tracingbook.data.load import load_book_data
from tracingbook.data.problems import DataValidationError, Problem
from tracingbook.sphinx.data import _validate_and_write_bibliography

from .conftest import DATA_DIR, only_problem, problems_in, rewrite_csv, run_validate, set_cell

SOURCES = "sources.csv"
REQUESTS = "tracing_requests.csv"
CLAIMS = "claims.csv"
DESCRIPTOR = "datapackage.json"


def descriptor_problems(data_dir: Path) -> list[Problem]:
    with pytest.raises(DescriptorError) as caught:
        read_descriptor(data_dir)
    return caught.value.problems


def edit_descriptor(data_dir: Path, edit: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    path = data_dir / DESCRIPTOR
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")


def resource(raw: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(item for item in raw["resources"] if item["name"] == name)


def field(raw: dict, table: str, name: str) -> dict:  # type: ignore[type-arg]
    return next(item for item in resource(raw, table)["schema"]["fields"] if item["name"] == name)


# ---------------------------------------------------------------- encodings


def test_latin1_bytes_are_named_with_their_cell(data_copy: Path) -> None:
    line = set_cell(data_copy / SOURCES, "id", "buzzfeed-2016-q1", "publisher", "Café News")
    path = data_copy / SOURCES
    path.write_bytes(path.read_bytes().replace("Café".encode(), "Café".encode("latin-1")))
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule) == (SOURCES, line, "encoding")
    assert str(problem) == (
        f"{SOURCES}, line {line}: [encoding] is not UTF-8 text: byte 0xE9 cannot be read; "
        "save the file as UTF-8"
    )


def test_a_utf16_file_is_told_to_be_saved_as_utf8(data_copy: Path) -> None:
    path = data_copy / CLAIMS
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    problem = problems_in(data_copy)[0]
    assert (problem.file, problem.line, problem.rule) == (CLAIMS, 1, "encoding")
    assert "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8" in problem.message


def test_a_descriptor_that_is_not_utf8_names_its_line(data_copy: Path) -> None:
    path = data_copy / DESCRIPTOR
    path.write_bytes(path.read_bytes().replace(b"2014-2018", b"2014\x962018", 1))
    problem = descriptor_problems(data_copy)[0]
    assert (problem.file, problem.line, problem.rule) == (DESCRIPTOR, 3, "encoding")
    assert problem.message == "byte 0x96 is not UTF-8; save the file as UTF-8"


# ---------------------------------------------------------------- byte-order marks


def test_a_utf8_byte_order_mark_at_the_start_is_accepted(data_copy: Path) -> None:
    for path in data_copy.iterdir():
        path.write_bytes(UTF8_BOM + path.read_bytes())
    with_marks, without = load_book_data(data_copy), load_book_data(DATA_DIR)
    for table in ("sources", "tracing_requests", "claims"):
        assert with_marks.table(table).equals(without.table(table))
    assert with_marks.sources.columns[0] == "id"


def test_windows_line_endings_are_accepted(data_copy: Path) -> None:
    for path in data_copy.glob("*.csv"):
        path.write_bytes(UTF8_BOM + path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_book_data(data_copy).tracing_requests.equals(load_book_data(DATA_DIR).tracing_requests)


def test_a_byte_order_mark_inside_a_cell_is_refused(data_copy: Path) -> None:
    line = set_cell(data_copy / SOURCES, "id", "buzzfeed-2016-q1", "title", "\ufeffHidden")
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "title", "character")
    assert problem.message.startswith("holds U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible character")


# ---------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("before\u2028after", "U+2028 LINE SEPARATOR"),
        ("before\u2029after", "U+2029 PARAGRAPH SEPARATOR"),
        ("before\x00after", "U+0000 NUL"),
        ("before\nafter", "U+000A LINE FEED"),
        ("before\r\nafter", "U+000D CARRIAGE RETURN"),
        ("before\tafter", "U+0009 TAB"),
        ("before\x85after", "U+0085 NEXT LINE"),
        ("before\u202eafter", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("before\x1bafter", "U+001B CONTROL CHARACTER"),
    ],
)
def test_invisible_characters_in_a_cell_are_refused(data_copy: Path, text: str, named: str) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "note", text)
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column, problem.rule, problem.value) == (
        REQUESTS, line, "note", "character", text
    )  # fmt: skip
    assert problem.message == (
        f"holds {named}, an invisible character that breaks, hides or reverses text "
        "(a cell is one line of visible text)"
    )


def test_an_invisible_character_in_the_descriptor_is_refused(data_copy: Path) -> None:
    edit_descriptor(data_copy, lambda raw: resource(raw, "claims").update(title="Claims\u2028checked"))
    problem = descriptor_problems(data_copy)[0]
    assert (problem.file, problem.rule) == (DESCRIPTOR, "title")
    assert problem.message.startswith("resource 'claims', title: holds U+2028 LINE SEPARATOR")


# ---------------------------------------------------------------- sizes


def test_an_oversized_cell_is_refused_and_shown_cut_short(data_copy: Path) -> None:
    long_note = "x" * (MAX_CELL_CHARACTERS + 1)
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", "note", long_note)
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule) == (line, "note", "too-long")
    assert problem.message == "is 2,001 characters long; a cell holds at most 2,000"
    assert str(problem).endswith("… (2,001 characters))") and len(str(problem)) < 300


def test_an_oversized_file_is_refused_unread(data_copy: Path) -> None:
    (data_copy / CLAIMS).write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule) == (CLAIMS, None, "too-large")
    assert problem.message == "is larger than the 5,000,000 bytes a data file may hold"


def test_an_unclosed_quote_is_named_where_it_opens(data_copy: Path) -> None:
    path = data_copy / CLAIMS
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + 'x,"never closed,\n', encoding="utf-8")
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule) == (CLAIMS, lines + 1, "cell-count")
    assert problem.message.endswith("a quote inside it is written twice")


# ---------------------------------------------------------------- numbers and dates


def test_python_would_read_other_scripts_digits_as_numbers() -> None:
    # Why the loader reads numbers itself: int() takes these, and silently.
    assert int("١٢") == 12 and int("１２") == 12 and int(" 12 ") == 12 and int("1_2") == 12


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("value", "١٢", "is not a whole number written with the digits 0-9"),
        ("value", "１２", "is not a whole number written with the digits 0-9"),
        ("value", " 12", "is not a whole number: it has spaces around it"),
        ("value", "1_000", "is not a whole number"),
        ("value", "+12", "is not a whole number"),
        ("value", "12.0", "is not a whole number"),
        ("value", "99999999999999999999", "is too large for the book to hold"),
        ("period_start", "٢٠١٦-٠١-٠١", "is not a date written with the digits 0-9"),
        ("period_start", "2016-1-05", "is not a date written YYYY-MM-DD"),
        ("value", "-0", "is not a whole number: write 0 without a sign"),
        ("value", "0012", "is not a whole number"),
        ("period_start", "2016-01-01 ", "is not a date: it has spaces around it"),
    ],
)
def test_numbers_and_dates_must_be_plain(data_copy: Path, column: str, text: str, message: str) -> None:
    line = set_cell(data_copy / REQUESTS, "figure_id", "ho-q1-2016-requests", column, text)
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule, problem.value) == (line, column, "type", text)
    assert problem.message == message


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e3", "٣.٥", "0x10", "1,5"])
def test_decimal_numbers_must_be_plain(data_copy: Path, text: str) -> None:
    with (DATA_DIR / CLAIMS).open(encoding="utf-8", newline="") as handle:
        claim = next(csv.DictReader(handle))["claim_id"]
    line = set_cell(data_copy / CLAIMS, "claim_id", claim, "stated_value", text)
    problem = only_problem(data_copy)
    assert (problem.line, problem.column, problem.rule, problem.value) == (line, "stated_value", "type", text)
    assert problem.message.startswith("is not a number")


# ---------------------------------------------------------------- empty tables


def test_an_empty_file_is_refused(data_copy: Path) -> None:
    (data_copy / CLAIMS).write_bytes(b"")
    problem = only_problem(data_copy)
    assert (problem.file, problem.rule, problem.message) == (
        CLAIMS, "empty-file", "the file is empty: it needs a header line"
    )  # fmt: skip


def test_a_file_of_only_a_byte_order_mark_is_empty(data_copy: Path) -> None:
    (data_copy / CLAIMS).write_bytes(UTF8_BOM)
    assert only_problem(data_copy).rule == "empty-file"


def test_a_table_with_a_header_but_no_rows_is_refused(data_copy: Path) -> None:
    rewrite_csv(data_copy / CLAIMS, lambda header, rows: (header, []))
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule) == (CLAIMS, None, "empty-table")
    assert problem.message == "has a header but no rows: every table of the book holds at least one row"


def test_a_blank_line_is_named(data_copy: Path) -> None:
    path = data_copy / CLAIMS
    text = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*text[:3], "", *text[3:]]), encoding="utf-8")
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule) == (CLAIMS, 4, "blank-line")


def test_a_blank_first_line_is_named(data_copy: Path) -> None:
    path = data_copy / CLAIMS
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.rule, problem.message) == (
        CLAIMS, 1, "header", "line 1 is blank: the header is the first line"
    )  # fmt: skip


def test_a_duplicated_header_column_is_named(data_copy: Path) -> None:
    rewrite_csv(data_copy / CLAIMS, lambda header, rows: ([*header, "note"], [[*row, ""] for row in rows]))
    problem = only_problem(data_copy)
    assert (problem.file, problem.line, problem.column, problem.rule) == (CLAIMS, 1, "note", "header")
    assert problem.message == "the header names this column 2 times"


# ---------------------------------------------------------------- a malformed descriptor


def test_invalid_json_names_the_line(data_copy: Path) -> None:
    path = data_copy / DESCRIPTOR
    lines = path.read_text(encoding="utf-8").split("\n")
    comma = lines.index('      "format": "csv",')
    lines[comma] = lines[comma].rstrip(",")
    path.write_text("\n".join(lines), encoding="utf-8")
    problem = descriptor_problems(data_copy)[0]
    assert (problem.file, problem.line, problem.rule) == (DESCRIPTOR, comma + 2, "json")
    assert problem.message == "is not valid JSON: Expecting ',' delimiter (character 7)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": "a", "name": "b", "resources": []}', "names the key 'name' twice"),
        ('{"resources": [NaN]}', "NaN is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "nests objects and lists too deeply to read"),
        ('{"resources": ' + "[" * 20 + "]" * 20 + "}", "resources[0]: should be an object"),
        ("", "is not valid JSON: Expecting value (character 1)"),
        ("[]", "the descriptor must be a JSON object"),
        ('{"name": "empty"}', "resources: is required"),
        ('{"resources": {}}', "resources: should be a list"),
        ('{"resources": ["sources.json"]}', "resources[0]: should be an object, not 'sources.json'"),
    ],
)
def test_a_descriptor_that_is_not_a_package_is_refused(data_copy: Path, text: str, message: str) -> None:
    (data_copy / DESCRIPTOR).write_text(text, encoding="utf-8")
    problems = descriptor_problems(data_copy)
    assert any(message in problem.message for problem in problems), [str(p) for p in problems]


def _drop_schema(raw: dict) -> None:  # type: ignore[type-arg]
    del resource(raw, "claims")["schema"]


@pytest.mark.parametrize(
    ("edit", "rule", "message"),
    [
        (
            _drop_schema,
            "schema",
            "resource 'claims', schema: is required",
        ),
        (
            lambda raw: resource(raw, "claims").update(schema="claims-schema.json"),
            "schema",
            "resource 'claims', schema: should be an object, not 'claims-schema.json'",
        ),
        (
            lambda raw: field(raw, "claims", "stated_value").update(type="geopoint"),
            "type",
            "resource 'claims', field 'stated_value', type: "
            "should be 'string', 'integer', 'number' or 'date', "
            "not 'geopoint'",
        ),
        (
            lambda raw: resource(raw, "claims")["schema"]["fields"].append({"type": "string"}),
            "name",
            "resource 'claims', schema.fields[13].name: is required",
        ),
        (
            lambda raw: resource(raw, "claims").update(dateRange={"minimum": "2004-01-01"}),
            "unknown-key",
            "resource 'claims': 'dateRange' is neither a key of the standard the book uses nor its own",
        ),
        (
            lambda raw: resource(raw, "claims").update(dialect={"delimiter": ";"}),
            "reading",
            "resource 'claims': the book reads one plain UTF-8 CSV file named by 'path', so 'dialect' cannot",
        ),
        (
            lambda raw: resource(raw, "claims").update(profile="https://example.org/profile.json"),
            "profile",
            "resource 'claims', profile: "
            "should be 'data-package', 'tabular-data-package', 'data-resource' or "
            "'tabular-data-resource', not 'https://example.org/profile.json'",
        ),
        (
            lambda raw: resource(raw, "claims").update(encoding="latin-1"),
            "encoding",
            "resource 'claims', encoding: encoding 'latin-1': the book reads UTF-8 only",
        ),
        (
            lambda raw: resource(raw, "regimes").update(orderedDates=[["start", "label"]]),
            "descriptor",
            "resource 'regimes': orderedDates: ['start', 'label'] is not a pair of date columns",
        ),
        (
            lambda raw: field(raw, "sources", "id")["constraints"].update(pattern="[a-"),
            "pattern",
            "resource 'sources', field 'id', constraints.pattern: pattern '[a-' is not a regular expression "
            "the book can match (missing ]: [a-)",
        ),
        (
            lambda raw: field(raw, "sources", "id")["constraints"].update(pattern="(a)\\1"),
            "pattern",
            "resource 'sources', field 'id', constraints.pattern: "
            "pattern '(a)\\\\1' is not a regular expression "
            "the book can match (invalid escape sequence: \\1): patterns are matched by RE2",
        ),
        (
            lambda raw: field(raw, "sources", "id")["constraints"].update(pattern="(?=a)a"),
            "pattern",
            "resource 'sources', field 'id', constraints.pattern: "
            "pattern '(?=a)a' is not a regular expression",
        ),
        (
            lambda raw: field(raw, "sources", "date")["constraints"].update(minimum="2004-13-01"),
            "descriptor",
            "resource 'sources', field 'date': minimum must be a date written YYYY-MM-DD, not '2004-13-01'",
        ),
        (
            lambda raw: field(raw, "sources", "kind")["constraints"].update(enum="press"),
            "enum",
            "resource 'sources', field 'kind', constraints.enum: should be a list, not 'press'",
        ),
        (
            lambda raw: resource(raw, "claims")["schema"].update(fieldsMatch="subset"),
            "fieldsMatch",
            "resource 'claims', schema.fieldsMatch: should be 'equal' or 'exact', not 'subset'",
        ),
        (
            lambda raw: resource(raw, "claims")["schema"].update(primaryKey=["claim"]),
            "key",
            "resource 'claims': the primary key names 'claim', which is not a field",
        ),
        (
            lambda raw: raw["resources"].remove(next(r for r in raw["resources"] if r["name"] == "claims")),
            "contract",
            "resources: the book reads a table 'claims', which the descriptor lacks",
        ),
        (
            lambda raw: raw.update(keywords="not a list"),
            "keywords",
            "keywords: should be a list, not 'not a list'",
        ),
    ],
)
def test_a_malformed_descriptor_is_refused_with_where_and_why(
    data_copy: Path,
    edit: Callable[[dict], None],
    rule: str,
    message: str,  # type: ignore[type-arg]
) -> None:
    edit_descriptor(data_copy, edit)
    problems = descriptor_problems(data_copy)
    assert any(p.rule == rule and p.message.startswith(message) for p in problems), [str(p) for p in problems]
    assert all(problem.file == DESCRIPTOR for problem in problems)


def test_a_column_the_bibliography_reads_cannot_be_dropped(data_copy: Path) -> None:
    def drop_url(raw: dict) -> None:  # type: ignore[type-arg]
        fields = resource(raw, "sources")["schema"]["fields"]
        fields.remove(field(raw, "sources", "url"))

    edit_descriptor(data_copy, drop_url)
    problem = descriptor_problems(data_copy)[0]
    assert (problem.rule, problem.message) == (
        "contract",
        "resource 'sources': the book's code reads a string column 'url', which the schema does not declare",
    )


# ---------------------------------------------------------------- paths that leave data/


@pytest.mark.parametrize(
    "path",
    [
        "../secret.csv",
        "/etc/passwd",
        "https://example.org/claims.csv",
        "file:///etc/passwd",
        "sub/claims.csv",
        "~/claims.csv",
        "$HOME/claims.csv",
        ".claims.csv",
        "claims.txt",
    ],
)
def test_a_resource_path_that_leaves_data_is_refused_before_any_read(data_copy: Path, path: str) -> None:
    (data_copy.parent / "secret.csv").write_text((data_copy / CLAIMS).read_text(encoding="utf-8"))
    edit_descriptor(data_copy, lambda raw: resource(raw, "claims").update(path=path))
    with opened_files() as opened:
        problems = descriptor_problems(data_copy)
    assert [(p.rule, p.message.split(":")[0]) for p in problems] == [("path", "resource 'claims', path")]
    assert not [name for name in opened if not name.startswith(str(data_copy))]


def test_a_link_to_a_file_outside_data_is_refused_unread(data_copy: Path) -> None:
    secret = data_copy.parent / "secret.csv"
    secret.write_text((data_copy / CLAIMS).read_text(encoding="utf-8"))
    (data_copy / CLAIMS).unlink()
    (data_copy / CLAIMS).symlink_to(secret)
    with opened_files() as opened:
        problem = only_problem(data_copy)
    assert (problem.file, problem.rule, problem.message) == (
        CLAIMS, "path", "is a symbolic link: the book reads only regular files in data/"
    )  # fmt: skip
    assert str(secret) not in opened


def test_a_linked_descriptor_is_refused(data_copy: Path) -> None:
    real = data_copy.parent / "elsewhere.json"
    (data_copy / DESCRIPTOR).rename(real)
    (data_copy / DESCRIPTOR).symlink_to(real)
    problem = descriptor_problems(data_copy)[0]
    assert (problem.file, problem.rule) == (DESCRIPTOR, "path")


@pytest.mark.timeout(60)
def test_a_named_pipe_is_refused_without_waiting_for_it(data_copy: Path) -> None:
    (data_copy / CLAIMS).unlink()
    os.mkfifo(data_copy / CLAIMS)
    problem = only_problem(data_copy)
    assert (problem.file, problem.rule, problem.message) == (CLAIMS, "path", "is not a regular file")


def test_a_folder_in_place_of_a_file_is_refused(data_copy: Path) -> None:
    (data_copy / CLAIMS).unlink()
    (data_copy / CLAIMS).mkdir()
    assert (only_problem(data_copy).rule, only_problem(data_copy).message) == (
        "path",
        "is not a regular file",
    )


def test_a_missing_descriptor_is_named(tmp_path: Path) -> None:
    problem = descriptor_problems(tmp_path)[0]
    assert (problem.file, problem.rule, problem.message) == (
        DESCRIPTOR,
        "missing-file",
        "the file does not exist",
    )


class opened_files:
    """Records the path of every file the process opens while in the block (a Python audit hook).

    Files of Python itself and of the installed libraries (modules imported
    on first use) are left out: what matters is that no other file is read.
    """

    recording: list[str] | None = None

    @staticmethod
    def _hook(event: str, args: tuple) -> None:  # type: ignore[type-arg]
        if (
            opened_files.recording is not None
            and event in ("open", "os.open")
            and isinstance(args[0], str | Path)
        ):
            name = os.path.abspath(args[0])
            if not name.startswith((sys.prefix, sys.base_prefix, sys.exec_prefix)):
                opened_files.recording.append(name)

    def __enter__(self) -> list[str]:
        if not getattr(opened_files, "installed", False):
            sys.addaudithook(opened_files._hook)
            opened_files.installed = True  # type: ignore[attr-defined]
        opened_files.recording = []
        return opened_files.recording

    def __exit__(self, *_: object) -> None:
        opened_files.recording = None


def test_loading_opens_no_file_outside_data(data_copy: Path) -> None:
    with opened_files() as opened:
        load_book_data(data_copy)
    assert sorted({Path(name).name for name in opened}) == sorted(
        [DESCRIPTOR, *(path.name for path in data_copy.glob("*.csv"))]
    )
    assert all(Path(name).parent == data_copy.resolve() for name in opened)


# ---------------------------------------------------------------- the bibliography's own rules


@pytest.mark.parametrize(
    ("column", "text", "rule", "message"),
    [
        ("title", "Sets {a, b}", "bibliography", "holds a brace, which BibTeX"),
        ("note", "closing } only", "bibliography", "holds a brace, which BibTeX"),
        ("author", "Doe, Jane, Jr, X", "author", "cannot be read as names"),
        ("author", "Jane Doe and ", "author", "cannot be read as names"),
        ("url", "javascript:alert(1)", "url", "must be a web address starting http:// or https://"),
        ("archive_url", "javascript:alert(1)", "url", "must be a web address starting http:// or https://"),
    ],
)
def test_sources_must_make_a_bibliography(
    data_copy: Path, column: str, text: str, rule: str, message: str
) -> None:
    line = set_cell(data_copy / SOURCES, "id", "buzzfeed-2016-q1", column, text)
    problems = [problem for problem in problems_in(data_copy) if problem.rule == rule]
    assert [(p.line, p.column, p.value) for p in problems] == [(line, column, text)]
    assert problems[0].message.startswith(message)


# ---------------------------------------------------------------- the command line


def _latin1_cell(data_dir: Path) -> None:
    path = data_dir / SOURCES
    path.write_bytes(path.read_bytes().replace(b"BuzzFeed News", b"BuzzFeed N\xe9ws", 1))


def _truncated_descriptor(data_dir: Path) -> None:
    path = data_dir / DESCRIPTOR
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")


def _escaping_path(data_dir: Path) -> None:
    edit_descriptor(data_dir, lambda raw: resource(raw, "claims").update(path="../../etc/passwd"))


def _no_descriptor(data_dir: Path) -> None:
    (data_dir / DESCRIPTOR).unlink()


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (_latin1_cell, "sources.csv, line 2: [encoding] is not UTF-8 text: byte 0xE9"),
        (_truncated_descriptor, "datapackage.json, line 4: [json] is not valid JSON: Unterminated string"),
        (
            _escaping_path,
            "datapackage.json: [path] resource 'claims', path: path '../../etc/passwd' must be a plain",
        ),
        (_no_descriptor, "datapackage.json: [missing-file] the file does not exist"),
    ],
)
def test_the_validate_command_prints_the_problem_not_a_traceback(
    data_copy: Path, breakage: Callable[[Path], None], expected: str
) -> None:
    breakage(data_copy)
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_validate_command_without_any_data_folder(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TRACINGBOOK_DATA"}
    result = subprocess.run(
        [sys.executable, "-m", "tracingbook", "--root", str(tmp_path), "validate"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"[missing-file] no data/datapackage.json in {tmp_path.resolve()} or above" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_stops_with_the_same_message(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACINGBOOK_DATA", raising=False)
    (data_copy / DESCRIPTOR).write_text("{", encoding="utf-8")
    app, config = SimpleNamespace(srcdir=str(data_copy.parent)), SimpleNamespace(tracingbook_bibfiles=[])
    with pytest.raises(ExtensionError) as caught:
        _validate_and_write_bibliography(app, config)
    assert str(caught.value) == (
        "the data package is invalid, so the book is not built.\n1 problem in the data package:\n"
        "  - datapackage.json, line 1: [json] is not valid JSON: "
        "Expecting property name enclosed in double quotes (character 2)"
    )


# ---------------------------------------------------------------- anything at all


def _mutate(content: bytes, generator: random.Random) -> bytes:
    data = bytearray(content)
    for _ in range(generator.randint(1, 4)):
        position = generator.randrange(len(data) + 1)
        choice = generator.random()
        if choice < 0.3 and data:
            del data[position : position + generator.randint(1, 40)]
        elif choice < 0.6:
            noise = generator.choice(
                [b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"\xe2\x80\xa8", b"{", b"]"]
            )
            data[position:position] = noise * generator.randint(1, 3)
        else:
            data[position:position] = bytes(generator.randrange(256) for _ in range(generator.randint(1, 8)))
    return bytes(data)


@pytest.mark.parametrize("seed", range(24))
def test_random_damage_ends_in_a_message_or_a_pass(data_copy: Path, seed: int) -> None:
    generator = random.Random(seed)
    names = sorted(path.name for path in data_copy.iterdir())
    for name in generator.sample(names, generator.randint(1, 2)):
        path = data_copy / name
        path.write_bytes(_mutate(path.read_bytes(), generator))
    try:
        load_book_data(data_copy)
    except DataValidationError as error:
        assert error.problems and all(problem.file in names for problem in error.problems)


def test_a_bibliography_older_than_the_sources_is_written_again(
    small_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make validate` records a pass but writes no bibliography: the build must not trust an old one."""
    monkeypatch.delenv("TRACINGBOOK_DATA", raising=False)
    root = small_data.parent
    bib = root / "references.bib"
    app, config = SimpleNamespace(srcdir=str(root)), SimpleNamespace(tracingbook_bibfiles=["references.bib"])
    _validate_and_write_bibliography(app, config)
    first = bib.read_text(encoding="utf-8")
    set_cell(small_data / SOURCES, "id", "report-a", "title", "A title corrected after the last build")
    assert main(["--root", str(root), "validate"]) == 0  # the pass is recorded, the bibliography not written
    _validate_and_write_bibliography(app, config)
    assert "A title corrected after the last build" in bib.read_text(encoding="utf-8") != first
