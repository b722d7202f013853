from __future__ import annotations

import pytest

from tracingbook.sphinx.assets import packaged
from tracingbook.sphinx.site import STYLESHEETS, static_folder


def test_the_site_files_are_read_from_the_package() -> None:
    assert "house-table--cards" in packaged("house-site.css")
    with pytest.raises(FileNotFoundError):
        packaged("no-such-file.css")


def test_sphinx_publishes_the_packaged_folder_itself() -> None:
    """html_static_path takes the package's folder: every listed stylesheet and the site script are in it."""
    folder = static_folder()
    assert folder.is_dir()
    assert {name for name in (*STYLESHEETS, "house-site.js")} <= {path.name for path in folder.iterdir()}
