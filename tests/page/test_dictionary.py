from __future__ import annotations

import pytest

from tracingbook.data.checks import MAX_CELL_CHARACTERS
from tracingbook.data.contract import TABLES
from tracingbook.data.descriptor import (
    BOOK_RESOURCE_KEYS,
    CONSTRAINTS,
    TYPES,
    Field,
    Resource,
    read_descriptor,
)
from tracingbook.page.dictionary import (
    constraint_phrases,
    downloads_markdown,
    fields_frame,
    key_sentences,
    reading_rules_markdown,
    resource_markdown,
    rule_sentences,
    type_words,
)
from tracingbook.page.words import UnknownLabel, table_headings

from ..conftest import DATA_DIR


def _field(name: str, kind: str, description: str = "", **constraints: object) -> Field:
    spec = {"name": name, "type": kind, "constraints": constraints}
    return Field.model_validate(spec | ({"description": description} if description else {}))


def _resource(
    primary_key: tuple[str, ...] = ("id",),
    foreign_keys: tuple[dict, ...] = (),  # type: ignore[type-arg]
    ordered_dates: tuple[tuple[str, str], ...] = (),
    parts_within_total: tuple[dict, ...] = (),  # type: ignore[type-arg]
) -> Resource:
    fields = [
        {"name": "id", "type": "string", "description": "Key.",
         "constraints": {"required": True, "unique": True}},
        {"name": "start", "type": "date", "description": "First day."},
        {"name": "end", "type": "date", "description": "Last day."},
        {"name": "value", "type": "integer", "description": "The count.",
         "constraints": {"required": True, "minimum": 0}},
    ]  # fmt: skip
    named = {
        name
        for rule in parts_within_total
        for name in (*rule["groupBy"], rule["measureField"], rule["qualifierField"])
    }
    fields += [{"name": name, "type": "string"} for name in sorted({*primary_key, *named} - {"id"})]
    schema = {"fields": fields, "primaryKey": list(primary_key), "foreignKeys": list(foreign_keys)}
    return Resource.model_validate(
        {"name": "counts", "path": "counts.csv", "title": "Counts", "description": "One count per row.",
         "schema": schema, "orderedDates": [list(pair) for pair in ordered_dates],
         "partsWithinTotal": list(parts_within_total)}
    )  # fmt: skip


def test_constraint_phrases_name_every_constraint_in_order() -> None:
    field = _field(
        "kind", "string", required=True, unique=True, enum=["a", "b"], pattern="[a-z]+",
    )  # fmt: skip
    assert constraint_phrases(field) == ["required", "unique", "one of: a; b", "matches the pattern [a-z]+"]
    assert constraint_phrases(_field("count", "integer", minimum=0, maximum=1_000_000)) == [
        "at least 0",
        "at most 1,000,000",
    ]
    assert constraint_phrases(_field("note", "string")) == []


def test_date_bounds_are_phrased_as_dates() -> None:
    field = _field("day", "date", minimum="2005-01-01", maximum="2018-12-31")
    assert constraint_phrases(field) == ["not before 1 January 2005", "not after 31 December 2018"]


def test_type_words_are_plain_and_an_unknown_type_has_none() -> None:
    assert type_words(_field("d", "date")) == "date (YYYY-MM-DD)"
    assert type_words(_field("n", "integer")) == "whole number"
    with pytest.raises(UnknownLabel, match="no type label for 'geopoint'"):
        type_words(Field.model_construct(name="g", type="geopoint"))


def test_fields_frame_has_one_row_per_column_of_the_descriptor() -> None:
    requests = read_descriptor(DATA_DIR).resource("tracing_requests")
    frame = fields_frame(requests)
    assert list(frame.columns) == ["column", "type", "rules", "description"]
    assert list(frame["column"]) == list(requests.field_names)
    for field, row in zip(requests.fields, frame.itertuples(), strict=True):
        assert (row.type, row.description) == (type_words(field), field.description)
        assert row.rules == (", ".join(constraint_phrases(field)) or "optional")


def test_the_data_appendix_heads_every_column_of_its_tables_for_readers() -> None:
    frame = fields_frame(read_descriptor(DATA_DIR).resource("sources"))
    headings = table_headings("data-columns")
    assert [headings[column] for column in frame.columns] == ["Column", "Type", "Rules", "Description"]


def test_key_sentences_cover_primary_unique_and_foreign_keys() -> None:
    package = read_descriptor(DATA_DIR)
    sentences = key_sentences(package, package.resource("tracing_requests"))
    assert sentences[0] == "Each row is identified by `figure_id`: no two rows share it."
    assert "Each `source_id` must be the `id` of a row of sources\\.csv." in sentences
    assert (
        "Each `superseded_by`, where given, must be the `figure_id` of another row of this table."
        in sentences
    )


def test_rule_sentences_explain_the_custom_rules_with_their_values() -> None:
    resource = _resource(
        ordered_dates=(("start", "end"),),
        parts_within_total=(
            {
                "total": "requests",
                "parts": ["traced", "rejected"],
                "groupBy": ["who"],
                "measureField": "measure",
                "valueField": "value",
                "qualifierField": "qualifier",
            },
        ),
    )
    assert rule_sentences(resource) == [
        "Ordered dates: `start` never falls after `end`.",
        "Parts within a total: among rows with the same `who`, the `traced` and `rejected` "
        "figures (column `measure`) may not add up to more than the `requests` figure allows, "
        "each read with its `qualifier`.",
    ]
    assert rule_sentences(_resource()) == []


def test_resource_markdown_links_the_file_for_download() -> None:
    package = read_descriptor(DATA_DIR)
    text = resource_markdown(package, _resource(foreign_keys=()), 1, "../data/")
    assert text.splitlines()[:3] == [
        "### Counts",
        "",
        "{download}`counts.csv <../data/counts.csv>` · 1 row · 4 columns",
    ]


def test_downloads_markdown_offers_every_file_and_the_descriptor() -> None:
    package = read_descriptor(DATA_DIR)
    rows = {resource.name: 2 for resource in package.resources}
    lines = downloads_markdown(package, rows, "../data/", "datapackage.json").splitlines()
    assert len(lines) == len(package.resources) + 1
    first = package.resources[0]
    assert lines[0] == f"- {{download}}`{first.path} <../data/{first.path}>`: {first.title.lower()}, 2 rows"
    assert lines[-1].startswith("- {download}`datapackage.json <../data/datapackage.json>`")


def test_a_backtick_in_a_name_gets_a_longer_fence() -> None:
    package = read_descriptor(DATA_DIR)
    resource = _resource(primary_key=("odd`name",))
    sentence = key_sentences(package, resource)[0]
    assert sentence == "Each row is identified by ``odd`name``: no two rows share it."


def test_foreign_keys_to_another_table_name_its_file() -> None:
    package = read_descriptor(DATA_DIR)
    resource = _resource(
        foreign_keys=({"fields": ["id"], "reference": {"resource": "sources", "fields": ["id"]}},)
    )
    assert key_sentences(package, resource)[-1] == "Each `id` must be the `id` of a row of sources\\.csv."


def test_the_reading_rules_name_every_limit_key_type_and_table() -> None:
    text = reading_rules_markdown()
    assert "a file over 5 MB" in text
    assert f"a cell longer than {MAX_CELL_CHARACTERS:,} characters" in text
    for name in (*CONSTRAINTS, *TYPES, *BOOK_RESOURCE_KEYS, *TABLES):
        assert f"`{name}`" in text, name
