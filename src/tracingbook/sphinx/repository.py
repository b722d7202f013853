"""Sphinx extension: the book's clone address, written once, in ``_config.yml``.

Jupyter Book's standard key ``repository: url:`` becomes the theme option
``repository_url``, unless ``sphinx: config: html_theme_options`` replaces
those options, as this book's does; then it is read from ``_config.yml``. It
reaches the pages as the MyST substitution ``{{ repository_url }}`` (and, as
inline code for commands, ``{{ repository_url_code }}``), so the
rerun guide shows the real address and never a second, hand-typed copy of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sphinx.errors import ConfigError

SUBSTITUTION = "repository_url"
# The same address as inline code, for commands in a {parsed-literal} block:
# a bare address there would become a link, which the theme shortens to "owner/name".
CODE_SUBSTITUTION = "repository_url_code"


def repository_url(book_config: Path) -> str | None:
    """``repository: url:`` of a Jupyter Book ``_config.yml``, if it has one."""
    if not book_config.is_file():
        return None
    settings = yaml.safe_load(book_config.read_text(encoding="utf-8")) or {}
    url = (settings.get("repository") or {}).get("url")
    return str(url) if url else None


def _offer_repository_url(app: Any, config: Any) -> None:
    url = (config.html_theme_options or {}).get("repository_url") or repository_url(
        Path(app.srcdir) / "_config.yml"
    )
    if not url:
        raise ConfigError("_config.yml names no repository: add `repository: url:` with the clone address")
    config.myst_substitutions = {
        **(config.myst_substitutions or {}),
        SUBSTITUTION: url,
        CODE_SUBSTITUTION: f"`{url}`",
    }
