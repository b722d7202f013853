"""Who publishes the book, which version a reader sees, and how to cite a part of it.

Everything comes from the configuration (``_config.yml``: ``title``,
``author``, ``repository.url``, ``html.baseurl``), the package's version and
a digest of ``data/``, so a citation names the exact data a figure came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

DIGEST_LENGTH = 10
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def data_version(data_dir: Path) -> str:
    """A short digest of the data package's files: it changes whenever one figure does."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.iterdir()):
        if path.is_file() and path.suffix in {".csv", ".json"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:DIGEST_LENGTH]


def build_date() -> dt.date:
    """Today, or the date set by SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def long_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def slug(text: str) -> str:
    """'Tracing requests, per month' -> 'tracing-requests-per-month': for stable anchors."""
    # Curly and straight apostrophes give the same anchor.
    straight = text.replace("’", "'")
    plain = unicodedata.normalize("NFKD", straight).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "untitled"


@dataclass(frozen=True)
class Edition:
    """The book as published: its title, publisher, addresses and the version of code and data."""

    title: str
    publisher: str
    site_url: str
    repository_url: str
    version: str
    data_version: str
    built: dt.date

    def page_url(self, pagename: str, anchor: str = "") -> str:
        address = f"{self.site_url.rstrip('/')}/{pagename}.html"
        return f"{address}#{anchor}" if anchor else address

    def citation(self, part: str, pagename: str, anchor: str) -> str:
        """A plain-text reference to one part of a page: chart, finding or the page itself."""
        return (
            f"{self.publisher} ({self.built.year}). “{part}”. In {self.title}, version {self.version} "
            f"(data {self.data_version}), {long_date(self.built)}. {self.page_url(pagename, anchor)}"
        )

    def citation_html(self, part: str, pagename: str, anchor: str) -> str:
        url = self.page_url(pagename, anchor)
        return (
            f"{html.escape(self.publisher)} ({self.built.year}). “{html.escape(part)}”. In "
            f"<cite>{html.escape(self.title)}</cite>, version {html.escape(self.version)} "
            f"(data {html.escape(self.data_version)}), {long_date(self.built)}. "
            f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
        )

    def footer_html(self) -> str:
        repository = html.escape(self.repository_url, quote=True)
        return (
            f'<p class="house-edition">Version {html.escape(self.version)}, built {long_date(self.built)} '
            "from data version "
            f'<code>{html.escape(self.data_version)}</code>. Code and data: <a href="{repository}">'
            f"{html.escape(self.repository_url)}</a>.</p>"
        )


class EditionError(ValueError):
    """The configuration lacks something a citation needs."""


def repository_url(book_dir: Path) -> str:
    """``repository: url:`` from the book's ``_config.yml``.

    Jupyter Book hands it to the theme's options, but the book's own
    ``sphinx: config: html_theme_options`` replaces those, so it is read here.
    """
    import yaml

    config_file = book_dir / "_config.yml"
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    return str(((settings or {}).get("repository") or {}).get("url") or "")


def _title(config: Any) -> str:
    # Jupyter Book puts the book's title in html_title; Sphinx's own project is a placeholder.
    return str(getattr(config, "html_title", "") or "")


def edition_from_config(config: Any, data_dir: Path, book_dir: Path) -> Edition:
    """The edition described by the book's configuration."""
    repository = repository_url(book_dir)
    missing = [
        name
        for name, value in (
            ("title", _title(config)),
            ("author", config.author),
            ("html.baseurl", config.html_baseurl),
            ("repository.url", repository),
        )
        if not str(value or "").strip()
    ]
    if missing:
        raise EditionError(f"_config.yml must set {', '.join(missing)}: citations and the footer name them")
    return Edition(
        title=_title(config),
        publisher=str(config.author),
        site_url=str(config.html_baseurl),
        repository_url=repository,
        version=metadata.version("tracingbook"),
        data_version=data_version(data_dir),
        built=build_date(),
    )
