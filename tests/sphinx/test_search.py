from tracingbook.sphinx.search import FIGURE_MARK, JAVASCRIPT_SPLITTER, SearchWithFigures, figure_terms


def test_a_figure_is_indexed_whole_whatever_its_separators() -> None:
    assert figure_terms("made 16,689 requests, 24 a day; 1,2 and 16,6890") == [
        "#16689",
        "#24",
        "#1",
        "#2",
        "#16",
        "#6890",
    ]
    assert figure_terms("16689") == figure_terms("16,689")


def test_the_search_language_keeps_sphinxs_words_and_adds_each_figure() -> None:
    words = SearchWithFigures({}).split("The Home Office made 16,689 requests")
    assert words == ["The", "Home", "Office", "made", "16", "689", "requests", f"{FIGURE_MARK}16689"]


def test_the_query_splitter_marks_figures_as_the_index_does() -> None:
    assert "function splitQuery" in JAVASCRIPT_SPLITTER
    assert f'"{FIGURE_MARK}" + figure.replaceAll(",", "")' in JAVASCRIPT_SPLITTER
    assert "[0-9]+(?:,[0-9]{3})*(?![0-9])" in JAVASCRIPT_SPLITTER
