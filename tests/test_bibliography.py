from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracingbook import load_book_data
from tracingbook.sphinx.bibliography import bibtex, write_bibtex

from .conftest import DATA_DIR


def test_one_entry_per_source_keyed_by_id() -> None:
    sources = load_book_data(DATA_DIR).sources
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
        }
    )
    entry = bibtex(sources)
    assert "author = {{Smith \\& Sons}}" in entry
    assert "title = {{50\\% of \\#data\\_sets}}" in entry
    assert "month = feb" in entry and "day =" not in entry
    assert "url = {https://example.org/a_b}" in entry


def test_write_only_when_changed(tmp_path: Path) -> None:
    sources = load_book_data(DATA_DIR).sources
    target = tmp_path / "refs.bib"
    assert write_bibtex(sources, target) is True
    assert write_bibtex(sources, target) is False
