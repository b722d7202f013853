"""Build times and page weights on this machine: ``make bench``.

Everything happens in a temporary copy of the book, so the real data and
build are never touched. The figures printed:

- cold ``make html``, the same with nothing changed, a rebuild after one CSV
  edit (and whether the edited value reached the page), and the nbval run;
- ``make test`` in the copy (``--no-test`` leaves it out), as a ratio to the
  cold ``make html`` too, with the machine's load average before and after;
- for the heaviest page of the site (most bytes on a first visit, gzipped),
  its bytes raw and gzipped and the time until every chart is drawn in
  headless Chromium;
- Lighthouse on every page (bench/lighthouse.py): scores and paints on a
  simulated phone, served gzipped;
- the same bytes for a default Jupyter Book 1 page with one Altair chart
  drawn by Altair's default renderer, built in its own temporary folder. That
  page fetches Vega, Vega-Lite and Vega-Embed from a CDN, which this machine
  cannot reach: those files are taken from the npm packages the CDN serves
  them from (downloaded with ``npm pack``) and handed to the page as the CDN
  would, so the page draws its chart and every byte is counted.

Gzipped sizes are each response body compressed at level 6, as a web server
would send it. This is a report, not a test: it prints PASS or MISS against
the targets and always exits 0 unless it could not measure.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
# The benchmark drives the browser with the same helpers as the site checks.
sys.path.insert(0, str(ROOT))

from bench.lighthouse import measure, print_report  # noqa: E402
from tests.browser.sitecheck import PageVisit, StandIn, launch_chromium, serve, site_pages, visit  # noqa: E402

BIN = Path(sys.executable).parent
BUILD_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
# The figure the CSV edit changes, and the page that shows it.
EDITED_FIGURE = "ho-2014-2016-requests"
EDITED_PAGE = "book/index.html"
EDIT_DELTA = 1_000
CHART_RUNS = 5

TARGET_REBUILD_SHARE = 0.1
TARGET_TEST_SECONDS = 300
TARGET_GZIP_SHARE = 0.25
TARGET_CHARTS_MS = 1_000

DEFAULT_NOTEBOOK_CODE = """import altair as alt
import pandas as pd

requests = pd.DataFrame({"year": ["2014", "2015", "2016"], "requests": [3000, 5000, 8000]})
alt.Chart(requests).mark_bar().encode(x="year", y="requests", tooltip=["year", "requests"])"""
JSDELIVR_NPM = re.compile(r"^/npm/(?P<package>(?:@[^/@]+/)?[^/@]+)(?:@(?P<range>[^/]+))?(?P<path>/.*)?$")


@dataclass(frozen=True)
class Page:
    path: str
    raw: int
    gzip: int
    visit: PageVisit


def run(command: list[str], cwd: Path, check: bool = True) -> tuple[float, bool]:
    """Run a command in the copied book; return its wall-clock seconds and whether it succeeded.

    The copy's own ``src/`` comes first on the path, so its builds and kernels
    use the copy's helper package: edits to the real one cannot disturb them.
    """
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    environment.pop("TRACINGBOOK_DATA", None)
    environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    if (cwd / "src" / "tracingbook").is_dir():
        environment["PYTHONPATH"] = str(cwd / "src")
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if check and finished.returncode != 0:
        sys.exit(
            f"failed ({finished.returncode}): {' '.join(command)}\n"
            f"{finished.stdout[-4000:]}\n{finished.stderr[-4000:]}"
        )
    return seconds, finished.returncode == 0


def copy_book(target: Path) -> Path:
    """The book's files as git sees them (committed or not, never ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build(book: Path, flags: list[str] = BUILD_FLAGS) -> float:
    return run([str(BIN / "jupyter-book"), "build", ".", *flags], book)[0]


def make(book: Path, target: str, check: bool = True) -> tuple[float, bool]:
    """``make <target>`` in the copy, as the README runs it, with this environment (no new .venv)."""
    return run(["make", "--no-print-directory", target, f"VENV={BIN.parent}"], book, check=check)


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def edit_figure(data_dir: Path, figure_id: str, delta: int) -> int:
    """Add ``delta`` to one figure's value in tracing_requests.csv; return the new value."""
    path = data_dir / "tracing_requests.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    matches = [row for row in rows if row[header.index("figure_id")] == figure_id]
    if len(matches) != 1:
        sys.exit(f"tracing_requests.csv has no single row {figure_id!r} to edit")
    new_value = int(matches[0][header.index("value")]) + delta
    matches[0][header.index("value")] = str(new_value)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return new_value


def glued_values(page: Path) -> list[str]:
    return re.findall(r'<span class="pasted-text">([^<]*)</span>', page.read_text(encoding="utf-8"))


def weigh_site(site: Path, browser: object, stand_in: object = None) -> list[Page]:
    pages = []
    with serve(site) as base_url:
        for path in site_pages(site):
            context = browser.new_context()  # type: ignore[attr-defined]
            try:
                record = visit(context, base_url, path, stand_in=stand_in, reach=False)  # type: ignore[arg-type]
            finally:
                context.close()
            transfers = record.transfers + record.stand_in_transfers
            pages.append(
                Page(path, sum(t.raw_bytes for t in transfers), sum(t.gzip_bytes for t in transfers), record)
            )
    return pages


@dataclass(frozen=True)
class ChartTiming:
    """Milliseconds from the request: charts drawn on screen, and charts live (tooltips)."""

    drawn: float
    live: float


def chart_times(site: Path, path: str, browser: object, runs: int) -> list[ChartTiming]:
    """Over several cold visits: when every chart was drawn, and when every one was live.

    Each chart arrives drawn (SVG made at build time), so it is on screen once
    the page is parsed and first painted; the site's script then redraws it live.
    """
    timings = []
    with serve(site) as base_url:
        for _ in range(runs):
            context = browser.new_context()  # type: ignore[attr-defined]
            try:
                record = visit(context, base_url, path)
            finally:
                context.close()
            if None in (record.charts_ms, record.parsed_ms, record.paint_ms):
                sys.exit(f"{path}: the charts never finished drawing")
            drawn = max(float(record.parsed_ms or 0), float(record.paint_ms or 0))
            timings.append(ChartTiming(drawn, float(record.charts_ms or 0)))
    return timings


class NpmCopies:
    """What cdn.jsdelivr.net/npm/... would send, read from ``npm pack`` of the same package."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.served: dict[str, str] = {}  # url -> "package@version/file"
        self.problems: list[str] = []

    def __call__(self, url: str) -> StandIn | None:
        parts = urlsplit(url)
        match = JSDELIVR_NPM.match(parts.path) if parts.hostname == "cdn.jsdelivr.net" else None
        if not match:
            self.problems.append(f"no local copy for {url}")
            return None
        spec = match["package"] + (f"@{match['range']}" if match["range"] else "")
        try:
            package_dir, version = self._unpack(spec)
        except (subprocess.CalledProcessError, OSError, ValueError) as error:
            self.problems.append(f"npm pack {spec} failed: {error}")
            return None
        manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
        file = (match["path"] or "").lstrip("/") or self._default_file(manifest)
        self.served[url] = f"{match['package']}@{version}/{file}"
        return StandIn((package_dir / file).read_bytes(), "application/javascript")

    @staticmethod
    def _default_file(manifest: dict[str, object]) -> str:
        # jsDelivr's rule for a package address without a file.
        for key in ("jsdelivr", "browser", "main"):
            if isinstance(manifest.get(key), str):
                return str(manifest[key])
        return "index.js"

    def _unpack(self, spec: str) -> tuple[Path, str]:
        packed = subprocess.run(
            ["npm", "pack", spec, "--json", "--pack-destination", str(self.folder)],
            cwd=self.folder, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        details = json.loads(packed.stdout)[0]
        target = self.folder / f"{details['name'].replace('/', '_')}-{details['version']}"
        if not target.is_dir():
            with tarfile.open(self.folder / details["filename"]) as archive:
                archive.extractall(target, filter="data")
        return target / "package", str(details["version"])


def make_default_book(folder: Path) -> Path:
    """A Jupyter Book 1 with one notebook: an Altair chart, Altair's default renderer."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_config.yml").write_text("title: A default page\nauthor: Benchmark\n", encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# A default page\n\nOne Altair chart, as Altair draws it by default."
            ),
            nbformat.v4.new_code_cell(DEFAULT_NOTEBOOK_CODE),
        ],
        metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    )
    nbformat.write(notebook, folder / "index.ipynb")
    return folder


def kilobytes(count: float) -> str:
    return f"{count / 1000:,.0f} kB"


def target(met: bool, text: str) -> None:
    print(f"  {'PASS' if met else 'MISS'}  {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    parser.add_argument("--no-test", action="store_true", help="leave out the timing of make test")
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="tracingbook-bench-"))
    results: dict[str, object] = {}
    try:
        print(f"Benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}; working in {workspace}")
        print(
            f"load average {load_average()} (1, 5, 15 minutes): other work on the machine slows every figure"
        )
        book = copy_book(workspace / "book")
        site = book / "_build" / "html"

        cold = make(book, "html")[0]
        print(f"make html, cold                  {cold:8.1f} s")
        unchanged = make(book, "html")[0]
        print(f"make html, nothing changed       {unchanged:8.1f} s   ({unchanged / cold:.1%} of cold)")

        notebooks = subprocess.run(
            [str(BIN / "python"), "-m", "tracingbook", "list-notebooks"],
            cwd=book, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        nbval, nbval_passed = run(
            [str(BIN / "python"), "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
             "-p", "no:cacheprovider", *notebooks],
            book,
            check=False,
        )  # fmt: skip
        outcome = "outputs match" if nbval_passed else "SOME STORED OUTPUTS DIFFER (run make notebooks)"
        print(f"nbval, {len(notebooks)} notebooks              {nbval:8.1f} s   ({outcome})")

        before = glued_values(site / EDITED_PAGE)
        new_value = edit_figure(book / "data", EDITED_FIGURE, EDIT_DELTA)
        edited = make(book, "html")[0]
        after = glued_values(site / EDITED_PAGE)
        shown = f"{new_value:,}" in after and f"{new_value:,}" not in before
        print(
            f"make html after one CSV edit    {edited:8.1f} s   "
            f"({EDITED_FIGURE} -> {new_value:,}: {'on' if shown else 'NOT on'} {EDITED_PAGE})"
        )

        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            pages = weigh_site(site, browser)
            heaviest = max(pages, key=lambda page: page.gzip)
            timings = chart_times(site, heaviest.path, browser, CHART_RUNS)
            charts = len(heaviest.visit.charts)

            default_book = make_default_book(workspace / "default")
            default_build = build(default_book, flags=[])
            copies = NpmCopies(workspace / "npm")
            (default_page,) = [
                page for page in weigh_site(default_book / "_build" / "html", browser, copies)
                if page.path == "index.html"
            ]  # fmt: skip
            browser.close()

        files = len(heaviest.visit.transfers)
        print(f"\nheaviest page: {heaviest.path} ({charts} charts), first visit, {files} files")
        print(f"  ours     {kilobytes(heaviest.raw):>10} raw {kilobytes(heaviest.gzip):>10} gzip")
        default_local = sum(t.gzip_bytes for t in default_page.visit.transfers)
        default_cdn = sum(t.gzip_bytes for t in default_page.visit.stand_in_transfers)
        print(
            f"  default  {kilobytes(default_page.raw):>10} raw {kilobytes(default_page.gzip):>10} gzip"
            f"   (built in {default_build:.1f} s: {kilobytes(default_local)} from the site itself,"
            f" {kilobytes(default_cdn)} from the CDN)"
        )
        for transfer in default_page.visit.stand_in_transfers:
            origin = copies.served.get(transfer.url, "?")
            raw, gzipped = kilobytes(transfer.raw_bytes), kilobytes(transfer.gzip_bytes)
            print(f"    CDN {origin:<44} {raw:>9} raw {gzipped:>8} gzip")
        for problem in copies.problems:
            print(f"    not counted: {problem}")
        icon_script = [t for t in default_page.visit.transfers if "fontawesome.js" in t.url]
        if icon_script:
            print(f"    of which the theme's icon script {kilobytes(icon_script[0].gzip_bytes)} gzip")
        default_drawn = default_page.visit.vega_views > 0
        print(
            f"    the default page {'drew' if default_drawn else 'did NOT draw'} its chart from those files"
        )
        drawn = [timing.drawn for timing in timings]
        live = [timing.live for timing in timings]
        print(f"  our charts, ms after the request, {CHART_RUNS} cold visits:")
        print(f"    drawn on screen (page parsed and painted) {', '.join(f'{value:.0f}' for value in drawn)}")
        print(f"    live, with tooltips                       {', '.join(f'{value:.0f}' for value in live)}")

        share = heaviest.gzip / default_page.gzip
        complete = not copies.problems and len(default_page.visit.stand_in_transfers) >= 3
        print("\ntargets")
        target(
            unchanged < TARGET_REBUILD_SHARE * cold,
            f"make html with nothing changed under a tenth of a cold one ({unchanged / cold:.1%})",
        )
        target(
            share <= TARGET_GZIP_SHARE and complete,
            f"heaviest page's gzip bytes at most {TARGET_GZIP_SHARE} of the default page's ({share:.2f})"
            + ("" if complete else " [the default page's CDN files were not all counted]"),
        )
        target(
            statistics.median(drawn) <= TARGET_CHARTS_MS,
            f"every chart drawn within one second (median {statistics.median(drawn):.0f} ms,"
            f" slowest {max(drawn):.0f} ms; live after {statistics.median(live):.0f} ms)",
        )
        target(shown, "the edited CSV value is on the rebuilt page")

        lighthouse = measure(site, workspace / "lighthouse")
        lighthouse_met = print_report(lighthouse)

        tested: tuple[float, bool] | None = None
        if not args.no_test:
            modules = ROOT / "node_modules"
            if modules.is_dir():
                (book / "node_modules").symlink_to(modules)
            before_load = load_average()
            tested = make(book, "test", check=False)
            outcome = "passed" if tested[1] else "FAILED"
            print(
                f"\nmake test                        {tested[0]:8.1f} s   ({tested[0] / cold:.1f} times the"
                f" cold make html; {outcome}; load {before_load} before, {load_average()} after)"
            )
            target(
                tested[0] <= TARGET_TEST_SECONDS,
                f"make test within {TARGET_TEST_SECONDS // 60} minutes ({tested[0] / 60:.1f} min,"
                f" {tested[0] / cold:.1f} times the cold make html)",
            )  # fmt: skip

        results = {
            "cold_build_s": cold, "unchanged_rebuild_s": unchanged, "csv_edit_rebuild_s": edited,
            "nbval_s": nbval, "nbval_passed": nbval_passed, "edited_value_shown": shown,
            "heaviest_page": heaviest.path, "heaviest_raw_bytes": heaviest.raw,
            "heaviest_gzip_bytes": heaviest.gzip, "charts_drawn_ms": drawn, "charts_live_ms": live,
            "default_raw_bytes": default_page.raw, "default_gzip_bytes": default_page.gzip,
            "default_cdn": copies.served, "default_chart_drawn": default_drawn,
            "lighthouse_targets_met": lighthouse_met,
            "make_test_s": tested[0] if tested else None, "make_test_passed": tested[1] if tested else None,
            "lighthouse": [
                {"page": page.path, **page.scores, "fcp_ms": page.fcp_ms, "lcp_ms": page.lcp_ms,
                 "tbt_ms": page.tbt_ms, "cls": page.cls}
                for page in lighthouse
            ],
        }  # fmt: skip
        out = ROOT / "bench-results"
        out.mkdir(exist_ok=True)
        (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures also in {(out / 'latest.json').relative_to(ROOT)}")
    finally:
        if args.keep:
            print(f"kept {workspace}")
        else:
            shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
