from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from tracingbook.sphinx.used_css import (
    Cut,
    cut_site_stylesheets,
    linked_stylesheets,
    required_names,
    site_words,
    used_rules,
)


def _names(selector: str) -> list[str]:
    return required_names(tinycss2.parse_component_value_list(selector))


@pytest.mark.parametrize(
    ("selector", "names"),
    [
        (".bd-header .navbar-nav>li.nav-item", ["bd-header", "navbar-nav", "li", "nav-item"]),
        ("#searchbox input[type=text]", ["searchbox", "input", "type"]),
        ("html[data-theme=dark] .highlight", ["html", "data-theme", "highlight"]),
        ("a:hover", ["a"]),
        (".fa-house::before", ["fa-house"]),
        (".btn:not(.disabled):focus-visible", ["btn"]),
        (":root", []),
        ("TABLE > THEAD", ["table", "thead"]),
        ("ul + .note ~ p", ["ul", "note", "p"]),
    ],
)
def test_a_selector_requires_its_classes_ids_elements_and_attributes(selector: str, names: list[str]) -> None:
    assert _names(selector) == names


def test_words_are_what_could_name_a_class_in_markup_or_a_script() -> None:
    words = site_words(['<div class="bd-main show">', 'el.classList.add("is-open")'])
    assert {"div", "class", "bd-main", "show", "el", "classList", "is-open"} <= words
    assert "bd" not in words


def test_only_rules_that_could_apply_are_kept() -> None:
    css = (
        "/* a comment */\n"
        ".used{color:red}\n"
        ".unused{color:blue}\n"
        ".used, .unused .used{margin:0}\n"
        "div.used:hover::after{content:''}\n"
        "@media (min-width: 960px){.unused{top:0}.used{top:1px}}\n"
        "@media print{.unused{display:none}}\n"
        "@keyframes spin{from{transform:rotate(0)}}\n"
        "@font-face{font-family:x;src:local(x)}\n"
    )
    text, cut = used_rules(css, frozenset({"used", "div"}))
    assert text == (
        ".used{color:red}"
        ".used{margin:0}"
        'div.used:hover::after{content:""}'
        "@media (min-width: 960px){.used{top:1px}}"
        "@keyframes spin{from{transform:rotate(0)}}"
        "@font-face{font-family:x;src:local(x)}"
    )
    assert cut == Cut(kept=4, dropped=3)


def test_a_local_import_is_replaced_by_the_imported_sheet_cut_the_same_way() -> None:
    sheets = {"../basic.css": ".used{color:red}.unused{color:blue}"}
    text, cut = used_rules('@import "../basic.css";.used{margin:0}', frozenset({"used"}), sheets.get)
    assert text == ".used{color:red}.used{margin:0}"
    assert cut == Cut(kept=2, dropped=1)


def test_an_import_that_cannot_be_read_here_stays() -> None:
    text, _cut = used_rules('@import url("https://example.org/x.css");.a{b:c}', frozenset({"a"}))
    assert text == '@import url("https://example.org/x.css");.a{b:c}'


def test_an_unreadable_stylesheet_stops_the_cut_with_its_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        used_rules(".a{b:c}\n}", frozenset({"a"}))


def _site(root: Path) -> Path:
    (root / "_static" / "styles").mkdir(parents=True)
    (root / "book").mkdir()
    (root / "_static" / "styles" / "theme.css").write_text(
        '@import "../basic.css";.bd-page{x:1}.modal{x:2}.never{x:3}', encoding="utf-8"
    )
    (root / "_static" / "basic.css").write_text(".bd-page{y:1}.absent{y:2}", encoding="utf-8")
    (root / "_static" / "house-site.css").write_text(".never{z:1}", encoding="utf-8")
    (root / "_static" / "unlinked.css").write_text(".never{z:1}", encoding="utf-8")
    (root / "_static" / "menu.js").write_text('document.body.classList.add("modal")', encoding="utf-8")
    (root / "book" / "page.html").write_text(
        '<link rel="stylesheet" href="../_static/styles/theme.css?digest=1">'
        '<link href="../_static/house-site.css" rel="stylesheet">'
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<div class="bd-page"></div>',
        encoding="utf-8",
    )
    return root


def test_a_built_site_keeps_the_rules_its_pages_and_scripts_use(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert linked_stylesheets(site, [site / "book" / "page.html"]) == [
        (site / "_static" / "styles" / "theme.css").resolve()
    ]
    cuts = cut_site_stylesheets(site)
    assert cuts == {"styles/theme.css": Cut(kept=3, dropped=2)}
    assert (site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8") == (
        ".bd-page{y:1}.bd-page{x:1}.modal{x:2}\n"
    )
    # The site's own stylesheets and sheets no page links are left as they are.
    assert (site / "_static" / "house-site.css").read_text(encoding="utf-8") == ".never{z:1}"
    assert (site / "_static" / "unlinked.css").read_text(encoding="utf-8") == ".never{z:1}"


def test_characters_beyond_ascii_are_written_back_as_css_escapes() -> None:
    css = '.fa-house:before{content:"\\f015"}.a:after{content:"→"}'
    text, _cut = used_rules(css, frozenset({"fa-house", "a"}))
    assert text == '.fa-house:before{content:"\\f015 "}.a:after{content:"\\2192 "}'
    assert text.isascii()


def test_a_site_stylesheet_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "_static" / "styles" / "theme.css").write_text(".bd-page{x:1}\n}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^styles/theme.css: the stylesheet cannot be read at line 2"):
        cut_site_stylesheets(site)
