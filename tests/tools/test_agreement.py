"""No glued count is followed by a verb it may not agree with ('1 are wrong').

A count pasted as a bare number cannot make its verb agree when the data change;
such a count is glued with ``glue_count``, whose ``_words`` value carries the verb.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
# A glued whole number ({glue:text}`name:,d`, `name:d`) followed by a verb that agrees with it.
BARE_COUNT_THEN_VERB = re.compile(r"\{glue:text\}`[\w]+:[^`]*d`\s+(?:is|are|was|were|has|have)\b")


def bare_counts_with_verbs(markdown: str) -> list[str]:
    return [match.group(0) for match in BARE_COUNT_THEN_VERB.finditer(markdown)]


def test_the_check_finds_a_bare_count_before_a_verb() -> None:
    assert bare_counts_with_verbs("{glue:text}`claims_wrong:,d` are wrong") == [
        "{glue:text}`claims_wrong:,d` are"
    ]
    assert bare_counts_with_verbs("{glue:text}`share:.1f` per cent were") == []
    assert bare_counts_with_verbs("{glue:text}`claims_wrong_words`, and") == []
    assert bare_counts_with_verbs("{glue:text}`count:d` areas") == []


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")), ids=lambda path: path.name)
def test_no_chapter_pastes_a_bare_count_before_a_verb(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = [
        text
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for text in bare_counts_with_verbs("".join(cell["source"]))
    ]
    assert not found, f"{path.name}: use glue_count for {found}"
