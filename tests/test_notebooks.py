"""Every chapter, executed now, is byte-for-byte the notebook that is committed.

This proves the outputs are deterministic (charts and tables included) and
that nobody changed data/ or the package without refreshing the chapters.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tracingbook.build.notebooks import execute, serialise
from tracingbook.build.toc import book_notebooks

from .conftest import PROJECT_ROOT

NOTEBOOKS = book_notebooks(PROJECT_ROOT)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_committed_notebook_equals_a_fresh_execution(path: Path) -> None:
    committed = path.read_text(encoding="utf-8")
    fresh = serialise(execute(path))
    if fresh != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    fresh.splitlines(keepends=True),
                    "committed",
                    "fresh",
                    n=1,
                )
            )[:40]
        )
        pytest.fail(f"{path.name} is stale or not deterministic; run `make notebooks`.\n{diff}")
