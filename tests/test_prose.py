"""Typed figures in prose are found; years, dates, citations and glued values are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracingbook.build.prose import check_document, check_markdown, typed_numbers_in_line
from tracingbook.build.toc import book_documents

from .conftest import PROJECT_ROOT


@pytest.mark.parametrize(
    "line",
    [
        "The Home Office made 2,367 requests",
        "requests rose 84% in a year",
        "fewer than 120 were rejected",
        "a rate of 3.3 times",
        "see the {glue:text}`a:,d` figure and 12 more",
        "in order 500 were refused",
        "the bill 12 times",
        "<!-- a note --> There were 99 requests",
    ],
)
def test_typed_figures_are_found(line: str) -> None:
    assert typed_numbers_in_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "In {glue:text}`requests:,d` cases {cite:p}`hsj-2017-01-24`",
        "section 35 of the Digital Economy Act 2017, s.35(10)",
        "clause 30 of HL Bill 80; clause 29 of HC Bill 45",
        "on 1 January 2017, in November 2016 and on January 25, 2017",
        "HC 677 para 3; HCWS272; PQ 52645; SI 2018/912; EO 13768; 82 FR 8799",
        "in 2013/14, in Q1 2016, in the 2010s",
        "a [link](https://example.org/page-2) and `code 42`",
        "Immigration Act 1971",
        "Section 14 of Executive Order 13768; Part 5; Schedule 4; paras. 3",
    ],
)
def test_dates_citations_and_glue_are_allowed(line: str) -> None:
    assert typed_numbers_in_line(line) == []


def test_code_fences_and_directive_options_are_skipped_but_admonitions_are_checked() -> None:
    markdown = "```python\nx = 42\n```\n:name: figure-1\n```{note}\nThere were 5 cases.\n```\n"
    found = check_markdown(markdown, "page.md")
    assert [(problem.line, problem.text) for problem in found] == [(6, "There were 5 cases.")]
    assert str(found[0]) == "page.md, line 6: figure typed into prose: 'There were 5 cases.'"


def test_notebook_cells_are_located(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["# Title\n", "All fine in 2016.\n"], "metadata": {}},
            {"cell_type": "code", "source": "x = 99", "metadata": {}, "outputs": []},
            {"cell_type": "markdown", "source": "Then 99 requests.", "metadata": {}},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps(notebook))
    found = check_document(path, tmp_path)
    assert [(problem.cell, problem.line) for problem in found] == [(2, 1)]


def test_the_book_has_no_typed_figures() -> None:
    problems = [
        str(problem)
        for path in book_documents(PROJECT_ROOT)
        for problem in check_document(path, PROJECT_ROOT)
    ]
    assert problems == []
