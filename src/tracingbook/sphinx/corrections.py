"""Sphinx extension: each page a correction touched says when it was last corrected.

The date is that of the page's latest row in ``data/corrections.csv``, never
the build's, and the line links to the Corrections page. The descriptor
lists the pages a row may name; a build of part of the book (as the tests
make) shows the lines of the pages it has.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from tracingbook.data.descriptor import find_data_dir
from tracingbook.data.load import load_book_data
from tracingbook.sphinx.citation import long_date

CORRECTIONS_PAGE = "book/corrections"
LATEST_KEY = "tracingbook_last_corrected"
_FIRST_HEADING_END = re.compile(r"</h1>")


def last_corrected(corrections: pd.DataFrame) -> dict[str, dt.date]:
    """Each corrected page's docname (as corrections.csv names it) and the date of its latest correction."""
    latest = corrections.groupby("document")["date"].max()
    return {str(document): pd.Timestamp(day).date() for document, day in latest.items()}


def corrected_line(day: dt.date, corrections_href: str) -> str:
    return (
        f'<p class="house-corrected">Last corrected {long_date(day)}: '
        f'<a href="{html.escape(corrections_href, quote=True)}">what changed and why</a>.</p>'
    )


def with_corrected_line(body: str, line: str) -> str:
    """The page's body with ``line`` after its title (its first h1); unchanged if it has none."""
    return _FIRST_HEADING_END.sub(lambda found: found.group(0) + line, body, count=1)


def _docname(document: str) -> str:
    return f"book/{document}"


def _read(app: Any) -> None:
    corrections = load_book_data(find_data_dir(Path(app.srcdir))).corrections
    app.env.tracingbook_pending_corrections = {
        _docname(document): day for document, day in last_corrected(corrections).items()
    }


def _outdated(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Pages whose latest correction changed are written again."""
    current: Mapping[str, dt.date] = env.tracingbook_pending_corrections
    previous: Mapping[str, dt.date] = getattr(env, LATEST_KEY, {})
    setattr(env, LATEST_KEY, dict(current))
    touched = {name for name in set(current) | set(previous) if current.get(name) != previous.get(name)}
    return sorted(name for name in touched if name in env.found_docs and name not in added)


def _add_line(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    day = getattr(app.env, LATEST_KEY, {}).get(pagename)
    body = context.get("body")
    if day is None or not body:
        return
    href = context["pathto"](CORRECTIONS_PAGE)
    context["body"] = with_corrected_line(body, corrected_line(day, href))
