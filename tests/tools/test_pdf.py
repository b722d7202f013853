"""The PDF step of `make html`: printed again only when a page changed, and says so when it cannot print."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracingbook.cli import main
from tracingbook.tools.pdf import PDF_NAME, PdfError, is_current, link_from_landing_page

LANDING = '<html><body><article>Text</article><footer class="prev-next-footer"></footer></body></html>'


def site_with_pdf(tmp_path: Path) -> Path:
    site = tmp_path / "_build" / "html"
    (site / "book").mkdir(parents=True)
    (site / "book" / "index.html").write_text(LANDING, encoding="utf-8")
    (site / "book" / "history.html").write_text("<html>History</html>", encoding="utf-8")
    (site / PDF_NAME).write_bytes(b"%PDF-1.7\n")
    return site


def test_the_landing_page_offers_the_pdf_once(tmp_path: Path) -> None:
    site = site_with_pdf(tmp_path)
    link_from_landing_page(site, "book/index.html", site / PDF_NAME, 41)
    link_from_landing_page(site, "book/index.html", site / PDF_NAME, 42)
    text = (site / "book" / "index.html").read_text(encoding="utf-8")
    assert text.count("house-pdf-download") == 1
    assert f'href="../{PDF_NAME}"' in text and "(42 pages," in text


def test_a_pdf_is_current_until_a_page_changes(tmp_path: Path) -> None:
    site = site_with_pdf(tmp_path)
    assert not is_current(site)  # never printed from these pages
    link_from_landing_page(site, "book/index.html", site / PDF_NAME, 3)
    assert is_current(site)
    (site / "book" / "history.html").write_text("<html>History, corrected</html>", encoding="utf-8")
    assert not is_current(site)


def test_a_landing_page_without_the_themes_footer_is_refused(tmp_path: Path) -> None:
    site = site_with_pdf(tmp_path)
    (site / "book" / "index.html").write_text("<html><body>No footer</body></html>", encoding="utf-8")
    with pytest.raises(PdfError, match="no article footer"):
        link_from_landing_page(site, "book/index.html", site / PDF_NAME, 3)


def test_without_a_browser_the_build_says_so_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACINGBOOK_CHROMIUM", str(tmp_path / "no-chromium"))
    assert main(["pdf", "--if-changed", "--path-output", str(tmp_path)]) == 0
    missing = tmp_path / "no-chromium"
    assert capsys.readouterr().out == (
        f"PDF not printed: no Chromium at {missing} (name one with CHROMIUM=/path/to/chrome)\n"
    )
    assert main(["pdf", "--path-output", str(tmp_path)]) == 1  # `make pdf` asked for it: a failure


def test_an_unchanged_site_is_not_printed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_with_pdf(tmp_path)
    link_from_landing_page(site, "book/index.html", site / PDF_NAME, 3)
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setenv("TRACINGBOOK_CHROMIUM", str(chromium))
    assert main(["pdf", "--if-changed", "--path-output", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"PDF up to date: {site / PDF_NAME}\n"
