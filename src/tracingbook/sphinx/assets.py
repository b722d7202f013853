"""Files the package ships for the site (``static/``); ``tracingbook.sphinx.site`` publishes them."""

from __future__ import annotations

from importlib import resources


def packaged(name: str) -> str:
    """The text of one file in the package's ``static`` folder."""
    return resources.files("tracingbook").joinpath(f"sphinx/static/{name}").read_text(encoding="utf-8")
