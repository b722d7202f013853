"""Write the book's BibTeX file from ``data/sources.csv``: one entry per source."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIAL = re.compile(r"([&%$#_{}])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def _entry(source: pd.Series) -> str:
    date = source["date"]
    fields: list[tuple[str, str]] = []
    if pd.notna(source["author"]):
        fields.append(("author", _escape(str(source["author"]))))
    else:
        # Double braces: an organisation, not a person with a surname.
        fields.append(("author", "{" + _escape(str(source["publisher"])) + "}"))
    fields.append(("title", "{" + _escape(str(source["title"])) + "}"))
    fields.append(("howpublished", _escape(str(source["publisher"]))))
    fields.append(("year", str(date.year)))
    if source["date_precision"] in ("month", "day"):
        fields.append(("month", _MONTHS[date.month - 1]))
    if source["date_precision"] == "day":
        fields.append(("day", str(date.day)))
    if pd.notna(source["url"]):
        fields.append(("url", str(source["url"])))
    if pd.notna(source["note"]):
        fields.append(("note", _escape(str(source["note"]))))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields
    )
    return f"@misc{{{source['id']},\n{body}\n}}\n"


def bibtex(sources: pd.DataFrame) -> str:
    """The whole BibTeX file, entries in the order of sources.csv."""
    header = "% Generated from data/sources.csv by tracingbook.bibliography: edit the CSV, not this file.\n\n"
    return header + "\n".join(_entry(source) for _, source in sources.iterrows())


def write_bibtex(sources: pd.DataFrame, path: Path) -> bool:
    """Write the file if its content changed; report whether it did."""
    text = bibtex(sources)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
