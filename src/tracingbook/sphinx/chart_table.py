"""The figures a chart draws, read from its own spec: its data and its tooltips.

A chart's tooltip names what a reader should learn about each mark (the
figure, its period, its source and where in the source it stands). The site
shows the same fields as a table under the chart, so that nothing hides behind
hover, and offers the rows as a CSV file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracingbook.page import downloads
from tracingbook.page.charts import DOCUMENT_TOOLTIP_TITLES, LOCATOR_TOOLTIP_TITLES, SOURCE_TOOLTIP_TITLES
from tracingbook.page.words import number_text

# The d3 number formats the book's tooltips use: ",.1f", ".1%", "d" and the like.
_FIELD = re.compile(r"^datum\.\w+$")
_D3_FORMAT = re.compile(r"^(?P<comma>,)?(?:\.(?P<precision>\d+))?(?P<kind>[fd%])?$")


class ChartTableError(ValueError):
    """The spec does not say which figures its chart draws."""


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    kind: str  # the Vega-Lite type: nominal, quantitative, temporal, ordinal
    number_format: str | None


@dataclass(frozen=True)
class FigureTable:
    """The rows a chart draws, with the tooltip's headings: one table per kind of mark."""

    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Any], ...]

    def cell(self, row: Mapping[str, Any], column: Column) -> str:
        return formatted(row.get(column.field), column.number_format)


def formatted(value: Any, number_format: str | None) -> str:
    """A value as the tooltip shows it: numbers in the tooltip's format (never "-0"), missing values blank."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    found = _D3_FORMAT.match(number_format or "")
    if not number_format or found is None:
        return f"{value:,}" if isinstance(value, int) else number_text(value, ",.6g")
    comma = "," if found["comma"] else ""
    kind = found["kind"] or "f"
    if kind == "d":
        return f"{round(value) + 0:{comma}d}"
    precision = found["precision"] or ("0" if kind == "%" else "6")
    return number_text(value, f"{comma}.{precision}{kind}")


def _tooltips(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    tooltip = view.get("encoding", {}).get("tooltip")
    if isinstance(tooltip, Mapping):
        tooltip = [tooltip]
    return [item for item in tooltip or [] if isinstance(item, Mapping) and item.get("field")]


def _views(view: Mapping[str, Any], inherited: Mapping[str, Any]) -> Iterator[tuple[dict[str, Any], Any]]:
    """Every single-mark view with the data, encodings and transforms it inherits."""
    data = view.get("data", inherited.get("data"))
    encoding = {**inherited.get("encoding", {}), **view.get("encoding", {})}
    transforms = [*inherited.get("transform", []), *view.get("transform", [])]
    context = {"data": data, "encoding": encoding, "transform": transforms}
    children = [
        child
        for key in ("layer", "vconcat", "hconcat", "concat")
        for child in view.get(key, []) or []
        if isinstance(child, Mapping)
    ]
    if children:
        for child in children:
            yield from _views(child, context)
    elif "mark" in view:
        yield {**view, **context}, data


def _dataset(spec: Mapping[str, Any], data: Any) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping) and "values" in data:
        return list(data["values"])
    if isinstance(data, Mapping) and data.get("name") in spec.get("datasets", {}):
        return list(spec["datasets"][data["name"]])
    raise ChartTableError(f"the chart's data {data!r} is neither inline values nor a named dataset")


def _filters(transforms: Sequence[Mapping[str, Any]]) -> list[str]:
    found = []
    for transform in transforms:
        if set(transform) != {"filter"} or not isinstance(transform["filter"], str):
            raise ChartTableError(f"the table cannot follow the chart's transform {transform!r}")
        found.append(transform["filter"].replace(" ", ""))
    return found


def _complementary(filters: list[list[str]]) -> bool:
    """True when the views' filters together keep every row (``x`` in one, ``!x`` in another)."""
    if any(not found for found in filters):
        return True
    singles = {found[0] for found in filters if len(found) == 1}
    # "!x" negates all of x only when x is a single field ("datum.exact"); otherwise it needs brackets.
    return any(
        f"!({expression})" in singles or (_FIELD.match(expression) and f"!{expression}" in singles)
        for expression in singles
    )


def figure_tables(spec: Mapping[str, Any]) -> list[FigureTable]:
    """One table per distinct tooltip: the marks' rows with the tooltip's fields as columns.

    Layers drawing the same data with the same tooltip (a bar and its end marker)
    give one table; a layer whose tooltip tells nothing the others do not (an
    arrow naming only its period) gives none.
    """
    groups: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for view, data in _views(spec, {}):
        tooltip = _tooltips(view)
        if not tooltip:
            continue
        columns = tuple(
            Column(
                str(item["field"]),
                str(item.get("title") or item["field"]),
                str(item.get("type", "nominal")),
                item.get("format"),
            )
            for item in tooltip
        )  # fmt: skip
        key = (repr(data), tuple(column.field for column in columns))
        group = groups.setdefault(key, {"columns": columns, "data": data, "filters": []})
        group["filters"].append(_filters(view.get("transform", [])))
    kept: set[int] = set()
    titles_seen: set[str] = set()
    everything = list(groups.values())
    for index in sorted(range(len(everything)), key=lambda number: -len(everything[number]["columns"])):
        titles = {column.title for column in everything[index]["columns"]}
        if not titles <= titles_seen:
            kept.add(index)
            titles_seen |= titles
    tables: list[FigureTable] = []
    for index, group in enumerate(everything):
        if index not in kept:
            continue
        if not _complementary(group["filters"]):
            raise ChartTableError(
                f"the chart's layers filter their rows ({group['filters']}); the table cannot"
            )
        rows = _dataset(spec, group["data"])
        fields = [column.field for column in group["columns"]]
        missing = sorted(set(fields) - {key for row in rows for key in row})
        if missing:
            raise ChartTableError(f"the chart's tooltip names fields its data lacks: {', '.join(missing)}")
        unique = {tuple(str(row.get(field)) for field in fields): row for row in rows}
        tables.append(FigureTable(group["columns"], tuple(unique.values())))
    return tables


def csv_text(tables: Sequence[FigureTable]) -> str:
    """The tables as a spreadsheet-safe CSV, values as the data holds them, one after another."""
    rows: list[Sequence[Any]] = []
    for index, table in enumerate(tables):
        if index:
            rows.append([])
        rows.append([column.title for column in table.columns])
        rows.extend([row.get(column.field) for column in table.columns] for row in table.rows)
    return downloads.csv_text(rows)


def sources(tables: Sequence[FigureTable]) -> list[str]:
    """Every source the chart's rows name, with its title and where in it, each once, in order."""
    found: dict[str, None] = {}
    for table in tables:
        by_title = {column.title: column for column in table.columns}
        named = [by_title[title] for title in SOURCE_TOOLTIP_TITLES if title in by_title]
        documents = [by_title[title] for title in DOCUMENT_TOOLTIP_TITLES if title in by_title]
        locators = [by_title[title] for title in LOCATOR_TOOLTIP_TITLES if title in by_title]
        for row in table.rows:
            for column in named:
                entries = [part.strip() for part in table.cell(row, column).split(";") if part.strip()]
                for entry in entries:
                    details = [
                        f"“{table.cell(row, document)}”"
                        for document in documents
                        if table.cell(row, document)
                    ]
                    details += [table.cell(row, locator) for locator in locators]
                    text = ", ".join(part for part in (entry, *details) if part)
                    if len(entries) > 1:
                        text = entry
                    found[text] = None
    return list(found)
