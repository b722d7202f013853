"""The data dictionary: ``data/datapackage.json`` described in words for readers.

Everything here is read from the descriptor, so the appendix that shows it
cannot drift from the rules the loader enforces.
"""

from __future__ import annotations

import pandas as pd

from tracingbook.data.descriptor import DataPackage, Field, Resource
from tracingbook.page.tables import format_date

TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "date": "date (YYYY-MM-DD)",
    "boolean": "true or false",
}


def _code(text: str) -> str:
    """Inline code in MyST, safe for any text without a backtick."""
    if "`" in text:
        raise ValueError(f"cannot show {text!r} as inline code: it holds a backtick")
    return f"`{text}`"


def _names(names: tuple[str, ...]) -> str:
    return " + ".join(names)


def _listed(items: list[str], conjunction: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def type_words(field: Field) -> str:
    """The field's type in plain words."""
    return TYPE_WORDS.get(field.type, field.type)


def constraint_phrases(field: Field) -> list[str]:
    """What the loader demands of the field's values, one phrase per constraint."""
    phrases = []
    if field.required:
        phrases.append("required")
    if field.unique:
        phrases.append("unique")
    if field.enum is not None:
        phrases.append("one of: " + "; ".join(field.enum))
    if field.minimum is not None:
        phrases.append(f"at least {_number(field.minimum)}")
    if field.maximum is not None:
        phrases.append(f"at most {_number(field.maximum)}")
    if field.pattern is not None:
        phrases.append(f"matches the pattern {field.pattern}")
    return phrases


def fields_frame(resource: Resource) -> pd.DataFrame:
    """One row per column of the resource: name, type, rules and description."""
    return pd.DataFrame(
        {
            "Column": [field.name for field in resource.fields],
            "Type": [type_words(field) for field in resource.fields],
            "Rules": [", ".join(constraint_phrases(field)) or "optional" for field in resource.fields],
            "Description": [field.description for field in resource.fields],
        }
    )


def key_sentences(package: DataPackage, resource: Resource) -> list[str]:
    """The resource's primary key, other unique keys and foreign keys, in MyST sentences."""
    sentences = []
    if resource.primary_key:
        sentences.append(
            f"Each row is identified by {_code(_names(resource.primary_key))}: no two rows share it."
        )
    for key in resource.unique_keys:
        sentences.append(f"No two rows share the same {_code(_names(key))}.")
    for foreign in resource.foreign_keys:
        target = package.resource(foreign.resource)
        table = "another row of this table" if target.name == resource.name else f"a row of {target.path}"
        required = all(resource.field(name).required for name in foreign.fields)
        subject = f"Each {_code(_names(foreign.fields))}" + ("" if required else ", where given,")
        sentences.append(f"{subject} must be the {_code(_names(foreign.reference_fields))} of {table}.")
    return sentences


def rule_sentences(resource: Resource) -> list[str]:
    """The book's own rules for the resource (dateRange, orderedDates, partsWithinTotal) in words."""
    sentences = []
    dates = [field.name for field in resource.fields if field.type == "date"]
    if resource.date_range is not None and dates:
        earliest, latest = resource.date_range
        sentences.append(
            f"Date range: every date ({', '.join(_code(name) for name in dates)}) falls between "
            f"{format_date(pd.Timestamp(earliest))} and {format_date(pd.Timestamp(latest))}, "
            "so a mistyped year stops the build."
        )
    for first, second in resource.ordered_dates:
        sentences.append(f"Ordered dates: {_code(first)} never falls after {_code(second)}.")
    for rule in resource.parts_within_total:
        group = ", ".join(_code(column) for column in rule.group_by)
        parts = _listed([_code(part) for part in rule.parts], "and")
        sentences.append(
            f"Parts within a total: among rows with the same {group}, the {parts} figures "
            f"(column {_code(rule.measure_field)}) may not add up to more than the "
            f"{_code(rule.total)} figure allows, each read with its {_code(rule.qualifier_field)}."
        )
    return sentences


def resource_markdown(package: DataPackage, resource: Resource, rows: int, download_prefix: str) -> str:
    """MyST Markdown describing one resource, with a link to download its file."""
    lines = [
        f"### {resource.title}",
        "",
        f"{{download}}`{resource.path} <{download_prefix}{resource.path}>` · "
        f"{_rows(rows)} · {len(resource.fields)} columns",
        "",
        resource.description,
        "",
    ]
    lines += [f"- {sentence}" for sentence in key_sentences(package, resource)]
    lines += [f"- {sentence}" for sentence in rule_sentences(resource)]
    return "\n".join(lines).rstrip() + "\n"


def downloads_markdown(
    package: DataPackage, rows: dict[str, int], download_prefix: str, descriptor: str
) -> str:
    """A MyST list offering every data file, and the descriptor, for download."""
    lines = [
        f"- {{download}}`{resource.path} <{download_prefix}{resource.path}>`: "
        f"{resource.title.lower()}, {_rows(rows[resource.name])}"
        for resource in package.resources
    ]
    lines.append(
        f"- {{download}}`{descriptor} <{download_prefix}{descriptor}>`: "
        "the descriptor, which gives every column's type, rules and meaning"
    )
    return "\n".join(lines) + "\n"
