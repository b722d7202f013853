from __future__ import annotations

import math

import numpy as np
import pytest

from tracingbook.page import glue as glue_module
from tracingbook.page.glue import as_plain_number, shown


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


def test_glue_number_hands_the_plain_number_to_myst_nb(monkeypatch: pytest.MonkeyPatch) -> None:
    glued: list[tuple[str, object, bool]] = []
    monkeypatch.setattr(
        glue_module, "glue", lambda name, value, display: glued.append((name, value, display))
    )
    assert glue_module.glue_number("requests", np.int64(8127)) == 8127
    glue_module.glue_text("period", "Jan–Nov 2016")
    assert glued == [("requests", 8127, False), ("period", "Jan–Nov 2016", False)]
    assert type(glued[0][1]) is int
    with pytest.raises(TypeError, match="glue_text takes a str, not int"):
        glue_module.glue_text("period", 2016)  # type: ignore[arg-type]
    assert len(glued) == 2


def test_glue_count_glues_the_count_and_words_that_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    glued: dict[str, object] = {}
    monkeypatch.setattr(glue_module, "glue", lambda name, value, display: glued.__setitem__(name, value))
    assert glue_module.glue_count("wrong", np.int64(1), "claim is wrong", "claims are wrong") == 1
    assert glued == {"wrong": 1, "wrong_words": "1 claim is wrong"}
    glue_module.glue_count("wrong", 4, "claim is wrong", "claims are wrong")
    assert glued["wrong_words"] == "4 claims are wrong"
    with pytest.raises(TypeError, match="a count is a whole number"):
        glue_module.glue_count("wrong", 2.5, "claim is wrong", "claims are wrong")


def test_a_negative_zero_is_glued_and_shown_as_zero() -> None:
    assert math.copysign(1, as_plain_number(-0.0)) == 1
    assert shown(-0.0) == "0" and shown(-0.00001) == "0" and shown(-1.5) == "-1.5"
