"""Each row's source named for a tooltip: its publisher and document title."""

from __future__ import annotations

import pandas as pd


def with_source_names(
    frame: pd.DataFrame, sources: pd.DataFrame, *, title: str = "source_title"
) -> pd.DataFrame:
    """The frame with the ``publisher`` and the title (as column ``title``) of each row's source_id."""
    names = sources.set_index("id")[["publisher", "title"]].rename(columns={"title": title})
    unknown = sorted(set(frame["source_id"]) - set(names.index))
    if unknown:
        raise KeyError(f"sources.csv has no id {', '.join(repr(source) for source in unknown)}")
    return frame.join(names, on="source_id", validate="many_to_one")
