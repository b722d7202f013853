"""Command line: ``python -m tracingbook <command>``.

Commands: validate, corrections, prose, list-notebooks, notebooks, check-outputs, output-folder, lab, pdf.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tracingbook.sphinx.fingerprint import known_valid, remember_valid

# Each command imports what it needs when it runs: `make html`'s PDF step, run on every
# build, must not wait for pandas and nbformat to find that nothing has changed.
from tracingbook.tools.toc import book_documents, book_notebooks


def _validate(root: Path, if_changed: bool) -> int:
    # The project's own data/ only: a folder named by $TRACINGBOOK_DATA is always checked.
    if if_changed and "TRACINGBOOK_DATA" not in os.environ and known_valid(root, root / "data"):
        print("data package valid: unchanged since it was last checked")
        return 0
    from tracingbook.data.descriptor import find_data_dir
    from tracingbook.data.load import load_book_data
    from tracingbook.data.validate import DataValidationError

    try:
        data_dir = find_data_dir(root)
        data = load_book_data(data_dir)
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    remember_valid(root, data_dir)
    counts = ", ".join(
        f"{resource.path} {len(data.table(resource.name))} rows" for resource in data.package.resources
    )
    print(f"data package valid: {counts}")
    return 0


def _corrections(root: Path) -> int:
    """Every committed change to a published value in data/ comes with its correction."""
    from tracingbook.tools.corrections import ANCHOR, HistoryError, is_repository, unexplained_changes

    if not is_repository(root):
        print(f"{root} is not a git repository: no committed history of data/ to check")
        return 0
    try:
        found = unexplained_changes(root)
    except HistoryError as error:
        print(error, file=sys.stderr)
        return 1
    for unexplained in found:
        print(unexplained, file=sys.stderr)
    if found:
        print(
            f"{len(found)} commit(s) change published values silently: amend each to add its row to "
            "data/corrections.csv (see tracingbook.tools.corrections for what counts)",
            file=sys.stderr,
        )
        return 1
    print(f"every committed change to a published value since {ANCHOR} was added adds its correction")
    return 0


def _prose(root: Path) -> int:
    from tracingbook.tools.pasted import unknown_names
    from tracingbook.tools.prose import check_document

    documents = book_documents(root)
    typed = [problem for path in documents for problem in check_document(path, root)]
    unknown = [problem for path in documents for problem in unknown_names(path, root)]
    for problem in [*typed, *unknown]:
        print(problem, file=sys.stderr)
    if typed:
        print(f"{len(typed)} prose lines hold typed figures: compute and glue them", file=sys.stderr)
    if unknown:
        print(f"{len(unknown)} pasted names are glued by no code cell", file=sys.stderr)
    if typed or unknown:
        return 1
    print("prose holds no typed figures, and every pasted name is glued")
    return 0


def _check_outputs(root: Path) -> int:
    """The stored form without running anything, then nbval once over every chapter."""
    from tracingbook.tools.notebooks import stored_form_problems
    from tracingbook.tools.stale import REFRESH, check_outputs

    notebooks = book_notebooks(root)
    problems = [
        f"{path.relative_to(root)} {problem}" for path in notebooks for problem in stored_form_problems(path)
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"Run `{REFRESH}` to store every chapter in its stored form.", file=sys.stderr)
        return 1
    return check_outputs(root, notebooks)


def _output_folder(folder: Path) -> int:
    from tracingbook.tools.output_folder import unwritable_message

    said = unwritable_message(folder)
    if said is not None:
        print(said, file=sys.stderr)
        return 1
    return 0


def _notebooks(root: Path, only: list[str]) -> int:
    from tracingbook.tools.notebooks import ChapterStopped, execute_in_place

    notebooks = book_notebooks(root)
    if only:
        wanted = {Path(name).resolve() for name in only}
        unknown = sorted(str(path) for path in wanted - {path.resolve() for path in notebooks})
        if unknown:
            print(f"not chapter notebooks listed in _toc.yml: {', '.join(unknown)}", file=sys.stderr)
            return 1
        notebooks = [path for path in notebooks if path.resolve() in wanted]
    for path in notebooks:
        try:
            changed = execute_in_place(path)
        except ChapterStopped as stopped:
            print(stopped, file=sys.stderr)
            return 1
        print(f"{'updated ' if changed else 'unchanged'} {path.relative_to(root)}")
    return 0


def _pdf(root: Path, output: Path, force: bool) -> int:
    """Print the book built under ``output`` as one PDF, unless it is already printed from these pages."""
    from tracingbook.tools.pdf import PdfError, chromium_path, is_current, link_from_landing_page, write_pdf

    site = output / "_build" / "html"
    if not Path(chromium_path()).is_file():
        print(f"PDF not printed: no Chromium at {chromium_path()} (name one with CHROMIUM=/path/to/chrome)")
        return 1 if force else 0
    if not force and is_current(site):
        print(f"PDF up to date: {site / 'tracing-book.pdf'}")
        return 0
    import yaml

    title = str(yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["title"])
    landing = book_documents(root)[0].relative_to(root).with_suffix(".html").as_posix()
    try:
        pdf, pages = write_pdf(root, output, landing, title)
        link_from_landing_page(site, landing, pdf, pages)
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {pdf} ({pages} pages, {pdf.stat().st_size:,} bytes); linked from {landing}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tracingbook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the book's top folder")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every data file against data/datapackage.json")
    validate.add_argument(
        "--if-changed", action="store_true", help="skip if data/ and the package are as when last found valid"
    )
    commands.add_parser(
        "corrections", help="check that each committed change to a published value adds its correction"
    )
    commands.add_parser("prose", help="find figures typed into the book's prose")
    commands.add_parser("list-notebooks", help="print the chapter notebooks in _toc.yml, one a line")
    run = commands.add_parser("notebooks", help="re-execute the chapter notebooks in place")
    run.add_argument("paths", nargs="*", help="only these notebooks (default: all in _toc.yml)")
    commands.add_parser("check-outputs", help="nbval over every chapter, with a short report of what changed")
    output = commands.add_parser("output-folder", help="check that a build can write its output folder")
    output.add_argument("folder", type=Path, help="the build's output folder, e.g. _build")
    lab = commands.add_parser("lab", help="JupyterLab on the book's folder, for rerunning a chapter")
    lab.add_argument("--no-browser", action="store_true", help="print the address only, open no browser")
    lab.add_argument(
        "--port", type=int, default=None, help="port to serve on (default: the first free from 8888)"
    )
    printing = commands.add_parser(
        "pdf", help="print the built book as one PDF and link it from the landing page"
    )
    printing.add_argument(
        "--path-output", type=Path, help="the folder the book was built under (default: ROOT)"
    )
    printing.add_argument(
        "--if-changed", action="store_true", help="only if a page changed since the last print"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "validate":
        return _validate(root, args.if_changed)
    if args.command == "corrections":
        return _corrections(root)
    if args.command == "prose":
        return _prose(root)
    if args.command == "list-notebooks":
        print("\n".join(str(path.relative_to(root)) for path in book_notebooks(root)))
        return 0
    if args.command == "check-outputs":
        return _check_outputs(root)
    if args.command == "output-folder":
        return _output_folder(args.folder)
    if args.command == "lab":
        from tracingbook.tools.lab import run as run_lab  # starts a server: only here

        return run_lab(root, args.port, open_browser=not args.no_browser)
    if args.command == "pdf":
        return _pdf(root, (args.path_output or root).resolve(), force=not args.if_changed)
    return _notebooks(root, args.paths)
