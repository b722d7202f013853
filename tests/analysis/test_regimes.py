"""The comparison of regimes: answers and figures from the data, cells and tables in words."""

from __future__ import annotations

import pandas as pd
import pytest

from tracingbook.analysis import regimes
from tracingbook.data.load import BookData
from tracingbook.page import comparison
from tracingbook.page.comparison import Cell
from tracingbook.page.sourced_tables import sourced_table, sources_html
from tracingbook.page.words import NOT_STATED, UnknownLabel


def rules_frame(*rows: tuple[str, ...]) -> pd.DataFrame:
    """Rules rows as (regime, dimension, item, value, source_id, locator[, detail])."""
    filled = [row if len(row) == 7 else (*row, "") for row in rows]
    return pd.DataFrame(
        filled, columns=["regime", "dimension", "item", "value", "source_id", "locator", "detail"]
    )


def regime_row(regime: str = "r", holder: str | None = "NHS Digital", start: str | None = None,
               end: str | None = None) -> pd.Series:  # fmt: skip
    return pd.Series(
        {
            "regime": regime,
            "short_label": regime.upper(),
            "order": 1,
            "data_holder": pd.NA if holder is None else holder,
            "start": pd.NaT if start is None else pd.Timestamp(start),
            "end": pd.NaT if end is None else pd.Timestamp(end),
        }
    )


def figures_frame(*rows: tuple[str, str, str, str, str, int, str, str | None]) -> pd.DataFrame:
    """Figures as (figure_id, holder, start, end, measure, value, qualifier, superseded_by)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "figure_id",
            "holder",
            "period_start",
            "period_end",
            "measure",
            "value",
            "qualifier",
            "superseded_by",
        ],
    )
    return frame.assign(
        requester="Home Office",
        period_start=pd.to_datetime(frame["period_start"]),
        period_end=pd.to_datetime(frame["period_end"]),
        superseded_by=frame["superseded_by"].astype("string"),
        source_id=[f"src-{figure}" for figure in frame["figure_id"]],
        locator="table 1",
    )


# ---------------------------------------------------------------- cells from rules


def test_a_dimension_without_rows_says_so() -> None:
    cell = comparison.rule_cell(
        rules_frame(("a", "threshold", "-", "Serious crime", "s1", "p 1")), "a", "status"
    )
    assert cell == Cell("a", "status", NOT_STATED, "—", ())
    assert not cell.stated


def test_enumerated_cell_lists_answers_in_order_and_counts_yes_and_conditional() -> None:
    rules = rules_frame(
        ("a", "data_item", "address", "no", "s1", "p 2"),
        ("a", "data_item", "date_of_birth", "yes", "s1", "p 1"),
        ("a", "data_item", "gp_practice", "conditional", "s2", "p 9"),
        ("a", "data_item", "gender", "yes", "s1", "p 1"),
    )
    cell = comparison.rule_cell(rules, "a", "data_item")
    assert cell.text == "yes: date of birth, gender; conditional: GP practice; no: address"
    assert cell.label == "2 yes, 1 cond."
    # Each (source, locator) once, in the order the rows first cite it.
    assert cell.sources == (("s1", "p 2"), ("s1", "p 1"), ("s2", "p 9"))


def test_enumerated_cell_with_only_refusals_is_labelled_none() -> None:
    cell = comparison.rule_cell(
        rules_frame(("a", "refusal_point", "gp_practice", "no", "s", "p")), "a", "refusal_point"
    )
    assert (cell.label, cell.text) == ("none", "no: GP practice")


def test_an_item_without_words_fails_loudly() -> None:
    rules = rules_frame(("a", "data_item", "shoe_size", "yes", "s", "p"))
    with pytest.raises(UnknownLabel, match="no item label for 'shoe_size'"):
        comparison.rule_cell(rules, "a", "data_item")


def test_an_answer_outside_yes_no_conditional_is_refused_by_name() -> None:
    rules = rules_frame(("a", "requester", "police", "sometimes", "s", "p"))
    with pytest.raises(ValueError, match=r"a / requester / police has value 'sometimes'"):
        comparison.rule_cell(rules, "a", "requester")


def test_court_order_takes_exactly_one_row() -> None:
    rules = rules_frame(
        ("a", "court_order_needed", "-", "no", "s", "p"),
        ("a", "court_order_needed", "x", "yes", "s", "p"),
    )
    with pytest.raises(ValueError, match="court_order_needed has 2 rows; it takes one"):
        comparison.rule_cell(rules, "a", "court_order_needed")
    single = comparison.rule_cell(rules.iloc[:1], "a", "court_order_needed")
    assert (single.text, single.label) == ("no", "no")


def test_statement_cell_shows_the_headline_entry_only() -> None:
    rules = rules_frame(
        ("a", "legal_basis", "bill-1", "Clause 29", "bill", "page 30"),
        ("a", "legal_basis", "-", "Section 35", "act", "s 35"),
    )
    cell = comparison.rule_cell(rules, "a", "legal_basis")
    assert (cell.text, cell.sources) == ("Section 35", (("act", "s 35"),))


def test_statement_and_court_order_cells_carry_their_detail_in_brackets() -> None:
    rules = rules_frame(
        ("a", "status", "-", "Withdrawn in 2018", "s", "p", "Dates differ by source"),
        ("a", "court_order_needed", "-", "no", "s", "p", "No warrant either"),
    )
    assert comparison.rule_cell(rules, "a", "status").text == "Withdrawn in 2018 (Dates differ by source)"
    court = comparison.rule_cell(rules, "a", "court_order_needed")
    assert (court.text, court.label) == ("no (No warrant either)", "no")


def test_statement_cell_without_headline_joins_every_entry() -> None:
    rules = rules_frame(
        ("a", "transparency", "privacy", "Less privacy", "eo", "s 14"),
        ("a", "transparency", "reports", "Quarterly reports", "eo", "s 16"),
    )
    cell = comparison.rule_cell(rules, "a", "transparency")
    assert cell.text == "Less privacy; Quarterly reports"
    assert cell.sources == (("eo", "s 14"), ("eo", "s 16"))


# ---------------------------------------------------------------- people affected


FIGURES = figures_frame(
    ("released", "NHS Digital", "2010-01-01", "2014-07-13", "people_released", 6900, "more than", None),
    ("traced-year", "NHS Digital", "2016-01-01", "2016-11-30", "traced", 5854, "exact", None),
    ("traced-inside", "NHS Digital", "2016-09-01", "2016-11-30", "traced", 1659, "exact", None),
    ("traced-later", "NHS Digital", "2017-04-01", "2017-06-30", "traced", 1043, "exact", None),
    ("requests", "NHS Digital", "2016-01-01", "2016-11-30", "requests", 8127, "exact", None),
    ("pupils-first", "Department for Education", "2015-07-01", "2016-09-30", "records_returned", 520, "exact",
     "pupils"),
    ("pupils", "Department for Education", "2015-07-01", "2016-09-30", "records_returned", 531, "exact",
     None),
)  # fmt: skip


def test_affected_figures_keep_the_regime_holder_period_and_people_measures() -> None:
    before = regimes.affected_figures(FIGURES, regime_row(end="2016-12-31"))
    # The Sep-Nov figure lies inside Jan-Nov and adds nothing; the 2017 one is after the regime.
    assert list(before["figure_id"]) == ["released", "traced-year"]
    after = regimes.affected_figures(FIGURES, regime_row(start="2017-01-01", end="2018-05-09"))
    assert list(after["figure_id"]) == ["traced-later"]


def test_superseded_figures_give_way_to_their_corrections() -> None:
    pupils = regimes.affected_figures(
        FIGURES, regime_row(holder="Department for Education", start="2015-07-01")
    )
    assert list(pupils["figure_id"]) == ["pupils"]


def test_a_regime_with_no_holder_has_no_figures() -> None:
    assert regimes.affected_figures(FIGURES, regime_row(holder=None)).empty
    cell = comparison.people_affected_cell(FIGURES, regime_row(holder=None))
    assert (cell.text, cell.label, cell.sources) == (NOT_STATED, "—", ())


def test_people_affected_cell_is_labelled_by_its_latest_figure_and_keeps_qualifiers() -> None:
    cell = comparison.people_affected_cell(FIGURES, regime_row(end="2016-12-31"))
    assert cell.label == "5,854"
    assert cell.text == (
        "more than 6,900 people whose details were released (1 Jan 2010–13 Jul 2014); "
        "5,854 requests approved and traced (Jan–Nov 2016)"
    )
    assert cell.sources == (("src-released", "table 1"), ("src-traced-year", "table 1"))
    only_bound = comparison.people_affected_cell(FIGURES.iloc[:1], regime_row(end="2016-12-31"))
    assert only_bound.label == ">6,900"


def test_status_label_comes_from_the_regime_dates() -> None:
    assert comparison.regime_status_label(regime_row(start="2017-01-01", end="2018-05-09")) == "ended 2018"
    assert comparison.regime_status_label(regime_row(start="2015-07-01")) == "from 2015"
    assert comparison.regime_status_label(regime_row()) == "never in force"


# ---------------------------------------------------------------- summaries


def test_count_answers_counts_unstated_cells_apart() -> None:
    cells = [
        Cell("a", "court_order_needed", "no (no warrant either)", "no", (("s", "p"),)),
        Cell("b", "court_order_needed", "no", "no", (("s", "p"),)),
        Cell("c", "court_order_needed", NOT_STATED, "—", ()),
        Cell("c", "threshold", "anything", "stated", (("s", "p"),)),
    ]
    assert comparison.count_answers(cells, "court_order_needed") == {
        "yes": 0,
        "conditional": 0,
        "disputed": 0,
        "no": 2,
        NOT_STATED: 1,
    }
    with pytest.raises(ValueError, match="c / threshold answers 'stated'"):
        comparison.count_answers(cells, "threshold")


def test_refusal_points_count_yes_and_conditional_and_none_when_unstated() -> None:
    rules = rules_frame(
        ("a", "refusal_point", "nhs_digital", "yes", "s", "p"),
        ("a", "refusal_point", "area_team", "conditional", "s", "p"),
        ("a", "refusal_point", "gp_practice", "no", "s", "p"),
    )
    assert regimes.refusal_points(rules, "a") == 2
    assert regimes.refusal_points(rules, "b") is None


def test_match_rate_and_its_guards() -> None:
    assert regimes.match_rate(531, 2461) == pytest.approx(0.21576, abs=1e-5)
    assert regimes.match_rate(0, 5) == 0
    with pytest.raises(ValueError, match="positive number of requests, not 0"):
        regimes.match_rate(0, 0)
    with pytest.raises(ValueError, match="532 returned cannot come from 531 requests"):
        regimes.match_rate(532, 531)


def test_rules_naming_an_unknown_regime_are_refused() -> None:
    regimes = pd.DataFrame([regime_row("a")])
    rules = rules_frame(("ghost", "status", "-", "x", "s", "p"))
    with pytest.raises(ValueError, match=r"rules\.csv names regimes that regimes\.csv lacks: ghost"):
        comparison.build_matrix(regimes, rules, FIGURES)


def test_side_by_side_refuses_an_unknown_regime_and_reports_gaps() -> None:
    regimes = pd.DataFrame([regime_row("a"), regime_row("b")])
    rules = rules_frame(("a", "scope", "-", "Schools", "s", "p 1"))
    with pytest.raises(UnknownLabel, match=r"no regime label for 'c': regimes\.csv has no such regime"):
        comparison.side_by_side(rules, regimes, ["a", "c"], ["scope"])
    table = comparison.side_by_side(rules, regimes, ["a", "b"], ["scope"])
    assert table.to_dict("records") == [
        {"dimension": "Scope", "regime": "A", "text": "Schools", "sources": (("s", "p 1"),)},
        {"dimension": "Scope", "regime": "B", "text": NOT_STATED, "sources": ()},
    ]


# ---------------------------------------------------------------- a whole package


def test_the_matrix_covers_every_regime_and_dimension_with_sources_or_a_gap(book_data: BookData) -> None:
    data = book_data
    cells = comparison.build_matrix(data.regimes, data.rules, data.tracing_requests)
    assert len(cells) == len(data.regimes) * len(regimes.MATRIX_DIMENSIONS)
    assert all(cell.stated == (cell.text != NOT_STATED) for cell in cells)
    known = set(data.sources["id"])
    assert {source for cell in cells for source, _ in cell.sources} <= known
    pupils = next(c for c in cells if (c.regime, c.dimension) == ("pupil-terms", "people_affected"))
    # The corrected count replaces the first answer it corrects.
    assert (pupils.label, pupils.text) == ("450", "450 pupil records returned (Jul 2015–Sep 2016)")
    court_orders = comparison.count_answers(cells, "court_order_needed")
    assert sum(court_orders.values()) == len(data.regimes)
    frame = comparison.matrix_frame(cells, data)
    assert set(frame["source_line"][frame["stated"] == NOT_STATED]) == {NOT_STATED}


# ---------------------------------------------------------------- tables


def test_sourced_table_links_every_source_escapes_text_and_blanks_repeats(book_data: BookData) -> None:
    data = book_data
    frame = pd.DataFrame(
        [
            {"dimension": "Scope", "text": "A & B", "sources": (("memo-c", "paragraph 4"),)},
            {"dimension": "Scope", "text": "C", "sources": ()},
        ]
    )
    html = sourced_table(frame, caption="Test <table>", data=data, group_column="dimension").data
    assert "<caption>Test &lt;table&gt;</caption>" in html
    assert '<td data-label="text">A &amp; B</td>' in html
    assert 'data-source-id="memo-c"' in html and ", paragraph 4</span>" in html
    # A repeat is marked, so the table hides it while a phone's cards spell it out.
    assert html.count('<td data-label="dimension">Scope</td>') == 1
    assert '<td data-label="dimension"><span class="house-table__repeat">Scope</span></td>' in html
    assert "not stated in the sources" in html
    # Several sources are one value, so that a phone's card keeps them together beside their heading.
    two = (("memo-c", "paragraph 4"), ("answer-b", "answer, paragraph 4"))
    listed = sources_html(data, two)
    assert listed.startswith('<span class="house-table__sources"><span class="house-table__source"')
    assert listed.endswith("</span></span>") and listed.count('class="house-table__source"') == 2
    with pytest.raises(KeyError, match="no 'sources' column"):
        sourced_table(frame.drop(columns="sources"), caption="x", data=data)
    # Readers may pick one value of a column, such as one regime.
    assert 'data-filter-column="1"' in sourced_table(frame, caption="x", data=data, filter_by="text").data
    assert "data-filter-column" not in html
    with pytest.raises(KeyError, match="no column 'sources' to filter by"):
        sourced_table(frame, caption="x", data=data, filter_by="sources")


# ---------------------------------------------------------------- corrections and shares


def test_corrections_pair_each_first_answer_with_its_correction(book_data: BookData) -> None:
    data = book_data
    pairs = regimes.corrections(data.tracing_requests, "Department for Education")
    home_office = pairs[(pairs["requester"] == "Home Office") & (pairs["measure"] == "records_returned")]
    assert home_office[["first", "corrected", "change"]].values.tolist() == [[400, 450, 50]]
    assert home_office["sources"].iloc[0] == (("answer-b", "first answer"), ("memo-c", "paragraph 4"))
    assert regimes.corrections(data.tracing_requests, "NHS Digital").empty


def test_a_correction_of_another_measure_is_refused() -> None:
    figures = FIGURES.copy()
    figures.loc[figures["figure_id"] == "pupils", "measure"] = "not_matched"
    with pytest.raises(
        ValueError, match="pupils does not correct the same requester and measure as pupils-first"
    ):
        regimes.corrections(figures, "Department for Education")


def test_rates_frame_computes_percentages_from_the_data(book_data: BookData) -> None:
    spec = regimes.RateSpec("corrected", "pupils", "pupil-requests")
    row = regimes.rates_frame(book_data, [spec]).iloc[0]
    assert row["percent"] == pytest.approx(50.0)
    assert (row["period"], row["part_measure"]) == ("Jul 2015–Sep 2016", "records_returned")
    table = comparison.rates_table(book_data, [spec]).iloc[0]
    assert table["part_measure"] == "pupil records returned"
    assert table["source_line"] == "Example Office, 2017, paragraph 4"
    # Both figures come from the same source and paragraph: cited once.
    assert row["sources"] == (("memo-c", "paragraph 4"),)


def test_rates_frame_refuses_mismatched_periods_and_bounds(book_data: BookData) -> None:
    across = regimes.RateSpec("x", "q1-2016-requests", "year-requests")
    with pytest.raises(ValueError, match="differ in period_end"):
        regimes.rates_frame(book_data, [across])
    bound = regimes.RateSpec("x", "year-rejected", "year-requests")
    with pytest.raises(ValueError, match="year-rejected is 'fewer than' a number, not exact"):
        regimes.rates_frame(book_data, [bound])


def test_every_qualifier_has_its_own_mark(book_data: BookData) -> None:
    from tracingbook.page.words import QUALIFIER_MARKS

    qualifier = book_data.package.resource("tracing_requests").field("qualifier")
    assert qualifier.enum is not None and sorted(QUALIFIER_MARKS) == sorted(qualifier.enum)
    assert len(set(QUALIFIER_MARKS.values())) == len(QUALIFIER_MARKS)


def test_regimes_without_dates_must_say_what_became_of_them() -> None:
    table = pd.DataFrame(
        [regime_row("a", start="2015-01-01"), regime_row("b", start="2015-01-01", end="2016-01-01")]
    )
    rules = rules_frame(("a", "status", "-", "Never signed", "s", "p"))
    undated = regimes.undated_status(table, rules)
    assert undated[["regime", "value", "source_id"]].values.tolist() == [["a", "Never signed", "s"]]
    with pytest.raises(ValueError, match=r"no status row for the undated regimes \['a'\]"):
        regimes.undated_status(table, rules.iloc[0:0])


def test_matrix_by_question_orders_questions_then_regimes() -> None:
    matrix = pd.DataFrame(
        {"dimension": ["status", "data_item", "status", "data_item"], "regime": ["b", "b", "a", "a"]}
    )
    table = pd.DataFrame({"regime": ["a", "b"], "order": [2, 1]})
    ordered = comparison.matrix_by_question(matrix, table)
    assert list(zip(ordered["dimension"], ordered["regime"], strict=True)) == [
        ("data_item", "b"), ("data_item", "a"), ("status", "b"), ("status", "a"),
    ]  # fmt: skip
