"""A digest of everything a chapter's numbers depend on besides its own code."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The layers a chapter notebook imports; the build layer and the command line
# shape the site, not the numbers, so editing them re-executes nothing.
NOTEBOOK_LAYERS = ("data", "analysis", "page")


def inputs(data_dir: Path) -> list[Path]:
    """The data package's files and the code the notebooks run, in a stable order."""
    data_files = sorted(path for path in data_dir.iterdir() if path.suffix in {".csv", ".json"})
    package_init = [PACKAGE_DIR / "__init__.py"]
    layer_files = sorted(path for layer in NOTEBOOK_LAYERS for path in (PACKAGE_DIR / layer).rglob("*.py"))
    return data_files + package_init + layer_files


def data_fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in inputs(data_dir):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
