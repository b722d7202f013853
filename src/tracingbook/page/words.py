"""Every word a reader sees for a key of the data, in one place.

One label per key, written as it reads inside a sentence ("date of birth",
"Home Office"); :func:`heading` capitalises it for a table or chart heading.
Looking up a key that has no label raises :class:`UnknownLabel`: a new key in
``data/`` must be given its words here before any page can show it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from tracingbook.analysis.claims import decimals
from tracingbook.analysis.ranges import Range

LABELS: Mapping[str, Mapping[str, str]] = {
    # datapackage.json, a field's type, as the data appendix describes it.
    "type": {
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "date": "date (YYYY-MM-DD)",
    },
    # tracing_requests.csv, column measure: what a figure counts.
    "measure": {
        "requests": "requests",
        "approved": "requests approved",
        "traced": "requests approved and traced",
        "not_traced": "requests approved but not traced",
        "rejected": "requests rejected",
        "releases": "releases of data",
        "people_released": "people whose details were released",
        "records_returned": "pupil records returned",
        "not_matched": "requests not matched to a pupil",
        "requests_with_data_shared": "requests that led to sharing",
        "pupils_shared": "pupils whose data were shared",
        "expected_requests_per_month": "people expected to be named each month",
    },
    # tracing_requests.csv, column requester: who asked.
    "requester": {
        "Home Office": "Home Office",
        "Police": "Police",
        "National Crime Agency": "National Crime Agency",
        "Courts": "Courts",
        "All law enforcement": "All law enforcement",
        "All requesters": "All requesters",
    },
    # rules.csv, column dimension, and the comparison's published counts: the questions asked of a regime.
    "dimension": {
        "data_item": "data disclosed",
        "requester": "who may request",
        "legal_basis": "legal basis",
        "threshold": "test for disclosure",
        "criteria": "who may be traced",
        "court_order_needed": "court order needed",
        "refusal_point": "who can refuse",
        "route_step": "route of a request",
        "response_time": "response time",
        "retention": "onward use and retention",
        "oversight": "oversight",
        "transparency": "transparency",
        "status": "status",
        "scope": "scope",
        "people_affected": "published counts",
    },
    # rules.csv, column item (and a route step's body): data items and the bodies that ask or answer.
    "item": {
        "name": "name",
        "date_of_birth": "date of birth",
        "gender": "gender",
        "address": "address",
        "gp_area": "GP area",
        "gp_practice": "GP practice",
        "registration_date": "date of NHS registration",
        "clinical": "clinical data",
        "nationality": "nationality",
        "nationality_once_collected": "nationality once collected",
        "school": "school",
        "any_held_information": "any information held",
        "personal_information": "personal information",
        "benefits_use": "benefit use",
        "home_office": "Home Office",
        "police": "police",
        "national_crime_agency": "National Crime Agency",
        "courts": "courts",
        "specified_persons": "bodies listed in Schedule 4",
        "health_bodies": "health bodies",
        "federal_authorities": "federal authorities",
        "nhs_digital": "NHS Digital",
        "area_team": "local NHS area",
        "department": "the department",
        "data_holder": "the body holding the data",
        "benefit_agencies": "benefit agencies",
    },
    # tracing_requests.csv, column qualifier: what kind of number the source published.
    "qualifier": {
        "exact": "exact",
        "more than": "lower bound",
        "fewer than": "upper bound",
        "about": "approximate",
    },
    # The confidence column of every table.
    "confidence": {"high": "high", "medium": "medium", "check": "check"},
    # analysis.claims.Verdict: what the book concludes about a claim.
    "verdict": {
        "accurate": "accurate",
        "loose": "accurate but loosely worded",
        "misleading": "misleading",
        "wrong": "wrong",
        "uncheckable": "cannot be checked from public data",
    },
    # corrections.csv, column document: the book's pages, as a reader knows them.
    "document": {
        "index": "Patients' records as immigration tools (the opening page)",
        "history": "The history",
        "rules": "The data-sharing rules",
        "patients": "Patients",
        "statistics": "The statistics",
        "claims": "Was the press right?",
        "pupil-data": "Pupil data",
        "digital-economy": "The Digital Economy Bill",
        "united-states": "The United States",
        "comparison": "The arrangements compared",
        "data": "The data behind the book",
        "rerun": "How to rerun this book",
        "references": "Sources",
        "corrections": "Corrections",
    },
    # analysis.claims.Confirmation: how a claim that holds is borne out.
    "confirmation": {
        "independent": "a record of another origin",
        "same_release": "same release, other outlet",
        "own_report": "its own report only",
    },
    # analysis.statistics.Segment: the slices of a funnel of requests.
    "outcome": {
        "traced": "traced",
        "not_traced": "not traced",
        "rejected": "rejected",
        "unaccounted": "not accounted for",
        "unpublished": "outcome not published",
    },
    # How a funnel slice is drawn when its count is a range.
    "drawing": {
        "at_most": "drawn at the most it can be",
        "at_least": "at least this many",
    },
    # An item under one regime, as the data-items grid colours it.
    "disclosure": {
        "newly_disclosed": "Newly disclosed",
        # Given out before only in some cases, or disputed, and now written into the rules.
        "formalised": "Written into the rules",
        "yes": "Disclosed",
        "conditional": "In some cases",
        "disputed": "Sources disagree",
        "no": "Not disclosed",
    },
    # A body on the route of a request.
    "route_status": {
        "yes": "Could refuse",
        "no": "Could not refuse",
        "dropped": "No longer asked",
    },
    # Columns of the frames that charts draw, as their tooltips title them.
    "field": {
        "requester": "Requester",
        "measure_label": "Counts",
        "period": "Period",
        "published": "Published figure",
        "per_month_shown": "Per month",
        "bound": "The figure is",
        "confidence": "Confidence",
        "publisher": "Source",
        "title": "Title",
        "source_title": "Title",
        "locator": "Where",
        "sources": "Sources",
        "source_line": "Source",
        "bar": "Requests",
        "outcome": "Outcome",
        "allowed": "Count",
        "share": "Share drawn",
        "note": "Note",
        "how": "How the book has it",
        "item": "Item",
        "detail": "Detail",
        "position": "Step",
        "body": "Body asked",
        "action": "What happens",
        "refusal": "Its say",
        "date_label": "Date given",
        "kind": "Kind",
        "description": "What the source says",
        "text": "What the sources say",
        "regime_full": "Regime",
        "dimension_label": "Question",
        "label": "Figures",
        "asked": "Requests",
        "returned": "Brought data back",
        "percent": "Per cent",
        "verdict": "Verdict",
        "claims": "Claims",
        "examples": "For example",
    },
    # The answers of the yes / no / conditional dimensions, as a narrow matrix cell counts them.
    "answer_short": {"yes": "yes", "conditional": "cond."},
    # timeline.csv, column topic: the strands of the story.
    "topic": {
        "tracing": "NHS tracing for the Home Office",
        "patients": "patients and public health",
        "hostile-environment": "the hostile environment and NHS charging",
        "data-protection": "the immigration exemption in data protection law",
        "pupil-data": "pupil data",
        "digital-economy": "the Digital Economy Act",
        "united-states": "the United States",
    },
    # people.csv, column side: where a person stood.
    "side": {
        "government": "government",
        "data holder": "NHS data holders",
        "parliament": "Parliament",
        "oversight": "watchdogs",
        "critics": "clinicians, charities and campaigners",
        "courts": "the courts",
    },
}

# The column headings of each table a chapter shows, by table. A column key can
# head different tables differently ("value" is a rule in one, a permission in
# another), so headings are kept per table; one table's headings are one set.
_SIDE_BY_SIDE = {"dimension": "Aspect", "regime": "Arrangement", "text": "What the sources say"}
TABLE_HEADINGS: Mapping[str, Mapping[str, str]] = {
    "data-columns": {"column": "Column", "type": "Type", "rules": "Rules", "description": "Description"},
    "claims-ledger": {
        "confirmation": "Borne out by",
        "claimant": "Who",
        "quote": "What they said",
        "stated": "Claimed",
        "actual": "The figures give",
        "verdict": "Verdict",
        "reason": "Why",
    },
    "book-corrections": {
        "date": "Corrected",
        "page": "Page",
        "what": "What",
        "old": "It said",
        "new": "It says",
        "why": "Why",
    },
    "regimes": {
        "short_label": "Regime",
        "label": "In full",
        "jurisdiction": "Where",
        "start": "From",
        "end": "Until",
    },
    "undated-regimes": {
        "short_label": "Regime",
        "start": "From",
        "end": "Until",
        "value": "Status",
    },
    "comparison-matrix": {
        "dimension_label": "Question",
        "regime_label": "Regime",
        "text": "What the sources say",
    },
    "bill-stages": {
        "value": "The provision",
        "detail": "Note",
    },
    "side-by-side": _SIDE_BY_SIDE,
    "aspects": {
        "dimension": "Aspect",
        "text": "What the sources say",
    },
    "events": {
        "date_label": "When",
        "description": "What happened",
    },
    "people": {
        "side": "Side",
        "name": "Who",
        "role": "Part played",
        "organisation": "For",
        "period": "When",
    },
    "rule-claims": {
        "claimant": "Who",
        "quote": "What they said",
        "rule_detail": "What the terms say",
        "verdict": "Verdict",
    },
    "dates-by-source": {
        "title": "Event",
        "date_label": "Date given",
        "description": "What the source says",
        "confidence": "Confidence",
    },
    "date-gaps": {
        "title": "Event",
        "sources": "Sources",
        "least_days": "At least",
        "greatest_days": "At most",
    },
    "corrections": {
        "requester": "Requester",
        "measure": "What is counted",
        "period": "Period",
        "first": "First answer",
        "corrected": "Corrected",
        "change": "Change",
    },
    "terms": {
        "term": "Term",
        "period": "Period",
        "value": "Rule",
        "detail": "Detail",
    },
    "requesters": {
        "requester": "Requester",
        "period": "Period",
        "value": "May ask?",
        "detail": "Footing",
    },
    "primary-records": {
        "document": "Document",
        "publisher": "Issued by",
        "status": "Read?",
        "what_was_read": "What was read",
        "finding": "What it settled",
        "figures": "Figures from it",
    },
    "published-figures": {
        "requester": "Requester",
        "measure_label": "Counts",
        "period": "Period",
        "published": "Published figure",
        "months": "Months",
        "per_month_shown": "Per month",
        "confidence": "Confidence",
        "basis": "Rests on",
    },
    "rates": {
        "requester": "Requester",
        "period": "Period",
        "requests": "Requests",
        "trace_rate": "Traced, of all requests",
        "of_approved": "Traced, of approved requests",
        "rejection_rate": "Rejected, of all requests",
    },
}

# A qualified figure as a compact matrix cell shows it: ">6,900".
QUALIFIER_MARKS: Mapping[str, str] = {"exact": "", "about": "~", "more than": ">", "fewer than": "<"}

# A term a reader may not know, explained in a line where it first appears on a page.
GLOSSES: Mapping[str, str] = {
    "HSCIC": "the Health and Social Care Information Centre, renamed NHS Digital in 2016",
    "standfirst": "the summary printed under a news article's headline",
}
# The confidence words of every table, explained where a page first shows one.
CONFIDENCE_GLOSSES: Mapping[str, str] = {
    "check": "not yet confirmed in a second source; shown with that caveat",
}

NOT_STATED = "not stated in the sources"
STATED = "stated in the sources"
NOT_PUBLISHED = "not published"
NO_LONGER_A_STEP = "Not a step any more"


class UnknownLabel(KeyError):
    """A key of the data has no words for readers."""

    def __str__(self) -> str:
        return str(self.args[0])


def label(kind: str, key: object) -> str:
    """The reader's words for one key; UnknownLabel names the kind and key when there are none."""
    if kind not in LABELS:
        raise UnknownLabel(f"no kind of label {kind!r}; the kinds are {', '.join(LABELS)}")
    try:
        return LABELS[kind][str(key)]
    except KeyError:
        raise UnknownLabel(
            f"no {kind} label for {key!r}: add one to LABELS[{kind!r}] in tracingbook.page.words"
        ) from None


def table_headings(table: str) -> Mapping[str, str]:
    """The column headings of one of the book's tables; UnknownLabel for a table that has none."""
    try:
        return TABLE_HEADINGS[table]
    except KeyError:
        raise UnknownLabel(
            f"no headings for the table {table!r}: add them to TABLE_HEADINGS in tracingbook.page.words"
        ) from None


def heading(kind: str, key: object) -> str:
    """The label with a capital first letter, for a heading or the start of a line."""
    return capitalised(label(kind, key))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def labels(kind: str, keys: Iterable[object]) -> list[str]:
    """Each key's label, in order (a column of keys made readable)."""
    return [label(kind, key) for key in keys]


def regime_label(regimes: pd.DataFrame, regime: str, *, full: bool = False) -> str:
    """A regime's name as regimes.csv gives it: short (for tables and charts) or in full."""
    matches = regimes.loc[regimes["regime"] == regime, "label" if full else "short_label"]
    if matches.empty:
        raise UnknownLabel(f"no regime label for {regime!r}: regimes.csv has no such regime")
    return str(matches.iloc[0])


def qualified(value: float, qualifier: str) -> str:
    """A figure as its source words it: '8,127', 'more than 6,900', 'fewer than 120'."""
    label("qualifier", qualifier)
    prefix = "" if qualifier == "exact" else f"{qualifier} "
    return f"{prefix}{int(value):,}"


def rounded_within(value: float, qualifier: str) -> int:
    """A value rounded without crossing its bound: 'more than' 299.7 is 299, 'fewer than' 10.1 is 11."""
    if qualifier == "more than":
        return math.floor(value)
    if qualifier == "fewer than":
        return math.ceil(value)
    return round(value)


def qualified_mark(value: float, qualifier: str) -> str:
    """A figure in a narrow cell: '8,127', '>6,900', '<120', '~690'."""
    if qualifier not in QUALIFIER_MARKS:
        raise UnknownLabel(f"no qualifier mark for {qualifier!r}")
    return f"{QUALIFIER_MARKS[qualifier]}{int(value):,}"


def agreeing(count: int, singular: str, plural: str) -> str:
    """The form of a word or phrase that agrees with a count: 'is' for one, 'are' for any other."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"agreement needs a whole count, not {count!r}")
    return singular if count == 1 else plural


def counted(count: int, singular: str, plural: str, none: str | None = None) -> str:
    """A count with the words that agree with it: '1 claim is wrong', '4 claims are wrong'.

    ``none``, where given, is the whole phrase for a count of 0 ('none is wrong').
    """
    if count == 0 and none is not None:
        return none
    return f"{count:,} {agreeing(count, singular, plural)}"


# The single tally of checked claims in words, as every page that counts them says it:
# (singular, plural, the phrase for none) after the count, by verdict and by confirmation.
TALLY_WORDS: Mapping[str, tuple[str, str, str]] = {
    "accurate": ("is accurate", "are accurate", "none is accurate"),
    "loose": (
        "is accurate but loosely worded",
        "are accurate but loosely worded",
        "none is loosely worded",
    ),
    "misleading": (
        "attaches a real figure to the wrong thing",
        "attach a real figure to the wrong thing",
        "none attaches a real figure to the wrong thing",
    ),
    "wrong": ("is wrong", "are wrong", "none is wrong"),
    "uncheckable": (
        "cannot be checked from public data",
        "cannot be checked from public data",
        "every claim can be checked",
    ),
    "independent": (
        "is confirmed by a record of another origin",
        "are confirmed by a record of another origin",
        "none is confirmed by a record of another origin",
    ),
    "same_release": (
        "is borne out only by another outlet printing the same release",
        "are borne out only by another outlet printing the same release",
        "none rests on the same release in another outlet alone",
    ),
    "own_report": (
        "is checked only against the report that made it",
        "are checked only against the reports that made them",
        "none is checked only against its own report",
    ),
}


def listed(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        raise ValueError("nothing to list")
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# ---------------------------------------------------------------- numbers in words


def number_text(value: float, spec: str) -> str:
    """``format(value, spec)``, never a negative zero: -0.0, or -0.04 at one decimal, reads 0.0."""
    text = format(value, spec)
    if text.startswith("-") and not any(digit in text for digit in "123456789"):
        return text[1:]
    return text


def format_value(value: float, unit: str) -> str:
    """One value in the claim's unit: '8,127', '83.6%', '3.26 times', '23.2%'."""
    if math.isinf(value):
        return "no upper limit"
    if unit == "count":
        return number_text(value, ",.0f")
    if unit == "percent":
        return f"{number_text(value, ',.1f')}%"
    if unit == "ratio":
        return f"{number_text(value, '.2f')} times"
    if unit == "share":
        return f"{number_text(100 * value, '.1f')}%"
    raise UnknownLabel(f"no words for the unit {unit!r}: expected count, percent, ratio or share")


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
        value = f"{number_text(percent, f',.{places}f')}%"
    elif unit == "ratio":
        value = f"{number_text(stated, 'g')} times"
    else:
        value = format_value(stated, unit)
    if comparator == "exact":
        return value
    if comparator == "fewer than" and unit != "count":
        return f"less than {value}"
    return f"{comparator} {value}"
