"""Text in data/ that is special to BibTeX, Markdown, MyST or HTML lands on the site as written.

A copy of data/ gets such text in sources.csv (the bibliography) and in the
descriptor's titles and descriptions (the data dictionary). It validates; the
BibTeX file parses with pybtex and gives the text back; the dictionary's
Markdown parses, as MyST with Jupyter Book's extensions, into nothing but text;
and a strict build of the data appendix and the bibliography shows it.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from pybtex.database import parse_string
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

from tracingbook.data.load import BookData, load_book_data
from tracingbook.page.dictionary import (
    downloads_markdown,
    fields_frame,
    key_sentences,
    markdown_code,
    markdown_text,
    resource_markdown,
)
from tracingbook.page.tables import house_table
from tracingbook.page.words import table_headings
from tracingbook.sphinx.bibliography import STYLE, bibtex, latex_text, latex_url, register_style

from .conftest import PROJECT_ROOT, set_cell

# Everything BibTeX, LaTeX, Markdown, MyST and HTML read specially, braces aside
# (BibTeX cannot show a brace, so sources.csv refuses them: see test_bad_input).
SPECIALS = (
    r"& % $ # _ \ ~ ^ -- --- ``quoted'' ,, !` ?` "
    r"*star* _under_ `tick` [link](https://example.org) <b>bold</b> &amp; | pipe : colon "
    r"$x^2$ $$y$$ \textbf \& www.example.org name@example.org"
)
TITLE = f"Title: {SPECIALS}"
PUBLISHER = "Smith & Sons_Ltd, 50% #1 ~tilde ^caret \\back $dollar"
NOTE = f"Note. {SPECIALS}"
AUTHORS = ("Seán O'Brien-Smith", "Ann_Lee Ng%")
URL = "https://example.org/a_b%20c?x=1&y=$2#frag~ment^"
ARCHIVE_URL = "https://web.archive.org/web/2017/https://example.org/a_b%20c?x=1&y=$2#frag~ment^"
# The descriptor's texts may hold braces too: MyST roles and substitutions.
DESCRIPTOR_SPECIALS = (
    SPECIALS + " {cite:p}`x` {{ substitution }} {download}`f <../x>` (target)= % comment "
    "# heading 1. item - item + item > quote ::: colons ``` fence [^1] [ ] <!-- c --> "
    "<script>alert(1)</script> {{x}}"
)
RESOURCE_TITLE = f"Sources {DESCRIPTOR_SPECIALS}"
RESOURCE_DESCRIPTION = f"# Not a heading. {DESCRIPTOR_SPECIALS}"
FIELD_DESCRIPTION = f"<i>Not italic</i> {DESCRIPTOR_SPECIALS}"
SOURCE_ID = "buzzfeed-2016-q1"

# Jupyter Book 1's default MyST extensions (jupyter_book/default_config.yml).
MYST = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "linkify", "substitution", "tasklist"})


def make_hostile(data_dir: Path) -> None:
    path = data_dir / "sources.csv"
    for column, value in [
        ("title", TITLE),
        ("publisher", PUBLISHER),
        ("note", NOTE),
        ("author", " and ".join(AUTHORS)),
        ("url", URL),
        ("archive_url", ARCHIVE_URL),
        ("accessed", "2026-12-07"),
    ]:
        set_cell(path, "id", SOURCE_ID, column, value)
    descriptor = data_dir / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    sources = next(item for item in raw["resources"] if item["name"] == "sources")
    sources["title"] = RESOURCE_TITLE
    sources["description"] = RESOURCE_DESCRIPTION
    sources["schema"]["fields"][0]["description"] = FIELD_DESCRIPTION
    # The descriptor's own pattern for URLs is https only; the book's rule takes any web address.
    for field in sources["schema"]["fields"]:
        if field["name"] in ("url", "archive_url"):
            field["constraints"] = {}
    descriptor.write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def hostile(data_copy: Path) -> BookData:
    make_hostile(data_copy)
    return load_book_data(data_copy)  # (a) the hostile text is valid data


# ---------------------------------------------------------------- (b) BibTeX


def test_the_bibtex_file_parses_and_gives_every_text_back(hostile: BookData) -> None:
    entries = parse_string(bibtex(hostile.sources), "bibtex").entries
    assert list(entries) == list(hostile.sources["id"])
    fields = entries[SOURCE_ID].fields
    assert Text.from_latex(fields["title"]).render_as("text") == TITLE
    assert Text.from_latex(fields["howpublished"]).render_as("text") == PUBLISHER
    assert Text.from_latex(fields["note"]).render_as("text") == NOTE
    assert fields["url"] == URL
    assert fields["archiveurl"] == ARCHIVE_URL
    assert fields["urldate"] == "7 December 2026"
    authors = entries[SOURCE_ID].persons["author"]
    assert [Text.from_latex(str(person)).render_as("text") for person in authors] == [
        "O'Brien-Smith, Seán",
        "Ng%, Ann_Lee",
    ]


def test_the_books_bibliography_style_shows_every_text(hostile: BookData) -> None:
    # sphinxcontrib-bibtex formats with the book's style (bibtex_default_style in _config.yml).
    register_style()
    database = parse_string(bibtex(hostile.sources), "bibtex")
    style = find_plugin("pybtex.style.formatting", STYLE)()
    shown = {
        entry.key: entry.text.render_as("text") for entry in style.format_entries(database.entries.values())
    }
    for text in (TITLE, PUBLISHER, NOTE, URL, ARCHIVE_URL, *AUTHORS):
        assert text in shown[SOURCE_ID], text
    assert "Accessed 7 December 2026" in shown[SOURCE_ID]


@pytest.mark.parametrize("text", [SPECIALS, "a--b", "'''", "!``", "\\", "~", "%", "end\\"])
def test_latex_text_round_trips_anything_without_braces(text: str) -> None:
    entry = parse_string(f"@misc{{k,\n  note = {{{latex_text(text)}}}\n}}\n", "bibtex").entries["k"]
    assert Text.from_latex(entry.fields["note"]).render_as("text") == text


def test_braces_cannot_be_written_and_urls_encode_them() -> None:
    with pytest.raises(ValueError, match="BibTeX cannot show a brace"):
        latex_text("a {b}")
    assert latex_url("https://example.org/{a}") == "https://example.org/%7Ba%7D"


# ---------------------------------------------------------------- (c) MyST Markdown


def parse(markdown: str) -> list[Token]:
    return create_md_parser(MYST, RendererHTML).parse(markdown)


def inline_text(token: Token) -> str:
    """The text an inline token shows, asserting it holds nothing but text and code."""
    children = token.children or []
    kinds = {child.type for child in children}
    assert kinds <= {"text", "code_inline", "myst_role"}, kinds
    assert all(child.meta.get("name") == "download" for child in children if child.type == "myst_role")
    return "".join(child.content for child in children if child.type in ("text", "code_inline"))


@pytest.mark.parametrize("text", [SPECIALS, DESCRIPTOR_SPECIALS, "  leading and trailing  ", "1. Not a list"])
def test_markdown_text_renders_literally(text: str) -> None:
    tokens = parse(markdown_text(text))
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == " ".join(text.split())


@pytest.mark.parametrize("text", ["plain", "a`b", "``double``", "`edge", "edge`", " spaced ", "{role}`x`"])
def test_markdown_code_shows_any_name(text: str) -> None:
    tokens = parse(markdown_code(text))
    children = tokens[1].children or []
    assert [child.type for child in children] == ["code_inline"]
    assert children[0].content == text.strip()


def test_the_dictionary_renders_the_descriptors_text_literally(hostile: BookData) -> None:
    package = hostile.package
    sources = package.resource("sources")
    markdown = resource_markdown(package, sources, len(hostile.sources), "../data/")
    tokens = parse(markdown)
    heading = tokens[tokens.index(next(t for t in tokens if t.type == "heading_open")) + 1]
    assert inline_text(heading) == " ".join(RESOURCE_TITLE.split())
    paragraphs = [tokens[i + 1] for i, token in enumerate(tokens) if token.type == "paragraph_open"]
    shown = [inline_text(paragraph) for paragraph in paragraphs]
    assert " ".join(RESOURCE_DESCRIPTION.split()) in shown
    assert {token.type for token in tokens} <= {
        "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
        "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
    }  # fmt: skip

    listed = parse(downloads_markdown(package, {r.name: 1 for r in package.resources}, "../data/", "x.json"))
    first_item = next(token for token in listed if token.type == "inline")
    assert inline_text(first_item) == f": {' '.join(RESOURCE_TITLE.lower().split())}, 1 row"
    role = (first_item.children or [])[0]
    assert (role.type, role.meta["name"], role.content) == (
        "myst_role",
        "download",
        "sources.csv <../data/sources.csv>",
    )


def test_the_dictionary_table_escapes_the_descriptors_text(hostile: BookData) -> None:
    table = house_table(
        fields_frame(hostile.package.resource("sources")),
        caption="c",
        labels=table_headings("data-columns"),
        source_column=None,
    )
    shown = str(table.data)
    assert html.escape(FIELD_DESCRIPTION) in shown
    assert "<script>" not in shown and "<i>" not in shown


def test_key_sentences_show_odd_column_names_as_code(hostile: BookData) -> None:
    package = hostile.package
    claims = package.resource("claims")
    schema = claims.table_schema.model_copy(update={"primary_key": ("id`{x}`*y*",)})
    odd = claims.model_copy(update={"table_schema": schema})
    tokens = parse(key_sentences(package, odd)[0])
    assert [child.content for child in tokens[1].children or [] if child.type == "code_inline"] == [
        "id`{x}`*y*"
    ]


# ---------------------------------------------------------------- the site


def _small_book(tmp_path: Path, *, hostile: bool) -> Path:
    """The data appendix and the bibliography, on a copy of data/."""
    book = tmp_path / "book-copy"
    (book / "book").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "data", book / "data")
    shutil.copytree(PROJECT_ROOT / "book" / "_static", book / "book" / "_static")
    for name in ("data.ipynb", "references.md"):
        shutil.copy(PROJECT_ROOT / "book" / name, book / "book" / name)
    shutil.copy(PROJECT_ROOT / "_config.yml", book / "_config.yml")
    (book / "_toc.yml").write_text("format: jb-book\nroot: book/data\nchapters:\n  - file: book/references\n")
    if hostile:
        make_hostile(book / "data")
    return book


def _build(book: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TRACINGBOOK_DATA", None)
    return subprocess.run(
        [str(bin_dir / "jupyter-book"), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
        cwd=book,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


_UNTYPESET = str.maketrans({"–": "--", "—": "---", "‘": "'", "’": "'", "“": '"', "”": '"'})


def _page_text(page: Path) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


@pytest.mark.slow
def test_a_strict_build_shows_hostile_text_as_written(tmp_path: Path) -> None:
    book = _small_book(tmp_path, hostile=True)
    result = _build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = book / "_build" / "html" / "book"
    references, appendix = _page_text(site / "references.html"), _page_text(site / "data.html")
    for text in (TITLE, PUBLISHER, NOTE):
        assert " ".join(text.split()) in references, text
    # The appendix's Markdown gets Sphinx's smart quotes, like every paragraph of the
    # site: -- and --- become dashes, straight quotes curly. Nothing else changes.
    for text in (RESOURCE_TITLE, RESOURCE_DESCRIPTION):
        assert " ".join(text.split()) in appendix.translate(_UNTYPESET), text
    # The column table is HTML, which Sphinx leaves alone.
    assert " ".join(FIELD_DESCRIPTION.split()) in appendix
    assert "<script>alert" not in (site / "data.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_build_on_bad_data_stops_with_the_validation_message(tmp_path: Path) -> None:
    book = _small_book(tmp_path, hostile=False)
    path = book / "data" / "sources.csv"
    path.write_bytes(path.read_bytes().replace(b"BuzzFeed News", b"BuzzFeed N\xe9ws", 1))
    result = _build(book)
    assert result.returncode != 0
    assert "the data package is invalid, so the book is not built." in result.stdout + result.stderr
    assert "sources.csv, line 2: [encoding] is not UTF-8 text" in result.stdout + result.stderr
