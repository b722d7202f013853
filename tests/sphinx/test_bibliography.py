from __future__ import annotations

from pathlib import Path

import pandas as pd
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from tracingbook import BookData
from tracingbook.sphinx.bibliography import STYLE, bibtex, register_style, write_bibtex


def test_one_entry_per_source_keyed_by_id(book_data: BookData) -> None:
    sources = book_data.sources
    text = bibtex(sources)
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line.startswith("@misc{")]
    assert keys == list(sources["id"])


def test_special_characters_and_date_precision() -> None:
    sources = pd.DataFrame(
        {
            "id": ["a-b"],
            "publisher": ["Smith & Sons"],
            "author": [pd.NA],
            "title": ["50% of #data_sets"],
            "date": [pd.Timestamp("2017-02-01")],
            "date_precision": ["month"],
            "url": ["https://example.org/a_b"],
            "note": [pd.NA],
            "accessed": [pd.Timestamp("2026-12-07")],
            "archive_url": [pd.NA],
        }
    )
    entry = bibtex(sources)
    assert "author = {{Smith \\& Sons}}" in entry
    assert "title = {{50\\% of \\#data\\_sets}}" in entry
    assert "month = feb" in entry and "day =" not in entry
    assert "url = {https://example.org/a_b}" in entry
    assert "urldate = {7 December 2026}" in entry
    assert "archiveurl" not in entry


def test_write_only_when_changed(tmp_path: Path, book_data: BookData) -> None:
    sources = book_data.sources
    target = tmp_path / "refs.bib"
    assert write_bibtex(sources, target) is True
    assert write_bibtex(sources, target) is False


def _shown(sources: pd.DataFrame) -> str:
    register_style()
    database = parse_string(bibtex(sources), "bibtex")
    style = find_plugin("pybtex.style.formatting", STYLE)()
    (entry,) = style.format_entries(database.entries.values())
    return str(entry.text.render_as("html"))


def _one_source(**cells: object) -> pd.DataFrame:
    row: dict[str, object] = {
        "id": "s",
        "publisher": "Gov",
        "author": pd.NA,
        "title": "A report",
        "date": pd.Timestamp("2017-01-24"),
        "date_precision": "day",
        "url": pd.NA,
        "note": pd.NA,
        "accessed": pd.Timestamp("2026-11-23"),
        "archive_url": pd.NA,
    }
    row.update(cells)
    return pd.DataFrame({column: [value] for column, value in row.items()})


def test_the_style_shows_the_archived_copy_as_a_link_and_the_day_read() -> None:
    shown = _shown(
        _one_source(
            url="https://www.gov.uk/a",
            archive_url="https://webarchive.nationalarchives.gov.uk/ukgwa/20170125/https://www.gov.uk/a",
        )
    )
    archive = "https://webarchive.nationalarchives.gov.uk/ukgwa/20170125/https://www.gov.uk/a"
    assert shown.index('href="https://www.gov.uk/a"') < shown.index(f'href="{archive}"')
    assert f'Archived copy: <a href="{archive}">' in shown
    assert shown.endswith("Accessed 23 November 2026.")


def test_a_source_with_no_address_still_shows_the_day_read_and_no_archive() -> None:
    shown = _shown(_one_source())
    assert "Accessed 23 November 2026." in shown
    assert "Archived" not in shown and "URL" not in shown
