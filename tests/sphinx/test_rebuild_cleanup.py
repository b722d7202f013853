"""A rebuild after an edit leaves the site as a fresh build of the edited book would be.

Sphinx rewrites only changed pages and removes nothing; the book's extensions
write chart downloads, spec scripts and preview images beside the pages. After
an edit that removes a chart and a page, the rebuilt site holds no file a fresh
build would not write, and its search index no word that no page holds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest
from sphinx.search import js_index

from tracingbook.sphinx.written import MANAGED, current_record, remove_unwritten, without_empty_terms

from ..conftest import PROJECT_ROOT

CHART = """\
import altair as alt
import pandas as pd
from tracingbook.page.charts import use_house_style, with_figures
use_house_style()
frame = pd.DataFrame({{"year": ["2014", "2015"], "requests": [{low}, {high}]}})
chart = alt.Chart(frame, title="{title}", description="Requests by year.").mark_bar().encode(
    x="year:N", y="requests:Q", tooltip=[alt.Tooltip("requests:Q", title="Requests")]
)
with_figures(chart, frame, "year:N requests:Q", cited=["Made-up figures"], year="Year", requests="Requests")
"""


def _chapter(path: Path, charts: list[str]) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Charts\n\nA chapter of charts, with quinquagintaword.")
    ]
    for number, title in enumerate(charts, start=1):
        notebook.cells.append(
            nbformat.v4.new_code_cell(CHART.format(title=title, low=number, high=10 * number))
        )
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.write(notebook, path)


def _book(root: Path, *, edited: bool) -> Path:
    (root / "book").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", root / "book" / "_static")
    shutil.copy(PROJECT_ROOT / "_config.yml", root / "_config.yml")
    (root / "book" / "index.md").write_text("# A book\n\nThe first page of a small book.\n")
    (root / "book" / "extra.md").write_text("# Extra\n\nA page about zanzibarword that will go.\n")
    _edit(root, edited=edited)
    return root


def _edit(root: Path, *, edited: bool) -> None:
    charts = ["Requests by year"] if edited else ["Requests by year", "Refusals by year"]
    _chapter(root / "book" / "charts.ipynb", charts)
    pages = ["book/charts"] if edited else ["book/charts", "book/extra"]
    toc = "format: jb-book\nroot: book/index\nchapters:\n" + "".join(f"  - file: {page}\n" for page in pages)
    (root / "_toc.yml").write_text(toc)


def _build(root: Path) -> Path:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TRACINGBOOK_DATA", None)
    result = subprocess.run(
        [str(bin_dir / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html"


def _files(site: Path) -> set[str]:
    found = {path.relative_to(site).as_posix() for folder in MANAGED for path in (site / folder).rglob("*")}
    return found | {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def _missing_links(site: Path) -> list[str]:
    """Files of the cleaned folders a page names that are not there (a writer that records nothing)."""
    named = re.compile(r"(?:_static/charts|_static/previews|_downloads)/[^\"'\s)<>?#]+")
    missing = set()
    for page in site.rglob("*.html"):
        for found in named.findall(page.read_text(encoding="utf-8")):
            if not (site / unquote(found)).is_file():
                missing.add(f"{page.relative_to(site)}: {found}")
    return sorted(missing)


def _words(site: Path) -> set[str]:
    index = js_index.loads((site / "searchindex.js").read_text(encoding="utf-8"))
    return set(index["terms"]) | set(index["titleterms"])


@pytest.mark.slow
def test_a_rebuild_after_removing_a_chart_and_a_page_leaves_what_a_fresh_build_writes(tmp_path: Path) -> None:
    rebuilt = _book(tmp_path / "rebuilt", edited=False)
    before = _files(_build(rebuilt))
    assert any("refusals-by-year" in name for name in before) and "book/extra.html" in before
    _edit(rebuilt, edited=True)
    after = _files(_build(rebuilt))
    fresh_site = _build(_book(tmp_path / "fresh", edited=True))
    assert after == _files(fresh_site)
    assert _missing_links(rebuilt / "_build" / "html") == [] and _missing_links(fresh_site) == []
    assert not any("refusals-by-year" in name for name in after) and "book/extra.html" not in after
    assert any("requests-by-year" in name for name in after)
    assert _words(rebuilt / "_build" / "html") == _words(fresh_site)
    assert "zanzibarword" not in _words(rebuilt / "_build" / "html")


def test_each_page_keeps_its_files_until_it_is_written_again_or_gone() -> None:
    previous = {"a": ["_static/charts/a/one.csv"], "b": ["_static/charts/b/two.csv"], "gone": ["x.png"]}
    written = {"a": {"_static/charts/a/three.csv"}}
    assert current_record(previous, written, {"a", "b"}) == {
        "a": ["_static/charts/a/three.csv"],
        "b": ["_static/charts/b/two.csv"],
    }


def test_files_no_page_writes_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    for name in ("_static/charts/a/one.csv", "_static/charts/b/two.csv", "_static/other.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    removed = remove_unwritten(tmp_path, {"_static/charts/a/one.csv"})
    assert removed == ["_static/charts/b/two.csv"]
    assert not (tmp_path / "_static/charts/b").exists()
    assert (tmp_path / "_static/charts/a/one.csv").is_file() and (tmp_path / "_static/other.css").is_file()


def test_the_search_index_drops_words_no_page_holds() -> None:
    index = {"docnames": ["a"], "terms": {"kept": 0, "gone": [], "both": [0]}, "titleterms": {"old": []}}
    cleaned = js_index.loads(without_empty_terms(js_index.dumps(index)) or "")
    assert cleaned["terms"] == {"kept": 0, "both": [0]} and cleaned["titleterms"] == {}
    assert without_empty_terms(js_index.dumps({"terms": {"kept": 0}, "titleterms": {}})) is None
