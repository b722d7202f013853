"""The committed history of data/ may not change a published value without its correction."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tracingbook.cli import main
from tracingbook.tools.corrections import ANCHOR, HistoryError, anchor_commit, unexplained_changes

DESCRIPTOR = {
    "resources": [
        {"name": "tracing_requests", "path": "tracing_requests.csv", "schema": {"primaryKey": ["figure_id"]}},
        {"name": "corrections", "path": "corrections.csv", "schema": {"primaryKey": ["correction_id"]}},
    ]
}
FIGURES = "figure_id,value,period_end,note\nq1,725,2014-03-31,\nq2,1289,2015-03-31,\n"
CORRECTIONS = "correction_id,date,document,what,old,new,why,source_id,locator\n"
A_CORRECTION = "fix-q1,2026-12-07,statistics,Q1 requests,725,726,misread,paper,p 2\n"


def _git(repo: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True, text=True, check=True)
    return done.stdout


def _commit(repo: Path, message: str, files: dict[str, str]) -> str:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A book's history: data first, then the commit that brings in the check."""
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "editor@example.org")
    _git(tmp_path, "config", "user.name", "Editor")
    _commit(
        tmp_path,
        "The data",
        {
            "data/datapackage.json": json.dumps(DESCRIPTOR),
            "data/tracing_requests.csv": FIGURES,
            "data/corrections.csv": CORRECTIONS,
        },
    )
    _commit(tmp_path, "The check", {ANCHOR: "# the check\n"})
    return tmp_path


def test_a_changed_value_without_its_correction_is_refused(repo: Path) -> None:
    commit = _commit(repo, "Q1 is 726", {"data/tracing_requests.csv": FIGURES.replace("725", "726")})
    [found] = unexplained_changes(repo)
    assert found.commit == commit and found.subject == "Q1 is 726"
    assert [str(change) for change in found.changes] == [
        "data/tracing_requests.csv: q1, value '725' -> '726'"
    ]
    assert "without adding a row to data/corrections.csv" in str(found)


def test_a_changed_value_with_its_correction_passes(repo: Path) -> None:
    _commit(
        repo,
        "Q1 is 726, corrected",
        {
            "data/tracing_requests.csv": FIGURES.replace("725", "726"),
            "data/corrections.csv": CORRECTIONS + A_CORRECTION,
        },
    )
    assert unexplained_changes(repo) == []


def test_a_correction_in_a_later_commit_does_not_excuse_a_silent_one(repo: Path) -> None:
    _commit(repo, "Q1 is 726", {"data/tracing_requests.csv": FIGURES.replace("725", "726")})
    _commit(repo, "Its correction", {"data/corrections.csv": CORRECTIONS + A_CORRECTION})
    assert [found.subject for found in unexplained_changes(repo)] == ["Q1 is 726"]


def test_a_removed_row_and_a_changed_period_are_published_changes(repo: Path) -> None:
    changed = "figure_id,value,period_end,note\nq1,725,2014-03-30,\n"
    _commit(repo, "Drop q2, end q1 earlier", {"data/tracing_requests.csv": changed})
    [found] = unexplained_changes(repo)
    assert [str(change) for change in found.changes] == [
        "data/tracing_requests.csv: q1, period_end '2014-03-31' -> '2014-03-30'",
        "data/tracing_requests.csv: row q2 removed",
    ]


def test_new_rows_notes_and_unpublished_columns_need_no_correction(repo: Path) -> None:
    grown = FIGURES.replace("2014-03-31,", "2014-03-31,read twice") + "q3,2367,2016-03-31,\n"
    _commit(repo, "A new figure and a note", {"data/tracing_requests.csv": grown})
    assert unexplained_changes(repo) == []


def test_uncommitted_edits_and_history_before_the_check_are_not_examined(repo: Path) -> None:
    (repo / "data/tracing_requests.csv").write_text(FIGURES.replace("725", "999"), encoding="utf-8")
    assert unexplained_changes(repo) == []
    assert main(["--root", str(repo), "corrections"]) == 0
    # The first commit changed nothing it could be checked against; the anchor is the second.
    assert anchor_commit(repo) == _git(repo, "rev-parse", "HEAD").strip()


def test_the_command_names_each_silent_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _commit(repo, "Q1 is 726", {"data/tracing_requests.csv": FIGURES.replace("725", "726")})
    assert main(["--root", str(repo), "corrections"]) == 1
    error = capsys.readouterr().err
    assert "(Q1 is 726) changes published values" in error and "q1, value '725' -> '726'" in error


def test_without_git_history_there_is_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), "corrections"]) == 0
    assert "not a git repository" in capsys.readouterr().out


def test_a_shallow_clone_without_the_check_says_how_to_read_the_history(repo: Path, tmp_path: Path) -> None:
    for number in range(3):
        _commit(repo, f"Later {number}", {"notes.txt": str(number)})
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True
    )
    with pytest.raises(HistoryError, match="git fetch --unshallow"):
        unexplained_changes(clone)
