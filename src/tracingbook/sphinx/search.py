"""Sphinx's own offline search, taught to find figures and to put the story first.

- Figures: Sphinx splits "16,689" into "16" and "689", and its query code
  drops every term made only of digits, so no figure can be found. The book's
  search language indexes each figure a second time, its separators dropped
  and marked with "#" ("#16689"), and its query splitter does the same to what
  a reader types: "16,689" and "16689" both find the page.
- Ranking: ``house-search-scorer.js`` (Sphinx's ``html_search_scorer``) puts
  the bibliography, which names every word of every source, after the story.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.search.en import SearchEnglish

# A run of digits with its thousands groups: the same pattern in JAVASCRIPT_SPLITTER.
_FIGURE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?![0-9])")
FIGURE_MARK = "#"
SCORER_NAME = "house-search-scorer.js"

JAVASCRIPT_SPLITTER = r"""
function splitQuery(query) {
  const words = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
  const figures = (query.match(/[0-9]+(?:,[0-9]{3})*(?![0-9])/g) || [])
    .map((figure) => "FIGURE_MARK" + figure.replaceAll(",", ""));
  return [...words, ...figures];
}
""".replace("FIGURE_MARK", FIGURE_MARK)


def figure_terms(text: str) -> list[str]:
    """Each figure of ``text`` as the search index holds it: '16,689' is '#16689'."""
    return [FIGURE_MARK + figure.replace(",", "") for figure in _FIGURE.findall(text)]


class SearchWithFigures(SearchEnglish):
    """English search, each figure indexed and queried whole."""

    js_splitter_code = JAVASCRIPT_SPLITTER

    def split(self, input: str) -> list[str]:
        return [*super().split(input), *figure_terms(input)]


def _use_scorer(app: Any, config: Any) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(Path(__file__).resolve().parent / "static" / SCORER_NAME)
