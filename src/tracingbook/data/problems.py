"""What a broken rule looks like: the file, line, column, rule and value, in plain words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A value is quoted in full up to this length; past it, its start is enough to find it.
SHOWN_CHARACTERS = 80
# A file saved in the wrong encoding breaks every cell; the first problems say enough.
SHOWN_PROBLEMS = 50


def shown(value: str) -> str:
    """The value as Python would write it (so invisible characters show), cut short if long."""
    if len(value) <= SHOWN_CHARACTERS:
        return repr(value)
    return f"{value[:SHOWN_CHARACTERS]!r}… ({len(value):,} characters)"


@dataclass(frozen=True)
class Problem:
    """One broken rule, located as precisely as the rule allows."""

    file: str
    line: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        value = "" if self.value is None else f" (value: {shown(self.value)})"
        return f"{where}: [{self.rule}] {self.message}{value}"


class DataValidationError(ValueError):
    """Raised when any file in data/ breaks a rule; lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data package:"]
        lines += [f"  - {problem}" for problem in self.problems[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            lines.append(f"  … and {count - SHOWN_PROBLEMS:,} more")
        super().__init__("\n".join(lines))


class DescriptorError(DataValidationError):
    """The descriptor itself is unreadable or malformed, so no table is read."""
