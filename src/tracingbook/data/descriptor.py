"""Read ``data/datapackage.json``: the single source of truth for every column.

The descriptor is read as safely as the tables (see ``files``), parsed as
strict JSON, checked (see ``descriptor_checks``) and only then turned into the
typed description below, which the validator, the loader and the data
dictionary share.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracingbook.data.descriptor_checks import (
    CONSTRAINTS,
    DESCRIPTOR_NAME,
    TYPES,
    check_descriptor,
    names_of,
    parse_date,
    standard_problems,
)
from tracingbook.data.files import UnreadableFile, encoding_hint, read_bytes, to_text, undecodable
from tracingbook.data.problems import DescriptorError, Problem

__all__ = [
    "CONSTRAINTS",
    "DESCRIPTOR_NAME",
    "TYPES",
    "DataPackage",
    "DescriptorError",
    "Field",
    "ForeignKey",
    "PartsWithinTotal",
    "Resource",
    "find_data_dir",
    "read_descriptor",
]

# The descriptor is some 30 kB.
MAX_DESCRIPTOR_BYTES = 1_000_000

Bound = int | float | date


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: Bound | None = None
    maximum: Bound | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class PartsWithinTotal:
    """Measures that are parts of another measure for the same group of rows."""

    total: str
    parts: tuple[str, ...]
    group_by: tuple[str, ...]
    measure_field: str
    value_field: str
    qualifier_field: str


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    unique_keys: tuple[tuple[str, ...], ...]
    foreign_keys: tuple[ForeignKey, ...]
    ordered_dates: tuple[tuple[str, str], ...]
    parts_within_total: tuple[PartsWithinTotal, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def field(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"{self.path} has no column {name!r}")


@dataclass(frozen=True)
class DataPackage:
    directory: Path
    name: str
    title: str
    description: str
    resources: tuple[Resource, ...]
    # The descriptor as parsed, for frictionless to check the tables against.
    descriptor: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def resource(self, name: str) -> Resource:
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(f"{DESCRIPTOR_NAME} has no resource {name!r}")


def find_data_dir(start: Path | None = None) -> Path:
    """The project's ``data/`` folder: $TRACINGBOOK_DATA, or the nearest one above ``start``."""
    override = os.environ.get("TRACINGBOOK_DATA")
    if override:
        return Path(override).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data" / DESCRIPTOR_NAME
        if candidate.is_file():
            return candidate.parent
    raise DescriptorError(
        [
            Problem(
                DESCRIPTOR_NAME, None, None, "missing-file", f"no data/{DESCRIPTOR_NAME} in {here} or above"
            )
        ]
    )


# ---------------------------------------------------------------- strict JSON


class _Refused(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _Refused(f"an object names the key {key!r} twice; JSON readers would keep only one")
    return dict(pairs)


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def parse_json(content: bytes) -> Any:
    """The descriptor's JSON, or DescriptorError saying where it breaks."""

    def refuse(line: int | None, rule: str, message: str) -> DescriptorError:
        return DescriptorError([Problem(DESCRIPTOR_NAME, line, None, rule, message)])

    text = to_text(content)
    byte = undecodable(text)
    if byte is not None:
        line = text[: text.index(chr(0xDC00 + int(byte, 16)))].count("\n") + 1
        raise refuse(line, "encoding", f"byte {byte} is not UTF-8; {encoding_hint(content)}")
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise refuse(
            error.lineno, "json", f"is not valid JSON: {error.msg} (character {error.colno})"
        ) from None
    except RecursionError:
        raise refuse(None, "json", "nests objects and lists too deeply to read") from None
    except ValueError as error:  # _Refused, or an integer too long to convert
        raise refuse(None, "json", f"is not valid JSON: {error}") from None


# ---------------------------------------------------------------- typed description


def _field(raw: Mapping[str, Any]) -> Field:
    constraints = raw.get("constraints", {})
    enum = constraints.get("enum")

    def bound(name: str) -> Bound | None:
        value = constraints.get(name)
        return parse_date(value) if raw["type"] == "date" and value is not None else value

    return Field(
        name=raw["name"],
        type=raw["type"],
        description=raw.get("description", ""),
        required=constraints.get("required", False),
        unique=constraints.get("unique", False),
        enum=tuple(enum) if enum is not None else None,
        minimum=bound("minimum"),
        maximum=bound("maximum"),
        pattern=constraints.get("pattern"),
    )


def _resource(raw: Mapping[str, Any]) -> Resource:
    schema = raw["schema"]
    return Resource(
        name=raw["name"],
        path=raw["path"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=tuple(_field(field) for field in schema["fields"]),
        primary_key=names_of(schema.get("primaryKey", [])) or (),
        unique_keys=tuple(names_of(key) or () for key in schema.get("uniqueKeys", [])),
        foreign_keys=tuple(
            ForeignKey(
                fields=names_of(key["fields"]) or (),
                resource=key["reference"].get("resource") or raw["name"],
                reference_fields=names_of(key["reference"]["fields"]) or (),
            )
            for key in schema.get("foreignKeys", [])
        ),
        ordered_dates=tuple((first, second) for first, second in raw.get("orderedDates", [])),
        parts_within_total=tuple(
            PartsWithinTotal(
                total=rule["total"],
                parts=tuple(rule["parts"]),
                group_by=names_of(rule["groupBy"]) or (),
                measure_field=rule["measureField"],
                value_field=rule["valueField"],
                qualifier_field=rule["qualifierField"],
            )
            for rule in raw.get("partsWithinTotal", [])
        ),
    )


def read_descriptor(data_dir: Path | None = None) -> DataPackage:
    """Read and check the descriptor in ``data_dir`` (found with :func:`find_data_dir` if not given).

    Raises DescriptorError, naming every problem, if it is unreadable or malformed.
    """
    directory = (data_dir or find_data_dir()).resolve()
    try:
        content = read_bytes(directory, DESCRIPTOR_NAME, MAX_DESCRIPTOR_BYTES)
    except UnreadableFile as error:
        raise DescriptorError([Problem(DESCRIPTOR_NAME, None, None, error.rule, error.message)]) from None
    raw = parse_json(content)
    problems = check_descriptor(raw) or standard_problems(raw)
    if problems:
        raise DescriptorError(problems)
    return DataPackage(
        directory=directory,
        name=raw.get("name", directory.name),
        title=raw.get("title", raw.get("name", directory.name)),
        description=raw.get("description", ""),
        resources=tuple(_resource(resource) for resource in raw["resources"]),
        descriptor=raw,
    )
