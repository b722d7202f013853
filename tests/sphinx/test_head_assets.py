from __future__ import annotations

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from tracingbook.sphinx.head_assets import defer_scripts, without_unused_extensions


def test_script_files_are_deferred_but_those_that_must_run_before_the_paint() -> None:
    scripts = [
        _JavaScript("_static/documentation_options.js", priority=200),
        _JavaScript("_static/doctools.js", priority=200),
        _JavaScript("_static/house-site.js", priority=500),
        _JavaScript(None, priority=500, body="let toggleHintShow = 'Click to show';"),
        _JavaScript("_static/design-tabs.js", priority=500, **{"data-sd-tabs-storage-prefix": "tab-"}),
        _JavaScript("_static/already.js", priority=500, **{"async": "async"}),
    ]
    deferred = defer_scripts(scripts)
    shown = {str(asset.filename): asset.attributes for asset in deferred}
    assert [str(asset.filename) for asset in deferred] == [str(asset.filename) for asset in scripts]
    assert "defer" not in shown["_static/documentation_options.js"]
    assert "defer" not in shown["_static/house-site.js"]
    assert shown["_static/doctools.js"] == {"defer": "defer"}
    assert shown["_static/design-tabs.js"] == {"data-sd-tabs-storage-prefix": "tab-", "defer": "defer"}
    assert "defer" not in shown["_static/already.js"]
    assert deferred[3] is scripts[3]
    assert [asset.priority for asset in deferred] == [asset.priority for asset in scripts]


DESIGN_ASSETS = [
    _JavaScript("_static/doctools.js", priority=200),
    _JavaScript("_static/design-tabs.js", priority=500),
    _CascadingStyleSheet("_static/sphinx-design.min.css", priority=500),
]
TOGGLE_ASSETS = [
    _JavaScript(None, priority=500, body="let toggleHintShow = 'Click to show';"),
    _JavaScript(None, priority=500, body="let toggleHintHide = 'Click to hide';"),
    _JavaScript(None, priority=500, body="let toggleOpenOnPrint = 'true';"),
    _JavaScript("_static/togglebutton.js", priority=500),
    _JavaScript(None, priority=500, body="var togglebuttonSelector = '.toggle, .admonition.dropdown';"),
    _CascadingStyleSheet("_static/togglebutton.css", priority=500),
    _JavaScript(None, priority=500, body="let houseSetting = 1;"),
    _JavaScript("_static/doctools.js", priority=200),
]


def _names(assets: list[object]) -> list[str]:
    return [
        str(getattr(asset, "filename", None) or getattr(asset, "attributes", {}).get("body"))
        for asset in assets
    ]


def test_sphinx_design_files_are_left_off_pages_without_its_elements() -> None:
    plain = without_unused_extensions(DESIGN_ASSETS, '<p class="lead">No tabs here: class="house-sd-x"</p>')
    assert _names(plain) == ["_static/doctools.js"]
    tabbed = without_unused_extensions(DESIGN_ASSETS, '<div class="sd-tab-set docutils">')
    assert tabbed == DESIGN_ASSETS
    assert without_unused_extensions(DESIGN_ASSETS, '<div class="docutils sd-card">') == DESIGN_ASSETS


def test_togglebutton_files_and_settings_are_left_off_pages_without_a_toggle() -> None:
    # The theme's own "sidebar-toggle" and MyST-NB's folds are not the extension's toggles.
    body = (
        '<button class="sidebar-toggle primary-toggle"></button><details class="admonition hide above-input">'
    )
    assert _names(without_unused_extensions(TOGGLE_ASSETS, body)) == [
        "let houseSetting = 1;",
        "_static/doctools.js",
    ]
    for toggled in ('<div class="toggle docutils container">', '<div class="admonition dropdown note">'):
        assert without_unused_extensions(TOGGLE_ASSETS, toggled) == TOGGLE_ASSETS
