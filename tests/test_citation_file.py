"""CITATION.cff says what the book's configuration and package say, in CFF 1.2.0."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
# The keys CFF 1.2.0 requires, and the form its schema gives a version a citation names.
REQUIRED = {"cff-version", "message", "title", "authors"}


def _read(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_the_citation_file_is_cff_1_2_with_what_it_requires() -> None:
    cff = _read("CITATION.cff")
    assert set(cff) >= REQUIRED, REQUIRED - set(cff)
    assert cff["cff-version"] == "1.2.0"
    assert cff["authors"] and all(set(author) & {"name", "family-names"} for author in cff["authors"])
    for key in ("url", "repository-code"):
        assert re.fullmatch(r"https://\S+", cff[key]), key


def test_the_citation_file_names_the_package_version_and_the_books_title_and_addresses() -> None:
    cff = _read("CITATION.cff")
    config = _read("_config.yml")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(cff["version"], str) and cff["version"] == project["version"]
    assert cff["title"] == config["title"]
    assert [author["name"] for author in cff["authors"]] == [config["author"]]
    assert cff["url"] == config["html"]["baseurl"]
    assert cff["repository-code"] == config["repository"]["url"]
