"""Open the built site in headless Chromium and check what a reader meets on each page.

The site is served from a folder on 127.0.0.1; every request the page makes
is intercepted, and any that would leave this machine is refused and
recorded. A visit collects what the browser saw (console messages, script
errors, requests, charts, glued values, icons); the checks are plain
functions of a visit, or of the site folder for links, so the tests can run
them on the real site and on deliberately broken copies of it.
"""

from __future__ import annotations

import gzip
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers and root), no GPU, and none of Chromium's own traffic:
# the only requests are the ones the page makes.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--headless",
)
LOCAL_HOST = "127.0.0.1"
CHART_TIMEOUT_MS = 15_000
GZIP_LEVEL = 6  # what a web server's gzip typically uses

_SKIPPED_FOLDERS = ("_static", "_sources", "_images", "_downloads")
_BAD_GLUE = re.compile(r"^(?:nan|NaN|None|<NA>|NaT|-?inf)$|Traceback|Error|np\.\w+\(")
_ICON_STYLE = re.compile(r"\bfa-(?:solid|regular|brands)\b|\bfa[srb]\b")

_COLLECT_PAGE = """() => {
  const charts = Array.from(document.querySelectorAll("figure.house-chart")).map((figure) => ({
    id: figure.id,
    rendered: figure.dataset.rendered || null,
    drawn: Boolean(figure.querySelector(".house-chart__view svg, .house-chart__view canvas")),
  }));
  const glued = Array.from(document.querySelectorAll("span.pasted-text, .pasted-math"))
    .map((node) => node.textContent);
  const iconStyle = /\\bfa-(?:solid|regular|brands)\\b|\\bfa[srb]\\b/;
  const icons = Array.from(document.querySelectorAll('[class*="fa-"]'))
    .filter((node) => iconStyle.test(node.getAttribute("class")))
    .map((node) => {
      const before = getComputedStyle(node, "::before");
      const mask = before.maskImage || before.webkitMaskImage || "none";
      return { name: node.getAttribute("class"), content: before.content, mask: mask };
    });
  const vegaViews = document.querySelectorAll(".vega-embed svg, .vega-embed canvas").length;
  const chartParts = Array.from(document.querySelectorAll("figure.house-chart")).map((figure) => ({
    id: figure.id,
    tableRows: figure.querySelectorAll(".house-chart__details table tbody tr").length,
    sources: figure.querySelectorAll(".house-chart__sources li").length,
    downloads: Array.from(figure.querySelectorAll(".house-chart__downloads a[href]"))
      .map((link) => link.getAttribute("href").split(".").pop()),
    describedBy: Array.from(figure.querySelectorAll(".house-chart__drawing"))
      .every((drawing) => {
        const details = document.getElementById(drawing.getAttribute("aria-details") || "");
        return Boolean(details && details.querySelector("table"));
      }),
  }));
  const visibleCode = Array.from(document.querySelectorAll("div.cell_input"))
    .filter((node) => node.checkVisibility()).length;
  const rendered = document.documentElement.dataset.chartsRenderedMs;
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    charts, glued, icons, visibleCode, vegaViews, chartParts,
    chartsMs: rendered === undefined ? null : Number(rendered),
    paintMs: paint ? paint.startTime : null,
    parsedMs: navigation ? navigation.domInteractive : null,
  };
}"""


def chromium_path() -> str:
    """Debian's Chromium, or the one named by $TRACINGBOOK_CHROMIUM."""
    return os.environ.get("TRACINGBOOK_CHROMIUM", CHROMIUM)


def launch_chromium(playwright: Any) -> Any:
    """Headless Chromium from the system, driven by Playwright."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL, ending in '/'."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to ``folder`` ('/' separated)."""
    pages = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder)
        top = relative.parts[0]
        if len(relative.parts) > 1 and (top in _SKIPPED_FOLDERS or top.startswith(".")):
            continue
        pages.append(relative.as_posix())
    return pages


@dataclass
class Transfer:
    """One response the page received: its address and body size, raw and gzipped."""

    url: str
    status: int
    raw_bytes: int
    gzip_bytes: int


@dataclass(frozen=True)
class StandIn:
    """A local copy of what another site would send for one request."""

    body: bytes
    content_type: str


@dataclass
class PageVisit:
    """What the browser saw while loading one page."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    stand_in_transfers: list[Transfer] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    chart_parts: list[dict[str, Any]] = field(default_factory=list)
    glued: list[str] = field(default_factory=list)
    icons: list[dict[str, str]] = field(default_factory=list)
    visible_code_cells: int = 0
    vega_views: int = 0
    charts_ms: float | None = None  # when every chart had been redrawn live (house-charts.js)
    paint_ms: float | None = None  # first contentful paint
    parsed_ms: float | None = None  # the whole page parsed: every chart's drawing in place

    @property
    def raw_bytes(self) -> int:
        return sum(transfer.raw_bytes for transfer in self.transfers)

    @property
    def gzip_bytes(self) -> int:
        return sum(transfer.gzip_bytes for transfer in self.transfers)


def is_local(url: str) -> bool:
    """True for the site's own server and for data held in the page itself."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == LOCAL_HOST


def _sizes(url: str, body: bytes, status: int = 200) -> Transfer:
    return Transfer(url, status, len(body), len(gzip.compress(body, GZIP_LEVEL)))


_REFRESH = re.compile(
    r"""<meta[^>]*http-equiv=["']?refresh["']?[^>]*content=["'][^"']*url=([^"'>\s]+)""", re.IGNORECASE
)


def redirect_target(address: str) -> str | None:
    """Where a page that redirects with a meta refresh leads, read from the local server."""
    try:
        with urlopen(address, timeout=10) as response:
            found = _REFRESH.search(response.read().decode("utf-8", errors="replace"))
    except OSError:  # a missing page: the browser's own visit reports it
        return None
    return urljoin(address, found.group(1)) if found else None


def open_page(page: Any, address: str, timeout_ms: int) -> None:
    """Load a page and, if it redirects, the page it leads to.

    A redirecting page navigates on as soon as it loads, so waiting for its own
    load (or reading its DOM) races the next navigation: wait for the target.
    """
    target = redirect_target(address)
    if target is None:
        page.goto(address, wait_until="load")
        return
    page.goto(address, wait_until="commit")
    page.wait_for_url(target, timeout=timeout_ms)
    page.wait_for_load_state("load")


def reach_for_charts(page: Any) -> None:
    """Point at the page's first chart, as a reader does, so that its live charts are fetched and drawn.

    The page carries every chart drawn at build time; the script that makes them
    live is fetched only when a reader reaches for one.
    """
    charts = page.locator("figure.house-chart")
    if charts.count():
        charts.first.dispatch_event("pointerover")


def visit(
    context: Any,
    base_url: str,
    path: str,
    chart_timeout_ms: int = CHART_TIMEOUT_MS,
    stand_in: Callable[[str], StandIn | None] | None = None,
    reach: bool = True,
) -> PageVisit:
    """Load one page in a new tab of ``context`` and record what happened.

    With ``reach``, the visitor then points at a chart and waits for the live
    charts; without it, the visit records only what a reader who just reads
    the page fetches.

    A request to another site is refused, unless ``stand_in`` supplies a local
    copy of what that site would send (the benchmark's model of a CDN); either
    way it is recorded as a remote request.
    """
    record = PageVisit(path=path)
    page = context.new_page()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if is_local(url):
            request_route.continue_()
            return
        record.remote_requests.append(url)
        copy = stand_in(url) if stand_in else None
        if copy is None:
            request_route.abort("blockedbyclient")
        else:
            record.stand_in_transfers.append(_sizes(url, copy.body))
            request_route.fulfill(status=200, body=copy.body, content_type=copy.content_type)

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            record.console_errors.append(f"{message.text} ({location.get('url', '')})")

    responses: list[Any] = []

    def on_response(response: Any) -> None:
        if not is_local(response.url) or response.url.startswith("data:"):
            return
        if response.status >= 400:
            record.failed_requests.append(f"{response.status} {response.url}")
            return
        # Only noted here: reading a body inside Playwright's event handler can
        # deadlock while a redirecting page navigates away.
        responses.append(response)

    page.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: record.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: _note_failure(record, request))
    page.on("response", on_response)
    try:
        address = base_url + path
        open_page(page, address, chart_timeout_ms)
        if reach and page.locator("figure.house-chart").count():
            reach_for_charts(page)
            # On a timeout the chart check reports which charts are missing.
            with suppress(PlaywrightError):
                page.wait_for_function(
                    "() => document.documentElement.dataset.chartsRendered !== undefined",
                    timeout=chart_timeout_ms,
                )
        collected = page.evaluate(_COLLECT_PAGE)
        _record_transfers(record, responses)
    finally:
        page.close()
    record.charts = collected["charts"]
    record.chart_parts = collected["chartParts"]
    record.glued = collected["glued"]
    record.icons = collected["icons"]
    record.visible_code_cells = collected["visibleCode"]
    record.vega_views = collected["vegaViews"]
    record.charts_ms = collected["chartsMs"]
    record.paint_ms = collected["paintMs"]
    record.parsed_ms = collected["parsedMs"]
    return record


def _record_transfers(record: PageVisit, responses: list[Any]) -> None:
    """The bytes of every local response, read once the page has settled."""
    for response in responses:
        try:
            body = response.body()
        except PlaywrightError:  # a redirect or an aborted load has no body
            continue
        record.transfers.append(_sizes(response.url, body, response.status))


def _note_failure(record: PageVisit, request: Any) -> None:
    if is_local(request.url) and not request.url.startswith("data:"):
        record.failed_requests.append(f"{request.failure} {request.url}")


# The checks: each returns the problems it finds, an empty list when all is well.


def chart_problems(page: PageVisit) -> list[str]:
    """Every chart figure was drawn (an SVG or canvas) and marked rendered."""
    return [
        f"{page.path}: chart {chart['id']} not drawn (data-rendered={chart['rendered']!r}, "
        f"svg or canvas present: {chart['drawn']})"
        for chart in page.charts
        if chart["rendered"] != "true" or not chart["drawn"]
    ]


def console_problems(page: PageVisit) -> list[str]:
    """No console errors and no uncaught script errors."""
    return [f"{page.path}: console error: {text}" for text in page.console_errors] + [
        f"{page.path}: script error: {text}" for text in page.page_errors
    ]


def request_problems(page: PageVisit) -> list[str]:
    """No request left the local server, and every local request succeeded."""
    return [f"{page.path}: request to another site: {url}" for url in page.remote_requests] + [
        f"{page.path}: local request failed: {text}" for text in page.failed_requests
    ]


def glue_problems(page: PageVisit) -> list[str]:
    """Every glued value shows a value: not empty, not an error or a missing-value marker."""
    return [
        f"{page.path}: glued value {index + 1} is {text!r}"
        for index, text in enumerate(page.glued)
        if not text.strip() or _BAD_GLUE.search(text.strip())
    ]


def icon_problems(page: PageVisit) -> list[str]:
    """Every theme icon is drawn by house-icons.css, not left blank or sent to the icon font."""
    return [
        f"{page.path}: icon {icon['name']!r} is not drawn by house-icons.css"
        for icon in page.icons
        if icon["content"] != '""' or icon["mask"] in ("", "none")
    ]


def code_problems(page: PageVisit) -> list[str]:
    """Code cells start folded: a reader sees prose, charts and tables first."""
    if page.visible_code_cells:
        return [f"{page.path}: {page.visible_code_cells} code cells are shown unfolded (tag them hide-input)"]
    return []


def horizontal_overflow(browser: Any, base_url: str, path: str, width: int) -> int:
    """How many pixels the page is wider than a screen ``width`` pixels wide (0 if none)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        open_page(page, base_url + path, CHART_TIMEOUT_MS)
        if page.locator("figure.house-chart").count():
            reach_for_charts(page)
            page.wait_for_function(
                "() => document.documentElement.dataset.chartsRendered !== undefined",
                timeout=CHART_TIMEOUT_MS,
            )
        return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
    finally:
        context.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(str(values["href"]))
        if tag == "meta" and str(values.get("http-equiv", "")).lower() == "refresh":
            target = re.search(r"url=(.+)", str(values.get("content", "")), re.IGNORECASE)
            if target:
                self.hrefs.append(target.group(1).strip())


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def link_problems(folder: Path, page: str) -> list[str]:
    """Every link from ``page`` to the site itself reaches a file, and its anchor exists."""
    problems = []
    page_path = PurePosixPath(page)
    anchors_of: dict[Path, set[str]] = {}
    for href in _parse(folder / page).hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href == "#":
            continue  # another site, mailto:, or the theme's "#" buttons
        if parts.path:
            joined = PurePosixPath(os.path.normpath((page_path.parent / unquote(parts.path)).as_posix()))
            if joined.parts and joined.parts[0] == "..":
                problems.append(f"{page}: link {href!r} points outside the site")
                continue
            target = folder / joined
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
        else:
            target = folder / page
        if not target.is_file():
            problems.append(f"{page}: link {href!r} leads to a missing file")
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html":
            if target not in anchors_of:
                anchors_of[target] = _parse(target).ids
            if fragment not in anchors_of[target]:
                problems.append(f"{page}: link {href!r} names an anchor the page lacks")
    return problems


CHART_DOWNLOADS = ("csv", "svg", "png")


def chart_companion_problems(page: PageVisit) -> list[str]:
    """Every chart has its figures as a table (linked as its description), its sources and downloads."""
    problems = []
    for chart in page.chart_parts:
        name = f"{page.path}: chart {chart['id']}"
        if not chart["tableRows"]:
            problems.append(f"{name} has no table of its figures")
        elif not chart["describedBy"]:
            problems.append(f"{name}'s drawing does not point to its table (aria-details)")
        if not chart["sources"]:
            problems.append(f"{name} lists no sources")
        missing = [kind for kind in CHART_DOWNLOADS if kind not in chart["downloads"]]
        if missing:
            problems.append(f"{name} offers no download of its {', '.join(missing)}")
    return problems


# ------------------------------------------------------------------ a phone's screen

SMALLEST_CHART_TEXT_PX = 11
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

_MEASURE_LAYOUT = """() => {
  const LONGEST_WORD = 16;
  const rgb = (colour) => {
    const parts = (colour || "").match(/[\\d.]+/g);
    if (!parts || parts.length < 3) return null;
    const alpha = parts.length > 3 ? Number(parts[3]) : 1;
    return alpha === 0 ? null : parts.slice(0, 3).map(Number);
  };
  const luminance = ([r, g, b]) => {
    const linear = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const pageBackground = (node) => {
    for (let at = node; at; at = at.parentElement) {
      const colour = rgb(getComputedStyle(at).backgroundColor);
      if (colour) return colour;
    }
    return [255, 255, 255];
  };
  // What lies under a text's middle: the last-drawn filled bar, cell or symbol of the
  // same drawing whose box holds it (found by geometry: it may be off the screen), or the page.
  const behind = (text) => {
    const box = text.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const shapes = Array.from(text.ownerSVGElement.querySelectorAll(
      "g.role-mark.mark-rect > path, g.role-mark.mark-symbol > path, g.role-mark.mark-rect > rect",
    )).filter((shape) => {
      const frame = shape.getBoundingClientRect();
      return frame.left <= x && x <= frame.right && frame.top <= y && y <= frame.bottom;
    });
    for (const shape of shapes.reverse()) {
      const style = getComputedStyle(shape);
      const fill = rgb(style.fill);
      if (fill && Number(style.opacity) > 0.5 && Number(style.fillOpacity) > 0.5) return fill;
    }
    return pageBackground(text.ownerSVGElement);
  };
  const contrast = (text) => {
    const fill = rgb(getComputedStyle(text).fill) || [0, 0, 0];
    const [light, dark] = [luminance(fill), luminance(behind(text))].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  };
  // Vega hides a label it thins out by making it transparent.
  const visible = (node) => node.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    && node.getBoundingClientRect().width > 0;
  const charts = Array.from(document.querySelectorAll("figure.house-chart")).map((figure) => {
    const texts = Array.from(figure.querySelectorAll(".house-chart__view svg text"))
      .filter((text) => visible(text) && text.textContent.trim())
      .map((text) => {
        const box = text.getBoundingClientRect();
        const matrix = text.getScreenCTM();
        const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
        return {
          text: text.textContent.trim(),
          px: parseFloat(getComputedStyle(text).fontSize) * scale,
          box: [box.left, box.top, box.right, box.bottom],
          contrast: contrast(text),
        };
      });
    const drawing = Array.from(figure.querySelectorAll(".house-chart__view svg")).find(visible);
    const frame = drawing ? drawing.getBoundingClientRect() : null;
    const view = figure.querySelector(".house-chart__view").getBoundingClientRect();
    return {
      id: figure.id,
      texts,
      drawings: figure.querySelectorAll(".house-chart__view svg.marks").length,
      view: [view.left, view.top, view.right, view.bottom],
      width: frame ? frame.width : 0,
      right: frame ? frame.right : 0,
      column: figure.getBoundingClientRect().width,
    };
  });
  const tables = Array.from(document.querySelectorAll("table")).filter(visible).map((table) => {
    const frame = (table.closest(".house-table-wrapper, .table-wrapper") || table.parentElement)
      .getBoundingClientRect();
    const headings = Array.from(table.querySelectorAll("thead th")).map((cell) => cell.textContent.trim());
    const row = table.tBodies[0] ? Array.from(table.tBodies[0].rows).find(visible) : null;
    const clipped = row ? Array.from(row.cells).filter(visible).map((cell, index) => {
      const box = cell.getBoundingClientRect();
      return box.right > Math.min(frame.right, window.innerWidth) + 1 || box.left < frame.left - 1
        ? (cell.dataset.label || headings[index] || `column ${index + 1}`) : null;
    }).filter(Boolean) : [];
    // A word or figure of a cell drawn over two lines or more. Words longer
    // than any in the prose (addresses, identifiers) may break to fit; no
    // other word should. A word may end a line at punctuation (a hyphen, a
    // slash, between brackets); a figure ("16,689", "10.2", "24") never.
    const splitWords = [];
    table.querySelectorAll("th, td").forEach((cell) => {
      if (!visible(cell)) {
        return;
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent.matchAll(/\\d[\\d,.]*\\d|\\d|\\S+/g)) {
          const figure = /^\\d/.test(word[0]) && /^[\\d,.]+$/.test(word[0]);
          if (!figure && word[0].length > LONGEST_WORD) {
            continue;
          }
          let lineTop = null;
          for (let offset = 0; offset < word[0].length; offset += 1) {
            const range = document.createRange();
            range.setStart(node, word.index + offset);
            range.setEnd(node, word.index + offset + 1);
            const rect = range.getBoundingClientRect();
            const top = Math.round(rect.top);
            const between = figure || (/[\\p{L}\\p{N}]/u.test(word[0][offset - 1] ?? "")
              && /[\\p{L}\\p{N}]/u.test(word[0][offset]));
            if (lineTop !== null && top > lineTop + 2 && between) {
              splitWords.push(word[0]);
              break;
            }
            lineTop = top;
          }
        }
      }
    });
    // Figures in a column of figures: tabular digits, right-aligned in a table.
    const unaligned = Array.from(table.querySelectorAll("td")).filter((cell) => {
      const column = Array.from(table.tBodies[0]?.rows ?? []).map((row) => row.cells[cell.cellIndex]);
      const texts = column.map((each) => (each ? each.textContent.trim() : "")).filter(Boolean);
      if (!visible(cell) || !texts.length || !texts.every((text) => /^[\\d,.]+%?$/.test(text))) {
        return false;
      }
      const style = getComputedStyle(cell);
      return !style.fontVariantNumeric.includes("tabular-nums")
        || (style.display === "table-cell" && !["right", "end"].includes(style.textAlign));
    }).map((cell) => cell.textContent.trim());
    return {
      caption: table.caption ? table.caption.textContent.trim() : "",
      width: table.getBoundingClientRect().width,
      clipped,
      splitWords,
      unaligned,
    };
  });
  return { charts, tables, viewport: window.innerWidth };
}"""


@dataclass
class Layout:
    """What a page looks like on a screen of one width: its charts' text and its tables."""

    path: str
    viewport: int
    scheme: str = "light"
    charts: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)


def _settled_page(context: Any, base_url: str, path: str, script: bool = True) -> Any:
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    open_page(page, base_url + path, CHART_TIMEOUT_MS)
    if script and page.locator("figure.house-chart").count():
        reach_for_charts(page)
        with suppress(PlaywrightError):
            page.wait_for_function(
                "() => document.documentElement.dataset.chartsRendered !== undefined",
                timeout=CHART_TIMEOUT_MS,
            )
    return page


def layout(
    browser: Any, base_url: str, path: str, width: int, scheme: str = "light", script: bool = True
) -> Layout:
    """The page laid out on a screen ``width`` pixels wide, in light or dark mode, its charts drawn
    live or, with ``script`` off, as the build drew them."""
    context = browser.new_context(
        viewport={"width": width, "height": 812}, color_scheme=scheme, java_script_enabled=script
    )
    try:
        page = _settled_page(context, base_url, path, script)
        page.evaluate("(scheme) => { document.documentElement.dataset.theme = scheme; }", scheme)
        measured = page.evaluate(_MEASURE_LAYOUT)
    finally:
        context.close()
    return Layout(path, measured["viewport"], scheme, measured["charts"], measured["tables"])


def _overlap(first: list[float], second: list[float]) -> float:
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    return min(width, height)


def chart_text_problems(shown: Layout) -> list[str]:
    """Chart text at least 11 px as drawn, never cut short or written over other text,
    and every chart as wide as its column lets it be, never wider."""
    problems = []
    for chart in shown.charts:
        name = f"{shown.path} at {shown.viewport} px: chart {chart['id']}"
        small = [text for text in chart["texts"] if text["px"] < SMALLEST_CHART_TEXT_PX - 0.05]
        if small:
            smallest = min(small, key=lambda text: text["px"])
            problems.append(
                f"{name}: {len(small)} texts under {SMALLEST_CHART_TEXT_PX} px, "
                f"the smallest {smallest['px']:.1f} px ({smallest['text']!r})"
            )
        cut = [text["text"] for text in chart["texts"] if text["text"].endswith("…")]
        if cut:
            problems.append(f"{name}: text cut short: {cut[:3]}")
        texts = chart["texts"]
        crossing = [
            (first["text"], second["text"])
            for index, first in enumerate(texts)
            for second in texts[index + 1 :]
            if _overlap(first["box"], second["box"]) > 2
        ]
        if crossing:
            problems.append(f"{name}: text written over other text: {crossing[:3]}")
        left, _top, right, _bottom = chart["view"]
        outside = [text["text"] for text in texts if text["box"][2] > right + 1 or text["box"][0] < left - 1]
        if outside:
            problems.append(f"{name}: text cut off at the chart's edge: {outside[:3]}")
        if chart["right"] > shown.viewport + 0.5:
            problems.append(f"{name}: the chart runs {chart['right'] - shown.viewport:.0f} px off the screen")
    return problems


# From this width up a chart is drawn live at its column's width, and fills it.
WIDE_SCREEN = 1024
FILLED_SHARE = 0.9


def chart_width_problems(shown: Layout) -> list[str]:
    """Each chart is one drawing, no wider than the screen, and on a wide screen as wide as
    (at least nine tenths of) its column."""
    problems = []
    for chart in shown.charts:
        name = f"{shown.path} at {shown.viewport} px: chart {chart['id']}"
        if chart["drawings"] != 1:
            problems.append(f"{name}: {chart['drawings']} drawings in the page, not one")
        if chart["right"] > shown.viewport + 0.5 or chart["width"] > shown.viewport:
            problems.append(f"{name}: {chart['width']:.0f} px wide on a {shown.viewport} px screen")
        if shown.viewport >= WIDE_SCREEN and chart["width"] < FILLED_SHARE * chart["column"]:
            problems.append(
                f"{name}: drawn {chart['width']:.0f} px wide in a {chart['column']:.0f} px column "
                f"({chart['width'] / max(chart['column'], 1):.0%})"
            )
    return problems


# WCAG 2.1 AA (1.4.3) for text under 18.66 px bold or 24 px, which is all chart text.
TEXT_CONTRAST = 4.5


def chart_contrast_problems(shown: Layout) -> list[str]:
    """Every chart text stands out from what lies behind it by WCAG AA's ratio."""
    problems = []
    for chart in shown.charts:
        faint = [text for text in chart["texts"] if text["contrast"] < TEXT_CONTRAST]
        if faint:
            worst = min(faint, key=lambda text: text["contrast"])
            where = f"{shown.path} at {shown.viewport} px, {shown.scheme}: chart {chart['id']}"
            problems.append(
                f"{where}: {len(faint)} texts under {TEXT_CONTRAST}:1 contrast, "
                f"the faintest {worst['contrast']:.1f}:1 ({worst['text']!r})"
            )
    return problems


def _each_table(shown: Layout, fault: Callable[[dict[str, Any]], str | None]) -> list[str]:
    """One line for each table of the page in which ``fault`` finds something, naming the table."""
    found = ((table, fault(table)) for table in shown.tables)
    return [
        f"{shown.path} at {shown.viewport} px: table {table['caption']!r} {detail}"
        for table, detail in found
        if detail
    ]


def table_fit_problems(shown: Layout) -> list[str]:
    """No table hides a column off the screen or out of its frame."""
    return _each_table(
        shown,
        lambda table: (
            f"({table['width']:.0f} px wide) hides {', '.join(table['clipped'])}"
            if table["clipped"]
            else None
        ),
    )


def table_word_problems(shown: Layout) -> list[str]:
    """No table breaks an ordinary word (16 characters at most) across lines."""
    return _each_table(
        shown,
        lambda table: (
            f"splits {len(table['splitWords'])} words across lines, such as {table['splitWords'][:3]}"
            if table["splitWords"]
            else None
        ),
    )


def table_figure_problems(shown: Layout) -> list[str]:
    """A column of figures is set in tabular digits and, laid out as a table, right-aligned."""
    return _each_table(
        shown,
        lambda table: (
            f"sets {len(table['unaligned'])} figures unaligned, such as {table['unaligned'][:3]}"
            if table["unaligned"]
            else None
        ),
    )


def axe_violations(browser: Any, base_url: str, path: str, scheme: str, width: int = 1280) -> list[str]:
    """What axe-core (WCAG 2.1 A and AA rules) finds on a page, in light or dark mode."""
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci` (make test does)")
    context = browser.new_context(viewport={"width": width, "height": 812}, color_scheme=scheme)
    try:
        page = _settled_page(context, base_url, path)
        # The theme follows the system's scheme in "auto" mode; setting it outright
        # also covers a reader who chose it with the theme's switch.
        page.evaluate("(scheme) => { document.documentElement.dataset.theme = scheme; }", scheme)
        page.add_script_tag(path=str(AXE_SCRIPT))
        found = page.evaluate(
            """async (tags) => {
              const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
              return results.violations.map((violation) => ({
                id: violation.id,
                help: violation.help,
                targets: violation.nodes.map((node) => node.target.join(" ")),
              }));
            }""",
            list(AXE_TAGS),
        )
    finally:
        context.close()
    return [
        f"{path} ({scheme}): {violation['id']}: {violation['help']} at {', '.join(violation['targets'][:3])}"
        + (f" and {len(violation['targets']) - 3} more" if len(violation["targets"]) > 3 else "")
        for violation in found
    ]
