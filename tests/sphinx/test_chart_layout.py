"""Charts laid out for a phone: fitted to the width, text at full size, wide grids cut into blocks."""

from __future__ import annotations

import re

import vl_convert

from tracingbook.sphinx.chart_layout import CELL_TEXT_NAME, PHONE_WIDTH, fitted, for_page, for_phone, wrapped

CONFIG = {
    "legend": {"labelFontSize": 12, "columns": 2, "direction": "horizontal"},
    "axis": {"labelFontSize": 12},
}


def _bars() -> dict:
    labels = ["Home Office, January to November 2016", "Police, January to November 2016"]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json",
        "title": "Requests",
        "config": CONFIG,
        "width": 620,
        "data": {
            "values": [{"who": label, "n": 10 * (i + 1), "kind": "exact"} for i, label in enumerate(labels)]
        },
        "mark": "bar",
        "encoding": {
            "y": {"field": "who", "type": "nominal"},
            "x": {"field": "n", "type": "quantitative"},
            "color": {"field": "kind", "type": "nominal", "title": "Confidence (check: not yet confirmed)"},
            "tooltip": [{"field": "n"}],
        },
    }


def _grid(columns: int) -> dict:
    rows = [
        {"regime": f"Regime {c}", "question": f"Question {r}", "answer": "2 yes\n1 cond.", "kind": "yes"}
        for c in range(columns)
        for r in range(3)
    ]
    encoding = {
        "x": {"field": "regime", "type": "nominal", "sort": [f"Regime {c}" for c in range(columns)]},
        "y": {"field": "question", "type": "nominal"},
    }
    return {
        "title": "Grid",
        "config": {"text": {"fontSize": 11}},
        "datasets": {"cells": rows},
        "data": {"name": "cells"},
        "vconcat": [
            {
                "layer": [
                    {"mark": "rect", "encoding": {**encoding, "color": {"field": "kind", "type": "nominal"}}},
                    {"mark": {"type": "text", "fontSize": 11, "lineBreak": "\n"},
                     "encoding": {**encoding, "text": {"field": "answer"}}},
                ],
                "width": columns * 80,
                "height": 120,
            }
        ],
    }  # fmt: skip


def _svg_width(spec: dict) -> float:
    svg = vl_convert.vegalite_to_svg(spec, vl_version="6.4")
    return float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1))


def test_a_phone_layout_fits_the_column_and_leaves_the_title_to_the_page() -> None:
    laid = for_phone(_bars())
    assert "title" not in laid and "$schema" not in laid
    assert laid["width"] == PHONE_WIDTH
    assert laid["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert _svg_width(laid) <= PHONE_WIDTH


def test_long_labels_and_legend_titles_wrap_instead_of_being_cut() -> None:
    laid = for_phone(_bars())
    axis = laid["encoding"]["y"]["axis"]
    assert axis["labelLimit"] == 0
    assert (
        '"Home Office, January to November 2016": ["Home Office,", "January to", "November 2016"]'
        in (axis["labelExpr"])
    )
    # Three lines of label need a taller row than one.
    assert laid["height"] == {"step": 50}
    assert laid["config"]["legend"]["columns"] == 1
    assert laid["config"]["legend"]["titleLimit"] == 0
    # The legend title fits the phone's width on one line; a longer one wraps.
    assert laid["encoding"]["color"]["title"] == "Confidence (check: not yet confirmed)"
    longer = _bars()
    longer["encoding"]["color"]["title"] = "Confidence: check means the book has not yet confirmed the figure"
    assert for_phone(longer)["encoding"]["color"]["title"] == [
        "Confidence: check means the book has not",
        "yet confirmed the figure",
    ]
    svg = vl_convert.vegalite_to_svg(laid, vl_version="6.4")
    assert "…" not in svg


def test_a_grid_too_wide_for_a_phone_is_cut_into_blocks_of_columns() -> None:
    laid = for_phone(_grid(7))
    blocks = laid["vconcat"]
    assert [block["transform"][0]["filter"]["oneOf"] for block in blocks] == [
        ["Regime 0", "Regime 1", "Regime 2"],
        ["Regime 3", "Regime 4", "Regime 5"],
        ["Regime 6"],
    ]
    assert laid["resolve"] == {"scale": {"x": "independent"}}
    assert _svg_width(laid) <= PHONE_WIDTH
    # Vega needs each view's name to be unique: each block's cell text has its own.
    names = [layer.get("name") for block in blocks for layer in block["layer"] if layer.get("name")]
    assert names == [f"{CELL_TEXT_NAME}_{number}" for number in (1, 2, 3)]


def test_a_grid_that_fits_stays_whole() -> None:
    laid = for_phone(_grid(2))
    assert "vconcat" not in laid and laid["width"] == PHONE_WIDTH


def test_the_wide_layout_keeps_the_notebooks_size() -> None:
    laid = for_page(_bars())
    assert laid["width"] == 620 and "title" not in laid
    assert laid["encoding"]["color"]["title"] == ["Confidence (check: not yet", "confirmed)"]


def test_text_on_a_cell_is_named_so_dark_mode_leaves_it_dark() -> None:
    laid = for_page(_grid(2))
    layers = laid["layer"]  # a composition of one view is laid out as that view
    assert layers[1]["name"] == f"{CELL_TEXT_NAME}_0"
    assert "name" not in layers[0]


def test_wrapping_keeps_words_whole() -> None:
    assert wrapped("NHS Digital's National Back Office", 10) == [
        "NHS",
        "Digital's",
        "National",
        "Back",
        "Office",
    ]
    assert wrapped("", 10) == [""]


def test_fitting_sets_the_whole_width_and_leaves_compositions_alone() -> None:
    laid = fitted(for_page(_bars()), 700)
    assert (laid["width"], laid["autosize"]) == (700, {"type": "fit-x", "contains": "padding"})
    assert laid["config"]["axisTemporal"]["tickCount"] == {"expr": "ceil(width / 80)"}
    assert _svg_width(laid) == 700
    blocks = for_phone(_grid(7))
    assert fitted(blocks, 700) == blocks
