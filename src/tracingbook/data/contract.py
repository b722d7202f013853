"""What the package's own code reads from the data, beyond what the descriptor says.

The descriptor may change freely, but a table or column that the loader, the
figure lookups or the bibliography read cannot disappear or change type
without the build failing later, so the descriptor is checked against this
list first. (Chapters read further columns; a chapter that loses one stops at
that cell, naming the column.)
"""

from __future__ import annotations

import re

# Table -> {column: type} that tracingbook.data.load.BookData and
# tracingbook.sphinx.bibliography read. Every table of BookData is listed.
TABLES: dict[str, dict[str, str]] = {
    "sources": {
        "id": "string",
        "publisher": "string",
        "author": "string",
        "title": "string",
        "date": "date",
        "date_precision": "string",
        "url": "string",
        "note": "string",
        "accessed": "date",
        "archive_url": "string",
    },
    "tracing_requests": {"figure_id": "string", "value": "integer", "origin": "string"},
    "timeline": {},
    "regimes": {},
    "rules": {},
    "claims": {"origin": "string"},
    "rule_claims": {},
    "people": {},
    "corrections": {"correction_id": "string", "date": "date", "document": "string"},
    "primary_records": {"document_id": "string", "status": "string", "source_id": "string"},
}

# sources.csv becomes the bibliography: its ids are citation keys, its URLs
# links, and its texts go through BibTeX, which has no way to show a brace.
BIBLIOGRAPHY = "sources"
CITATION_KEY_COLUMN = "id"
CITATION_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
URL_COLUMNS = ("url", "archive_url")
URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)  # schemes are case-insensitive
BIBTEX_TEXT_COLUMNS = ("author", "publisher", "title", "note")
AUTHOR_COLUMN = "author"
