from __future__ import annotations

import numpy as np
import pytest

from tracingbook.page.glue import as_plain_number


def test_numpy_scalars_become_plain_python_numbers() -> None:
    assert type(as_plain_number(np.int64(3))) is int
    assert type(as_plain_number(np.float64(2.5))) is float
    assert as_plain_number(np.int64(3)) == 3


@pytest.mark.parametrize("value", [True, "3", None])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="only numbers are glued"):
        as_plain_number(value)


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        as_plain_number(float("nan"))
