"""Load, validate, chart and check the data behind the NHS tracing book."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracingbook.data.load import BookData, load_book_data
    from tracingbook.data.validate import DataValidationError, Problem

__all__ = ["BookData", "DataValidationError", "Problem", "load_book_data"]
# Imported on first use, so that a command that needs no data (the PDF step of every build) starts at once.
_HOMES = {"BookData": "data.load", "load_book_data": "data.load", "DataValidationError": "data.validate",
          "Problem": "data.validate"}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tracingbook' has no attribute {name!r}")
    return getattr(import_module(f"tracingbook.{_HOMES[name]}"), name)
