"""Sphinx extension: a rebuild leaves only what a fresh build would write.

Sphinx writes again only the pages whose source changed, and never removes a
file it no longer writes. The files the book's extensions write beside the
pages (each chart's downloads and spec script, the link-preview images) are
recorded page by page in a list kept with the build's doctrees (not published);
after each build every file in their folders that no page wrote is removed, as
are data downloads no page offers any more and the pages taken out of the book.
Sphinx's search index keeps every word a page ever held (the word stays, with
no page); those are dropped too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.search import js_index
from sphinx.util import logging

logger = logging.getLogger(__name__)

# Folders of the site that hold only files these extensions (or Sphinx's downloads) write.
MANAGED = ("_static/charts", "_static/previews", "_downloads")
MANIFEST = "tracingbook-written.json"
_WRITTEN = "tracingbook_written"


def _written(app: Any) -> dict[str, set[str]]:
    if not hasattr(app, _WRITTEN):
        setattr(app, _WRITTEN, {})
    found: dict[str, set[str]] = getattr(app, _WRITTEN)
    return found


def record(app: Any, pagename: str, path: Path) -> None:
    """Note that writing ``pagename`` wrote ``path`` (a file of the site)."""
    relative = path.resolve().relative_to(Path(app.outdir).resolve()).as_posix()
    _written(app).setdefault(pagename, set()).add(relative)


def _page_written(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
    # Before any extension writes for it: a page that now writes nothing forgets what it wrote.
    _written(app)[pagename] = set()


def current_record(
    previous: dict[str, list[str]], written: dict[str, set[str]], pages: set[str]
) -> dict[str, list[str]]:
    """Each page's files: as this build wrote them, else as last recorded; pages that are gone dropped."""
    record = {page: files for page, files in previous.items() if page in pages}
    record.update({page: sorted(files) for page, files in written.items()})
    return record


def remove_unwritten(outdir: Path, kept: set[str], folders: tuple[str, ...] = MANAGED) -> list[str]:
    """Remove every file under ``folders`` of the site not in ``kept``, and the folders left empty."""
    removed = []
    for folder in folders:
        top = outdir / folder
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*"), reverse=True):  # files before their folders
            name = path.relative_to(outdir).as_posix()
            if path.is_file() and name not in kept:
                path.unlink()
                removed.append(name)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def without_empty_terms(index_text: str) -> str | None:
    """The search index without the words no page holds, or None when it has none."""
    index = js_index.loads(index_text)
    changed = False
    for key in ("terms", "titleterms"):
        terms = index.get(key, {})
        kept = {word: pages for word, pages in terms.items() if pages != []}
        changed |= len(kept) != len(terms)
        index[key] = kept
    return js_index.dumps(index) if changed else None


def _clean(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir, manifest = Path(app.outdir), Path(app.doctreedir) / MANIFEST
    written = _written(app)
    pages = set(app.env.found_docs) | set(written)
    previous: dict[str, list[str]] | None = None
    if manifest.is_file():
        previous = json.loads(manifest.read_text(encoding="utf-8"))
    recorded = current_record(previous or {}, written, pages)
    kept = {name for files in recorded.values() for name in files}
    kept |= {f"_downloads/{destination}" for _documents, destination in app.env.dlfiles.values()}
    # With no record of an earlier build, only a build that wrote every page knows every file.
    if previous is not None or set(app.env.found_docs) <= set(written):
        removed = remove_unwritten(outdir, kept)
        for page in set(previous or {}) - pages:  # a page taken out of the book
            gone = Path(app.builder.get_outfilename(page))
            if gone.is_file():
                gone.unlink()
                removed.append(gone.relative_to(outdir).as_posix())
        if removed:
            logger.info(f"[tracingbook] removed {len(removed)} files no page writes any more")
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(recorded, indent=1, sort_keys=True), encoding="utf-8")
    search_index = outdir / app.builder.searchindex_filename
    if search_index.is_file():
        cleaned = without_empty_terms(search_index.read_text(encoding="utf-8"))
        if cleaned is not None:
            search_index.write_text(cleaned, encoding="utf-8")
