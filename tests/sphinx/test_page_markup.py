"""What every page gets when it is written: citations, anchors, one code switch, mended markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from tracingbook.sphinx import page_markup
from tracingbook.sphinx.charts import CHART_FOOTER
from tracingbook.sphinx.citation import Edition, EditionError, data_version, edition_from_config, slug
from tracingbook.sphinx.site import page_code_version
from tracingbook.sphinx.theme_fixes import ThemeFixes, without_early_scripts, without_search_label

EDITION = Edition(
    title="Patients' records as immigration tools",
    publisher="Patients' Records Project",
    site_url="https://example.org/book/",
    repository_url="https://github.com/example/book",
    version="1.0.0",
    data_version="0123456789",
    built=dt.date(2026, 11, 26),
)


def test_a_citation_names_publisher_title_version_data_date_and_address() -> None:
    assert EDITION.citation("Requests per month", "book/statistics", "chart-requests-per-month") == (
        "Patients' Records Project (2026). “Requests per month”. In Patients' records as immigration tools, "
        "version 1.0.0 (data 0123456789), 26 November 2026. "
        "https://example.org/book/book/statistics.html#chart-requests-per-month"
    )
    cited = EDITION.citation_html("A <b>", "book/index", "finding-a")
    assert "“A &lt;b&gt;”" in cited and "<cite>Patients&#x27; records as immigration tools</cite>" in cited
    assert 'href="https://example.org/book/book/index.html#finding-a"' in cited


def test_the_footer_gives_version_build_date_data_version_and_repository() -> None:
    footer = EDITION.footer_html()
    assert "Version 1.0.0, built 26 November 2026 from data version <code>0123456789</code>" in footer
    assert '<a href="https://github.com/example/book">' in footer


def test_the_data_version_follows_every_data_file(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "datapackage.json").write_text("{}")
    first = data_version(tmp_path)
    assert len(first) == 10 and first == data_version(tmp_path)
    (tmp_path / "a.csv").write_text("x\n2\n")
    assert data_version(tmp_path) != first


def test_the_configuration_must_name_publisher_site_and_repository(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("repository:\n  url: https://github.com/example/book\n")
    (tmp_path / "data").mkdir()
    config = SimpleNamespace(html_title="Book", author="Publisher", html_baseurl="https://example.org/")
    edition = edition_from_config(config, tmp_path / "data", tmp_path)
    assert (edition.publisher, edition.repository_url) == ("Publisher", "https://github.com/example/book")
    with pytest.raises(EditionError, match=r"must set author, html\.baseurl"):
        edition_from_config(
            SimpleNamespace(html_title="Book", author="", html_baseurl=""), tmp_path / "data", tmp_path
        )
    (tmp_path / "_config.yml").write_text("title: Book\n")
    with pytest.raises(EditionError, match=r"must set repository\.url"):
        edition_from_config(config, tmp_path / "data", tmp_path)


def test_slugs_are_plain_and_stable() -> None:
    assert slug("What the Home Office’s requests produced, per month") == (
        "what-the-home-office-s-requests-produced-per-month"
    )
    assert slug("") == "untitled"


FOLDED = (
    '<div class="cell tag_hide-input docutils container">\n'
    '<details class="admonition hide above-input">\n<summary aria-label="Toggle hidden content">\n'
    '<p class="collapsed admonition-title">Show code cell source</p>\n'
    '<p class="expanded admonition-title">Hide code cell source</p>\n</summary>\n'
    '<div class="cell_input docutils container">\n<pre>x = "&lt;/details&gt;"</pre>\n</div>\n</details>\n'
    '<div class="cell_output docutils container">out</div>\n</div>'
)


def test_code_cells_lose_their_folds_and_keep_their_source_and_output() -> None:
    unfolded = page_markup.unfold_code_cells(FOLDED + FOLDED)
    assert "<details" not in unfolded and "Show code cell source" not in unfolded
    assert unfolded.count('<div class="cell_input docutils container">') == 2
    assert unfolded.count("&lt;/details&gt;") == 2 and unfolded.count("out</div>") == 2


def test_bibliography_entries_become_list_items() -> None:
    body = '<div role="list" class="citation-list">\n<div class="citation" id="id2" role="doc-biblioentry">'
    assert page_markup.mend_bibliography(body) == (
        '<div role="list" class="citation-list">\n<div class="citation" id="id2" role="listitem">'
    )


def test_headline_findings_get_an_anchor_a_link_and_a_citation() -> None:
    body = (
        "<p><strong>Thousands of requests.</strong> In 2016 it made "
        '<span class="pasted-text">8,127</span>.</p>'
        "<p><strong>No figures.</strong> Just words.</p>"
    )
    anchored = page_markup.anchor_headlines(body, lambda part, anchor: f"CITE[{part}|{anchor}]")
    assert '<p class="house-finding" id="finding-thousands-of-requests">' in anchored
    assert 'href="#finding-thousands-of-requests"' in anchored
    assert "<summary>Cite this finding</summary>" in anchored
    assert "CITE[Thousands of requests|finding-thousands-of-requests]" in anchored
    assert "<p><strong>No figures.</strong> Just words.</p>" in anchored


def test_each_chart_gets_its_own_footer() -> None:
    figure = (
        '<figure class="house-chart" id="chart-{0}"><p class="house-chart__title" id="chart-{0}-title">'
        "Title &amp; {0}<a></a></p>" + CHART_FOOTER + "</figure>"
    )
    body = figure.format("a") + "<p>between</p>" + figure.format("b")
    assert page_markup.chart_ids_and_titles(body) == [("chart-a", "Title & a"), ("chart-b", "Title & b")]
    filled = page_markup.fill_chart_footers(body, lambda chart_id, title: f"[{chart_id}: {title}]")
    assert "[chart-a: Title & a]" in filled and "[chart-b: Title & b]" in filled
    assert CHART_FOOTER not in filled


def test_the_search_button_is_named_by_its_visible_text() -> None:
    source = (
        '<button class="btn search-button-field" title="{{ _(\'Search\') }}" '
        "aria-label=\"{{ _('Search') }}\">"
        "<span>{{ _('Search') }}</span></button>"
    )
    mended = without_search_label(source)
    assert "aria-label" not in mended and "title=" in mended
    loader = ThemeFixes(
        jinja2.DictLoader({"components/search-button-field.html": source, "other.html": source})
    )
    environment = jinja2.Environment(loader=loader)
    assert "aria-label" not in environment.get_template("components/search-button-field.html").render(_=str)
    assert "aria-label" in environment.get_template("other.html").render(_=str)
    assert (loader.searched, loader.mended) == (1, 1)


def test_a_theme_whose_search_button_no_longer_matches_is_reported() -> None:
    from tracingbook.sphinx.offline import IconScriptFilter
    from tracingbook.sphinx.theme_fixes import unmended_templates

    changed = jinja2.DictLoader({"components/search-button-field.html": '<button aria-label="Find">'})
    # Sphinx's own filter for the icon script may wrap this one.
    environment = jinja2.Environment(loader=IconScriptFilter(ThemeFixes(changed)))
    app = SimpleNamespace(builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)))
    assert unmended_templates(app) == []  # nothing read yet
    environment.get_template("components/search-button-field.html")
    assert unmended_templates(app) == ["search-button-field.html"]


# The pydata theme's layout, as it loads search on every page but the search page.
THEME_HEAD = """{% if pagename == 'search' %}
  {% else %}
    <script src="{{ pathto('_static/searchtools.js', 1) | e }}"></script>
    <script src="{{ pathto('_static/language_data.js', 1) | e }}"></script>
    <script src="{{ pathto('searchindex.js', 1) | e }}"></script>
  {% endif %}
<script src="{{ pathto('_static/doctools.js', 1) | e }}"></script>
<link rel="preload" as="script" href="{{ pathto('_static/scripts/bootstrap.js', 1) }}?digest=1" />
<link href="{{ pathto('_static/styles/theme.css', 1) }}" rel="stylesheet" />"""
SEARCH_PAGE = """{% block scripts %}
  <script src="{{ pathto('_static/searchtools.js', 1) }}"></script>
  <script src="{{ pathto('searchindex.js', 1) }}"></script>
{% endblock %}"""


def test_only_the_search_page_loads_the_search_code_and_index() -> None:
    lighter = without_early_scripts(THEME_HEAD)
    assert "searchtools" not in lighter and "language_data" not in lighter and "searchindex" not in lighter
    assert "doctools.js" in lighter and "theme.css" in lighter
    assert "preload" not in lighter and "bootstrap.js" not in lighter
    loader = ThemeFixes(jinja2.DictLoader({"layout.html": THEME_HEAD, "search.html": SEARCH_PAGE}))
    environment = jinja2.Environment(loader=loader)

    def pathto(name: str, _resource: int) -> str:
        return name

    page = environment.get_template("layout.html").render(pagename="index", pathto=pathto)
    assert "<script" in page and "searchindex.js" not in page and "searchtools.js" not in page
    search = environment.get_template("search.html").render(pathto=pathto)
    assert '<script defer src="_static/searchtools.js">' in search
    assert '<script defer src="searchindex.js">' in search
    assert loader.early_scripts_dropped == 1


def test_every_page_is_written_again_when_the_code_or_files_that_write_pages_change(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "site.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "static" / "house-site.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    first = page_code_version(tmp_path)
    assert page_code_version(tmp_path) == first
    (tmp_path / "notes.txt").write_text("still not code", encoding="utf-8")
    assert page_code_version(tmp_path) == first
    (tmp_path / "static" / "house-site.css").write_text("b{}", encoding="utf-8")
    second = page_code_version(tmp_path)
    assert second != first
    (tmp_path / "site.py").write_text("x = 2\n", encoding="utf-8")
    assert page_code_version(tmp_path) not in (first, second)


def test_a_term_is_explained_once_where_it_first_appears_outside_links_and_headings() -> None:
    from tracingbook.sphinx.page_markup import gloss_terms

    body = (
        '<h2>The ABC</h2><p><a href="#">ABC</a> said ABC twice: ABC.</p><p>ABCD and ABC</p>'
        '<table><tr><td data-label="Note">maybe</td><td data-label="Confidence">maybe</td>'
        '<td data-label="Confidence">maybe</td></tr></table>'
    )
    glossed = gloss_terms(body, {"ABC": "a body & co"}, {"maybe": "not confirmed"})
    assert glossed.count('class="house-gloss"') == 2
    assert (
        '<h2>The ABC</h2><p><a href="#">ABC</a> said ABC<span class="house-gloss"> (a body &amp; co)</span>'
        in glossed
    )
    assert " twice: ABC.</p><p>ABCD and ABC</p>" in glossed
    assert (
        '<td data-label="Note">maybe</td><td data-label="Confidence">maybe'
        '<span class="house-gloss"> (not confirmed)</span></td><td data-label="Confidence">maybe</td>'
    ) in glossed


def test_a_long_page_opens_its_sections_with_a_list_to_jump_to_each() -> None:
    from tracingbook.sphinx.page_markup import JUMP_LIST_SECTIONS, add_jump_list

    def page(count: int) -> str:
        return "<p>In brief</p>" + "".join(
            f'<section id="s{n}">\n<span id="label-{n}"></span>'
            f'<h2>Part &amp; {n}<a class="headerlink" href="#s{n}">#</a></h2></section>'
            for n in range(count)
        )

    assert add_jump_list(page(JUMP_LIST_SECTIONS - 1)) == page(JUMP_LIST_SECTIONS - 1)
    listed = add_jump_list(page(JUMP_LIST_SECTIONS))
    assert listed.startswith('<p>In brief</p><nav class="house-jump" aria-label="Sections of this page"><ul>')
    assert '<li><a href="#s0">Part &amp; 0</a></li>' in listed
    assert listed.count("<li>") == JUMP_LIST_SECTIONS


def test_a_charts_sources_link_each_title_to_its_address() -> None:
    from tracingbook.sphinx.page_markup import link_chart_sources

    body = (
        '<p>“Known”</p><div class="house-chart__sources" id="c-sources"><ul>'
        "<li>Paper, “Known &amp; Co”, page 2</li><li>Blog, “Unknown”, end</li></ul></div>"
    )
    linked = link_chart_sources(body, {"Known & Co": "https://example.org/a?b=1&c=2"})
    assert (
        '<li>Paper, <a href="https://example.org/a?b=1&amp;c=2">“Known &amp; Co”</a>, page 2</li>' in linked
    )
    assert "<li>Blog, “Unknown”, end</li>" in linked and linked.startswith("<p>“Known”</p>")


def test_the_file_beside_a_charts_csv_says_what_from_where_under_what_licence_and_how_to_cite() -> None:
    from tracingbook.sphinx.site import about_chart_data

    about = about_chart_data(
        "Requests rose",
        "chart-x.csv",
        "https://example.org/book/x.html#chart-x",
        ["Paper, “Known”, page 2", "Blog, “Unknown”, end"],
        {"Known": "https://example.org/known"},
        "Publisher (2026). “Requests rose”.",
    )
    assert about.startswith(
        "Requests rose\n\nWhat: the figures drawn in the chart “Requests rose”, as chart-x.csv"
    )
    assert "- Paper, “Known”, page 2\n  https://example.org/known\n- Blog, “Unknown”, end\n" in about
    assert "Licence: the book's data, Creative Commons Attribution 4.0 (CC-BY-4.0)" in about
    assert about.endswith("How to cite: Publisher (2026). “Requests rose”.\n")


def test_the_layouts_page_title_gives_way_to_the_landing_pages_own() -> None:
    from jinja2 import Environment

    from tracingbook.sphinx.theme_fixes import without_early_scripts

    layout = without_early_scripts("<head><title>{{ title|striptags|e }}{{ titlesuffix }}</title></head>")
    render = Environment().from_string(layout).render
    assert render(title="Ch <b>1</b>", titlesuffix=" — Book") == "<head><title>Ch 1 — Book</title></head>"
    assert render(title="Book", titlesuffix=" — Book", house_page_title="Book & co") == (
        "<head><title>Book &amp; co</title></head>"
    )
