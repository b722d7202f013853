"""Write the book's BibTeX file from ``data/sources.csv``: one entry per source.

The site's bibliography is drawn by sphinxcontrib-bibtex, which reads each
field as LaTeX through pybtex and latexcodec. Every text is escaped so that it
comes out exactly as written in sources.csv: LaTeX's special characters become
the commands latexcodec turns back into them, and the character pairs it would
join into dashes or curly quotes are kept apart with braces. Braces themselves
have no escape that pybtex undoes, so the loader refuses them in these columns
(``tracingbook.data.contract``); ids are checked to be citation keys there too.
URLs are written raw, as pybtex reads them, with braces, which would break
BibTeX's own syntax, percent-encoded, which leaves the address unchanged.

Each entry also says when the book last read the source (``accessed``, as
BibTeX's ``urldate``) and, where one is known, where an archived copy can be
read (``archive_url``, as ``archiveurl``). pybtex's plain style shows neither
for a source without a URL, and never an archive, so the book's style,
registered as ``tracingbook`` for sphinxcontrib-bibtex, is plain with its web
references replaced: the address, the archived copy, then the day read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, href, optional, sentence, words

STYLE = "tracingbook"
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_COMMANDS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
}
# LaTeX ligatures latexcodec reads: -- and --- (dashes), `` and '' (quotes), ,, (low quote), !` and ?`.
_LIGATURE_START = re.compile(r"-(?=-)|`(?=`)|'(?=')|,(?=,)|[!?](?=`)")
# Braces are BibTeX's syntax; in a URL they are percent-encoded anyway by browsers.
_URL_UNSAFE = {"{": "%7B", "}": "%7D"}


def latex_text(text: str) -> str:
    """``text`` as BibTeX field content that pybtex renders exactly as ``text``."""
    if "{" in text or "}" in text:
        raise ValueError(f"BibTeX cannot show a brace, and the loader refuses them: {text!r}")
    out = []
    for position, character in enumerate(text):
        if character in _COMMANDS:
            out.append(_COMMANDS[character])
        elif _LIGATURE_START.match(text, position):
            out.append("{" + character + "}")
        else:
            out.append(character)
    return "".join(out)


def latex_url(url: str) -> str:
    """A URL as a raw BibTeX field: characters that BibTeX would read as syntax percent-encoded."""
    return "".join(_URL_UNSAFE.get(character, character) for character in url)


def _entry(source: pd.Series) -> str:
    date = source["date"]
    fields: list[tuple[str, str]] = []
    if pd.notna(source["author"]):
        fields.append(("author", latex_text(str(source["author"]))))
    else:
        # Double braces: an organisation, not a person with a surname.
        fields.append(("author", "{" + latex_text(str(source["publisher"])) + "}"))
    fields.append(("title", "{" + latex_text(str(source["title"])) + "}"))
    fields.append(("howpublished", latex_text(str(source["publisher"]))))
    fields.append(("year", str(date.year)))
    if source["date_precision"] in ("month", "day"):
        fields.append(("month", _MONTHS[date.month - 1]))
    if source["date_precision"] == "day":
        fields.append(("day", str(date.day)))
    if pd.notna(source["url"]):
        fields.append(("url", latex_url(str(source["url"]))))
    if pd.notna(source["archive_url"]):
        fields.append(("archiveurl", latex_url(str(source["archive_url"]))))
    if pd.notna(source["note"]):
        fields.append(("note", latex_text(str(source["note"]))))
    accessed = source["accessed"]
    fields.append(("urldate", f"{accessed.day} {_MONTH_NAMES[accessed.month - 1]} {accessed.year}"))
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


class Style(PlainStyle):  # type: ignore[misc]
    """pybtex's plain style whose web references give the address, the archived copy and the day read."""

    def format_web_refs(self, e: object) -> object:
        return sentence[
            optional[self.format_url(e)],
            optional[self.format_archive(e)],
            optional[words["Accessed", field("urldate")]],
        ]

    def format_archive(self, e: object) -> object:
        url = field("archiveurl", raw=True)
        return words["Archived copy:", href(url)[url]]


def register_style() -> None:
    """Make ``STYLE`` a pybtex formatting style, as sphinxcontrib-bibtex's bibtex_default_style names it."""
    register_plugin("pybtex.style.formatting", STYLE, Style, force=True)
