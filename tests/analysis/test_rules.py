"""Comparing regimes: newly disclosed items and the route of a request, read from rules.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from tracingbook import BookData
from tracingbook.analysis.rules import (
    RulesError,
    cell,
    data_items_matrix,
    dropped_steps,
    in_stage_order,
    ordered_rows,
    request_route,
)
from tracingbook.page.rules import items_grid_frame, requesters_table, route_frame, route_links, terms_table
from tracingbook.page.words import UnknownLabel, heading

COLUMNS = ["regime", "dimension", "item", "value", "detail", "confidence", "source_id", "locator"]


def _rules(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A small rules table: (regime, dimension, item, value) per row."""
    return pd.DataFrame(
        [[*row, f"detail {row[2]}", "high", "src", f"para {index}"] for index, row in enumerate(rows)],
        columns=COLUMNS,
    )


def test_newly_disclosed_is_derived_from_the_two_regimes() -> None:
    rules = _rules(
        ("old", "data_item", "name", "yes"),
        ("old", "data_item", "address", "no"),
        ("old", "data_item", "gp_area", "yes"),
        ("new", "data_item", "name", "yes"),
        ("new", "data_item", "address", "yes"),
        ("new", "data_item", "gp_area", "no"),
    )
    matrix = data_items_matrix(rules, "old", "new").set_index("item")
    assert matrix["newly_disclosed"].to_dict() == {"name": False, "address": True, "gp_area": False}
    assert matrix["no_longer_disclosed"].to_dict() == {"name": False, "address": False, "gp_area": True}


def test_an_item_missing_from_one_regime_is_an_error() -> None:
    rules = _rules(
        ("old", "data_item", "name", "yes"),
        ("new", "data_item", "name", "yes"),
        ("new", "data_item", "gender", "yes"),
    )
    with pytest.raises(RulesError, match="states no data_item 'gender' for regime 'old'"):
        data_items_matrix(rules, "old", "new")


def test_a_value_other_than_yes_no_is_an_error() -> None:
    rules = _rules(("old", "data_item", "name", "yes"), ("new", "data_item", "name", "probably"))
    with pytest.raises(RulesError, match="regime 'new', data_item 'name' has value 'probably'"):
        data_items_matrix(rules, "old", "new")


def test_unknown_regimes_and_keys_are_named() -> None:
    rules = _rules(("old", "data_item", "name", "yes"))
    with pytest.raises(RulesError, match="no 'data_item' rows for regime 'gone'"):
        data_items_matrix(rules, "gone", "old")
    with pytest.raises(RulesError, match="no 'threshold' rows for regime 'old'"):
        cell(rules, "old", "threshold")
    with pytest.raises(UnknownLabel, match="no item label for 'shoe_size'"):
        heading("item", "shoe_size")


def test_the_route_is_read_in_order_with_its_refusal_points() -> None:
    rules = _rules(
        ("old", "route_step", "2", "gp_practice"),
        ("old", "route_step", "1", "nhs_digital"),
        ("old", "refusal_point", "nhs_digital", "yes"),
        ("old", "refusal_point", "gp_practice", "yes"),
        ("new", "route_step", "1", "nhs_digital"),
        ("new", "refusal_point", "nhs_digital", "yes"),
        ("new", "refusal_point", "gp_practice", "no"),
    )
    before, after = request_route(rules, "old"), request_route(rules, "new")
    assert [(step.position, step.body) for step in before] == [(1, "nhs_digital"), (2, "gp_practice")]
    assert before[1].refusal == "detail gp_practice"
    assert [step.body for step in dropped_steps(before, after)] == ["gp_practice"]
    frame = route_frame({"Before": before, "After": after}, before)
    assert frame[["regime", "position", "status"]].values.tolist() == [
        ["Before", 1, "Could refuse"],
        ["Before", 2, "Could refuse"],
        ["After", 1, "Could refuse"],
        ["After", 2, "No longer asked"],
    ]
    assert frame["body"].tolist() == ["NHS Digital", "GP practice", "NHS Digital", "GP practice"]
    assert frame["action"].tolist()[3] == "Not a step any more"
    # An arrow joins each step still taken to the next; none leads to a step no longer asked.
    links = route_links(frame)
    assert links[["regime", "position", "next_position"]].values.tolist() == [["Before", 1, 2]]


def test_a_broken_route_is_refused() -> None:
    gap = _rules(
        ("old", "route_step", "1", "nhs_digital"),
        ("old", "route_step", "3", "gp_practice"),
        ("old", "refusal_point", "nhs_digital", "yes"),
        ("old", "refusal_point", "gp_practice", "yes"),
    )
    with pytest.raises(RulesError, match=r"numbers its route steps \[1, 3\]"):
        request_route(gap, "old")
    unrefusable = _rules(("old", "route_step", "1", "courts"), ("old", "refusal_point", "nhs_digital", "yes"))
    with pytest.raises(RulesError, match="through 'courts', which has no refusal_point row"):
        request_route(unrefusable, "old")
    unnumbered = _rules(
        ("old", "route_step", "first", "nhs_digital"), ("old", "refusal_point", "nhs_digital", "yes")
    )
    with pytest.raises(RulesError, match="route_step item 'first'"):
        request_route(unnumbered, "old")
    silent = _rules(("old", "route_step", "1", "nhs_digital"), ("old", "refusal_point", "nhs_digital", "yes"))
    silent.loc[0, "detail"] = pd.NA
    with pytest.raises(RulesError, match="route_step '1' does not say what happens"):
        request_route(silent, "old")


def test_terms_are_ordered_by_term_then_regime_and_named_for_readers(book_data: BookData) -> None:
    rules = _rules(
        ("new-terms", "threshold", "-", "Serious crime"),
        ("old-terms", "response_time", "-", "Ten days"),
        ("old-terms", "threshold", "-", "Any offence"),
        ("new-terms", "threshold", "as_put", "A serious offence"),
    )
    table = terms_table(rules, book_data.regimes, ["old-terms", "new-terms"], ["threshold", "response_time"])
    assert table[["dimension", "regime", "item"]].values.tolist() == [
        ["threshold", "old-terms", "-"],
        ["threshold", "new-terms", "-"],
        ["threshold", "new-terms", "as_put"],
        ["response_time", "old-terms", "-"],
    ]
    assert table["term"].tolist()[0] == "Test for disclosure"
    assert table["period"].tolist() == ["Before", "Memorandum", "Memorandum", "Before"]
    assert cell(rules, "old-terms", "response_time")["value"] == "Ten days"


def test_rows_are_ordered_by_dimension_then_item_then_regime() -> None:
    rules = _rules(
        ("new", "requester", "police", "yes"),
        ("old", "requester", "home_office", "yes"),
        ("old", "requester", "police", "no"),
        ("new", "requester", "home_office", "yes"),
        ("old", "threshold", "-", "Serious crime"),
    )
    ordered = ordered_rows(rules, ["old", "new"], ["threshold", "requester"])
    assert ordered[["dimension", "item", "regime"]].values.tolist() == [
        ["threshold", "-", "old"],
        ["requester", "police", "old"],
        ["requester", "police", "new"],
        ["requester", "home_office", "old"],
        ["requester", "home_office", "new"],
    ]


def test_requesters_are_named_for_readers(book_data: BookData) -> None:
    rules = _rules(
        ("old-terms", "requester", "police", "yes"),
        ("old-terms", "requester", "national_crime_agency", "yes"),
        ("old-terms", "requester", "home_office", "yes"),
    )
    table = requesters_table(rules, book_data.regimes, ["old-terms"])
    assert table["requester"].tolist() == ["Police", "National Crime Agency", "Home Office"]
    assert set(table["period"]) == {"Before"}


def test_matrix_cells_mark_what_was_newly_disclosed() -> None:
    rules = _rules(
        ("old", "data_item", "name", "yes"),
        ("old", "data_item", "address", "no"),
        ("new", "data_item", "name", "yes"),
        ("new", "data_item", "address", "yes"),
    )
    cells = items_grid_frame(data_items_matrix(rules, "old", "new"), "Before", "After")
    assert cells[["item", "period", "status"]].values.tolist() == [
        ["Name", "Before", "Disclosed"],
        ["Name", "After", "Disclosed"],
        ["Address", "Before", "Not disclosed"],
        ["Address", "After", "Newly disclosed"],
    ]
    disputed = rules.copy()
    disputed.loc[1, "value"] = "disputed"
    statuses = items_grid_frame(data_items_matrix(disputed, "old", "new"), "Before", "After")["status"]
    assert statuses.tolist()[2:] == ["Sources disagree", "Written into the rules"]
    assert cells["locator"].tolist()[3] == "para 3"
    rules.loc[0, "detail"] = pd.NA
    assert items_grid_frame(data_items_matrix(rules, "old", "new"), "Before", "After")["detail"][0] == ""


def test_stages_are_put_in_their_order_and_unknown_stages_refused() -> None:
    rules = _rules(
        ("act", "legal_basis", "-", "Section 35"),
        ("act", "legal_basis", "bill-2", "Clause 30"),
        ("act", "legal_basis", "bill-1", "Clause 29"),
    )
    ordered = in_stage_order(rules, "act", "legal_basis", ["bill-1", "bill-2", "-"])
    assert ordered["value"].tolist() == ["Clause 29", "Clause 30", "Section 35"]
    with pytest.raises(RulesError, match=r"entries for act with no place in the stage order: \['-'\]"):
        in_stage_order(rules, "act", "legal_basis", ["bill-1", "bill-2"])
