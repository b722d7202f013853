"""Typed figures in prose are found; years, dates, citations and glued values are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracingbook.tools.pasted import pasted_names, unknown_names
from tracingbook.tools.prose import check_document, check_markdown, typed_numbers_in_line


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
        "2. Then 99 requests",
        "a list of 2. items",
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
        "2. Find the row whose `figure_id` is `ho-2014-2016-requests`",
    ],
)
def test_dates_citations_and_glue_are_allowed(line: str) -> None:
    assert typed_numbers_in_line(line) == []


def test_code_fences_and_directive_options_are_skipped_but_admonitions_are_checked() -> None:
    markdown = "```python\nx = 42\n```\n:name: figure-1\n```{note}\nThere were 5 cases.\n```\n"
    found = check_markdown(markdown, "page.md")
    assert [(problem.line, problem.text) for problem in found] == [(6, "There were 5 cases.")]
    assert str(found[0]) == "page.md, line 6: figure '5' typed into prose: 'There were 5 cases.'"


def test_the_excerpt_quotes_the_figure_in_context_however_long_the_line() -> None:
    line = (
        "Since the memorandum of understanding was signed in 2016, and after many questions in Parliament "
        "about it, the Home Office made 8127 tracing requests, a figure that the press repeated for months."
    )
    (problem,) = check_markdown(line, "page.md")
    assert problem.figure == "8127"
    expected = "…rliament about it, the Home Office made 8127 tracing requests, a figure that the pre…"
    assert problem.excerpt() == expected
    assert "8127" in str(problem)


def test_the_first_typed_figure_is_quoted_not_a_year_that_contains_its_digits() -> None:
    (problem,) = check_markdown("In 2014 there were 20 requests.", "page.md")
    assert problem.figure == "20"
    assert problem.excerpt() == "In 2014 there were 20 requests."


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
    # Cells count from 1, markdown and code alike, as a reader of the notebook counts them.
    assert [(problem.cell, problem.line) for problem in found] == [(3, 1)]
    assert str(found[0]) == "chapter.ipynb, cell 3, line 1: figure '99' typed into prose: 'Then 99 requests.'"


def test_pasted_names_are_read_from_roles_and_directives() -> None:
    markdown = "Made {glue:text}`requests:,d` and {glue}`share`.\n```{glue:figure} chart\n```\n"
    assert pasted_names(markdown) == [(1, "requests"), (1, "share"), (2, "chart")]


def _glue_output(name: str) -> dict[str, object]:
    return {
        "output_type": "display_data",
        "data": {"application/papermill.record/text/plain": "1"},
        "metadata": {"scrapbook": {"mime_prefix": "application/papermill.record/", "name": name}},
    }


def test_a_pasted_name_no_cell_glues_is_found_at_its_cell_with_the_nearest_name(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "code", "source": "", "metadata": {}, "outputs": [_glue_output("requests_2016")]},
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": ["# Title\n", "In {glue:text}`requets_2016:,d`"],
            },
            {"cell_type": "markdown", "metadata": {}, "source": "All {glue:text}`requests_2016:,d`."},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps(notebook))
    (problem,) = unknown_names(path, tmp_path)
    assert (problem.cell, problem.line, problem.name, problem.nearest) == (
        2,
        2,
        "requets_2016",
        "requests_2016",
    )
    assert str(problem).startswith(
        "chapter.ipynb, cell 2, line 2: the text pastes 'requets_2016', which no code cell of this "
        "chapter glues. Did you mean 'requests_2016'?"
    )
