"""The comparison of regimes in words: one cell per regime and question, each with its sources."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tracingbook.analysis.periods import period_label
from tracingbook.analysis.regimes import (
    ANSWERS,
    ENUMERATED,
    MATRIX_DIMENSIONS,
    PEOPLE_AFFECTED,
    RateSpec,
    Sources,
    affected_figures,
    answers,
    check_regimes_known,
    cited,
    corrections,
    headline,
    latest_figure,
    rates_frame,
    regime_rows,
)
from tracingbook.data.load import BookData
from tracingbook.page.charts import answer_scale, cell_answer, header_lines
from tracingbook.page.tables import source_label
from tracingbook.page.tooltips import tooltips
from tracingbook.page.words import (
    NOT_STATED,
    STATED,
    heading,
    label,
    labels,
    qualified,
    qualified_mark,
    regime_label,
)


@dataclass(frozen=True)
class Cell:
    """What the sources say about one regime on one question: in full, and as a short label."""

    regime: str
    dimension: str
    text: str
    label: str
    sources: Sources

    @property
    def stated(self) -> bool:
        return bool(self.sources)


def source_line(data: BookData, sources: Sequence[tuple[str, str]]) -> str:
    """'Publisher, date, locator; ...' for a tooltip, or NOT_STATED when there is no source."""
    return (
        "; ".join(f"{source_label(data, source_id)}, {locator}" for source_id, locator in sources)
        or NOT_STATED
    )


def _with_detail(value: object, detail: object) -> str:
    """A statement with its detail in brackets, when the row gives one."""
    if detail is None or pd.isna(detail) or not str(detail).strip():
        return str(value)
    return f"{value} ({detail})"


def _enumerated_cell(regime: str, dimension: str, rows: pd.DataFrame) -> Cell:
    grouped = answers(rows, regime, dimension)
    if dimension == "court_order_needed":
        value = str(rows["value"].iloc[0])
        return Cell(regime, dimension, _with_detail(value, rows["detail"].iloc[0]), value, cited(rows))
    text = "; ".join(
        f"{answer}: {', '.join(labels('item', items))}" for answer, items in grouped.items() if items
    )
    # A matrix cell is narrow: it counts the yes and conditional answers.
    counted = [
        f"{len(grouped[answer])} {label('answer_short', answer)}"
        for answer in ("yes", "conditional")
        if grouped[answer]
    ]
    return Cell(regime, dimension, text, ", ".join(counted) if counted else "none", cited(rows))


def rule_cell(rules: pd.DataFrame, regime: str, dimension: str) -> Cell:
    """The cell for one regime and one rules.csv dimension."""
    rows = regime_rows(rules, regime, dimension)
    if rows.empty:
        return Cell(regime, dimension, NOT_STATED, "—", ())
    if dimension in ENUMERATED:
        if dimension == "court_order_needed" and len(rows) != 1:
            raise ValueError(f"rules.csv: {regime} / court_order_needed has {len(rows)} rows; it takes one")
        return _enumerated_cell(regime, dimension, rows)
    chosen = headline(rows)
    text = "; ".join(
        _with_detail(value, detail) for value, detail in zip(chosen["value"], chosen["detail"], strict=True)
    )
    return Cell(regime, dimension, text, "stated", cited(chosen))


def figure_text(figure: pd.Series) -> str:
    """'more than 6,900 people whose details were released (1 Jan 2010–13 Jul 2014)'."""
    period = period_label(figure["period_start"], figure["period_end"])
    count = qualified(figure["value"], str(figure["qualifier"]))
    return f"{count} {label('measure', figure['measure'])} ({period})"


def people_affected_cell(tracing_requests: pd.DataFrame, regime: pd.Series) -> Cell:
    """The people-affected cell: every counted figure, labelled by the most recent one."""
    figures = affected_figures(tracing_requests, regime)
    if figures.empty:
        return Cell(str(regime["regime"]), PEOPLE_AFFECTED, NOT_STATED, "—", ())
    latest = latest_figure(figures)
    text = "; ".join(figure_text(figure) for _, figure in figures.iterrows())
    short = qualified_mark(latest["value"], str(latest["qualifier"]))
    return Cell(str(regime["regime"]), PEOPLE_AFFECTED, text, short, cited(figures))


def regime_status_label(regime: pd.Series) -> str:
    """'ended 2018', 'from 2015' or 'never in force', from the regime's dates."""
    if pd.notna(regime["end"]):
        return f"ended {regime['end'].year}"
    if pd.notna(regime["start"]):
        return f"from {regime['start'].year}"
    return "never in force"


def build_matrix(regimes: pd.DataFrame, rules: pd.DataFrame, tracing_requests: pd.DataFrame) -> list[Cell]:
    """Every regime × every matrix question, regimes in their table order."""
    check_regimes_known(regimes, rules)
    cells: list[Cell] = []
    for _, regime in regimes.sort_values("order").iterrows():
        for dimension in MATRIX_DIMENSIONS:
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
    rows = []
    for cell in cells:
        rows.append(
            {
                "regime": cell.regime,
                "regime_label": regime_label(data.regimes, cell.regime),
                "dimension": cell.dimension,
                "dimension_label": heading("dimension", cell.dimension),
                "label": cell.label,
                "text": cell.text,
                "stated": STATED if cell.stated else NOT_STATED,
                "sources": cell.sources,
                "source_line": source_line(data, cell.sources),
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


def side_by_side(
    rules: pd.DataFrame, regimes: pd.DataFrame, regime_ids: Iterable[str], dimensions: Iterable[str]
) -> pd.DataFrame:
    """Point-by-point comparison: one row per question and regime, with the cell's sources."""
    wanted = list(regime_ids)
    names = {regime: regime_label(regimes, regime) for regime in wanted}
    rows = []
    for dimension in dimensions:
        for regime in wanted:
            cell = rule_cell(rules, regime, dimension)
            rows.append(
                {
                    "dimension": heading("dimension", dimension),
                    "regime": names[regime],
                    "text": cell.text,
                    "sources": cell.sources,
                }
            )
    return pd.DataFrame(rows)


def corrections_table(tracing_requests: pd.DataFrame, holder: str) -> pd.DataFrame:
    """A holder's figures as first given and as corrected, with the change signed: '+1,234'."""
    found = corrections(tracing_requests, holder)
    return found.assign(
        measure=labels("measure", found["measure"]),
        change=[f"{change:+,}" for change in found["change"]],
    )


def rates_table(data: BookData, specs: Iterable[RateSpec]) -> pd.DataFrame:
    """Shares of requests that brought data back, with what was counted in words and a source line."""
    rates = rates_frame(data, specs)
    return rates.assign(
        part_measure=labels("measure", rates["part_measure"]),
        source_line=[source_line(data, sources) for sources in rates["sources"]],
    )


def unstated_count(rules: pd.DataFrame, regime: str, dimensions: Iterable[str]) -> int:
    """How many of the questions the sources leave open for one regime."""
    return sum(not rule_cell(rules, regime, dimension).stated for dimension in dimensions)


# The matrix's headers lie on their side where a column is narrower than its words.
NARROW_MATRIX = 480


def _short_answer(label: str, narrow: bool) -> str:
    """A cell's short answer, '|' between its lines: a statement says where to read it."""
    if label == "stated":
        return "see|table"
    counts = all(part.split(" ", 1)[0].isdigit() for part in label.split(", "))
    if narrow and not counts:  # 'ended 2016' on two lines; '3 yes, 2 cond.' keeps each count whole
        return label.replace(" ", "|")
    return label.replace(", ", "|")


def matrix_chart(matrix: pd.DataFrame, data: BookData, court_orders: dict[str, int]) -> Any:
    """The grid of every regime (columns, headed on top) by every question, each cell's short answer."""
    import altair as alt

    from tracingbook.page.charts import with_figures

    regime_count = len(data.regimes)
    questions = len(MATRIX_DIMENSIONS)
    order = list(data.regimes.sort_values("order")["short_label"])
    headers, padding = header_lines(order, 10)
    chart_data = matrix.drop(columns="sources").assign(
        narrow_text=[_short_answer(label, True) for label in matrix["label"]],
        wide_text=[_short_answer(label, False) for label in matrix["label"]],
        regime_row=[headers[label] for label in matrix["regime_label"]],
        dimension_row=[textwrap.fill(label, 12) for label in matrix["dimension_label"]],
        answer=[
            cell_answer(label, stated != NOT_STATED)
            for label, stated in zip(matrix["label"], matrix["stated"], strict=True)
        ],
        regime_full=[regime_label(data.regimes, regime, full=True) for regime in matrix["regime"]],
    )
    fields = "regime_full:N dimension_label:N text:N source_line:N"
    tooltip = tooltips(fields)
    narrow = f"width < {NARROW_MATRIX}"
    x = alt.X(
        "regime_row:N",
        sort=[headers[label] for label in order],
        title=None,
        axis=alt.Axis(
            orient="top",
            domain=False,
            ticks=False,
            labelPadding={"expr": f"{narrow} ? 6 : {padding}"},
            labelFontSize=11,
            labelAngle={"expr": f"{narrow} ? -90 : 0"},
            labelAlign={"expr": f"{narrow} ? 'left' : 'center'"},
            labelBaseline={"expr": f"{narrow} ? 'middle' : 'alphabetic'"},
            labelExpr=f"{narrow} ? trim(join(split(datum.label, '\\n'), ' ')) : split(datum.label, '\\n')",
        ),
    )
    y = alt.Y(
        "dimension_row:N",
        sort=[textwrap.fill(heading("dimension", key), 12) for key in MATRIX_DIMENSIONS],
        title=None,
        axis=alt.Axis(domain=False, ticks=False, labelExpr="split(datum.label, '\\n')", labelLimit=110),
    )
    base = alt.Chart(chart_data).encode(x=x, y=y, tooltip=tooltip)
    scale = answer_scale()
    answered = int((matrix["stated"] != NOT_STATED).sum())
    chart = alt.layer(
        base.mark_rect(stroke="#9aa5b1", strokeWidth=1).encode(
            color=alt.Color(
                "answer:N",
                title=None,
                scale=alt.Scale(domain=scale["domain"], range=scale["range"]),
                legend=alt.Legend(columns=2, symbolStrokeColor="#9aa5b1"),
            )
        ),
        # Dark text on the light fills, in dark mode too (the site keeps a cell's text as drawn).
        base.mark_text(fontSize=11, color="#1f2933")
        .transform_calculate(lines=f"split({narrow} ? datum.narrow_text : datum.wide_text, '|')")
        .encode(text="lines:N")
        .properties(name="house_cell_text_matrix"),
        title=(
            f"{court_orders['no']} of {regime_count} regimes need no court order; "
            f"the sources answer {answered} of {len(matrix)} questions"
        ),
        description=(
            f"A grid of {questions} questions (rows) by {regime_count} regimes (columns). "
            f"{answered} of {len(matrix)} cells are answered by the sources; "
            f"the court-order row answers no for {court_orders['no']} regimes, on a source's word or "
            f"the book's reading of the texts, and yes for {court_orders['yes']}. "
            "Each cell shows a short answer, coloured by what it says; the table under the chart gives "
            "the full statement and its source."
        ),
    ).properties(height=alt.Step(56), name="matrix")
    return with_figures(chart, chart_data, fields)


def rates_chart(rates: pd.DataFrame, *, title: str, description: str) -> Any:
    """A bar per share of requests that brought data back, labelled with its percentage."""
    import altair as alt

    from tracingbook.page.charts import HOME_OFFICE, with_figures

    chart_data = rates.drop(columns="sources").assign(
        percent=rates["percent"].round(1),
        percent_text=[f"{percent:.0f}%" for percent in rates["percent"]],
        returned=[
            f"{part:,} {measure}" for part, measure in zip(rates["part"], rates["part_measure"], strict=True)
        ],
        asked=[f"{whole:,}" for whole in rates["whole"]],
        row=[str(label).replace(", ", "\n", 1) for label in rates["label"]],
    )
    fields = "label:N period:N asked:N returned:N percent:Q:.1f source_line:N"
    bars = alt.Chart(chart_data).encode(
        y=alt.Y(
            "row:N",
            title=None,
            sort=None,
            axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=200),
        ),
        x=alt.X(
            "percent:Q",
            title="Per cent of requests",
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(tickCount=4),
        ),
        tooltip=tooltips(fields),
    )
    chart = alt.layer(
        bars.mark_bar(color=HOME_OFFICE),
        bars.mark_text(align="left", dx=4, fontSize=12).encode(text="percent_text:N"),
        title=title,
        description=description,
    ).properties(height=alt.Step(40), name="share-that-brought-data-back")
    return with_figures(chart, chart_data, fields)


def matrix_by_question(matrix: pd.DataFrame, regimes: pd.DataFrame) -> pd.DataFrame:
    """The matrix's rows ordered question by question, regimes in their table order within each."""
    question_place = {key: place for place, key in enumerate(MATRIX_DIMENSIONS)}
    regime_place = dict(zip(regimes["regime"], regimes["order"], strict=True))
    return matrix.assign(
        dimension_place=[question_place[key] for key in matrix["dimension"]],
        regime_place=[regime_place[key] for key in matrix["regime"]],
    ).sort_values(["dimension_place", "regime_place"])
