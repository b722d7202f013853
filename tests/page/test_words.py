"""The vocabulary: every key the data can hold has words, and a key without them fails loudly."""

from __future__ import annotations

import math

import pytest

from tracingbook import BookData
from tracingbook.analysis.claims import Verdict
from tracingbook.analysis.regimes import MATRIX_DIMENSIONS
from tracingbook.data.descriptor import read_descriptor
from tracingbook.page import words
from tracingbook.page.words import (
    LABELS,
    UnknownLabel,
    format_claim,
    format_value,
    heading,
    label,
    listed,
    qualified,
    qualified_mark,
    regime_label,
)

from ..conftest import DATA_DIR, PROJECT_ROOT

# The descriptor is the schema, not the facts: every value it allows needs words.
PACKAGE = read_descriptor(DATA_DIR)


def _enum(resource: str, field: str) -> list[str]:
    values = PACKAGE.resource(resource).field(field).enum
    assert values, f"{resource}.{field} has no enum"
    return list(values)


def _keys_allowed() -> list[tuple[str, str]]:
    """(kind, key) for every key the descriptor allows and the package computes."""
    keys = {
        "measure": _enum("tracing_requests", "measure"),
        "requester": _enum("tracing_requests", "requester"),
        "qualifier": _enum("tracing_requests", "qualifier"),
        "confidence": [
            *_enum("tracing_requests", "confidence"),
            *_enum("timeline", "confidence"),
            *_enum("rules", "confidence"),
        ],
        "dimension": [*_enum("rules", "dimension"), *MATRIX_DIMENSIONS],
        "side": _enum("people", "side"),
        "topic": _enum("timeline", "topic"),
        "verdict": [verdict.value for verdict in Verdict],
    }
    return sorted({(kind, str(key)) for kind, values in keys.items() for key in values})


@pytest.mark.parametrize(("kind", "key"), _keys_allowed())
def test_every_key_the_descriptor_allows_has_words(kind: str, key: str) -> None:
    assert label(kind, key).strip()


def test_every_regime_has_a_short_and_a_full_name(book_data: BookData) -> None:
    regimes = book_data.regimes
    assert regime_label(regimes, "new-terms") == "Memorandum"
    assert regime_label(regimes, "new-terms", full=True) == "Requests under the memorandum"
    with pytest.raises(UnknownLabel, match="no regime label for 'nowhere'"):
        regime_label(regimes, "nowhere")


def test_a_key_without_words_names_its_kind_and_key() -> None:
    with pytest.raises(
        UnknownLabel, match=r"no measure label for 'shoe_size': add one to LABELS\['measure'\]"
    ):
        label("measure", "shoe_size")
    with pytest.raises(UnknownLabel, match="no kind of label 'colour'"):
        label("colour", "red")


def test_one_key_one_label_across_the_book() -> None:
    # The labels that once differed from page to page.
    assert label("measure", "traced") == "requests approved and traced"
    assert label("dimension", "legal_basis") == "legal basis"
    assert label("item", "gp_area") == "GP area"
    # Headings capitalise the first letter only, so initials and names survive.
    assert heading("item", "date_of_birth") == "Date of birth"
    assert heading("item", "gp_area") == "GP area"
    assert heading("dimension", "refusal_point") == "Who can refuse"


def test_no_two_keys_of_a_kind_share_a_label() -> None:
    # Columns may share a title (publisher and source_line are both a "Source"); keys may not.
    for kind, kind_labels in LABELS.items():
        assert kind == "field" or len(set(kind_labels.values())) == len(kind_labels), kind


def test_figures_in_words() -> None:
    assert qualified(6900, "more than") == "more than 6,900"
    assert qualified(8127, "exact") == "8,127"
    assert qualified_mark(6900, "more than") == ">6,900"
    assert qualified_mark(690, "about") == "~690"
    with pytest.raises(UnknownLabel, match="no qualifier label for 'roughly'"):
        qualified(1, "roughly")
    assert format_value(math.inf, "count") == "no upper limit"
    assert format_value(0.232, "share") == "23.2%"
    with pytest.raises(UnknownLabel, match="no words for the unit 'furlongs'"):
        format_value(1, "furlongs")
    assert listed(["a"]) == "a"
    assert listed(["a", "b", "c"]) == "a, b and c"


def test_tooltips_take_their_titles_from_the_vocabulary() -> None:
    from tracingbook.page.tooltips import tooltips

    tips = [tip.to_dict() for tip in tooltips("period:N per_month_shown:Q:,.1f status:N", status="Returned?")]
    assert tips == [
        {"field": "period", "type": "nominal", "title": "Period"},
        {"field": "per_month_shown", "type": "quantitative", "title": "Per month", "format": ",.1f"},
        {"field": "status", "type": "nominal", "title": "Returned?"},
    ]
    with pytest.raises(UnknownLabel, match="no field label for 'shoe_size'"):
        tooltips("shoe_size:N")


def test_table_headings_refuse_an_unknown_table() -> None:
    with pytest.raises(UnknownLabel, match="no headings for the table 'nowhere'"):
        words.table_headings("nowhere")


def test_side_by_side_tables_share_one_set_of_headings() -> None:
    assert words.table_headings("side-by-side")["regime"] == "Arrangement"


def _dict_labels_in_chapters() -> list[str]:
    """Every labels={...} or .map({...}) written into a chapter's code instead of the vocabulary."""
    import ast

    import nbformat

    found = []
    for notebook in sorted(PROJECT_ROOT.glob("book/*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        for number, cell in enumerate(cells, start=1):
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if not isinstance(node, ast.Call):
                    continue
                literal_labels = any(
                    k.arg == "labels" and isinstance(k.value, ast.Dict) for k in node.keywords
                )
                mapped = (
                    isinstance(node.func, ast.Attribute)
                    and node.func.attr == "map"
                    and any(isinstance(a, ast.Dict) for a in node.args)
                )
                if literal_labels or mapped:
                    found.append(f"{notebook.name} cell {number}, line {node.lineno}")
    return found


def test_chapters_take_their_labels_from_the_vocabulary() -> None:
    assert _dict_labels_in_chapters() == []


# ---------------------------------------------------------------- agreement


@pytest.mark.parametrize(
    ("count", "phrase"),
    [
        (0, "0 claims are wrong"),
        (1, "1 claim is wrong"),
        (2, "2 claims are wrong"),
        (1021, "1,021 claims are wrong"),
    ],
)
def test_a_count_takes_the_words_that_agree_with_it(count: int, phrase: str) -> None:
    assert words.counted(count, "claim is wrong", "claims are wrong") == phrase


def test_a_count_of_none_can_have_its_own_phrase() -> None:
    assert words.counted(0, "claim is wrong", "claims are wrong", "none is wrong") == "none is wrong"
    assert words.counted(2, "claim is wrong", "claims are wrong", "none is wrong") == "2 claims are wrong"


def test_agreement_needs_a_whole_count() -> None:
    assert words.agreeing(1, "is", "are") == "is"
    assert words.agreeing(3, "is", "are") == "are"
    for bad in (1.0, True, "1"):
        with pytest.raises(TypeError, match="agreement needs a whole count"):
            words.agreeing(bad, "is", "are")  # type: ignore[arg-type]


def test_topics_and_sides_have_words() -> None:
    for topic in _enum("timeline", "topic"):
        assert label("topic", topic)
    for side in _enum("people", "side"):
        assert label("side", side)


def test_every_type_the_descriptor_may_declare_has_words() -> None:
    from tracingbook.data.descriptor import TYPES

    assert [label("type", kind) for kind in TYPES]


@pytest.mark.parametrize(
    ("stated", "comparator", "unit", "expected"),
    [
        (-0.0, "more than", "ratio", "more than 0 times"),
        (-0.0, "exact", "count", "0"),
        (-0.0, "exact", "percent", "0%"),
        (-0.0, "about", "share", "about 0%"),
        (-2.0, "exact", "ratio", "-2 times"),
    ],
)
def test_a_claim_never_reads_negative_zero(stated: float, comparator: str, unit: str, expected: str) -> None:
    assert format_claim(stated, comparator, unit) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(-0.0, "ratio", "0.00 times"), (-0.001, "percent", "0.0%"), (-0.0, "count", "0"), (-0.3, "count", "0")],
)
def test_a_value_never_reads_negative_zero(value: float, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_a_bound_is_rounded_without_crossing_it() -> None:
    from tracingbook.page.words import rounded_within

    assert rounded_within(299.7, "more than") == 299
    assert rounded_within(10.1, "fewer than") == 11
    assert rounded_within(299.7, "exact") == 300
    assert rounded_within(299.5, "about") == 300
