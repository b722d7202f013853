"""Chart tooltips titled from the vocabulary, so that a column reads the same in every chart."""

from __future__ import annotations

from typing import Any

from tracingbook.page.words import label


def tooltips(fields: str, **titles: str) -> list[Any]:
    """Altair tooltips for space-separated 'column:type' or 'column:type:format' specs.

    Each is titled with the column's words in the vocabulary (kind "field"); a
    keyword gives the title one chart alone uses, such as status="Returned?".
    """
    import altair as alt

    result = []
    for spec in fields.split():
        name, kind, *number_format = spec.split(":", 2)
        title = titles.get(name) or label("field", name)
        tooltip = alt.Tooltip(f"{name}:{kind}", title=title)
        if number_format:
            tooltip = alt.Tooltip(f"{name}:{kind}", title=title, format=number_format[0])
        result.append(tooltip)
    return result
