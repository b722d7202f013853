"""Read ``data/datapackage.json``: the single source of truth for every column."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DESCRIPTOR_NAME = "datapackage.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
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
    date_range: tuple[date, date] | None
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
    raise FileNotFoundError(f"no data/{DESCRIPTOR_NAME} in {here} or any folder above it")


TYPES = ("string", "integer", "number", "date")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")


class DescriptorError(ValueError):
    """The descriptor itself is malformed: a field's type or constraint is unknown."""


def _field(raw: dict[str, Any], resource: str) -> Field:
    where = f"{DESCRIPTOR_NAME}: resource {resource!r}, field {raw.get('name')!r}"
    if raw.get("type") not in TYPES:
        raise DescriptorError(f"{where}: type must be one of {', '.join(TYPES)}, not {raw.get('type')!r}")
    constraints = raw.get("constraints", {})
    unknown = sorted(set(constraints) - set(CONSTRAINTS))
    if unknown:
        raise DescriptorError(f"{where}: unknown constraint {', '.join(map(repr, unknown))}")
    enum = constraints.get("enum")
    return Field(
        name=raw["name"],
        type=raw["type"],
        description=raw.get("description", ""),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        enum=tuple(enum) if enum is not None else None,
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        pattern=constraints.get("pattern"),
    )


def _resource(raw: dict[str, Any]) -> Resource:
    schema = raw["schema"]
    date_range = raw.get("dateRange")
    return Resource(
        name=raw["name"],
        path=raw["path"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=tuple(_field(field, raw["name"]) for field in schema["fields"]),
        primary_key=tuple(schema.get("primaryKey", ())),
        unique_keys=tuple(tuple(key) for key in schema.get("uniqueKeys", ())),
        foreign_keys=tuple(
            ForeignKey(
                fields=tuple(key["fields"]),
                resource=key["reference"]["resource"],
                reference_fields=tuple(key["reference"]["fields"]),
            )
            for key in schema.get("foreignKeys", ())
        ),
        date_range=(
            (date.fromisoformat(date_range["minimum"]), date.fromisoformat(date_range["maximum"]))
            if date_range
            else None
        ),
        ordered_dates=tuple((pair[0], pair[1]) for pair in raw.get("orderedDates", ())),
        parts_within_total=tuple(
            PartsWithinTotal(
                total=rule["total"],
                parts=tuple(rule["parts"]),
                group_by=tuple(rule["groupBy"]),
                measure_field=rule["measureField"],
                value_field=rule["valueField"],
                qualifier_field=rule["qualifierField"],
            )
            for rule in raw.get("partsWithinTotal", ())
        ),
    )


def read_descriptor(data_dir: Path | None = None) -> DataPackage:
    """Parse the descriptor in ``data_dir`` (found with :func:`find_data_dir` if not given)."""
    directory = (data_dir or find_data_dir()).resolve()
    raw = json.loads((directory / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    return DataPackage(
        directory=directory,
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        resources=tuple(_resource(resource) for resource in raw["resources"]),
    )
