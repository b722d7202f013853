"""Which documents the book has, read from ``_toc.yml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SUFFIXES = (".ipynb", ".md")


def _files(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                found.append(node[key])
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key, []) or []:
                found.extend(_files(child))
    elif isinstance(node, list):
        for child in node:
            found.extend(_files(child))
    return found


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
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [_resolve(root, entry) for entry in _files(toc)]


def book_notebooks(root: Path) -> list[Path]:
    return [path for path in book_documents(root) if path.suffix == ".ipynb"]
