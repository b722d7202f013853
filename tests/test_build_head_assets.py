from __future__ import annotations

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from tracingbook.build.head_assets import defer_scripts, without_unused_design


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


def test_sphinx_design_files_are_left_off_pages_without_its_elements() -> None:
    assets = [
        _JavaScript("_static/doctools.js", priority=200),
        _JavaScript("_static/design-tabs.js", priority=500),
        _CascadingStyleSheet("_static/sphinx-design.min.css", priority=500),
    ]
    plain = without_unused_design(assets, '<p class="lead">No tabs here: class="house-sd-x"</p>')
    assert [str(asset.filename) for asset in plain] == ["_static/doctools.js"]
    tabbed = without_unused_design(assets, '<div class="sd-tab-set docutils">')
    assert tabbed == assets
    assert without_unused_design(assets, '<div class="docutils sd-card">') == assets
