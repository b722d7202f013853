"""Check ``datapackage.json`` before anything is read through it.

Three layers, in order, each naming where in the descriptor a problem stands:

1. The book's own demands: a shape the loader can walk, only the types and
   constraints the book enforces and describes, keys and custom rules that
   name real columns, resource paths that stay inside data/, no key that would
   make a reader fetch a profile, schema or dialect from elsewhere, and text
   the site can show.
2. The tables and columns the book's own code reads (see ``contract``).
3. Frictionless's check of the Data Package and Table Schema standards, for
   anything the first two did not cover. It runs only on a descriptor that
   passed them, so it never sees a key that would make it read a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from frictionless import Field, Package, Resource

from tracingbook.data.contract import TABLES
from tracingbook.data.files import forbidden_character, refuse_name
from tracingbook.data.problems import Problem

DESCRIPTOR_NAME = "datapackage.json"

TYPES = ("string", "integer", "number", "date")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")
# Longer than any description in the descriptor by some way; see csvfile.MAX_CELL_CHARACTERS.
MAX_TEXT_CHARACTERS = 2_000
# The standard's keys nest seven levels at most (package, resources, a resource,
# schema, foreignKeys, a key, reference); deeper is a mistake, and checking it
# first keeps every later step's recursion shallow.
MAX_DEPTH = 16

# Keys of the Data Package (v1 and v2) and Table Schema standards the book accepts, and the book's own.
PACKAGE_KEYS = frozenset(
    {"$schema", "name", "id", "profile", "title", "description", "homepage", "version", "created",
     "keywords", "image", "licenses", "sources", "contributors", "resources"}
)  # fmt: skip
BOOK_RESOURCE_KEYS = frozenset({"orderedDates", "partsWithinTotal"})
RESOURCE_KEYS = frozenset(
    {"$schema", "name", "path", "type", "profile", "title", "description", "homepage", "format",
     "mediatype", "encoding", "sources", "licenses", "schema"}
) | BOOK_RESOURCE_KEYS  # fmt: skip
# Standard keys that would change where or how a table is read; the book reads
# one plain UTF-8 CSV file named by 'path', so it refuses them.
READING_KEYS = frozenset(
    {"data", "dialect", "compression", "scheme", "innerpath", "extrapaths", "hash", "bytes"}
)
SCHEMA_KEYS = frozenset({"$schema", "fields", "primaryKey", "foreignKeys", "uniqueKeys", "fieldsMatch"})
FIELD_KEYS = frozenset(
    {"name", "title", "type", "format", "description", "example", "constraints", "rdfType"}
)
# Header columns are matched to fields by name ("equal") or by position ("exact");
# the other modes let a declared column be missing, which the loader cannot type.
FIELDS_MATCH = ("equal", "exact")
STANDARD_PROFILES = frozenset(
    {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
)
_STANDARD_SCHEMA_URL = re.compile(
    r"https://(datapackage\.org|specs\.frictionlessdata\.io)/profiles/[\w./-]+\.json"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Found:
    """Collects problems, each prefixed with where it stands."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, rule: str, message: str) -> None:
        self.problems.append(Problem(DESCRIPTOR_NAME, None, None, rule, f"{where}: {message}"))


def names_of(value: Any) -> tuple[str, ...] | None:
    """A key's column names: the standard allows one name or a list of names. None if neither."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(name, str) for name in value):
        return tuple(value)
    return None


def parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD string that is a real date, or None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _strings(raw: Any) -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, keys included, with where it stands (walked without recursion)."""
    pending: list[tuple[str, Any]] = [("", raw)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            yield path or "the top level", value
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield path or "the top level", key
                pending.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            pending += [(f"{path}[{index}]", item) for index, item in enumerate(value)]


def _depth(raw: Any) -> int:
    """How deeply objects and lists nest in a JSON value (walked without recursion)."""
    deepest, pending = 0, [(1, raw)]
    while pending:
        depth, value = pending.pop()
        if isinstance(value, Mapping | list):
            deepest = max(deepest, depth)
            items = value.values() if isinstance(value, Mapping) else value
            pending += [(depth + 1, item) for item in items]
    return deepest


def _check_text(raw: Any, found: _Found) -> None:
    for path, text in _strings(raw):
        character = forbidden_character(text)
        if character is not None:
            found.add(
                path,
                "character",
                f"holds {character}, an invisible character; write one line of visible text",
            )
        elif len(text) > MAX_TEXT_CHARACTERS:
            found.add(path, "too-long", f"is {len(text):,} characters long; at most {MAX_TEXT_CHARACTERS:,}")
    for path, text in _titles_and_descriptions(raw):
        if not text.strip():
            found.add(path, "text", "is blank; give it words or leave the key out")


def _titles_and_descriptions(raw: Any) -> Iterator[tuple[str, str]]:
    if not isinstance(raw, Mapping):
        return
    yield from ((key, raw[key]) for key in ("title", "description") if isinstance(raw.get(key), str))
    for index, resource in enumerate(_list(raw.get("resources"))):
        if not isinstance(resource, Mapping):
            continue
        where = f"resources[{index}]"
        for key in ("title", "description"):
            if isinstance(resource.get(key), str):
                yield f"{where}.{key}", resource[key]
        schema = resource.get("schema")
        for position, field in enumerate(_list(schema.get("fields")) if isinstance(schema, Mapping) else []):
            if isinstance(field, Mapping):
                for key in ("title", "description"):
                    if isinstance(field.get(key), str):
                        yield f"{where}.schema.fields[{position}].{key}", field[key]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_keys(where: str, raw: Mapping[str, Any], allowed: frozenset[str], found: _Found) -> None:
    for key in raw:
        if key in READING_KEYS:
            found.add(
                where,
                "reading",
                f"the book reads one plain UTF-8 CSV file named by 'path', so {key!r} cannot be used",
            )
        elif key not in allowed:
            found.add(
                where, "unknown-key", f"{key!r} is neither a key of the standard the book uses nor its own"
            )
    profile = raw.get("profile")
    if profile is not None and not (isinstance(profile, str) and profile in STANDARD_PROFILES):
        found.add(where, "profile", f"profile {profile!r} is not a standard one; the book fetches no profile")
    schema_url = raw.get("$schema")
    if schema_url is not None and not (
        isinstance(schema_url, str) and _STANDARD_SCHEMA_URL.fullmatch(schema_url)
    ):
        found.add(where, "profile", f"$schema {schema_url!r} is not a standard profile of datapackage.org")


# ---------------------------------------------------------------- fields


def _check_bound(where: str, name: str, bound: Any, kind: str, found: _Found) -> None:
    if kind == "date":
        if parse_date(bound) is None:
            found.add(where, "constraint", f"{name} must be a date written YYYY-MM-DD, not {bound!r}")
    elif kind in ("integer", "number"):
        if isinstance(bound, bool) or not isinstance(bound, int | float) or bound != bound:
            found.add(where, "constraint", f"{name} must be a number, not {bound!r}")
        elif kind == "integer" and not float(bound).is_integer():
            found.add(where, "constraint", f"{name} of a whole-number column must be whole, not {bound!r}")
    else:
        found.add(where, "constraint", f"{name} applies to numbers and dates, not to a {kind} column")


def _check_constraints(where: str, kind: str, constraints: Any, found: _Found) -> None:
    if not isinstance(constraints, Mapping):
        found.add(where, "constraint", "'constraints' must be an object")
        return
    unknown = sorted(set(constraints) - set(CONSTRAINTS))
    if unknown:
        found.add(
            where,
            "constraint",
            f"unknown constraint {', '.join(map(repr, unknown))}: the book enforces {', '.join(CONSTRAINTS)}",
        )
    for flag in ("required", "unique"):
        if flag in constraints and not isinstance(constraints[flag], bool):
            found.add(where, "constraint", f"{flag} must be true or false, not {constraints[flag]!r}")
    if "enum" in constraints:
        enum = constraints["enum"]
        if kind != "string":
            found.add(where, "constraint", "enum applies to text columns only")
        elif not (isinstance(enum, list) and enum and all(isinstance(item, str) for item in enum)):
            found.add(where, "constraint", "enum must be a list of one or more texts")
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        if kind != "string":
            found.add(where, "constraint", "pattern applies to text columns only")
        elif not isinstance(pattern, str):
            found.add(where, "constraint", f"pattern must be a text, not {pattern!r}")
        else:
            try:
                re.compile(f"^{pattern}$")  # as frictionless compiles it: the whole value must match
            except re.error as error:
                found.add(where, "constraint", f"pattern {pattern!r} is not a regular expression: {error}")
    for bound in ("minimum", "maximum"):
        if bound in constraints:
            _check_bound(where, bound, constraints[bound], kind, found)


def _check_fields(where: str, fields: Any, found: _Found) -> dict[str, str]:
    """The schema's fields as {name: type}; problems for any that is malformed."""
    if not isinstance(fields, list) or not fields:
        found.add(where, "schema", "the schema must list its fields, at least one")
        return {}
    declared: dict[str, str] = {}
    for position, field in enumerate(fields):
        here = f"{where}, field {position + 1}"
        if not isinstance(field, Mapping):
            found.add(here, "schema", "a field must be an object")
            continue
        name = field.get("name")
        if not isinstance(name, str) or not name.strip():
            found.add(here, "schema", "a field needs a name")
            continue
        here = f"{where}, field {name!r}"
        if name in declared:
            found.add(here, "schema", "two fields share this name")
        _check_keys(here, field, FIELD_KEYS, found)
        kind = field.get("type")
        if kind not in TYPES:
            found.add(here, "type", f"type must be one of {', '.join(TYPES)}, not {kind!r}")
            continue
        if field.get("format", "default") != "default":
            found.add(
                here, "type", f"format {field['format']!r}: the book reads only the standard form of a {kind}"
            )
        _check_constraints(here, kind, field.get("constraints", {}), found)
        declared[name] = kind
    return declared


# ---------------------------------------------------------------- keys and the book's rules


def _check_names(where: str, what: str, value: Any, declared: Mapping[str, str], found: _Found) -> None:
    names = names_of(value)
    if names is None:
        found.add(where, "key", f"{what} must name one column or a list of columns")
        return
    for name in names:
        if name not in declared:
            found.add(where, "key", f"{what} names {name!r}, which is not a field")


def _check_foreign_keys(
    where: str, keys: Any, schemas: Mapping[str, Mapping[str, str]], own: str, found: _Found
) -> None:
    if not isinstance(keys, list):
        found.add(where, "foreign-key", "foreignKeys must be a list")
        return
    for key in keys:
        reference = key.get("reference") if isinstance(key, Mapping) else None
        if not isinstance(reference, Mapping):
            found.add(where, "foreign-key", "a foreign key needs 'fields' and a 'reference'")
            continue
        _check_names(where, "a foreign key", key.get("fields"), schemas[own], found)
        target = reference.get("resource") or own
        if not isinstance(target, str) or target not in schemas:
            found.add(where, "foreign-key", f"a foreign key names no table {reference.get('resource')!r}")
            continue
        _check_names(where, f"a foreign key into {target!r}", reference.get("fields"), schemas[target], found)
        fields, targets = names_of(key.get("fields")), names_of(reference.get("fields"))
        if fields and targets and len(fields) != len(targets):
            found.add(where, "foreign-key", "a foreign key must name as many columns as it references")


def _check_ordered_dates(where: str, pairs: Any, declared: Mapping[str, str], found: _Found) -> None:
    if not isinstance(pairs, list):
        found.add(where, "orderedDates", "orderedDates must be a list of [earlier, later] column pairs")
        return
    for pair in pairs:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(name, str) and declared.get(name) == "date" for name in pair)
        ):
            found.add(where, "orderedDates", f"{pair!r} is not a pair of date columns")


PARTS_KEYS = ("total", "parts", "groupBy", "measureField", "valueField", "qualifierField")


def _check_parts(where: str, rules: Any, declared: Mapping[str, str], found: _Found) -> None:
    if not isinstance(rules, list):
        found.add(where, "partsWithinTotal", "partsWithinTotal must be a list of rules")
        return
    for rule in rules:
        if not isinstance(rule, Mapping) or set(rule) != set(PARTS_KEYS):
            found.add(where, "partsWithinTotal", f"each rule needs exactly the keys {', '.join(PARTS_KEYS)}")
            continue
        parts = rule["parts"]
        if not isinstance(rule["total"], str) or not (
            isinstance(parts, list) and parts and all(isinstance(part, str) for part in parts)
        ):
            found.add(where, "partsWithinTotal", "'total' must be a measure and 'parts' a list of measures")
        group = names_of(rule["groupBy"])
        for name in (*(group or ("groupBy",)), rule["measureField"], rule["qualifierField"]):
            if not isinstance(name, str) or name not in declared:
                found.add(where, "partsWithinTotal", f"names {name!r}, which is not a field")
        value = rule["valueField"]
        if not isinstance(value, str) or declared.get(value) not in ("integer", "number"):
            found.add(where, "partsWithinTotal", f"valueField {rule['valueField']!r} is not a number column")


def _check_resource(
    where: str, resource: Mapping[str, Any], schemas: Mapping[str, Mapping[str, str]], found: _Found
) -> None:
    name = resource["name"]
    declared = schemas[name]
    schema = resource["schema"]
    if "primaryKey" in schema:
        _check_names(where, "the primary key", schema["primaryKey"], declared, found)
    unique_keys = schema.get("uniqueKeys", [])
    for key in unique_keys if isinstance(unique_keys, list) else [None]:
        _check_names(where, "a unique key", key, declared, found)
    if "foreignKeys" in schema:
        _check_foreign_keys(where, schema["foreignKeys"], schemas, name, found)
    if schema.get("fieldsMatch", "exact") not in FIELDS_MATCH:
        found.add(
            where, "schema", f"fieldsMatch must be one of {', '.join(FIELDS_MATCH)}: every column is read"
        )
    if "orderedDates" in resource:
        _check_ordered_dates(where, resource["orderedDates"], declared, found)
    if "partsWithinTotal" in resource:
        _check_parts(where, resource["partsWithinTotal"], declared, found)


def _check_file(where: str, resource: Mapping[str, Any], found: _Found) -> None:
    path = resource.get("path")
    if not isinstance(path, str):
        found.add(where, "path", "'path' must name the table's CSV file in data/")
        return
    refusal = refuse_name(path)
    if refusal is not None:
        found.add(where, "path", f"path {path!r} {refusal}")
    elif not path.endswith(".csv"):
        found.add(where, "path", f"path {path!r} must name a .csv file")
    if resource.get("format", "csv") != "csv":
        found.add(where, "path", f"format {resource['format']!r}: the book reads CSV files only")
    encoding = resource.get("encoding", "utf-8")
    if not (isinstance(encoding, str) and encoding.lower().replace("_", "-") in ("utf-8", "utf8")):
        found.add(where, "encoding", f"encoding {encoding!r}: the book reads UTF-8 only")


def _check_contract(schemas: Mapping[str, Mapping[str, str]], found: _Found) -> None:
    for table, columns in TABLES.items():
        if table not in schemas:
            found.add(
                "resources", "contract", f"the book reads a table {table!r}, which the descriptor lacks"
            )
            continue
        for column, kind in columns.items():
            if schemas[table].get(column) != kind:
                found.add(
                    f"resource {table!r}",
                    "contract",
                    f"the book's code reads a {kind} column {column!r}, which the schema does not declare",
                )
    for table in sorted(set(schemas) - set(TABLES)):
        found.add(f"resource {table!r}", "contract", f"the book has no use for a table {table!r}")


def check_descriptor(raw: Any) -> list[Problem]:
    """Every problem the book itself finds in the parsed descriptor (layers 1 and 2)."""
    found = _Found()
    if not isinstance(raw, Mapping):
        found.add("the top level", "schema", "the descriptor must be a JSON object")
        return found.problems
    if _depth(raw) > MAX_DEPTH:
        found.add(
            "the top level", "json", f"nests deeper than {MAX_DEPTH} levels, which no standard key needs"
        )
        return found.problems
    _check_text(raw, found)
    _check_keys("the package", raw, PACKAGE_KEYS, found)
    resources = raw.get("resources")
    if not isinstance(resources, list) or not resources:
        found.add("the package", "schema", "'resources' must list the tables, at least one")
        return found.problems
    schemas: dict[str, dict[str, str]] = {}
    usable: list[tuple[str, Mapping[str, Any]]] = []
    for index, resource in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(resource, Mapping) or not isinstance(resource.get("name"), str):
            found.add(where, "schema", "a resource must be an object with a 'name'")
            continue
        where = f"resource {resource['name']!r}"
        if resource["name"] in schemas:
            found.add(where, "schema", "two resources share this name")
            continue
        _check_keys(where, resource, RESOURCE_KEYS, found)
        _check_file(where, resource, found)
        schema = resource.get("schema")
        if not isinstance(schema, Mapping):
            found.add(where, "schema", "'schema' must be the table's schema, written here as an object")
            continue
        _check_keys(f"{where}, schema", schema, SCHEMA_KEYS, found)
        schemas[resource["name"]] = _check_fields(where, schema.get("fields"), found)
        usable.append((where, resource))
    paths = [resource.get("path") for _, resource in usable]
    for path in sorted({path for path in paths if isinstance(path, str) and paths.count(path) > 1}):
        found.add("resources", "path", f"two resources read the same file {path!r}")
    for where, resource in usable:
        _check_resource(where, resource, schemas, found)
    if not found.problems:
        _check_contract(schemas, found)
    return found.problems


# ---------------------------------------------------------------- the standards, by frictionless


def _notes(report: Any) -> list[str]:
    return [str(error.note or error.message) for error in report.errors]


def standard_problems(raw: Mapping[str, Any]) -> list[Problem]:
    """What frictionless finds against the Data Package and Table Schema standards (layer 3).

    Frictionless names a broken rule but not always where it stands, so a
    descriptor it refuses is checked again resource by resource, then field by
    field, to say where.
    """
    found = _Found()
    try:
        if Package.validate_descriptor(dict(raw)).valid:
            return []
        for resource in raw["resources"]:
            where = f"resource {resource['name']!r}"
            notes = _notes(Resource.validate_descriptor(dict(resource)))
            for field in resource["schema"]["fields"]:
                for note in _notes(Field.validate_descriptor(dict(field))):
                    found.add(f"{where}, field {field['name']!r}", "standard", note)
                    notes = [other for other in notes if other != note]
            for note in notes:
                found.add(where, "standard", note)
        if not found.problems:
            for note in _notes(Package.validate_descriptor(dict(raw))):
                found.add("the package", "standard", note)
    except Exception as error:  # a bug in the checker must still end in a message, not a traceback
        found.add("the package", "standard", f"frictionless could not check the descriptor ({error!r})")
    return found.problems
