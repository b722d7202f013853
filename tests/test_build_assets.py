from __future__ import annotations

from pathlib import Path

import pytest

from tracingbook.build.assets import packaged, publish


def test_publish_copies_a_packaged_file_into_static(tmp_path: Path) -> None:
    target = publish(tmp_path, "house-site.css")
    assert target == tmp_path / "_static" / "house-site.css"
    assert target.read_text(encoding="utf-8") == packaged("house-site.css") != ""


def test_an_unknown_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        publish(tmp_path, "no-such-file.css")
