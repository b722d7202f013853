from __future__ import annotations

from tracingbook.build.theme_css import without_icon_glyphs

THEME = (
    '.fa-solid{font-family:"Font Awesome 6 Free";font-weight:900}'
    '.fa-house:before{content:"\\f015"}'
    '.fa-home:before,.fa-house-chimney:before{content:"\\e3af"}'
    ".fa-spin{animation-name:fa-spin}"
    '.bd-header .navbar-nav>li.nav-item>.nav-link:before{content:"";border-bottom:0}'
    ".fa-lg{font-size:1.25em}"
)


def test_only_the_icon_glyph_rules_leave_the_theme_stylesheet() -> None:
    lighter, removed = without_icon_glyphs(THEME)
    assert removed == 2
    assert "f015" not in lighter and "e3af" not in lighter
    assert lighter == (
        '.fa-solid{font-family:"Font Awesome 6 Free";font-weight:900}'
        ".fa-spin{animation-name:fa-spin}"
        '.bd-header .navbar-nav>li.nav-item>.nav-link:before{content:"";border-bottom:0}'
        ".fa-lg{font-size:1.25em}"
    )
