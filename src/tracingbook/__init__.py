"""Load, validate, chart and check the data behind the NHS tracing book."""

from .load import BookData, load_book_data
from .validate import DataValidationError, Problem

__all__ = ["BookData", "DataValidationError", "Problem", "load_book_data"]
