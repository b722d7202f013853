"""The PDF's contents find each chapter in Chromium's outline, however its title wrapped."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfWriter

from tracingbook.tools.pdf import chapter_pages


def outline_pdf(titles: list[str]) -> bytes:
    writer = PdfWriter()
    for index, title in enumerate(titles):
        writer.add_blank_page(width=200, height=200)
        writer.add_outline_item(title, index)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_title_that_wrapped_in_the_outline_is_still_found() -> None:
    pdf = outline_pdf(["The book", "The history: how the NHS traced people for the HomeOffice", "Sources"])
    chapters = [
        ("chapter-history", "The history: how the NHS traced people for the Home Office"),
        ("chapter-references", "Sources"),
    ]
    assert chapter_pages(pdf, chapters) == {"chapter-history": 2, "chapter-references": 3}


def test_a_chapter_missing_from_the_outline_is_not_invented() -> None:
    pdf = outline_pdf(["The book", "Sources"])
    assert chapter_pages(pdf, [("chapter-history", "The history"), ("chapter-references", "Sources")]) == {
        "chapter-references": 2
    }
