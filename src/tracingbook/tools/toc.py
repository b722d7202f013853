"""Which documents the book has, in reading order: ``_toc.yml`` as sphinx-external-toc reads it."""

from __future__ import annotations

from pathlib import Path

from sphinx_external_toc.parsing import parse_toc_yaml

SUFFIXES = (".ipynb", ".md")


def _resolve(root: Path, entry: str) -> Path:
    base = root / entry
    if base.suffix in SUFFIXES and base.is_file():
        return base
    for suffix in SUFFIXES:
        candidate = base.with_name(base.name + suffix)
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"_toc.yml names {entry!r}, but no .ipynb or .md file of that name exists")


def book_documents(root: Path) -> list[Path]:
    """Every document in ``_toc.yml``, in reading order."""
    return [_resolve(root, docname) for docname in parse_toc_yaml(root / "_toc.yml")]


def book_notebooks(root: Path) -> list[Path]:
    return [path for path in book_documents(root) if path.suffix == ".ipynb"]
