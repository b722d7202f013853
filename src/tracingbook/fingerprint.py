"""A digest of everything a chapter's numbers depend on besides its own code."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def inputs(data_dir: Path) -> list[Path]:
    """The data package's files and the helper package's code, in a stable order."""
    data_files = sorted(path for path in data_dir.iterdir() if path.suffix in {".csv", ".json"})
    code_files = sorted(PACKAGE_DIR.rglob("*.py")) + sorted((PACKAGE_DIR / "static").glob("*"))
    return data_files + code_files


def data_fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in inputs(data_dir):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
