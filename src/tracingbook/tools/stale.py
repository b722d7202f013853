"""`python -m tracingbook check-outputs`: nbval over the chapters, reported for a person.

nbval executes each chapter once and compares every output with the stored one;
it stays the judge. This module only tells the result in a few lines per
chapter: which cell (counted from 1, as a reader of the notebook counts),
which glued values changed from what to what, which other output changed,
and the one command that refreshes them. It also fails a cell whose glued
names differ from the stored ones, which nbval skips (they live in the
outputs' metadata).
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tracingbook.sphinx.locations import cell_error

GLUE_PREFIX = "application/papermill.record/"
REFRESH = "make notebooks"
# nbval's message for a cell that ran but whose outputs differ; any other failure is an error.
OUTPUTS_DIFFER = "Cell outputs differ"
_KINDS = (
    ("application/vnd.vegalite", "a chart"),
    ("text/html", "a table or formatted text"),
    ("text/plain", "printed text"),
)


def glued_values(outputs: Sequence[Any]) -> dict[str, str]:
    """Glued name → the value's text, from a cell's outputs."""
    values: dict[str, str] = {}
    for output in outputs:
        name = output.get("metadata", {}).get("scrapbook", {}).get("name")
        data = output.get("data", {})
        if name is None:
            continue
        text = data.get(f"{GLUE_PREFIX}text/plain")
        values[name] = "".join(text) if isinstance(text, list) else str(text)
    return values


def _kind(outputs: Sequence[Any]) -> str:
    keys = {key for output in outputs for key in output.get("data", {})} | {
        f"stream/{output.get('name')}" for output in outputs if output.get("output_type") == "stream"
    }
    for prefix, kind in _KINDS:
        if any(key.startswith(prefix) for key in keys):
            return kind
    return "printed text" if keys else "nothing"


@dataclass
class CellChange:
    cell: int  # from 1, every cell counted
    prompt: int | None  # the execution count JupyterLab shows as [n]
    lines: list[str]

    def heading(self) -> str:
        prompt = f" ([{self.prompt}] in JupyterLab)" if self.prompt else ""
        return f"cell {self.cell}{prompt}"


def describe(stored: Sequence[Any], fresh: Sequence[Any]) -> list[str]:
    """What changed between a cell's stored and freshly computed outputs, in plain words."""
    before, after = glued_values(stored), glued_values(fresh)
    changed = [name for name in before if name in after and before[name] != after[name]]
    lines = [f"{name}: {before[name]} → {after[name]}" for name in changed]
    lines += [f"{name}: no longer glued (was {before[name]})" for name in before if name not in after]
    lines += [f"{name}: newly glued ({after[name]})" for name in after if name not in before]
    if not lines:
        lines.append(f"its output ({_kind(stored)}) differs from a fresh run (now {_kind(fresh)})")
    return lines


@dataclass
class ChapterReport:
    path: str
    changes: list[CellChange] = field(default_factory=list)
    error: str | None = None


class StaleOutputReport:
    """A pytest plugin, for a run of nbval, that keeps what changed and prints it at the end."""

    def __init__(self) -> None:
        self.chapters: dict[str, ChapterReport] = {}

    def _chapter(self, item: Any) -> ChapterReport:
        path = str(item.parent.fspath.relto(item.config.rootdir) or item.parent.fspath)
        return self.chapters.setdefault(path, ChapterReport(path))

    @staticmethod
    def _position(item: Any) -> int:
        cells = item.parent.nb.cells
        return next(index for index, cell in enumerate(cells, start=1) if cell is item.cell)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: Any, call: Any) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        if call.when != "call" or not hasattr(item, "test_outputs") or not hasattr(item, "cell"):
            return
        chapter = self._chapter(item)
        stored, fresh = item.cell.get("outputs", []), item.test_outputs or []
        change = CellChange(self._position(item), item.cell.get("execution_count"), [])
        if (
            report.failed
            and call.excinfo is not None
            and not str(call.excinfo.value).startswith(OUTPUTS_DIFFER)
        ):
            if chapter.error is None:
                error = next((output for output in fresh if output.get("output_type") == "error"), None)
                detail = f"{error['ename']}: {error['evalue']}" if error else str(call.excinfo.value)
                traceback = "\n".join(error.get("traceback", [])) if error else ""
                cells = item.parent.nb.cells
                chapter.error = cell_error(chapter.path, cells, change.cell, traceback, detail).message()
            return
        if report.failed:
            change.lines = describe(stored, fresh)
        elif list(glued_values(stored)) != list(glued_values(fresh)):
            change.lines = describe(stored, fresh)
            report.outcome = "failed"
            report.longrepr = "glued names differ from the stored outputs"
        if change.lines:
            chapter.changes.append(change)

    def lines(self) -> list[str]:
        stale = [chapter for chapter in self.chapters.values() if chapter.changes or chapter.error]
        if not stale:
            return []
        out = ["", f"Stored outputs disagree with a fresh run in {len(stale)} chapter(s):"]
        for chapter in stale:
            if chapter.error:
                # The message names the chapter, the cell, the line and the command itself.
                out.extend(f"  {line}" for line in chapter.error.splitlines())
                out.append("  (the cells after it cannot run; fix that first)")
                continue
            out.append(f"  {chapter.path}")
            for change in chapter.changes:
                out.append(f"    {change.heading()}:")
                out.extend(f"      {line}" for line in change.lines)
        if any(chapter.changes for chapter in stale):
            out.append(f"If the data or the code changed on purpose, run `{REFRESH}` to store fresh outputs,")
            out.append("then `git diff --stat book/` shows which chapters changed.")
        return out

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for line in self.lines():
            terminalreporter.write_line(line)


def check_outputs(root: Path, notebooks: Sequence[Path]) -> int:
    """Run nbval once over the notebooks, with a short report; pytest's exit code."""
    arguments = [
        "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
        "--tb=no", "-rN", "--no-header", f"--rootdir={root}",
        *[str(path) for path in notebooks],
    ]  # fmt: skip
    return int(pytest.main(arguments, plugins=[StaleOutputReport()]))
