"""Check the press's numerical claims against the published figures.

Each row of ``claims.csv`` says how the book computes the quantity a claim
states, in a small expression language over figure ids of
``tracing_requests.csv``::

    value(id)              the figure, as the range its qualifier allows
    sum(a, b, ...)         a + b + ...
    growth(old, new)       percentage change from old to new
    ratio(a, b)            a / b
    share(part, whole)     part / whole, as a fraction
    per_month(x)           x divided by the months of its period (all its figures share one)
    per_year(x)            12 x per_month(x)
    between(low, high)     the range from the lowest value of low to the highest of high

with numbers, ``+ - * /`` and brackets. A bare figure id is read as value(id).
Nothing is passed to Python's eval: the text is parsed here, and an unknown
name, an unknown figure or a malformed expression raises ClaimError.

A verdict compares the stated value, read with its comparator, with the range
the figures allow. The tolerances are module constants, stated in
:func:`compare`'s docstring and applied the same way to every claim.

A claim is 'misleading' only when its number is a published figure that
measures something else: ``derived_from`` must therefore name one figure,
``value(id)``. A share or sum the book works out is not a number anyone
published, and a claim it happens to fit is judged on the quantity it states.

Claims about the rules (``rule_claims.csv``: "required by law", "may refuse")
are checked against the ``rules.csv`` row they bear on, by
:func:`check_rule_claims`; :func:`evidence_summary` counts both kinds together,
keeping apart the claims a second, independent source bears out from those
that only agree with the report that made them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

import pandas as pd

from tracingbook.analysis.periods import months_between, period_label
from tracingbook.analysis.ranges import Range, figure_range
from tracingbook.analysis.statistics import MEASURE_LABELS

# "about N" is accurate when N is within 5% of the actual value, and loosely
# worded up to 15%; beyond that it is wrong.
ABOUT_ACCURATE = 0.05
ABOUT_LOOSE = 0.15
# A true "more than N" / "fewer than N" is loosely worded when the actual value
# lies more than 25% beyond N: true, but it undersells or oversells the size.
BOUND_SLACK = 0.25


class ClaimError(ValueError):
    """A claim's computation cannot be read or evaluated."""


class Verdict(StrEnum):
    ACCURATE = "accurate"
    LOOSE = "accurate but loosely worded"
    MISLEADING = "misleading"
    WRONG = "wrong"
    UNCHECKABLE = "cannot be checked from public data"


VERDICT_ORDER: tuple[Verdict, ...] = tuple(Verdict)


class Outcome(Enum):
    """How a stated value fares against a range of actual values."""

    TIGHT = "holds, and is as precise as its wording promises"
    LOOSE = "holds, but loosely"
    CONTRADICTED = "is ruled out by every value the figures allow"
    UNDETERMINED = "is neither confirmed nor ruled out"


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Figure:
    """What the expressions need to know about one published figure."""

    figure_id: str
    allowed: Range
    period_start: date
    period_end: date
    measure: str
    requester: str
    source_id: str
    confidence: str

    @property
    def description(self) -> str:
        period = period_label(self.period_start, self.period_end)
        return f"{self.requester} {MEASURE_LABELS.get(self.measure, self.measure)}, {period}"


def figures_from(tracing_requests: pd.DataFrame) -> dict[str, Figure]:
    """Every row of tracing_requests as a Figure, keyed by figure_id."""
    result = {}
    for _, row in tracing_requests.iterrows():
        start, end = row["period_start"], row["period_end"]
        result[str(row["figure_id"])] = Figure(
            figure_id=str(row["figure_id"]),
            allowed=figure_range(float(row["value"]), str(row["qualifier"])),
            period_start=start.date() if isinstance(start, pd.Timestamp) else start,
            period_end=end.date() if isinstance(end, pd.Timestamp) else end,
            measure=str(row["measure"]),
            requester=str(row["requester"]),
            source_id=str(row["source_id"]),
            confidence=str(row["confidence"]),
        )
    return result


# ---------------------------------------------------------------- the expression language

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<name>[a-z0-9][a-z0-9_]*(?:-[a-z0-9_]+)*)|(?P<op>[-+*/(),]))"
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    """Split an expression into numbers, names (figure ids or functions) and operators."""
    tokens, position = [], 0
    stripped = text.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            while stripped[position].isspace():
                position += 1
            raise ClaimError(f"unexpected character {stripped[position]!r} at {position} in {text!r}")
        kind = match.lastgroup
        assert kind is not None
        tokens.append(Token(kind, match.group(kind), match.start(kind)))
        position = match.end()
    return tokens


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class FigureRef:
    figure_id: str


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[Node, ...]


@dataclass(frozen=True)
class Binary:
    operator: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Negative:
    operand: Node


Node = Number | FigureRef | Call | Binary | Negative

_ARITY: dict[str, tuple[int, int | None]] = {
    "value": (1, 1),
    "sum": (1, None),
    "growth": (2, 2),
    "ratio": (2, 2),
    "share": (2, 2),
    "per_month": (1, 1),
    "per_year": (1, 1),
    "between": (2, 2),
}
FUNCTIONS = tuple(_ARITY)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    def fail(self, message: str) -> ClaimError:
        return ClaimError(f"{message} in {self.text!r}")

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, text: str | None = None) -> Token:
        token = self.peek()
        if token is None:
            raise self.fail(
                "the expression ends too soon" if text is None else f"expected {text!r} at the end"
            )
        if text is not None and token.text != text:
            raise self.fail(f"expected {text!r} at {token.position}, found {token.text!r}")
        self.index += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise self.fail("empty expression")
        node = self.expression()
        leftover = self.peek()
        if leftover is not None:
            raise self.fail(f"unexpected {leftover.text!r} at {leftover.position}")
        return node

    def expression(self) -> Node:
        node = self.term()
        while (token := self.peek()) is not None and token.text in "+-" and token.kind == "op":
            self.take()
            node = Binary(token.text, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while (token := self.peek()) is not None and token.text in "*/" and token.kind == "op":
            self.take()
            node = Binary(token.text, node, self.factor())
        return node

    def factor(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Number(float(token.text))
        if token.text == "-":
            return Negative(self.factor())
        if token.text == "(":
            node = self.expression()
            self.take(")")
            return node
        if token.kind == "name":
            following = self.peek()
            if following is not None and following.text == "(":
                return self.call(token)
            return FigureRef(token.text)
        raise self.fail(f"unexpected {token.text!r} at {token.position}")

    def call(self, name: Token) -> Node:
        if name.text not in _ARITY:
            raise self.fail(f"unknown function {name.text!r} (known: {', '.join(FUNCTIONS)})")
        self.take("(")
        arguments = [self.expression()]
        while (token := self.peek()) is not None and token.text == ",":
            self.take()
            arguments.append(self.expression())
        self.take(")")
        least, most = _ARITY[name.text]
        if len(arguments) < least or (most is not None and len(arguments) > most):
            wanted = f"{least}" if least == most else f"at least {least}"
            raise self.fail(f"{name.text}() takes {wanted} argument(s), not {len(arguments)}")
        if name.text == "value" and not isinstance(arguments[0], FigureRef):
            raise self.fail("value() takes a figure id")
        return Call(name.text, tuple(arguments))


def parse(text: str) -> Node:
    """The syntax tree of an expression, or ClaimError saying what is wrong with it."""
    return _Parser(text).parse()


@dataclass(frozen=True)
class Evaluated:
    """An expression's value range and the figures it rests on."""

    allowed: Range
    figure_ids: tuple[str, ...] = ()
    periods: frozenset[tuple[date, date]] = field(default_factory=frozenset)


def _merge(*parts: Evaluated) -> tuple[tuple[str, ...], frozenset[tuple[date, date]]]:
    ids: list[str] = []
    for part in parts:
        ids.extend(figure_id for figure_id in part.figure_ids if figure_id not in ids)
    return tuple(ids), frozenset().union(*(part.periods for part in parts))


def evaluate(text: str, figures: Mapping[str, Figure]) -> Evaluated:
    """Evaluate an expression against the published figures."""
    return _evaluate(parse(text), figures, text)


def _evaluate(node: Node, figures: Mapping[str, Figure], text: str) -> Evaluated:
    def recurse(child: Node) -> Evaluated:
        return _evaluate(child, figures, text)

    def fail(message: str) -> ClaimError:
        return ClaimError(f"{message} in {text!r}")

    if isinstance(node, Number):
        return Evaluated(Range.exact(node.value))
    if isinstance(node, FigureRef):
        figure = figures.get(node.figure_id)
        if figure is None:
            raise fail(f"no figure {node.figure_id!r} in tracing_requests.csv")
        return Evaluated(
            figure.allowed, (figure.figure_id,), frozenset({(figure.period_start, figure.period_end)})
        )
    if isinstance(node, Negative):
        inner = recurse(node.operand)
        return Evaluated(Range.exact(0.0) - inner.allowed, inner.figure_ids, inner.periods)
    if isinstance(node, Binary):
        left, right = recurse(node.left), recurse(node.right)
        operations: dict[str, Callable[[Range, Range], Range]] = {
            "+": Range.__add__,
            "-": Range.__sub__,
            "*": Range.__mul__,
            "/": Range.__truediv__,
        }
        try:
            allowed = operations[node.operator](left.allowed, right.allowed)
        except ValueError as error:
            raise fail(str(error)) from None
        return Evaluated(allowed, *_merge(left, right))
    arguments = [recurse(argument) for argument in node.arguments]
    ids, periods = _merge(*arguments)
    try:
        allowed = _call(node.function, arguments)
    except ValueError as error:
        raise fail(f"{node.function}(): {error}") from None
    return Evaluated(allowed, ids, periods)


def _call(function: str, arguments: list[Evaluated]) -> Range:
    ranges = [argument.allowed for argument in arguments]
    if function == "value":
        return ranges[0]
    if function == "sum":
        total = ranges[0]
        for item in ranges[1:]:
            total = total + item
        return total
    if function == "growth":
        return (ranges[1] / ranges[0]).shifted(-1.0).scaled(100.0)
    if function in ("ratio", "share"):
        return ranges[0] / ranges[1]
    if function == "between":
        low, high = ranges
        if low.low > high.high:
            raise ValueError(f"the low end {low.low:g} lies above the high end {high.high:g}")
        return Range(low.low, high.high)
    if function in ("per_month", "per_year"):
        periods = arguments[0].periods
        if len(periods) != 1:
            raise ValueError(f"needs figures that share one period, not {len(periods)}")
        start, end = next(iter(periods))
        per_month = ranges[0].scaled(1.0 / months_between(start, end))
        return per_month if function == "per_month" else per_month.scaled(12.0)
    raise ValueError(f"unknown function {function!r}")


# ---------------------------------------------------------------- comparing a stated value


def decimals(value: float) -> int:
    """How many decimals a stated value was written with (84 -> 0, 0.25 -> 2)."""
    text = repr(float(value))
    if "e" in text:
        raise ClaimError(f"stated value {value!r} is too large or small to read its precision")
    fraction = text.split(".")[1].rstrip("0")
    return len(fraction)


def about_band(stated: float, tolerance: float) -> Range:
    """The actual values within ``tolerance`` (a share of the actual value) of ``stated``."""
    return Range(stated / (1 + tolerance), stated / (1 - tolerance))


def compare(stated: float, comparator: str, actual: Range) -> Outcome:
    """How ``stated``, read with its comparator, fares against the values the figures allow.

    - exact: holds when every allowed value rounds to the stated one at the
      stated precision (84 covers 83.5 to 84.5; a count must match exactly);
    - more than N: holds when every allowed value exceeds N; loosely worded
      when even the smallest exceeds N by more than BOUND_SLACK;
    - fewer than N: holds when every allowed value is below N; loosely worded
      when even the largest is more than BOUND_SLACK below N;
    - about N: holds when N is within ABOUT_ACCURATE of every allowed value,
      loosely within ABOUT_LOOSE; ruled out when no allowed value comes within
      ABOUT_LOOSE.

    Whatever cannot be settled from the allowed values is UNDETERMINED.
    """
    if comparator == "exact":
        half = 0.5 * 10 ** -decimals(stated)
        claimed = Range(max(stated - half, 0.0), stated + half)
        if claimed.contains(actual):
            return Outcome.TIGHT
        return Outcome.UNDETERMINED if claimed.overlaps(actual) else Outcome.CONTRADICTED
    if comparator == "more than":
        if actual.low > stated:
            return Outcome.LOOSE if actual.low > stated * (1 + BOUND_SLACK) else Outcome.TIGHT
        return Outcome.CONTRADICTED if actual.high <= stated else Outcome.UNDETERMINED
    if comparator == "fewer than":
        if actual.high < stated:
            return Outcome.LOOSE if actual.high < stated * (1 - BOUND_SLACK) else Outcome.TIGHT
        return Outcome.CONTRADICTED if actual.low >= stated else Outcome.UNDETERMINED
    if comparator == "about":
        if about_band(stated, ABOUT_ACCURATE).contains(actual):
            return Outcome.TIGHT
        loose = about_band(stated, ABOUT_LOOSE)
        if loose.contains(actual):
            return Outcome.LOOSE
        return Outcome.UNDETERMINED if loose.overlaps(actual) else Outcome.CONTRADICTED
    raise ClaimError(f"unknown comparator {comparator!r}: expected exact, more than, fewer than or about")


# ---------------------------------------------------------------- formatting


def format_value(value: float, unit: str) -> str:
    """One value in the claim's unit: '8,127', '83.6%', '3.26 times', '23.2%'."""
    if math.isinf(value):
        return "no upper limit"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "percent":
        return f"{value:,.1f}%"
    if unit == "ratio":
        return f"{value:.2f} times"
    if unit == "share":
        return f"{100 * value:.1f}%"
    raise ClaimError(f"unknown unit {unit!r}")


def format_range(allowed: Range, unit: str) -> str:
    """'8,127', 'at least 6,901', 'at most 119' or 'between 69 and 690'."""
    if allowed.is_exact:
        return format_value(allowed.low, unit)
    if not allowed.is_bounded:
        return f"at least {format_value(allowed.low, unit)}"
    if allowed.low == 0:
        return f"at most {format_value(allowed.high, unit)}"
    return f"between {format_value(allowed.low, unit)} and {format_value(allowed.high, unit)}"


def format_claim(stated: float, comparator: str, unit: str) -> str:
    """The claim's number with its comparator: '8,127', 'more than 225%', 'less than 25%'."""
    if unit in ("percent", "share"):
        percent = stated if unit == "percent" else 100 * stated
        places = decimals(round(percent, 10))
        value = f"{percent:,.{places}f}%"
    elif unit == "ratio":
        value = f"{stated:g} times"
    else:
        value = format_value(stated, unit)
    if comparator == "exact":
        return value
    if comparator == "fewer than" and unit != "count":
        return f"less than {value}"
    return f"{comparator} {value}"


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Claim:
    """One row of claims.csv, as the verdict needs it."""

    claim_id: str
    source_id: str
    quantity: str
    computation: str | None
    derived_from: str | None
    stated_value: float
    unit: str
    comparator: str


@dataclass(frozen=True)
class Checked:
    """A claim's verdict, the actual value behind it and the sources it was checked against."""

    claim_id: str
    verdict: Verdict
    reason: str
    actual: Range | None
    figure_ids: tuple[str, ...]
    checked_against: tuple[str, ...]


def _holds(outcome: Outcome) -> bool:
    return outcome in (Outcome.TIGHT, Outcome.LOOSE)


def _describe(evaluated: Evaluated, figures: Mapping[str, Figure], unit: str) -> str:
    if len(evaluated.figure_ids) == 1:
        return figures[evaluated.figure_ids[0]].description
    named = " and ".join(figures[figure_id].description for figure_id in evaluated.figure_ids)
    return f"{format_range(evaluated.allowed, unit)} (from {named})"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _require_one_figure(claim: Claim) -> None:
    """Refuse a derived_from that is not one published figure (see the module docstring)."""
    assert claim.derived_from is not None
    node = parse(claim.derived_from)
    if isinstance(node, Call) and node.function == "value":
        node = node.arguments[0]
    if not isinstance(node, FigureRef):
        raise ClaimError(
            f"claim {claim.claim_id}: derived_from must name one published figure, value(id), "
            f"not {claim.derived_from!r}: a number the book works out was published by no one"
        )


def check_claim(claim: Claim, figures: Mapping[str, Figure]) -> Checked:
    """The verdict on one claim, with a one-line reason built from the figures."""
    stated = format_claim(claim.stated_value, claim.comparator, claim.unit)
    used: list[str] = []
    actual: Evaluated | None = None
    derived: Evaluated | None = None
    if claim.computation:
        actual = evaluate(claim.computation, figures)
        used.extend(actual.figure_ids)
    if claim.derived_from:
        _require_one_figure(claim)
        derived = evaluate(claim.derived_from, figures)
        used.extend(figure_id for figure_id in derived.figure_ids if figure_id not in used)

    def checked(verdict: Verdict, reason: str) -> Checked:
        sources = sorted({figures[figure_id].source_id for figure_id in used})
        if sources == [claim.source_id] and verdict in (Verdict.ACCURATE, Verdict.LOOSE):
            reason += " The book's figure comes from this same report."
        return Checked(
            claim_id=claim.claim_id,
            verdict=verdict,
            reason=reason,
            actual=None if actual is None else actual.allowed,
            figure_ids=tuple(used),
            checked_against=tuple(sources),
        )

    unconfirmed = [figure_id for figure_id in used if figures[figure_id].confidence == "check"]
    if unconfirmed:
        return checked(
            Verdict.UNCHECKABLE,
            f"It rests on {', '.join(unconfirmed)}, a figure the book has not yet confirmed.",
        )

    derived_outcome = (
        None if derived is None else compare(claim.stated_value, claim.comparator, derived.allowed)
    )
    derived_holds = derived_outcome is not None and _holds(derived_outcome)
    # A number within the loose tolerance of the other figure fits it only loosely, and says so.
    fits = "loosely fits" if derived_outcome is Outcome.LOOSE else "fits"
    if actual is None:
        if derived is not None and derived_holds:
            return checked(
                Verdict.MISLEADING,
                _sentence(
                    f"{stated} {fits} {_describe(derived, figures, claim.unit)}, "
                    f"not {claim.quantity}, for which no figure is published."
                ),
            )
        return checked(Verdict.UNCHECKABLE, f"No published figure gives {claim.quantity}.")

    found = format_range(actual.allowed, claim.unit)
    outcome = compare(claim.stated_value, claim.comparator, actual.allowed)
    if outcome is Outcome.TIGHT:
        return checked(Verdict.ACCURATE, f"The figures give {found}, which bears out {stated}.")
    if outcome is Outcome.LOOSE:
        return checked(
            Verdict.LOOSE, f"The figures give {found}: {stated} points the right way but is imprecise."
        )
    if outcome is Outcome.CONTRADICTED:
        if derived is not None and derived_holds:
            return checked(
                Verdict.MISLEADING,
                _sentence(
                    f"{stated} {fits} {_describe(derived, figures, claim.unit)}, "
                    f"not {claim.quantity}, which the figures put at {found}."
                ),
            )
        return checked(Verdict.WRONG, f"The figures give {found}, not {stated}.")
    return checked(
        Verdict.UNCHECKABLE,
        f"The published figures allow {found}, which neither confirms nor rules out {stated}.",
    )


def claims_from(table: pd.DataFrame) -> list[Claim]:
    """The rows of claims.csv as Claims, in file order."""
    result = []
    for _, row in table.iterrows():
        result.append(
            Claim(
                claim_id=str(row["claim_id"]),
                source_id=str(row["source_id"]),
                quantity=str(row["quantity"]),
                computation=None if pd.isna(row["computation"]) else str(row["computation"]),
                derived_from=None if pd.isna(row["derived_from"]) else str(row["derived_from"]),
                stated_value=float(row["stated_value"]),
                unit=str(row["unit"]),
                comparator=str(row["comparator"]),
            )
        )
    return result


def check_all(claims: pd.DataFrame, tracing_requests: pd.DataFrame) -> pd.DataFrame:
    """Every claim with its verdict, reason, actual range and the sources checked against."""
    figures = figures_from(tracing_requests)
    rows = []
    for claim in claims_from(claims):
        result = check_claim(claim, figures)
        rows.append(
            {
                "claim_id": result.claim_id,
                "verdict": result.verdict.value,
                "reason": result.reason,
                "actual_low": None if result.actual is None else result.actual.low,
                "actual_high": None if result.actual is None else result.actual.high,
                "figures_used": ", ".join(result.figure_ids),
                "checked_against": ", ".join(result.checked_against),
                "only_own_source": bool(result.checked_against)
                and set(result.checked_against) == {claim.source_id},
            }
        )
    return claims.merge(pd.DataFrame(rows), on="claim_id", how="left", validate="one_to_one")


# ---------------------------------------------------------------- claims about the rules

RULE_ANSWERS = ("yes", "no", "conditional")


def _rule_verdict(stated: str, actual: str) -> Verdict:
    """How a claim's implied answer fares against what the rules say."""
    if stated not in RULE_ANSWERS:
        raise ClaimError(f"a rule claim states {stated!r}; expected one of {', '.join(RULE_ANSWERS)}")
    if actual == "disputed":
        return Verdict.UNCHECKABLE
    if actual not in RULE_ANSWERS:
        raise ClaimError(f"a rules.csv row answers {actual!r}; expected yes, no, conditional or disputed")
    if stated == actual:
        return Verdict.ACCURATE
    # Half right: the rule holds only in some cases, or the claim allows for cases the rule does not.
    if "conditional" in (stated, actual):
        return Verdict.LOOSE
    return Verdict.WRONG


def check_rule_claims(rule_claims: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Every claim about the rules, with its verdict and the rule and source it was checked against."""
    keyed = rules.set_index(["regime", "dimension", "item"])
    rows = []
    for _, claim in rule_claims.iterrows():
        key = (claim["regime"], claim["dimension"], claim["item"])
        if key not in keyed.index:
            raise ClaimError(f"claim {claim['claim_id']}: rules.csv has no row {' / '.join(map(str, key))}")
        rule = keyed.loc[key]
        verdict = _rule_verdict(str(claim["stated_value"]), str(rule["value"]))
        checked_against = str(rule["source_id"])
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "verdict": verdict.value,
                "rule_value": str(rule["value"]),
                "rule_detail": "" if pd.isna(rule["detail"]) else str(rule["detail"]),
                "checked_against": checked_against,
                "rule_locator": str(rule["locator"]),
                "only_own_source": checked_against == claim["source_id"],
            }
        )
    columns = [
        "claim_id",
        "verdict",
        "rule_value",
        "rule_detail",
        "checked_against",
        "rule_locator",
        "only_own_source",
    ]
    return rule_claims.merge(
        pd.DataFrame(rows, columns=columns), on="claim_id", how="left", validate="one_to_one"
    )


# ---------------------------------------------------------------- what the checks add up to


@dataclass(frozen=True)
class EvidenceSummary:
    """How many checked claims each kind of evidence supports."""

    checked: int
    confirmed_independently: int
    own_report_only: int
    misleading: int
    wrong: int
    uncheckable: int

    @property
    def holding(self) -> int:
        """Claims that hold, however they were confirmed."""
        return self.confirmed_independently + self.own_report_only


def evidence_summary(*checked: pd.DataFrame) -> EvidenceSummary:
    """Count verdicts over one or more checked tables (check_all, check_rule_claims).

    A claim that holds is 'confirmed independently' when at least one source it
    was checked against is not the report that made it; otherwise the check
    shows only that the report agrees with itself.
    """
    frames = [frame[["verdict", "only_own_source"]] for frame in checked]
    table = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["verdict", "only_own_source"])
    )
    unknown = sorted(set(table["verdict"]) - {verdict.value for verdict in Verdict})
    if unknown:
        raise ClaimError(f"unknown verdict(s) {', '.join(map(repr, unknown))}")
    holds = table["verdict"].isin([Verdict.ACCURATE.value, Verdict.LOOSE.value])
    own = table["only_own_source"].astype(bool)
    return EvidenceSummary(
        checked=len(table),
        confirmed_independently=int((holds & ~own).sum()),
        own_report_only=int((holds & own).sum()),
        misleading=int((table["verdict"] == Verdict.MISLEADING.value).sum()),
        wrong=int((table["verdict"] == Verdict.WRONG.value).sum()),
        uncheckable=int((table["verdict"] == Verdict.UNCHECKABLE.value).sum()),
    )
