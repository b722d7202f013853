"""The link-preview extension's pieces: a page's finding, its description, its card, the root page."""

from __future__ import annotations

import struct

from tracingbook.sphinx.previews import (
    Finding,
    brief,
    card_svg,
    first_finding,
    page_description,
    root_page,
    svg_png,
)

LINK = '<a class="reference internal" href="references.html#x">Hill, 2017</a>'
CITATION = f'<span class="bibtex-citation">({LINK})</span>'
FIGURE = '<span class="pasted-text">2,367</span>'
FINDING = f"<p><strong>A surge.</strong> Requests rose to {FIGURE} a quarter {CITATION}.</p>"


def test_a_short_paragraph_is_kept_whole_on_one_line() -> None:
    assert brief("The Home Office asked.\n  The NHS answered.") == "The Home Office asked. The NHS answered."


def test_a_long_paragraph_is_cut_to_whole_sentences() -> None:
    text = "First sentence here. " + "Second sentence is much longer than the limit allows. " * 3
    assert brief(text, limit=60) == "First sentence here."


def test_a_first_sentence_longer_than_the_limit_is_cut_at_a_word() -> None:
    cut = brief("One very long sentence that goes on and on without any full stop at all", limit=30)
    assert cut == "One very long sentence that…"


def test_the_first_finding_is_the_first_bold_led_paragraph_with_a_figure() -> None:
    body = (
        '<div class="admonition"><p><strong>Note.</strong> <span class="pasted-text">3</span></p></div>'
        "<p>Plain prose comes first.</p>"
        '<table><tr><td><p><strong>Cell.</strong> <span class="pasted-text">9</span></p></td></tr></table>'
        f"{FINDING}"
    )
    assert first_finding(body) == Finding(
        text="A surge. Requests rose to 2,367 a quarter.", figure="2,367", source="Hill, 2017"
    )


def test_without_a_finding_the_first_prose_paragraph_stands_in() -> None:
    body = '<figure class="house-chart"><p>A chart title</p></figure><p>The prose starts here.</p>'
    assert first_finding(body) == Finding(text="The prose starts here.")
    assert first_finding("<pre>x = 1</pre>") is None


def test_a_finding_with_a_figure_wins_over_description_metadata() -> None:
    finding = first_finding(FINDING)
    assert finding is not None
    assert page_description({"description": "Written for previews."}, finding) == finding.text
    prose = Finding(text="The prose starts here.")
    assert page_description({"description": "  Written  for previews. "}, prose) == "Written for previews."
    assert page_description(None, prose) == "The prose starts here."
    assert page_description(None, None) == ""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_a_card_carries_figure_finding_source_and_site_escaped_at_its_size() -> None:
    svg = card_svg(
        Finding("Records & <tools> rose.", "2,367", "Hill & Co, 2017"), "The book", "example.org/book"
    )
    for words in ("The book", "2,367", "Records &amp; &lt;tools&gt; rose.", "Source: Hill &amp; Co, 2017"):
        assert words in svg
    assert "example.org/book" in svg
    assert png_size(svg_png(svg)) == (1200, 630)


def test_a_card_without_figure_or_source_leaves_them_out() -> None:
    svg = card_svg(Finding("Only words."), "The book", "example.org")
    assert "Source:" not in svg and 'font-size="120"' not in svg


def test_the_root_page_carries_the_landing_pages_title_and_tags() -> None:
    landing = (
        '<html><head><meta charset="utf-8" /><title>A book</title>'
        '<meta name="description" content="A finding." /><meta property="og:image" content="x.png" />'
        '<meta name="twitter:card" content="summary_large_image" /><meta name="viewport" content="w" />'
        "</head><body>Text</body></html>"
    )
    page = root_page(landing, "book/index.html")
    for tag in ("<title>A book</title>", 'content="A finding."', 'content="x.png"', "summary_large_image"):
        assert tag in page
    assert '<meta http-equiv="refresh" content="0; url=book/index.html" />' in page
    assert '<a href="book/index.html">' in page and "viewport" not in page


def test_a_finding_is_told_in_the_sentence_that_holds_its_figure_with_that_sentences_source() -> None:
    other = '<span class="bibtex-citation">[<a href="references.html#y">Older, 2014</a>]</span>'
    body = (
        f"<p>It began early {other}. Later the office made {FIGURE} requests {CITATION}. Then it stopped.</p>"
    )
    assert first_finding(body) == Finding(
        text="Later the office made 2,367 requests.", figure="2,367", source="Hill, 2017"
    )


def test_a_finding_without_a_citation_takes_the_first_of_the_section_it_points_to() -> None:
    body = (
        '<p><strong>Late.</strong> It was published <span class="pasted-text">23</span> days later '
        '(<a href="#memo">The memorandum</a>).</p>'
        f'<section id="the-memorandum"><span id="memo"></span><p>Text {CITATION}.</p></section>'
    )
    assert first_finding(body) == Finding(
        text="Late. It was published 23 days later.", figure="23", source="Hill, 2017"
    )
