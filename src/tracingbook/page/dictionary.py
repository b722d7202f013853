"""The data dictionary: ``data/datapackage.json`` described in words for readers.

Everything here is read from the descriptor and the loader's own limits, so the
appendix that shows it cannot drift from the rules the loader enforces.

Every text that comes from data/ is escaped for MyST Markdown before it lands
in the page (see :func:`markdown_text` and :func:`markdown_code`): a title or
description holding ``*``, ``[``, ``{role}``, ``$`` or ``<b>`` shows those
characters, and never becomes emphasis, a link, a role, maths or HTML.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from tracingbook.data import contract
from tracingbook.data.checks import MAX_CELL_CHARACTERS
from tracingbook.data.descriptor import BOOK_RESOURCE_KEYS, CONSTRAINTS, TYPES, DataPackage, Field, Resource
from tracingbook.data.files import MAX_FILE_BYTES, refuse_name
from tracingbook.page.tables import format_date
from tracingbook.page.words import label

# Every ASCII punctuation character that CommonMark or one of the book's MyST
# extensions gives a meaning to (emphasis, links, roles, substitutions, maths,
# HTML, entities, lists, headings, comments, targets, fences, linkify's dotted
# names), to be backslash-escaped; only , ; ' " ? / are left as they are.
_SPECIAL = re.compile(r"[!#$%&()*+\-.:<=>@\[\\\]^_`{|}~]")
_SPACE = re.compile(r"[ \t\r\n]+")


def _one_line(text: str) -> str:
    # Markdown would read a line break in a sentence as the start of a new
    # block; the loader refuses them in data, and this keeps any other text safe.
    return _SPACE.sub(" ", text).strip(" ")


def markdown_text(text: str) -> str:
    """``text`` as MyST Markdown that renders exactly as written, on one line."""
    return _SPECIAL.sub(lambda found: "\\" + found.group(), _one_line(text))


def markdown_code(text: str) -> str:
    """``text`` as inline code, whatever backticks or spaces it holds (CommonMark's rules)."""
    text = _one_line(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _download(path: str, download_prefix: str) -> str:
    """A MyST download link to one file of data/ (a plain file name, as the loader demands)."""
    if refuse_name(path) is not None:
        raise ValueError(f"{path!r} is not a plain file name of data/")
    return f"{{download}}`{path} <{download_prefix}{path}>`"


def _names(names: tuple[str, ...]) -> str:
    return " + ".join(names)


def _listed(items: list[str], conjunction: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _bound(value: float | date) -> str:
    return format_date(pd.Timestamp(value)) if isinstance(value, date) else _number(value)


def type_words(field: Field) -> str:
    """The field's type in plain words."""
    return label("type", field.type)


def constraint_phrases(field: Field) -> list[str]:
    """What the loader demands of the field's values, one phrase per constraint."""
    phrases = []
    if field.required:
        phrases.append("required")
    if field.unique:
        phrases.append("unique")
    if field.enum is not None:
        phrases.append("one of: " + "; ".join(field.enum))
    dated = field.type == "date"
    if field.minimum is not None:
        phrases.append(f"{'not before' if dated else 'at least'} {_bound(field.minimum)}")
    if field.maximum is not None:
        phrases.append(f"{'not after' if dated else 'at most'} {_bound(field.maximum)}")
    if field.pattern is not None:
        phrases.append(f"matches the pattern {field.pattern}")
    return phrases


def fields_frame(resource: Resource) -> pd.DataFrame:
    """One row per column of the resource: name, type, rules and description.

    Headed for readers by ``table_headings("data-columns")``.
    """
    return pd.DataFrame(
        {
            "column": [field.name for field in resource.fields],
            "type": [type_words(field) for field in resource.fields],
            "rules": [", ".join(constraint_phrases(field)) or "optional" for field in resource.fields],
            "description": [field.description for field in resource.fields],
        }
    )


def key_sentences(package: DataPackage, resource: Resource) -> list[str]:
    """The resource's primary key, other unique keys and foreign keys, in MyST sentences."""
    sentences = []
    if resource.primary_key:
        sentences.append(
            f"Each row is identified by {markdown_code(_names(resource.primary_key))}: no two rows share it."
        )
    for key in resource.unique_keys:
        sentences.append(f"No two rows share the same {markdown_code(_names(key))}.")
    for foreign in resource.foreign_keys:
        target = package.resource(foreign.resource)
        table = (
            "another row of this table"
            if target.name == resource.name
            else f"a row of {markdown_text(target.path)}"
        )
        required = all(resource.field(name).required for name in foreign.fields)
        subject = f"Each {markdown_code(_names(foreign.fields))}" + ("" if required else ", where given,")
        sentences.append(
            f"{subject} must be the {markdown_code(_names(foreign.reference_fields))} of {table}."
        )
    return sentences


def rule_sentences(resource: Resource) -> list[str]:
    """The book's own rules for the resource (orderedDates, partsWithinTotal) in words."""
    sentences = []
    for first, second in resource.ordered_dates:
        sentences.append(f"Ordered dates: {markdown_code(first)} never falls after {markdown_code(second)}.")
    for rule in resource.parts_within_total:
        group = ", ".join(markdown_code(column) for column in rule.group_by)
        parts = _listed([markdown_code(part) for part in rule.parts], "and")
        measure, total = markdown_code(rule.measure_field), markdown_code(rule.total)
        sentences.append(
            f"Parts within a total: among rows with the same {group}, the {parts} figures "
            f"(column {measure}) may not add up to more than the {total} figure allows, "
            f"each read with its {markdown_code(rule.qualifier_field)}."
        )
    return sentences


def resource_markdown(package: DataPackage, resource: Resource, rows: int, download_prefix: str) -> str:
    """MyST Markdown describing one resource, with a link to download its file."""
    lines = [
        f"### {markdown_text(resource.title)}",
        "",
        f"{_download(resource.path, download_prefix)} · {_rows(rows)} · {len(resource.fields)} columns",
        "",
        markdown_text(resource.description),
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
        f"- {_download(resource.path, download_prefix)}: "
        f"{markdown_text(resource.title.lower())}, {_rows(rows[resource.name])}"
        for resource in package.resources
    ]
    lines.append(
        f"- {_download(descriptor, download_prefix)}: "
        "the descriptor, which gives every column's type, rules and meaning"
    )
    return "\n".join(lines) + "\n"


def reading_rules_markdown() -> str:
    """What the descriptor and every file of data/ must be before any rule is checked, as a MyST list."""
    megabytes = MAX_FILE_BYTES / 1_000_000
    types = _listed([markdown_code(kind) for kind in TYPES], "and")
    constraints = _listed([markdown_code(name) for name in CONSTRAINTS], "and")
    own_keys = _listed([markdown_code(key) for key in sorted(BOOK_RESOURCE_KEYS)], "and")
    tables = _listed([markdown_code(table) for table in contract.TABLES], "and")
    return (
        "\n".join(
            [
                "- **Plain files inside `data/`.** The descriptor names each table's file by a plain "
                "file name; a path into another folder, a web address or a link to a file elsewhere "
                f"is refused before anything is read, as is a file over {megabytes:g} MB.",
                "- **UTF-8 text, one line a cell.** Files are UTF-8; a byte-order mark at the very start, "
                "as spreadsheet programs write, is accepted. A cell is one line of visible text: a line "
                "break, tab or other invisible control character inside a cell is an error, and so is a "
                f"cell longer than {MAX_CELL_CHARACTERS:,} characters.",
                "- **A descriptor the book can read.** It is strict JSON (no key twice in an object) and "
                f"holds only the standard's keys and the book's own ({own_keys}); its column types are "
                f"{types}, with the constraints {constraints}; and no key may make a reader fetch a "
                "profile, schema or dialect from anywhere else.",
                f"- **The tables the book reads.** The descriptor describes the tables {tables}, and "
                "keeps every column the book's own code reads, under the same name and type.",
                "- **Plain numbers and dates.** Numbers and dates are written with the digits 0-9 "
                "(`120`, `0.25`, `2016-01-31`): no spaces, thousands separators or other scripts' digits.",
                "- **No empty table.** Every table holds at least one row.",
                "- **A bibliography that BibTeX can read.** In `sources.csv`, each id is a citation key, "
                "each address starts `http://` or `https://`, authors are names joined by ` and `, and no "
                "text holds a brace.",
            ]
        )
        + "\n"
    )
