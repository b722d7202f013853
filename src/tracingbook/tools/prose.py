"""Find figures typed into prose: every number a reader sees must be glued.

Digits are allowed only where they are not figures: years, dates, financial
years, quarters and legal or parliamentary citations (section 35, clause 30,
HC 677, SI 2018/912, 82 FR 8799). Everything inside roles (``{glue:text}`…```,
``{cite:p}`…```), inline code, link targets and HTML tags is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_IGNORED = re.compile(
    r"\{[\w:.-]+\}`[^`]*`"  # any MyST role: glue, cite, ref, doc, download ...
    r"|`[^`]*`"  # inline code
    r"|\]\([^)]*\)"  # link targets
    r"|<[^>]+>"  # HTML tags
    r"|\(https?://[^)]*\)|https?://\S+"  # bare addresses
    r"|\[\^?[\w-]+\]"  # footnote and link labels
)
_ALLOWED = re.compile(
    r"^\s*\d+[.)](?=\s)"  # the marker of an ordered list item
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?"  # 1 January 2017
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,\s+\d{{4}}"  # January 1, 2017
    r"|\b(?:19|20)\d\d/(?:\d\d)?\d\d\b"  # 2016/17, 2017/2018
    r"|\b(?:19|20)\d0s\b"  # the 2010s
    r"|\b(?:19|20)\d\d\b"  # a year
    r"|\bQ[1-4]\b"  # a quarter
    r"|\b\d+\s+FR\s+\d+\b"  # Federal Register citation
    r"|\bSI\s+\d{4}/\d+\b"  # statutory instrument
    # Legal and parliamentary references, in the case they are written in, so
    # that "in order 500 were refused" is still a typed figure.
    r"|\b(?:[Ss]ections?|s{1,2}\.|[Cc]lauses?|Parts?|[Pp]aras?\.?|[Pp]aragraphs?|[Ss]chedules?"
    r"|[Aa]rticles?|[Rr]egulations?|[Cc]hapter|HC|HL|HCWS|PQ|EO|No\.|Bill|Orders?|Act)"
    r"\s*\d+[A-Za-z]?(?:\(\d+[A-Za-z]?\))*"
)
_FENCE = re.compile(r"^\s*(`{3,}|:{3,})\s*(\{([\w:-]+)\})?")
# Fenced blocks whose content is code or configuration, not prose.
_NON_PROSE = {"code", "code-block", "code-cell", "bibliography", "toctree", "raw", "eval-rst", "math"}


EXCERPT_CONTEXT = 40  # characters either side of the first typed figure


@dataclass(frozen=True)
class TypedNumber:
    """A line of prose with a figure typed into it; ``cell`` counts every cell from 1."""

    file: str
    cell: int | None
    line: int
    text: str
    span: tuple[int, int] = (0, 0)  # where the first typed figure stands in ``text``

    @property
    def figure(self) -> str:
        return self.text[self.span[0] : self.span[1]]

    def excerpt(self) -> str:
        """The line around its first typed figure, so the figure is always quoted."""
        begin, finish = self.span
        start = max(0, begin - EXCERPT_CONTEXT)
        end = min(len(self.text), finish + EXCERPT_CONTEXT)
        excerpt = self.text[start:end].strip()
        return ("…" if start else "") + excerpt + ("…" if end < len(self.text.rstrip()) else "")

    def __str__(self) -> str:
        where = self.file if self.cell is None else f"{self.file}, cell {self.cell}"
        return f"{where}, line {self.line}: figure {self.figure!r} typed into prose: {self.excerpt()!r}"


def _blank(match: re.Match[str]) -> str:
    # Same length, so positions in the stripped line are positions in the line.
    return " " * len(match.group())


def typed_spans(line: str) -> list[tuple[int, int]]:
    """Where in a line of prose the digit runs stand that are not glued, dated or cited."""
    stripped = _ALLOWED.sub(_blank, _IGNORED.sub(_blank, line))
    return [match.span() for match in re.finditer(r"\d[\d,.]*", stripped)]


def typed_numbers_in_line(line: str) -> list[str]:
    """The digit runs in a line of prose that are not glued, dated or cited."""
    return [line[start:end] for start, end in typed_spans(line)]


def _prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    fence_stack: list[tuple[str, bool]] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            marker, directive = fence.group(1), fence.group(3)
            opener = fence_stack[-1][0] if fence_stack else ""
            closes = opener and not directive and marker[0] == opener[0] and len(marker) >= len(opener)
            if closes:
                fence_stack.pop()
                continue
            if directive is not None or not fence_stack or not fence_stack[-1][1]:
                fence_stack.append((marker, directive is None or directive in _NON_PROSE))
                continue
        if fence_stack and fence_stack[-1][1]:
            continue
        if re.match(r"^\s*:[\w-]+:", line):  # a directive's option
            continue
        if line.lstrip().startswith(("+++", "---")):
            continue
        yield number, line


def check_markdown(markdown: str, file: str, cell: int | None = None) -> list[TypedNumber]:
    found: list[TypedNumber] = []
    for number, line in _prose_lines(markdown):
        spans = typed_spans(line)
        if spans:
            found.append(TypedNumber(file, cell, number, line, spans[0]))
    return found


def check_document(path: Path, root: Path) -> list[TypedNumber]:
    """Check the prose of one notebook's markdown cells, or of one Markdown file."""
    name = str(path.relative_to(root))
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        found: list[TypedNumber] = []
        # Cells counted from 1, every kind, as a reader of the notebook counts them.
        for index, cell in enumerate(notebook["cells"], start=1):
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                found.extend(check_markdown(source, name, index))
        return found
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):  # front matter is configuration
        end = text.find("\n---", 4)
        text = "\n" * text[: end + 4].count("\n") + text[end + 4 :]
    return check_markdown(text, name)
