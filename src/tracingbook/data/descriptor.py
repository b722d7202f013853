"""Read ``data/datapackage.json``: strict JSON, then a declarative model of what the book accepts.

The model is stricter than the Data Package standard: only the types and
constraints the book enforces and describes, plain CSV file names in data/,
UTF-8, keys naming real columns, patterns RE2 can match (so none can hang
validation), bounds a column can hold, and every table and column the book's
own code reads (``contract``). Frictionless checks the standard itself when it
opens the package (``validate``).
"""

from __future__ import annotations

import json
import math
import os
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import re2
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    StrictBool,
    ValidationError,
    model_validator,
)
from pydantic import Field as Key
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from tracingbook.data.contract import TABLES
from tracingbook.data.files import UnreadableFile, forbidden_character, not_utf8, read_bytes, refuse_name
from tracingbook.data.problems import DescriptorError, Problem, shown

DESCRIPTOR_NAME = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 1_000_000  # the descriptor is some 35 kB
MAX_TEXT_CHARACTERS = 2_000
TYPES = ("string", "integer", "number", "date")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")
BOOK_RESOURCE_KEYS = frozenset({"orderedDates", "partsWithinTotal"})
# Keys that would change where or how a table is read: the book reads one plain UTF-8 CSV file.
READING_KEYS = frozenset(
    {"data", "dialect", "compression", "scheme", "innerpath", "extrapaths", "hash", "bytes"}
)
# Integer columns become pandas int64; a bound beyond it could never be met or broken.
LARGEST_INTEGER = 2**63 - 1
_RE2 = re2.Options()
_RE2.log_errors = False
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PROFILES = ("data-package", "tabular-data-package", "data-resource", "tabular-data-resource")
_STANDARD_SCHEMA = r"https://(datapackage\.org|specs\.frictionlessdata\.io)/profiles/[\w./-]+\.json"


def _text(value: str) -> str:
    character = forbidden_character(value)
    if character is not None:
        raise ValueError(f"holds {character}, an invisible character; write one line of visible text")
    if len(value) > MAX_TEXT_CHARACTERS:
        raise ValueError(f"is {len(value):,} characters long; at most {MAX_TEXT_CHARACTERS:,}")
    if not value.strip():
        raise ValueError("is blank; give it words or leave the key out")
    return value


def _pattern(value: str) -> str:
    try:
        re2.compile(value, _RE2)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise ValueError(
            f"pattern {value!r} is not a regular expression the book can match ({reason}): "
            "patterns are matched by RE2, without back-references or look-arounds, so none can hang"
        ) from None
    return value


def _csv_name(value: str) -> str:
    refusal = refuse_name(value)
    if refusal is not None:
        raise ValueError(f"path {value!r} {refusal}")
    if not value.endswith(".csv"):
        raise ValueError(f"path {value!r} must name a .csv file")
    return value


def _utf8(value: str) -> str:
    if value.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ValueError(f"encoding {value!r}: the book reads UTF-8 only")
    return value


Text = Annotated[str, AfterValidator(_text)]
Names = Annotated[
    tuple[Text, ...], BeforeValidator(lambda v: [v] if isinstance(v, str) else v), Key(min_length=1)
]
Extra = tuple[dict[str, Text | tuple[Text, ...]], ...]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True)


def _bound(name: str, value: Any, kind: str) -> float | date:
    """A minimum or maximum as the column compares it, or ValueError naming it."""
    if kind == "string":
        raise ValueError(f"{name} applies to numbers and dates, not to a string column")
    if kind == "date":
        try:
            if isinstance(value, str) and _DATE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"{name} must be a date written YYYY-MM-DD, not {shown(str(value))}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a finite number, not {shown(str(value))}")
    if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > LARGEST_INTEGER:
        raise ValueError(
            f"{name} {shown(str(value))} is beyond what a column holds (at most {LARGEST_INTEGER:,})"
        )
    if kind == "integer" and not float(value).is_integer():
        raise ValueError(f"{name} of a whole-number column must be whole, not {value!r}")
    return value


class Constraints(_Model):
    required: StrictBool = False
    unique: StrictBool = False
    enum: tuple[Text, ...] | None = Key(None, min_length=1)
    minimum: Any = None
    maximum: Any = None
    pattern: Annotated[str, AfterValidator(_pattern)] | None = None


class Field(_Model):
    name: Text
    type: Literal["string", "integer", "number", "date"]
    format: Literal["default"] = "default"
    title: Text | None = None
    description: Text = ""
    constraints: Constraints = Key(default_factory=lambda: Constraints.model_validate({}))

    @model_validator(mode="after")
    def _fits_type(self) -> Field:
        if self.type != "string" and (self.enum is not None or self.pattern is not None):
            raise ValueError("enum and pattern apply to text columns only")
        low, high = self.minimum, self.maximum
        if low is not None and high is not None and low > high:  # type: ignore[operator]
            raise ValueError(
                f"minimum {self.constraints.minimum} is above maximum {self.constraints.maximum}"
            )
        return self

    required = property(lambda self: self.constraints.required)
    unique = property(lambda self: self.constraints.unique)
    enum = property(lambda self: self.constraints.enum)
    pattern = property(lambda self: self.constraints.pattern)

    @property
    def minimum(self) -> float | date | None:
        value = self.constraints.minimum
        return None if value is None else _bound("minimum", value, self.type)

    @property
    def maximum(self) -> float | date | None:
        value = self.constraints.maximum
        return None if value is None else _bound("maximum", value, self.type)


class Reference(_Model):
    resource: str = ""
    fields: Names


class ForeignKey(_Model):
    fields: Names
    reference: Reference
    resource = property(lambda self: self.reference.resource)
    reference_fields = property(lambda self: self.reference.fields)


class PartsWithinTotal(_Model):
    """Measures that are parts of another measure for the same group of rows."""

    total: Text
    parts: tuple[Text, ...] = Key(min_length=1)
    group_by: Names
    measure_field: Text
    value_field: Text
    qualifier_field: Text


class Schema(_Model):
    fields: tuple[Field, ...] = Key(min_length=1)
    primary_key: Names = ()
    unique_keys: tuple[Names, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    fields_match: Literal["equal", "exact"] = "exact"
    schema_url: Annotated[str, Key(pattern=_STANDARD_SCHEMA)] | None = Key(None, alias="$schema")


class Resource(_Model):
    name: Text
    path: Annotated[str, AfterValidator(_csv_name)]
    type: Literal["table"] | None = None
    profile: Literal[_PROFILES] | None = None  # type: ignore[valid-type]
    schema_url: Annotated[str, Key(pattern=_STANDARD_SCHEMA)] | None = Key(None, alias="$schema")
    title: Text
    description: Text = ""
    homepage: Text | None = None
    format: Literal["csv"] = "csv"
    mediatype: Literal["text/csv"] | None = None
    encoding: Annotated[str, AfterValidator(_utf8)] = "utf-8"
    sources: Extra = ()
    licenses: Extra = ()
    table_schema: Schema = Key(alias="schema")
    ordered_dates: tuple[tuple[Text, Text], ...] = ()
    parts_within_total: tuple[PartsWithinTotal, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, raw: Any) -> Any:
        """The title defaults to the name; a foreign key without a resource points into its own table."""
        if not isinstance(raw, dict) or not isinstance(schema := raw.get("schema"), dict):
            return raw
        keys = schema.get("foreignKeys")
        if isinstance(keys, list):
            keys = [
                {**key, "reference": {"resource": raw.get("name"), **key["reference"]}}
                if isinstance(key, dict)
                and isinstance(key.get("reference"), dict)
                and not key["reference"].get("resource")
                else key
                for key in keys
            ]
            schema = {**schema, "foreignKeys": keys}
        return {"title": raw.get("name"), **raw, "schema": schema}

    @model_validator(mode="after")
    def _names_are_fields(self) -> Resource:
        kinds = {field.name: field.type for field in self.fields}
        if len(kinds) < len(self.fields):
            raise ValueError("two fields share a name")
        named = [("the primary key", self.primary_key), *(("a unique key", key) for key in self.unique_keys)]
        named += [("a foreign key", key.fields) for key in self.foreign_keys]
        for rule in self.parts_within_total:
            named.append(("partsWithinTotal", (*rule.group_by, rule.measure_field, rule.qualifier_field)))
            if kinds.get(rule.value_field) not in ("integer", "number"):
                raise ValueError(f"partsWithinTotal: valueField {rule.value_field!r} is not a number column")
        for what, names in named:
            for name in names:
                if name not in kinds:
                    raise PydanticCustomError(
                        "key", "{what} names {name}, which is not a field", {"what": what, "name": repr(name)}
                    )
        for pair in self.ordered_dates:
            if any(kinds.get(name) != "date" for name in pair):
                raise ValueError(f"orderedDates: {list(pair)!r} is not a pair of date columns")
        return self

    fields = property(lambda self: self.table_schema.fields)
    primary_key = property(lambda self: self.table_schema.primary_key)
    unique_keys = property(lambda self: self.table_schema.unique_keys)
    foreign_keys = property(lambda self: self.table_schema.foreign_keys)
    field_names = property(lambda self: tuple(field.name for field in self.fields))

    def field(self, name: str) -> Field:
        found: Field
        for found in self.fields:
            if found.name == name:
                return found
        raise KeyError(f"{self.path} has no column {name!r}")


def _custom(rule: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(rule, "{message}", {"message": message})


def _contract(message: str) -> PydanticCustomError:
    """A table or column the book's own code reads is missing (see ``contract``)."""
    return _custom("contract", message)


class DataPackage(_Model):
    """The descriptor, checked: every table's file, columns, keys and the book's own rules."""

    schema_url: Annotated[str, Key(pattern=_STANDARD_SCHEMA)] | None = Key(None, alias="$schema")
    profile: Literal["data-package", "tabular-data-package"] | None = None
    name: Text | None = None
    id: Text | None = None
    title: Text | None = None
    description: Text = ""
    homepage: Text | None = None
    version: Text | None = None
    created: Text | None = None
    image: Text | None = None
    keywords: tuple[Text, ...] = ()
    licenses: Extra = ()
    sources: Extra = ()
    contributors: Extra = ()
    resources: tuple[Resource, ...] = Key(min_length=1)
    _directory: Path = PrivateAttr(default=Path("."))
    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _tables_fit_together(self) -> DataPackage:
        by_name = {resource.name: resource for resource in self.resources}
        for problem in (
            len(by_name) < len(self.resources) and "two resources share a name",
            len({r.path for r in self.resources}) < len(self.resources)
            and "two resources read the same file",
        ):
            if problem:
                raise ValueError(problem)
        for resource in self.resources:
            for key in resource.foreign_keys:
                target = by_name.get(key.resource)
                if target is None:
                    raise _custom(
                        "foreign-key",
                        f"resource {resource.name!r}: a foreign key names no table {key.resource!r}",
                    )
                missing = [name for name in key.reference_fields if name not in target.field_names]
                if missing or len(key.fields) != len(key.reference_fields):
                    raise _custom(
                        "foreign-key",
                        f"resource {resource.name!r}: a foreign key into {target.name!r} must name as many "
                        f"of its fields as it has, not {list(key.reference_fields)!r}",
                    )
        for table, columns in TABLES.items():
            if table not in by_name:
                raise _contract(f"resources: the book reads a table {table!r}, which the descriptor lacks")
            for column, kind in columns.items():
                if column not in by_name[table].field_names or by_name[table].field(column).type != kind:
                    raise _contract(
                        f"resource {table!r}: the book's code reads a {kind} column {column!r}, "
                        "which the schema does not declare"
                    )
        extra = sorted(set(by_name) - set(TABLES))
        if extra:
            raise _contract(f"resource {extra[0]!r}: the book has no use for a table {extra[0]!r}")
        return self

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def descriptor(self) -> dict[str, Any]:
        """The descriptor as written, for frictionless."""
        return self._raw

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
        if (folder / "data" / DESCRIPTOR_NAME).is_file():
            return folder / "data"
    message = f"no data/{DESCRIPTOR_NAME} in {here} or above"
    raise DescriptorError([Problem(DESCRIPTOR_NAME, None, None, "missing-file", message)])


# ---------------------------------------------------------------- strict JSON


class _Refused(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):  # linear: a set of the keys seen so far
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _Refused(f"an object names the key {shown(twice)} twice; JSON readers would keep only one")
    return found


def _number(text: str) -> float | str:
    """A JSON number as a float, or, if no float holds it, its text (which the model then refuses)."""
    value = float(text)
    return value if math.isfinite(value) else text


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def parse_json(content: bytes) -> Any:
    """The descriptor's JSON, or DescriptorError saying where it breaks."""

    def refuse(line: int | None, rule: str, message: str) -> DescriptorError:
        return DescriptorError([Problem(DESCRIPTOR_NAME, line, None, rule, message)])

    broken = not_utf8(content)
    if broken is not None:
        raise refuse(broken[0], "encoding", f"byte {broken[1]} is not UTF-8; {broken[2]}")
    try:
        text = content.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_float=_number)
    except json.JSONDecodeError as error:
        raise refuse(
            error.lineno, "json", f"is not valid JSON: {error.msg} (character {error.colno})"
        ) from None
    except RecursionError:
        raise refuse(None, "json", "nests objects and lists too deeply to read") from None
    except ValueError as error:  # _Refused, or an integer too long to convert
        raise refuse(None, "json", f"is not valid JSON: {str(error)[:200]}") from None


def _where(raw: Any, location: tuple[int | str, ...]) -> str:
    """A pydantic error's location in words: "resource 'claims', field 'value', constraints.maximum"."""
    segments: list[str] = []
    keys: list[str] = []
    node = raw
    for step in location:
        child = node[step] if isinstance(node, dict | list) and _has(node, step) else None  # type: ignore[index]
        name = child.get("name") if isinstance(child, dict) else None
        if isinstance(step, int) and isinstance(name, str) and keys[-1:] in (["resources"], ["fields"]):
            kind = "resource" if keys.pop() == "resources" else "field"
            if keys and keys != ["schema"]:
                segments.append(".".join(keys))
            segments.append(f"{kind} {shown(name)}")
            keys = []
        elif isinstance(step, int):
            keys[-1:] = [f"{''.join(keys[-1:])}[{step}]"]
        else:
            keys.append(step)
        node = child
    if keys:
        segments.append(".".join(keys))
    return ", ".join(segments) or "the top level"


def _has(node: dict[str, Any] | list[Any], step: int | str) -> bool:
    return step in node if isinstance(node, dict) else isinstance(step, int) and 0 <= step < len(node)


_CUSTOM = ("key", "contract", "foreign-key")


def _problem(raw: Any, error: Any) -> Problem:
    location = tuple(step for step in error["loc"] if not (isinstance(step, str) and "[" in step))
    message = error["msg"].removeprefix("Value error, ").replace("Field required", "is required")
    message = re.sub(r"Input should be a valid dictionary or instance of \w+", "should be an object", message)
    message = message.replace("Input should be a valid tuple", "should be a list").replace(
        "Input should", "should"
    )
    message = message.replace("Tuple should", "should").replace("after validation, ", "")
    last = location[-1] if location else None
    rule = error["type"] if error["type"] in _CUSTOM else "descriptor"
    if isinstance(last, str) and last not in ("resources", "fields"):
        rule = last
    if error["type"] == "extra_forbidden":
        key = location[-1]
        location, rule = location[:-1], "unknown-key"
        message = f"{shown(str(key))} is neither a key of the standard the book uses nor its own"
        if key in READING_KEYS:
            rule, message = (
                "reading",
                f"the book reads one plain UTF-8 CSV file named by 'path', so {key!r} cannot be used",
            )
    elif not isinstance(error["input"], dict | list) and error["type"] not in ("value_error", *_CUSTOM):
        message += f", not {shown(str(error['input']))}"
    where = f"{_where(raw, location)}: " if location and error["type"] != "contract" else ""
    return Problem(DESCRIPTOR_NAME, None, None, rule, f"{where}{message}")


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
    if not isinstance(raw, dict):
        raise DescriptorError(
            [Problem(DESCRIPTOR_NAME, None, None, "descriptor", "the descriptor must be a JSON object")]
        )
    try:
        package = DataPackage.model_validate(raw)
    except ValidationError as error:
        raise DescriptorError([_problem(raw, item) for item in error.errors(include_url=False)]) from None
    except RecursionError:
        raise DescriptorError(
            [Problem(DESCRIPTOR_NAME, None, None, "json", "nests too deeply to read")]
        ) from None
    package._directory, package._raw = directory, raw
    return package
