"""Build warnings about a notebook name its cell and line as a reader counts them."""

from __future__ import annotations

from tracingbook.sphinx.locations import cell_location, explain_missing_glue


def test_myst_nb_line_numbers_become_cell_and_line() -> None:
    # The paragraph at line 3 of the 23rd cell, as MyST-NB numbers it.
    assert cell_location("/book/index.ipynb:230004") == "/book/index.ipynb, cell 23, line 3"
    assert cell_location("/book/index.ipynb:10002") == "/book/index.ipynb, cell 1, line 1"


def test_other_locations_are_left_alone() -> None:
    assert cell_location("/book/rerun.md:12") == "/book/rerun.md:12"
    assert cell_location("/book/index.ipynb:12") == "/book/index.ipynb:12"


def test_a_missing_glue_key_says_what_to_do() -> None:
    message = "No key 'requets' found in glue data for this document. (use `path::key`, to glue from another)"
    assert explain_missing_glue(message) == (
        "the text pastes 'requets', but no code cell of this chapter glues a value under that name. "
        "Correct the name in the text, or glue the value with glue_number('requets', ...) in a code cell."
    )
    assert explain_missing_glue("some other warning") == "some other warning"
