"""Lighthouse on every page of a built site, as a phone would see it.

Lighthouse (the version bench/package-lock.json pins; ``npm ci --prefix
bench`` installs it) drives Debian's Chromium with its default mobile
settings: a phone-sized screen, simulated slow 4G and a slowed CPU. The site
is served from 127.0.0.1 by a server that gzips text as a static host does
(bench/serve.py). For each page it prints the four scores and the paints;
then the targets, PASS or MISS; then what Lighthouse says would save most
(unused script and style, render-blocking files), for the work still to do.

Run on its own: ``.venv/bin/python bench/lighthouse.py [SITE]`` (default
``_build/html``); ``make bench`` runs it on its fresh build.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.serve import serve_gzipped  # noqa: E402
from tests.browser.sitecheck import chromium_path, site_pages  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
RUN_TIMEOUT_S = 300

TARGET_PERFORMANCE = 90
TARGET_OTHER_SCORES = 95
TARGET_FCP_MS = 2_000

# Lighthouse 12.2.3 on this machine before this work (issue 12's text).
BEFORE: dict[str, dict[str, float]] = {
    "book/index.html": {"performance": 87, "seo": 90, "fcp_ms": 2_400},
    "book/statistics.html": {"performance": 74, "seo": 90, "fcp_ms": 2_400},
}
_REFRESH = re.compile(r"""<meta[^>]*http-equiv=["']?refresh""", re.IGNORECASE)


@dataclass
class PageScore:
    """One page's Lighthouse report, reduced to what the benchmark prints."""

    path: str
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    savings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    failed_audits: list[str] = field(default_factory=list)
    audit_errors: list[str] = field(default_factory=list)

    def misses(self) -> list[str]:
        found = []
        if self.scores["performance"] < TARGET_PERFORMANCE:
            found.append(f"performance {self.scores['performance']} < {TARGET_PERFORMANCE}")
        for name in CATEGORIES[1:]:
            if self.scores[name] < TARGET_OTHER_SCORES:
                found.append(f"{name} {self.scores[name]} < {TARGET_OTHER_SCORES}")
        if self.fcp_ms > TARGET_FCP_MS:
            found.append(f"FCP {self.fcp_ms / 1000:.1f} s > {TARGET_FCP_MS / 1000:.0f} s")
        return found


def measured_pages(site: Path) -> list[str]:
    """Every page of the site except those that only redirect (Lighthouse measures their target)."""
    return [page for page in site_pages(site) if not _REFRESH.search((site / page).read_text("utf-8"))]


def _items(report: dict[str, Any], audit: str) -> list[dict[str, Any]]:
    details = report["audits"].get(audit, {}).get("details") or {}
    return list(details.get("items") or [])


def reduce(path: str, report: dict[str, Any]) -> PageScore:
    audits = report["audits"]
    failed = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{name}: {ref['id']} ({audit.get('title', '')})")
    return PageScore(
        path=path,
        scores={name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES},
        fcp_ms=float(audits["first-contentful-paint"]["numericValue"]),
        lcp_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        tbt_ms=float(audits["total-blocking-time"]["numericValue"]),
        cls=float(audits["cumulative-layout-shift"]["numericValue"]),
        savings={
            "unused JavaScript": _items(report, "unused-javascript"),
            "unused CSS": _items(report, "unused-css-rules"),
            "render-blocking": _items(report, "render-blocking-resources"),
        },
        failed_audits=failed,
        audit_errors=[
            f"{audit}: {audits[audit].get('errorMessage')}"
            for audit in ("unused-javascript", "unused-css-rules", "render-blocking-resources")
            if audits.get(audit, {}).get("scoreDisplayMode") == "error"
        ],
    )


def lighthouse(url: str, output: Path) -> dict[str, Any]:
    """Lighthouse's JSON report for one address (mobile preset, simulated throttling)."""
    if not LIGHTHOUSE.is_file():
        sys.exit(f"Lighthouse is not installed: run `npm ci --prefix bench` ({LIGHTHOUSE} missing)")
    command = [
        "node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    environment = {**os.environ, "CHROME_PATH": chromium_path()}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if done.returncode != 0 or not output.is_file():
        sys.exit(f"Lighthouse failed on {url} ({done.returncode}):\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"Lighthouse could not measure {url}: {report['runtimeError']}")
    return report


def measure(site: Path, reports: Path) -> list[PageScore]:
    reports.mkdir(parents=True, exist_ok=True)
    results = []
    with serve_gzipped(site) as base_url:
        for path in measured_pages(site):
            report = lighthouse(base_url + path, reports / (path.replace("/", "_") + ".json"))
            results.append(reduce(path, report))
    return results


def _before(path: str, key: str, unit: str = "") -> str:
    value = BEFORE.get(path, {}).get(key)
    if value is None:
        return ""
    return f" ({value / 1000:.1f}{unit})" if unit else f" ({value:.0f})"


def _short(url: str) -> str:
    return re.sub(r"^https?://[^/]+/", "", url)


def print_report(results: list[PageScore]) -> bool:
    """Print the scores, the targets and the savings; return whether every target was met."""
    print("\nLighthouse 12.2.3, mobile (simulated slow 4G, 4x slower CPU), gzipped; (before) if known")
    columns = ("page", "perf", "a11y", "best", "seo", "FCP", "LCP", "TBT", "CLS")
    widths = (26, 9, 5, 5, 9, 12, 7, 7, 6)
    print("  " + " ".join(f"{name:<{width}}" for name, width in zip(columns, widths, strict=True)))
    for page in results:
        s = page.scores
        cells = (
            page.path,
            f"{s['performance']}{_before(page.path, 'performance')}",
            str(s["accessibility"]),
            str(s["best-practices"]),
            f"{s['seo']}{_before(page.path, 'seo')}",
            f"{page.fcp_ms / 1000:.1f} s{_before(page.path, 'fcp_ms', ' s')}",
            f"{page.lcp_ms / 1000:.1f} s",
            f"{page.tbt_ms:.0f} ms",
            f"{page.cls:.3f}",
        )
        print("  " + " ".join(f"{cell:<{width}}" for cell, width in zip(cells, widths, strict=True)))
    print("\ntargets (every page)")
    met = True
    for label, check in (
        (f"performance >= {TARGET_PERFORMANCE}", lambda p: p.scores["performance"] >= TARGET_PERFORMANCE),
        *(
            (f"{name} >= {TARGET_OTHER_SCORES}", lambda p, n=name: p.scores[n] >= TARGET_OTHER_SCORES)
            for name in CATEGORIES[1:]
        ),
        (f"first contentful paint <= {TARGET_FCP_MS / 1000:.0f} s", lambda p: p.fcp_ms <= TARGET_FCP_MS),
    ):
        missing = [page.path for page in results if not check(page)]
        met = met and not missing
        detail = f"{len(missing)} of {len(results)} miss: {', '.join(missing)}" if missing else "all pages"
        print(f"  {'MISS' if missing else 'PASS'}  {label} ({detail})")
    failed = sorted({audit for page in results for audit in page.failed_audits})
    if failed:
        print("\naudits failed on some page (accessibility, best practices, SEO)")
        for audit in failed:
            pages = [page.path for page in results if audit in page.failed_audits]
            print(f"  {audit}: {len(pages)} pages")
    print("\nwhat would save most, per file, on the page where it costs most")
    for kind in ("unused JavaScript", "unused CSS", "render-blocking"):
        worst: dict[str, dict[str, Any]] = {}
        for page in results:
            for item in page.savings.get(kind, []):
                key = _short(str(item.get("url", "")))
                if key not in worst or item.get("wastedBytes", 0) > worst[key].get("wastedBytes", 0):
                    worst[key] = {**item, "page": page.path}
        ranked = sorted(
            worst.items(), key=lambda pair: -float(pair[1].get("wastedBytes") or pair[1].get("wastedMs") or 0)
        )
        for url, item in ranked[:6]:
            wasted = item.get("wastedBytes", 0) / 1024
            total = item.get("totalBytes", 0) / 1024
            blocking = f", blocks {item['wastedMs']:.0f} ms" if "wastedMs" in item else ""
            print(f"  {kind:<18} {url:<48} {wasted:7.0f} of {total:5.0f} KiB unused{blocking}")
    errors = sorted({error for page in results for error in page.audit_errors})
    for error in errors:
        print(f"  not measured (Lighthouse's own error with this Chromium): {error}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracingbook-lighthouse-") as folder:
        print_report(measure(args.site.resolve(), Path(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
