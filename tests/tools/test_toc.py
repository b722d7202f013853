from __future__ import annotations

from tracingbook.tools.toc import book_documents, book_notebooks

from ..conftest import PROJECT_ROOT


def test_every_notebook_in_book_is_in_the_table_of_contents() -> None:
    """A notebook outside _toc.yml would escape nbval and the prose check."""
    listed = set(book_notebooks(PROJECT_ROOT))
    present = {
        path for path in (PROJECT_ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    }
    assert present - listed == set()


def test_toc_starts_with_the_landing_page_and_lists_the_sources() -> None:
    documents = [path.relative_to(PROJECT_ROOT).as_posix() for path in book_documents(PROJECT_ROOT)]
    assert documents[0] == "book/index.ipynb"
    assert "book/references.md" in documents
