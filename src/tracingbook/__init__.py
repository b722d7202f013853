"""Load, validate, chart and check the data behind the NHS tracing book."""

from tracingbook.data.load import BookData, load_book_data
from tracingbook.data.validate import DataValidationError, Problem

__all__ = ["BookData", "DataValidationError", "Problem", "load_book_data"]
