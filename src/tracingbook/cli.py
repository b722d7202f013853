"""Command line: ``python -m tracingbook validate | prose | list-notebooks | notebooks | pdf``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracingbook.build.notebooks import execute_in_place
from tracingbook.build.pdf import PDF_NAME, PdfError, link_from_landing_page, write_pdf
from tracingbook.build.prose import check_document
from tracingbook.build.toc import book_documents, book_notebooks
from tracingbook.data.descriptor import find_data_dir
from tracingbook.data.load import load_book_data
from tracingbook.data.validate import DataValidationError


def _validate(root: Path) -> int:
    try:
        data = load_book_data(find_data_dir(root))
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{resource.path} {len(data.table(resource.name))} rows" for resource in data.package.resources
    )
    print(f"data package valid: {counts}")
    return 0


def _prose(root: Path) -> int:
    found = [problem for path in book_documents(root) for problem in check_document(path, root)]
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"{len(found)} prose lines hold typed figures: compute and glue them", file=sys.stderr)
        return 1
    print("prose holds no typed figures")
    return 0


def _notebooks(root: Path, only: list[str]) -> int:
    notebooks = book_notebooks(root)
    if only:
        wanted = {Path(name).resolve() for name in only}
        unknown = sorted(str(path) for path in wanted - {path.resolve() for path in notebooks})
        if unknown:
            print(f"not chapter notebooks listed in _toc.yml: {', '.join(unknown)}", file=sys.stderr)
            return 1
        notebooks = [path for path in notebooks if path.resolve() in wanted]
    for path in notebooks:
        changed = execute_in_place(path)
        print(f"{'updated ' if changed else 'unchanged'} {path.relative_to(root)}")
    return 0


def _pdf(root: Path, site: Path) -> int:
    try:
        pdf, pages = write_pdf(site, root, site / PDF_NAME)
        landing = link_from_landing_page(site, root, pdf, pages)
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"wrote {pdf} ({pages} pages, {pdf.stat().st_size:,} bytes); linked from {landing.relative_to(site)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tracingbook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the book's top folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every data file against data/datapackage.json")
    commands.add_parser("prose", help="find figures typed into the book's prose")
    commands.add_parser("list-notebooks", help="print the chapter notebooks in _toc.yml, one a line")
    run = commands.add_parser("notebooks", help="re-execute the chapter notebooks in place")
    run.add_argument("paths", nargs="*", help="only these notebooks (default: all in _toc.yml)")
    printing = commands.add_parser(
        "pdf", help="print the built site as one PDF and link it from the landing page"
    )
    printing.add_argument("--site", type=Path, help="the built site (default: ROOT/_build/html)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "validate":
        return _validate(root)
    if args.command == "prose":
        return _prose(root)
    if args.command == "list-notebooks":
        print("\n".join(str(path.relative_to(root)) for path in book_notebooks(root)))
        return 0
    if args.command == "pdf":
        return _pdf(root, (args.site or root / "_build" / "html").resolve())
    return _notebooks(root, args.paths)
