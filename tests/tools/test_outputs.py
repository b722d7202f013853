"""No chapter shows a reader a stray output: a bare number, a quoted string or printed text.

The site shows each code cell's stored output under its folded code. A cell that
ends in a bare expression leaves its value on the page ('91', '10.18...'), which
reads as noise. Outputs a reader should see are tables, charts and glued
values; plain text only where the cell is tagged ``text-output`` on purpose.
The stored outputs are what the site shows: nbval proves them equal to a fresh run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
INTENDED = "text-output"
# glue() stores its value under this prefix; the page pastes it, never shows it raw.
GLUE_PREFIX = "application/papermill.record/"


def plain_text_outputs(notebook: dict) -> Iterator[tuple[int, str]]:
    """(cell number, text) for every output a reader would see as bare text."""
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code" or INTENDED in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                yield number, "".join(output.get("text", ""))
            elif kind in ("execute_result", "display_data"):
                shown = [mime for mime in output.get("data", {}) if not mime.startswith(GLUE_PREFIX)]
                if shown == ["text/plain"]:
                    yield number, "".join(output["data"]["text/plain"])


def test_the_check_finds_bare_values_and_printed_text() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": "91"},
            {
                "cell_type": "code",
                "outputs": [{"output_type": "execute_result", "data": {"text/plain": "91"}}],
            },
            {"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}]},
            {
                "cell_type": "code",
                "outputs": [
                    {"output_type": "display_data", "data": {"text/html": "<table/>", "text/plain": "t"}}
                ],
            },
            {
                "cell_type": "code",
                "outputs": [{"output_type": "display_data", "data": {GLUE_PREFIX + "text/plain": "91"}}],
            },
            {
                "cell_type": "code",
                "metadata": {"tags": [INTENDED]},
                "outputs": [{"output_type": "execute_result", "data": {"text/plain": "'kept'"}}],
            },
        ]
    }
    assert list(plain_text_outputs(notebook)) == [(2, "91"), (3, "hi\n")]


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")), ids=lambda path: path.name)
def test_no_chapter_shows_a_stray_output(path: Path) -> None:
    stray = list(plain_text_outputs(json.loads(path.read_text(encoding="utf-8"))))
    assert not stray, f"{path.name}: plain-text output in cell(s) " + "; ".join(
        f"{number}: {text.strip()[:60]!r}" for number, text in stray
    )
