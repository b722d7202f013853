"""A hostile or unlucky contributor's data: every case ends in a plain message, in seconds.

Each test builds a small package of its own (``tiny``), so no value of data/ is assumed.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tracingbook.data.descriptor import DescriptorError, read_descriptor
from tracingbook.data.load import load_book_data
from tracingbook.data.problems import DataValidationError, Problem

from .conftest import run_validate

ID = {"required": True, "unique": True, "pattern": "[a-z0-9][a-z0-9-]*[a-z0-9]"}
SOURCE = [
    "id",
    "publisher",
    "author",
    "title",
    "date",
    "date_precision",
    "url",
    "note",
    "accessed",
    "archive_url",
]
TABLES: dict[str, dict[str, Any]] = {
    "sources": {
        "fields": [
            {"name": name, "type": "date" if name in ("date", "accessed") else "string"} for name in SOURCE
        ],
        "primaryKey": ["id"],
        "rows": [
            [
                "src-a",
                "Press",
                "Jane Doe",
                "A title",
                "2016-01-01",
                "day",
                "https://example.org/a",
                "",
                "2020-01-01",
                "",
            ]
        ],
    },
    "tracing_requests": {
        "fields": [
            {"name": "figure_id", "type": "string", "constraints": ID},
            {"name": "period_start", "type": "date"},
            {"name": "period_end", "type": "date"},
            {"name": "value", "type": "integer", "constraints": {"required": True, "minimum": 0}},
            {"name": "superseded_by", "type": "string"},
            {"name": "source_id", "type": "string", "constraints": {"required": True}},
            {"name": "origin", "type": "string"},
        ],
        "primaryKey": ["figure_id"],
        "foreignKeys": [
            {
                "fields": ["superseded_by"],
                "reference": {"resource": "tracing_requests", "fields": ["figure_id"]},
            },
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}},
        ],
        "orderedDates": [["period_start", "period_end"]],
        "rows": [
            ["fig-a", "2016-01-01", "2016-03-31", "10", "", "src-a", "register-a"],
            ["fig-b", "2016-04-01", "2016-06-30", "20", "", "src-a", "register-a"],
            ["fig-c", "2016-07-01", "2016-09-30", "30", "", "src-a", "register-a"],
        ],
    },
    "regimes": {
        "fields": [
            {"name": "regime", "type": "string", "constraints": ID},
            {"name": "short_label", "type": "string", "constraints": {"required": True, "unique": True}},
        ],
        "primaryKey": ["regime"],
        "rows": [["nhs-before", "NHS before 2017"], ["nhs-after", "NHS after 2017"]],
    },
    "people": {
        "fields": [{"name": "name", "type": "string"}, {"name": "role", "type": "string"}],
        "primaryKey": ["name", "role"],
        "rows": [["Jane Doe", "Minister"]],
    },
    "corrections": {
        "fields": [
            {"name": "correction_id", "type": "string"},
            {"name": "date", "type": "date"},
            {"name": "document", "type": "string"},
        ],
        "primaryKey": ["correction_id"],
        "rows": [["first", "2020-01-01", "index"]],
    },
    "claims": {
        "fields": [{"name": "id", "type": "string"}, {"name": "origin", "type": "string"}],
        "primaryKey": ["id"],
        "rows": [["one", "register-a"]],
    },
    "primary_records": {
        "fields": [{"name": name, "type": "string"} for name in ("document_id", "status", "source_id")],
        "primaryKey": ["document_id"],
        "rows": [["register-a", "read", "src-a"]],
    },
    **{
        name: {"fields": [{"name": "id", "type": "string"}], "primaryKey": ["id"], "rows": [["one"]]}
        for name in ("timeline", "rules", "rule_claims")
    },
}


def tiny(folder: Path, edit: Callable[[dict[str, Any]], None] = lambda tables: None) -> Path:
    """A small valid package in ``folder``, after ``edit`` changes its tables (a deep copy)."""
    tables = json.loads(json.dumps(TABLES))
    edit(tables)
    folder.mkdir(exist_ok=True)
    resources = []
    for name, table in tables.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(
            [[f["name"] for f in table["fields"]], *table["rows"]]
        )
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
        schema = {key: table[key] for key in ("fields", "primaryKey", "foreignKeys") if key in table}
        resource = {"name": name, "path": f"{name}.csv", "schema": schema}
        resource |= {"orderedDates": table["orderedDates"]} if "orderedDates" in table else {}
        resources.append(resource)
    (folder / "datapackage.json").write_text(
        json.dumps({"name": "tiny", "resources": resources}), encoding="utf-8"
    )
    return folder


def field(tables: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    return next(item for item in tables[table]["fields"] if item["name"] == name)


def problems(folder: Path) -> list[Problem]:
    with pytest.raises(DataValidationError) as caught:
        load_book_data(folder)
    return caught.value.problems


def test_the_tiny_package_is_valid(tmp_path: Path) -> None:
    data = load_book_data(tiny(tmp_path / "data"))
    assert list(data.tracing_requests["value"]) == [10, 20, 30]


# ---------------------------------------------------------------- patterns that could hang


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("pattern", "valid"), [("(?:(a+)+|[^!]*)", True), ("([a-z0-9]+-?)+", False), ("(a|aa)+$", False)]
)
def test_a_backtracking_pattern_finishes_in_seconds(tmp_path: Path, pattern: str, valid: bool) -> None:
    hostile = "a" * 1_900 + "_"

    def edit(tables: dict[str, Any]) -> None:
        field(tables, "regimes", "regime")["constraints"]["pattern"] = pattern
        tables["regimes"]["rows"][0][0] = hostile

    started = time.monotonic()
    folder = tiny(tmp_path / "data", edit)
    if valid:
        load_book_data(folder)
    else:
        found = problems(folder)
        assert ("regimes.csv", 2, "regime", "pattern") in [(p.file, p.line, p.column, p.rule) for p in found]
        assert found[0].message == f"must match the pattern {pattern}"
        assert len(str(found[0])) < 300 and found[0].value == hostile
    assert time.monotonic() - started < 20


def test_a_pattern_re2_cannot_match_is_refused_naming_the_field(tmp_path: Path) -> None:
    folder = tiny(
        tmp_path / "data", lambda t: field(t, "regimes", "regime")["constraints"].update(pattern="(a)\\1")
    )
    with pytest.raises(DescriptorError) as caught:
        read_descriptor(folder)
    assert str(caught.value.problems[0]).startswith(
        "datapackage.json: [pattern] resource 'regimes', field 'regime', constraints.pattern: "
        "pattern '(a)\\\\1' is not a regular expression the book can match"
    )


# ---------------------------------------------------------------- readers that stay linear


@pytest.mark.timeout(60)
def test_a_descriptor_of_many_keys_fails_fast_with_a_short_message(tmp_path: Path) -> None:
    folder = tiny(tmp_path / "data")
    keys = ", ".join(f'"k{index}": 1' for index in range(75_000))
    (folder / "datapackage.json").write_text(f'{{{keys}, "k0": 2, "resources": []}}', encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DescriptorError) as caught:
        read_descriptor(folder)
    assert time.monotonic() - started < 10
    assert str(caught.value.problems[0]) == (
        "datapackage.json: [json] is not valid JSON: an object names the key 'k0' twice; "
        "JSON readers would keep only one"
    )


@pytest.mark.timeout(60)
def test_many_unknown_keys_are_counted_and_every_line_stays_short(tmp_path: Path) -> None:
    folder = tiny(tmp_path / "data")
    raw = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    raw |= {f"k{index}": "x" * 1_000 for index in range(900)}
    (folder / "datapackage.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DescriptorError) as caught:
        read_descriptor(folder)
    text = str(caught.value)
    assert text.startswith("900 problems in the data package:") and text.endswith("… and 850 more")
    assert max(len(line) for line in text.splitlines()) < 300


# ---------------------------------------------------------------- bounds


@pytest.mark.parametrize(
    ("kind", "bound", "message"),
    [
        ("integer", "9" * 400, "maximum '99999999"),
        ("number", "9" * 400, "maximum '99999999"),
        ("number", "1e309", "maximum must be a finite number, not '1e309'"),
        ("integer", "1.5", "maximum of a whole-number column must be whole, not 1.5"),
        ("integer", "true", "maximum must be a finite number, not 'True'"),
        ("integer", '"10"', "maximum must be a finite number, not '10'"),
        ("date", '"2016-02-30"', "maximum must be a date written YYYY-MM-DD, not '2016-02-30'"),
        ("integer", "-1", "minimum 0 is above maximum -1"),
    ],
)
def test_a_bound_no_column_can_hold_is_named_with_its_value(
    tmp_path: Path, kind: str, bound: str, message: str
) -> None:
    def edit(tables: dict[str, Any]) -> None:
        field(tables, "tracing_requests", "value")["type"] = kind
        if kind == "date":
            field(tables, "tracing_requests", "value")["constraints"].pop("minimum")

    folder = tiny(tmp_path / "data", edit)
    path = folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"minimum": 0}', f'"minimum": 0, "maximum": {bound}}}', 1), encoding="utf-8")
    if kind == "date":
        path.write_text(text.replace('"required": true}', f'"required": true, "maximum": {bound}}}', 1))
    with pytest.raises(DescriptorError) as caught:
        read_descriptor(folder)
    shown = str(caught.value.problems[0])
    assert shown.startswith(
        "datapackage.json: [descriptor] resource 'tracing_requests', field 'value': " + message
    )
    assert len(shown) < 300


def test_the_command_names_a_400_digit_bound_without_a_traceback(tmp_path: Path) -> None:
    folder = tiny(tmp_path / "data")
    path = folder / "datapackage.json"
    path.write_text(path.read_text().replace('"minimum": 0}', f'"minimum": 0, "maximum": {"9" * 400}}}', 1))
    result = run_validate(folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "field 'value': maximum '999" in result.stderr and "(400 characters) is beyond" in result.stderr


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_bound_is_refused(tmp_path: Path, constant: str) -> None:
    folder = tiny(tmp_path / "data")
    path = folder / "datapackage.json"
    path.write_text(path.read_text().replace('"minimum": 0}', f'"minimum": {constant}}}', 1))
    with pytest.raises(DescriptorError, match=f"{constant} is not a JSON number"):
        read_descriptor(folder)


# ---------------------------------------------------------------- references between rows


@pytest.mark.parametrize(
    ("links", "line", "message"),
    [
        ({0: "fig-a"}, 2, "names its own row"),
        ({0: "fig-b", 1: "fig-a"}, 2, "goes round in a circle: fig-a → fig-b → fig-a"),
        ({0: "fig-b", 1: "fig-c", 2: "fig-a"}, 2, "goes round in a circle: fig-a → fig-b → fig-c → fig-a"),
        ({1: "fig-c", 2: "fig-b"}, 3, "goes round in a circle: fig-b → fig-c → fig-b"),
    ],
)
def test_a_figure_superseded_in_a_circle_is_refused(
    tmp_path: Path, links: dict[int, str], line: int, message: str
) -> None:
    def edit(tables: dict[str, Any]) -> None:
        for row, target in links.items():
            tables["tracing_requests"]["rows"][row][4] = target

    found = problems(tiny(tmp_path / "data", edit))
    assert [(p.file, p.line, p.column, p.rule, p.message) for p in found] == [
        ("tracing_requests.csv", line, "superseded_by", "reference", message)
    ]


def test_a_chain_of_corrections_is_accepted(tmp_path: Path) -> None:
    def edit(tables: dict[str, Any]) -> None:
        tables["tracing_requests"]["rows"][0][4] = "fig-b"
        tables["tracing_requests"]["rows"][1][4] = "fig-c"

    load_book_data(tiny(tmp_path / "data", edit))


def test_a_reference_to_a_missing_row_is_refused(tmp_path: Path) -> None:
    found = problems(
        tiny(tmp_path / "data", lambda t: t["tracing_requests"]["rows"][0].__setitem__(4, "fig-z"))
    )
    assert [(p.line, p.column, p.rule, p.message) for p in found] == [
        (2, "superseded_by", "foreign-key", "names no figure_id in tracing_requests.csv")
    ]


# ---------------------------------------------------------------- look-alikes


@pytest.mark.parametrize("name", ["J\u0430ne Doe", "jane doe", "Jane Doe ", "Jane  Doe", "Ｊａｎｅ Doe"])
def test_a_name_that_looks_like_another_is_refused(tmp_path: Path, name: str) -> None:
    found = problems(tiny(tmp_path / "data", lambda t: t["people"]["rows"].append([name, "Minister"])))
    assert [(p.file, p.line, p.column, p.rule, p.value) for p in found] == [
        ("people.csv", 3, "name", "look-alike", name)
    ]
    assert found[0].message.startswith("looks the same as 'Jane Doe' in line 2 but is written differently")


def test_the_same_name_in_another_role_is_accepted(tmp_path: Path) -> None:
    load_book_data(tiny(tmp_path / "data", lambda t: t["people"]["rows"].append(["Jane Doe", "Adviser"])))


def test_a_unique_label_with_a_cyrillic_letter_is_refused(tmp_path: Path) -> None:
    def edit(tables: dict[str, Any]) -> None:
        tables["regimes"]["rows"][1][1] = "NHS b\u0435fore 2017"  # a Cyrillic е

    found = problems(tiny(tmp_path / "data", edit))
    assert [(p.line, p.column, p.rule) for p in found] == [(3, "short_label", "look-alike")]


@pytest.mark.parametrize("url", ["HTTPS://EXAMPLE.ORG/A", "Http://example.org/a"])
def test_an_upper_case_scheme_is_accepted(tmp_path: Path, url: str) -> None:
    data = load_book_data(tiny(tmp_path / "data", lambda t: t["sources"]["rows"][0].__setitem__(6, url)))
    assert data.sources["url"][0] == url


def test_minus_zero_is_refused(tmp_path: Path) -> None:
    found = problems(tiny(tmp_path / "data", lambda t: t["tracing_requests"]["rows"][0].__setitem__(3, "-0")))
    assert [(p.line, p.column, p.rule, p.message) for p in found] == [
        (2, "value", "type", "is not a whole number: write 0 without a sign")
    ]


# ---------------------------------------------------------------- one run, every fault


def test_four_planted_faults_are_reported_in_one_run(tmp_path: Path) -> None:
    def edit(tables: dict[str, Any]) -> None:
        rows = tables["tracing_requests"]["rows"]
        rows[0][3] = " 10"  # a padded number
        rows[1][3] = "٢٠"  # Arabic-Indic digits
        tables["sources"]["rows"][0][3] = "A \u202etitle"  # a right-to-left override
        rows[2][1], rows[2][2] = rows[2][2], rows[2][1]  # dates swapped

    found = problems(tiny(tmp_path / "data", edit))
    assert [(p.file, p.line, p.column, p.rule) for p in found] == [
        ("sources.csv", 2, "title", "character"),
        ("tracing_requests.csv", 2, "value", "type"),
        ("tracing_requests.csv", 3, "value", "type"),
        ("tracing_requests.csv", 4, "period_end", "date-order"),
    ]
