"""Every name a chapter's text pastes is glued by that chapter.

MyST-NB finds a misspelled glue name only while it builds the page, and then
(before ``tracingbook.sphinx.locations``) pointed at "line 230004". This check
reads the notebook file alone: the names in its ``{glue...}`` roles and
directives against the names its stored outputs glue, and names the cell
(counted from 1) and the line, with the nearest glued name.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# {glue}`name`, {glue:text}`name:,d`, {glue:md}`name`; and ```{glue:figure} name
_ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`(?P<key>[^`:]+(?:::[^`:]+)?)(?::[^`]*)?`")
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{glue(?::[a-z]+)?\}\s+(?P<key>\S+)")


@dataclass(frozen=True)
class UnknownName:
    file: str
    cell: int | None
    line: int
    name: str
    nearest: str | None

    def __str__(self) -> str:
        where = self.file if self.cell is None else f"{self.file}, cell {self.cell}"
        hint = f" Did you mean {self.nearest!r}?" if self.nearest else ""
        return (
            f"{where}, line {self.line}: the text pastes {self.name!r}, which no code cell of this "
            f"chapter glues.{hint} Glue it with glue_number({self.name!r}, ...) or correct the name; "
            "after changing code, run `make notebooks`."
        )


def pasted_names(markdown: str) -> list[tuple[int, str]]:
    """(line from 1, name) for every glue role and directive in a piece of Markdown."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        found.extend((number, match["key"]) for match in _ROLE.finditer(line))
        directive = _DIRECTIVE.match(line)
        if directive:
            found.append((number, directive["key"]))
    return found


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def glued_names(notebook: dict[str, Any]) -> set[str]:
    """The names a notebook's stored outputs glue (MyST-NB keeps them in scrapbook metadata)."""
    return {
        output["metadata"]["scrapbook"]["name"]
        for cell in notebook.get("cells", [])
        for output in cell.get("outputs", [])
        if isinstance(output.get("metadata", {}).get("scrapbook"), dict)
        and "name" in output["metadata"]["scrapbook"]
    }


def unknown_names(path: Path, root: Path) -> list[UnknownName]:
    """Names pasted in a notebook's text that its stored outputs do not glue.

    A name written ``other-page::name`` pastes from another chapter; it is
    checked against that chapter's stored outputs.
    """
    if path.suffix != ".ipynb":
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    glued = glued_names(notebook)
    problems: list[UnknownName] = []
    for index, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        for line, key in pasted_names(_source(cell)):
            names, name = glued, key
            if "::" in key:
                page, name = key.split("::", 1)
                other = (path.parent / page).with_suffix(".ipynb")
                names = (
                    glued_names(json.loads(other.read_text(encoding="utf-8"))) if other.is_file() else set()
                )
            if name not in names:
                nearest = difflib.get_close_matches(name, sorted(names), n=1)
                problems.append(
                    UnknownName(
                        str(path.relative_to(root)), index, line, key, nearest[0] if nearest else None
                    )
                )
    return problems
