"""Before a build: can it write its output folder? One line if not, instead of Sphinx's tracebacks."""

from __future__ import annotations

import os
from pathlib import Path


def unwritable(folder: Path) -> Path | None:
    """The first folder or file under ``folder`` (or the folder that would hold it) a build cannot write."""
    if not folder.exists():
        parent = next(path for path in folder.parents if path.exists())
        return None if os.access(parent, os.W_OK | os.X_OK) else parent
    for current, _folders, files in os.walk(folder):
        if not os.access(current, os.W_OK | os.X_OK):
            return Path(current)
        for name in files:
            path = Path(current) / name
            if not path.is_symlink() and not os.access(path, os.W_OK):
                return path
    return None


def unwritable_message(folder: Path) -> str | None:
    """The one line that says the build cannot write ``folder``, and what to do; None when it can."""
    found = unwritable(folder)
    if found is None:
        return None
    return (
        f"The build cannot write to {found}: it is read-only. "
        f"Make it writable (chmod -R u+w {folder}) or remove {folder}, then build again."
    )
