"""The claim checker: its expression language, its tolerance rules and every verdict path."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from tracingbook import BookData
from tracingbook.analysis.claims import (
    ABOUT_ACCURATE,
    ABOUT_LOOSE,
    BOUND_SLACK,
    Binary,
    Claim,
    ClaimError,
    ClaimTally,
    Confirmation,
    Figure,
    FigureRef,
    Negative,
    Number,
    Outcome,
    Verdict,
    check_all,
    check_claim,
    check_rule_claims,
    compare,
    confirmation,
    decimals,
    evaluate,
    origins_of,
    parse,
    rule_confirmation,
    tally,
    verdict_frame,
)
from tracingbook.analysis.ranges import Range, figure_range
from tracingbook.page.claims import ledger, reason, verdict_counts
from tracingbook.page.words import format_claim, format_range


def _figure(
    figure_id: str,
    value: float,
    qualifier: str = "exact",
    *,
    start: date = date(2016, 1, 1),
    end: date = date(2016, 3, 31),
    measure: str = "requests",
    source_id: str = "source-a",
    confidence: str = "high",
    origin: str = "release-1",
) -> Figure:
    return Figure(
        figure_id=figure_id,
        allowed=figure_range(value, qualifier),
        period_start=start,
        period_end=end,
        measure=measure,
        requester="Home Office",
        source_id=source_id,
        confidence=confidence,
        origin=origin,
    )


FIGURES = {
    figure.figure_id: figure
    for figure in (
        _figure("q1-2014", 725, start=date(2014, 1, 1), end=date(2014, 3, 31)),
        _figure("q1-2015", 1289, start=date(2015, 1, 1), end=date(2015, 3, 31)),
        _figure("q1-2016", 2367),
        _figure("nca-q1-2016", 550),
        _figure("year-requests", 8127, start=date(2016, 1, 1), end=date(2016, 11, 30)),
        _figure("year-traced", 5854, start=date(2016, 1, 1), end=date(2016, 11, 30), measure="traced"),
        _figure(
            "year-not-traced", 1583, start=date(2016, 1, 1), end=date(2016, 11, 30), measure="not_traced"
        ),
        _figure("year-rejected", 120, "fewer than", start=date(2016, 1, 1), end=date(2016, 11, 30)),
        _figure("since-2010", 6900, "more than", start=date(2010, 1, 1), end=date(2014, 7, 13)),
        _figure("unconfirmed", 12587, "more than", confidence="check"),
        _figure("other-source", 725, source_id="source-b", start=date(2014, 1, 1), end=date(2014, 3, 31)),
        _figure(
            "other-origin",
            725,
            source_id="source-b",
            origin="release-2",
            start=date(2014, 1, 1),
            end=date(2014, 3, 31),
        ),
    )
}


def _claim(
    stated: float,
    comparator: str = "exact",
    unit: str = "count",
    computation: str | None = "value(q1-2016)",
    derived_from: str | None = None,
    source_id: str = "source-a",
    origins: frozenset[str] = frozenset({"release-1"}),
) -> Claim:
    return Claim(
        claim_id="claim",
        source_id=source_id,
        origins=origins,
        quantity="the thing claimed",
        computation=computation,
        derived_from=derived_from,
        stated_value=stated,
        unit=unit,
        comparator=comparator,
    )


# ---------------------------------------------------------------- the language


def test_value_and_arithmetic() -> None:
    assert evaluate("value(q1-2016)", FIGURES).allowed == Range.exact(2367)
    assert evaluate("q1-2016 - q1-2015", FIGURES).allowed == Range.exact(1078)
    assert evaluate("2 * (q1-2014 + 1) / 2", FIGURES).allowed == Range.exact(726)
    assert evaluate("-q1-2014 + 725", FIGURES).allowed == Range.exact(0)


def test_growth_ratio_share_and_sum() -> None:
    growth = evaluate("growth(q1-2015, q1-2016)", FIGURES).allowed
    assert growth.low == pytest.approx(100 * (2367 / 1289 - 1))
    assert evaluate("ratio(q1-2016, q1-2014)", FIGURES).allowed.low == pytest.approx(2367 / 725)
    assert evaluate("share(nca-q1-2016, q1-2016)", FIGURES).allowed.low == pytest.approx(550 / 2367)
    assert evaluate("sum(q1-2014, q1-2015, q1-2016)", FIGURES).allowed == Range.exact(4381)


def test_per_month_and_per_year_use_the_figures_period() -> None:
    assert evaluate("per_month(year-requests)", FIGURES).allowed.low == pytest.approx(8127 / 11)
    assert evaluate("per_year(q1-2016)", FIGURES).allowed.low == pytest.approx(2367 * 4)


def test_per_month_refuses_figures_of_different_periods() -> None:
    with pytest.raises(ClaimError, match="share one period, not 2"):
        evaluate("per_month(sum(q1-2014, q1-2016))", FIGURES)


def test_between_spans_two_figures() -> None:
    assert evaluate("between(q1-2014, q1-2016)", FIGURES).allowed == Range(725, 2367)
    with pytest.raises(ClaimError, match="low end 2367 lies above the high end 725"):
        evaluate("between(q1-2016, q1-2014)", FIGURES)


def test_qualified_figures_stay_ranges() -> None:
    assert evaluate("value(since-2010)", FIGURES).allowed == Range(6901, math.inf)
    assert evaluate("value(year-rejected)", FIGURES).allowed == Range(0, 119)
    gap = evaluate("year-requests - year-traced - year-rejected", FIGURES).allowed
    assert gap == Range(8127 - 5854 - 119, 8127 - 5854)


def test_evaluation_records_the_figures_used() -> None:
    result = evaluate("growth(q1-2014, q1-2016) + q1-2014", FIGURES)
    assert result.figure_ids == ("q1-2014", "q1-2016")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("  ", "empty expression"),
        ("value(q1-2016", r"cannot read 'value\(q1-2016': '\(' was never closed"),
        ("eval(q1-2016)", "unknown function 'eval'"),
        ("__import__(os)", "unknown function '__import__'"),
        ("q1-2016(2)", "unknown function 'q1-2016'"),
        ("growth(q1-2016)", r"growth\(\) takes 2 argument\(s\), not 1"),
        ("sum()", r"sum\(\) takes at least 1 argument\(s\), not 0"),
        ("value(1 + 2)", r"value\(\) takes a figure id"),
        ("q1-2016 q1-2015", "cannot read 'q1-2016 q1-2015': invalid syntax"),
        ("q1-2016 ; 1", "unexpected character ';' at 8"),
        ("Q1-2016", "unexpected character 'Q' at 0"),
        ("q1-2016 ** 2", r"unexpected 'q1-2016 \*\* 2': an expression holds only numbers, figure ids"),
        ("q1-2016 // 2", r"unexpected 'q1-2016 // 2'"),
        ("sum(*q1-2016)", r"unexpected '\*q1-2016'"),
        ("(q1-2016, 1)", r"unexpected '\(q1-2016, 1\)'"),
    ],
)
def test_malformed_expressions_are_refused(text: str, message: str) -> None:
    with pytest.raises(ClaimError, match=message):
        parse(text)


def test_figure_ids_read_whole_though_they_hold_hyphens() -> None:
    assert parse("ho-q1-2016-requests") == FigureRef("ho-q1-2016-requests")
    assert parse("q1-2016 - q1-2015") == Binary("-", FigureRef("q1-2016"), FigureRef("q1-2015"))
    # A number comes first: 2016-q1 is 2016 minus the figure q1.
    assert parse("2016-q1") == Binary("-", Number(2016.0), FigureRef("q1"))
    # An id that looks like the stand-in used while parsing is still read as itself.
    assert parse("figure_0 + q1") == Binary("+", FigureRef("figure_0"), FigureRef("q1"))
    assert parse("-q1 * 2.5") == Binary("*", Negative(FigureRef("q1")), Number(2.5))


def test_unknown_figures_fail_loudly() -> None:
    with pytest.raises(ClaimError, match="no figure 'q5-2016'"):
        evaluate("value(q5-2016)", FIGURES)


def test_division_by_a_range_reaching_zero_is_refused() -> None:
    with pytest.raises(ClaimError, match="reaches zero"):
        evaluate("ratio(q1-2016, year-rejected)", FIGURES)


# ---------------------------------------------------------------- tolerance rules


def test_stated_precision() -> None:
    assert decimals(84.0) == 0
    assert decimals(0.25) == 2
    assert decimals(2.5) == 1


@pytest.mark.parametrize(
    ("stated", "actual", "outcome"),
    [
        (84, Range.exact(83.63), Outcome.TIGHT),  # rounds to 84
        (84, Range.exact(84.49), Outcome.TIGHT),
        (84, Range.exact(84.6), Outcome.CONTRADICTED),
        (2224, Range.exact(2244), Outcome.CONTRADICTED),  # counts must match exactly
        (2244, Range.exact(2244), Outcome.TIGHT),
        (120, Range(0, 119), Outcome.CONTRADICTED),
        (100, Range(0, 119), Outcome.UNDETERMINED),
    ],
)
def test_exact(stated: float, actual: Range, outcome: Outcome) -> None:
    assert compare(stated, "exact", actual) is outcome


@pytest.mark.parametrize(
    ("stated", "actual", "outcome"),
    [
        (225, Range.exact(226.48), Outcome.TIGHT),
        (6900, Range(6901, math.inf), Outcome.TIGHT),  # a bound restated is as tight as the data
        (8000, Range.exact(8000 * (1 + BOUND_SLACK) + 1), Outcome.LOOSE),
        (8000, Range.exact(5854), Outcome.CONTRADICTED),
        (8000, Range.exact(8000), Outcome.CONTRADICTED),
        (100, Range(69, 690), Outcome.UNDETERMINED),
    ],
)
def test_more_than(stated: float, actual: Range, outcome: Outcome) -> None:
    assert compare(stated, "more than", actual) is outcome


@pytest.mark.parametrize(
    ("stated", "actual", "outcome"),
    [
        (0.25, Range.exact(550 / 2367), Outcome.TIGHT),  # "less than a quarter"
        (120, Range(0, 119), Outcome.TIGHT),
        (120, Range.exact(120 * (1 - BOUND_SLACK) - 1), Outcome.LOOSE),
        (120, Range.exact(145), Outcome.CONTRADICTED),
        (120, Range(69, 690), Outcome.UNDETERMINED),
    ],
)
def test_fewer_than(stated: float, actual: Range, outcome: Outcome) -> None:
    assert compare(stated, "fewer than", actual) is outcome


@pytest.mark.parametrize(
    ("stated", "actual", "outcome"),
    [
        (3, Range.exact(3.095), Outcome.TIGHT),  # 3.1% off
        (3, Range.exact(2367 / 725), Outcome.LOOSE),  # "threefold" for 3.26 times: 8% off
        (10_000, Range(2758, 7092), Outcome.CONTRADICTED),
        (0.9, Range.exact(1043 / 1424), Outcome.CONTRADICTED),
        (0.9, Range.exact(1043 / 1279), Outcome.LOOSE),
        (1000, Range(900, 2000), Outcome.UNDETERMINED),
    ],
)
def test_about(stated: float, actual: Range, outcome: Outcome) -> None:
    assert compare(stated, "about", actual) is outcome


def test_about_tolerances_are_measured_against_the_actual_value() -> None:
    edge = 100 / (1 + ABOUT_ACCURATE)  # 100 is exactly 5% above this
    assert compare(100, "about", Range.exact(edge)) is Outcome.TIGHT
    assert compare(100, "about", Range.exact(edge * 0.99)) is Outcome.LOOSE
    assert compare(100, "about", Range.exact(100 / (1 + ABOUT_LOOSE) * 0.99)) is Outcome.CONTRADICTED


def test_unknown_comparator() -> None:
    with pytest.raises(ClaimError, match="unknown comparator 'roughly'"):
        compare(1, "roughly", Range.exact(1))


# ---------------------------------------------------------------- verdicts


def test_accurate() -> None:
    result = check_claim(_claim(84, unit="percent", computation="growth(q1-2015, q1-2016)"), FIGURES)
    assert result.verdict is Verdict.ACCURATE
    assert reason(result, FIGURES) == (
        "The figures give 83.6%, which bears out 84%. The book's figure comes from this same report."
    )
    assert result.checked_against == ("source-a",)


def test_accurate_against_another_outlet_of_the_same_release_is_not_independent() -> None:
    result = check_claim(_claim(725, computation="value(other-source)"), FIGURES)
    assert result.verdict is Verdict.ACCURATE
    assert result.confirmation is Confirmation.SAME_RELEASE
    assert reason(result, FIGURES) == (
        "The figures give 725, which bears out 725. Only another outlet printing the same release "
        "bears it out: the same number, not a second check."
    )
    assert result.checked_against == ("source-b",)


def test_accurate_against_a_figure_of_another_origin_is_independent() -> None:
    result = check_claim(_claim(725, computation="value(other-origin)"), FIGURES)
    assert result.confirmation is Confirmation.INDEPENDENT
    assert reason(result, FIGURES).endswith("A record of another origin bears it out.")


def test_a_claim_that_does_not_hold_has_no_confirmation() -> None:
    result = check_claim(_claim(726, computation="value(other-origin)"), FIGURES)
    assert result.verdict is Verdict.WRONG
    assert result.confirmation is None


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        # Every figure read in the claim's own report, whatever its origin.
        ([("paper", "release-1"), ("paper", "release-2")], Confirmation.OWN_REPORT),
        # Another outlet printing the claim's own release.
        ([("other", "release-1")], Confirmation.SAME_RELEASE),
        # One figure of the claim's origin is enough to withhold independence.
        ([("other", "release-2"), ("paper", "release-1")], Confirmation.SAME_RELEASE),
        ([("other", "release-2"), ("third", "release-1")], Confirmation.SAME_RELEASE),
        # Figures of other origins only, wherever they were read.
        ([("other", "release-2"), ("paper", "release-3")], Confirmation.INDEPENDENT),
        ([("other", "release-2")], Confirmation.INDEPENDENT),
    ],
)
def test_independence_needs_another_origin_not_another_outlet(
    evidence: list[tuple[str, str]], expected: Confirmation
) -> None:
    assert confirmation("paper", frozenset({"release-1"}), evidence) is expected


def test_a_claim_drawing_on_two_releases_is_independent_of_neither() -> None:
    origins = origins_of("register-2014; register-2016")
    assert origins == frozenset({"register-2014", "register-2016"})
    assert confirmation("paper", origins, [("other", "register-2016")]) is Confirmation.SAME_RELEASE
    assert confirmation("paper", origins, [("other", "register-2015")]) is Confirmation.INDEPENDENT
    with pytest.raises(ClaimError, match="no origin"):
        origins_of(" ; ")
    with pytest.raises(ClaimError, match="at least one figure"):
        confirmation("paper", origins, [])


def test_threefold_is_loosely_worded() -> None:
    claim = _claim(3, "about", "ratio", computation="ratio(q1-2016, q1-2014)")
    result = check_claim(claim, FIGURES)
    assert result.verdict is Verdict.LOOSE
    assert reason(result, FIGURES).startswith(
        "The figures give 3.26 times: about 3 times points the right way"
    )


def test_wrong() -> None:
    result = check_claim(_claim(2224, computation="sum(q1-2014, q1-2015) + 230"), FIGURES)
    assert result.verdict is Verdict.WRONG
    assert reason(result, FIGURES) == "The figures give 2,244, not 2,224."


def test_misleading_when_the_number_fits_another_figure() -> None:
    claim = _claim(8000, "more than", computation="value(year-traced)", derived_from="value(year-requests)")
    result = check_claim(claim, FIGURES)
    assert result.verdict is Verdict.MISLEADING
    assert reason(result, FIGURES) == (
        "More than 8,000 fits Home Office requests, Jan–Nov 2016, not the thing claimed, "
        "which the figures put at 5,854."
    )
    assert result.figure_ids == ("year-traced", "year-requests")


def test_misleading_says_when_the_other_figure_fits_only_loosely() -> None:
    # About 7,000 is 14% below 8,127: outside the accurate band, inside the loose one.
    claim = _claim(7000, "about", computation="value(year-traced)", derived_from="value(year-requests)")
    result = check_claim(claim, FIGURES)
    assert result.verdict is Verdict.MISLEADING
    assert reason(result, FIGURES) == (
        "About 7,000 loosely fits Home Office requests, Jan–Nov 2016, not the thing claimed, "
        "which the figures put at 5,854."
    )


@pytest.mark.parametrize(
    "derived_from",
    ["share(year-traced, sum(year-traced, year-not-traced))", "year-requests - year-traced", "2 * q1-2014"],
)
def test_a_claim_can_only_come_from_a_published_figure(derived_from: str) -> None:
    # A share the book works out was published by no one, so a claim cannot have been copied from it.
    claim = _claim(
        0.9, "about", "share", computation="share(year-traced, year-requests)", derived_from=derived_from
    )
    with pytest.raises(ClaimError, match="derived_from must name one published figure, value"):
        check_claim(claim, FIGURES)


def test_a_bare_figure_id_counts_as_one_published_figure() -> None:
    claim = _claim(8127, computation=None, derived_from="year-requests")
    assert check_claim(claim, FIGURES).verdict is Verdict.MISLEADING


def test_misleading_when_the_claimed_quantity_is_not_published() -> None:
    result = check_claim(_claim(8127, computation=None, derived_from="value(year-requests)"), FIGURES)
    assert result.verdict is Verdict.MISLEADING
    assert reason(result, FIGURES).endswith("not the thing claimed, for which no figure is published.")


def test_wrong_when_the_number_fits_nothing() -> None:
    claim = _claim(9000, computation="value(year-traced)", derived_from="value(year-requests)")
    assert check_claim(claim, FIGURES).verdict is Verdict.WRONG


def test_cannot_be_checked_without_a_figure() -> None:
    result = check_claim(_claim(2, "about", "ratio", computation=None), FIGURES)
    assert result.verdict is Verdict.UNCHECKABLE
    assert reason(result, FIGURES) == "No published figure gives the thing claimed."


def test_cannot_be_checked_when_the_figures_allow_both_answers() -> None:
    claim = _claim(100, "fewer than", computation="between(q1-2014 - 656, year-requests - year-traced)")
    result = check_claim(claim, FIGURES)
    assert result.verdict is Verdict.UNCHECKABLE
    assert reason(result, FIGURES) == (
        "The published figures allow between 69 and 2,273, which neither confirms nor rules out "
        "fewer than 100."
    )


def test_cannot_be_checked_on_an_unconfirmed_figure() -> None:
    result = check_claim(_claim(12587, "more than", computation="value(unconfirmed)"), FIGURES)
    assert result.verdict is Verdict.UNCHECKABLE
    # The figure is named as a reader knows it, never by its id.
    assert reason(result, FIGURES) == (
        "It rests on Home Office requests, Q1 2016, a figure the book has not yet confirmed, "
        "which would give at least 12,588."
    )


# ---------------------------------------------------------------- formatting


def test_format_claim_and_range() -> None:
    assert format_claim(0.25, "fewer than", "share") == "less than 25%"
    assert format_claim(225, "more than", "percent") == "more than 225%"
    assert format_claim(3, "about", "ratio") == "about 3 times"
    assert format_claim(8127, "exact", "count") == "8,127"
    assert format_range(Range(6901, math.inf), "count") == "at least 6,901"
    assert format_range(Range(0, 119), "count") == "at most 119"
    assert format_range(Range(69, 690), "count") == "between 69 and 690"


# ---------------------------------------------------------------- a whole package's claims


def test_every_claim_in_the_data_has_a_verdict_and_a_reason(book_data: BookData) -> None:
    checked = ledger(book_data)
    assert list(checked["claim_id"]) == list(book_data.claims["claim_id"])
    assert checked["verdict"].notna().all()
    assert checked["reason"].str.endswith(".").all()


def test_check_all_marks_claims_checked_only_against_their_own_source(book_data: BookData) -> None:
    data = book_data
    results = check_all(data.claims, data.tracing_requests)
    assert {result.claim.claim_id: result.verdict for result in results} == {
        "report-a-growth": Verdict.ACCURATE,
        "answer-b-requests": Verdict.WRONG,
        "memo-c-q1": Verdict.ACCURATE,
    }
    checked = verdict_frame(data.claims, results).set_index("claim_id")
    # The growth rests on the report's own figures; the memo's count on the report's copy of its release.
    assert checked.loc["report-a-growth", "confirmation"] == "own_report"
    assert checked.loc["memo-c-q1", "confirmation"] == "same_release"
    assert pd.isna(checked.loc["answer-b-requests", "confirmation"])


# ---------------------------------------------------------------- claims about the rules


def _rule_claims(*stated: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    rules = pd.DataFrame(
        {
            "regime": ["mou"] * 4,
            "dimension": ["refusal_point"] * 4,
            "item": ["yes-body", "no-body", "sometimes-body", "disputed-body"],
            "value": ["yes", "no", "conditional", "disputed"],
            "detail": ["may refuse", pd.NA, "only some", "sources differ"],
            "source_id": ["terms", "terms", "terms", "paper"],
            "locator": ["p 1", "p 2", "p 3", "p 4"],
        }
    )
    claims = pd.DataFrame(
        {
            "claim_id": [f"c{index}" for index in range(len(stated))],
            "source_id": "paper",
            "regime": "mou",
            "dimension": "refusal_point",
            "item": [item for item, _ in (value.split(":") for value in stated)],
            "stated_value": [answer for _, answer in (value.split(":") for value in stated)],
        }
    )
    return claims, rules


def test_rule_claims_are_judged_against_the_rule_they_name() -> None:
    claims, rules = _rule_claims(
        "yes-body:yes", "yes-body:no", "sometimes-body:yes", "no-body:conditional", "disputed-body:no"
    )
    sources = pd.DataFrame({"id": ["terms", "paper"], "kind": ["official", "press"]})
    checked = check_rule_claims(claims, rules, sources)
    assert checked["verdict"].tolist() == [
        Verdict.ACCURATE.value,
        Verdict.WRONG.value,
        Verdict.LOOSE.value,
        Verdict.LOOSE.value,
        Verdict.UNCHECKABLE.value,
    ]
    assert checked["rule_detail"].tolist()[1:3] == ["may refuse", "only some"]
    assert checked["rule_detail"].tolist()[3] == ""
    # The claims that hold rest on the terms themselves, an official source: independent.
    confirmed = [None if pd.isna(item) else item for item in checked["confirmation"]]
    assert confirmed == ["independent", None, "independent", "independent", None]


def test_a_rule_claim_is_independent_only_of_a_primary_source() -> None:
    primary = frozenset({"terms"})
    assert rule_confirmation("paper", "paper", primary) is Confirmation.OWN_REPORT
    assert rule_confirmation("paper", "terms", primary) is Confirmation.INDEPENDENT
    # Another outlet's account of the same terms is the same terms, reprinted.
    assert rule_confirmation("paper", "other-paper", primary) is Confirmation.SAME_RELEASE


def test_a_rule_claim_naming_no_rule_or_an_unknown_answer_is_refused() -> None:
    sources = pd.DataFrame({"id": ["terms"], "kind": ["official"]})
    claims, rules = _rule_claims("missing-body:yes")
    with pytest.raises(ClaimError, match=r"c0: rules\.csv has no row mou / refusal_point / missing-body"):
        check_rule_claims(claims, rules, sources)
    claims, rules = _rule_claims("yes-body:maybe")
    with pytest.raises(ClaimError, match="a rule claim states 'maybe'"):
        check_rule_claims(claims, rules, sources)


def test_a_rule_claim_is_checked_against_the_source_of_the_rule(book_data: BookData) -> None:
    data = book_data
    checked = check_rule_claims(data.rule_claims, data.rules, data.sources).set_index("claim_id")
    assert checked.loc["report-a-no-choice", "verdict"] == Verdict.WRONG.value
    assert checked.loc["report-a-no-choice", "rule_value"] == "yes"
    assert checked.loc["report-a-no-choice", "checked_against"] == "memo-c"
    assert pd.isna(checked.loc["report-a-no-choice", "confirmation"])


# ---------------------------------------------------------------- what the checks add up to


def test_one_tally_counts_every_claim_once_by_verdict_and_confirmation() -> None:
    numbers = pd.DataFrame(
        {
            "verdict": ["accurate", "accurate", "loose", "misleading", "wrong"],
            "confirmation": ["own_report", "same_release", "independent", None, None],
        }
    )
    rules = pd.DataFrame(
        {"verdict": ["wrong", "uncheckable", "accurate"], "confirmation": [None, None, "own_report"]}
    )
    counted = tally(numbers, rules)
    assert counted == ClaimTally(
        by_verdict={
            Verdict.ACCURATE: 3,
            Verdict.LOOSE: 1,
            Verdict.MISLEADING: 1,
            Verdict.WRONG: 2,
            Verdict.UNCHECKABLE: 1,
        },
        by_confirmation={
            Confirmation.INDEPENDENT: 1,
            Confirmation.SAME_RELEASE: 1,
            Confirmation.OWN_REPORT: 2,
        },
    )
    assert (counted.total, counted.holding) == (8, 4)
    assert list(counted.by_verdict) == list(Verdict)


@pytest.mark.parametrize(
    ("verdict", "confirmed", "message"),
    [
        ("fine", None, "unknown verdict"),
        ("accurate", None, "every claim that holds, and only those"),
        ("wrong", "own_report", "every claim that holds, and only those"),
        ("loose", "second-hand", "unknown confirmation"),
    ],
)
def test_the_tally_refuses_what_it_cannot_count(verdict: str, confirmed: str | None, message: str) -> None:
    with pytest.raises(ClaimError, match=message):
        tally(pd.DataFrame({"verdict": [verdict], "confirmation": [confirmed]}))
    with pytest.raises(ClaimError, match="no checked claims"):
        tally()


def test_a_packages_tally_counts_every_claim_once(book_data: BookData) -> None:
    data = book_data
    numbers = verdict_frame(data.claims, check_all(data.claims, data.tracing_requests))
    rules = check_rule_claims(data.rule_claims, data.rules, data.sources)
    counted = tally(numbers, rules)
    assert counted.total == len(data.claims) + len(data.rule_claims)
    assert (counted.holding, counted.by_verdict[Verdict.WRONG]) == (2, 2)
    assert counted.by_confirmation == {
        Confirmation.INDEPENDENT: 0,
        Confirmation.SAME_RELEASE: 1,
        Confirmation.OWN_REPORT: 1,
    }


def test_each_verdict_names_where_every_claim_behind_it_was_made() -> None:
    checked = pd.DataFrame(
        {
            "claim_id": ["a", "b", "c", "d"],
            "verdict": ["wrong", "wrong", "wrong", "misleading"],
            "quote": ["one", "two", "three", "four"],
            "source": ["Pulse, 2018", "BuzzFeed News, 2016", "Pulse, 2018", "Pulse, 2018"],
            "locator": ["paragraph 2", "standfirst", "paragraph 2", "paragraph 9"],
        }
    )
    counts = verdict_counts(checked).set_index("verdict")
    assert counts.loc["wrong", "claims"] == 3
    assert counts.loc["wrong", "sources"] == "BuzzFeed News, 2016, standfirst; Pulse, 2018, paragraph 2"
    assert counts.loc["misleading", "sources"] == "Pulse, 2018, paragraph 9"
    assert counts.loc["accurate", "claims"] == 0 and counts.loc["accurate", "sources"] == ""


def test_the_pages_tally_reads_the_ledgers_keys_not_its_words() -> None:
    from tracingbook.page.claims import claim_tally

    claims = pd.DataFrame(
        {
            "verdict_key": ["accurate", "wrong", "loose"],
            "verdict": ["accurate", "wrong", "accurate but loosely worded"],
            "confirmation_key": ["same_release", None, "own_report"],
        }
    )
    counted = claim_tally(claims)
    assert (counted.total, counted.holding) == (3, 2)
    assert counted.by_confirmation[Confirmation.SAME_RELEASE] == 1
