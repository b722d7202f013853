"""A digest of everything a chapter's numbers depend on besides its own code."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tracingbook.data.files import UnreadableFile, read_bytes

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The layers a chapter notebook imports; the build layer and the command line
# shape the site, not the numbers, so editing them re-executes nothing.
NOTEBOOK_LAYERS = ("data", "analysis", "page")


def data_files(data_dir: Path) -> list[str]:
    """The names of the data package's files: the regular .csv and .json files of data/.

    Links and anything else are left out, so that nothing outside data/ is read.
    """
    with os.scandir(data_dir) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith((".csv", ".json")) and entry.is_file(follow_symlinks=False)
        )


def code_files() -> list[Path]:
    """The code the notebooks run, in a stable order."""
    layer_files = sorted(path for layer in NOTEBOOK_LAYERS for path in (PACKAGE_DIR / layer).rglob("*.py"))
    return [PACKAGE_DIR / "__init__.py", *layer_files]


def _content(data_dir: Path, name: str) -> bytes:
    try:
        return read_bytes(data_dir, name)
    except UnreadableFile as error:  # not a file of the package, or validation would have stopped the build
        return f"unreadable: {error.message}".encode()


def inputs(data_dir: Path) -> list[tuple[str, bytes]]:
    """Each file the digest covers, named by its path from its folder's parent
    ('data/sources.csv', 'tracingbook/data/__init__.py': the package holds several
    files called __init__.py), with its content."""
    named = [(f"{data_dir.name}/{name}", _content(data_dir, name)) for name in data_files(data_dir)]
    named += [(path.relative_to(PACKAGE_DIR.parent).as_posix(), path.read_bytes()) for path in code_files()]
    return named


def data_fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for name, content in inputs(data_dir):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(content)
        digest.update(b"\0")
    return digest.hexdigest()


# Validation reads every row of every table; with data/ and the package as they
# were when it last passed, its answer cannot differ, so a rebuild skips it.
VALID_STAMP = Path("_build") / "data-valid.sha256"


def known_valid(root: Path, data_dir: Path) -> bool:
    """Whether data/ and the package are as they were when validation last passed."""
    stamp = root / VALID_STAMP
    return (
        stamp.is_file()
        and data_dir.is_dir()
        and stamp.read_text(encoding="utf-8") == data_fingerprint(data_dir)
    )


def remember_valid(root: Path, data_dir: Path) -> None:
    stamp = root / VALID_STAMP
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(data_fingerprint(data_dir), encoding="utf-8")
    except OSError:  # a read-only build folder: the next build validates again, and says why it stops
        pass
