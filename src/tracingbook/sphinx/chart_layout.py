"""A notebook's chart laid out for the width the page gives it.

Notebooks draw each chart once, for a laptop's column. On a phone the site
must not shrink that drawing (its text would fall to 5 px); it draws the chart
again for the phone's column instead: the plot fits the width, legends stack
under it, long labels wrap onto several lines, and a grid too wide for the
screen is cut into blocks of columns, one under the other. The page shows the
title as text above the chart, so every layout here leaves it out.
"""

from __future__ import annotations

import copy
import json
import math
import textwrap
from collections.abc import Iterator, Mapping
from typing import Any

# The article column on a 375-pixel phone screen, less the theme's margins.
PHONE_WIDTH = 343
SMALLEST_TEXT_PX = 11
# Average advance of one character of a system sans-serif, as a share of the font size:
# generous, since a phone's Roboto is narrower than a Linux desktop's DejaVu Sans.
CHARACTER_EM = 0.65
LINE_HEIGHT_EM = 1.2
EDGE_PX = 12
# Continuous axes thin out labels that would touch (Vega draws them all by default).
CONTINUOUS_AXES = {"labelOverlap": "greedy", "labelSeparation": 6}
CELL_PADDING_PX = 10
NARROWEST_CELL_PX = 72
# Room the y axis may take on a phone, as a share of the width.
Y_LABEL_SHARE = 0.42
CELL_MARKS = ("rect",)
DISCRETE_TYPES = ("nominal", "ordinal")
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "opacity", "strokeDash", "size")
CELL_TEXT_NAME = "house_cell_text"
COMPOSITIONS = ("vconcat", "hconcat", "concat")


def text_width(text: str, font_size: float) -> float:
    """An estimate of the width of a line of text, in pixels."""
    return len(text) * font_size * CHARACTER_EM


def characters_in(width: float, font_size: float) -> int:
    """How many characters fit on a line ``width`` pixels wide."""
    return max(int(width / (font_size * CHARACTER_EM)), 4)


def wrapped(text: str, characters: int) -> list[str]:
    """The text as lines of at most ``characters`` (a longer word keeps its own line)."""
    lines = textwrap.wrap(str(text), width=characters, break_long_words=False, break_on_hyphens=False)
    return lines or [str(text)]


def without_title(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec without its title or schema address: the page prints the title above the chart."""
    return {key: copy.deepcopy(value) for key, value in spec.items() if key not in ("title", "$schema")}


def _unwrapped(spec: dict[str, Any]) -> dict[str, Any]:
    """A composition of one view, as that view alone (so that it can be fitted to a width)."""
    for key in COMPOSITIONS:
        views = spec.get(key)
        if isinstance(views, list) and len(views) == 1 and isinstance(views[0], dict):
            outer = {name: value for name, value in spec.items() if name != key}
            return {**outer, **views[0]}
    return spec


def _units(view: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every single-mark view of a view, its own encodings merged with those it inherits."""
    inherited = view.get("encoding", {})
    if "layer" in view:
        for layer in view["layer"]:
            merged = {**layer, "encoding": {**inherited, **layer.get("encoding", {})}}
            if "data" not in layer and "data" in view:
                merged["data"] = view["data"]
            yield from _units(merged)
    elif "mark" in view:
        yield {**view, "encoding": dict(view.get("encoding", {}))}


def mark_type(unit: Mapping[str, Any]) -> str:
    mark = unit.get("mark")
    return str(mark.get("type") if isinstance(mark, Mapping) else mark)


def _rows(spec: Mapping[str, Any], view: Mapping[str, Any]) -> list[dict[str, Any]]:
    data = view.get("data") or spec.get("data") or {}
    if "values" in data:
        return list(data["values"])
    return list(spec.get("datasets", {}).get(data.get("name", ""), []))


def _field(channel: Any) -> str | None:
    if isinstance(channel, Mapping) and isinstance(channel.get("field"), str):
        return str(channel["field"])
    return None


def _categories(rows: list[dict[str, Any]], channel: Mapping[str, Any]) -> list[str]:
    """The categories of a discrete axis, in the order the chart sorts them."""
    field = _field(channel)
    values = list(dict.fromkeys(str(row.get(field)) for row in rows if field in row))
    order = channel.get("sort")
    if isinstance(order, list):
        listed = [str(value) for value in order if str(value) in values]
        return listed + [value for value in values if value not in listed]
    return values


def _axis_categories(spec: Mapping[str, Any], view: Mapping[str, Any], axis: str) -> list[str]:
    """The categories of a discrete x or y axis, across every layer that draws on it."""
    rows: list[dict[str, Any]] = []
    channel: Mapping[str, Any] = {}
    for unit in _units(view):
        candidate = unit["encoding"].get(axis)
        if isinstance(candidate, Mapping) and candidate.get("type") in DISCRETE_TYPES:
            channel = channel or candidate
            if _field(candidate) == _field(channel):
                rows.extend(_rows(spec, unit))
    return _categories(rows, channel) if channel else []


def _font_size(spec: Mapping[str, Any], part: str, default: float = 12) -> float:
    config = spec.get("config", {})
    return float(config.get(part, {}).get("labelFontSize") or config.get(part, {}).get("fontSize") or default)


def _label_lookup(lines: Mapping[str, list[str]]) -> str:
    """A Vega expression giving each long label its lines, and any other label as it is."""
    table = json.dumps(dict(lines), ensure_ascii=True, sort_keys=True)
    return f"{table}[datum.label] || datum.label"


def _wrap_axis_labels(channel: dict[str, Any], categories: list[str], characters: int) -> int:
    """Long labels of a discrete axis wrapped onto lines; returns the most lines a label takes."""
    long = {value: wrapped(value, characters) for value in categories if len(value) > characters}
    if not long:
        return 1
    axis = channel.get("axis")
    if axis is None and "axis" in channel:
        return 1  # the axis is switched off
    axis = dict(axis or {})
    if "labelExpr" in axis:
        return 1  # the notebook already lays its labels out
    axis["labelExpr"] = _label_lookup(long)
    axis["labelLimit"] = 0
    if axis.get("orient") == "top":
        # Vega grows a label of several lines downwards, into a plot under a top axis.
        axis["orient"] = "bottom"
    channel["axis"] = axis
    return max(len(lines) for lines in long.values())


def _room_for_lines(view: dict[str, Any], rows: int, lines: int, font_size: float) -> None:
    """A discrete y axis tall enough for labels of ``lines`` lines, so that they never touch."""
    step = math.ceil(lines * font_size * LINE_HEIGHT_EM + 6)
    height = view.get("height")
    if isinstance(height, Mapping) and isinstance(height.get("step"), int | float):
        view["height"] = {**height, "step": max(height["step"], step)}
    elif isinstance(height, int | float):
        view["height"] = max(height, rows * step)
    elif rows:
        view["height"] = {"step": max(step, 20)}


def _continuous_axes(spec: dict[str, Any]) -> None:
    config = spec.setdefault("config", {})
    for kind in ("axisTemporal", "axisQuantitative"):
        config[kind] = {**CONTINUOUS_AXES, **config.get(kind, {})}


def _legend_titles(view: dict[str, Any], characters: int) -> None:
    """Legend titles wrapped onto lines rather than cut off."""
    for unit_view in [view, *view.get("layer", [])]:
        encoding = unit_view.get("encoding", {})
        for name in LEGEND_CHANNELS:
            channel = encoding.get(name)
            if isinstance(channel, dict) and isinstance(channel.get("title"), str):
                title = channel["title"]
                if len(title) > characters:
                    channel["title"] = wrapped(title, characters)
        for layer in unit_view.get("layer", []):
            _legend_titles(layer, characters)


def _phone_legends(spec: dict[str, Any], width: int) -> None:
    config = spec.setdefault("config", {})
    legend = dict(config.get("legend", {}))
    legend.update(
        {
            "orient": "bottom",
            "direction": "vertical",
            "columns": 1,
            "labelLimit": width - 40,
            "titleLimit": 0,
            # Several legends stack one under another instead of running off the side.
            "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
        }
    )
    config["legend"] = legend


def _mark_cell_text(view: dict[str, Any], number: int) -> None:
    """Name the text layers written on a grid's cells, so that the site's dark mode leaves them dark."""
    layers = view.get("layer")
    if not isinstance(layers, list):
        return
    shared = view.get("encoding", {})
    cells = [layer for layer in layers if isinstance(layer, dict) and mark_type(layer) in CELL_MARKS]
    if not cells:
        return
    cell_encoding = {**shared, **cells[0].get("encoding", {})}
    for layer in layers:
        if not isinstance(layer, dict) or mark_type(layer) != "text" or "name" in layer:
            continue
        mark = layer.get("mark")
        offset = isinstance(mark, Mapping) and any(mark.get(key) for key in ("dx", "dy"))
        encoding = {**shared, **layer.get("encoding", {})}
        same_place = all(
            _field(encoding.get(axis)) and _field(encoding.get(axis)) == _field(cell_encoding.get(axis))
            for axis in ("x", "y")
        )
        if same_place and not offset:
            # Vega needs each view's name to be unique within the chart.
            layer["name"] = f"{CELL_TEXT_NAME}_{number}"


def mark_cell_text(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its on-cell text layers named (in every view of a composition)."""
    _mark_cell_text(spec, 0)
    for key in COMPOSITIONS:
        for number, view in enumerate(spec.get(key, []) or [], start=1):
            if isinstance(view, dict):
                _mark_cell_text(view, number)
    return spec


def _is_grid(view: Mapping[str, Any]) -> bool:
    units = list(_units(view))
    return any(
        mark_type(unit) in CELL_MARKS
        and all(unit["encoding"].get(axis, {}).get("type") in DISCRETE_TYPES for axis in ("x", "y"))
        for unit in units
    )


def _longest_cell_word(spec: Mapping[str, Any], view: Mapping[str, Any]) -> tuple[int, float]:
    """The longest word written in a cell, in characters, and its font size."""
    longest, size = 0, float(spec.get("config", {}).get("text", {}).get("fontSize", 12))
    for unit in _units(view):
        if mark_type(unit) != "text":
            continue
        rows = _rows(spec, unit)
        mark = unit.get("mark")
        if isinstance(mark, Mapping) and mark.get("fontSize"):
            size = float(mark["fontSize"])
        field = _field(unit["encoding"].get("text"))
        if field is None:
            continue
        for row in rows:
            for word in str(row.get(field, "")).split():
                longest = max(longest, len(word))
    return longest, size


def _y_label_room(spec: Mapping[str, Any], view: Mapping[str, Any], width: int) -> tuple[float, int]:
    """How wide the y axis labels are on a phone, and how many characters a line of them holds."""
    size = _font_size(spec, "axis")
    characters = characters_in(width * Y_LABEL_SHARE, size)
    labels = _axis_categories(spec, view, "y")
    if not labels:
        return 48.0, characters
    widest = max(
        (text_width(line, size) for label in labels for line in wrapped(label, characters)), default=0
    )
    return widest + 12, characters


def _grid_geometry(spec: Mapping[str, Any], width: int, label_room: float) -> tuple[int, float]:
    """How many of a grid's columns fit side by side on the screen, and how wide each is."""
    longest, size = _longest_cell_word(spec, spec)
    # Cell text wraps between words, so a cell needs room for its longest word.
    cell = max(text_width("x" * longest, size) + CELL_PADDING_PX, NARROWEST_CELL_PX)
    columns = max(_x_columns(spec, spec), 1)
    room = width - label_room - CELL_PADDING_PX - 2 * EDGE_PX
    per_block = min(max(int(room // cell), 1), columns)
    return per_block, room / per_block


def _sort_x(view: dict[str, Any], order: list[str]) -> None:
    """Every x channel of a view sorted in ``order`` (a block's own columns, not the whole grid's)."""
    for unit_view in [view, *view.get("layer", [])]:
        channel = unit_view.get("encoding", {}).get("x")
        if isinstance(channel, dict) and channel.get("type") in DISCRETE_TYPES:
            channel["sort"] = list(order)


def _grid_blocks(spec: dict[str, Any], per_block: int, cell_width: float) -> dict[str, Any]:
    """A grid too wide for the screen, as blocks of its columns one under another."""
    x_channel = next(unit["encoding"]["x"] for unit in _units(spec) if mark_type(unit) in CELL_MARKS)
    columns = _axis_categories(spec, spec, "x")
    blocks = [columns[start : start + per_block] for start in range(0, len(columns), per_block)]
    view = {key: value for key, value in spec.items() if key not in ("config", "datasets", "description")}
    view.pop("width", None)
    height = view.pop("height", None)
    field = _field(x_channel)
    stacked = []
    for block in blocks:
        part = copy.deepcopy(view)
        part["transform"] = [{"filter": {"field": field, "oneOf": block}}, *part.get("transform", [])]
        _sort_x(part, block)
        part["width"] = int(cell_width * len(block))
        if height is not None:
            part["height"] = height
        stacked.append(part)
    outer: dict[str, Any] = {key: spec[key] for key in ("config", "datasets", "description") if key in spec}
    edges = {"left": EDGE_PX, "right": EDGE_PX, "top": 5, "bottom": 5}
    return {
        **outer,
        "vconcat": stacked,
        "resolve": {"scale": {"x": "independent"}},
        "spacing": 24,
        "padding": edges,
    }


def _wrap_cell_text(spec: dict[str, Any], view: dict[str, Any], cell_width: float) -> float:
    """Text written in or under a column of a discrete axis, wrapped to the column's width.

    Returns the height, in pixels, that the wrapped lines add below each row of the chart.
    """
    added = 0.0
    for layer in view.get("layer", [view]):
        if not isinstance(layer, dict) or mark_type(layer) != "text":
            continue
        encoding = {**view.get("encoding", {}), **layer.get("encoding", {})}
        field = _field(encoding.get("text"))
        if field is None:
            continue
        mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
        size = float(mark.get("fontSize") or spec.get("config", {}).get("text", {}).get("fontSize", 12))
        characters = characters_in(cell_width - 4, size)
        rows = _rows(spec, layer if "data" in layer else view)
        if all(len(line) <= characters for row in rows for line in str(row.get(field, "")).split("\n")):
            continue
        lines_field = f"{field}__lines"
        most_lines = 1
        for row in rows:
            lines = [
                part for line in str(row.get(field, "")).split("\n") for part in wrapped(line, characters)
            ]
            row[lines_field] = "\n".join(lines)
            most_lines = max(most_lines, len(lines))
        mark = {**mark, "lineBreak": "\n"}
        if float(mark.get("dy") or 0) > 0:
            # A label under its mark grows downwards, from where its first line stood.
            mark["baseline"] = "top"
            mark["dy"] = float(mark["dy"]) - size * 0.6
            # Room for the extra lines, and a line's gap before the next row's mark.
            added = max(added, most_lines * size * LINE_HEIGHT_EM)
        layer["mark"] = mark
        text_channel = dict(encoding["text"])
        text_channel["field"] = lines_field
        layer.setdefault("encoding", {})["text"] = text_channel
    return added


def _x_columns(spec: Mapping[str, Any], view: Mapping[str, Any]) -> int:
    return len(_axis_categories(spec, view, "x"))


def for_phone(spec: Mapping[str, Any], width: int = PHONE_WIDTH) -> dict[str, Any]:
    """The chart laid out for a column ``width`` pixels wide, its text at full size."""
    laid = _unwrapped(without_title(spec))
    _phone_legends(laid, width)
    legend_characters = characters_in(width - 8, _font_size(laid, "legend"))
    _legend_titles(laid, legend_characters)
    if any(key in laid for key in (*COMPOSITIONS, "facet", "repeat")):
        return mark_cell_text(laid)  # compositions of several views keep their own layout
    _continuous_axes(laid)
    label_room, y_characters = _y_label_room(laid, laid, width)
    encoding_views = [laid, *[layer for layer in laid.get("layer", []) if isinstance(layer, dict)]]
    y_lines = 1
    y_categories = _axis_categories(laid, laid, "y")
    for view in encoding_views:
        y_channel = view.get("encoding", {}).get("y")
        if isinstance(y_channel, dict) and y_channel.get("type") in DISCRETE_TYPES:
            y_lines = max(y_lines, _wrap_axis_labels(y_channel, y_categories, y_characters))
    if y_lines > 1:
        _room_for_lines(laid, len(y_categories), y_lines, _font_size(laid, "axis"))
    columns = _x_columns(laid, laid)
    per_block = columns
    if columns:
        cell_width = (width - label_room) / columns
        if _is_grid(laid):
            per_block, cell_width = _grid_geometry(laid, width, label_room)
        added = _wrap_cell_text(laid, laid, cell_width)
        if added and isinstance(laid.get("height"), int | float):
            laid["height"] = laid["height"] + added * max(len(_axis_categories(laid, laid, "y")), 1)
        x_size = _font_size(laid, "axis")
        for view in encoding_views:
            x_channel = view.get("encoding", {}).get("x")
            if isinstance(x_channel, dict) and x_channel.get("type") in DISCRETE_TYPES:
                _wrap_axis_labels(
                    x_channel, _axis_categories(laid, laid, "x"), characters_in(cell_width - 4, x_size)
                )
        if per_block < columns:
            return mark_cell_text(_grid_blocks(laid, per_block, cell_width))
    return mark_cell_text(fitted(laid, width))


def fitted(spec: Mapping[str, Any], width: int) -> dict[str, Any]:
    """A single or layered view drawn ``width`` pixels wide in all, axes and legends included.

    A composition of several views is returned as it is: Vega-Lite cannot fit one.
    """
    laid = dict(spec)
    if any(key in laid for key in (*COMPOSITIONS, "facet", "repeat")):
        return laid
    laid["width"] = width
    laid["autosize"] = {"type": "fit-x", "contains": "padding"}
    # The build measures text with its own fonts; a reader's may be a tenth wider, and
    # labels at the edges must not be cut off.
    laid["padding"] = {"left": EDGE_PX, "right": EDGE_PX, "top": 5, "bottom": 5}
    # A time axis gets a tick (and grid line) per 80 pixels, whatever width it is drawn at.
    config = dict(laid.get("config", {}))
    config["axisTemporal"] = {"tickCount": {"expr": "ceil(width / 80)"}, **config.get("axisTemporal", {})}
    laid["config"] = config
    laid["layer"] = [
        {key: value for key, value in layer.items() if key != "width"} for layer in laid.get("layer", [])
    ]
    if not laid["layer"]:
        del laid["layer"]
    return laid


def _grid_column_labels(spec: dict[str, Any]) -> None:
    """A wide grid's column labels at the smallest legible size, its columns wide enough for
    their longest word, so that neighbouring labels never run into each other."""
    for view in [spec, *[child for key in COMPOSITIONS for child in spec.get(key, []) or []]]:
        if not isinstance(view, dict) or not _is_grid(view):
            continue
        columns = _axis_categories(spec, view, "x")
        longest = max((len(word) for column in columns for word in column.split()), default=0)
        cell = text_width("x" * longest, SMALLEST_TEXT_PX) + CELL_PADDING_PX
        if isinstance(view.get("width"), int | float) and columns:
            view["width"] = max(view["width"], math.ceil(cell * len(columns)))
        for unit_view in [view, *view.get("layer", [])]:
            channel = unit_view.get("encoding", {}).get("x")
            if isinstance(channel, dict) and channel.get("type") in DISCRETE_TYPES:
                channel["axis"] = {**(channel.get("axis") or {}), "labelFontSize": SMALLEST_TEXT_PX}


# A legend title longer than this wraps on a wide screen too, rather than being cut off.
WIDE_LEGEND_TITLE_CHARACTERS = 28


def for_page(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The chart as the notebook laid it out, less the title the page prints above it,
    its legend titles wrapped rather than cut off."""
    laid = _unwrapped(without_title(spec))
    _continuous_axes(laid)
    _legend_titles(laid, WIDE_LEGEND_TITLE_CHARACTERS)
    _grid_column_labels(laid)
    config = laid.setdefault("config", {})
    # Legends one under another: side by side, several run past the plot's width.
    config["legend"] = {
        **config.get("legend", {}),
        "titleLimit": 0,
        "layout": {"bottom": {"anchor": "start", "direction": "vertical"}},
    }
    return mark_cell_text(laid)
