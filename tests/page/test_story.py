"""The story's tables: people by side, claims about the rules in words."""

from __future__ import annotations

import pandas as pd
import pytest

from tracingbook import BookData
from tracingbook.page.claims import rule_claims_ledger
from tracingbook.page.story import people_table
from tracingbook.page.words import LABELS


def test_people_come_in_the_order_of_their_sides_with_the_side_in_words() -> None:
    people = pd.DataFrame(
        {
            "name": ["A judge", "A minister", "A charity head"],
            "side": ["courts", "government", "critics"],
            "period": ["2018", "2018", "2017"],
        }
    )
    table = people_table(people)
    assert table["name"].tolist() == ["A minister", "A charity head", "A judge"]
    assert table["side"].tolist() == ["government", "clinicians, charities and campaigners", "the courts"]
    with pytest.raises(KeyError, match="no place in the order: \\['bystanders'\\]"):
        people_table(people.assign(side="bystanders"))


def test_rule_claims_show_the_terms_they_are_checked_against_and_where(book_data: BookData) -> None:
    ledger = rule_claims_ledger(book_data).set_index("claim_id")
    row = ledger.loc["report-a-no-choice"]
    assert row["verdict"] == LABELS["verdict"]["wrong"]
    assert row["rule_detail"] == "May turn a request down (Example Office, 2017, page 6)"
