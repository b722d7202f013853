"""Files the package ships for the site, read from and published to ``_static``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def packaged(name: str) -> str:
    """The text of one file in the package's ``static`` folder."""
    return resources.files("tracingbook").joinpath(f"build/static/{name}").read_text(encoding="utf-8")


def publish(outdir: str | Path, name: str) -> Path:
    """Copy one packaged file into the built site's ``_static`` folder."""
    target = Path(outdir) / "_static" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(packaged(name), encoding="utf-8")
    return target
