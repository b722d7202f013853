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
Nothing is passed to Python's eval: :mod:`ast` parses the text, only a short
list of node types is accepted from its tree, and an unknown name, an unknown
figure or a malformed expression raises ClaimError.

A verdict compares the stated value, read with its comparator, with the range
the figures allow. The tolerances are module constants, stated in
:func:`compare`'s docstring and applied the same way to every claim.

A claim is 'misleading' only when its number is a published figure that
measures something else: ``derived_from`` must therefore name one figure,
``value(id)``. A share or sum the book works out is not a number anyone
published, and a claim it happens to fit is judged on the quantity it states.

Claims about the rules (``rule_claims.csv``: "required by law", "may refuse")
are checked against the ``rules.csv`` row they bear on, by
:func:`check_rule_claims`.

A claim that holds is borne out in one of three ways (:class:`Confirmation`),
by the origins of the figures behind its verdict: the document that first
published each number (``origin`` in both tables). It is confirmed
independently only when no figure behind it shares an origin with the claim;
figures of the claim's own origin printed by another outlet are the same
release in another outlet, and figures read only in the claim's own report
show that the report agrees with itself. :func:`tally` counts every claim of
both kinds once, by verdict, and the claims that hold by confirmation: the one
count every page shows.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

import pandas as pd

from tracingbook.analysis.periods import as_date, months_between
from tracingbook.analysis.ranges import Range, figure_range

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
    """What the book concludes about a claim (the page gives each its words)."""

    ACCURATE = "accurate"
    LOOSE = "loose"
    MISLEADING = "misleading"
    WRONG = "wrong"
    UNCHECKABLE = "uncheckable"


VERDICT_ORDER: tuple[Verdict, ...] = tuple(Verdict)
HOLDING: frozenset[Verdict] = frozenset({Verdict.ACCURATE, Verdict.LOOSE})


class Confirmation(StrEnum):
    """How a claim that holds is borne out (the page gives each its words)."""

    INDEPENDENT = "independent"
    SAME_RELEASE = "same_release"
    OWN_REPORT = "own_report"


CONFIRMATION_ORDER: tuple[Confirmation, ...] = tuple(Confirmation)
ORIGIN_SEPARATOR = ";"


class Outcome(Enum):
    """How a stated value fares against a range of actual values."""

    TIGHT = "holds, and is as precise as its wording promises"
    LOOSE = "holds, but loosely"
    CONTRADICTED = "is ruled out by every value the figures allow"
    UNDETERMINED = "is neither confirmed nor ruled out"


# ---------------------------------------------------------------- claims and figures


@dataclass(frozen=True)
class Claim:
    """One row of claims.csv, as the verdict needs it."""

    claim_id: str
    source_id: str
    origins: frozenset[str]
    quantity: str
    computation: str | None
    derived_from: str | None
    stated_value: float
    unit: str
    comparator: str


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
    origin: str


def figures_from(tracing_requests: pd.DataFrame) -> dict[str, Figure]:
    """Every row of tracing_requests as a Figure, keyed by figure_id."""
    result = {}
    for _, row in tracing_requests.iterrows():
        result[str(row["figure_id"])] = Figure(
            figure_id=str(row["figure_id"]),
            allowed=figure_range(float(row["value"]), str(row["qualifier"])),
            period_start=as_date(row["period_start"]),
            period_end=as_date(row["period_end"]),
            measure=str(row["measure"]),
            requester=str(row["requester"]),
            source_id=str(row["source_id"]),
            confidence=str(row["confidence"]),
            origin=str(row["origin"]),
        )
    return result


# ---------------------------------------------------------------- the expression language

# A figure id, such as ho-q1-2016-requests, or a function name. Python would read the
# hyphens as minus signs, so each id is swapped for a plain identifier before parsing.
# A number is tried first, so that "2016-requests" stays 2016 minus requests, as written.
_WORD = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)|(?<![A-Za-z0-9_.])(?P<name>[a-z0-9][a-z0-9_]*(?:-[a-z0-9_]+)*)"
)
_ALLOWED_CHARACTERS = re.compile(r"[a-z0-9_.\s+\-*/(),]*")


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
_OPERATORS: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


def _placeholders(text: str) -> tuple[str, dict[str, str]]:
    """The text with every figure id replaced by an identifier Python reads whole, and the way back."""
    prefix = "figure_"
    while prefix in text:
        prefix += "_"
    placeholders: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        name = match.group("name")
        if name is None or name in _ARITY:
            return match.group(0)
        return placeholders.setdefault(name, f"{prefix}{len(placeholders)}")

    return _WORD.sub(swap, text), {placeholder: name for name, placeholder in placeholders.items()}


def parse(text: str) -> Node:
    """The syntax tree of an expression, or ClaimError saying what is wrong with it.

    Python's own parser reads the text; only numbers, figure ids, the known
    functions, + - * / and a leading minus are accepted from its tree.
    """
    if not text.strip():
        raise ClaimError(f"empty expression in {text!r}")
    allowed = _ALLOWED_CHARACTERS.match(text)
    assert allowed is not None
    if allowed.end() < len(text):
        raise ClaimError(f"unexpected character {text[allowed.end()]!r} at {allowed.end()} in {text!r}")
    source, names = _placeholders(text)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise ClaimError(f"cannot read {text!r}: {error.msg}") from None
    return _node(tree.body, names, text)


def _node(node: ast.expr, names: Mapping[str, str], text: str) -> Node:
    def fail(message: str) -> ClaimError:
        return ClaimError(f"{message} in {text!r}")

    def recurse(child: ast.expr) -> Node:
        return _node(child, names, text)

    # bool is an int to Python, but True is no number of this language.
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return Number(float(node.value))
    if isinstance(node, ast.Name) and node.id in names:
        return FigureRef(names[node.id])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return Negative(recurse(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return Binary(_OPERATORS[type(node.op)], recurse(node.left), recurse(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _function_call(node, names, text, [recurse(argument) for argument in node.args])
    shown = ast.unparse(node)
    for placeholder, name in names.items():
        shown = shown.replace(placeholder, name)
    functions = ", ".join(f"{name}()" for name in FUNCTIONS)
    raise fail(f"unexpected {shown!r}: an expression holds only numbers, figure ids, + - * / and {functions}")


def _function_call(node: ast.Call, names: Mapping[str, str], text: str, arguments: list[Node]) -> Node:
    assert isinstance(node.func, ast.Name)
    function = names.get(node.func.id, node.func.id)
    if function not in _ARITY:
        raise ClaimError(f"unknown function {function!r} (known: {', '.join(FUNCTIONS)}) in {text!r}")
    least, most = _ARITY[function]
    if len(arguments) < least or (most is not None and len(arguments) > most):
        wanted = f"{least}" if least == most else f"at least {least}"
        raise ClaimError(f"{function}() takes {wanted} argument(s), not {len(arguments)} in {text!r}")
    if function == "value" and not isinstance(arguments[0], FigureRef):
        raise ClaimError(f"value() takes a figure id in {text!r}")
    return Call(function, tuple(arguments))


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


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Checked:
    """A claim's verdict, what it was checked against, and how the stated value fared.

    ``actual`` and ``derived`` are the values the claim's computation and its
    ``derived_from`` expression give; ``outcome`` and ``derived_outcome`` how
    the stated value fares against each; ``unconfirmed`` the figures the
    verdict waits on; ``confirmation`` how a claim that holds is borne out
    (None for one that does not).
    """

    claim: Claim
    verdict: Verdict
    figure_ids: tuple[str, ...]
    checked_against: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    actual: Evaluated | None
    outcome: Outcome | None
    derived: Evaluated | None
    derived_outcome: Outcome | None
    confirmation: Confirmation | None


def confirmation(
    claim_source: str, claim_origins: frozenset[str], evidence: list[tuple[str, str]]
) -> Confirmation:
    """How the figures behind a claim that holds bear it out; ``evidence`` is (source id, origin) pairs.

    - own report: every figure was read in the report that made the claim;
    - independent: no figure shares an origin with the claim, so the check
      rests on another body's or document's number;
    - same release, other outlet: anything else. A figure of the claim's own
      origin is the same number however many outlets print it.
    """
    if not evidence:
        raise ClaimError("a claim that holds must rest on at least one figure")
    if all(source == claim_source for source, _ in evidence):
        return Confirmation.OWN_REPORT
    if not any(origin in claim_origins for _, origin in evidence):
        return Confirmation.INDEPENDENT
    return Confirmation.SAME_RELEASE


def origins_of(text: str) -> frozenset[str]:
    """A claim's origins, from 'a; b' (claims.csv's origin column)."""
    origins = frozenset(part.strip() for part in text.split(ORIGIN_SEPARATOR) if part.strip())
    if not origins:
        raise ClaimError(f"no origin in {text!r}")
    return origins


def _holds(outcome: Outcome | None) -> bool:
    return outcome in (Outcome.TIGHT, Outcome.LOOSE)


def _verdict(actual: Outcome | None, derived: Outcome | None, unconfirmed: bool) -> Verdict:
    if unconfirmed:
        return Verdict.UNCHECKABLE
    if actual is Outcome.TIGHT:
        return Verdict.ACCURATE
    if actual is Outcome.LOOSE:
        return Verdict.LOOSE
    # The number fits another published figure than the one it claims to state.
    if actual in (None, Outcome.CONTRADICTED) and _holds(derived):
        return Verdict.MISLEADING
    return Verdict.WRONG if actual is Outcome.CONTRADICTED else Verdict.UNCHECKABLE


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
    """The verdict on one claim, with the values and figures behind it."""
    actual = None if not claim.computation else evaluate(claim.computation, figures)
    if claim.derived_from:
        _require_one_figure(claim)
    derived = None if not claim.derived_from else evaluate(claim.derived_from, figures)
    used = tuple(
        dict.fromkeys((*(actual.figure_ids if actual else ()), *(derived.figure_ids if derived else ())))
    )
    unconfirmed = tuple(figure_id for figure_id in used if figures[figure_id].confidence == "check")
    outcome = None if actual is None else compare(claim.stated_value, claim.comparator, actual.allowed)
    derived_outcome = (
        None if derived is None else compare(claim.stated_value, claim.comparator, derived.allowed)
    )
    verdict = _verdict(outcome, derived_outcome, bool(unconfirmed))
    evidence = [(figures[figure_id].source_id, figures[figure_id].origin) for figure_id in used]
    return Checked(
        claim=claim,
        verdict=verdict,
        confirmation=(confirmation(claim.source_id, claim.origins, evidence) if verdict in HOLDING else None),
        actual=actual,
        derived=derived,
        outcome=outcome,
        derived_outcome=derived_outcome,
        unconfirmed=unconfirmed,
        figure_ids=used,
        checked_against=tuple(sorted({figures[figure_id].source_id for figure_id in used})),
    )


def claims_from(table: pd.DataFrame) -> list[Claim]:
    """The rows of claims.csv as Claims, in file order."""
    result = []
    for _, row in table.iterrows():
        result.append(
            Claim(
                claim_id=str(row["claim_id"]),
                source_id=str(row["source_id"]),
                origins=origins_of(str(row["origin"])),
                quantity=str(row["quantity"]),
                computation=None if pd.isna(row["computation"]) else str(row["computation"]),
                derived_from=None if pd.isna(row["derived_from"]) else str(row["derived_from"]),
                stated_value=float(row["stated_value"]),
                unit=str(row["unit"]),
                comparator=str(row["comparator"]),
            )
        )
    return result


def check_all(claims: pd.DataFrame, tracing_requests: pd.DataFrame) -> list[Checked]:
    """Every claim of claims.csv checked against the published figures, in file order."""
    figures = figures_from(tracing_requests)
    return [check_claim(claim, figures) for claim in claims_from(claims)]


def verdict_frame(claims: pd.DataFrame, results: list[Checked]) -> pd.DataFrame:
    """claims.csv with each claim's verdict, actual range and the sources checked against."""
    rows = [
        {
            "claim_id": result.claim.claim_id,
            "verdict": result.verdict.value,
            "actual_low": None if result.actual is None else result.actual.allowed.low,
            "actual_high": None if result.actual is None else result.actual.allowed.high,
            "figures_used": ", ".join(result.figure_ids),
            "checked_against": ", ".join(result.checked_against),
            "confirmation": None if result.confirmation is None else result.confirmation.value,
        }
        for result in results
    ]
    return claims.merge(pd.DataFrame(rows), on="claim_id", how="left", validate="one_to_one")


# ---------------------------------------------------------------- claims about the rules

RULE_ANSWERS = ("yes", "no", "conditional")
# Kinds of source (sources.csv) that state the terms themselves or the state's own account of them.
PRIMARY_KINDS = frozenset({"official", "parliament", "legislation", "court"})


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


def rule_confirmation(claim_source: str, rule_source: str, primary: frozenset[str]) -> Confirmation:
    """How the rule a claim about the rules is checked against bears it out.

    The terms are the origin of every account of them: a press or campaign
    account of the rule is the same terms in another outlet, and only a
    primary document (``primary``: the ids of sources of a PRIMARY_KINDS kind)
    confirms a claim independently.
    """
    if rule_source == claim_source:
        return Confirmation.OWN_REPORT
    return Confirmation.INDEPENDENT if rule_source in primary else Confirmation.SAME_RELEASE


def check_rule_claims(rule_claims: pd.DataFrame, rules: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every claim about the rules, with its verdict and the rule and source it was checked against."""
    keyed = rules.set_index(["regime", "dimension", "item"])
    primary = frozenset(sources.loc[sources["kind"].isin(PRIMARY_KINDS), "id"].astype(str))
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
                "confirmation": (
                    rule_confirmation(str(claim["source_id"]), checked_against, primary).value
                    if verdict in HOLDING
                    else None
                ),
            }
        )
    columns = [
        "claim_id",
        "verdict",
        "rule_value",
        "rule_detail",
        "checked_against",
        "rule_locator",
        "confirmation",
    ]
    return rule_claims.merge(
        pd.DataFrame(rows, columns=columns), on="claim_id", how="left", validate="one_to_one"
    )


# ---------------------------------------------------------------- what the checks add up to


@dataclass(frozen=True)
class ClaimTally:
    """Every claim checked, counted once by verdict, and the claims that hold by how they are borne out."""

    by_verdict: Mapping[Verdict, int]
    by_confirmation: Mapping[Confirmation, int]

    @property
    def total(self) -> int:
        return sum(self.by_verdict.values())

    @property
    def holding(self) -> int:
        """Claims that hold, accurately or loosely worded."""
        return sum(self.by_verdict[verdict] for verdict in HOLDING)


def tally(*checked: pd.DataFrame) -> ClaimTally:
    """Count the claims of one or more checked tables (verdict_frame, check_rule_claims), each once.

    Each table needs a ``verdict`` column and a ``confirmation`` column, set
    for exactly the claims that hold.
    """
    columns = ["verdict", "confirmation"]
    table = pd.concat([frame[columns] for frame in checked], ignore_index=True) if checked else None
    if table is None or table.empty:
        raise ClaimError("there are no checked claims to count")
    verdicts = {verdict.value: verdict for verdict in Verdict}
    unknown = sorted(set(table["verdict"]) - set(verdicts))
    if unknown:
        raise ClaimError(f"unknown verdict(s) {', '.join(map(repr, unknown))}")
    holds = table["verdict"].isin([verdict.value for verdict in HOLDING])
    confirmed = table["confirmation"].notna()
    if (holds != confirmed).any():
        raise ClaimError("every claim that holds, and only those, must say how it is borne out")
    unknown = sorted(set(table.loc[confirmed, "confirmation"]) - {item.value for item in Confirmation})
    if unknown:
        raise ClaimError(f"unknown confirmation(s) {', '.join(map(repr, unknown))}")
    by_verdict = table["verdict"].value_counts()
    by_confirmation = table["confirmation"].value_counts()
    return ClaimTally(
        by_verdict={verdict: int(by_verdict.get(verdict.value, 0)) for verdict in VERDICT_ORDER},
        by_confirmation={item: int(by_confirmation.get(item.value, 0)) for item in CONFIRMATION_ORDER},
    )
