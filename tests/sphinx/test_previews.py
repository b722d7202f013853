"""The link-preview extension's pieces: a page's in-brief, its chart image, the book card."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.util.docutils import new_document

from tracingbook.sphinx.charts import chart_figure_html, spec_digest
from tracingbook.sphinx.previews import (
    brief,
    card_svg,
    first_chart_spec,
    first_paragraph,
    page_description,
    png_size,
    svg_png,
)

SPEC = {
    "title": "Requests",
    "description": "Two bars <and> a note.",
    "data": {"values": [{"year": "2014", "requests": 725}, {"year": "2016", "requests": 2367}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "nominal"},
        "y": {"field": "requests", "type": "quantitative"},
    },
}


def page(*children: nodes.Node) -> nodes.document:
    document = new_document("<test>")
    section = nodes.section()
    section += nodes.title(text="A chapter")
    for child in children:
        section += child
    document += section
    return document


def test_a_short_paragraph_is_kept_whole_on_one_line() -> None:
    assert brief("The Home Office asked.\n  The NHS answered.") == "The Home Office asked. The NHS answered."


def test_a_long_paragraph_is_cut_to_whole_sentences() -> None:
    text = "First sentence here. " + "Second sentence is much longer than the limit allows. " * 3
    assert brief(text, limit=60) == "First sentence here."


def test_a_first_sentence_longer_than_the_limit_is_cut_at_a_word() -> None:
    text = "One very long sentence that goes on and on without any full stop at all"
    cut = brief(text, limit=30)
    assert cut == "One very long sentence that…"
    assert len(cut) <= 30


def test_the_first_paragraph_skips_notes_and_tables() -> None:
    note = nodes.note()
    note += nodes.paragraph(text="A note comes first.")
    table = nodes.table()
    table += nodes.paragraph(text="A cell.")
    doctree = page(note, table, nodes.paragraph(text="The prose starts here."), nodes.paragraph(text="More."))
    assert first_paragraph(doctree) == "The prose starts here."


def test_a_page_without_prose_has_no_first_paragraph() -> None:
    code = nodes.literal_block(text="x = 1")
    assert first_paragraph(page(code)) == ""


def test_description_metadata_wins_over_the_first_paragraph() -> None:
    doctree = page(nodes.paragraph(text="The prose starts here."))
    assert page_description({"description": "  Written  for previews. "}, doctree) == "Written for previews."
    assert page_description({}, doctree) == "The prose starts here."
    assert page_description(None, doctree) == "The prose starts here."


def test_the_first_chart_spec_is_read_back_from_the_figure() -> None:
    second = {**SPEC, "title": "Another", "data": {"values": [{"year": "2015", "requests": 1289}]}}
    body = "<p>Text</p>" + chart_figure_html(SPEC) + chart_figure_html(second)
    found = first_chart_spec(body)
    # The figure holds the spec as the page draws it (fitted to its width), not the notebook's.
    assert found is not None and found["data"] == SPEC["data"]
    assert spec_digest(found) != spec_digest(first_chart_spec(chart_figure_html(second)) or {})
    assert first_chart_spec("<p>No chart.</p>") is None


def test_the_book_card_escapes_its_words_and_draws_at_its_size() -> None:
    svg = card_svg("Records & <tools>", "A line", "example.org/book")
    assert "Records &amp; &lt;tools&gt;" in svg
    assert png_size(svg_png(svg)) == (1200, 630)


def test_png_size_refuses_what_is_not_a_png() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a" + bytes(30))
