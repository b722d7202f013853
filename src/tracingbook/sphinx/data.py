"""Sphinx extension: the build refuses bad data and never serves stale numbers.

- On start, the whole data package is validated; any problem stops the build
  with the file, line, column and rule. When data/ and the package are as they
  were when validation last passed (``_build/data-valid.sha256``), it is skipped.
- The bibliography file is regenerated from ``data/sources.csv``, and drawn in
  the book's own pybtex style (``tracingbook.sphinx.bibliography.Style``).
- MyST-NB re-executes only the notebooks Sphinx re-reads, and Sphinx re-reads
  only notebooks whose own file changed. So when the data or the helper
  package changes (their fingerprint, stored in the build environment, differs),
  every notebook is marked outdated and re-executed. With nothing changed, the
  rebuild reads nothing and executes nothing.
- With $TRACINGBOOK_STORED_OUTPUTS set to 1, the build executes nothing and
  shows the outputs stored in the notebooks. Only `make test` sets it, right
  after nbval has executed every chapter and found its stored outputs equal to
  a fresh run, so the test build does not execute each chapter a second time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError
from sphinx.util import logging

from tracingbook.data.descriptor import find_data_dir
from tracingbook.data.load import load_book_data
from tracingbook.data.problems import DataValidationError
from tracingbook.sphinx.bibliography import write_bibtex
from tracingbook.sphinx.fingerprint import data_fingerprint, known_valid, remember_valid

logger = logging.getLogger(__name__)

ENV_KEY = "tracingbook_data_fingerprint"
STORED_OUTPUTS_VARIABLE = "TRACINGBOOK_STORED_OUTPUTS"


def uses_stored_outputs() -> bool:
    return os.environ.get(STORED_OUTPUTS_VARIABLE) == "1"


def _data_dir(app: Any) -> Path:
    return find_data_dir(Path(app.srcdir))


def _choose_execution(app: Any, config: Any) -> None:
    if uses_stored_outputs():
        config.nb_execution_mode = "off"
        logger.info("[tracingbook] showing the outputs stored in the notebooks (nbval has checked them)")


def _validate_and_write_bibliography(app: Any, config: Any) -> None:
    root, data_dir = Path(app.srcdir), _data_dir(app)
    bibfiles = [root / bibfile for bibfile in config.tracingbook_bibfiles]
    # `make validate` records a pass without writing the bibliography: it must be newer than the sources.
    sources = data_dir / "sources.csv"
    written = all(path.is_file() and path.stat().st_mtime >= sources.stat().st_mtime for path in bibfiles)
    if known_valid(root, data_dir) and written:
        logger.info("[tracingbook] data/ and the package unchanged since they were last found valid")
        return
    try:
        data = load_book_data(data_dir)
    except DataValidationError as error:  # also an unreadable or malformed descriptor
        # Sphinx stops and prints the message as `make validate` does (jupyter-book
        # appends a traceback of its own wrapper, after the message).
        raise ExtensionError(f"the data package is invalid, so the book is not built.\n{error}") from None
    for path in bibfiles:
        if write_bibtex(data.sources, path):
            logger.info(f"[tracingbook] wrote {path.relative_to(root)} from data/sources.csv")
    remember_valid(root, data_dir)


def _outdated_by_data(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    current = data_fingerprint(_data_dir(app))
    previous = getattr(env, ENV_KEY, None)
    env.tracingbook_pending_fingerprint = current
    if previous is None or previous == current:
        return []
    notebooks = sorted(docname for docname in env.found_docs if str(env.doc2path(docname)).endswith(".ipynb"))
    logger.info(f"[tracingbook] data or package changed: re-executing {len(notebooks)} notebooks")
    return [docname for docname in notebooks if docname not in added]


def _remember_fingerprint(app: Any, env: Any) -> list[str]:
    setattr(env, ENV_KEY, getattr(env, "tracingbook_pending_fingerprint", None))
    return []
