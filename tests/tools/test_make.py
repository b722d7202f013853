"""The Makefile: each chapter executes once in `make test`, and any browser can run the browser tests."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import PROJECT_ROOT


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)


def test_make_test_executes_the_chapters_once_and_builds_from_their_stored_outputs() -> None:
    plan = make("-n", "test").stdout
    assert plan.count("-m tracingbook check-outputs") == 1
    assert "--nbval" not in plan, "nbval runs once, inside check-outputs"
    (build,) = [line for line in plan.splitlines() if "jupyter-book build" in line]
    assert build.startswith("TRACINGBOOK_STORED_OUTPUTS=1 ")
    assert plan.index("check-outputs") < plan.index("jupyter-book build") < plan.index("pytest -m browser")


def test_make_test_validates_first_then_runs_checks_and_site_side_by_side() -> None:
    plan = make("-n", "test").stdout.splitlines()
    assert plan.index(next(line for line in plan if line.endswith("-m tracingbook validate"))) < min(
        index for index, line in enumerate(plan) if "-j2" in line
    )
    (streams,) = [line for line in plan if "-j2" in line]
    assert streams.endswith("test-checks test-site-browser")
    (nobrowser,) = [line for line in make("-n", "test-nobrowser").stdout.splitlines() if "-j2" in line]
    assert nobrowser.endswith("test-checks test-site")


def test_the_readers_build_executes_fresh() -> None:
    plan = make("-n", "html").stdout
    assert "jupyter-book build" in plan and "TRACINGBOOK_STORED_OUTPUTS" not in plan


def test_a_browser_named_by_chromium_is_used_and_never_installed() -> None:
    present = make("-s", "browser", f"CHROMIUM={sys.executable}")
    assert present.returncode == 0 and "apt-get" not in present.stdout + present.stderr
    missing = make("-s", "browser", "CHROMIUM=/nowhere/chrome")
    assert missing.returncode != 0
    assert "No browser at CHROMIUM=/nowhere/chrome" in missing.stderr


def test_the_browser_tests_are_told_which_browser_even_with_spaces_in_its_path() -> None:
    mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    shown = make(
        "-s", "--eval", 'show-browser: ; @echo "$$TRACINGBOOK_CHROMIUM"', "show-browser", f"CHROMIUM={mac}"
    )
    assert shown.stdout.strip() == mac


def test_restore_puts_back_data_and_chapters_together() -> None:
    assert "git checkout -- data book" in make("-n", "restore").stdout
