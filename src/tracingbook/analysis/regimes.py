"""Compare the data-sharing regimes: one cell per regime and dimension, each with its sources.

The cells come from ``rules.csv`` (what each arrangement allowed) and, for the
people affected, from ``tracing_requests.csv``. Nothing is filled in: a cell the
sources leave empty says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from tracingbook.analysis.periods import period_label
from tracingbook.data.load import BookData
from tracingbook.page.tables import source_label

NOT_STATED = "not stated in the sources"

# The matrix's columns, in reading order: (key, heading). All but the last are
# dimensions of rules.csv; "people_affected" is drawn from tracing_requests.csv.
MATRIX_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("data_item", "Data disclosed"),
    ("requester", "Who may request"),
    ("legal_basis", "Legal basis"),
    ("threshold", "Threshold"),
    ("court_order_needed", "Court order needed"),
    ("refusal_point", "Independent points of refusal"),
    ("transparency", "Transparency"),
    ("status", "Status"),
    ("people_affected", "People affected"),
)
PEOPLE_AFFECTED = "people_affected"
# Headings for the dimensions that only the point-by-point tables show.
DIMENSION_NAMES: Mapping[str, str] = dict(MATRIX_DIMENSIONS) | {
    "criteria": "Criteria",
    "scope": "Scope",
    "oversight": "Oversight",
    "retention": "Onward use and retention",
    "response_time": "Response time",
}

# Dimensions whose entries each answer yes, no or conditional, or are disputed by the sources.
ENUMERATED = ("data_item", "requester", "refusal_point", "court_order_needed")
ANSWERS = ("yes", "conditional", "disputed", "no")

# Measures that count people (or their records) whose details reached the requester.
AFFECTED_MEASURES: Mapping[str, str] = {
    "people_released": "people's details released",
    "traced": "requests answered with a trace",
    "records_returned": "pupil records returned",
}

# How the rules' item keys read in prose; any other key is shown with spaces for underscores.
ITEM_NAMES: Mapping[str, str] = {
    "date_of_birth": "date of birth",
    "gp_area": "GP's area",
    "gp_practice": "GP practice",
    "registration_date": "registration date",
    "clinical": "clinical information",
    "home_office": "Home Office",
    "police": "police",
    "national_crime_agency": "National Crime Agency",
    "courts": "courts",
    "nhs_digital": "NHS Digital",
    "area_team": "local NHS area",
    "department": "the department",
    "any_held_information": "any information held",
    "specified_persons": "bodies listed in Schedule 4",
    "data_holder": "the body holding the data",
    "benefits_use": "benefit use",
    "federal_authorities": "federal authorities",
    "benefit_agencies": "benefit agencies",
    "personal_information": "personal information",
    "nationality_once_collected": "nationality once collected",
}


@dataclass(frozen=True)
class Cell:
    """What the sources say about one regime on one dimension."""

    regime: str
    dimension: str
    text: str
    label: str
    sources: tuple[tuple[str, str], ...]

    @property
    def stated(self) -> bool:
        return bool(self.sources)


def item_name(item: str) -> str:
    """A rules.csv item key as a reader sees it."""
    return ITEM_NAMES.get(item, item.replace("_", " "))


def _answer_counts(rows: pd.DataFrame, regime: str, dimension: str) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {answer: [] for answer in ANSWERS}
    for item, value in zip(rows["item"], rows["value"], strict=True):
        if value not in answers:
            raise ValueError(
                f"rules.csv: {regime} / {dimension} / {item} has value {value!r}; "
                f"this dimension takes only {', '.join(ANSWERS)}"
            )
        answers[value].append(item_name(str(item)))
    return answers


def _sources(rows: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for source_id, locator in zip(rows["source_id"], rows["locator"], strict=True):
        seen[(str(source_id), str(locator))] = None
    return tuple(seen)


def _with_detail(value: object, detail: object) -> str:
    """A statement with its detail in brackets, when the row gives one."""
    if detail is None or pd.isna(detail) or not str(detail).strip():
        return str(value)
    return f"{value} ({detail})"


def _enumerated_cell(regime: str, dimension: str, rows: pd.DataFrame) -> Cell:
    answers = _answer_counts(rows, regime, dimension)
    if dimension == "court_order_needed":
        value = str(rows["value"].iloc[0])
        return Cell(regime, dimension, _with_detail(value, rows["detail"].iloc[0]), value, _sources(rows))
    text = "; ".join(f"{answer}: {', '.join(names)}" for answer, names in answers.items() if names)
    # Chart labels must fit a narrow cell, hence "cond." for conditional.
    counted = [
        f"{len(answers[answer])} {short}"
        for answer, short in (("yes", "yes"), ("conditional", "cond."))
        if answers[answer]
    ]
    label = ", ".join(counted) if counted else "none"
    return Cell(regime, dimension, text, label, _sources(rows))


def _statement_cell(regime: str, dimension: str, rows: pd.DataFrame) -> Cell:
    # The entry '-' is the dimension's headline; other entries (such as bill stages) are
    # detail for the chapters. Without a headline, every entry belongs in the cell.
    headline = rows[rows["item"] == "-"]
    chosen = headline if len(headline) else rows
    text = "; ".join(
        _with_detail(value, detail) for value, detail in zip(chosen["value"], chosen["detail"], strict=True)
    )
    return Cell(regime, dimension, text, "stated", _sources(chosen))


def rule_cell(rules: pd.DataFrame, regime: str, dimension: str) -> Cell:
    """The cell for one regime and one rules.csv dimension."""
    rows = rules[(rules["regime"] == regime) & (rules["dimension"] == dimension)]
    if rows.empty:
        return Cell(regime, dimension, NOT_STATED, "—", ())
    if dimension in ENUMERATED:
        if dimension == "court_order_needed" and len(rows) != 1:
            raise ValueError(f"rules.csv: {regime} / court_order_needed has {len(rows)} rows; it takes one")
        return _enumerated_cell(regime, dimension, rows)
    return _statement_cell(regime, dimension, rows)


def _inside(start: pd.Timestamp, end: pd.Timestamp, regime: pd.Series) -> bool:
    after_start = pd.isna(regime["start"]) or start >= regime["start"]
    before_end = pd.isna(regime["end"]) or end <= regime["end"]
    return bool(after_start and before_end)


def affected_figures(tracing_requests: pd.DataFrame, regime: pd.Series) -> pd.DataFrame:
    """The Home Office's figures for people reached under one regime, longest periods first.

    A figure counts when its holder is the regime's data holder, it measures people
    (or records) released, it has not been superseded by a correction, and its period
    falls within the regime's dates. A figure whose period lies inside another
    counted figure's period of the same measure adds nothing and is left out.
    """
    empty = tracing_requests.iloc[0:0]
    if pd.isna(regime["data_holder"]):
        return empty
    candidates = tracing_requests[
        (tracing_requests["holder"] == regime["data_holder"])
        & (tracing_requests["requester"] == "Home Office")
        & (tracing_requests["measure"].isin(list(AFFECTED_MEASURES)))
        & (tracing_requests["superseded_by"].isna())
    ]
    candidates = candidates[
        [
            _inside(start, end, regime)
            for start, end in zip(candidates["period_start"], candidates["period_end"], strict=True)
        ]
    ]
    candidates = candidates.assign(days=(candidates["period_end"] - candidates["period_start"]).dt.days)
    candidates = candidates.sort_values(["days", "period_end", "figure_id"], ascending=[False, False, True])
    kept: list[int] = []
    for index, figure in candidates.iterrows():
        covered = any(
            candidates.at[other, "measure"] == figure["measure"]
            and candidates.at[other, "period_start"] <= figure["period_start"]
            and figure["period_end"] <= candidates.at[other, "period_end"]
            for other in kept
        )
        if not covered:
            kept.append(index)
    return candidates.loc[kept].drop(columns="days")


def figure_text(figure: pd.Series) -> str:
    """'more than 6,900 people's details released (1 Jan 2010–13 Jul 2014)'."""
    qualifier = "" if figure["qualifier"] == "exact" else f"{figure['qualifier']} "
    period = period_label(figure["period_start"], figure["period_end"])
    return f"{qualifier}{int(figure['value']):,} {AFFECTED_MEASURES[str(figure['measure'])]} ({period})"


# How a short matrix label shows a figure's qualifier (every enum value of the column).
QUALIFIER_MARKS = {"exact": "", "about": "~", "more than": ">", "fewer than": "<"}


def people_affected_cell(tracing_requests: pd.DataFrame, regime: pd.Series) -> Cell:
    """The people-affected cell: every counted figure, labelled by the most recent one."""
    figures = affected_figures(tracing_requests, regime)
    if figures.empty:
        return Cell(str(regime["regime"]), PEOPLE_AFFECTED, NOT_STATED, "—", ())
    latest = figures.sort_values(["period_end", "figure_id"]).iloc[-1]
    label = f"{QUALIFIER_MARKS[str(latest['qualifier'])]}{int(latest['value']):,}"
    text = "; ".join(figure_text(figure) for _, figure in figures.iterrows())
    return Cell(str(regime["regime"]), PEOPLE_AFFECTED, text, label, _sources(figures))


def regime_status_label(regime: pd.Series) -> str:
    """'ended 2018', 'from 2015' or 'never in force', from the regime's dates."""
    if pd.notna(regime["end"]):
        return f"ended {regime['end'].year}"
    if pd.notna(regime["start"]):
        return f"from {regime['start'].year}"
    return "never in force"


def build_matrix(regimes: pd.DataFrame, rules: pd.DataFrame, tracing_requests: pd.DataFrame) -> list[Cell]:
    """Every regime × every matrix dimension, regimes in their table order."""
    unknown = sorted(set(rules["regime"]) - set(regimes["regime"]))
    if unknown:
        raise ValueError(f"rules.csv names regimes that regimes.csv lacks: {', '.join(unknown)}")
    cells: list[Cell] = []
    for _, regime in regimes.sort_values("order").iterrows():
        for dimension, _heading in MATRIX_DIMENSIONS:
            if dimension == PEOPLE_AFFECTED:
                cells.append(people_affected_cell(tracing_requests, regime))
                continue
            cell = rule_cell(rules, str(regime["regime"]), dimension)
            if dimension == "status" and cell.stated:
                cell = Cell(cell.regime, cell.dimension, cell.text, regime_status_label(regime), cell.sources)
            cells.append(cell)
    return cells


def matrix_frame(cells: Iterable[Cell], data: BookData) -> pd.DataFrame:
    """One row per cell, with reader-facing names, the cell's sources and a one-line source text."""
    headings = dict(MATRIX_DIMENSIONS)
    short = dict(zip(data.regimes["regime"], data.regimes["short_label"], strict=True))
    rows = []
    for cell in cells:
        rows.append(
            {
                "regime": cell.regime,
                "regime_label": short[cell.regime],
                "dimension": cell.dimension,
                "dimension_label": headings[cell.dimension],
                "label": cell.label,
                "text": cell.text,
                "stated": "stated in the sources" if cell.stated else NOT_STATED,
                "sources": cell.sources,
                "source_line": "; ".join(
                    f"{source_label(data, source_id)}, {locator}" for source_id, locator in cell.sources
                )
                or NOT_STATED,
            }
        )
    return pd.DataFrame(rows)


def count_answers(cells: Iterable[Cell], dimension: str) -> dict[str, int]:
    """For a one-answer dimension such as court_order_needed: how many regimes give each answer."""
    counts = {answer: 0 for answer in ANSWERS} | {NOT_STATED: 0}
    for cell in cells:
        if cell.dimension != dimension:
            continue
        # The label holds the bare answer; the text may add the row's detail.
        key = cell.label if cell.stated else NOT_STATED
        if key not in counts:
            raise ValueError(f"{cell.regime} / {dimension} answers {key!r}, not one of {', '.join(counts)}")
        counts[key] += 1
    return counts


def refusal_points(rules: pd.DataFrame, regime: str) -> int | None:
    """How many bodies other than the requester could refuse (yes or conditional); None if unstated."""
    rows = rules[(rules["regime"] == regime) & (rules["dimension"] == "refusal_point")]
    if rows.empty:
        return None
    answers = _answer_counts(rows, regime, "refusal_point")
    return len(answers["yes"]) + len(answers["conditional"])


def match_rate(returned: int, requested: int) -> float:
    """Share (0-1) of requests that brought data back."""
    if requested <= 0:
        raise ValueError(f"a match rate needs a positive number of requests, not {requested}")
    if not 0 <= returned <= requested:
        raise ValueError(f"{returned} returned cannot come from {requested} requests")
    return returned / requested


def side_by_side(
    rules: pd.DataFrame, regimes: pd.DataFrame, regime_ids: Iterable[str], dimensions: Iterable[str]
) -> pd.DataFrame:
    """Point-by-point comparison: one row per dimension and regime, with the cell's sources."""
    short = dict(zip(regimes["regime"], regimes["short_label"], strict=True))
    wanted = list(regime_ids)
    missing = [regime for regime in wanted if regime not in short]
    if missing:
        raise ValueError(f"regimes.csv has no regime {', '.join(missing)}")
    rows = []
    for dimension in dimensions:
        for regime in wanted:
            cell = rule_cell(rules, regime, dimension)
            rows.append(
                {
                    "dimension": DIMENSION_NAMES.get(dimension, dimension.replace("_", " ")),
                    "regime": short[regime],
                    "text": cell.text,
                    "sources": cell.sources,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- figures side by side

MEASURE_NAMES: Mapping[str, str] = {
    "requests": "requests",
    "traced": "requests answered with a trace",
    "not_traced": "approved but not traced",
    "rejected": "rejected",
    "records_returned": "records returned",
    "not_matched": "requests not matched",
    "requests_with_data_shared": "requests that led to sharing",
    "pupils_shared": "pupils whose data were shared",
    "people_released": "people's details released",
}


def corrections(tracing_requests: pd.DataFrame, holder: str) -> pd.DataFrame:
    """Each superseded figure of one data holder beside its correction, in file order."""
    by_id = tracing_requests.set_index("figure_id")
    firsts = tracing_requests[
        (tracing_requests["holder"] == holder) & tracing_requests["superseded_by"].notna()
    ]
    rows = []
    for _, first in firsts.iterrows():
        corrected_id = str(first["superseded_by"])
        if corrected_id not in by_id.index:
            raise ValueError(
                f"{first['figure_id']} is superseded by {corrected_id}, which tracing_requests.csv lacks"
            )
        corrected = by_id.loc[corrected_id]
        if corrected["measure"] != first["measure"] or corrected["requester"] != first["requester"]:
            raise ValueError(
                f"{corrected_id} does not correct the same requester and measure as {first['figure_id']}"
            )
        rows.append(
            {
                "requester": first["requester"],
                "measure": MEASURE_NAMES.get(str(first["measure"]), str(first["measure"])),
                "period": period_label(first["period_start"], first["period_end"]),
                "first": int(first["value"]),
                "corrected": int(corrected["value"]),
                "change": int(corrected["value"]) - int(first["value"]),
                "sources": (
                    (str(first["source_id"]), str(first["locator"])),
                    (str(corrected["source_id"]), str(corrected["locator"])),
                ),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class RateSpec:
    """A share to compute: ``part`` out of ``whole``, both figure ids of tracing_requests."""

    label: str
    part: str
    whole: str


def rates_frame(data: BookData, specs: Iterable[RateSpec]) -> pd.DataFrame:
    """One row per share, in percent, with both figures and their sources."""
    rows = []
    for spec in specs:
        part, whole = data.figure(spec.part), data.figure(spec.whole)
        for column in ("requester", "holder", "period_start", "period_end"):
            if part[column] != whole[column]:
                raise ValueError(
                    f"{spec.part} and {spec.whole} differ in {column} ({part[column]} / {whole[column]}): "
                    "a share needs both figures from the same requester, holder and period"
                )
        for figure in (part, whole):
            if figure["qualifier"] != "exact":
                raise ValueError(
                    f"{figure['figure_id']} is '{figure['qualifier']}' a number, not exact: no share"
                )
        sources = tuple(
            dict.fromkeys((str(figure["source_id"]), str(figure["locator"])) for figure in (part, whole))
        )
        rows.append(
            {
                "label": spec.label,
                "holder": part["holder"],
                "period": period_label(part["period_start"], part["period_end"]),
                "part": int(part["value"]),
                "part_measure": MEASURE_NAMES.get(str(part["measure"]), str(part["measure"])),
                "whole": int(whole["value"]),
                "percent": 100 * match_rate(int(part["value"]), int(whole["value"])),
                "sources": sources,
                "source_line": "; ".join(f"{source_label(data, sid)}, {loc}" for sid, loc in sources),
            }
        )
    return pd.DataFrame(rows)
