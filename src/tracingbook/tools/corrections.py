"""`python -m tracingbook corrections`: no published value changes silently.

A published value is one a reader of the book has seen and may have quoted:

- a figure of ``tracing_requests.csv``: its value, qualifier, period, requester,
  holder or measure;
- a claim of ``claims.csv`` or ``rule_claims.csv``: its quotation or the value
  it states, read with its comparator and unit;
- a date: of an event (``timeline.csv``), of a regime's start or end
  (``regimes.csv``), of a source (``sources.csv``);
- a rule's answer (``rules.csv``, column ``value``).

A row is known by its primary key. A committed change to one of those columns
in a row that was there before, or the removal of such a row, must come in the
same commit as a new row of ``corrections.csv`` saying why. New rows publish
something new and need none; nor do notes, locators or any other column.

Only the committed history is read, from the commit that brought this check
in (the first to add this file) to HEAD, so a change not yet committed (a
student trying a value, a correction in preparation) is never refused.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA = "data"
DESCRIPTOR = f"{DATA}/datapackage.json"
CORRECTIONS = f"{DATA}/corrections.csv"
CORRECTION_KEY = "correction_id"
# The commit that first adds this file is where the committed history starts to be checked.
ANCHOR = "src/tracingbook/tools/corrections.py"

# Table (its resource name) -> the columns whose values are published.
PUBLISHED: Mapping[str, tuple[str, ...]] = {
    "tracing_requests": (
        "value",
        "qualifier",
        "period_start",
        "period_end",
        "requester",
        "holder",
        "measure",
    ),
    "claims": ("quote", "stated_value", "comparator", "unit"),
    "rule_claims": ("quote", "stated_value"),
    "timeline": ("date", "date_precision"),
    "regimes": ("start", "end"),
    "sources": ("date", "date_precision"),
    "rules": ("value",),
}


class HistoryError(RuntimeError):
    """The history cannot be read (git missing or failing, a shallow clone)."""


@dataclass(frozen=True)
class Change:
    """One published value changed or removed by a commit."""

    path: str
    key: str
    column: str | None  # None: the whole row was removed
    old: str
    new: str

    def __str__(self) -> str:
        if self.column is None:
            return f"{self.path}: row {self.key} removed"
        return f"{self.path}: {self.key}, {self.column} {self.old!r} -> {self.new!r}"


@dataclass(frozen=True)
class Unexplained:
    """A commit that changes published values and adds no correction."""

    commit: str
    subject: str
    changes: tuple[Change, ...]

    def __str__(self) -> str:
        listed = "\n".join(f"  - {change}" for change in self.changes)
        return (
            f"commit {self.commit[:10]} ({self.subject}) changes published values without "
            f"adding a row to {CORRECTIONS} that says why:\n{listed}"
        )


def _git(root: Path, *arguments: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *arguments], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise HistoryError("git is not installed, so the history of data/ cannot be checked") from None
    if done.returncode != 0:
        raise HistoryError(f"git {' '.join(arguments)} failed: {done.stderr.strip()}")
    return done.stdout


def _file_at(root: Path, commit: str, path: str) -> str | None:
    """A file's text at a commit, or None where the commit has no such file."""
    done = subprocess.run(
        ["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def _rows(text: str | None, key: tuple[str, ...]) -> dict[str, dict[str, str]]:
    if text is None:
        return {}
    rows = csv.DictReader(io.StringIO(text))
    return {" / ".join((row.get(part) or "").strip() for part in key): row for row in rows}


def _tables(descriptor: str | None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each published table's file and primary key, as a commit's descriptor gives them."""
    if descriptor is None:
        return {}
    try:
        resources = json.loads(descriptor).get("resources", [])
    except (json.JSONDecodeError, AttributeError):
        return {}  # a broken descriptor fails validation; there is no key to compare by
    found = {}
    for resource in resources:
        name, key = resource.get("name"), resource.get("schema", {}).get("primaryKey")
        if name in PUBLISHED and isinstance(key, list | str) and resource.get("path"):
            found[name] = (f"{DATA}/{resource['path']}", tuple([key] if isinstance(key, str) else key))
    return found


def published_changes(root: Path, parent: str, commit: str) -> list[Change]:
    """The published values ``commit`` changes or removes, against ``parent``."""
    before, after = _tables(_file_at(root, parent, DESCRIPTOR)), _tables(_file_at(root, commit, DESCRIPTOR))
    changes = []
    for name, (path, key) in after.items():
        if name not in before:
            continue
        old_rows = _rows(_file_at(root, parent, before[name][0]), key)
        new_rows = _rows(_file_at(root, commit, path), key)
        for row_key, old in old_rows.items():
            new = new_rows.get(row_key)
            if new is None:
                changes.append(Change(path, row_key, None, "", ""))
                continue
            for column in PUBLISHED[name]:
                if column in old and column in new and old[column].strip() != new[column].strip():
                    changes.append(Change(path, row_key, column, old[column], new[column]))
    return changes


def _corrections_added(root: Path, parent: str, commit: str) -> bool:
    key = (CORRECTION_KEY,)
    before = _rows(_file_at(root, parent, CORRECTIONS), key)
    after = _rows(_file_at(root, commit, CORRECTIONS), key)
    return bool(set(after) - set(before))


def anchor_commit(root: Path, anchor: str = ANCHOR) -> str | None:
    """The commit that first added the check, or None where the history does not hold it."""
    found = _git(root, "log", "--diff-filter=A", "--format=%H", "--", anchor).split()
    return found[-1] if found else None


def unexplained_changes(root: Path, anchor: str = ANCHOR) -> list[Unexplained]:
    """Every commit after the anchor that changes a published value without a correction."""
    start = anchor_commit(root, anchor)
    shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    # In a shallow clone the oldest commit kept seems to add every file, the check's too.
    cut = start is not None and len(_git(root, "rev-list", "--parents", "-n", "1", start).split()) < 2
    if shallow and (start is None or cut):
        raise HistoryError(
            "this clone is shallow and lacks the commit that brought in the corrections check: "
            "run `git fetch --unshallow` to check the history of data/"
        )
    if start is None:
        return []
    found = []
    log = _git(root, "log", "--reverse", "--format=%H %P%x09%s", f"{start}..HEAD", "--", f"{DATA}/")
    for line in log.splitlines():
        hashes, _, subject = line.partition("\t")
        commit, *parents = hashes.split()
        if not parents:
            continue
        changes = published_changes(root, parents[0], commit)
        if changes and not _corrections_added(root, parents[0], commit):
            found.append(Unexplained(commit, subject, tuple(changes)))
    return found


def is_repository(root: Path) -> bool:
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and Path(done.stdout.strip()).resolve() == root.resolve()
